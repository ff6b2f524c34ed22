"""The factor table of a study: reference factors, the site's overrides and trajectories.

Every factor is a row ``value, low, high`` (plus label, unit, source): an overridden factor
is fixed (``low = value = high``); a carrier trajectory adds two uncertain rows (its target
and the year it is reached) that the Monte Carlo and the sensitivity analysis treat like any
other factor.
"""

from __future__ import annotations

from collections.abc import Mapping

from qsp_lib.ghg.model.keys import _OCCUPANCY, _TRAJ, CAR_MODES, OVERRIDE_GROUPS


def flatten_overrides(factors: Mapping | None) -> dict[str, float]:
    """Turn the ``factors`` parameter (group -> name -> value) into reference keys.

    Parameters
    ----------
    factors : mapping, optional
        For instance ``{"carrier_kg_co2e_per_kwh": {"gas": 0.2}}`` (validated by the schema).
        ``None`` values are ignored (not overridden).

    Returns
    -------
    dict of str to float
        ``{"carrier_gas": 0.2}``. A car mode given per passenger-km keeps the suffix
        ``@pkm`` (``{"mobility_car_thermal@pkm": 0.15}``): :func:`apply_overrides` converts it.
    """
    out: dict[str, float] = {}
    for group, entries in (factors or {}).items():
        for name, val in (entries or {}).items():
            if val is None:
                continue
            key = OVERRIDE_GROUPS[group][name]
            if group == "mobility_kg_co2e_per_passenger_km" and name in CAR_MODES:
                key += "@pkm"
            out[key] = float(val)
    return out


def apply_overrides(table, factors: Mapping | None = None):
    """Reference factors with the parameter overrides applied.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`qsp_lib.ghg.reference.ghg_factors`, indexed by key.
    factors : mapping, optional
        The ``factors`` parameter (see :func:`flatten_overrides`).

    Returns
    -------
    pandas.DataFrame
        A copy indexed by key: ``label, value, unit, low, high, source, year, assumption`` and
        ``overridden``. An overridden factor is fixed: ``low = value = high``. An override of
        ``embodied_new`` is a fixed dynamic Ic_construction [kgCO2e/m²] replacing the RE2020
        thresholds; a car factor given per passenger-km is converted to vehicle-km at the
        central occupancy.
    """
    df = table.copy()
    df["overridden"] = False
    occupancy = float(df.at[_OCCUPANCY, "value"])
    for key, v in flatten_overrides(factors).items():
        if key.endswith("@pkm"):
            key, v = key[:-4], v * occupancy
        df.loc[key, ["value", "low", "high"]] = v
        df.loc[key, "overridden"] = True
        if key == "embodied_new":
            df.loc[key, "unit"] = "kgCO2e/m² (Ic dynamique imposé)"
    return df


def apply_trajectories(factors, trajectories: Mapping | None):
    """Add the carrier trajectories to the factor table as uncertain rows.

    Each trajectory gives two rows: ``trajectory_<carrier>_target`` [kgCO2e/kWh] and
    ``trajectory_<carrier>_year`` [calendar year], with their low and high bounds, so that
    the Monte Carlo and the sensitivity analysis treat them like any other factor.

    Parameters
    ----------
    factors : pandas.DataFrame
        From :func:`apply_overrides`.
    trajectories : mapping, optional
        ``{carrier: {"target_year", "target_kg_co2e_per_kwh", "shape", "target_low_kg_co2e_per_kwh",
        "target_high_kg_co2e_per_kwh", "target_year_low", "target_year_high"}}``.

    Returns
    -------
    pandas.DataFrame
        A copy with the trajectory rows appended (column ``shape`` for their shape).
    """
    import pandas as pd

    rows = []
    for carrier, traj in (trajectories or {}).items():
        if not traj:
            continue
        label = factors.at[f"carrier_{carrier}", "label"]
        target = float(traj["target_kg_co2e_per_kwh"])
        year = float(traj["target_year"])
        shape = traj.get("shape") or "linear"
        for kind, value, low, high, unit, what in (
            (
                "target",
                target,
                traj.get("target_low_kg_co2e_per_kwh"),
                traj.get("target_high_kg_co2e_per_kwh"),
                "kgCO2e/kWh",
                "valeur cible",
            ),
            (
                "year",
                year,
                traj.get("target_year_low"),
                traj.get("target_year_high"),
                "année",
                "année où la cible est atteinte",
            ),
        ):
            rows.append(
                {
                    "key": f"{_TRAJ}{carrier}_{kind}",
                    "label": f"{label} : {what}",
                    "value": value,
                    "unit": unit,
                    "low": value if low is None else float(low),
                    "high": value if high is None else float(high),
                    "source": "fichier de paramètres du site (trajectoire)",
                    "year": None,
                    "assumption": True,
                    "overridden": False,
                    "shape": shape,
                }
            )
    if not rows:
        return factors.copy()
    extra = pd.DataFrame(rows).set_index("key", drop=False)
    return pd.concat([factors, extra])
