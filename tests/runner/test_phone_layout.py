"""Every brief of every site read on a 390 px phone, in headless Chromium (issue 20).

On the shared run of the repository's notebooks (``conftest.site_runs``), for each brief of
both sites laid out at 390 CSS px (mobile emulation, :mod:`cdp`):

- the page does not scroll sideways (``scrollWidth <= innerWidth``);
- no table hides a column: none is wider than its frame or runs past the screen's edge;
- no visible text is smaller than 11 px (computed font size);
- every figure has an alt text that says what it shows (not a bare « Graphique »).

And the synthesis for the comité de pilotage, printed to PDF (A4), is one page and shows its
data-status marks. Without Chromium the test is skipped (fails in CI, like
``tests/test_browser.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cdp import Browser, chromium_path, pdf_pages

pytestmark = [pytest.mark.browser, pytest.mark.notebooks]

PHONE_PX = 390
MIN_TEXT_PX = 11.0
SHOTS = Path(os.environ.get("QSP_SCREENSHOTS", "/tmp/qsp-screenshots"))

#: What the page shows a phone: widths, tables that hide columns, small text, alt texts.
MEASURE = """(() => {
  const vw = window.innerWidth, out = {vw, scrollWidth: document.documentElement.scrollWidth,
    hidden: [], small: [], alts: []};
  for (const t of document.querySelectorAll('table')) {
    const frame = t.parentElement, box = t.getBoundingClientRect();
    if (frame.scrollWidth > frame.clientWidth + 1 || box.right > vw + 1 || box.left < -1) {
      const caption = t.caption ? t.caption.textContent : t.textContent;
      out.hidden.push(caption.trim().slice(0, 80));
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement, cs = getComputedStyle(el), r = el.getBoundingClientRect();
    if (cs.visibility === 'hidden' || (r.width === 0 && r.height === 0)) continue;
    if (el.closest('thead') && getComputedStyle(el.closest('thead')).position === 'absolute')
      continue;  // the headers of a table stacked into cards: read by screen readers only
    const size = parseFloat(cs.fontSize);
    if (size < MIN_PX) out.small.push([size, el.className, n.textContent.trim().slice(0, 40)]);
  }
  for (const img of document.querySelectorAll('img')) out.alts.push(img.alt);
  return out;
})()""".replace("MIN_PX", str(MIN_TEXT_PX))

PRINT_MARKS = """(() => [...document.querySelectorAll('.qsp-status')].filter(e => {
  const r = e.getBoundingClientRect(), cs = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden';
}).length)()"""


def phone_problems(browser: Browser, page: Path, shot: Path | None = None) -> list[str]:
    """What is wrong with ``page`` at :data:`PHONE_PX` (empty when nothing)."""
    browser.open(page, PHONE_PX)
    seen = browser.evaluate(MEASURE)
    if shot is not None:
        browser.screenshot(shot)
    problems = []
    if seen["scrollWidth"] > seen["vw"]:
        problems.append(f"défile de côté : {seen['scrollWidth']} px > {seen['vw']} px")
    problems += [f"tableau qui cache des colonnes : {c}" for c in seen["hidden"]]
    problems += [f"texte de {s} px ({cls}) : {t}" for s, cls, t in seen["small"]]
    for alt in seen["alts"]:
        words = alt.removeprefix("Graphique").strip(" :.")
        if len(words) < 15 or "sans description" in alt:
            problems.append(f"texte alternatif vide de sens : {alt!r}")
    return [f"{page.parent.name}/{page.name} : {p}" for p in problems]


def one_pager(browser: Browser, page: Path) -> tuple[int, int]:
    """(pages of ``page`` printed to A4 PDF, data-status marks visible in print media)."""
    browser.open(page, 1200, 900)
    browser.call("Emulation.setEmulatedMedia", session=True, media="print")
    marks = browser.evaluate(PRINT_MARKS)
    browser.call("Emulation.setEmulatedMedia", session=True, media="")
    return pdf_pages(browser.pdf()), marks


@pytest.fixture(scope="module")
def browser():
    if chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("headless Chromium is required in CI (Debian package 'chromium')")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    with Browser() as b:
        yield b


def _sites(site_runs) -> list[Path]:
    sites = sorted(p.parent for p in site_runs.out.glob("*/run.json"))
    assert {s.name for s in sites} >= {"concorde", "wazemmes-moulins"}
    return sites


def test_every_brief_reads_on_a_phone(site_runs, browser):
    assert site_runs.returncode == 0, site_runs.stderr
    problems: list[str] = []
    briefs = 0
    for site in _sites(site_runs):
        for page in sorted(site.glob("*.html")):
            shot = SHOTS / f"{site.name}-{page.stem}-{PHONE_PX}.png"
            problems += phone_problems(browser, page, shot if page.name != "index.html" else None)
            briefs += page.name != "index.html"
    problems += phone_problems(browser, site_runs.out / "index.html")
    assert briefs >= 16  # 5 notes and 3 syntheses per site
    assert problems == []


def test_pilotage_synthesis_prints_on_one_a4_page_with_its_marks(site_runs, browser):
    assert site_runs.returncode == 0, site_runs.stderr
    for site in _sites(site_runs):
        pages, marks = one_pager(browser, site / "committee_synthesis.comite_pilotage.html")
        assert pages == 1, site.name
        assert marks >= 5, site.name  # every key figure of the synthesis carries its mark
