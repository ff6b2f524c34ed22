"""ghg_study: the model of a site's parameters is built from the reference data and the
site's overrides (one recipe for the notebook, the tests and the benchmark); the typed
comparisons the brief cites (hand computations).
"""

import dataclasses
from pathlib import Path

import pytest
from ghg_testkit import payback_model, total

from qsp_lib.core import params
from qsp_lib.ghg import model as ghg
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
    assert list(model.options) == [o["name"] for o in p.options_dicts()]
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
    assert study.names == tuple(o.name for o in p.options)
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
    assert study.uncertainty.summary["prob_best"].sum() == pytest.approx(1.0)
    # the payback reference never pays back against itself
    assert study.payback.years[study.payback.reference] == 0
    gap = study.buildings_gap
    veg = tot.buildings_by_part["vegetation_soil"]
    hi, lo = study.buildings_comparison.worst, study.buildings_comparison.best
    assert gap.total_t_co2e == pytest.approx(
        gap.works_t_co2e + gap.energy_t_co2e + veg[hi] - veg[lo]
    )
    assert list(study.sources.columns) == ["item", "value", "unit", "low", "high", "source", "note"]


def test_comparison_gaps_and_catch_up():
    m = payback_model(50)
    tot = total(m)
    # rehab 100 t + 10 t/yr x 50 = 600 t; new 300 t + 5 t/yr x 50 = 550 t
    assert tot == pytest.approx({"Réhabilitation": 600.0, "Reconstruction": 550.0})
    cmp = ghg_study.comparison(tot, "Réhabilitation")
    assert (cmp.best, cmp.worst) == ("Reconstruction", "Réhabilitation")
    assert cmp.gap_worst_t_co2e == pytest.approx(50.0)
    assert cmp.gap_worst_fraction == pytest.approx(50 / 600)
    assert cmp.others == ("Reconstruction",)
    # the reconstruction starts 200 t above and then emits 5 t/yr less: 40 years to catch up
    c = ghg_study.catch_up(ghg.cumulative(m), "Réhabilitation", "Reconstruction")
    assert c.case == "closes"
    assert c.initial_gap_t_co2e == pytest.approx(200.0)
    assert c.yearly_saving_t_co2e == pytest.approx(5.0)
    assert c.years == pytest.approx(40.0)
    # measured at year 10: gap 150 t, then 40 years at 5 t/yr -> 30 years
    assert ghg_study.catch_up(
        ghg.cumulative(m), "Réhabilitation", "Reconstruction", 10
    ).years == pytest.approx(30.0)
    assert (
        ghg_study.catch_up(ghg.cumulative(m), "Reconstruction", "Réhabilitation").case == "no_gap"
    )
    # 30-year period measured at year 10: gap 150 t, 20 years left at 5 t/yr -> 30 years,
    # beyond the period
    late = ghg_study.catch_up(
        ghg.cumulative(payback_model(30)), "Réhabilitation", "Reconstruction", 10
    )
    assert late.case == "beyond" and late.years == pytest.approx(30.0)


def test_difference_rows_direction():
    m = payback_model(50)
    mc = ghg.monte_carlo(m, draws=200, seed=1)
    d = ghg.differences(m, mc["static"], "Réhabilitation", total(m))
    rows = ghg_study.difference_rows(d, "Réhabilitation")
    assert [r.option for r in rows] == ["Reconstruction"]
    assert not rows[0].emits_more and rows[0].abs_t_co2e == pytest.approx(50.0)
