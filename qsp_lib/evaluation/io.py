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


# ------------------------------------------------------------------ measured campaigns
#: Columns of a noise campaign file: start of each interval and its LAeq [dB(A)].
NOISE_COLUMNS = ("datetime", "laeq_db")
#: Columns of an air campaign (or reference station) file: time and at least one pollutant
#: [µg/m³].
AIR_POLLUTANT_COLUMNS = {"no2": "no2_ug_m3", "pm25": "pm25_ug_m3"}
#: Highest concentration a file may hold [µg/m³] (above: a sensor error).
CONCENTRATION_MAX_UG_M3 = 1000.0
#: Most problems listed in one message.
MAX_REPORTED = 20
_OFFSET = r"(?:Z|[+-]\d{2}:?\d{2})$"
#: Local time of the dates written with a UTC offset.
LOCAL_TIME_ZONE = "Europe/Paris"


class MeasurementFileError(ValueError):
    """A campaign file refused: the message names the file, each line and value."""


def _refuse(path, problems: list[str]) -> None:
    if problems:
        more = len(problems) - MAX_REPORTED
        raise MeasurementFileError(
            f"un fichier de mesures valide ({path}) ; "
            + " ; ".join(problems[:MAX_REPORTED])
            + (f" ; et {more} autre(s) problème(s)" if more > 0 else "")
        )


def _series_table(path, required: tuple, optional: tuple = ()):
    """The file's columns as text, with the line of each row (line 1 is the header)."""

    try:  # CSV (, or ;, decimal comma, UTF-8 or Windows-1252) or .xlsx, as every table
        table = tables.read_table(path)
    except ValueError as exc:
        raise MeasurementFileError(f"un fichier de mesures lisible ({path}) : {exc}") from exc
    df = table.frame.copy()
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    extra = [c for c in df.columns if c not in required and c not in optional]
    if missing or extra:
        allowed = ", ".join(required) + (
            f" (facultatives : {', '.join(optional)})" if optional else ""
        )
        raise MeasurementFileError(
            f"un fichier de mesures aux colonnes {allowed} ({path}) ; "
            + " ; ".join(
                part
                for part in (
                    "colonnes manquantes : " + ", ".join(missing) if missing else "",
                    "colonnes inconnues : " + ", ".join(extra) if extra else "",
                )
                if part
            )
        )
    if df.empty:
        raise MeasurementFileError(f"au moins une mesure ({path} n'a aucune ligne de données)")
    df = df.apply(lambda s: s.str.strip())
    df.index = list(table.lines)
    return df


def _times(df, problems: list[str]):
    """Parse ``datetime`` (ISO 8601; with a UTC offset, converted to Paris local time) and
    check that it increases strictly; returns the times (NaT where unparseable)."""
    import pandas as pd

    text = df["datetime"]
    with_offset = text.str.contains(_OFFSET, regex=True)
    if with_offset.any() and not with_offset.all():
        line = int(with_offset.idxmin() if with_offset.iloc[0] else with_offset.idxmax())
        problems.append(
            f"ligne {line}, colonne datetime = {text[line]!r} : toutes les dates avec un "
            "décalage horaire (+01:00, Z) ou aucune"
        )
        return None
    times = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=bool(with_offset.all()))
    for line in times.index[times.isna()]:
        problems.append(
            f"ligne {line}, colonne datetime = {text[line]!r} : une date et heure ISO 8601 "
            "(2024-03-04T14:00 ou 2024-03-04 14:00:00)"
        )
    if times.isna().any():
        return None
    step = times.diff()
    for line in step.index[1:][(step.iloc[1:] == pd.Timedelta(0)).to_numpy()]:
        problems.append(
            f"ligne {line}, colonne datetime = {text[line]!r} : date en double (déjà ligne "
            f"{line - 1} ; au passage à l'heure d'hiver, écrire les dates avec leur décalage "
            "horaire, +02:00 puis +01:00)"
        )
    for line in step.index[1:][(step.iloc[1:] < pd.Timedelta(0)).to_numpy()]:
        problems.append(
            f"ligne {line}, colonne datetime = {text[line]!r} : dates dans l'ordre croissant "
            f"(antérieure à la ligne {line - 1}, {text[line - 1]!r})"
        )
    if with_offset.all():
        # Paris local time, aware of the offset: the periods read local hours, the
        # intervals stay those of the instants (a clock change neither doubles nor drops one)
        times = times.dt.tz_convert(LOCAL_TIME_ZONE)
    return times


def _values(df, column: str, high: float, problems: list[str], unit: str):
    """A numeric column (empty cells: missing), non-negative and at most ``high``."""
    import pandas as pd

    text = df[column]
    values = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = values.isna() & (text != "")
    for line in values.index[bad]:
        problems.append(f"ligne {line}, colonne {column} = {text[line]!r} : un nombre ({unit})")
    for line in values.index[(values < 0).fillna(False)]:
        problems.append(f"ligne {line}, colonne {column} = {text[line]} : une valeur positive")
    for line in values.index[(values > high).fillna(False)]:
        problems.append(
            f"ligne {line}, colonne {column} = {text[line]} : au plus {high:g} {unit} "
            "(valeur impossible)"
        )
    return values


def read_noise_series(path):
    """A noise campaign: LAeq at a regular interval (1 s to 1 h), checked line by line.

    Parameters
    ----------
    path : path
        CSV with the columns :data:`NOISE_COLUMNS`: ``datetime`` (ISO 8601, start of the
        interval, local time or with a UTC offset) and ``laeq_db`` [dB(A)] (an empty cell
        is a missing interval).

    Returns
    -------
    times : DatetimeIndex
        Start of each interval with a level (local time; aware of the Paris time zone when
        the file gives offsets).
    laeq_db : ndarray
        LAeq of each interval [dB(A)].
    step_s : int
        Interval of the series [s].

    Raises
    ------
    MeasurementFileError
        Naming the file, then each line and value: unparseable date, duplicate or earlier
        date, non-numeric, negative or impossible level (above
        :data:`~qsp_lib.evaluation.model.measurements.LAEQ_MAX_DB`), interval outside 1 s-1
        h, a step that is not a multiple of the interval.
    """
    import numpy as np
    import pandas as pd

    from qsp_lib.evaluation.model.measurements import LAEQ_MAX_DB, NOISE_STEP_RANGE_S

    df = _series_table(path, NOISE_COLUMNS)
    problems: list[str] = []
    times = _times(df, problems)
    levels = _values(df, "laeq_db", LAEQ_MAX_DB, problems, "dB(A)")
    _refuse(path, problems)
    keep = levels.notna()
    times, levels = times[keep], levels[keep]
    if len(times) < 2:
        _refuse(path, ["au moins deux intervalles mesurés (l'intervalle se lit entre deux dates)"])
    step = times.diff().dt.total_seconds().iloc[1:]
    step_s = float(step.min())
    lo, hi = NOISE_STEP_RANGE_S
    if step_s != int(step_s) or not lo <= step_s <= hi:
        line = int(step.idxmin())
        _refuse(
            path,
            [
                f"ligne {line}, colonne datetime = {df['datetime'][line]!r} : un intervalle "
                f"régulier d'une seconde à une heure, en secondes entières (lu : {step_s:g} s)"
            ],
        )
    irregular = step.index[(np.mod(step.to_numpy(), step_s) != 0)]
    _refuse(
        path,
        [
            f"ligne {line}, colonne datetime = {df['datetime'][line]!r} : un intervalle "
            f"régulier de {step_s:g} s (écart à la ligne précédente : {step[line]:g} s)"
            for line in irregular
        ],
    )
    return pd.DatetimeIndex(times), levels.to_numpy(dtype=float), int(step_s)


def read_air_series(path):
    """An air campaign or reference station: concentrations hourly or finer, checked line by
    line.

    Parameters
    ----------
    path : path
        CSV with ``datetime`` (ISO 8601, local time or with a UTC offset) and at least one
        of ``no2_ug_m3``, ``pm25_ug_m3`` [µg/m³] (an empty cell is a missing value).

    Returns
    -------
    DataFrame
        Indexed by time (local); one column per pollutant of the file, keyed ``no2`` /
        ``pm25`` [µg/m³], NaN where missing.

    Raises
    ------
    MeasurementFileError
        Naming the file, then each line and value: unparseable date, duplicate or earlier
        date, non-numeric, negative or impossible concentration (above
        :data:`CONCENTRATION_MAX_UG_M3`), a series coarser than hourly.
    """
    import pandas as pd

    columns = tuple(AIR_POLLUTANT_COLUMNS.values())
    df = _series_table(path, ("datetime",), columns)
    present = {p: c for p, c in AIR_POLLUTANT_COLUMNS.items() if c in df.columns}
    if not present:
        _refuse(path, [f"au moins une colonne de concentration : {', '.join(columns)}"])
    problems: list[str] = []
    times = _times(df, problems)
    values = {
        p: _values(df, c, CONCENTRATION_MAX_UG_M3, problems, "µg/m³") for p, c in present.items()
    }
    _refuse(path, problems)
    if len(times) > 1:
        step = times.diff().dt.total_seconds().iloc[1:]
        if step.min() > 3600:
            line = int(step.idxmin())
            _refuse(
                path,
                [
                    f"ligne {line}, colonne datetime = {df['datetime'][line]!r} : des valeurs "
                    f"horaires ou plus fines (plus petit écart lu : {step.min() / 3600:g} h)"
                ],
            )
    out = pd.DataFrame({p: v.to_numpy(dtype=float) for p, v in values.items()})
    out.index = pd.DatetimeIndex(times)
    return out


def read_campaign(
    kind: str,
    path,
    reference_path=None,
    pollutant: str | None = None,
    periods=None,
    min_coverage: float = 0.0,
):
    """Read a campaign file (and its reference station) and compute its indicators.

    Parameters
    ----------
    kind : {"noise", "air"}
    path, reference_path : path
        The campaign file (:func:`read_noise_series` or :func:`read_air_series`) and, for
        air, the optional year-round reference station (same format).
    pollutant : {"no2", "pm25"}, optional
        For air: the pollutant (optional when the file has only one).
    periods : mapping, optional
        For noise: start hour of ``day``, ``evening``, ``night`` [h].
    min_coverage : float
        For noise: lowest coverage of a period accepted [-].

    Returns
    -------
    NoiseCampaign or AirCampaign
        :func:`~qsp_lib.evaluation.model.measurements.noise_campaign` or
        :func:`~qsp_lib.evaluation.model.measurements.air_campaign`.

    Raises
    ------
    MeasurementFileError
        A file refused (file, line, value).
    qsp_lib.evaluation.model.measurements.MeasurementError
        The indicator cannot be computed (a period without data, no valid day...); the
        message is prefixed with the file.
    """
    from qsp_lib.evaluation.model import measurements as m

    try:
        if kind == "noise":
            times, levels, step = read_noise_series(path)
            return m.noise_campaign(times, levels, step, periods, min_coverage)
        series = read_air_series(path)
        if pollutant is None:
            if len(series.columns) != 1:
                raise m.MeasurementError(
                    "pollutant (no2 ou pm25) : le fichier a les deux colonnes de concentration"
                )
            pollutant = str(series.columns[0])
        if pollutant not in series:
            raise m.MeasurementError(
                f"une colonne {AIR_POLLUTANT_COLUMNS[pollutant]} (pollutant: {pollutant})"
            )
        reference = None
        if reference_path is not None:
            ref = read_air_series(reference_path)
            if pollutant not in ref:
                raise m.MeasurementError(
                    f"une colonne {AIR_POLLUTANT_COLUMNS[pollutant]} dans la station de "
                    f"référence ({reference_path})"
                )
            reference = ref[pollutant]
        return m.air_campaign(series[pollutant], pollutant, reference)
    except m.MeasurementError as exc:
        raise m.MeasurementError(f"{path} : {exc}") from exc
