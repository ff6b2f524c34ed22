"""Orders between options (qsp_lib.ghg.model.ranking): hand-made totals."""

import pandas as pd
import pytest

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
