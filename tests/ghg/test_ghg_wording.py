"""French wording of the GHG brief (qsp_lib.ghg.wording).

Sources of the expected values: /work/shared/reference/ghg.md
(RE2020 2031 limit, Quinet 2030 value).
"""

from ghg_testkit import BENCH, WEIGHTS, build, option, stock

from qsp_lib.core import style
from qsp_lib.ghg import model as ghg
from qsp_lib.ghg import reference, wording


def test_sources_rows_come_from_the_tables_and_parameters():
    fac = {"carrier_kg_co2e_per_kwh": {"gas": 0.2}}
    traj = {"district_heating": {"target_year": 2032, "target_kg_co2e_per_kwh": 0.03}}
    m = build([option("A", stock(1000, "new"))], factors=fac, trajectories=traj)
    rows = wording.sources_rows(
        m,
        ghg.flatten_overrides(fac),
        BENCH,
        WEIGHTS,
        reference.carbon_values(),
        None,
        {"draws": 500, "distribution": "pert", "seed": 1},
    ).set_index("item")
    gas = m.factors.at["carrier_gas", "label"]
    assert rows.at[gas, "value"] == 0.2 and rows.at[gas, "note"] == "imposé par paramètre"
    # RE2020 2031 limit 490 kgCO2e/m2 (arrêté du 4 août 2021) and Quinet 2030 value 250
    assert 490.0 in set(rows["value"]) and 250.0 in set(rows["value"])
    assert any("calculé (AR5, Joos 2013)" == str(n) for n in rows["note"])
    assert any("valeur cible" in str(i) for i in rows.index)


def test_gap_phrase_rounds_to_the_hundred_and_says_the_direction():
    assert wording.gap_phrase(1260.0) == f"1{style.THIN_NBSP}300 tCO2e de plus"
    assert wording.gap_phrase(-40.0) == "0 tCO2e de moins"
    assert wording.gap_phrase(-160.0) == "200 tCO2e de moins"


def test_catch_up_phrase_cites_saving_and_years():
    c = ghg.CatchUp(200.0, 5.04, 39.7, "closes")
    # 5.04 t/yr rounded to the ten -> 10; 39.7 years -> 40
    assert "en moyenne 10 tCO2e de moins par an" in wording.catch_up_phrase(c)
    assert "environ 40 ans" in wording.catch_up_phrase(c)
    assert "ne part pas" in wording.catch_up_phrase(ghg.CatchUp(0.0, 1.0, 0.0, "no_gap"))


def test_difference_phrases_from_typed_rows():
    rows = (ghg.DifferenceRow("B", False, 1234.0, -2049.0, -351.0),)
    text = wording.differences_phrase(rows)
    assert text.startswith("**B** émet 1")
    assert "de moins" in text and "écart de -2" in text and "à -400 tCO2e" in text
    assert "chances" not in text and "enveloppe P5-P95" in text
    assert wording.differences_phrase(()) == "sans objet"


def test_short_label_drops_the_detail():
    assert wording.short_label("Réhabilitation lourde (structure conservée)") == (
        "Réhabilitation lourde"
    )


def test_the_berm_earthworks_factor_is_listed_only_where_a_berm_is_priced():
    def items(outdoor):
        m = build([option("A", stock(1000, "new"), outdoor=outdoor)])
        rows = wording.sources_rows(
            m,
            {},
            BENCH,
            WEIGHTS,
            reference.carbon_values(),
            None,
            {"draws": 1, "distribution": "pert", "seed": 1},
        )
        return set(rows["item"]), m.factors.at["outdoor_earthworks", "label"]

    with_berm, label = items({"public_space_m2": 100, "berm_earthworks_m3": 1000})
    without_berm, _ = items({"public_space_m2": 100, "berm_earthworks_m3": 0})
    assert label in with_berm and label not in without_berm
