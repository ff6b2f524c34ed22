"""Markup of a brief for phones and mail readers, without a kernel: each table cell carries
its column's header (``data-label``) and tables too wide for a phone are marked
``qsp-wide`` (stacked into cards by the CSS); an SVG figure becomes an ``<img>`` with its
alt text."""

from __future__ import annotations

import base64
import re

import nbformat
import pandas as pd

from qsp_lib.core.brief import table_html
from qsp_lib.runner.render import (
    FALLBACK_ALT,
    PHONE_TEXT_PX,
    figures_as_images,
    label_cells,
    render,
)


def _wide() -> str:
    df = pd.DataFrame(
        {
            "Zone": ["Barres sud, bd de Metz (bas)", "Îlot ouest"],
            "Lden avant (dB)": [69.0, 66.0],
            "dont A25 (dB)": [68.9, 65.9],
            "Lden après (dB)": [59.3, 60.1],
            "Écart (dB)": [-9.7, -5.9],
        }
    )
    return table_html(df, caption="Par zone : niveau total avant et après")


def test_every_body_cell_gets_its_column_header_and_wide_tables_are_marked():
    page = label_cells(_wide())
    assert '<table class="qsp-wide">' in page
    cells = re.findall(r'<td[^>]*data-label="([^"]*)"[^>]*>([^<]*)</td>', page)
    assert cells[:5] == [
        ("Zone", "Barres sud, bd de Metz (bas)"),
        ("Lden avant (dB)", "69,0"),
        ("dont A25 (dB)", "68,9"),
        ("Lden après (dB)", "59,3"),
        ("Écart (dB)", "-9,7"),
    ]
    assert len(cells) == 10
    assert label_cells(page) == page  # labelled once


def test_a_table_that_fits_a_phone_stays_a_table():
    # 2 columns: "Bande (Hz)" 10 chars, "Diffraction Dz (dB)" longest word 11 chars:
    # (10 + 11) x 8.2 + 2 x 16 = 204 px < 366 px
    df = pd.DataFrame({"Bande (Hz)": [63, 125], "Diffraction Dz (dB)": [8.5, 11.0]})
    page = label_cells(table_html(df))
    assert "qsp-wide" not in page
    assert 'data-label="Diffraction Dz (dB)"' in page
    assert PHONE_TEXT_PX < 390


def test_headers_with_markup_and_quotes_are_escaped_in_labels():
    page = label_cells(
        "<table><thead><tr><th>Part « &quot;A&quot; »</th><th><b>B</b></th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    )
    assert 'data-label="Part « &quot;A&quot; »"' in page
    assert 'data-label="B"' in page


def test_svg_figure_becomes_an_img_with_its_alt_text():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"></svg>'
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("fig")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"image/svg+xml": svg, "text/plain": "<Figure>"},
            metadata={"image/svg+xml": {"alt": 'Graphique : « A » & "B".'}},
        ),
        nbformat.v4.new_output("display_data", data={"image/svg+xml": svg}),
    ]
    nb.cells.append(cell)
    figures_as_images(nb)
    first, second = (o["data"]["text/html"] for o in cell.outputs)
    assert 'alt="Graphique : « A » &amp; &quot;B&quot;."' in first
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', first).group(1)
    assert base64.b64decode(encoded).decode() == svg
    assert f'alt="{FALLBACK_ALT}"' in second


def test_rendered_brief_has_labelled_cells_and_no_english_alt(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("t")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": _wide()})]
    nb.cells.append(cell)
    png = nbformat.v4.new_code_cell("p")
    png.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})]
    nb.cells.append(png)
    path = tmp_path / "brief.ipynb"
    nbformat.write(nb, str(path))
    page = render(path, tmp_path / "brief.html").read_text()
    assert 'data-label="Écart (dB)"' in page and "qsp-wide" in page
    assert "No description" not in page and f'alt="{FALLBACK_ALT}"' in page
