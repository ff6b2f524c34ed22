"""The pia_followup study's decisions (qsp_lib.budget.study), on a two-action convention.

Values are computed by hand below: a convention of 500 000 € signed on 2024-01-01, ending on
2027-12-31, followed on 2026-01-01. A1 (400 000 € of subsidy, 1 M€ of cost) ended on
2025-12-31 without its balance; A2 (100 000 €, 0.5 M€) runs from 2025-01-01 to 2027-12-31,
a third of its schedule elapsed, 15 % paid (18 points behind, under the 25-point threshold).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from qsp_lib.budget import study as budget_study
from qsp_lib.core import params

REPO = Path(__file__).resolve().parents[2]

ACTIONS = (
    "action_id,title,axis,owner,total_cost_eur,pia_subsidy_eur,start_date,end_date,"
    "cofunding_mel_eur,cofunding_feder_eur\n"
    "A1,Butte,Bruit,Ville,1000000,400000,2024-01-01,2025-12-31,300000,100000\n"
    "A2,Suivi,Évaluation,MEL,500000,100000,2025-01-01,2027-12-31,,\n"
)
PAYMENTS = (
    "date,action_id,kind,amount_eur\n"
    "2024-02-01,A1,engagement,400000\n"
    "2024-03-01,A1,avance,60000\n"
    "2025-06-01,A1,acompte,140000\n"
    "2025-02-01,A2,engagement,100000\n"
    "2025-03-01,A2,avance,15000\n"
)


@pytest.fixture()
def P(tmp_path):
    (tmp_path / "actions.csv").write_text(ACTIONS, encoding="utf-8")
    (tmp_path / "payments.csv").write_text(PAYMENTS, encoding="utf-8")
    data = params.load_yaml(REPO / "parameters" / "concorde" / "pia_followup.yaml")
    data.update(
        actions_csv=str(tmp_path / "actions.csv"),
        payments_csv=str(tmp_path / "payments.csv"),
        schedule_csv=None,
        convention_amount_eur=500000,
        convention_signature_date="2024-01-01",
        convention_end_date="2027-12-31",
        as_of_date="2026-01-01",
        late_threshold=0.25,
        cofunding_sources={
            "mel": {"label": "MEL", "status": "secured"},
            "feder": {"label": "FEDER", "status": "sought"},
        },
    )
    return params.validate("pia_followup", data, site_dir=REPO / "parameters" / "concorde")


@pytest.fixture()
def study(P):
    return budget_study.study(P)


def test_totals_and_late_actions_by_hand(study):
    assert study.totals.convention_eur == 500000
    assert study.totals.committed_eur == 500000
    assert study.totals.paid_eur == 60000 + 140000 + 15000
    assert study.totals.paid_rate == pytest.approx(215000 / 500000)
    assert study.totals.remaining_eur == 500000 - 215000
    assert study.ids == ["A1", "A2"]
    # A1 past its end without balance; A2 only 18 points behind its linear schedule
    assert list(study.late["action_id"]) == ["A1"] == study.late_ids
    assert study.alerts.empty and study.alert_messages == []


def test_the_most_exposed_owner_by_hand(study):
    # From 2026-01-01 to the end (2027-12-31): 729 days. A1 (Ville) paid 200 000 EUR in its
    # 731 days: 399 453 EUR forecast, 547 at risk. A2 (MEL) paid 15 000 EUR in 365 days:
    # 15 000 x (1 + 729 / 365) forecast, 55 041 EUR at risk.
    worst = study.worst_owner
    assert worst.owner == "MEL" and worst.n_late == 0 and worst.subsidy_eur == 100000
    assert worst.at_risk_eur == pytest.approx(100000 - 15000 * (1 + 729 / 365))
    assert study.totals.at_risk_eur == pytest.approx(
        500000 - 200000 * (1 + 729 / 731) - 15000 * (1 + 729 / 365)
    )


def test_planned_to_date_and_schedule_position(study):
    # A1 fully planned (ended), A2 linear: 365 of its 1095 days elapsed
    assert study.planned_now_eur == pytest.approx(400000 + 100000 * 365 / 1095, rel=1e-3)
    assert budget_study.schedule_position(study.planned_now_eur, 215000) == "de retard"
    assert budget_study.schedule_position(100, 150) == "d'avance"


def test_funding_plan_by_hand(study):
    assert study.total_cost_eur == pytest.approx(1500000)
    assert study.pia_share == pytest.approx(500000 / 1500000)
    assert list(study.sought["label"]) == ["FEDER"]
    assert study.sought_eur == 100000
    funders = budget_study.funding_sources(study.by_source)
    assert funders.at["feder", "legend"] == "FEDER (recherché)"
    assert funders.at["mel", "legend"] == "MEL"
    amounts = budget_study.funding_amounts(study)
    # own funds: A1 1 000 000 - 400 000 - 300 000 - 100 000; A2 500 000 - 100 000
    assert amounts.at["A1", "own_funds"] == 200000 and amounts.at["A2", "own_funds"] == 400000
    shares = budget_study.funding_shares_table(study)
    assert list(shares["Financeur"])[-1] == "Autofinancement du maître d'ouvrage"
    a1 = shares.columns[1]
    assert a1.startswith("A1 (1,0") and a1.endswith("M€)")
    assert list(shares[a1]) == pytest.approx([0.4, 0.3, 0.1, 0.2])


def test_report_files_are_written(P, study, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    names = budget_study.write_report(P, study, folder)
    assert (folder / budget_study.XLSX_NAME).exists()
    assert names and all((folder / n).exists() for n in names)


def test_group_and_forecast_tables():
    frame = pd.DataFrame(
        {
            "owner": ["Ville"],
            "subsidy_eur": [1000.0],
            "committed_rate": [0.5],
            "paid_rate": [0.25],
            "n_late": [1],
            "n_actions": [3],
            "at_risk_eur": [1234.0],
        }
    )
    table = budget_study.group_table(frame, "owner", "Maître d'ouvrage")
    assert table.iloc[0]["Actions en retard"] == "1 sur 3"
    assert table.iloc[0]["À risque (€)"] == 1200
    by_action = pd.DataFrame(
        {
            "action_id": ["A1", "A2"],
            "pace_eur_per_year": [12345.0, 0.0],
            "paid_eur": [100.0, 0.0],
            "forecast_eur": [54321.0, 0.0],
            "at_risk_eur": [49.0, 0.0],
            "forecast_basis": ["rythme", "calendrier"],
        }
    )
    table = budget_study.forecast_table(by_action)
    assert list(table["Rythme (€/an)"]) == [12300, 0]
    assert list(table["Base"]) == ["rythme observé", "non commencée : calendrier"]


def test_by_action_scrap_has_the_contract_columns(study):
    scrap = budget_study.by_action_scrap(study)
    assert list(scrap.columns) == list(budget_study.SCRAP_COLUMNS)
    assert len(scrap) == 2
