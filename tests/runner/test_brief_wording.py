"""No brief shows a committee "(s)", « de le », "2 050", "<=", an issue reference, a file
name, a parameter name, a machine path or a fraction of a person outside its provenance
footer and sources (issue 20). The scanner is tested on hand-made pages first."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from brief_wording import findings, visible_text  # noqa: E402

GOOD = """<html><head><title>titre_technique</title><style>.a_b{}</style></head><body>
<main><p>3 actions en retard, 1 alerte. Au-dessus du tarif en 2050 ; 2 050 m² de toiture.</p>
<p>Lden ≥ 65 dB : 4 500 habitants ; 2 000 € versés en 2024, 1 500 logements de 1959.</p>
<p>de 1 773 à 2 022 tCO2e ; 2 268 années d'émissions ; valeur guide PM2,5 habitants.</p>
<p>Le classeur <a href="x.xlsx">pia_followup_rapport.xlsx</a> reprend ces tableaux.</p>
<section class="qsp-sources"><p>Lu dans ghg_factors.csv, paramètre reference_option.</p></section>
<footer class="qsp-provenance"><dd>/tmp/run/outputs/concorde</dd></footer></main></body></html>"""


def test_a_clean_page_has_no_finding_and_exempt_sections_are_skipped():
    assert findings(GOOD) == {}
    assert "reference_option" not in visible_text(GOOD)
    assert "2 050 m²" in visible_text(GOOD)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("3 action(s) en retard", "marque de pluriel « (s) »"),
        ("au-dessus de le tarif", "contraction manquante (de le, à les…)"),
        ("la flotte en 2\u202f050 reste", "année avec séparateur"),
        ("Lden &lt;= 55", "opérateur ASCII"),
        ("voir Issue QSP 3", "référence d'issue"),
        ("référence QSP pv.md", "nom de fichier"),
        ("paramètre reference_option", "nom de paramètre"),
        ("Résultats lus /tmp/abc/outputs", "chemin de machine"),
        ("849,8 personnes gênées", "fraction de personne"),
    ],
)
def test_each_pattern_is_caught(text, pattern):
    assert pattern in findings(f"<html><body><p>{text}</p></body></html>")


@pytest.mark.notebooks
def test_no_brief_of_any_site_shows_unwanted_wording(site_runs):
    assert site_runs.returncode == 0, site_runs.stderr[-3000:]
    pages = sorted(site_runs.out.rglob("*.html"))
    assert len(pages) >= 14  # six briefs + two more syntheses + a site page, per site
    problems = {}
    for page in pages:
        found = findings(page.read_text(encoding="utf-8"))
        if found:
            problems[str(page.relative_to(site_runs.out))] = found
    assert not problems, "\n".join(f"{p}: {f}" for p, f in problems.items())
