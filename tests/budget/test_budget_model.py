"""PIA convention follow-up (qsp_lib.budget.model): amounts, rates, delays, forecast, alerts
and funding plan, on small ledgers computed by hand (``budget_fixture``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))

import budget_fixture as fx  # noqa: E402

from qsp_lib.budget import wording  # noqa: E402
from qsp_lib.budget.model import alerts, convention, followup, funding  # noqa: E402


# ------------------------------------------------------------------------ follow-up
def test_amounts_rates_and_remaining_by_hand():
    f = followup.follow_up(fx.actions(), fx.payments(), fx.AS_OF).set_index("action_id")
    assert f.loc["X1", "committed_eur"] == 80_000
    assert f.loc["X1", "paid_eur"] == 40_000  # advance 10 000 + interim 30 000
    assert f.loc["X1", "remaining_eur"] == 60_000
    assert f.loc["X1", "to_commit_eur"] == 20_000
    assert f.loc["X1", "committed_rate"] == pytest.approx(0.8)
    assert f.loc["X1", "paid_rate"] == pytest.approx(0.4)
    assert f.loc["X2", "committed_rate"] == pytest.approx(1.0)
    assert f.loc["X2", "paid_rate"] == pytest.approx(0.1)
    assert f.loc["X2", "remaining_eur"] == 45_000
    t = followup.totals(f.reset_index(), fx.conv())
    assert t.committed_eur == 130_000 and t.paid_eur == 45_000
    assert t.committed_rate == pytest.approx(130_000 / 150_000)
    assert t.paid_rate == pytest.approx(0.3)
    assert t.remaining_eur == 105_000


def test_ledger_rows_after_the_situation_date_are_not_counted():
    late_row = [("2021-03-01", "X1", "acompte", 20_000.0)]
    f = followup.follow_up(fx.actions(), fx.payments(late_row), fx.AS_OF).set_index("action_id")
    assert f.loc["X1", "paid_eur"] == 40_000
    f = followup.follow_up(fx.actions(), fx.payments(late_row), "2021-03-01").set_index("action_id")
    assert f.loc["X1", "paid_eur"] == 60_000


def test_late_actions_and_how_late():
    f = followup.follow_up(fx.actions(), fx.payments(), fx.AS_OF, late_threshold=0.25)
    f = f.set_index("action_id")
    # X1: 365 of 366 days elapsed, 40 % paid: 60 points behind the linear plan. The plan
    # reached 40 000 EUR (less the 1 EUR tolerance) on day ceil(39 999 x 366 / 100 000) = 147,
    # i.e. 2020-05-27, 218 days before the situation date.
    assert f.loc["X1", "late"]
    assert f.loc["X1", "behind"] and not f.loc["X1", "overdue"]
    assert wording.late_reason(False, True) == "versements en retard sur le calendrier"
    assert f.loc["X1", "days_late"] == 218
    # X2: 183 of 730 days elapsed (25.1 %), 10 % paid: 15 points behind, under the threshold.
    assert f.loc["X2", "planned_rate"] == pytest.approx(183 / 730)
    assert not f.loc["X2", "late"] and f.loc["X2", "days_late"] == 0
    # a threshold of 10 points makes X2 late too
    f = followup.follow_up(fx.actions(), fx.payments(), fx.AS_OF, late_threshold=0.10)
    assert list(f.loc[f["late"], "action_id"]) == ["X1", "X2"]


def test_end_date_passed_without_balance_is_late_and_a_balance_settles():
    f = followup.follow_up(fx.actions(), fx.payments(), "2021-02-01").set_index("action_id")
    assert f.loc["X1", "overdue"]
    assert wording.late_reason(True, False) == "échéance dépassée sans solde"
    settled = [
        ("2021-01-15", "X1", "engagement", 20_000.0),
        ("2021-01-20", "X1", "solde", 60_000.0),
    ]
    f = followup.follow_up(fx.actions(), fx.payments(settled), "2021-02-01").set_index("action_id")
    assert f.loc["X1", "settled"] and not f.loc["X1", "late"]
    assert f.loc["X1", "paid_rate"] == pytest.approx(1.0)


def test_planned_cumulative_follows_a_given_schedule():
    schedule = pd.DataFrame(
        {
            "date": pd.to_datetime(["2020-06-30", "2021-06-30"]),
            "action_id": ["X2", "X2"],
            "planned_eur": [40_000.0, 10_000.0],
        }
    )
    plan = followup.planned_cumulative(
        fx.actions(), ["2020-06-29", "2020-06-30", "2021-01-01", "2021-07-01"], schedule
    )
    assert list(plan["X2"]) == [0, 40_000, 40_000, 50_000]
    # X1 keeps its linear plan: 182 of 366 days on 2020-07-01
    assert followup.planned_cumulative(fx.actions(), ["2020-07-01"])["X1"].iloc[0] == pytest.approx(
        100_000 * 182 / 366
    )
    f = followup.follow_up(fx.actions(), fx.payments(), fx.AS_OF, schedule).set_index("action_id")
    # X2 should have had 40 000 EUR (80 %) since 2020-06-30; 10 % paid: late by the days
    # since the plan reached the 5 000 EUR paid, i.e. since 2020-06-30.
    assert f.loc["X2", "planned_rate"] == pytest.approx(0.8)
    assert f.loc["X2", "late"]
    assert f.loc["X2", "days_late"] == (fx.AS_OF - pd.Timestamp("2020-06-30")).days


# ------------------------------------------------------------------------ forecast
def _one_action(start, end, subsidy=120_000.0) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "action_id": ["Y"],
            "title": ["t"],
            "axis": ["a"],
            "owner": ["o"],
            "total_cost_eur": [subsidy],
            "pia_subsidy_eur": [subsidy],
            "start_date": [pd.Timestamp(start)],
            "end_date": [pd.Timestamp(end)],
        }
    )


def test_forecast_at_the_current_pace_on_a_hand_made_ledger():
    actions = _one_action("2020-01-01", "2022-12-31")
    payments = pd.DataFrame(
        {
            "date": pd.to_datetime(["2020-01-01", "2020-03-01", "2020-09-01"]),
            "action_id": ["Y"] * 3,
            "kind": ["engagement", "avance", "acompte"],
            "amount_eur": [120_000.0, 18_000.0, 18_600.0],
        }
    )
    conv = convention.convention(actions, 120_000, "2020-01-01", "2022-12-31", 0.15, 0.2)
    f = followup.forecast(followup.follow_up(actions, payments, "2021-01-01"), conv, "2021-01-01")
    row = f.iloc[0]
    # 36 600 EUR paid in 366 days: 100 EUR/day; 729 days left -> 36 600 + 72 900 = 109 500
    assert row["pace_eur_per_year"] == pytest.approx(100 * 365.25)
    assert row["forecast_eur"] == pytest.approx(109_500)
    assert row["at_risk_eur"] == pytest.approx(10_500)
    assert row["forecast_basis"] == "rythme"
    # ending after the convention: the 20 % balance cannot be paid -> capped at 96 000
    actions2 = _one_action("2020-01-01", "2023-06-30")
    f = followup.forecast(followup.follow_up(actions2, payments, "2021-01-01"), conv, "2021-01-01")
    assert f.iloc[0]["forecast_eur"] == pytest.approx(96_000)
    assert f.iloc[0]["at_risk_eur"] == pytest.approx(24_000)


def test_forecast_of_a_settled_and_of_a_not_started_action():
    conv = convention.convention(fx.actions(), 150_000, "2020-01-01", "2021-12-31", None, 0.0)
    settled = [
        ("2020-12-01", "X1", "engagement", 20_000.0),
        ("2020-12-15", "X1", "solde", 50_000.0),
    ]
    f = followup.forecast(
        followup.follow_up(fx.actions(), fx.payments(settled), fx.AS_OF), conv, fx.AS_OF
    )
    f = f.set_index("action_id")
    assert f.loc["X1", "forecast_basis"] == "solde"
    assert f.loc["X1", "forecast_eur"] == 90_000 and f.loc["X1", "at_risk_eur"] == 10_000
    # X2 not started on 2020-06-30: on schedule, 548 of its 730 days fall before the
    # convention's end (2021-12-31) -> 50 000 x 548 / 730
    f = followup.forecast(
        followup.follow_up(fx.actions(), fx.payments(), "2020-06-30"), conv, "2020-06-30"
    )
    x2 = f.set_index("action_id").loc["X2"]
    assert x2["forecast_basis"] == "calendrier"
    assert x2["forecast_eur"] == pytest.approx(50_000 * 548 / 730)


# ------------------------------------------------------------------------ alerts
def test_a_clean_ledger_raises_no_alert():
    assert alerts.check_consistency(fx.actions(), fx.payments(), fx.conv(), fx.AS_OF).empty


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("paid_above_committed", {"paid_above_committed"}),
        ("committed_above_subsidy", {"committed_above_subsidy"}),
        ("payment_before_signature", {"payment_before_signature"}),
        ("payment_after_end", {"payment_after_end"}),
        ("unknown_action", {"unknown_action"}),
        ("subsidies_differ_from_convention", {"subsidies_differ_from_convention"}),
        ("cost_below_subsidy", {"cost_below_subsidy"}),
        ("funding_above_cost", {"funding_above_cost"}),
        ("advance_above_ceiling", {"advance_above_ceiling"}),
        ("after_as_of", {"after_as_of"}),
    ],
)
def test_each_inconsistency_is_a_named_alert(case, expected):
    actions, extra, conv, as_of = fx.actions(), [], fx.conv(), fx.AS_OF
    if case == "paid_above_committed":
        extra = [("2020-07-01", "X1", "acompte", 45_000.0)]  # 85 000 paid, 80 000 committed
    elif case == "committed_above_subsidy":
        extra = [("2020-07-01", "X2", "engagement", 10_000.0)]  # 60 000 > 50 000
    elif case == "payment_before_signature":
        conv = fx.conv(signature_date="2020-02-10")  # the commitment of 2020-02-01 is earlier
    elif case == "payment_after_end":
        conv, as_of = (
            fx.conv(end_date="2020-08-10"),
            pd.Timestamp("2020-12-31"),
        )  # X2 rows of August
    elif case == "unknown_action":
        extra = [("2020-07-01", "X9", "acompte", 1_000.0)]
    elif case == "subsidies_differ_from_convention":
        conv = fx.conv(amount_eur=160_000.0)
    elif case == "cost_below_subsidy":
        actions = fx.actions({("X2", "total_cost_eur"): 40_000.0})
    elif case == "funding_above_cost":
        actions = fx.actions({("X1", "cofunding_mel_eur"): 150_000.0})  # 250 000 > 200 000
    elif case == "advance_above_ceiling":
        extra = [("2020-09-01", "X2", "avance", 5_000.0)]  # 10 000 > 15 % of 50 000
    elif case == "after_as_of":
        extra = [("2021-02-01", "X2", "acompte", 1_000.0)]
    found = alerts.check_consistency(actions, fx.payments(extra), conv, as_of)
    assert set(found["code"]) == expected, found
    messages = wording.alert_messages(found)
    assert all(m.endswith(".") and m[0].isupper() and "{" not in m for m in messages)
    assert set(found["code"]) <= set(wording.ALERTS) == set(alerts.ALERT_CODES)


# ------------------------------------------------------------------------ funding plan
def test_funding_plan_shares_and_own_funds():
    sources = {"mel": {"label": "MEL", "status": "sought"}}
    plan = funding.funding_plan(fx.actions(), sources)
    x1 = plan[plan["action_id"] == "X1"].set_index("source")
    # cost 200 000 = PIA 100 000 + MEL 50 000 + own funds 50 000
    assert x1.loc["pia", "share"] == pytest.approx(0.5)
    assert x1.loc["mel", "share"] == pytest.approx(0.25)
    assert x1.loc["own_funds", "amount_eur"] == 50_000
    assert x1.loc["mel", "status"] == "sought"
    prog = funding.funding_by_source(plan).set_index("source")
    # programme cost 280 000: PIA 150 000, MEL 50 000, own funds 50 000 + 30 000
    assert prog["amount_eur"].sum() == pytest.approx(280_000)
    assert prog.loc["pia", "share"] == pytest.approx(150_000 / 280_000)
    assert prog.loc["own_funds", "amount_eur"] == 80_000
    assert prog.loc["mel", "n_actions"] == 1


# ------------------------------------------------------------------------ curve
def test_payment_curve_ends_on_the_amount_paid_and_the_plan_on_the_subsidies():
    curve = followup.payment_curve(fx.actions(), fx.payments(), fx.conv(), fx.AS_OF).set_index(
        "date"
    )
    assert curve.loc[fx.AS_OF, "paid_cum_eur"] == 45_000
    assert curve["planned_cum_eur"].iloc[-1] == pytest.approx(150_000)
    assert curve["paid_cum_eur"].dropna().is_monotonic_increasing
    assert curve.loc[curve.index > fx.AS_OF, "paid_cum_eur"].isna().all()


def test_convention_terms_default_to_the_actions():
    conv = convention.convention(fx.actions())
    assert conv.amount_eur == 150_000
    assert conv.signature_date == pd.Timestamp("2020-01-01") and conv.end_date == pd.Timestamp(
        "2022-07-01"
    )
    assert set(conv.defaulted) == {"amount_eur", "signature_date", "end_date"}
    assert alerts.check_consistency(fx.actions(), fx.payments(), conv, fx.AS_OF).empty
