"""Readers of the evaluation_indicators inputs: optional columns, types, observations."""

import math

import pytest

from qsp_lib.core.site import Zone
from qsp_lib.evaluation import io


def test_read_exposure_joins_the_site_models_zones(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(
        "zone,lden_db,lnight_db,no2_ug_m3,pm25_ug_m3,lden_after_db\n"
        "b,60,52,30,11,\nZone A,55,47,25,10,50\n",
        encoding="utf-8",
    )
    zones = [
        Zone(id="a", name="Zone A", residents=100, distance_to_road_m=120, receiver_height_m=7),
        Zone(id="b", name="Zone B", residents=50),
    ]
    df = io.read_exposure(path, zones)
    assert list(df.columns) == list(io.EXPOSURE_COLUMNS)
    # the file's order, each zone by its name, with its residents, distance and height
    assert list(df["zone"]) == ["Zone B", "Zone A"]
    assert list(df["population"]) == [50.0, 100.0] and df["population"].dtype == float
    assert math.isnan(df.loc[0, "distance_to_road_m"]) and df.loc[1, "distance_to_road_m"] == 120
    assert list(df["receiver_height_m"]) == [4.0, 7.0]  # 4 m: the site model's default
    assert math.isnan(df.loc[0, "lden_after_db"]) and df.loc[1, "lden_after_db"] == 50
    assert df["offset_along_berm_m"].isna().all()
    # a zone the site model does not know (the schema refuses it first)
    unknown = tmp_path / "c.csv"
    unknown.write_text("zone,lden_db,lnight_db,no2_ug_m3,pm25_ug_m3\nc,60,52,30,11\n", "utf-8")
    with pytest.raises(KeyError, match="'c'"):
        io.read_exposure(unknown, zones)


def test_read_indicators_collects_observations_by_year(tmp_path):
    path = tmp_path / "i.csv"
    path.write_text(
        "indicator,theme,unit,direction,baseline_year,baseline_value,target_year,target_value,"
        "2022,2024\nVélo,Mobilité,%,hausse,2019,2,2035,8,,3.5\n",
        encoding="utf-8",
    )
    df = io.read_indicators(path)
    assert df.loc[0, "observations"] == {2024: 3.5}
    assert df.loc[0, "baseline_year"] == 2019 and df.loc[0, "target_value"] == 8.0
    assert io.read_indicators(None).empty


def test_read_pilots(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        "operation,objective,unit,comparator,target_value,measured_value\n"
        "École,NO2,µg/m³,<=,20,\nÉcole,PM2.5,µg/m³,<=,10,11.2\n",
        encoding="utf-8",
    )
    df = io.read_pilots(path)
    assert math.isnan(df.loc[0, "measured_value"]) and df.loc[1, "measured_value"] == 11.2
    assert list(df["note"]) == ["", ""] and df["measured_year"].isna().all()
    assert io.read_pilots(None).empty
