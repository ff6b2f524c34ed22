"""Reference datasets shipped in ``qsp_lib/data/``: factors with their sources.

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

DATA_DIR = Path(__file__).resolve().parent / "data"
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
    path = DATA_DIR / f"{stem}.csv"
    if not path.is_file():
        raise FileNotFoundError(
            f"no reference dataset {stem!r} in {DATA_DIR}; available: {', '.join(list_datasets())}"
        )
    return path


def list_datasets() -> list[str]:
    """Names of the reference datasets shipped with the package."""
    return sorted(p.stem for p in DATA_DIR.glob("*.csv"))


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
        from qsp_lib.params import closest

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


# ------------------------------------------------------------- demolition materials
def materials_catalogue():
    """Known demolition materials: List of Waste code, hazard class, what they substitute,
    loose bulk density [t/m³] (``materials_catalogue.csv``)."""
    return load_reference("materials_catalogue")


def materials_intensity():
    """Demolition waste per m² of demolished floor area by typology and material, with
    low/high [t/m²] (``materials_intensity.csv``)."""
    return load_reference("materials_intensity")


def materials_factors():
    """Emission factors, physical factors and recovery targets of the materials notebook
    (``materials_factors.csv``)."""
    return load_reference("materials_factors")


def materials_costs():
    """Gate fees, landfill tax, transport and aggregate prices [€/t, €/t.km]
    (``materials_costs.csv``)."""
    return load_reference("materials_costs")


# ------------------------------------------------------------- health and acoustics data
def noise_health():
    """Noise exposure-response functions (Directive (EU) 2020/367), WHO 2018 guideline
    values and IHD incidence: ``data/noise_health.csv``."""
    return load_reference("noise_health")


def air_health():
    """WHO 2021 air quality guideline and interim targets, long-term mortality relative
    risks (Chen & Hoek 2020; Huangfu & Atkinson 2020), baseline mortality and
    counterfactuals: ``data/air_health.csv``."""
    return load_reference("air_health")


def disability_weights():
    """Disability weights of noise annoyance and sleep disturbance (WHO 2011; Charalampous
    et al. 2024): ``data/disability_weights.csv``."""
    return load_reference("disability_weights")


def traffic_noise_spectrum():
    """EN 1793-3:1997 normalised road traffic noise spectrum, A-weighted third octaves
    100 Hz-5 kHz (``frequency_hz``, ``value`` [dB]): ``data/traffic_noise_spectrum.csv``."""
    df = load_reference("traffic_noise_spectrum")
    df["frequency_hz"] = df["frequency_hz"].astype(float)
    return df.sort_values("frequency_hz")


def pv_references(quantity: str | None = None):
    """Published PV references: yields and irradiation around Lille, yields of PV noise barriers.

    The one dataset the PV brief compares its figures with (``pv_references.csv``): every
    row has its value, range, unit, source and year, a ``quantity`` (``specific_yield``
    [kWh/kWp/yr] or ``ghi``, the annual horizontal irradiation [kWh/m²/yr]) and a ``group``
    (``Lille`` or ``Écrans antibruit``).

    Parameters
    ----------
    quantity : {"specific_yield", "ghi"}, optional
        Keep only the rows of this quantity; default: every row.

    Returns
    -------
    pandas.DataFrame
        :func:`load_reference` of ``pv_references`` (indexed by ``key``).

    Raises
    ------
    ValueError
        Unknown ``quantity`` (the message lists the known ones).
    """
    df = load_reference("pv_references")
    if quantity is not None:
        known = sorted(df["quantity"].unique())
        if quantity not in known:
            raise ValueError(
                f"pv_references: unknown quantity {quantity!r}, expected one of {known}"
            )
        df = df[df["quantity"] == quantity]
    return df


def pv_tariffs():
    """French reference prices of PV electricity (CRE tenders, feed-in tariffs) [€/MWh]."""
    return load_reference("pv_tariffs")


def pv_benchmarks():
    """Benchmarks quoted by the PV brief: loss conventions, costs, carbon, resource variability.

    The published yields and irradiation the brief compares with are in :func:`pv_references`.
    """
    return load_reference("pv_benchmarks")


# ------------------------------------------------------------------ GHG datasets
def ghg_factors():
    """Emission factors of the GHG model (``ghg_factors.csv``), indexed by key.

    Returns
    -------
    pandas.DataFrame
        ``label, value, unit, low, high, source, year, assumption, note``.
    """
    return load_reference("ghg_factors")


def ghg_benchmarks():
    """RE2020 limits, observatory shares and district benchmarks (``ghg_benchmarks.csv``)."""
    return load_reference("ghg_benchmarks")


def re2020_dynamic_weights():
    """RE2020 dynamic weights by year of emission (``re2020_dynamic_weights.csv``)."""
    return load_reference("re2020_dynamic_weights")


def carbon_values():
    """France Stratégie carbon value by year (``carbon_values.csv``, column ``for_year``)."""
    return load_reference("carbon_values")


def carbon_value_points() -> dict[int, float]:
    """Carbon value as ``{year: €2018/tCO2e}`` (Quinet 2019), for :func:`ghg.monetise`."""
    df = carbon_values()
    return dict(zip(df["for_year"].astype(int), df["value"].astype(float), strict=True))


def re2020_limits() -> dict[int, float]:
    """RE2020 Ic_construction thresholds of collective housing ``{first year: kgCO2e/m²}``."""
    df = ghg_benchmarks()
    lim = df[df["key"].str.startswith("re2020_ic_construction_")]
    return dict(zip(lim["from_year"].astype(int), lim["value"].astype(float), strict=True))


# ------------------------------------------------------------- climatology generator data
def angstrom_prescott():
    """Published Angström-Prescott coefficients (FAO-56, Rietveld 1978, Prescott 1940, Page
    1961, Glover & McCulloch 1958), one row per coefficient with ``pair`` and
    ``coefficient`` columns: ``data/angstrom_prescott.csv``."""
    return load_reference("angstrom_prescott")


def mtm_aguiar1988():
    """Library of Markov transition matrices of daily clearness (Aguiar, Collares-Pereira &
    Conde 1988), one row per matrix element: ``data/mtm_aguiar1988.csv``."""
    return load_reference("mtm_aguiar1988")


def tag_aguiar1992():
    """Coefficients of the TAG hourly clearness model (Aguiar & Collares-Pereira 1992) and of
    its Meteonorm variant: ``data/tag_aguiar1992.csv``."""
    return load_reference("tag_aguiar1992")
