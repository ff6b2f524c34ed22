"""The GHG model of a validated ``ghg_planning_options`` parameter set, built once.

The notebook, the site-file tests and the benchmark all need the same model from the same
parameters: reference factors with the site's overrides and trajectories, RE2020 dynamic
weights over the study period and RE2020 thresholds. This module is that one recipe; the
model itself (:mod:`qsp_lib.ghg.model`) reads no files.
"""

from __future__ import annotations

from typing import Any


def model_from_parameters(P: Any):
    """The :class:`qsp_lib.ghg.model.GhgModel` of validated parameters ``P``.

    Parameters
    ----------
    P : qsp_lib.ghg.schema.GhgPlanningOptionsParameters
        Validated parameters (options, factor overrides, trajectories, study period [years],
        start year, permit lead [years]).

    Returns
    -------
    qsp_lib.ghg.model.GhgModel
        See :func:`qsp_lib.ghg.model.build_model`.

    References
    ----------
    Dynamic weights: arrêté du 4 août 2021 (RE2020), annexe, as computed by
    :func:`qsp_lib.ghg.model.dynamic_weights` (IPCC AR5; Joos et al. 2013).
    """
    from qsp_lib.ghg import model as ghg
    from qsp_lib.ghg import reference

    factors = ghg.apply_trajectories(
        ghg.apply_overrides(reference.ghg_factors(), P.factors.model_dump()),
        P.trajectories.model_dump(),
    )
    return ghg.build_model(
        P.options_dicts(),
        factors,
        ghg.dynamic_weights(reference.re2020_dynamic_weights(), P.study_period_years),
        reference.re2020_limits(),
        study_period_years=P.study_period_years,
        start_year=P.start_year,
        permit_lead_years=P.permit_lead_years,
    )
