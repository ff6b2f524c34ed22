"""Readers of the ``evaluation_indicators`` inputs: exposure by zone (its levels, with each
zone's residents, distance to the road and receiver height from the site model), evaluation
framework, objectives of the pilot operations.

The files are validated row by row before any kernel starts (the notebook's parameter
schema, ``qsp_lib.evaluation.schema``); these readers only load them into
DataFrames with the optional columns present (NaN when absent or empty).
"""

from __future__ import annotations

from pathlib import Path

from qsp_lib.core import tables

#: Columns of the exposure CSV (contract of the ``evaluation_indicators`` notebook): the
#: levels of each zone, ``zone`` being its id or name in ``site.yaml``.
EXPOSURE_REQUIRED = ("zone", "lden_db", "lnight_db", "no2_ug_m3", "pm25_ug_m3")
EXPOSURE_OPTIONAL = (
    "lden_after_db",
    "lnight_after_db",
    "no2_after_ug_m3",
    "pm25_after_ug_m3",
    "offset_along_berm_m",
    "lden_other_db",
    "lnight_other_db",
)
#: Columns of the exposure table that come from the site model (``population.zones``).
EXPOSURE_FROM_SITE = ("population", "distance_to_road_m", "receiver_height_m")
#: Columns of the exposure table (:func:`read_exposure`), in this order.
EXPOSURE_COLUMNS = (
    "zone",
    "population",
    *EXPOSURE_REQUIRED[1:],
    *EXPOSURE_OPTIONAL[:4],
    *EXPOSURE_FROM_SITE[1:],
    *EXPOSURE_OPTIONAL[4:],
)

INDICATORS_REQUIRED = (
    "indicator",
    "theme",
    "unit",
    "direction",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
)
#: Observation columns are named by their year.
OBSERVATION_YEARS = tuple(str(y) for y in range(1990, 2101))

PILOTS_REQUIRED = ("operation", "objective", "unit", "comparator", "target_value")
PILOTS_OPTIONAL = ("measured_value", "measured_year", "note")


def _read(path: str | Path):
    df = tables.read_frame(path)  # CSV (, or ;, decimal comma, cp1252) or .xlsx
    return df.mask(df == "")  # empty cells as NaN


def read_exposure(path: str | Path, zones):
    """Exposure by zone: the file's levels with the site model's zones.

    Parameters
    ----------
    path : path
        CSV with the columns of :data:`EXPOSURE_REQUIRED` and optionally
        :data:`EXPOSURE_OPTIONAL` (UTF-8, comma-separated), validated against ``zones`` by
        the notebook's schema (one line per zone).
    zones : sequence of qsp_lib.core.site.Zone
        ``site.population.zones``: each zone's id, name, residents, distance to the road
        and receiver height.

    Returns
    -------
    pandas.DataFrame
        :data:`EXPOSURE_COLUMNS`: ``zone`` (the zone's name in ``site.yaml``),
        ``population`` (its residents), ``distance_to_road_m`` and ``receiver_height_m``
        from the site model, the file's levels; floats, NaN when absent or empty; rows in
        the file's order.

    Raises
    ------
    KeyError
        A line names no zone of ``zones``.
    """
    import pandas as pd

    df = _read(path)
    for col in EXPOSURE_OPTIONAL:
        if col not in df:
            df[col] = None
    for col in (*EXPOSURE_REQUIRED[1:], *EXPOSURE_OPTIONAL):
        df[col] = pd.to_numeric(df[col], errors="raise").astype(float)
    by_key = {key: z for z in zones for key in (z.id, z.name)}
    unknown = sorted(set(df["zone"]) - set(by_key))
    if unknown:
        raise KeyError(f"zones inconnues du modèle de site : {unknown}")
    site = [by_key[key] for key in df["zone"]]
    df["zone"] = [z.name for z in site]
    df["population"] = [float(z.residents) for z in site]
    df["distance_to_road_m"] = [
        float("nan") if z.distance_to_road_m is None else float(z.distance_to_road_m) for z in site
    ]
    df["receiver_height_m"] = [float(z.receiver_height_m) for z in site]
    return df[list(EXPOSURE_COLUMNS)]


def read_indicators(path: str | Path | None):
    """Evaluation framework: one indicator per row, observations in year columns (an empty
    table when ``path`` is None).

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`INDICATORS_REQUIRED` (years as int, values as float) and
        ``observations``: a dict year -> value of the non-empty year columns.
    """
    import pandas as pd

    if path is None:
        return pd.DataFrame(columns=[*INDICATORS_REQUIRED, "observations"])
    df = _read(path)
    years = [c for c in df.columns if c in OBSERVATION_YEARS]
    out = df[list(INDICATORS_REQUIRED)].copy()
    for col in ("baseline_year", "target_year"):
        out[col] = pd.to_numeric(out[col]).astype(int)
    for col in ("baseline_value", "target_value"):
        out[col] = pd.to_numeric(out[col]).astype(float)
    out["observations"] = [
        {int(y): float(row[y]) for y in years if isinstance(row[y], str) and row[y] != ""}
        for _, row in df.iterrows()
    ]
    return out


def read_pilots(path: str | Path | None):
    """Objectives and measurements of the pilot operations (an empty table when ``path`` is
    None: the site has no pilot operation).

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`PILOTS_REQUIRED` and :data:`PILOTS_OPTIONAL`; ``target_value`` and
        ``measured_value`` float (NaN when not measured), ``measured_year`` nullable int,
        ``note`` text ("" when absent).
    """
    import pandas as pd

    if path is None:
        return pd.DataFrame(columns=[*PILOTS_REQUIRED, *PILOTS_OPTIONAL])
    df = _read(path)
    for col in PILOTS_OPTIONAL:
        if col not in df:
            df[col] = None
    df["target_value"] = pd.to_numeric(df["target_value"]).astype(float)
    df["measured_value"] = pd.to_numeric(df["measured_value"]).astype(float)
    df["measured_year"] = pd.to_numeric(df["measured_year"]).astype("Int64")
    df["note"] = df["note"].fillna("")
    return df[[*PILOTS_REQUIRED, *PILOTS_OPTIONAL]]
