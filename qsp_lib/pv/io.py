"""Typical-year weather files: PVGIS TMY (json/csv/epw), EPW and TMY3, read with pvlib.iotools.

:func:`read_weather_file` returns a DataFrame indexed by UTC timestamps with the columns of
:data:`.model.climatology.WEATHER_COLUMNS` (W/m², °C, m/s), the same shape as the years generated
from a climatology by :func:`qsp_lib.pv.model.weather.typical_year_from_climatology`. Timestamps are
converted to UTC and kept as the file labels them (no shift to the middle of the hour, like a
plain pvlib ``ModelChain``). The parameter schema (``qsp_lib.pv.schema``) has already
checked that the file exists and looks like its format; parse errors are reported here.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from qsp_lib.core import tables
from qsp_lib.core.compat import quiet_pvlib
from qsp_lib.pv.model.climatology import WEATHER_COLUMNS, WIND_SPEED_DEFAULT_M_S

#: Formats accepted by :func:`read_weather_file`.
WEATHER_FORMATS = ("pvgis", "epw", "tmy3")


@quiet_pvlib
def read_weather_file(path: str | Path, weather_format: str) -> tuple[pd.DataFrame, dict]:
    """Read a typical-year weather file into a UTC-indexed hourly DataFrame.

    Parameters
    ----------
    path : str or Path
        File to read.
    weather_format : {"pvgis", "epw", "tmy3"}
        ``pvgis``: a PVGIS TMY file (``.json``, ``.csv`` or ``.epw``, chosen by extension,
        read with ``pvlib.iotools.read_pvgis_tmy``); ``epw``: EnergyPlus weather file
        (``read_epw``); ``tmy3``: NREL TMY3 CSV (``read_tmy3``).

    Returns
    -------
    weather : DataFrame
        Columns :data:`WEATHER_COLUMNS` (W/m², °C, m/s), index tz-aware UTC, sorted.
        A missing wind speed is filled with :data:`WIND_SPEED_DEFAULT_M_S`.
    meta : dict
        ``latitude_deg``, ``longitude_deg``, ``altitude_m`` (None when the file has none),
        ``source`` (a short attribution string), ``format`` and ``read_as`` (for a CSV,
        what :func:`qsp_lib.core.tables.plain_csv_text` detected: a ``;``-separated,
        decimal-comma or Windows-1252 export is read too; None otherwise).

    Raises
    ------
    FileNotFoundError
        When the file does not exist.
    ValueError
        When the format is unknown or the file cannot be parsed as that format.
    """
    import pvlib

    if weather_format not in WEATHER_FORMATS:
        raise ValueError(
            f"unknown weather format {weather_format!r}: expected one of {list(WEATHER_FORMATS)}"
        )
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"weather file not found: {path}")
    suffix = path.suffix.lower().lstrip(".")
    if weather_format == "pvgis" and suffix not in ("json", "csv", "epw"):
        raise ValueError(f"a PVGIS TMY file must end in .json, .csv or .epw, got {path.name!r}")
    note, parsed = None, path
    if suffix == "csv":  # a CSV re-saved by a French spreadsheet: ; and decimal commas
        plain, note = tables.plain_csv_text(path)
        if plain is not None:
            parsed = Path(tempfile.mkdtemp(prefix="qsp-weather-")) / path.name
            parsed.write_text(plain, encoding="utf-8")
    try:
        if weather_format == "pvgis":
            result = pvlib.iotools.read_pvgis_tmy(str(parsed), pvgis_format=suffix)
            data, meta = result[0], result[-1]
            if suffix == "epw":
                lat = meta.get("latitude")
                lon = meta.get("longitude")
                alt = meta.get("altitude")
            else:
                loc = meta.get("location", meta.get("inputs", {}).get("location", {}))
                lat = loc.get("latitude", meta.get("latitude"))
                lon = loc.get("longitude", meta.get("longitude"))
                alt = loc.get("elevation", meta.get("elevation"))
            source = "PVGIS (c) European Union"
        elif weather_format == "epw":
            data, meta = pvlib.iotools.read_epw(str(parsed))
            lat, lon, alt = meta.get("latitude"), meta.get("longitude"), meta.get("altitude")
            source = f"EPW {meta.get('city', '')}".strip()
        else:
            data, meta = pvlib.iotools.read_tmy3(str(parsed), map_variables=True)
            lat, lon, alt = meta.get("latitude"), meta.get("longitude"), meta.get("altitude")
            source = f"TMY3 {str(meta.get('Name', '')).strip(chr(34))}".strip()
    except (FileNotFoundError, ValueError) as exc:
        raise ValueError(f"could not read {path} as {weather_format}: {exc}") from exc
    except Exception as exc:  # parsers raise many kinds of errors on a wrong file
        raise ValueError(
            f"could not read {path} as {weather_format}: {type(exc).__name__}: {exc}"
        ) from exc
    finally:
        if parsed != path:
            shutil.rmtree(parsed.parent, ignore_errors=True)

    missing = [c for c in ("ghi", "dni", "dhi", "temp_air") if c not in data.columns]
    if missing:
        raise ValueError(f"could not read {path} as {weather_format}: columns {missing} not found")
    weather = pd.DataFrame(index=data.index)
    for col in WEATHER_COLUMNS:
        if col in data.columns:
            weather[col] = pd.to_numeric(data[col], errors="coerce").astype(float)
        else:
            weather[col] = WIND_SPEED_DEFAULT_M_S
    if weather.index.tz is None:
        weather.index = weather.index.tz_localize("UTC")
    else:
        weather.index = weather.index.tz_convert("UTC")
    weather = weather.sort_index()
    if len(weather) < 8000 or weather[["ghi", "dni", "dhi"]].isna().mean().max() > 0.01:
        raise ValueError(
            f"could not read {path} as {weather_format}: expected an hourly year "
            f"(8760 rows, irradiance mostly present), got {len(weather)} rows"
        )
    weather = weather.fillna({"ghi": 0.0, "dni": 0.0, "dhi": 0.0}).interpolate(limit=6)
    weather["wind_speed"] = weather["wind_speed"].fillna(WIND_SPEED_DEFAULT_M_S)
    info = {
        "latitude_deg": None if lat is None else float(lat),
        "longitude_deg": None if lon is None else float(lon),
        "altitude_m": None if alt is None else float(alt),
        "source": source,
        "format": weather_format,
        "read_as": note,
    }
    return weather, info
