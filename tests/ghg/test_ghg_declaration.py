"""The key figures of the ghg_planning_options declaration rest on parameters of its schema,
so that their data status (the weakest of their inputs) is that of real inputs."""

from __future__ import annotations

from qsp_lib.ghg.declaration import ANALYSIS
from qsp_lib.ghg.schema import GhgPlanningOptionsParameters


def test_every_input_of_a_key_figure_is_a_parameter():
    fields = set(GhgPlanningOptionsParameters.model_fields)
    for k in ANALYSIS.key_figures:
        assert k.inputs and set(k.inputs) <= fields, (k.id, set(k.inputs) - fields)
    # every figure rests on the options compared and the emission factors
    assert all({"options", "factors"} <= set(k.inputs) for k in ANALYSIS.key_figures)
    # the spread of the differences comes from the draws
    assert {"monte_carlo_draws", "seed", "distribution"} <= set(
        ANALYSIS.key_figure("difference").inputs
    )
