"""The synthesis cross-checks the facts the notes share through the site model: population,
berm geometry, demolition tonnage per m², fill balance. Hand values; a missing upstream is
reported as missing, never computed from zero."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from qsp_lib.core import site
from qsp_lib.synthesis import tables
from qsp_lib.synthesis.model import checks

sys.path.insert(0, str(Path(__file__).parent))
import synthesis_fixture as fx  # noqa: E402

REPO = Path(__file__).resolve().parents[2]

BERM = {
    "length_m": 100.0,
    "height_m": 5.0,
    "crest_width_m": 2.0,
    "base_width_m": 22.0,
    "slope_deg": 26.57,
    "fill_volume_m3": 6000.0,  # 100 x 5 x (2 + 22) / 2
    "faces": [{"id": "sud", "slope_deg": 26.6, "azimuth_deg": 180.0}],
}


def plain(text: str) -> str:
    """French text with ordinary spaces (thousands U+202F, before units U+00A0)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def facts(**kw) -> checks.SiteFacts:
    base = dict(
        residents=1000.0,
        future_residents={"A": 1200.0, "B": 900.0},
        reference_option="A",
        demolished_area_m2=10_000.0,
        demolished_typologies=("slab_block_concrete_1960s",),
        berm=BERM,
    )
    return checks.SiteFacts(**(base | kw))


def test_site_facts_of_concorde_by_hand():
    f = checks.site_facts(site.load(REPO / "parameters" / "concorde"))
    assert f.residents == pytest.approx(4500.0)  # sum of the zones of site.yaml
    assert f.future_residents["Programme NPNRU signé"] == pytest.approx(1900 * 2.6)
    assert f.reference_option == "Programme NPNRU signé"
    assert f.demolished_area_m2 == pytest.approx(45_760.0)
    assert f.berm["fill_volume_m3"] == pytest.approx(800 * 10 * (10 + 60) / 2)
    assert [x["azimuth_deg"] for x in f.berm["faces"]] == [200.0, 200.0, 20.0]
    assert checks.site_facts(site.load(REPO / "parameters" / "wazemmes-moulins")).berm is None


def test_population_compares_ghg_residents_with_the_site_model():
    check = checks.population_check(facts(), {"A": 1200.0, "B": 950.0}, health_ran=True)
    assert check.available and check.ghg_available and check.residents == 1000.0
    assert list(check.per_option["gap"]) == [0.0, 50.0]
    assert check.mismatched == ("B",)
    text = plain(tables.population_text(check))
    assert "1 000 habitants" in text and "« B »" in text and "zone par zone" in text


def test_population_without_ghg_scrap_or_site_model_is_missing_not_zero():
    old_run = checks.population_check(facts(), None)
    assert old_run.available and not old_run.ghg_available and old_run.per_option is None
    assert "non disponible" in tables.population_text(old_run)
    assert "n'est pas disponible" in tables.population_text(old_run)  # health did not run
    no_site = checks.population_check(None, {"A": 1200.0})
    assert not no_site.available and no_site.residents is None
    assert "population du modèle de site" in tables.population_text(no_site)


def test_option_absent_from_ghg_scrap_is_a_mismatch_without_gap():
    check = checks.population_check(facts(), {"A": 1200.0})
    assert check.mismatched == ("B",)
    assert check.per_option["gap"].isna().tolist() == [False, True]


def test_berm_lists_the_section_and_the_readers_fingerprints():
    run = {
        "pv_yield": {"fingerprint": "a" * 64},
        "evaluation_indicators": {"fingerprint": "b" * 64},
    }
    check = checks.berm_check(facts(), run, ["pv_yield", "evaluation_indicators"])
    assert check.applicable and check.same_run
    assert list(check.readers["fingerprint"]) == ["a" * 12, "b" * 12]
    text = plain(tables.berm_text(check))
    assert "100 m de long" in text and "5,0 m de haut" in text and "6 000 m³" in text
    assert "même description du site" in text and "aaaaaaaaaaaa" in text
    assert list(tables.berm_faces_table(check)["Azimut (°)"]) == [180.0]


def test_berm_absent_reader_or_no_berm():
    one = checks.berm_check(facts(), {}, ["pv_yield"])
    assert not one.same_run
    assert "Non vérifiable pour : evaluation_indicators" in tables.berm_text(one)
    none = checks.berm_check(facts(berm=None), {}, ["pv_yield"])
    assert not none.applicable and tables.berm_text(none).startswith("Sans objet")
    unread = checks.berm_check(None, {}, [])
    assert unread.applicable and not unread.available and unread.missing == ("site.berm",)


def test_demolition_ratio_by_hand_and_flag():
    ok = checks.demolition_vs_area(15_000.0, facts())
    assert ok.available and ok.ratio_t_per_m2 == pytest.approx(1.5) and not ok.to_verify
    assert "1,50 t/m²" in plain(
        tables.demolition_text(ok)
    ) and "dans la plage" in tables.demolition_text(ok)
    heavy = checks.demolition_vs_area(40_000.0, facts())  # 4 t/m² > 3
    light = checks.demolition_vs_area(4_000.0, facts())  # 0.4 t/m² < 0.5
    assert heavy.to_verify and light.to_verify
    assert "à vérifier" in tables.demolition_text(heavy)


def test_demolition_missing_tonnage_or_area():
    assert checks.demolition_vs_area(None, facts()).missing == ("materials_total_t",)
    none = checks.demolition_vs_area(15_000.0, facts(demolished_area_m2=0.0))
    assert not none.available and none.ratio_t_per_m2 is None
    assert none.missing == ("site.buildings",)


def test_fill_balance_and_whether_ghg_counts_the_transport():
    balance = fx.results()["circular_materials"]["materials_fill_balance"]
    check = checks.fill_balance_check(balance, fx.results()["ghg_planning_options"])
    assert check.available and not check.ghg_counted
    assert list(check.per_option["imported_fill_t"]) == [474_000.0, 504_000.0]
    assert "non repris par la note carbone" in tables.fill_text(check)
    assert "Remblai importé (t)" in tables.fill_table(check).columns
    counted = checks.fill_balance_check(balance, {"ghg_fill_transport_t_co2e": {"A": 1.0}})
    assert counted.ghg_counted
    # the GHG note says it counted nothing (materials results absent): null scrap
    not_counted = checks.fill_balance_check(
        pd.DataFrame(balance), {"ghg_fill_transport_t_co2e": None}
    )
    assert not not_counted.ghg_counted
    no_berm = [dict(r, fill_m3=0.0) for r in balance]
    none = checks.fill_balance_check(no_berm, {})
    assert none.available and not none.applicable
    assert tables.fill_text(none).startswith("Sans objet")
    missing = checks.fill_balance_check(None, {})
    assert not missing.available and "bilan de remblai" in tables.fill_text(missing)


def test_cross_checks_on_the_fixture_run():
    """The fixture's materials notebook failed: demolition and fill are missing, population
    and berm are checked against the Concorde site model."""
    results = {k: v for k, v in fx.results().items() if k != fx.FAILED}
    f = checks.site_facts(site.load(REPO / "parameters" / "concorde"))
    cc = checks.cross_checks(results, 50, facts=f, run=fx.run_json())
    assert cc.population.mismatched == ("Démolition-reconstruction totale",)
    assert cc.population.per_option["gap"].tolist() == pytest.approx([0.0, 0.0, 260.0])
    assert cc.berm.same_run and cc.berm.readers["fingerprint"].notna().all()
    assert cc.demolition.missing == ("materials_total_t",)
    assert cc.fill.missing == ("materials_fill_balance",)
    full = checks.cross_checks(fx.results(), 50, facts=f, run=fx.run_json())
    assert full.demolition.ratio_t_per_m2 == pytest.approx(61_234.0 / 45_760.0)
    assert full.fill.available and not full.fill.ghg_counted
    unread = checks.cross_checks(results, 50)
    assert not unread.population.available and not unread.berm.available
