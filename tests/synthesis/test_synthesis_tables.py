"""qsp_lib.synthesis.tables: the French tables and phrases of the synthesis, on the fixture
run and on small cases computed by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qsp_lib.synthesis import availability, tables
from qsp_lib.synthesis.model import checks

sys.path.insert(0, str(Path(__file__).parent))
import synthesis_fixture as fx  # noqa: E402


@pytest.fixture
def status():
    return availability.upstream_status(fx.run_json(), fx.key_figures())


@pytest.fixture
def kept(status):
    return availability.available_results(fx.results(), status)


def test_decision_points_and_operations_from_the_fixture(status, kept):
    points = tables.decision_points(kept, status).set_index("Point")
    assert points.loc["Option la moins émettrice", "Valeur"] == (
        "Réhabilitation maximale (valeurs centrales)"
    )
    # no share of draws: what holds across the structural scenarios, as the GHG note says
    # the verdicts counted from ghg_scenarios (the brief's sentence names the scenarios)
    assert points.loc["Écarts carbone selon les scénarios", "Valeur"] == (
        "Réhabilitation maximale : indiscernable dans les 2 scénarios ; "
        "Démolition-reconstruction totale : plus sobre dans 1\u00a0scénario, plus émettrice "
        "dans 1 (sur 2)."
    )
    assert "tirages" not in " ".join(points["Valeur"])
    assert points.loc["Subvention à risque à l'échéance", "Valeur"] == "620\u202f000\u00a0€"
    assert points.loc["Subvention à risque à l'échéance", "Thème"] == "Budget"
    assert points.loc["Indicateurs d'évaluation en retard", "Valeur"].startswith("1 sur 4")
    ops = tables.operations_tables(kept, status)
    assert list(ops.late_actions["Intitulé"]) == [
        "Centrale photovoltaïque",
        "Évaluation et capitalisation",
    ]
    assert list(ops.pilots.columns) == ["Opération", "Objectif", "Statut"]
    none = availability.upstream_status({}, {})
    ops = tables.operations_tables({}, none)
    assert "non disponible" in ops.indicators.iloc[0, 0]
    empty = tables.decision_points({}, none)
    assert empty.iloc[0]["Point"].startswith("Aucun point")


def test_before_after_health_table_with_the_declared_labels(status):
    table = tables.before_after_table(fx.results(), status).set_index("Grandeur")
    row = table.loc["Habitants au-delà de la valeur guide OMS (Lden)"]
    # 1 320 - 2 140 = -820
    assert (row["Avant"], row["Après"], row["Écart"]) == ("2\u202f140", "1\u202f320", "-820")
    assert row["Unité"] == "habitants"
    assert table.loc["Décès attribuables aux PM2,5", "Écart"] == "-0,23"  # 2.61 - 2.84
    missing = tables.before_after_table({}, availability.upstream_status({}, {}))
    assert list(missing.columns) == ["État"]


def test_ranges_in_the_declared_units_by_hand(status, kept):
    table = tables.ranges_table(kept, status).set_index("Grandeur")
    pv = table.loc["Production annuelle (P90 - P50)"]
    # 659 609.37 kWh and 741 336.73 kWh shown in MWh/an
    assert pv["Bas"] == pytest.approx(659.60937) and pv["Central"] == pytest.approx(741.33673)
    assert pv["Unité"] == "MWh/an" and pv["Thème"] == "Énergie"
    npnru = table.loc["Émissions totales — Programme NPNRU signé (P5 - P50 - P95)"]
    total = 60397.2 + 19068.59 + 215749.28 - 533.0
    assert npnru["Bas"] == pytest.approx(total * 0.91) and npnru["Unité"] == "tCO2e"


def test_sources_flag_the_action_result_links_as_an_assumption():
    linked = checks.cross_checks(
        {
            "pia_followup": {
                "pia_paid_eur": 1.0,
                "pia_convention_eur": 2.0,
                "pia_by_action": [{"action_id": "A1", "subsidy_eur": 2.0, "paid_eur": 1.0}],
            }
        },
        50,
        action_results={"A1": {"indicators": ["x"]}},
    )
    rows = tables.source_rows(50, None, 0.5, None, linked)
    assert rows[0]["value"] == "50 ans" and rows[2]["value"] == "50\u00a0%"
    assert rows[-1]["item"] == "Liens entre actions PIA et résultats"
    assert rows[-1]["value"] == "1 actions reliées" and "hypothèse" in rows[-1]["source"]
    unlinked = checks.cross_checks({}, 50)
    items = [r["item"] for r in tables.source_rows(50, None, 0.5, "/x", unlinked)]
    assert "Liens entre actions PIA et résultats" not in items and "Résultats lus" in items


def test_link_problems_name_the_unknown_links():
    check = checks.spending_vs_results(
        1.0,
        2.0,
        [{"action_id": "A1", "subsidy_eur": 2.0, "paid_eur": 1.0}],
        [{"indicator": "Bruit", "status": "atteint"}],
        None,
        {"A1": {"indicators": ["Inconnu"]}, "A9": {"indicators": ["Bruit"]}},
    )
    problems = tables.link_problems(check).set_index("Nom")["Problème"]
    assert "suivi financier PIA" in problems["A9"]
    assert "évaluation" in problems["Inconnu"]
    assert tables.link_problems(checks.spending_vs_results(1.0, 2.0)).empty


def test_phrases_of_a_missing_check():
    check = checks.pv_vs_ghg(None, 50, None)
    assert tables.missing_text(check) == (
        "émissions évitées par la centrale photovoltaïque ; émissions des options d'aménagement"
    )
    assert tables.names_text(()) == "aucune"
    assert tables.names_text(("A1", "x"), quoted=True) == "« A1 », « x »"
    assert tables.signed(41.0, 0) == "+41" and tables.signed(0.001, 0) == "0"
    assert tables.signed(None, 0) == "–"


def test_data_quality_lists_assumptions_and_the_figures_by_data_status():
    cards = fx.key_figures()
    # a note that says "hypothèse" no longer decides: the card's data_status does
    cards["pia_followup"][0]["note"] = "répartition par action illustrative (hypothèse)"
    cards["pv_yield"] = [dict(c, data_status="sourced") for c in cards["pv_yield"]]
    status = availability.upstream_status(fx.run_json(), cards)
    figures = availability.key_figures_frame(cards, status)
    dq = tables.data_quality(
        status, {"pia_followup": ["Répartition non publiée."]}, figures
    ).set_index("Thème")
    nb = "\u00a0"  # inside « »
    assert dq.loc["Budget", "Chiffres clés concernés"] == (
        f"illustratifs : «{nb}Engagé{nb}», «{nb}Versé{nb}», «{nb}Subvention à risque{nb}», "
        f"«{nb}Actions en retard{nb}»"
    )
    assert dq.loc["Santé et évaluation", "Chiffres clés concernés"] == (
        f"illustratifs : «{nb}Habitants > 53 dB Lden{nb}», «{nb}Fortement gênés évités{nb}», "
        f"«{nb}Décès attribuables évités{nb}» ; estimés : «{nb}Indicateurs en bonne voie{nb}»"
    )
    # cards without data_status (a run made before data statuses): listed as unknown
    assert dq.loc["Carbone", "Chiffres clés concernés"].startswith(
        "statut inconnu : «\u00a0Option la moins émettrice\u00a0», "
    )
    assert dq.loc["Budget", "Hypothèses signalées"] == 1
    assert dq.loc["Budget", "État"] == "à jour (résultats réutilisés) (30/11/2026)"
    assert dq.loc["Matériaux", "État"].startswith("échec")
    assert "quantity_t" in dq.loc["Matériaux", "Détail"]
    assert dq.loc["Matériaux", "Chiffres clés concernés"] == "–"  # failed: no figure shown
    assert dq.loc["Énergie", "Chiffres clés concernés"] == "–"  # all sourced


def test_methods_are_the_declared_ones(status):
    methods = tables.methods_table(status).set_index("Thème")["Méthode"]
    assert methods["Énergie"].startswith("Production horaire d'une année type")
    assert "ISO 9613-2" in methods["Santé et évaluation"]


def test_pia_at_risk_is_rounded_as_its_card():
    # one rounding per figure: the card shows the thousand euros, so does the synthesis
    rows = tables._pia_points({"pia_at_risk_eur": 712_269.0, "pia_late_actions": ["A1"]})
    values = {label: value for _, label, value in rows}
    assert values["Subvention à risque à l'échéance"] == "712\u202f000\u00a0€"
    assert values["Actions en retard"] == "1\u00a0action"


def test_robust_summary_counts_the_verdicts_by_hand():
    rows = [
        # A: lower in s1 (P95 < 0), indiscernible in s2 (straddles), higher in s3 (P5 > 0)
        ("s1", "A", -30.0, -20.0, -5.0, "lower"),
        ("s2", "A", -10.0, 2.0, 10.0, "indistinct"),
        ("s3", "A", 1.0, 5.0, 9.0, "higher"),
        # B: lower in every scenario
        ("s1", "B", -9.0, -5.0, -1.0, "lower"),
        ("s2", "B", -9.0, -5.0, -1.0, "lower"),
        ("s3", "B", -9.0, -5.0, -0.1, "lower"),
    ]
    table = [
        dict(zip(["scenario", "option", "difference_t_co2e_p05", "difference_t_co2e_p50",
                  "difference_t_co2e_p95", "verdict"], r, strict=True))
        for r in rows
    ]  # fmt: skip
    text = tables.robust_summary(table)
    assert text == (
        "A : plus sobre dans 1\u00a0scénario, plus émettrice dans 1, indiscernable dans 1 "
        "(sur 3) ; B : plus sobre dans les 3 scénarios."
    )
    assert tables.robust_summary(None) is None
    # a run without the verdicts (older GHG brief): no count, the brief's sentence instead
    assert (
        tables.robust_summary([{k: v for k, v in r.items() if k != "verdict"} for r in table])
        is None
    )


def test_ranges_and_health_rows_carry_their_data_status(status, kept):
    figures = availability.key_figures_frame(fx.key_figures(), status)
    ranges = tables.ranges_table(kept, status, figures).set_index("Grandeur")
    # the PV production is shown by the card « Production annuelle » (estimated)
    assert ranges.loc["Production annuelle (P90 - P50)", "Donnée"] == "estimé"
    # the GHG cards of the fixture carry no status: unknown, never shown as solid
    gaps = [g for g in ranges.index if g.startswith("Écart à l'option de référence")]
    assert gaps and all(ranges.loc[g, "Donnée"] == "–" for g in gaps)
    # the reference option against itself (0, 0, 0) is not a row
    assert not any("Programme NPNRU signé" in g for g in gaps)
    health = tables.before_after_table(fx.results(), status, figures).set_index("Grandeur")
    # no card shows this scrap: the weakest of the health brief's cards (illustrative)
    assert health.loc["Habitants au-delà de la valeur guide OMS (Lden)", "Donnée"] == "illustratif"
    assert "Donnée" not in tables.before_after_table(fx.results(), status).columns
