"""Readers of the evaluation_indicators inputs: optional columns, types, observations."""

import math

from qsp_lib.evaluation import io


def test_read_exposure_fills_optional_columns(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(
        "zone,population,lden_db,lnight_db,no2_ug_m3,pm25_ug_m3,lden_after_db\n"
        "A,100,60,52,30,11,\nB,50,55,47,25,10,50\n",
        encoding="utf-8",
    )
    df = io.read_exposure(path)
    assert list(df.columns) == [*io.EXPOSURE_REQUIRED, *io.EXPOSURE_OPTIONAL]
    assert math.isnan(df.loc[0, "lden_after_db"]) and df.loc[1, "lden_after_db"] == 50
    assert df["distance_to_road_m"].isna().all() and df["population"].dtype == float


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
