"""committee_synthesis notebook, end to end on a fixture run folder (``notebooks``; the real
sites' syntheses are checked on the shared run by ``test_runner_notebooks``): every upstream
key figure shown with the value its brief shows, a failed notebook shown as missing, three
audiences, the pilotage brief on one printed A4 page, and the "aucun résultat" brief of an
empty folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml

from qsp_lib.core import scraps, style
from qsp_lib.core.analysis import analysis
from qsp_lib.runner.render import render
from qsp_lib.synthesis import model as synthesis

sys.path.insert(0, str(Path(__file__).parent))
import synthesis_fixture as fx  # noqa: E402
from conftest import once  # noqa: E402
from test_browser import _chromium  # noqa: E402  (one launcher: fails in CI without Chromium)

REPO = Path(__file__).resolve().parents[2]
NB = REPO / "notebooks" / "committee_synthesis.ipynb"
SHOTS = Path(os.environ.get("QSP_SCREENSHOTS", "/tmp/qsp-screenshots"))
PROVENANCE = {
    "site": "concorde",
    "notebook": "committee_synthesis",
    "parameter_file": "parameters/concorde/committee_synthesis.yaml",
    "parameter_hash": "0" * 64,
    "qsp_lib_version": "0.1.0",
    "git_commit": "0000000",
    "run_date_fr": "30/11/2026 à 01:04",
    "versions": {
        "python": "3.11.7",
        "pvlib": "0.16.1",
        "pandas": "3.1.1",
        "numpy": "2.4.6",
        "matplotlib": "3.11.2",
    },
}


def _execute(tmp: Path, audience: str, outputs_dir: str | None, env_root: Path | None = None):
    import papermill as pm

    parameters = yaml.safe_load(
        (REPO / "parameters" / "concorde" / "committee_synthesis.yaml").read_text("utf-8")
    )
    parameters["audience"] = audience
    if outputs_dir is not None:
        parameters["outputs_dir"] = outputs_dir
    executed = tmp / f"committee_synthesis.{audience}.ipynb"
    old = os.environ.get("QSP_ROOT")
    if env_root is not None:
        os.environ["QSP_ROOT"] = str(env_root)
    try:
        pm.execute_notebook(
            str(NB), str(executed), parameters=parameters, cwd=str(tmp), progress_bar=False
        )
    finally:
        if env_root is not None:
            if old is None:
                os.environ.pop("QSP_ROOT", None)
            else:
                os.environ["QSP_ROOT"] = old
    html = render(executed, tmp / f"committee_synthesis.{audience}.html", PROVENANCE)
    return executed, html


@pytest.fixture(scope="session")
def fixture_run(tmp_path_factory):
    """The fixture run folder and the synthesis rendered for the three audiences (once per
    session, whichever xdist worker asks first)."""

    def build(tmp: Path) -> dict:
        folder = fx.write(tmp / "outputs" / "concorde")
        return {a: [str(p) for p in _execute(folder, a, str(folder))] for a in synthesis.AUDIENCES}

    tmp, rendered = once(tmp_path_factory, "qsp-synthesis-fixture", build)
    folder = tmp / "outputs" / "concorde"
    return folder, {a: (Path(nb), Path(html)) for a, (nb, html) in rendered.items()}


def test_notebook_metadata_and_defaults():
    import json

    from qsp_lib.runner import parameters_cell_defaults

    nb = json.loads(NB.read_text("utf-8"))
    declared = analysis("committee_synthesis")
    assert declared.depends_on == tuple(n for n, _, _ in synthesis.UPSTREAM)
    assert dict(declared.variants) == {"audience": tuple(synthesis.AUDIENCES)}
    assert dict(declared.variant_labels) == synthesis.AUDIENCE_LABELS
    defaults = parameters_cell_defaults(nb)
    for site in ("concorde", "wazemmes-moulins"):
        data = yaml.safe_load((REPO / "parameters" / site / "committee_synthesis.yaml").read_text())
        assert set(data) <= set(defaults)
    concorde = yaml.safe_load(
        (REPO / "parameters" / "concorde" / "committee_synthesis.yaml").read_text()
    )
    assert {k: defaults[k] for k in concorde} == concorde
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert not re.search(r"^\s*(def|class) ", code, re.M), "thin notebook: no def/class"


@pytest.mark.notebooks
def test_every_upstream_key_figure_with_the_value_of_its_brief(fixture_run):
    _, rendered = fixture_run
    cards = fx.key_figures()
    for audience, (executed, html_path) in rendered.items():
        html = unescape(html_path.read_text("utf-8"))
        for name, notebook_cards in cards.items():
            if name == fx.FAILED:
                continue
            for card in notebook_cards:
                value = card["value"]
                shown = (
                    style.fr(value, card.get("decimals", 0))
                    if isinstance(value, (int, float))
                    else value
                )
                assert f"<b>{shown}</b>" in html, (audience, name, card["label"], shown)
                assert card["label"] in html, (audience, card["label"])
        assert "En bref" in html and "Hypothèses et sources" in html and "Provenance" in html
        assert not re.search(
            r"Traceback|Warning|Error:|In&nbsp;\[", html.replace(fx.FAILURE, "")
        ), audience
        glued = scraps.read(executed)["synthesis_key_figures"]
        assert {r["source_notebook"] for r in glued} == set(cards) - {fx.FAILED}
        assert len(glued) == sum(len(c) for n, c in cards.items() if n != fx.FAILED)
        assert {"theme", "label", "value", "unit", "source_notebook"} <= set(glued[0])


@pytest.mark.notebooks
def test_every_audience_marks_the_illustrative_figures(fixture_run):
    """The fixture's health and budget cards are illustrative (as on Concorde), the GHG ones
    carry no status (an older run): marks, banner, the word « illustratif » on the one-page
    brief, the scrap's data_status and the follow-up committee's data-quality table."""
    _, rendered = fixture_run
    n_marked = sum(len(v) for k, v in fx.DATA_STATUS.items() if k != fx.FAILED)
    for audience, (executed, html_path) in rendered.items():
        html = unescape(html_path.read_text("utf-8"))
        assert html.count('class="qsp-status qsp-status-') == n_marked, audience
        assert html.count('class="qsp-status qsp-status-illustrative"') == 7, audience
        assert "Données illustratives" in html and "« illustratif »" in html, audience
        glued = {
            r["label"]: r["data_status"] for r in scraps.read(executed)["synthesis_key_figures"]
        }
        assert (
            glued["Subvention à risque"] == "illustrative" and glued["Convention PIA"] == "sourced"
        )
        assert glued["Option la moins émettrice"] is None
    pilotage = unescape(rendered["comite_pilotage"][1].read_text("utf-8"))
    points = pilotage.split("Points de décision et de vigilance")[1].split("Contrôles croisés")[0]
    assert "<th>Donnée</th>" in points.replace(' class=""', "") and "illustratif" in points
    follow = unescape(rendered["comite_suivi"][1].read_text("utf-8"))
    quality = follow.split("Qualité des données")[1]
    assert (
        "illustratifs : «\u00a0Habitants > 53 dB Lden\u00a0», «\u00a0Fortement gênés évités\u00a0»"
        in quality
    )
    assert "illustratifs : «\u00a0Engagé\u00a0», «\u00a0Versé\u00a0»" in quality
    assert "statut inconnu : «\u00a0Option la moins émettrice\u00a0»" in quality


@pytest.mark.notebooks
def test_a_failed_notebook_is_missing_never_zero(fixture_run):
    _, rendered = fixture_run
    stale_cards = fx.key_figures()[fx.FAILED]
    for audience, (_, html_path) in rendered.items():
        html = unescape(html_path.read_text("utf-8"))
        assert "Non disponible" in html and fx.FAILURE in html, audience
        # neither the failed brief's old key figure nor its old avoided emissions
        assert f"<b>{style.fr(stale_cards[0]['value'], 0)}</b>" not in html
        assert style.fr(1450, 0) not in html
        assert "Matériaux et travaux.</strong> Non disponible" in html
        assert 'href="circular_materials.html"' not in html
        assert 'href="pv_yield.html"' in html


@pytest.mark.notebooks
def test_three_audiences_same_numbers_different_depth(fixture_run):
    _, rendered = fixture_run
    pages = {a: unescape(p.read_text("utf-8")) for a, (_, p) in rendered.items()}
    assert "Comité de pilotage" in pages["comite_pilotage"]
    assert "Méthodes des notes détaillées" not in pages["comite_pilotage"]
    assert "Suivi opérationnel" not in pages["comite_pilotage"]
    partners = pages["comite_partenaires"]
    assert "Méthodes des notes détaillées" in partners and "Fourchettes" in partners
    assert "Suivi opérationnel" not in partners
    follow = pages["comite_suivi"]
    for title in ("Suivi opérationnel", "Qualité des données", "Fourchettes"):
        assert title in follow
    assert "Centrale photovoltaïque" in follow  # a late PIA action, by title
    assert "valeur illustrative de pv_yield." in follow  # an assumption of an upstream brief
    # the Concorde links name actions and results this fixture does not have: reported as
    # data quality (the schema cannot know other notebooks' inputs), never silently dropped
    assert "Liens à corriger." in follow and "Liens à corriger." in partners
    assert "Liens à corriger." not in pages["comite_pilotage"]
    quality = follow.split("<strong>Liens entre actions PIA et résultats</strong>")[1]
    assert "A5" in quality and "Équipement public" in quality
    assert "action absente du suivi financier PIA" in quality
    # what changed since the previous run: the PV production 700 -> 741 MWh/an
    for page in pages.values():
        assert "+41" in page and "3 chiffres suivis ont changé" in page


@pytest.mark.notebooks
def test_no_outputs_gives_a_clear_aucun_resultat_brief(tmp_path):
    _, html_path = _execute(tmp_path, "comite_pilotage", str(tmp_path / "nothing"))
    html = html_path.read_text("utf-8")
    assert "Aucun résultat" in html and "qsp run --site concorde" in html
    assert html.count('class="qsp-missing-label">Non disponible') == len(synthesis.UPSTREAM)
    assert "Traceback" not in html


@pytest.mark.notebooks
def test_by_hand_it_reads_the_last_outputs_of_the_site(tmp_path):
    """outputs_dir None (JupyterLab): the folder is <root>/outputs/<site>."""
    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "parameters" / "concorde").mkdir(parents=True)
    fx.write(root / "outputs" / "concorde", previous=False)
    _, html_path = _execute(tmp_path, "comite_suivi", None, env_root=root)
    html = unescape(html_path.read_text("utf-8"))
    assert "<b>741</b>" in html and "pas d'exécution précédente" in html


def _pdf_pages(pdf: Path) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
    return len(PdfReader(str(pdf)).pages)


@pytest.mark.notebooks
@pytest.mark.browser
@pytest.mark.parametrize("dense", [False, True], ids=["fixture", "six-cards-per-brief"])
def test_pilotage_prints_on_one_a4_page(fixture_run, tmp_path, dense):
    _chromium()
    if dense:
        folder = fx.write_full(tmp_path / "outputs" / "concorde")
        page = _execute(folder, "comite_pilotage", str(folder))[1]
    else:
        page = fixture_run[1]["comite_pilotage"][1]
    pdf = tmp_path / "pilotage.pdf"
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    boxes = re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    # A4 = 210 x 297 mm = 595.3 x 841.9 pt (ISO 216)
    assert boxes and all(
        abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes
    ), boxes
    assert _pdf_pages(pdf) == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    suffix = ".dense" if dense else ""
    shutil.copy(pdf, SHOTS / f"committee_synthesis.comite_pilotage{suffix}.pdf")
