"""Reference datasets shipped in each analysis package's ``data/`` folder, with their sources.

Every reference CSV has one row per factor with the columns

``key, value, unit, low, high, source, year``

(``low`` and ``high`` may be left empty: they then equal ``value``). Extra columns are
allowed and kept (for instance ``label`` for a French label, ``assumption`` = 1 when the
value is an assumption rather than a published figure, ``note``).

The loader is generic: domain modules call :func:`load_reference` with the dataset name
(the file name without ``.csv``) and read values by key. :func:`sources_table` turns a
dataset, plus the overrides a parameter file made, into the rows of a brief's
"Hypothèses et sources" section.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

#: The library's root: every analysis package keeps its reference CSVs in ``<package>/data/``.
LIBRARY_DIR = Path(__file__).resolve().parents[1]
REQUIRED_COLUMNS = ("key", "value", "unit", "low", "high", "source", "year")


class ReferenceDataError(ValueError):
    """A reference CSV is malformed (missing columns, duplicate keys, inverted ranges...)."""


def data_path(name: str) -> Path:
    """Path of the reference dataset ``name`` (``"ghg_factors"`` -> ``data/ghg_factors.csv``).

    Parameters
    ----------
    name : str
        Dataset name, with or without the ``.csv`` suffix.

    Returns
    -------
    pathlib.Path
        Absolute path of the CSV file.

    Raises
    ------
    FileNotFoundError
        If no such dataset exists; the message lists the available ones.
    """
    stem = name[:-4] if name.endswith(".csv") else name
    found = sorted(LIBRARY_DIR.glob(f"*/data/{stem}.csv"))
    if not found:
        raise FileNotFoundError(
            f"no reference dataset {stem!r} in {LIBRARY_DIR}/*/data; "
            f"available: {', '.join(list_datasets())}"
        )
    if len(found) > 1:
        raise ReferenceDataError(f"reference dataset {stem!r} found twice: {found}")
    return found[0]


def list_datasets() -> list[str]:
    """Names of the reference datasets shipped with the package."""
    return sorted(p.stem for p in LIBRARY_DIR.glob("*/data/*.csv"))


@lru_cache(maxsize=32)
def _load_cached(name: str):
    import pandas as pd

    path = data_path(name)
    df = pd.read_csv(path, comment=None, skipinitialspace=True)
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise ReferenceDataError(f"{path.name}: missing columns {missing}")
    df["key"] = df["key"].astype(str).str.strip()
    dup = df["key"][df["key"].duplicated()].tolist()
    if dup:
        raise ReferenceDataError(f"{path.name}: duplicate keys {dup}")
    for col in ("value", "low", "high"):
        df[col] = pd.to_numeric(df[col], errors="raise").astype(float)
    bad_value = df.loc[df["value"].isna(), "key"].tolist()
    if bad_value:
        raise ReferenceDataError(f"{path.name}: empty value for {bad_value}")
    df["low"] = df["low"].fillna(df["value"])
    df["high"] = df["high"].fillna(df["value"])
    inverted = df.loc[(df["low"] > df["value"]) | (df["value"] > df["high"]), "key"].tolist()
    if inverted:
        raise ReferenceDataError(f"{path.name}: low <= value <= high violated for {inverted}")
    no_source = df.loc[df["source"].isna() | (df["source"].astype(str).str.strip() == ""), "key"]
    if len(no_source):
        raise ReferenceDataError(f"{path.name}: no source for {no_source.tolist()}")
    if "assumption" in df.columns:
        df["assumption"] = df["assumption"].fillna(0).astype(int).astype(bool)
    else:
        df["assumption"] = False
    return df.set_index("key", drop=False)


def load_reference(name: str):
    """Load and check a reference dataset.

    Parameters
    ----------
    name : str
        Dataset name (file name in ``qsp_lib/data`` without ``.csv``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``key`` (the ``key`` column is kept), with float ``value``, ``low`` and
        ``high`` (empty bounds filled with ``value``), a boolean ``assumption`` column and any
        extra columns of the file. A copy: callers may modify it.

    Raises
    ------
    ReferenceDataError
        Missing columns, duplicate keys, empty values or sources, ``low > value`` or
        ``value > high``.
    """
    stem = name[:-4] if name.endswith(".csv") else name
    return _load_cached(stem).copy()


def value(name: str, key: str) -> float:
    """Central value of one factor: ``value("ghg_factors", "carrier_gas")``."""
    df = _load_cached(name[:-4] if name.endswith(".csv") else name)
    if key not in df.index:
        from qsp_lib.core.params import closest

        close = closest(key, df.index.tolist())
        hint = f" (did you mean {close}?)" if close else ""
        raise KeyError(f"no key {key!r} in reference dataset {name!r}{hint}")
    return float(df.at[key, "value"])


def sources_table(
    df,
    overrides: Mapping[str, float] | None = None,
    keys: Iterable[str] | None = None,
    label_column: str = "label",
):
    """Rows for a brief's "Hypothèses et sources" section.

    Parameters
    ----------
    df : pandas.DataFrame
        A dataset from :func:`load_reference`.
    overrides : mapping of str to float, optional
        Factors replaced by a parameter file (key -> value used). They are shown with the
        value used and flagged "valeur imposée par le fichier de paramètres".
    keys : iterable of str, optional
        Restrict (and order) the rows to these keys.
    label_column : str
        Column holding a readable label; the key is used when absent or empty.

    Returns
    -------
    pandas.DataFrame
        Columns ``item``, ``value``, ``unit``, ``range``, ``source``, ``status`` where
        ``status`` is ``"publié"``, ``"hypothèse"`` or ``"imposé par paramètre"``. Values are
        raw floats (formatting is the notebook's business).
    """
    import pandas as pd

    overrides = dict(overrides or {})
    sub = df.loc[list(keys)] if keys is not None else df
    rows = []
    for key, r in sub.iterrows():
        label = r.get(label_column) if label_column in sub.columns else None
        if label is None or (isinstance(label, float) and math.isnan(label)) or label == "":
            label = key
        used = overrides.get(key, r["value"])
        if key in overrides:
            status = "imposé par paramètre"
            rng = None
        else:
            status = "hypothèse" if bool(r["assumption"]) else "publié"
            rng = (r["low"], r["high"]) if r["low"] != r["high"] else None
        year = r["year"]
        source = str(r["source"])
        if year is not None and not (isinstance(year, float) and math.isnan(year)):
            year_txt = str(int(year)) if isinstance(year, float) else str(year)
            if year_txt not in source:
                source = f"{source} ({year_txt})"
        rows.append(
            {
                "key": key,
                "item": label,
                "value": float(used),
                "unit": r["unit"],
                "low": None if rng is None else float(rng[0]),
                "high": None if rng is None else float(rng[1]),
                "source": source,
                "status": status,
            }
        )
    return pd.DataFrame(
        rows, columns=["key", "item", "value", "unit", "low", "high", "source", "status"]
    )
