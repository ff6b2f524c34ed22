"""Cumulative emissions and carbon payback (qsp_lib.ghg.model.evaluation).

Sources of the expected values: /work/shared/reference/ghg.md
(hand computations).
"""

from ghg_testkit import payback_model

from qsp_lib.ghg import model as ghg


def test_payback_year_where_cumulative_curves_cross():
    m = payback_model(50)
    assert ghg.default_payback_reference(m) == "Réhabilitation"
    pay = ghg.payback_years(ghg.cumulative(m), "Réhabilitation")
    # 100 + 10 t = 300 + 5 t  ->  t = 40
    assert pay == {"Réhabilitation": 0, "Reconstruction": 40}


def test_no_payback_within_period():
    m = payback_model(30)
    assert ghg.payback_years(ghg.cumulative(m), "Réhabilitation")["Reconstruction"] is None
