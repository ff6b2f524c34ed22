"""Totals of a compiled model: by option, part and stage, static and dynamic, cumulative
over the years, and the carbon payback between options.

The linear parts are a product of the coefficient tensor with the factor draws; energy and
tree storage, non-linear, are added by :mod:`~qsp_lib.ghg.model.energy` and
:mod:`~qsp_lib.ghg.model.vegetation`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from qsp_lib.ghg.model.compiled import GhgModel
from qsp_lib.ghg.model.energy import _energy_t, carrier_paths
from qsp_lib.ghg.model.keys import _OCCUPANCY, CAR_MODES, PARTS, STAGE_OF_PART
from qsp_lib.ghg.model.vegetation import _tree_storage_t


def _with_values(model: GhgModel, values: Mapping | None) -> dict[str, np.ndarray]:
    """Central values (one draw) with some factors replaced (scalars or one-draw arrays)."""
    vals = model.central_values()
    for k, v in (values or {}).items():
        if k not in vals:
            raise KeyError(f"unknown factor {k!r}")
        vals[k] = np.atleast_1d(np.asarray(v, dtype=float))
    return vals


def _linear_matrix(model: GhgModel, vals: Mapping[str, np.ndarray]) -> np.ndarray:
    """Draws x linear factors; car factors per vehicle-km divided by the occupancy."""
    d = max(len(np.atleast_1d(v)) for v in vals.values())
    x = np.column_stack([np.broadcast_to(vals[k], (d,)) for k in model.factor_keys])
    occ = np.broadcast_to(vals[_OCCUPANCY], (d,))
    for mode in CAR_MODES:
        x[:, model.factor_keys.index(f"mobility_{mode}")] /= occ
    return x


def _part_mask(parts: Sequence[str] | None) -> np.ndarray:
    return np.array([p in parts for p in PARTS]) if parts is not None else np.ones(len(PARTS), bool)


def evaluate_totals(
    model: GhgModel, vals: Mapping[str, np.ndarray], weights, parts: Sequence[str] | None = None
) -> np.ndarray:
    """Totals [tCO2e] for factor draws and year weights.

    Parameters
    ----------
    model : GhgModel
    vals : mapping of str to numpy.ndarray
        Every factor key -> draws (same length, or length 1).
    weights : numpy.ndarray
        Weight of each study year [-] (:meth:`GhgModel.weights`), shape (years,); or one row
        per weighting, shape (weightings, years), so that the energy and tree paths of the
        draws are computed once for all of them. A row equal to the model's dynamic weights
        (:meth:`GhgModel.weights`) is the dynamic weighting, with its delivery anchor when
        the model has one.
    parts : sequence of str, optional
        Life-cycle parts to include (:data:`PARTS`); all by default.

    Returns
    -------
    numpy.ndarray
        Shape (draws, options), or (weightings, draws, options) for 2-D ``weights``.
    """
    w = np.atleast_2d(np.asarray(weights, dtype=float))
    mask = _part_mask(parts)
    x = _linear_matrix(model, vals)
    tot = x @ np.einsum("optk,wt->wko", model.coef[:, mask], w)
    dyn = model.dynamic_rows(w)
    if dyn.any():  # the delivery anchor of the dynamic weighting (already weighted)
        tot[dyn] += x @ model.anchor_coef[:, mask].sum(axis=(1, 2)).T
    if mask[PARTS.index("operation_energy")]:
        tot += _energy_t(model, {k: np.broadcast_to(v, (len(x),)) for k, v in vals.items()}, w)
    if mask[PARTS.index("vegetation_soil")]:
        tot -= _tree_storage_t(model, vals, w)
    return tot if np.ndim(weights) == 2 else tot[0]


def profile_array(model: GhgModel, values: Mapping[str, float] | None = None) -> np.ndarray:
    """Yearly emissions in tCO2e, shape (options, parts, years), for one set of factors.

    Parameters
    ----------
    model : GhgModel
    values : mapping of str to float, optional
        Factor values replacing the central ones (keys of the factor table).
    """
    vals = _with_values(model, values)
    x = _linear_matrix(model, vals)[0]
    prof = model.coef @ x
    # identity weights give the yearly values, shape (years, 1 draw, options)
    eye = np.eye(len(model.years))
    prof[:, PARTS.index("operation_energy")] += _energy_t(model, vals, eye)[:, 0].T
    prof[:, PARTS.index("vegetation_soil")] -= _tree_storage_t(model, vals, eye)[:, 0].T
    return prof


def weighted_profile(
    model: GhgModel, weighting: str = "static", values: Mapping[str, float] | None = None
) -> np.ndarray:
    """Yearly emissions [tCO2e] times their weight, shape (options, parts, years): their sum
    over the years is the total in ``weighting`` (with the delivery anchor of the dynamic
    weighting when the model has one, each works element weighted ``f(t - d)``).

    Parameters
    ----------
    model : GhgModel
    weighting : {"static", "dynamic"}
    values : mapping of str to float, optional
        Factor values replacing the central ones.

    References
    ----------
    .. [1] Arrêté du 4 août 2021 (RE2020), annexe II (ACV dynamique simplifiée).
    """
    prof = profile_array(model, values) * model.weights(weighting)
    if weighting == "dynamic" and model.anchor_coef is not None:
        vals = _with_values(model, values)
        prof += model.anchor_coef @ _linear_matrix(model, vals)[0]
        paths = carrier_paths(model, vals)[0]  # (carriers, years)
        prof[:, PARTS.index("operation_energy")] += (model.anchor_energy * paths[None]).sum(
            axis=1
        ) * 1e-3
    return prof


def lifecycle_totals(model: GhgModel, values: Mapping[str, float] | None = None):
    """Totals by option and life-cycle part (:data:`PARTS`), static and dynamic.

    Returns
    -------
    pandas.DataFrame
        ``option, part, stage, static_t_co2e, dynamic_t_co2e``.
    """
    import pandas as pd

    prof = profile_array(model, values)
    dyn = weighted_profile(model, "dynamic", values)
    rows = [
        {
            "option": name,
            "part": part,
            "stage": STAGE_OF_PART[part],
            "static_t_co2e": float(prof[i, p].sum()),
            "dynamic_t_co2e": float(dyn[i, p].sum()),
        }
        for i, name in enumerate(model.options)
        for p, part in enumerate(PARTS)
    ]
    return pd.DataFrame(rows)


def totals(model: GhgModel, values: Mapping[str, float] | None = None):
    """Totals over the study period by option and stage, static and dynamic.

    Returns
    -------
    pandas.DataFrame
        ``option, stage, static_t_co2e, dynamic_t_co2e`` (the ``ghg_totals`` scrap), options in
        input order, stages in :data:`STAGES` order.
    """
    # parts come in stage order (PARTS), so the groups keep the options' and STAGES' order
    by_part = lifecycle_totals(model, values)
    cols = ["static_t_co2e", "dynamic_t_co2e"]
    return by_part.groupby(["option", "stage"], sort=False)[cols].sum().reset_index()


def option_totals(totals_df, weighting: str = "static", stages: Sequence[str] | None = None):
    """Total per option (sum of the stages) for one weighting, in input order.

    Parameters
    ----------
    totals_df : pandas.DataFrame
        From :func:`totals`.
    weighting : {"static", "dynamic"}
    stages : sequence of str, optional
        Stages to include (all by default; :data:`BUILDING_STAGES` for buildings and works).

    Returns
    -------
    dict of str to float
        Option -> total [tCO2e].
    """
    df = totals_df if stages is None else totals_df[totals_df["stage"].isin(stages)]
    s = df.groupby("option", sort=False)[f"{weighting}_t_co2e"].sum()
    return {k: float(v) for k, v in s.items()}


def mobility_is_shared(model: GhgModel) -> bool:
    """True when every option has the same mobility (it then cancels in every difference)."""
    mob = model.coef[:, PARTS.index("mobility")]
    return bool(np.allclose(mob, mob[:1], rtol=1e-12, atol=0.0))


def compared_parts(model: GhgModel) -> tuple[str, ...]:
    """Parts that differ between options: all but mobility when mobility is shared."""
    if mobility_is_shared(model):
        return tuple(p for p in PARTS if p != "mobility")
    return PARTS


def cumulative(model: GhgModel, weighting: str = "static", values=None, parts=None):
    """Cumulative emissions [tCO2e] at the end of each study year, one column per option.

    Parameters
    ----------
    model : GhgModel
    weighting : {"static", "dynamic"}
    values : mapping of str to float, optional
        Factor values replacing the central ones.
    parts : sequence of str, optional
        Life-cycle parts to include (all by default).

    Returns
    -------
    pandas.DataFrame
        Index ``year`` (0..N), columns = option names.
    """
    import pandas as pd

    prof = weighted_profile(model, weighting, values)[:, _part_mask(parts)].sum(axis=1)
    cum = np.cumsum(prof, axis=1)
    return pd.DataFrame(cum.T, index=pd.Index(model.years, name="year"), columns=model.options)


def payback_years(cumulative_df, reference_option: str) -> dict[str, int | None]:
    """Carbon payback of each option against a reference (the rehabilitation-led option).

    The payback of option X is the first study year t from which X's cumulative emissions stay
    at or below the reference's until the end of the period: the year the cumulative curves
    cross. 0 when X is never above the reference (including the reference itself); ``None``
    when X is still above at the end of the period ("none within the period").

    Parameters
    ----------
    cumulative_df : pandas.DataFrame
        From :func:`cumulative`.
    reference_option : str
        Column name of the reference option.

    Returns
    -------
    dict of str to int or None
    """
    ref = cumulative_df[reference_option].to_numpy()
    years = cumulative_df.index.to_numpy()
    out: dict[str, int | None] = {}
    tol = 1e-9 * max(1.0, float(np.abs(ref).max()))
    for name in cumulative_df.columns:
        above = cumulative_df[name].to_numpy() > ref + tol
        if not above.any():
            out[name] = 0
        elif above[-1]:
            out[name] = None
        else:
            last_above = int(np.nonzero(above)[0][-1])
            out[name] = int(years[last_above + 1])
    return out


def default_payback_reference(model: GhgModel) -> str:
    """Option with the lowest works emissions (central): the rehabilitation-led one."""
    prof = profile_array(model)
    works = prof[:, [STAGE_OF_PART[p] == "works" for p in PARTS]].sum(axis=(1, 2))
    return model.options[int(np.argmin(works))]
