"""qsp_lib.synthesis.model.checks: the cross-checks between briefs, computed by hand; a
missing upstream is reported as missing, never computed from zero.

The Concorde PIA amount (4.6 M€) is the subsidy validated end 2019 (Ville de Lille job
posting CDD/01334, January 2020).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qsp_lib.synthesis import availability
from qsp_lib.synthesis.model import checks
from qsp_lib.synthesis.model.values import StatusCounts

sys.path.insert(0, str(Path(__file__).parent))
import synthesis_fixture as fx  # noqa: E402

PIA_CONVENTION_EUR = 4_600_000  # Ville de Lille, CDD/01334 (2020): 4.6 M€ validated end 2019


def test_pv_against_buildings_emissions_by_hand():
    check = checks.pv_vs_ghg(
        avoided_t_co2e_per_year=20.0,
        study_period_years=50,
        totals_t_co2e={"A": 100_000.0, "B": 90_000.0},
        buildings_t_co2e={"A": 40_000.0, "B": 25_000.0},
        reference_option="A",
        best_option="B",
    )
    assert check.available and check.missing == ()
    assert check.avoided_t_co2e == pytest.approx(1000.0)  # 20 t/an x 50 ans
    assert check.option == "A" and check.option_t_co2e == 40_000.0
    assert check.share == pytest.approx(1000 / 40_000)  # 2.5 %
    assert check.gap_t_co2e == pytest.approx(15_000.0)
    assert check.gap_years == pytest.approx(750.0)  # 15 000 / 20
    assert check.basis == "buildings"
    assert check.per_option.set_index("option").loc["B", "share"] == pytest.approx(0.04)


def test_pv_against_totals_when_buildings_are_absent_and_best_option_by_default():
    check = checks.pv_vs_ghg(10.0, 30, {"A": 60_000.0, "B": 30_000.0}, None, "Z", "B")
    assert check.basis == "totals" and check.option == "B"
    assert check.share == pytest.approx(300 / 30_000)
    # no best option named: the lowest emitter
    assert checks.pv_vs_ghg(10.0, 30, {"A": 6.0, "B": 3.0}).option == "B"


def test_pv_check_missing_upstream():
    check = checks.pv_vs_ghg(None, 50, {"A": 1.0})
    assert not check.available and check.missing == ("pv_avoided_t_co2e_per_year",)
    assert check.share is None and check.per_option is None
    check = checks.pv_vs_ghg(20.0, 50, None, None)
    assert not check.available and check.missing == ("ghg_total_static_t_co2e",)


def test_works_emissions_sum_every_embodied_stage():
    records = [
        {"option": "A", "stage": "works", "static_t_co2e": 60_000.0},
        {"option": "A", "stage": "end_of_life", "static_t_co2e": 2_500.0},
        {"option": "A", "stage": "operation_energy", "static_t_co2e": 19_000.0},
        {"option": "A", "stage": "mobility", "static_t_co2e": 215_000.0},
        {"option": "A", "stage": "vegetation_soil", "static_t_co2e": -533.0},
        {"option": "B", "stage": "works", "static_t_co2e": 40_000.0},
    ]
    total, stages = checks.works_emissions(records, "A")
    assert total == pytest.approx(62_500.0) and stages == ["works", "end_of_life"]
    check = checks.materials_vs_works(1_450.0, records, "A", "B")
    assert check.available and check.option == "A"
    assert check.share == pytest.approx(1_450 / 62_500)
    assert check.stages == ("works", "end_of_life")
    assert checks.materials_vs_works(1_450.0, records, None, "B").works_t_co2e == 40_000
    missing = checks.materials_vs_works(None, records)
    assert not missing.available and missing.missing == ("materials_avoided_t_co2e",)
    # an option without works rows: the works are missing, not zero
    only_energy = [{"option": "C", "stage": "operation_energy", "static_t_co2e": 9.0}]
    assert checks.materials_vs_works(1.0, only_energy).missing == ("ghg_totals",)


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
    check = checks.spending_vs_results(
        1_840_000, PIA_CONVENTION_EUR, by_action, indicators, pilots, links, 0.5
    )
    assert check.paid_rate == pytest.approx(0.4)  # 1.84 / 4.6
    assert check.indicators == StatusCounts(n=3, favourable=1, unfavourable=1, pending=1)
    assert check.pilots == StatusCounts(n=2, favourable=1, unfavourable=1, pending=0)
    per = check.per_action.set_index("action_id")
    assert per.loc["A1", "paid_rate"] == pytest.approx(0.7)  # 1.26 / 1.8
    assert per.loc["A1", "results"] == 3 and per.loc["A1", "unfavourable"] == 2
    assert per.loc["A2", "favourable"] == 1
    # A1: 70 % paid with late results; A2: 10 % paid
    assert check.watch == ("A1",) and check.linked == 2
    assert check.unknown_links == ("A9", "Inconnu")
    assert check.unknown_actions == ("A9",) and check.unknown_results == ("Inconnu",)


def test_spending_without_evaluation_is_reported_not_zero():
    check = checks.spending_vs_results(1_000_000, PIA_CONVENTION_EUR)
    assert check.available and not check.results_available
    assert check.indicators.n is None and check.pilots.favourable is None
    assert check.missing == ("indicators_status",)
    assert check.linked == 0 and check.per_action is None
    assert not checks.spending_vs_results(None, None).available


def test_cross_checks_on_the_fixture_run():
    status = availability.upstream_status(fx.run_json(), fx.key_figures())
    kept = availability.available_results(fx.results(), status)
    found = checks.cross_checks(kept, 50, "Programme NPNRU signé")
    buildings = 60397.2 + 19068.59 - 533.0  # works + energy + vegetation of NPNRU
    assert found.pv_ghg.share == pytest.approx(24.7 * 50 / buildings)
    # materials failed: the cross-check is missing, not computed from stale scraps
    assert not found.materials_works.available
    assert found.materials_works.missing == ("materials_avoided_t_co2e",)
    assert found.spending_results.paid_rate == pytest.approx(0.4)
    assert found.spending_results.results_available


def test_pv_avoided_counts_only_the_plant_lifetime_within_the_period():
    check = checks.pv_vs_ghg(20.0, 50, {"A": 100_000.0}, plant_lifetime_years=30)
    assert check.years_counted == 30
    assert check.avoided_t_co2e == pytest.approx(600.0)  # 20 t/an x 30 ans, not x 50
    longer = checks.pv_vs_ghg(20.0, 25, {"A": 100_000.0}, plant_lifetime_years=30)
    assert longer.avoided_t_co2e == pytest.approx(500.0)  # the period caps it


def test_materials_compared_net_of_their_routes_when_given():
    totals = [
        {"option": "A", "stage": "Construction et réhabilitation", "static_t_co2e": 10_000.0},
    ]
    gross = checks.materials_vs_works(583.0, totals, "A")
    assert not gross.net and gross.avoided_t_co2e == 583.0
    net = checks.materials_vs_works(583.0, totals, "A", net_t_co2e=-300.0)
    assert net.net and net.avoided_t_co2e == -300.0 and net.gross_t_co2e == 583.0
    assert net.share == pytest.approx(-0.03)
    from qsp_lib.synthesis import tables

    assert "de plus" in tables.materials_works_sentence(net)
    assert "brut, sans déduire" in tables.materials_works_sentence(gross)
