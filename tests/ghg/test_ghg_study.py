"""ghg_study: the model of a site's parameters is built from the reference data and the
site's overrides (one recipe for the notebook, the tests and the benchmark)."""

from pathlib import Path

from qsp_lib.core import params
from qsp_lib.ghg import reference
from qsp_lib.ghg import study as ghg_study

REPO = Path(__file__).resolve().parents[2]


def test_model_carries_the_site_overrides_and_the_study_period():
    p = params.validate_file(
        "ghg_planning_options", REPO / "parameters" / "concorde" / "ghg_planning_options.yaml"
    )
    model = ghg_study.model_from_parameters(p)
    assert model.study_period_years == p.study_period_years
    assert list(model.options) == [o["name"] for o in p.options_dicts()]
    # An untouched factor keeps its published central value and range.
    ref = reference.ghg_factors()
    untouched = ref.index.difference(model.factors.index[model.factors["overridden"]])[0]
    assert model.factors.at[untouched, "value"] == ref.at[untouched, "value"]
    assert model.factors.at[untouched, "low"] == ref.at[untouched, "low"]
