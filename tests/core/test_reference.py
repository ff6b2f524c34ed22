"""Reference datasets in qsp_lib/data: structure, sources, loader errors."""

import pytest

from qsp_lib.core import reference
from qsp_lib.ghg import reference as ghg_reference

REQUIRED = ["key", "value", "unit", "low", "high", "source", "year"]


def test_every_dataset_has_the_required_columns_and_sources():
    names = reference.list_datasets()
    assert "ghg_factors" in names
    for name in names:
        df = reference.load_reference(name)
        assert all(c in df.columns for c in REQUIRED), name
        assert (df["source"].astype(str).str.len() > 5).all(), name
        assert (df["low"] <= df["value"]).all() and (df["value"] <= df["high"]).all(), name


def test_published_energy_factors():
    # ghg.md: natural gas 0.227 (PCI, DPE 2021), electricity for heating 0.079,
    # district heating French average 0.112 (2023)
    assert reference.value("ghg_factors", "carrier_gas") == pytest.approx(0.227)
    assert reference.value("ghg_factors", "carrier_electricity") == pytest.approx(0.079)
    assert reference.value("ghg_factors", "carrier_district_heating") == pytest.approx(0.112)


def test_unknown_key_suggests_the_closest():
    with pytest.raises(KeyError, match="carrier_gas"):
        reference.value("ghg_factors", "carrier_gaz")


def test_unknown_dataset_lists_available():
    with pytest.raises(FileNotFoundError, match="ghg_factors"):
        reference.load_reference("no_such_dataset")


def _write(tmp_path, monkeypatch, text):
    (tmp_path / "fake" / "data").mkdir(parents=True, exist_ok=True)
    (tmp_path / "fake" / "data" / "bad.csv").write_text(text, encoding="utf-8")
    monkeypatch.setattr(reference, "LIBRARY_DIR", tmp_path)
    reference._load_cached.cache_clear()


def test_malformed_datasets_are_rejected(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, "key,value,unit,low,high,source\na,1,u,0,2,s\n")
    with pytest.raises(reference.ReferenceDataError, match="missing columns"):
        reference.load_reference("bad")
    _write(tmp_path, monkeypatch, "key,value,unit,low,high,source,year\na,1,u,2,3,s,2020\n")
    with pytest.raises(reference.ReferenceDataError, match="low <= value <= high"):
        reference.load_reference("bad")
    _write(tmp_path, monkeypatch, "key,value,unit,low,high,source,year\na,1,u,,,,2020\n")
    with pytest.raises(reference.ReferenceDataError, match="no source"):
        reference.load_reference("bad")
    reference._load_cached.cache_clear()


def test_sources_table_flags_overrides_and_assumptions():
    df = reference.load_reference("ghg_factors")
    rows = reference.sources_table(df, overrides={"carrier_gas": 0.2}).set_index("key")
    assert rows.at["carrier_gas", "status"] == "imposé par paramètre"
    assert rows.at["carrier_gas", "value"] == pytest.approx(0.2)
    # ghg.md: the rehabilitation range (200-550 kgCO2e/m2) is a planning assumption
    assert rows.at["embodied_rehabilitation", "status"] == "hypothèse"
    assert rows.at["carrier_electricity", "status"] == "publié"


def test_ghg_loaders():
    # RE2020 Ic_construction thresholds, collective housing (arrêté du 4 août 2021, annex I)
    assert ghg_reference.re2020_limits() == {2022: 740, 2025: 650, 2028: 580, 2031: 490}
    # Quinet 2019: 250 EUR2018/t in 2030, 775 in 2050
    points = ghg_reference.carbon_value_points()
    assert points[2030] == 250 and points[2050] == 775
    assert ghg_reference.ghg_factors().at["carrier_gas", "value"] == pytest.approx(0.227)
