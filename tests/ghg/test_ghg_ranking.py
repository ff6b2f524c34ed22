"""Orders and gaps between options (qsp_lib.ghg.model.ranking): hand computations."""

import pandas as pd
import pytest
from ghg_testkit import payback_model, total

from qsp_lib.ghg import model as ghg


def test_payback_status():
    assert ghg.payback_status({"a": 0, "b": None, "c": 12}) == {
        "a": "never_above",
        "b": "none",
        "c": "years",
    }


def test_ranking_lowest_first_ties_in_input_order():
    assert ghg.ranking({"a": 3.0, "b": 1.0, "c": 3.0}) == ["b", "a", "c"]


def test_stage_table_orders_options_and_stages():
    df = pd.DataFrame(
        [
            {"option": o, "stage": s, "static_t_co2e": v, "dynamic_t_co2e": v / 2}
            for o, base in (("Z", 10.0), ("A", 20.0))
            for s, v in zip(ghg.STAGES, (base, base + 1, base + 2, base + 3), strict=True)
        ]
    )
    table = ghg.stage_table(df, "dynamic")
    assert list(table.index) == ["Z", "A"] and list(table.columns) == list(ghg.STAGES)
    assert table.at["A", "mobility"] == pytest.approx(11.0)


def test_comparison_gaps_and_catch_up():
    m = payback_model(50)
    tot = total(m)
    # rehab 100 t + 10 t/yr x 50 = 600 t; new 300 t + 5 t/yr x 50 = 550 t
    assert tot == pytest.approx({"Réhabilitation": 600.0, "Reconstruction": 550.0})
    cmp = ghg.comparison(tot, "Réhabilitation")
    assert (cmp.best, cmp.worst) == ("Reconstruction", "Réhabilitation")
    assert cmp.gap_worst_t_co2e == pytest.approx(50.0)
    assert cmp.gap_worst_fraction == pytest.approx(50 / 600)
    assert cmp.others == ("Reconstruction",)
    # the reconstruction starts 200 t above and then emits 5 t/yr less: 40 years to catch up
    c = ghg.catch_up(ghg.cumulative(m), "Réhabilitation", "Reconstruction")
    assert c.case == "closes"
    assert c.initial_gap_t_co2e == pytest.approx(200.0)
    assert c.yearly_saving_t_co2e == pytest.approx(5.0)
    assert c.years == pytest.approx(40.0)
    # measured at year 10: gap 150 t, then 40 years at 5 t/yr -> 30 years
    assert ghg.catch_up(
        ghg.cumulative(m), "Réhabilitation", "Reconstruction", 10
    ).years == pytest.approx(30.0)
    assert ghg.catch_up(ghg.cumulative(m), "Reconstruction", "Réhabilitation").case == "no_gap"
    # 30-year period measured at year 10: gap 150 t, 20 years left at 5 t/yr -> 30 years,
    # beyond the period
    late = ghg.catch_up(ghg.cumulative(payback_model(30)), "Réhabilitation", "Reconstruction", 10)
    assert late.case == "beyond" and late.years == pytest.approx(30.0)


def test_difference_rows_direction():
    m = payback_model(50)
    mc = ghg.monte_carlo(m, draws=200, seed=1)
    d = ghg.differences(m, mc["static"], "Réhabilitation", total(m))
    rows = ghg.difference_rows(d, "Réhabilitation")
    assert [r.option for r in rows] == ["Reconstruction"]
    assert not rows[0].emits_more and rows[0].abs_t_co2e == pytest.approx(50.0)
