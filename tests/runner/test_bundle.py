"""``qsp bundle``: one self-contained page (the synthesis for an audience, then each detailed
brief as a section) and a ZIP of the briefs and exports. Built from hand-made outputs of the
repository's notebooks, no kernel."""

from __future__ import annotations

import json
import re
import zipfile
from html import unescape

import pytest
from conftest import REPO

from qsp_lib import cli
from qsp_lib.core import params
from qsp_lib.runner import notebooks
from qsp_lib.runner.bundle import bundle

OK = {"status": "ok", "executed_at": "2026-11-30T01:00:00"}
SYNTHESIS = """<!DOCTYPE html><html lang="fr"><head><style>body{}</style></head><body><main>
<div class="qsp-one-page"></div>
<h1 id="Synthese">Synthèse</h1><h2 id="C'est-l&#x27;été">C'est l'été</h2>
<p>Voir <a href="pv_yield.html">la note PV</a>, <a href="ghg_planning_options.html#Hypotheses">
ses hypothèses</a>, <a href="pia_followup_versements.csv" download>les versements</a>,
<a href="index.html">la page du site</a>, <a href="committee_synthesis.comite_suivi.html">le
suivi</a>, <a href="#Synthese">le haut</a>, <a href="#C&#x27;est-l&#x27;été">l'été</a> et <a href="https://www.ademe.fr">l'ADEME</a>.</p>
<img src="logo.png" alt="Logo">
</main></body></html>"""


def _brief(title: str) -> str:
    return (
        f'<!DOCTYPE html><html><body><main><h1 id="Hypotheses">{title}</h1>'
        f'<p><a href="#Hypotheses">ici</a></p><img src="data:image/png;base64,AAAA" alt="x">'
        "</main></body></html>"
    )


@pytest.fixture
def site(tmp_path):
    specs = notebooks.discover(REPO / "notebooks")
    out = tmp_path / "concorde"
    out.mkdir()
    runs = {}
    for name, spec in specs.items():
        if spec.variants:
            runs[name] = {**OK, "variants": {v: OK for v in spec.variants[1]}}
            for value, stem in spec.stems():
                (out / f"{stem}.html").write_text(SYNTHESIS.replace("Synthèse", value))
        else:
            runs[name] = dict(OK)
            (out / f"{name}.html").write_text(_brief(spec.title))
    runs["pia_followup"]["exports"] = ["pia_followup_versements.csv", "gone.csv"]
    (out / "pia_followup_versements.csv").write_text("a;b\n1;2\n")
    runs["circular_materials"] = {"status": "failed", "error_kind": "error"}
    (out / "run.json").write_text(json.dumps(runs))
    (out / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return out, specs


def test_bundle_page_has_no_link_to_another_file_and_every_anchor_exists(site):
    out, specs = site
    page_path, zip_path = bundle(out, "concorde", specs, "comite_pilotage")
    page = page_path.read_text()
    hrefs = re.findall(r'href="([^"]*)"', page)
    local = [h for h in hrefs if not h.startswith(("http://", "https://", "mailto:"))]
    assert local and all(h.startswith("#") for h in local), local
    ids = {unescape(i) for i in re.findall(r'\bid="([^"]*)"', page)}
    assert all(unescape(h[1:]) in ids for h in local), [h for h in local if h[1:] not in ids]
    assert len(ids) == len(re.findall(r'\bid="', page))  # no id twice
    srcs = re.findall(r'src="([^"]*)"', page)
    assert srcs and all(s.startswith("data:") for s in srcs)
    # the synthesis first, then the briefs in the programme's order; the failed one listed
    order = list(re.findall(r'<section class="qsp-bundle-note" id="([^"]+)"', page))
    assert order == [
        "note-committee_synthesis.comite_pilotage",
        "note-pv_yield",
        "note-ghg_planning_options",
        "note-evaluation_indicators",
        "note-pia_followup",
        "donnees",
    ]
    assert '<a href="#note-pv_yield">la note PV</a>' in page
    assert 'href="#ghg_planning_options--Hypotheses"' in page
    assert '<a href="#donnees">les versements</a>' in page
    assert "la page du site" in page and "le\nsuivi" in page  # words kept, links gone
    assert 'href="https://www.ademe.fr"' in page
    toc = page.split('<nav class="qsp-links qsp-bundle-toc"')[1].split("</nav>")[0]
    assert re.search(
        r"matériaux de démolition : <em>non disponible", toc
    )  # failed: listed, no section
    assert 'class="qsp-one-page"' not in page  # the bundle prints on as many pages as needed
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
    root = "QSP_concorde_comite_pilotage/"
    assert names == {
        f"{root}QSP_concorde_comite_pilotage.html",
        f"{root}notes/committee_synthesis.comite_pilotage.html",
        f"{root}notes/pv_yield.html",
        f"{root}notes/ghg_planning_options.html",
        f"{root}notes/evaluation_indicators.html",
        f"{root}notes/pia_followup.html",
        f"{root}donnees/pia_followup_versements.csv",
    }


def test_bundle_refuses_an_unknown_audience_and_a_missing_run(site, tmp_path, capsys):
    out, specs = site
    with pytest.raises(params.ParameterError, match="comite_suivi"):
        bundle(out, "concorde", specs, "comite_suvi")
    status = cli.main(["bundle", "--site", "nowhere", "--out", str(tmp_path)])
    assert status == 2
    assert "qsp run --site nowhere" in capsys.readouterr().err


def test_cli_bundle_writes_both_files(site, capsys):
    out, _ = site
    assert cli.main(["bundle", "--site", "concorde", "--out", str(out.parent)]) == 0
    said = capsys.readouterr().out
    assert "QSP_concorde_comite_pilotage.html" in said  # the first audience by default
    assert (out / "envoi" / "QSP_concorde_comite_pilotage.zip").is_file()
