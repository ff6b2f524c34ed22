"""Readers of the materials notebook's inputs: a PEMD inventory as a tidy CSV.

The CSV mirrors the waste section of the PEMD diagnostic (CERFA 16287*01): one row per item
or waste line, columns ``building, element, material, low_code, hazardous, quantity_t`` and
optionally ``location, condition, unit, quantity, suspected_hazardous``. The parameter
schema has already checked every row (:mod:`qsp_lib.materials.schema`); the reader normalises.
"""

from __future__ import annotations

from pathlib import Path

from qsp_lib.core import tables
from qsp_lib.materials.model import INVENTORY_COLUMNS, INVENTORY_OPTIONAL, normalise_low_code

# the strings pydantic reads as true (the schema has validated the column)
_TRUE = {"1", "true", "t", "yes", "y", "on"}


def read_inventory(path: str | Path):
    """Read a PEMD inventory CSV.

    Parameters
    ----------
    path : path
        CSV or workbook, header on line 1 (read by :func:`qsp_lib.core.tables.read_table`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`qsp_lib.materials.model.INVENTORY_COLUMNS` then the optional columns (empty
        when absent); ``low_code`` normalised (``"17 01 01"``, ``"17 06 05*"``),
        ``hazardous`` and ``suspected_hazardous`` booleans, ``quantity_t`` and ``quantity``
        floats [t, unit].
    """
    import pandas as pd

    df = tables.read_frame(path)  # CSV (, or ;, decimal comma, cp1252) or .xlsx
    for col in INVENTORY_OPTIONAL:
        if col not in df.columns:
            df[col] = ""
    df["low_code"] = df["low_code"].map(normalise_low_code)
    df["hazardous"] = df["hazardous"].str.lower().isin(_TRUE)
    df["suspected_hazardous"] = df["suspected_hazardous"].str.lower().isin(_TRUE)
    df["quantity_t"] = df["quantity_t"].astype(float)
    df["quantity"] = pd.to_numeric(df["quantity"].replace("", None), errors="coerce")
    return df[[*INVENTORY_COLUMNS, *INVENTORY_OPTIONAL]]
