"""Brief checks on a fixture brief rendered from a real kernel's outputs (``engine``): no
code, no traceback, no stderr, nothing loaded over the network, French numbers, escaped
parameter text, provenance; the kernel's scraps and failure as the run files record them."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SCRIPT_LABEL

pytestmark = pytest.mark.engine


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture
def rendered(demo_run) -> Path:
    """The fixture project's run folder, rendered once with real kernels (conftest)."""
    return demo_run


def _pages(out: Path) -> list[Path]:
    return [out / "good.html", out / "index.html"]


def test_no_code_no_prompt_no_traceback_no_stderr(rendered):
    html = (rendered / "good.html").read_text()
    for forbidden in (
        "scraps.glue",
        "import ",
        "params.from_namespace",
        "In&nbsp;[",
        "Traceback",
        "bruit sur stderr",
        "bruit sur stdout",
        "un avertissement qui ne doit pas paraître",
        "UserWarning",
        "application/scrapbook",
        "<Figure",
    ):
        assert forbidden not in html, forbidden


def test_nothing_is_loaded_over_the_network(rendered):
    for page in _pages(rendered):
        parser = _Resources()
        parser.feed(page.read_text())
        for tag, attrs in parser.tags:
            if tag in ("script", "link", "img", "iframe", "source", "video", "audio"):
                for key in ("src", "href"):
                    target = attrs.get(key) or ""
                    assert not re.match(r"^(https?:)?//", target), (page.name, tag, target)
        assert "@import" not in page.read_text()


def test_french_numbers_and_language(rendered):
    html = (rendered / "good.html").read_text()
    assert '<html lang="fr">' in html
    assert "1\u202f234,5" in html and "98\u202f765,4" in html
    assert "Hypothèses et sources" in html and "Élément" in html


def test_parameter_text_is_escaped_never_executed(rendered):
    for page in _pages(rendered)[:1]:
        html = page.read_text()
        assert "<script>console.error(1)</script>" not in html
        assert "&lt;script&gt;console.error(1)&lt;/script&gt;" in html
    parser = _Resources()
    parser.feed((rendered / "good.html").read_text())
    assert not [t for t, _ in parser.tags if t == "script"]


def test_provenance_footer(rendered):
    html = (rendered / "good.html").read_text()
    assert "Provenance" in html and "parameters/demo/good.yaml" in html
    assert "pvlib" in html and "pandas" in html and "qsp_lib" in html


def test_brief_is_lean_and_self_contained(rendered):
    html = (rendered / "good.html").read_text()
    assert 'name="viewport"' in html and "@media print" in html
    # the figure: SVG (text kept as text) with an alt text said from its title and source
    assert "data:image/svg+xml;base64," in html
    assert 'alt="Graphique : Production. Source : test."' in html
    size_without_images = len(re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "", html))
    assert size_without_images < 40_000  # the lab template alone weighs ~290 KB


def test_failed_notebook_is_explained_in_the_index(rendered):
    html = (rendered / "index.html").read_text()
    assert "Notebook qui échoue" in html and "échec" in html
    assert "n'a pas pu être produite" in html


def test_kernel_scraps_and_failure_reach_the_run_files(rendered):
    run = json.loads((rendered / "run.json").read_text())
    assert run["good"]["status"] == "ok" and run["bad"]["status"] == "failed"
    assert run["bad"]["error_kind"] == "error"
    assert "ValueError: échec volontaire" in run["bad"]["error"]  # the kernel's exception
    assert (rendered / "bad.failed.ipynb").is_file() and not (rendered / "bad.html").exists()
    assert not [p for p in rendered.iterdir() if ".tmp" in p.name or ".qsp-jobs" in p.name]
    # numpy scalars and a DataFrame glued in the kernel, as plain JSON values
    assert json.loads((rendered / "results.json").read_text()) == {
        "good": {
            "demo_energy_kwh": 1234.5,
            "demo_count": 3,
            "demo_label": SCRIPT_LABEL,
            "demo_table": [
                {"mois": 1, "energie_kwh": 1234.5},
                {"mois": 2, "energie_kwh": 98765.4321},
            ],
        }
    }
    cards = json.loads((rendered / "key_figures.json").read_text())["good"]
    assert cards[0]["value"] == "1\u202f234,5" and cards[0]["number"] == 1234.5
