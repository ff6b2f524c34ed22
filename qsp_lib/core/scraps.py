"""Scraps: the key results a notebook hands to the runner and to the committee synthesis.

A thin layer over scrapbook (effectively unmaintained since 2021, but its glue/read path
works): values are converted to plain JSON types (numpy scalars and arrays, NaN -> null),
DataFrames go through scrapbook's pandas encoder. ``glue(..., display=True)`` is never used:
scrapbook then stores the display instead of the value.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_NONE_MARKER = {"qsp_scrap_is_null": True}


def to_json_value(value: Any) -> Any:
    """Plain JSON types from numpy/pandas values (recursively); NaN and infinities -> None."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is a dependency
        np = None
    if np is not None:
        if isinstance(value, np.ndarray):
            return [to_json_value(v) for v in value.tolist()]
        if isinstance(value, np.generic):
            value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_json_value(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if _is_dataframe(value):
        return dataframe_records(value)
    if hasattr(value, "to_dict"):  # pandas Series
        return to_json_value(value.to_dict())
    raise TypeError(f"cannot store a scrap of type {type(value).__name__}")


def _is_dataframe(value: Any) -> bool:
    return type(value).__name__ == "DataFrame" and hasattr(value, "to_dict")


def dataframe_records(df) -> list[dict[str, Any]]:
    """A DataFrame as a list of records with plain JSON values."""
    return [to_json_value(r) for r in df.to_dict(orient="records")]


def glue(name: str, value: Any) -> None:
    """Store a scrap in the running notebook.

    Parameters
    ----------
    name : str
        snake_case, with the unit in the name for numbers (``pv_annual_energy_kwh``).
    value : number, str, bool, None, list, dict, numpy value or DataFrame
    """
    import scrapbook as sb

    if not _NAME.match(name):
        raise ValueError(f"scrap name {name!r}: expected snake_case (a-z, 0-9, _)")
    if _is_dataframe(value):
        df = value.reset_index(drop=True)
        df.columns = [str(c) for c in df.columns]
        sb.glue(name, df, encoder="pandas")
    elif value is None or (isinstance(value, float) and not math.isfinite(value)):
        # scrapbook refuses a bare null: store a marker that read() turns back into None
        sb.glue(name, dict(_NONE_MARKER), encoder="json")
    elif isinstance(value, str):
        # scrapbook's json encoder parses strings as JSON text: plain text has its own
        sb.glue(name, value, encoder="text")
    else:
        sb.glue(name, to_json_value(value), encoder="json")


def read(notebook_path: str | Path) -> dict[str, Any]:
    """Every scrap of an executed notebook, as plain JSON values (DataFrames as records)."""
    import scrapbook as sb

    nb = sb.read_notebook(str(notebook_path))
    return {name: to_json_value(_unmark(scrap.data)) for name, scrap in nb.scraps.items()}


def _unmark(data: Any) -> Any:
    return None if isinstance(data, dict) and data == _NONE_MARKER else data
