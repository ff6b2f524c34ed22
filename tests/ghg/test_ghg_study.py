"""ghg_study: the model of a site's parameters is built from the reference data and the
site's overrides (one recipe for the notebook, the tests and the benchmark); the typed
comparisons the brief cites (hand computations).
"""

import dataclasses
from pathlib import Path

import pytest

from qsp_lib.core import params
from qsp_lib.ghg import reference
from qsp_lib.ghg import study as ghg_study

REPO = Path(__file__).resolve().parents[2]


def _concorde(**update):
    p = params.validate_file(
        "ghg_planning_options", REPO / "parameters" / "concorde" / "ghg_planning_options.yaml"
    )
    return p.model_copy(update=update)


def test_model_carries_the_site_overrides_and_the_study_period():
    p = _concorde()
    model = ghg_study.model_from_parameters(p)
    assert model.study_period_years == p.study_period_years
    assert list(model.options) == [o["name"] for o in ghg_study.options(p)] == p.option_names()
    # An untouched factor keeps its published central value and range.
    ref = reference.ghg_factors()
    untouched = ref.index.difference(model.factors.index[model.factors["overridden"]])[0]
    assert model.factors.at[untouched, "value"] == ref.at[untouched, "value"]
    assert model.factors.at[untouched, "low"] == ref.at[untouched, "low"]


def test_run_returns_one_frozen_typed_study():
    p = _concorde(monte_carlo_draws=300)
    study = ghg_study.run(p)
    with pytest.raises(dataclasses.FrozenInstanceError):
        study.weighting = "dynamic"
    assert study.names == tuple(p.option_names())
    assert study.period_years == p.study_period_years
    assert study.end_year == p.start_year + p.study_period_years
    assert study.reference_option == p.comparison_reference()
    tot = study.totals
    for name in study.names:
        # total = buildings and works + mobility, in either weighting
        assert tot.static[name] == pytest.approx(
            tot.buildings_static[name] + tot.mobility_lead[name]
        )
        assert tot.buildings_by_part.loc[name].sum() == pytest.approx(tot.buildings_lead[name])
    # the reference against itself: no gap, in every draw
    ref = study.uncertainty.differences.loc[study.reference_option]
    assert ref[["p05_t_co2e", "p50_t_co2e", "p95_t_co2e"]].tolist() == [0, 0, 0]
    assert study.reference_option not in [r.option for r in study.uncertainty.difference_rows]
    assert study.uncertainty.draws.shape == (300, len(study.names))
    # planning ranges give an envelope, not a probability: no share of draws is reported
    assert "prob_best" not in study.uncertainty.summary.columns
    # the payback reference never pays back against itself
    assert study.payback.years[study.payback.reference] == 0
    gap = study.buildings_gap
    veg = tot.buildings_by_part["vegetation_soil"]
    hi, lo = study.buildings_comparison.worst, study.buildings_comparison.best
    assert gap.total_t_co2e == pytest.approx(
        gap.works_t_co2e + gap.energy_t_co2e + veg[hi] - veg[lo]
    )
    assert list(study.sources.columns) == ["item", "value", "unit", "low", "high", "source", "note"]
