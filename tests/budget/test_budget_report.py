"""The financial report to the operator (qsp_lib.budget.report): its workbook's totals equal
its CSVs and the ledger, on the hand-made convention of ``budget_fixture``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import budget_fixture as fx  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from qsp_lib.budget import model, report  # noqa: E402
from qsp_lib.budget.model import alerts, followup, funding  # noqa: E402
from qsp_lib.core import exports  # noqa: E402


def test_xlsx_totals_equal_the_csvs(tmp_path):
    actions, payments, conv = fx.actions(), fx.payments(), fx.conv()
    f = followup.forecast(followup.follow_up(actions, payments, fx.AS_OF), conv, fx.AS_OF)
    plan = funding.funding_plan(actions, {"mel": {"label": "MEL", "status": "secured"}})
    sheets = report.report_sheets(
        f,
        followup.summarise(f, "owner"),
        followup.summarise(f, "axis"),
        payments,
        plan,
        alerts.check_consistency(actions, payments, conv, fx.AS_OF),
        conv,
        fx.AS_OF,
    )
    xlsx = exports.write_xlsx(sheets, tmp_path / model.XLSX_NAME)
    for name, frame in report.report_csvs(sheets).items():
        exports.write_csv(frame, tmp_path / name)
    book = pd.read_excel(xlsx, sheet_name=None)
    assert list(book) == list(sheets)
    by_action = pd.read_csv(tmp_path / "pia_followup_par_action.csv", encoding="utf-8-sig")
    total = book["Suivi par action"].set_index("Action").loc["Total"]
    for col in ("Subvention PIA (€)", "Engagé (€)", "Versé (€)", "Reste à verser (€)"):
        assert total[col] == pytest.approx(by_action[col].sum()), col
    assert total["Versé (€)"] == 45_000 and total["Subvention PIA (€)"] == 150_000
    for sheet in ("Par maître d'ouvrage", "Par axe"):
        t = book[sheet].iloc[-1]
        assert t["Versé (€)"] == pytest.approx(by_action["Versé (€)"].sum())
        assert t["Nombre d'actions"] == len(by_action)
    synth = book["Synthèse"].set_index("Rubrique")["Valeur"]
    assert float(synth["Versé (€)"]) == pytest.approx(by_action["Versé (€)"].sum())
    ledger = pd.read_csv(tmp_path / "pia_followup_versements.csv", encoding="utf-8-sig")
    assert ledger["Montant (€)"].sum() == pytest.approx(book["Versements"]["Montant (€)"].sum())
    fp = pd.read_csv(tmp_path / "pia_followup_plan_de_financement.csv", encoding="utf-8-sig")
    assert fp["Montant (€)"].sum() == pytest.approx(actions["total_cost_eur"].sum())
