"""Parameter validation: every kind of bad input of design.md gives a clear error naming the
file, the key path, the value and what was expected."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import Field, field_validator

from qsp_lib.core import params
from qsp_lib.core.params import (
    NonNegFloat,
    NotebookParameters,
    ParameterError,
    SitePath,
    StrictModel,
)


class Item(StrictModel):
    name: str
    area_m2: NonNegFloat


class DemoParameters(NotebookParameters):
    tilt_deg: Annotated[float, Field(ge=0, le=90)] = 30.0
    monthly_kwh: Annotated[list[float], Field(min_length=12, max_length=12)] = [1.0] * 12
    weighting: Literal["static", "dynamic"] = "static"
    count: int = 3
    items: list[Item] = []
    table_csv: SitePath | None = None

    @field_validator("table_csv")
    @classmethod
    def _columns(cls, value):
        if value is not None:
            params.check_csv_columns(value, required=["year", "value"], optional=["note"])
        return value


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setitem(params.SCHEMAS, "demo", DemoParameters)
    folder = tmp_path / "parameters" / "demo-site"
    folder.mkdir(parents=True)
    return folder


def _errors(site: Path, text: str) -> ParameterError:
    path = site / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError) as info:
        params.validate_file("demo", path)
    message = str(info.value)
    assert str(path) in message  # the file is always named
    return info.value


def test_valid_file_resolves_relative_paths_against_the_site_folder(site):
    (site / "data").mkdir()
    (site / "data" / "t.csv").write_text("year,value\n2024,1\n")
    (site / "demo.yaml").write_text("tilt_deg: 35\ntable_csv: data/t.csv\n")
    model = params.validate_file("demo", site / "demo.yaml")
    assert model.tilt_deg == 35
    assert model.table_csv == str((site / "data" / "t.csv").resolve())


def test_unknown_key_suggests_the_closest_name(site):
    err = _errors(site, "tilt_dge: 35\n")
    (problem,) = err.problems
    assert problem.key_path == "tilt_dge"
    assert "inconnu" in problem.expected and "tilt_deg" in problem.expected


def test_unknown_nested_key_suggests_the_closest_name(site):
    err = _errors(site, "items:\n  - name: a\n    area_m3: 3\n")
    paths = {p.key_path: p for p in err.problems}
    assert "items[0].area_m3" in paths
    assert "area_m2" in paths["items[0].area_m3"].expected


def test_wrong_type(site):
    err = _errors(site, "count: beaucoup\n")
    assert err.problems[0].key_path == "count"
    assert "entier" in err.problems[0].expected
    assert "beaucoup" in str(err)


def test_out_of_range_value(site):
    err = _errors(site, "tilt_deg: 120\n")
    assert err.problems[0].key_path == "tilt_deg"
    assert "≤ 90" in err.problems[0].expected and "120" in str(err)


def test_list_of_the_wrong_length(site):
    err = _errors(site, "monthly_kwh: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n")
    assert err.problems[0].key_path == "monthly_kwh"
    assert "12" in err.problems[0].expected and "reçu 11" in err.problems[0].expected


def test_missing_file(site):
    err = _errors(site, "table_csv: absent.csv\n")
    assert err.problems[0].key_path == "table_csv"
    assert "introuvable" in err.problems[0].expected


def test_csv_with_missing_and_extra_columns(site):
    (site / "t.csv").write_text("year,valeur\n2024,1\n")
    err = _errors(site, "table_csv: t.csv\n")
    text = err.problems[0].expected
    assert "manquantes : value" in text and "inconnues : valeur" in text


def test_negative_quantity(site):
    err = _errors(site, "items:\n  - name: a\n    area_m2: -5\n")
    assert err.problems[0].key_path == "items[0].area_m2"
    assert "≥ 0" in err.problems[0].expected


def test_nan_is_refused(site):
    err = _errors(site, "tilt_deg: .nan\n")
    assert err.problems[0].key_path == "tilt_deg"
    assert "NaN" in err.problems[0].expected


def test_misspelt_choice_suggests_the_closest(site):
    err = _errors(site, "weighting: dynamik\n")
    assert "dynamic" in err.problems[0].expected


def test_every_problem_is_reported_at_once(site):
    err = _errors(site, "tilt_deg: -1\ncount: x\nfoo: 1\n")
    assert {p.key_path for p in err.problems} == {"tilt_deg", "count", "foo"}


def test_yaml_syntax_error_names_the_line(site):
    err = _errors(site, "tilt_deg: [1, 2\ncount: 3\n")
    assert "ligne" in err.problems[0].expected


def test_duplicate_key_is_an_error(site):
    err = _errors(site, "tilt_deg: 10\ntilt_deg: 20\n")
    assert "double" in err.problems[0].expected


def test_top_level_must_be_a_mapping(site):
    err = _errors(site, "- 1\n- 2\n")
    assert "table" in err.problems[0].expected


def test_notebook_without_schema_is_checked_against_its_parameters_cell(tmp_path):
    defaults = {"label": "x", "energy_kwh": 1.0, "count": 2}
    with pytest.raises(ParameterError) as info:
        params.validate("no_schema", {"enrgy_kwh": 3.0, "count": "deux"}, cell_defaults=defaults)
    by_key = {p.key_path: p.expected for p in info.value.problems}
    assert "energy_kwh" in by_key["enrgy_kwh"]
    assert "entier" in by_key["count"]


def test_from_namespace_catches_an_injected_misspelt_name(monkeypatch, tmp_path):
    monkeypatch.setitem(params.SCHEMAS, "demo", DemoParameters)
    namespace = {
        "tilt_deg": 20.0,
        "tilt_dgr": 25.0,
        # opened by hand: the parameters cell ran just before the check cell
        "In": ["", "tilt_deg = 20.0\ntilt_dgr = 25.0\n", 'P = params.from_namespace("demo")'],
        "params": params,
        "_hidden": 1,
        "site_dir": str(tmp_path),
    }
    with pytest.raises(ParameterError) as info:
        params.from_namespace("demo", namespace)
    assert info.value.problems[0].key_path == "tilt_dgr"


def test_parameter_check_can_be_rerun_after_run_all(monkeypatch, tmp_path):
    """After "Run All", the later cells' globals (results, figures) are not parameters:
    re-running the check cell alone validates the schema's names only."""
    monkeypatch.setitem(params.SCHEMAS, "demo", DemoParameters)
    check = 'P = params.from_namespace("demo", globals())'
    namespace = {
        "In": ["", "tilt_deg = 20.0\n", check, "sim = run(P)\nfig = draw(sim)", check],
        "tilt_deg": 22.0,
        "sim": {"energy_kwh": 1.0},
        "fig": object(),
        "MONTHS_FR": ("janv.",),
        "site_dir": str(tmp_path),
    }
    model = params.from_namespace("demo", namespace)
    assert model.tilt_deg == 22.0
    assert namespace["sim"] == {"energy_kwh": 1.0}


def test_papermill_run_uses_injected_values_and_schema_defaults_not_cell_defaults(monkeypatch):
    """A site file that leaves a key out gets the schema default, never the Concorde value
    written in the notebook's parameters cell."""
    monkeypatch.setitem(params.SCHEMAS, "demo", DemoParameters)
    history = ["", "tilt_deg = 35.0\nweighting = 'dynamic'\n", "# Parameters\ntilt_deg = 20.0\n"]
    namespace = {"In": history, "tilt_deg": 20.0, "weighting": "dynamic"}
    model = params.from_namespace("demo", namespace)
    assert model.tilt_deg == 20.0
    assert model.weighting == "static"  # schema default
    assert namespace["weighting"] == "static"  # globals agree with the model


def test_opened_by_hand_the_cell_values_are_the_parameters(monkeypatch):
    monkeypatch.setitem(params.SCHEMAS, "demo", DemoParameters)
    namespace = {
        "In": ["", "tilt_deg = 35.0\nweighting = 'dynamic'\n"],
        "tilt_deg": 35.0,
        "weighting": "dynamic",
    }
    assert params.from_namespace("demo", namespace).weighting == "dynamic"


def test_check_csv_rows_names_line_column_value(tmp_path):
    from pydantic import Field

    from qsp_lib.core import params

    class Row(params.StrictModel):
        zone: str
        population: float = Field(ge=0)
        lden_db: float = Field(ge=20, le=100)
        note: str | None = None

    path = tmp_path / "zones.csv"
    path.write_text("zone,population,lden_db,note\nA,10,55,\nB,-3,55,x\nC,1,120,\n")
    with pytest.raises(ValueError) as info:
        params.check_csv_rows(path, Row)
    text = str(info.value)
    assert str(path) in text
    assert "ligne 3, colonne population = '-3' : un nombre ≥ 0" in text
    assert "ligne 4, colonne lden_db = '120' : un nombre ≤ 100" in text
    path.write_text("zone,population,lden_db,note\nA,10,55,\n")
    assert params.check_csv_rows(path, Row) == 1
