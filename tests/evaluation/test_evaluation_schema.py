"""Parameters of evaluation_indicators: site files validate; bad input (CSV rows included)
is reported with the file, the line, the column and what was expected; zones and berm come
from the site model (``site.yaml``), the moved keys and columns are refused saying where
they now live."""

from pathlib import Path

import pytest
from evaluation_site import BERM, ZONE_A, write_site

from qsp_lib.core import params

REPO = Path(__file__).resolve().parents[2]
NB = "evaluation_indicators"
HEADER = "zone,lden_db,lnight_db,no2_ug_m3,pm25_ug_m3"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _one_zone_site(tmp_path):
    write_site(tmp_path)


def _problem(tmp_path, exposure=None, **extra):
    exposure = exposure or f"{HEADER}\na,60,52,30,11\n"
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
    # SPL Euralille (site.md): about 10 m high, 800 m long, 48,000 m2 of berm (site.yaml)
    p = params.validate_file(NB, REPO / "parameters" / "concorde" / f"{NB}.yaml")
    assert p.berm.height_m == 10 and p.berm.length_m == 800
    assert p.berm.base_width_m * p.berm.length_m == pytest.approx(48_000)
    # the acoustic assumptions stay in the evaluation file
    assert p.berm.ground_factor == 1.0 and p.berm.source_height_m == 0.5


def test_every_parameter_line_has_a_source_or_hypothese():
    for site in ("concorde", "wazemmes-moulins"):
        text = (REPO / "parameters" / site / f"{NB}.yaml").read_text(encoding="utf-8")
        for line in text.splitlines():
            body = line.split("#")[0]
            key, _, value = body.partition(":")
            # a file declared {path, status, source}: its source says it in words
            if not value.strip() or key.strip() in ("site", "berm_acoustics", "path", "source"):
                continue
            assert "#" in line, f"{site}: no source or 'hypothèse' comment on: {line.strip()}"


def test_defaults_and_minimal_file(tmp_path):
    _write(tmp_path, "exposure.csv", f"{HEADER}\na,60,52,30,11\n")
    p = params.validate(NB, {"exposure_csv": "exposure.csv"}, site_dir=tmp_path)
    assert p.berm is None and p.indicators_csv is None and p.pilots_csv is None
    # WHO 2021 / Chen & Hoek 2020 / Huangfu & Atkinson 2020 defaults
    assert p.pm25_rr_per_10.central == 1.08 and p.no2_rr_per_10.high == 1.04
    assert p.pm25_counterfactual_ug_m3 == 5 and p.no2_counterfactual_ug_m3 == 10
    assert p.ihd_incidence_per_100k == 138 and p.facade_correction_db == 0


def test_exposure_csv_is_required(tmp_path):
    with pytest.raises(params.ParameterError, match="exposure_csv : paramètre obligatoire"):
        params.validate(NB, {}, file="site.yaml", site_dir=tmp_path)


@pytest.mark.parametrize("level", ["110", "12"])
def test_noise_level_outside_20_100_db(tmp_path, level):
    msg = _problem(tmp_path, f"{HEADER}\na,{level},12,30,11\n")
    assert f"ligne 2, colonne lden_db = '{level}'" in msg


def test_negative_concentration(tmp_path):
    msg = _problem(tmp_path, f"{HEADER},no2_after_ug_m3\na,60,52,30,11,-1\n")
    assert "ligne 2, colonne no2_after_ug_m3 = '-1'" in msg


def test_missing_and_unknown_columns(tmp_path):
    msg = _problem(tmp_path, "zone,lden_db,lnight_db,no2_ug_m3,pm25\na,60,52,30,11\n")
    assert "exposure_csv" in msg and "colonnes manquantes : pm25_ug_m3" in msg
    assert "colonnes inconnues : pm25" in msg


def test_night_level_above_lden_is_refused(tmp_path):
    msg = _problem(tmp_path, f"{HEADER}\na,50,60,30,11\n")
    assert "ligne 2" in msg and "lnight_db (60.0) ne peut pas dépasser lden_db (50.0)" in msg


# ------------------------------------------------ zones of the site model (site.yaml)
ZONE_B = {"id": "b", "name": "Zone B", "residents": 50, "distance_to_road_m": 300}


def test_a_zone_is_named_by_its_id_or_its_name(tmp_path):
    write_site(tmp_path, zones=(ZONE_A, ZONE_B))
    _write(tmp_path, "exposure.csv", f"{HEADER}\nZone A,60,52,30,11\nb,55,47,25,10\n")
    params.validate(NB, {"exposure_csv": "exposure.csv"}, site_dir=tmp_path)


def test_an_unknown_zone_names_the_file_the_line_and_the_known_zones(tmp_path):
    write_site(tmp_path, zones=(ZONE_A, ZONE_B))
    msg = _problem(tmp_path, f"{HEADER}\na,60,52,30,11\nc,55,47,25,10\n")
    assert "exposure.csv" in msg and "ligne 3, colonne zone = 'c'" in msg
    assert "zones connues : a (Zone A), b (Zone B)" in msg
    assert str(tmp_path / "site.yaml") in msg


def test_a_zone_without_levels_or_given_twice_is_refused(tmp_path):
    write_site(tmp_path, zones=(ZONE_A, ZONE_B))
    msg = _problem(tmp_path, f"{HEADER}\na,60,52,30,11\n")
    assert "sans niveaux : b (Zone B)" in msg
    msg = _problem(tmp_path, f"{HEADER}\na,60,52,30,11\nZone A,55,47,25,10\nb,55,47,25,10\n")
    assert "ligne 3, colonne zone = 'Zone A' : zone déjà donnée ligne 2" in msg


@pytest.mark.parametrize("column", ["population", "distance_to_road_m", "receiver_height_m"])
def test_a_column_now_in_the_site_model_is_refused_saying_where(tmp_path, column):
    msg = _problem(
        tmp_path, f"zone,{column},lden_db,lnight_db,no2_ug_m3,pm25_ug_m3\na,100,60,52,30,11\n"
    )
    assert "exposure.csv" in msg and f"{column} se trouve maintenant dans site.yaml" in msg
    assert "population.zones" in msg


# ---------------------------------------------------- the berm of the site model
def test_the_berm_comes_from_the_site_model_with_its_acoustics(tmp_path):
    write_site(tmp_path, berm=BERM)
    _write(tmp_path, "exposure.csv", f"{HEADER}\na,60,52,30,11\n")
    data = {"exposure_csv": "exposure.csv", "berm_acoustics": {"ground_factor": 1.0}}
    p = params.validate(NB, data, site_dir=tmp_path)
    assert p.berm.geometry().far_foot_m == 80 and p.berm.length_m == 800
    assert p.berm.ground_factor == 1.0 and p.berm.source_height_m == 0.5
    # without berm_acoustics: the defaults (0.5 m source, G = 0.5)
    p = params.validate(NB, {"exposure_csv": "exposure.csv"}, site_dir=tmp_path)
    assert p.berm.ground_factor == 0.5 and p.berm.height_m == 10


def test_the_former_berm_key_says_where_its_values_now_live(tmp_path):
    write_site(tmp_path, berm=BERM)
    former = {"height_m": 10, "crest_width_m": 10, "base_width_m": 60, "distance_to_road_m": 20}
    msg = _problem(tmp_path, berm={**former, "ground_factor": 1.0}, facade_correction_db=99)
    assert "berm" in msg and "site.yaml (berm)" in msg and "berm_acoustics" in msg
    # reported alongside the file's other problems
    assert "facade_correction_db = 99" in msg


def test_berm_acoustics_on_a_site_without_a_berm_is_refused(tmp_path):
    msg = _problem(tmp_path, berm_acoustics={"ground_factor": 1.0})
    assert "berm_acoustics" in msg and "pas de butte" in msg


def test_berm_needs_the_zone_distance_where_after_is_derived(tmp_path):
    write_site(tmp_path, zones=({"id": "a", "name": "Zone A", "residents": 100},), berm=BERM)
    msg = _problem(tmp_path)
    assert "ligne 2, zone 'a'" in msg and "population.zones.a.distance_to_road_m" in msg
    # an "after" level given: the berm computes nothing there, no distance needed
    _write(
        tmp_path, "exposure.csv", f"{HEADER},lden_after_db,lnight_after_db\na,60,52,30,11,58,50\n"
    )
    params.validate(NB, {"exposure_csv": "exposure.csv"}, site_dir=tmp_path)


def test_zone_on_the_berm_is_refused(tmp_path):
    write_site(tmp_path, zones=({**ZONE_A, "distance_to_road_m": 50},), berm=BERM)
    msg = _problem(tmp_path)
    assert "ligne 2, zone 'a' : distance_to_road_m = 50" in msg and "80 m" in msg


def test_reference_receiver_behind_the_berm(tmp_path):
    write_site(tmp_path, berm=BERM)
    msg = _problem(tmp_path, reference_receiver_distance_m=60)
    assert "reference_receiver_distance_m = 60" in msg


def test_berm_acoustics_bounds_and_unknown_key(tmp_path):
    write_site(tmp_path, berm=BERM)
    msg = _problem(tmp_path, berm_acoustics={"ground_factor": 2})
    assert "berm_acoustics.ground_factor = 2" in msg
    msg = _problem(tmp_path, berm_acoustics={"height_m": 3})
    assert "berm_acoustics.height_m" in msg


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
def test_other_sources_column_at_or_above_the_total_is_refused(tmp_path):
    write_site(tmp_path, berm=BERM)
    bad = f"{HEADER},lden_other_db,lnight_other_db\na,60,52,30,11,60,40\n"
    msg = _problem(tmp_path, bad)
    assert "site.yaml" in msg and "exposure.csv" in msg
    assert "ligne 2, colonne lden_other_db = '60'" in msg and "lden_db (60 dB)" in msg


def test_other_sources_columns_go_together(tmp_path):
    write_site(tmp_path, berm=BERM)
    bad = f"{HEADER},lden_other_db,lnight_other_db\na,60,52,30,11,50,\n"
    msg = _problem(tmp_path, bad)
    assert "ligne 2" in msg and "lden_other_db et lnight_other_db : les deux ou aucun" in msg


def test_offset_along_the_berm_must_be_a_number(tmp_path):
    write_site(tmp_path, berm=BERM)
    bad = f"{HEADER},offset_along_berm_m\na,60,52,30,11,est\n"
    msg = _problem(tmp_path, bad)
    assert "ligne 2, colonne offset_along_berm_m = 'est'" in msg


def test_site_wide_other_sources_above_a_zone_is_refused(tmp_path):
    write_site(tmp_path, zones=(ZONE_A, ZONE_B), berm=BERM)
    rows = f"{HEADER}\na,60,52,30,11\nb,54,46,25,10\n"
    msg = _problem(tmp_path, rows, other_sources_lden_db=55, other_sources_lnight_db=45)
    assert "exposure.csv" in msg and "ligne 3, colonne lden_db = 54" in msg
    assert "other_sources_lden_db (55 dB)" in msg and "ligne 2" not in msg
    # the zone's own columns take over the site-wide value
    write_site(tmp_path, zones=({**ZONE_A, "distance_to_road_m": 300},), berm=BERM)
    own = f"{HEADER},lden_other_db,lnight_other_db\na,54,46,25,10,50,40\n"
    _write(tmp_path, "exposure.csv", own)
    p = params.validate(
        NB,
        {
            "exposure_csv": "exposure.csv",
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
    _write(tmp_path, "exposure.csv", f"{HEADER}\na,60,52,30,11\n")
    p = params.validate(NB, {"exposure_csv": "exposure.csv"}, site_dir=tmp_path)
    assert p.other_sources_lden_db is None and p.other_sources_lnight_db is None
    assert p.reference_receiver_offset_m == 0 and p.reference_receiver_lden_db is None


def test_berm_control_indicator_must_name_an_indicator_of_the_file(tmp_path):
    write_site(tmp_path, berm=BERM)
    head = "indicator,theme,unit,direction,baseline_year,baseline_value,target_year,target_value"
    _write(tmp_path, "ind.csv", f"{head}\nLden butte,Bruit,dB,baisse,2021,69,2026,55\n")
    msg = _problem(tmp_path, indicators_csv="ind.csv", berm_control_indicator="Lden bute")
    assert "berm_control_indicator = 'Lden bute'" in msg and "ind.csv" in msg
    assert "indicateurs connus : Lden butte" in msg
    assert "un fichier indicators_csv" in _problem(tmp_path, berm_control_indicator="Lden butte")
    _write(tmp_path, "exposure.csv", f"{HEADER}\na,60,52,30,11\n")
    data = {
        "exposure_csv": "exposure.csv",
        "indicators_csv": "ind.csv",
        "berm_control_indicator": "Lden butte",
        "berm_acoustics": {"road_length_m": 2000},
    }
    p = params.validate(NB, data, site_dir=tmp_path)
    assert p.berm_control_indicator == "Lden butte" and p.berm.road_length_m == 2000
    # a site without berm has no control point behind it
    write_site(tmp_path)
    data.pop("berm_acoustics")
    assert "ce site n'a pas de butte" in _problem(
        tmp_path, **{k: v for k, v in data.items() if k != "exposure_csv"}
    )
