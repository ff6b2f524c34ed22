"""Parameters of evaluation_indicators: site files validate; bad input (CSV rows included)
is reported with the file, the line, the column and what was expected."""

from pathlib import Path

import pytest

from qsp_lib.core import params

REPO = Path(__file__).resolve().parents[2]
NB = "evaluation_indicators"
HEADER = "zone,population,lden_db,lnight_db,no2_ug_m3,pm25_ug_m3"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problem(tmp_path, exposure=None, **extra):
    exposure = exposure or f"{HEADER}\nA,100,60,52,30,11\n"
    _write(tmp_path, "exposure.csv", exposure)
    data = {"exposure_csv": "exposure.csv", **extra}
    with pytest.raises(params.ParameterError) as exc:
        params.validate(NB, data, file="site.yaml", site_dir=tmp_path)
    return str(exc.value)


@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_site_parameter_files_validate(site):
    p = params.validate_file(NB, REPO / "parameters" / site / f"{NB}.yaml")
    assert Path(p.exposure_csv).is_file()
    assert (p.berm is not None) == (site == "concorde")


def test_concorde_berm_follows_the_published_figures():
    # SPL Euralille (site.md): about 10 m high, 800 m long, 48,000 m2 of berm
    p = params.validate_file(NB, REPO / "parameters" / "concorde" / f"{NB}.yaml")
    assert p.berm.height_m == 10 and p.berm.length_m == 800
    assert p.berm.base_width_m * p.berm.length_m == pytest.approx(48_000)


def test_every_parameter_line_has_a_source_or_hypothese():
    for site in ("concorde", "wazemmes-moulins"):
        text = (REPO / "parameters" / site / f"{NB}.yaml").read_text(encoding="utf-8")
        for line in text.splitlines():
            body = line.split("#")[0]
            key, _, value = body.partition(":")
            # a file declared {path, status, source}: its source says it in words
            if not value.strip() or key.strip() in ("site", "berm", "path", "source"):
                continue
            assert "#" in line, f"{site}: no source or 'hypothèse' comment on: {line.strip()}"


def test_defaults_and_minimal_file(tmp_path):
    _write(tmp_path, "exposure.csv", f"{HEADER}\nA,100,60,52,30,11\n")
    p = params.validate(NB, {"exposure_csv": "exposure.csv"}, site_dir=tmp_path)
    assert p.berm is None and p.indicators_csv is None and p.pilots_csv is None
    # WHO 2021 / Chen & Hoek 2020 / Huangfu & Atkinson 2020 defaults
    assert p.pm25_rr_per_10.central == 1.08 and p.no2_rr_per_10.high == 1.04
    assert p.pm25_counterfactual_ug_m3 == 5 and p.no2_counterfactual_ug_m3 == 10
    assert p.ihd_incidence_per_100k == 138 and p.facade_correction_db == 0


def test_exposure_csv_is_required(tmp_path):
    with pytest.raises(params.ParameterError, match="exposure_csv : paramètre obligatoire"):
        params.validate(NB, {}, file="site.yaml", site_dir=tmp_path)


def test_negative_population_names_file_line_and_column(tmp_path):
    msg = _problem(tmp_path, f"{HEADER}\nA,100,60,52,30,11\nB,-5,60,52,30,11\n")
    assert "site.yaml" in msg and "exposure.csv" in msg
    assert "ligne 3, colonne population = '-5'" in msg and "≥ 0" in msg


@pytest.mark.parametrize("level", ["110", "12"])
def test_noise_level_outside_20_100_db(tmp_path, level):
    msg = _problem(tmp_path, f"{HEADER}\nA,100,{level},12,30,11\n")
    assert f"ligne 2, colonne lden_db = '{level}'" in msg


def test_negative_concentration(tmp_path):
    msg = _problem(tmp_path, f"{HEADER},no2_after_ug_m3\nA,100,60,52,30,11,-1\n")
    assert "ligne 2, colonne no2_after_ug_m3 = '-1'" in msg


def test_missing_and_unknown_columns(tmp_path):
    msg = _problem(tmp_path, "zone,population,lden_db,lnight_db,no2_ug_m3,pm25\nA,1,60,52,30,11\n")
    assert "exposure_csv" in msg and "colonnes manquantes : pm25_ug_m3" in msg
    assert "colonnes inconnues : pm25" in msg


def test_night_level_above_lden_is_refused(tmp_path):
    msg = _problem(tmp_path, f"{HEADER}\nA,100,50,60,30,11\n")
    assert "ligne 2" in msg and "lnight_db (60.0) ne peut pas dépasser lden_db (50.0)" in msg


BERM = {"height_m": 10, "crest_width_m": 10, "base_width_m": 60, "distance_to_road_m": 20}


def test_berm_needs_distance_and_height_where_after_is_derived(tmp_path):
    msg = _problem(tmp_path, berm=BERM)
    assert "ligne 2, colonne distance_to_road_m : obligatoire" in msg
    ok = f"{HEADER},distance_to_road_m,receiver_height_m\nA,100,60,52,30,11,120,4\n"
    _write(tmp_path, "exposure.csv", ok)
    p = params.validate(NB, {"exposure_csv": "exposure.csv", "berm": BERM}, site_dir=tmp_path)
    assert p.berm.geometry().far_foot_m == 80


def test_zone_on_the_berm_is_refused(tmp_path):
    bad = f"{HEADER},distance_to_road_m,receiver_height_m\nA,100,60,52,30,11,50,4\n"
    msg = _problem(tmp_path, bad, berm=BERM)
    assert "ligne 2, colonne distance_to_road_m = 50" in msg and "80 m" in msg


def test_reference_receiver_behind_the_berm(tmp_path):
    ok = f"{HEADER},distance_to_road_m,receiver_height_m\nA,100,60,52,30,11,120,4\n"
    msg = _problem(tmp_path, ok, berm=BERM, reference_receiver_distance_m=60)
    assert "reference_receiver_distance_m = 60" in msg


def test_berm_geometry_and_unknown_key(tmp_path):
    msg = _problem(tmp_path, berm={**BERM, "crest_width_m": 80})
    assert "crest_width_m (80.0) ne peut pas dépasser base_width_m" in msg
    msg = _problem(tmp_path, berm={**BERM, "heigth_m": 3})
    assert "berm.heigth_m" in msg and "height_m" in msg


def test_relative_risks_are_ordered(tmp_path):
    msg = _problem(tmp_path, pm25_rr_per_10={"central": 1.08, "low": 1.09, "high": 1.10})
    assert "pm25_rr_per_10" in msg and "low ≤ central ≤ high" in msg


def test_indicator_rows(tmp_path):
    head = "indicator,theme,unit,direction,baseline_year,baseline_value,target_year,target_value"
    _write(tmp_path, "ind.csv", f"{head},2024\nVélo,Mobilité,%,montée,2019,2,2035,8,3\n")
    msg = _problem(tmp_path, indicators_csv="ind.csv")
    assert "ind.csv" in msg and "ligne 2, colonne direction = 'montée'" in msg
    _write(tmp_path, "ind.csv", f"{head},2024\nVélo,Mobilité,%,hausse,2019,2,2035,8,x\n")
    assert "ligne 2 : colonne 2024 = 'x' : un nombre" in _problem(
        tmp_path, indicators_csv="ind.csv"
    )
    _write(tmp_path, "ind.csv", f"{head}\nVélo,Mobilité,%,hausse,2019,2,2018,8\n")
    assert "target_year (2018) doit suivre baseline_year (2019)" in _problem(
        tmp_path, indicators_csv="ind.csv"
    )
    _write(tmp_path, "ind.csv", f"{head},obs2024\nVélo,Mobilité,%,hausse,2019,2,2030,8,3\n")
    assert "colonnes inconnues : obs2024" in _problem(tmp_path, indicators_csv="ind.csv")


def test_pilot_rows(tmp_path):
    head = "operation,objective,unit,comparator,target_value,measured_value"
    _write(tmp_path, "p.csv", f"{head}\nÉcole,NO2,µg/m³,<,20,18\n")
    msg = _problem(tmp_path, pilots_csv="p.csv")
    assert "p.csv" in msg and "ligne 2, colonne comparator = '<'" in msg


# ------------------------------------------ finite berm and other sources: new inputs
GEOM = "distance_to_road_m,receiver_height_m"


def test_other_sources_column_at_or_above_the_total_is_refused(tmp_path):
    bad = f"{HEADER},{GEOM},lden_other_db,lnight_other_db\nA,100,60,52,30,11,120,4,60,40\n"
    msg = _problem(tmp_path, bad, berm=BERM)
    assert "site.yaml" in msg and "exposure.csv" in msg
    assert "ligne 2, colonne lden_other_db = '60'" in msg and "lden_db (60 dB)" in msg


def test_other_sources_columns_go_together(tmp_path):
    bad = f"{HEADER},{GEOM},lden_other_db,lnight_other_db\nA,100,60,52,30,11,120,4,50,\n"
    msg = _problem(tmp_path, bad, berm=BERM)
    assert "ligne 2" in msg and "lden_other_db et lnight_other_db : les deux ou aucun" in msg


def test_offset_along_the_berm_must_be_a_number(tmp_path):
    bad = f"{HEADER},{GEOM},offset_along_berm_m\nA,100,60,52,30,11,120,4,est\n"
    msg = _problem(tmp_path, bad, berm=BERM)
    assert "ligne 2, colonne offset_along_berm_m = 'est'" in msg


def test_site_wide_other_sources_above_a_zone_is_refused(tmp_path):
    rows = f"{HEADER},{GEOM}\nA,100,60,52,30,11,120,4\nB,50,54,46,25,10,300,4\n"
    msg = _problem(tmp_path, rows, berm=BERM, other_sources_lden_db=55, other_sources_lnight_db=45)
    assert "exposure.csv" in msg and "ligne 3, colonne lden_db = 54" in msg
    assert "other_sources_lden_db (55 dB)" in msg and "ligne 2" not in msg
    # the zone's own columns take over the site-wide value
    own = f"{HEADER},{GEOM},lden_other_db,lnight_other_db\nA,100,54,46,25,10,300,4,50,40\n"
    _write(tmp_path, "exposure.csv", own)
    p = params.validate(
        NB,
        {
            "exposure_csv": "exposure.csv",
            "berm": BERM,
            "other_sources_lden_db": 55,
            "other_sources_lnight_db": 45,
        },
        site_dir=tmp_path,
    )
    assert p.other_sources_lden_db == 55


def test_other_sources_parameters_go_together_and_night_below_day(tmp_path):
    msg = _problem(tmp_path, other_sources_lden_db=50)
    assert "other_sources_lnight_db" in msg and "les deux ou aucun" in msg
    msg = _problem(tmp_path, other_sources_lden_db=45, other_sources_lnight_db=48)
    assert "other_sources_lnight_db = 48" in msg and "au plus égal" in msg
    msg = _problem(tmp_path, other_sources_lden_db=150, other_sources_lnight_db=40)
    assert "other_sources_lden_db = 150" in msg
    msg = _problem(tmp_path, other_source_lden_db=50)
    assert "other_source_lden_db" in msg and "other_sources_lden_db" in msg


def test_reference_receiver_level_above_other_sources(tmp_path):
    msg = _problem(
        tmp_path,
        other_sources_lden_db=50,
        other_sources_lnight_db=42,
        reference_receiver_lden_db=50,
    )
    assert "reference_receiver_lden_db = 50" in msg and "other_sources_lden_db (50 dB)" in msg


def test_new_parameters_have_defaults(tmp_path):
    _write(tmp_path, "exposure.csv", f"{HEADER}\nA,100,60,52,30,11\n")
    p = params.validate(NB, {"exposure_csv": "exposure.csv"}, site_dir=tmp_path)
    assert p.other_sources_lden_db is None and p.other_sources_lnight_db is None
    assert p.reference_receiver_offset_m == 0 and p.reference_receiver_lden_db is None
