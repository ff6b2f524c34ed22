"""qsp_lib.synthesis.model and qsp_lib.core.results: cross-checks computed by hand, missing
upstream notebooks shown as missing (never zero), changes between runs, audiences.

The figures are hand computations on small cases; the Concorde PIA amount (4.6 M€) is the
subsidy validated end 2019 (Ville de Lille job posting CDD/01334, January 2020).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from qsp_lib.core import params, style
from qsp_lib.core import results as run_outputs
from qsp_lib.synthesis import model as synthesis

sys.path.insert(0, str(Path(__file__).parent))
import synthesis_fixture as fx  # noqa: E402

PIA_CONVENTION_EUR = 4_600_000  # Ville de Lille, CDD/01334 (2020): 4.6 M€ validated end 2019


# ------------------------------------------------------------------------- audiences
def test_sections_same_numbers_different_depth():
    pilotage = synthesis.sections_for("comite_pilotage")
    partners = synthesis.sections_for("comite_partenaires")
    follow = synthesis.sections_for("comite_suivi")
    assert pilotage["one_page"] and not partners["one_page"] and not follow["one_page"]
    assert not pilotage["methods"] and partners["methods"] and partners["ranges"]
    assert not partners["operations"] and follow["operations"] and follow["data_quality"]
    assert pilotage["label"] == "Comité de pilotage"
    with pytest.raises(ValueError, match="comite_suivi"):
        synthesis.sections_for("comite_de_suivi")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("atteint", "favourable"),
        ("en bonne voie", "favourable"),
        ("Atteint", "favourable"),
        ("met", "favourable"),
        ("non atteint", "unfavourable"),
        ("en retard", "unfavourable"),
        ("not met", "unfavourable"),
        ("sans donnée", "pending"),
        ("non mesuré", "pending"),
        ("not yet measured", "pending"),
        (None, "pending"),
    ],
)
def test_status_class(status, expected):
    assert synthesis.status_class(status) == expected


# ---------------------------------------------------------------------- availability
def test_failed_skipped_and_absent_notebooks_are_missing_with_their_reason():
    run = {
        "pv_yield": {"status": "ok"},
        "ghg_planning_options": {"status": "reused", "executed_at": "2026-11-29T10:00:00"},
        "circular_materials": {"status": "failed", "error": "KeyError: 'quantity_t'"},
        "pia_followup": {"status": "skipped", "error": "pas de fichier pia_followup.yaml"},
    }
    st = synthesis.upstream_status(run, {}, briefs=["pv_yield"]).set_index("notebook")
    assert st.loc["pv_yield", "available"] and st.loc["pv_yield", "link"] == "pv_yield.html"
    # available but its brief file is absent: no dead link
    assert st.loc["ghg_planning_options", "available"]
    assert not isinstance(st.loc["ghg_planning_options", "link"], str)
    assert not st.loc["circular_materials", "available"]
    assert "KeyError: 'quantity_t'" in st.loc["circular_materials", "reason"]
    assert not isinstance(st.loc["circular_materials", "link"], str)
    assert "non configurée" in st.loc["pia_followup", "reason"]
    assert "non exécutée" in st.loc["evaluation_indicators", "reason"]
    empty = synthesis.upstream_status({}, {})
    assert not empty["available"].any()
    assert all("aucun résultat" in r for r in empty["reason"])


def test_key_figures_keep_the_brief_formatting_and_leave_out_failed_notebooks():
    status = synthesis.upstream_status(fx.run_json(), fx.key_figures())
    figures = synthesis.key_figures_frame(fx.key_figures(), status)
    assert fx.FAILED not in set(figures["source_notebook"])
    expected = sum(len(c) for n, c in fx.key_figures().items() if n != fx.FAILED)
    assert len(figures) == expected
    row = figures[figures["label"] == "Production annuelle"].iloc[0]
    assert row["text"] == "741" and row["unit"] == "MWh/an" and row["theme"] == "Énergie"
    row = figures[figures["label"] == "Décès attribuables évités"].iloc[0]
    assert row["text"] == "0,38"
    row = figures[figures["label"] == "Versé"].iloc[0]
    assert row["text"] == style.fr(1_840_000, 0) == "1\u202f840\u202f000"
    text_card = figures[figures["label"] == "Option la moins émettrice"].iloc[0]
    assert text_card["text"] == "Réhabilitation maximale" and pd.isna(text_card["value"])
    contract = synthesis.contract_key_figures(figures)
    assert list(contract.columns[:5]) == ["theme", "label", "value", "unit", "source_notebook"]
    # a card without decimals is shown with none, as brief.key_figures does
    assert synthesis.card_text({"label": "x", "value": 12.6}) == "13"


def test_cards_as_qsp_run_stores_them_text_shown_and_number():
    """``brief.key_figures`` metadata (what qsp run copies to key_figures.json): the text
    shown in ``value``, the number in ``number``."""
    cards = {
        "pia_followup": [
            {
                "label": "Versé",
                "value": "1\u202f840\u202f000",
                "decimals": 0,
                "unit": "€",
                "note": "",
                "number": 1840000.0,
            },
            {
                "label": "Option",
                "value": "Réhabilitation",
                "decimals": None,
                "unit": "",
                "note": "",
                "number": None,
            },
        ]
    }
    status = synthesis.upstream_status({"pia_followup": {"status": "ok"}}, cards)
    figures = synthesis.key_figures_frame(cards, status).set_index("label")
    assert figures.loc["Versé", "text"] == "1\u202f840\u202f000"
    assert figures.loc["Versé", "value"] == 1840000.0
    assert figures.loc["Option", "text"] == "Réhabilitation"
    assert pd.isna(figures.loc["Option", "value"])


def test_theme_groups_show_missing_rather_than_zero():
    status = synthesis.upstream_status(fx.run_json(), fx.key_figures())
    figures = synthesis.key_figures_frame(fx.key_figures(), status)
    groups = {g["theme"]: g for g in synthesis.theme_groups(status, figures)}
    assert not groups["Matériaux"]["available"] and groups["Matériaux"]["cards"] == []
    assert "quantity_t" in groups["Matériaux"]["reason"]
    assert groups["Matériaux"]["link"] is None
    assert groups["Énergie"]["link"] == "pv_yield.html"
    assert len(groups["Budget"]["cards"]) == 5


def test_available_results_drop_the_stale_scraps_of_a_failed_notebook():
    status = synthesis.upstream_status(fx.run_json(), fx.key_figures())
    kept = synthesis.available_results(fx.results(), status)
    assert fx.FAILED not in kept and "pv_yield" in kept


# ---------------------------------------------------------------------- cross-checks
def test_pv_against_buildings_emissions_by_hand():
    check = synthesis.pv_vs_ghg(
        avoided_t_co2e_per_year=20.0,
        study_period_years=50,
        totals_t_co2e={"A": 100_000.0, "B": 90_000.0},
        buildings_t_co2e={"A": 40_000.0, "B": 25_000.0},
        reference_option="A",
        best_option="B",
    )
    assert check["available"]
    assert check["avoided_t_co2e"] == pytest.approx(1000.0)  # 20 t/an x 50 ans
    assert check["option"] == "A" and check["option_t_co2e"] == 40_000.0
    assert check["share"] == pytest.approx(1000 / 40_000)  # 2.5 %
    assert check["gap_t_co2e"] == pytest.approx(15_000.0)
    assert check["gap_years"] == pytest.approx(750.0)  # 15 000 / 20
    assert "bâtiments" in check["basis"]
    assert check["per_option"].set_index("option").loc["B", "share"] == pytest.approx(0.04)


def test_pv_against_totals_when_buildings_are_absent_and_best_option_by_default():
    check = synthesis.pv_vs_ghg(10.0, 30, {"A": 60_000.0, "B": 30_000.0}, None, "Z", "B")
    assert check["basis"] == "totales" and check["option"] == "B"
    assert check["share"] == pytest.approx(300 / 30_000)
    # no best option named: the lowest emitter
    assert synthesis.pv_vs_ghg(10.0, 30, {"A": 6.0, "B": 3.0})["option"] == "B"


def test_pv_check_missing_upstream():
    check = synthesis.pv_vs_ghg(None, 50, {"A": 1.0})
    assert not check["available"] and "photovoltaïque" in check["missing"][0]
    check = synthesis.pv_vs_ghg(20.0, 50, None, None)
    assert not check["available"] and "options" in check["missing"][0]


def test_works_emissions_sum_every_embodied_stage():
    records = [
        {"option": "A", "stage": "works", "static_t_co2e": 60_000.0},
        {"option": "A", "stage": "end_of_life", "static_t_co2e": 2_500.0},
        {"option": "A", "stage": "operation_energy", "static_t_co2e": 19_000.0},
        {"option": "A", "stage": "mobility", "static_t_co2e": 215_000.0},
        {"option": "A", "stage": "vegetation_soil", "static_t_co2e": -533.0},
        {"option": "B", "stage": "works", "static_t_co2e": 40_000.0},
    ]
    total, stages = synthesis.works_emissions(records, "A")
    assert total == pytest.approx(62_500.0) and stages == ["works", "end_of_life"]
    check = synthesis.materials_vs_works(1_450.0, records, "A", "B")
    assert check["available"] and check["option"] == "A"
    assert check["share"] == pytest.approx(1_450 / 62_500)
    assert synthesis.materials_vs_works(1_450.0, records, None, "B")["works_t_co2e"] == 40_000
    missing = synthesis.materials_vs_works(None, records)
    assert not missing["available"] and "matériaux" in missing["missing"][0]


def test_spending_against_results_by_hand():
    by_action = [
        {"action_id": "A1", "title": "Butte", "subsidy_eur": 1_800_000, "paid_eur": 1_260_000},
        {"action_id": "A2", "title": "PV", "subsidy_eur": 1_200_000, "paid_eur": 120_000},
    ]
    indicators = [
        {"indicator": "Bruit", "status": "en retard"},
        {"indicator": "Sols", "status": "atteint"},
        {"indicator": "Vélo", "status": "sans donnée"},
    ]
    pilots = [
        {"operation": "École", "objective": "NO2", "status": "atteint"},
        {"operation": "École", "objective": "DnT", "status": "non atteint"},
    ]
    links = {
        "A1": {"indicators": ["Bruit"], "pilots": ["École"]},
        "A2": {"indicators": ["Sols", "Inconnu"]},
        "A9": {"indicators": ["Sols"]},
    }
    check = synthesis.spending_vs_results(
        1_840_000, PIA_CONVENTION_EUR, by_action, indicators, pilots, links, 0.5
    )
    assert check["paid_rate"] == pytest.approx(0.4)
    assert check["indicators"] == {"n": 3, "favourable": 1, "unfavourable": 1, "pending": 1}
    assert check["pilots"] == {"n": 2, "favourable": 1, "unfavourable": 1, "pending": 0}
    per = check["per_action"].set_index("action_id")
    assert per.loc["A1", "paid_rate"] == pytest.approx(0.7)
    assert per.loc["A1", "results"] == 3 and per.loc["A1", "unfavourable"] == 2
    assert per.loc["A2", "favourable"] == 1
    # A1: 70 % paid with late results; A2: 10 % paid
    assert check["watch"] == ["A1"]
    assert check["unknown_links"] == ["A9", "Inconnu"]
    assert check["unknown_actions"] == ["A9"] and check["unknown_results"] == ["Inconnu"]
    problems = synthesis.link_problems(check).set_index("Nom")["Problème"]
    assert "suivi financier PIA" in problems["A9"]
    assert "évaluation" in problems["Inconnu"]
    assert synthesis.link_problems({"unknown_actions": [], "unknown_results": []}).empty


def test_sources_flag_the_action_result_links_as_an_assumption():
    linked = {"spending_results": {"linked": 4}}
    row = synthesis.source_rows(50, None, 0.5, None, linked)[-1]
    assert row["item"] == "Liens entre actions PIA et résultats"
    assert row["value"] == "4 actions reliées" and "hypothèse" in row["source"]
    unlinked = synthesis.source_rows(50, None, 0.5, None, {"spending_results": {"linked": 0}})
    assert "Liens entre actions PIA et résultats" not in [r["item"] for r in unlinked]


@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_each_site_links_its_pia_actions_to_results_that_exist(site):
    """The links of parameters/<site>/committee_synthesis.yaml name actions of the site's
    pia_actions.csv and indicators or pilot operations of its evaluation files, so the
    action-by-action cross-check finds every one of them."""
    import yaml

    folder = Path(__file__).resolve().parents[2] / "parameters" / site
    links = yaml.safe_load((folder / "committee_synthesis.yaml").read_text("utf-8"))
    links = links["action_results"]
    actions = set(pd.read_csv(folder / "pia_actions.csv")["action_id"])
    indicators = set(pd.read_csv(folder / "evaluation" / "indicateurs.csv")["indicator"])
    pilots = set(pd.read_csv(folder / "evaluation" / "operations_pilotes.csv")["operation"])
    assert links and set(links) <= actions
    for link in links.values():
        assert set(link.get("indicators", [])) <= indicators
        assert set(link.get("pilots", [])) <= pilots
        assert link.get("indicators") or link.get("pilots")


def test_spending_without_evaluation_is_reported_not_zero():
    check = synthesis.spending_vs_results(1_000_000, PIA_CONVENTION_EUR)
    assert check["available"] and check["indicators"] is None and check["pilots"] is None
    assert any("indicateurs" in m for m in check["missing"])
    assert not synthesis.spending_vs_results(None, None)["available"]


def test_cross_checks_on_the_fixture_run():
    status = synthesis.upstream_status(fx.run_json(), fx.key_figures())
    kept = synthesis.available_results(fx.results(), status)
    checks = synthesis.cross_checks(kept, 50, "Programme NPNRU signé")
    pv = checks["pv_ghg"]
    buildings = 60397.2 + 19068.59 - 533.0  # works + energy + vegetation of NPNRU
    assert pv["share"] == pytest.approx(24.7 * 50 / buildings)
    # materials failed: the cross-check is missing, not computed from stale scraps
    assert not checks["materials_works"]["available"]
    assert "matériaux" in checks["materials_works"]["missing_text"]
    assert checks["spending_results"]["paid_rate"] == pytest.approx(0.4)
    assert checks["spending_results"]["results_available"]


# --------------------------------------------------------------------------- changes
def test_changes_between_runs_by_hand():
    previous = {
        "pv_yield": {"pv_annual_energy_kwh": 700_000.0, "pv_peak_power_kwp": 745.5},
        "ghg_planning_options": {"ghg_total_static_t_co2e": {"A": 100.0, "B": 50.0}},
        "pia_followup": {"pia_late_actions": ["A2"]},
        "circular_materials": {"materials_total_t": 61_234.0},
    }
    current = {
        "pv_yield": {"pv_annual_energy_kwh": 741_000.0, "pv_peak_power_kwp": 745.5},
        "ghg_planning_options": {"ghg_total_static_t_co2e": {"A": 100.0, "B": 40.0, "C": 7.0}},
        "pia_followup": {"pia_late_actions": ["A2", "A4"]},
    }
    diff = synthesis.changes(current, previous).set_index("label")
    energy = diff.loc["Production annuelle"]
    assert energy["previous"] == pytest.approx(700.0) and energy["current"] == pytest.approx(741.0)
    assert energy["difference"] == pytest.approx(41.0) and energy["unit"] == "MWh/an"
    assert diff.loc["Émissions totales — B", "difference"] == pytest.approx(-10.0)
    assert pd.isna(diff.loc["Émissions totales — C", "previous"])
    assert diff.loc["Actions en retard", "difference"] == 1
    assert "Puissance crête" not in diff.index  # unchanged
    assert "Émissions totales — A" not in diff.index
    assert "Matériaux de démolition" not in diff.index  # missing now: not a change to zero
    table, left = synthesis.changes_table(synthesis.changes(current, previous), max_rows=2)
    assert len(table) == 2 and left == 2
    full, _ = synthesis.changes_table(synthesis.changes(current, previous))
    row = full[full["Chiffre"] == "Production annuelle"].iloc[0]
    assert (row["Précédent"], row["Actuel"], row["Écart"]) == ("700", "741", "+41")
    summary = synthesis.change_summary(current, previous, diff, 0)
    assert summary["n_changed"] == 4 and "4 chiffres" in summary["phrase"]
    assert "pas d'exécution" in synthesis.change_summary(current, {}, diff[:0], 0)["phrase"]


def test_decision_points_and_operations_from_the_fixture():
    status = synthesis.upstream_status(fx.run_json(), fx.key_figures())
    kept = synthesis.available_results(fx.results(), status)
    points = synthesis.decision_points(kept, status).set_index("point")
    assert points.loc["Option la moins émettrice", "value"] == (
        "Réhabilitation maximale (62\u00a0% des tirages)"
    )
    assert points.loc["Subvention à risque à l'échéance", "value"] == "620\u202f000\u00a0€"
    assert points.loc["Indicateurs d'évaluation en retard", "value"].startswith("1 sur 4")
    ops = synthesis.operations_tables(kept, status)
    assert list(ops["late_actions"]["Intitulé"]) == [
        "Centrale photovoltaïque",
        "Évaluation et capitalisation",
    ]
    assert list(ops["pilots"].columns) == ["Opération", "Objectif", "Statut"]
    none = synthesis.upstream_status({}, {})
    ops = synthesis.operations_tables({}, none)
    assert "non disponible" in ops["indicators"].iloc[0, 0]


def test_before_after_health_table():
    status = synthesis.upstream_status(fx.run_json(), fx.key_figures())
    table = synthesis.before_after_table(fx.results(), status).set_index("Grandeur")
    row = table.loc["Habitants au-dessus du seuil Lden de l'OMS"]
    assert (row["Avant"], row["Après"], row["Écart"]) == ("2\u202f140", "1\u202f320", "-820")
    assert table.loc["Décès attribuables aux PM2,5", "Écart"] == "-0,23"


# ---------------------------------------------------------------------- reading a run
def test_read_run_of_a_missing_folder_is_empty_not_an_error(tmp_path):
    run = run_outputs.read_run(tmp_path / "nothing")
    assert not run["exists"] and run["results"] == {} and run["run"] == {}
    assert run["problems"] == []


def test_read_run_reports_a_broken_file_and_reads_assumptions(tmp_path):
    fx.write(tmp_path)
    (tmp_path / "run.json").write_text("{not json", "utf-8")
    (tmp_path / "committee_synthesis.comite_pilotage.html").write_text("<html></html>")
    run = run_outputs.read_run(tmp_path)
    assert run["run"] == {} and "run.json" in run["problems"][0]
    assert run["key_figures"] == json.loads((tmp_path / "key_figures.json").read_text())
    assert run["previous"]["pv_yield"]["pv_annual_energy_kwh"] == 700_000.0
    assert "committee_synthesis.comite_pilotage" not in run["briefs"]
    assert run["assumptions"]["pv_yield"] == ["valeur illustrative de pv_yield."]


def test_outputs_dir_by_hand_and_from_the_runner(tmp_path, monkeypatch):
    monkeypatch.setenv("QSP_ROOT", str(tmp_path))
    model = params.validate("committee_synthesis", {"site": "wazemmes-moulins"})
    assert run_outputs.outputs_dir(model) == tmp_path / "outputs" / "wazemmes-moulins"
    model = params.validate("committee_synthesis", {"outputs_dir": str(tmp_path / "x")})
    assert run_outputs.outputs_dir(model) == tmp_path / "x"


# ---------------------------------------------------------------------------- schema
def test_schema_refuses_an_unknown_audience_with_a_suggestion():
    with pytest.raises(params.ParameterError, match="comite_suivi"):
        params.validate("committee_synthesis", {"audience": "comite_de_suivi"}, file="x.yaml")


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"audiance": "comite_suivi"}, "audiance"),
        ({"study_period_years": 0}, "study_period_years"),
        ({"watch_paid_rate": 1.5}, "watch_paid_rate"),
        ({"action_results": {"A1": {"indicateurs": ["x"]}}}, "action_results.A1.indicateurs"),
        ({"action_results": {"A1": {"pilots": "École"}}}, "action_results.A1.pilots"),
    ],
)
def test_schema_errors_name_the_key(data, key):
    with pytest.raises(params.ParameterError) as err:
        params.validate("committee_synthesis", data, file="committee_synthesis.yaml")
    assert any(p.key_path == key for p in err.value.problems), str(err.value)
    assert "committee_synthesis.yaml" in str(err.value)


def test_data_quality_lists_assumptions_and_flagged_key_figures():
    cards = fx.key_figures()
    cards["pia_followup"][0]["note"] = "répartition par action illustrative (hypothèse)"
    status = synthesis.upstream_status(fx.run_json(), cards)
    figures = synthesis.key_figures_frame(cards, status)
    dq = synthesis.data_quality(
        status, {"pia_followup": ["Répartition non publiée."]}, figures
    ).set_index("Thème")
    assert dq.loc["Budget", "Chiffres clés concernés"] == "Convention PIA"
    assert dq.loc["Budget", "Hypothèses signalées"] == 1
    assert dq.loc["Budget", "État"] == "à jour (résultats réutilisés) (30/11/2026)"
    assert dq.loc["Matériaux", "État"].startswith("échec")
    assert "quantity_t" in dq.loc["Matériaux", "Détail"]
    assert dq.loc["Énergie", "Chiffres clés concernés"] == "–"


def test_a_stale_upstream_says_so_instead_of_up_to_date():
    run = {"pv_yield": {"status": "reused", "stale": True}, "pia_followup": {"status": "ok"}}
    st = synthesis.upstream_status(run, {}).set_index("notebook")
    assert st.at["pv_yield", "status_fr"].startswith("périmée")
    assert "à jour" not in st.at["pv_yield", "status_fr"]
    assert not st.at["pia_followup", "status_fr"].startswith("périmée")
