"""``measurements`` of evaluation_indicators: each entry names a known objective or
indicator, its files are read and its indicator computed at validation (errors name the
entry, the file, the line); the pilot table and the ``evaluation_measurements`` scrap."""

import math
from pathlib import Path

import pandas as pd
import pytest
from evaluation_site import write_site

from qsp_lib.core import params
from qsp_lib.evaluation import io
from qsp_lib.evaluation import study as evaluation_study

REPO = Path(__file__).resolve().parents[2]
NB = "evaluation_indicators"
PILOTS = (
    "operation,objective,unit,comparator,target_value,measured_value,measured_year,note\n"
    'École,"NO2 intérieur, moyenne annuelle",µg/m³,<=,20,,,campagne\n'
    "École,Isolement de façade,dB,>=,35,37,2025,réception\n"
    "École,LAeq nuit chambre,dB(A),<=,30,,,\n"
)
INDICATORS = (
    "indicator,theme,unit,direction,baseline_year,baseline_value,target_year,target_value\n"
    "Lden point de contrôle,Bruit,dB,baisse,2021,69,2030,55\n"
)


def _noise_text(night_db=25.0, day_db=35.0):
    times = pd.date_range("2025-03-03", periods=48, freq="1h")
    levels = [night_db if (t.hour >= 22 or t.hour < 6) else day_db for t in times]
    return "datetime,laeq_db\n" + "".join(
        f"{t:%Y-%m-%dT%H:%M},{v:g}\n" for t, v in zip(times, levels, strict=True)
    )


@pytest.fixture
def site(tmp_path):
    write_site(tmp_path)
    files = {
        "exposure.csv": "zone,lden_db,lnight_db,no2_ug_m3,pm25_ug_m3\na,60,52,30,11\n",
        "pilots.csv": PILOTS,
        "indicators.csv": INDICATORS,
        "noise.csv": _noise_text(),
        "air.csv": "datetime,no2_ug_m3\n"
        + "".join(
            f"{t:%Y-%m-%dT%H:%M},15\n" for t in pd.date_range("2024-01-15", periods=48, freq="1h")
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _data(**measurement):
    return {
        "exposure_csv": "exposure.csv",
        "pilots_csv": "pilots.csv",
        "indicators_csv": "indicators.csv",
        "measurements": [measurement],
    }


NIGHT = {
    "operation": "École",
    "objective": "LAeq nuit chambre",
    "kind": "noise",
    "metric": "lnight",
    "file": "noise.csv",
}


def _problem(site, data):
    with pytest.raises(params.ParameterError) as exc:
        params.validate(NB, data, file="evaluation_indicators.yaml", site_dir=site)
    return str(exc.value)


def test_a_valid_entry_is_computed_at_validation(site):
    P = params.validate(NB, _data(**NIGHT), site_dir=site)
    (campaign,) = P.campaigns
    assert campaign.levels["lnight"] == pytest.approx(25.0)
    # the air file has one pollutant: no need to name it; annual_mean is the default
    P = params.validate(
        NB,
        _data(
            operation="École",
            objective="NO2 intérieur, moyenne annuelle",
            kind="air",
            file="air.csv",
        ),
        site_dir=site,
    )
    assert P.measurements[0].metric == "annual_mean"
    assert P.campaigns[0].annual_mean == pytest.approx(15.0)


def test_an_unknown_objective_names_the_file_the_entry_and_the_known_ones(site):
    text = _problem(site, _data(**{**NIGHT, "objective": "LAeq nuit"}))
    assert "measurements[0] (operation « École », objective « LAeq nuit »)" in text
    assert "pilots.csv" in text
    assert "École / LAeq nuit chambre" in text and "École / Isolement de façade" in text
    text = _problem(site, _data(indicator="Lden", kind="noise", metric="lden", file="noise.csv"))
    assert "indicator « Lden »" in text and "connus : Lden point de contrôle" in text


def test_an_entry_names_an_objective_or_an_indicator_and_a_metric_for_noise(site):
    assert "l'un ou l'autre" in _problem(
        site, _data(**{**NIGHT, "indicator": "Lden point de contrôle"})
    )
    assert "metric parmi lden" in _problem(site, _data(**{**NIGHT, "metric": None}))
    assert "pas de reference_file" in _problem(site, _data(**NIGHT, reference_file="air.csv"))
    assert "metric annual_mean" in _problem(
        site,
        _data(
            operation="École",
            objective="NO2 intérieur, moyenne annuelle",
            kind="air",
            metric="lden",
            file="air.csv",
        ),
    )


def test_a_typed_value_and_a_campaign_for_one_objective_are_refused(site):
    entry = {**NIGHT, "objective": "Isolement de façade", "metric": "laeq"}
    text = _problem(site, _data(**entry))
    assert "retirer measured_value = 37 ligne 3" in text


def test_the_unit_of_the_objective_must_suit_the_campaign(site):
    entry = {
        "operation": "École",
        "objective": "NO2 intérieur, moyenne annuelle",
        "kind": "noise",
        "metric": "lden",
        "file": "noise.csv",
    }
    assert "une unité dB ou dB(A)" in _problem(site, _data(**entry))


def test_a_bad_campaign_file_is_refused_at_validation_with_its_line(site):
    (site / "noise.csv").write_text(_noise_text().replace(",35\n", ",150\n", 1), "utf-8")
    text = _problem(site, _data(**NIGHT))
    assert "measurements[0]" in text and "noise.csv" in text
    assert "colonne laeq_db = 150 : au plus 140 dB(A)" in text


def test_a_campaign_without_night_is_refused_at_validation(site):
    day_only = (
        "\n".join(line for line in _noise_text().splitlines() if not line.endswith(",25")) + "\n"
    )
    (site / "noise.csv").write_text(day_only, "utf-8")
    text = _problem(site, _data(**NIGHT))
    assert "noise.csv" in text and "aucune mesure dans la période night" in text


def test_measured_and_declared_values_in_the_pilot_table_and_the_scrap(site):
    data = _data(**NIGHT)
    data["measurements"].append(
        {
            "indicator": "Lden point de contrôle",
            "kind": "noise",
            "metric": "lden",
            "file": "noise.csv",
        }
    )
    P = params.validate(NB, {**data, "noise_uncertainty_db": 3.0}, site_dir=site)
    pilots, indicators = io.read_pilots(P.pilots_csv), io.read_indicators(P.indicators_csv)
    values = evaluation_study.measured_values(P, pilots, indicators)
    # night at 25 dB(A) ± 3 against ≤ 30: the whole interval 22-28 meets it
    night = values.iloc[0]
    assert night["value"] == pytest.approx(25.0) and night["status"] == "atteint"
    assert (night["low"], night["high"]) == pytest.approx((22.0, 28.0))
    assert night["coverage_percent"] == pytest.approx(100.0)
    # Lden of 35 dB day and evening, 25 dB night: 10 lg[(12·10^3.5 + 4·10^4 + 8·10^3.5)/24]
    lden = 10 * math.log10((12 * 10**3.5 + 4 * 10**4.0 + 8 * 10**3.5) / 24)
    assert values.iloc[1]["value"] == pytest.approx(lden) and values.iloc[1]["status"] == "atteint"
    out = evaluation_study.pilots_with_measurements(pilots, values)
    assert out["origin"].tolist() == ["", "déclaré", "mesuré"]
    assert out["status"].tolist() == ["non mesuré", "atteint", "atteint"]
    scrap = evaluation_study.measurements_scrap(values, out)
    assert list(scrap.columns) == [
        "operation",
        "objective",
        "value",
        "unit",
        "coverage_percent",
        "method",
        "status",
    ]
    assert scrap["method"].iloc[-1] == "déclaré : réception"
    assert scrap["value"].tolist() == pytest.approx([25.0, lden, 37.0])
    # the indicator's campaign is its observation of the campaign's year
    framework = evaluation_study.framework_with_measurements(indicators, values)
    assert framework["observations"].iloc[0] == {2025: pytest.approx(lden)}


def test_concorde_campaigns():
    P = params.validate_file(NB, REPO / "parameters" / "concorde" / f"{NB}.yaml")
    pilots, indicators = io.read_pilots(P.pilots_csv), io.read_indicators(P.indicators_csv)
    values = evaluation_study.measured_values(P, pilots, indicators).set_index("objective")
    lden = values.loc["Lden mesuré derrière la butte (point de contrôle)"]
    assert 60 < lden["value"] < 70 and lden["status"] == "non atteint"
    no2 = values.loc["NO2 intérieur, moyenne annuelle"]
    # two weeks of a year: the interval straddles the 20 µg/m³ target
    assert no2["status"] == "incertain" and no2["low"] < 20 < no2["high"]
    assert no2["coverage_percent"] == pytest.approx(100 * 13 / 365)
    assert params.input_status(P, "measurements").status == "illustrative"


def test_the_uncertain_note_says_what_would_settle_it():
    from qsp_lib.evaluation import wording

    text = wording.uncertain_note(2, 3.56)
    assert text.startswith("2 objectifs restent **incertains**")
    assert "3,6 % de l'année" in text and "au moins 14 %" in text
    assert "couvre" not in wording.uncertain_note(1, float("nan"))
