"""Charts of the rendered briefs readable on a phone (issue 20): the smallest text of each
chart once its SVG is shown at the 366 px text column of a 390 px phone
(``tools/figure_text_sizes.py``)."""

from __future__ import annotations

import base64
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sizes():
    spec = importlib.util.spec_from_file_location(
        "figure_text_sizes", REPO / "tools" / "figure_text_sizes.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _svg(width_pt: float, *sizes_pt: float) -> str:
    texts = "".join(
        f'<text style="font: 400 {s}px \'DejaVu Sans\'; text-anchor: start" x="0" y="{i}">'
        f"texte {s}</text>"
        for i, s in enumerate(sizes_pt)
    )
    return (
        f'<svg width="{width_pt}pt" height="100pt" viewBox="0 0 {width_pt} 100" '
        f'xmlns="http://www.w3.org/2000/svg">{texts}<text x="0" y="0"></text></svg>'
    )


def _brief(*svgs: str) -> str:
    imgs = "".join(
        f'<figure class="qsp-figure"><img alt="Graphique : essai {i}" '
        f'src="data:image/svg+xml;base64,{base64.b64encode(s.encode()).decode()}"></figure>'
        for i, s in enumerate(svgs)
    )
    return f"<html><body>{imgs}<img src='logo.png' alt='logo'></body></html>"


def test_smallest_text_is_its_size_scaled_to_the_phone_column(sizes):
    # 374.4 pt wide (5.2 in), 9 pt text: 9 × 366 / 374.4 = 8.80 px; 612 pt wide (8.5 in),
    # 8 pt text: 8 × 366 / 612 = 4.78 px (the GHG tornado before this change)
    charts = sizes.chart_sizes(_brief(_svg(374.4, 11, 9), _svg(612.0, 10, 8)))
    assert [c["alt"] for c in charts] == ["Graphique : essai 0", "Graphique : essai 1"]
    assert [c["smallest_px"] for c in charts] == pytest.approx([8.798, 4.784], abs=1e-3)
    assert [c["text"] for c in charts] == ["texte 9", "texte 8"]


def test_the_tool_fails_on_a_run_with_a_small_chart(sizes, tmp_path, capsys):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "note.html").write_text(_brief(_svg(374.4, 9)), encoding="utf-8")
    assert sizes.main([str(tmp_path)]) == 0
    (tmp_path / "site" / "autre.html").write_text(_brief(_svg(612.0, 8)), encoding="utf-8")
    assert sizes.main([str(tmp_path)]) == 1
    assert "2 charts, 1 with text under 8 px" in capsys.readouterr().out


@pytest.mark.notebooks
def test_every_chart_of_every_brief_reads_at_a_phone_width(site_runs, sizes):
    assert site_runs.returncode == 0, site_runs.stderr
    rows = sizes.run_sizes(site_runs.out)
    assert len(rows) >= 30  # both sites' charts
    small = [
        f"{r['site']}/{r['brief']} n° {r['n']} : {r['smallest_px']:.1f} px « {r['text']} » "
        f"({r['alt'][:60]})"
        for r in rows
        if r["smallest_px"] < sizes.MIN_CHART_PX
    ]
    assert small == []
