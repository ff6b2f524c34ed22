"""pia_followup notebook end to end (``notebooks``: read from the shared run of
``conftest.site_runs``): contract scraps, the workbook beside them, and the numbers of the
brief equal to the library's on the same files."""

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
NB = REPO / "notebooks" / "pia_followup.ipynb"


def test_parameters_cell_equals_concorde_file_and_no_outputs():
    from qsp_lib.runner import parameters_cell_defaults

    nb = json.loads(NB.read_text(encoding="utf-8"))
    data = yaml.safe_load((REPO / "parameters/concorde/pia_followup.yaml").read_text("utf-8"))
    assert parameters_cell_defaults(nb) == data
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.notebooks
@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_notebook_glues_the_contract_scraps_and_writes_the_workbook(site_runs, site):
    from qsp_lib.budget import io as budget_io
    from qsp_lib.budget import model as budget
    from qsp_lib.core import scraps

    site_dir = REPO / "parameters" / site
    from qsp_lib.core import brief, status

    declared = yaml.safe_load((site_dir / "pia_followup.yaml").read_text("utf-8"))
    params = status.extract_inputs(declared)[0]  # {path, status, source} -> path
    run = site_runs.site(site)  # the executed notebook, its brief and exports side by side
    s = scraps.read(run / "pia_followup.ipynb")

    actions = budget_io.read_actions(site_dir / params["actions_csv"])
    assert s["pia_convention_eur"] == params["convention_amount_eur"]
    assert s["pia_committed_rate"] == pytest.approx(
        s["pia_committed_eur"] / s["pia_convention_eur"]
    )
    assert s["pia_paid_rate"] == pytest.approx(s["pia_paid_eur"] / s["pia_convention_eur"])
    assert 0 <= s["pia_paid_rate"] <= 1 and 0 <= s["pia_at_risk_eur"] <= s["pia_convention_eur"]
    rows = pd.DataFrame(s["pia_by_action"])
    assert {"action_id", "subsidy_eur", "committed_eur", "paid_eur"} <= set(rows)
    assert list(rows["action_id"]) == list(actions["action_id"])
    assert rows["paid_eur"].sum() == pytest.approx(s["pia_paid_eur"])
    assert set(s["pia_late_actions"]) == set(rows.loc[rows["late"], "action_id"])
    assert all(isinstance(m, str) and m for m in s["pia_alerts"])

    workbook = run / budget.XLSX_NAME
    book = pd.read_excel(workbook, sheet_name=None)
    total = book["Suivi par action"].set_index("Action").loc["Total"]
    assert total["Versé (€)"] == pytest.approx(s["pia_paid_eur"])
    assert total["Engagé (€)"] == pytest.approx(s["pia_committed_eur"])
    for name in budget.CSV_NAMES.values():
        assert (run / name).is_file()

    # the programme and ledger are illustrative on both sites: so are the cards resting on them
    cards = {c["label"]: c["data_status"] for c in brief.key_figures_of(run / "pia_followup.ipynb")}
    assert cards["Subvention à risque"] == cards["Actions en retard"] == "illustrative"
    assert cards["Montant de la convention"] == "estimated"
