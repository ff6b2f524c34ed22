"""Data status: declarations of inputs, the weakest status of a figure, and the marks a
brief shows (design.md, "Data status")."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import Field

from qsp_lib.core import brief, params, status
from qsp_lib.core.params import NotebookParameters, ParameterError, SitePath, StrictModel


class Files(StrictModel):
    ledger_csv: SitePath


class Demo(NotebookParameters):
    exposure_csv: SitePath
    files: Files
    factor: Annotated[float, Field(ge=0)] = 1.0


@pytest.fixture
def site(tmp_path):
    (tmp_path / "a.csv").write_text("x\n1\n")
    (tmp_path / "b.csv").write_text("x\n1\n")
    return tmp_path


def _validate(monkeypatch, site, data):
    monkeypatch.setitem(params.SCHEMAS, "demo", Demo)
    return params.validate("demo", data, site_dir=site)


def test_weakest_status_and_default():
    assert status.weakest(["sourced", "illustrative", "estimated"]) == "illustrative"
    assert status.weakest(["sourced", None]) == "estimated"  # undeclared counts as estimated
    assert status.weakest([]) == "estimated"
    assert status.weakest(["sourced", "sourced"]) == "sourced"


def test_a_declared_file_is_validated_as_its_path_and_keeps_its_status(monkeypatch, site):
    P = _validate(
        monkeypatch,
        site,
        {
            "exposure_csv": {"path": "a.csv", "status": "illustrative", "source": "hypothèse"},
            "files": {"ledger_csv": {"path": "b.csv", "status": "sourced"}},
        },
    )
    assert P.exposure_csv == str(site / "a.csv")  # consumers still get a path
    assert params.input_status(P, "exposure_csv") == status.InputStatus("illustrative", "hypothèse")
    assert params.input_status(P, "files").status == "sourced"
    assert params.input_status(P, "files.ledger_csv").status == "sourced"
    assert params.input_status(P, "factor").status == "estimated"


def test_a_bare_path_stays_valid_and_is_estimated(monkeypatch, site):
    P = _validate(monkeypatch, site, {"exposure_csv": "a.csv", "files": {"ledger_csv": "b.csv"}})
    assert params.input_status(P, "exposure_csv").status == "estimated"
    assert params.declared_inputs(P) == {}


def test_an_unknown_status_names_the_key(monkeypatch, site):
    with pytest.raises(ParameterError, match="exposure_csv.status"):
        _validate(
            monkeypatch,
            site,
            {
                "exposure_csv": {"path": "a.csv", "status": "measured"},
                "files": {"ledger_csv": "b.csv"},
            },
        )


def test_a_rerun_of_the_check_cell_keeps_the_declared_status(monkeypatch, site):
    monkeypatch.setitem(params.SCHEMAS, "demo", Demo)
    declared = {"path": "a.csv", "status": "illustrative"}
    namespace = {"exposure_csv": declared, "files": {"ledger_csv": "b.csv"}, "site_dir": str(site)}
    first = params.from_namespace("demo", namespace)
    assert namespace["exposure_csv"] == declared  # not replaced by the bare path
    again = params.from_namespace("demo", namespace)
    assert params.input_status(first, "exposure_csv").status == "illustrative"
    assert params.input_status(again, "exposure_csv").status == "illustrative"


def test_a_card_takes_the_weakest_status_of_its_inputs(monkeypatch, site):
    P = _validate(
        monkeypatch,
        site,
        {
            "exposure_csv": {"path": "a.csv", "status": "illustrative"},
            "files": {"ledger_csv": {"path": "b.csv", "status": "sourced"}},
        },
    )
    assert brief.card_status({"inputs": ("files", "exposure_csv")}, P) == "illustrative"
    assert brief.card_status({"inputs": ("files",)}, P) == "sourced"
    assert brief.card_status({"inputs": ("files", "factor")}, P) == "estimated"
    assert brief.card_status({"inputs": ("files",)}) is None  # no parameters: unknown
    assert brief.card_status({"data_status": "sourced"}) == "sourced"


def test_the_banner_names_the_illustrative_figures():
    cards = [{"label": "Décès"}, {"label": "Subvention"}]
    assert brief.illustrative_banner([], cards) == ""
    text = brief.illustrative_banner(cards[:1], cards)
    assert "Données illustratives" in text and "« Décès »" in text and "Subvention" not in text
    assert "Tous les chiffres" in brief.illustrative_banner(cards, cards)
