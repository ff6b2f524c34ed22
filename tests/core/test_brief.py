"""Brief checks on a fixture brief rendered from a real kernel's outputs (``engine``): no
code, no traceback, no stderr, nothing loaded over the network, French numbers, escaped
parameter text, provenance."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_qsp

pytestmark = pytest.mark.engine


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    from conftest import build_project

    root = build_project(
        tmp_path_factory.mktemp("brief") / "proj",
        good_yaml='label: "Îlot <script>alert(1)</script> & Cie"\n',
    )
    result = run_qsp(root, "run", "--site", "demo")
    assert result.returncode == 1, result.stderr
    return root / "outputs" / "demo"


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
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
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
    assert "data:image/png;base64," in html
    size_without_images = len(re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html))
    assert size_without_images < 40_000  # the lab template alone weighs ~290 KB


def test_failed_notebook_is_explained_in_the_index(rendered):
    html = (rendered / "index.html").read_text()
    assert "Notebook qui échoue" in html and "échec" in html
    assert "n'a pas pu être produite" in html
