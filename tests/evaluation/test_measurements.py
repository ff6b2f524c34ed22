"""Measured campaigns: Lden and period levels by hand, coverage, the annual-mean ratio
adjustment against a reference year by hand, the interval status, and each bad file refused
with its file, line and value."""

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qsp_lib.evaluation import io
from qsp_lib.evaluation.model import measurements as m

REPO = Path(__file__).resolve().parents[2]


def _constant_days(days=2, step="1h", day=60.0, evening=55.0, night=50.0, start="2025-03-03"):
    """A series at ``step`` over ``days`` days, constant in each French period."""
    times = pd.date_range(
        start, periods=int(days * pd.Timedelta("1D") / pd.Timedelta(step)), freq=step
    )
    period = m.period_of(times, m.FRENCH_PERIODS)
    levels = np.select([period == "day", period == "evening"], [day, evening], night)
    return times, levels, int(pd.Timedelta(step).total_seconds())


# ----------------------------------------------------------------------------- noise
def test_lden_of_constant_periods_by_hand():
    # 12 h at 60, 4 h at 55 + 5, 8 h at 50 + 10: every hour at 60 dB -> Lden 60
    assert m.lden(60, 55, 50) == pytest.approx(60.0, abs=1e-9)
    # 65/62/58: 10 lg[(12·10^6.5 + 4·10^6.7 + 8·10^6.8)/24] = 10 lg(108 471 408 / 24)
    assert m.lden(65, 62, 58) == pytest.approx(66.551, abs=1e-3)
    # the directive's periods weigh 12/4/8 h as well
    assert m.period_hours({"day": 7, "evening": 19, "night": 23}) == {
        "day": 12.0,
        "evening": 4.0,
        "night": 8.0,
    }


def test_noise_campaign_of_a_constant_series():
    times, levels, step = _constant_days(days=3, step="10min")
    c = m.noise_campaign(times, levels, step)
    assert c.levels["lday"] == pytest.approx(60)
    assert c.levels["levening"] == pytest.approx(55)
    assert c.levels["lnight"] == pytest.approx(50)
    assert c.levels["lden"] == pytest.approx(60.0)
    # LAeq = 10 lg[(12·10^6 + 4·10^5.5 + 8·10^5)/24] = 10 lg(586 038) = 57.68 dB
    assert c.levels["laeq"] == pytest.approx(57.679, abs=1e-3)
    assert c.coverage == {"day": 1.0, "evening": 1.0, "night": 1.0, "all": 1.0}
    assert c.days == pytest.approx(3.0) and c.step_s == 600


def test_each_period_is_the_energy_mean_over_all_its_intervals():
    times, levels, step = _constant_days(days=2)
    # the first day's daytime at 70 dB, the second's at 60: 10 lg((10^7 + 10^6)/2) = 67.40
    first_day = (times.normalize() == times[0].normalize()) & (levels == 60)
    levels = np.where(first_day, 70.0, levels)
    c = m.noise_campaign(times, levels, step)
    assert c.levels["lday"] == pytest.approx(10 * math.log10(5.5e6), abs=1e-9)
    assert c.levels["lday"] == pytest.approx(67.404, abs=1e-3)


def test_the_periods_are_parameters():
    times, levels, step = _constant_days(days=1)
    # the series is 60 dB at 6-18 h, 55 at 18-22 h, 50 at 22-6 h; with the directive's
    # periods (7-19, 19-23, 23-7) the night holds hours 23, 0-5 (50 dB) and 6 (60 dB)
    c = m.noise_campaign(times, levels, step, {"day": 7, "evening": 19, "night": 23})
    assert c.levels["lnight"] == pytest.approx(10 * math.log10((7 * 1e5 + 1e6) / 8), abs=1e-9)


def test_a_series_without_night_is_refused():
    times, levels, step = _constant_days(days=2)
    keep = m.period_of(times, m.FRENCH_PERIODS) != "night"
    with pytest.raises(m.MeasurementError, match="aucune mesure dans la période night"):
        m.noise_campaign(times[keep], levels[keep], step)


def test_coverage_is_the_share_of_expected_intervals_present():
    times, levels, step = _constant_days(days=1)
    # hours 2 and 3 missing: night 6 of 8 expected
    keep = ~np.isin(times.hour, [2, 3])
    c = m.noise_campaign(times[keep], levels[keep], step)
    assert c.coverage["night"] == pytest.approx(0.75)
    assert c.coverage["day"] == 1.0 and c.coverage["all"] == pytest.approx(22 / 24)
    assert c.coverage_of("lden") == pytest.approx(0.75)
    assert c.coverage_of("lday") == 1.0
    with pytest.raises(m.MeasurementError, match="night couverte à 75 %"):
        m.noise_campaign(times[keep], levels[keep], step, min_coverage=0.8)


# ------------------------------------------------------------------------------- air
def test_daily_means_need_18_hours():
    times = pd.date_range("2024-01-01", periods=48, freq="1h")
    series = pd.Series(10.0, index=times)
    series.iloc[24 + 17 :] = np.nan  # second day: 17 hours only
    days = m.daily_means(series)
    assert days["hours"].tolist() == [24, 17]
    assert days["valid"].tolist() == [True, False]
    # finer than hourly: averaged to the hour first (two half-hours -> one hour)
    fine = pd.Series([10.0, 20.0] * 24, index=pd.date_range("2024-01-01", periods=48, freq="30min"))
    assert m.daily_means(fine)["mean"].iloc[0] == pytest.approx(15.0)


def _reference_year(base=20.0, campaign=25.0, days=None):
    times = pd.date_range("2023-01-01", "2023-12-31 23:00", freq="1h")
    ref = pd.Series(base, index=times)
    for day in () if days is None else days:
        ref[times.normalize() == pd.Timestamp(day)] = campaign
    return ref


CAMPAIGN_DAYS = pd.date_range("2023-03-06", periods=14, freq="1D")


def test_annual_mean_adjusted_on_a_reference_year_by_hand():
    campaign = pd.Series(30.0, index=pd.date_range("2023-03-06", periods=14 * 24, freq="1h"))
    reference = _reference_year(days=CAMPAIGN_DAYS)
    c = m.air_campaign(campaign, "no2", reference)
    # reference: 351 days at 20 and 14 at 25 -> annual (351·20 + 14·25)/365 = 7 370/365
    assert c.reference_annual == pytest.approx(7370 / 365)
    assert c.reference_campaign == pytest.approx(25.0)
    assert c.ratio == pytest.approx(7370 / 365 / 25)
    # annual ≈ 30 × 20.19/25 = 24.23 µg/m³
    assert c.annual_mean == pytest.approx(30 * 7370 / 365 / 25)
    assert c.annual_mean == pytest.approx(24.230, abs=1e-3)
    # 14 days of 365 = 3.8 % < 14 %: 25 % × sqrt(0.14 / (14/365)) = 47.8 %
    assert c.time_coverage == pytest.approx(14 / 365)
    assert c.uncertainty == pytest.approx(0.25 * math.sqrt(0.14 * 365 / 14))
    assert c.uncertainty == pytest.approx(0.4776, abs=1e-4)
    lo, hi = c.interval
    assert (lo, hi) == pytest.approx((24.230 * (1 - 0.4776), 24.230 * (1 + 0.4776)), abs=2e-3)
    assert c.valid_days == 14 and c.data_capture == 1.0 and c.excluded_days == ()
    # without a reference, the campaign mean, same uncertainty
    plain = m.air_campaign(campaign, "no2")
    assert plain.annual_mean == 30.0 and plain.ratio is None


def test_uncertainty_is_the_directive_objective_from_14_percent_of_the_year():
    assert m.indicative_uncertainty("no2", 0.14) == 0.25
    assert m.indicative_uncertainty("pm25", 0.5) == 0.50
    # a quarter of the minimum coverage doubles it
    assert m.indicative_uncertainty("pm25", 0.035) == pytest.approx(1.0)


def test_a_reference_without_a_campaign_day_or_a_full_year_is_refused():
    campaign = pd.Series(30.0, index=pd.date_range("2023-03-06", periods=14 * 24, freq="1h"))
    reference = _reference_year(days=CAMPAIGN_DAYS)
    reference[reference.index.normalize() == pd.Timestamp("2023-03-08")] = np.nan
    with pytest.raises(m.MeasurementError, match="2023-03-08"):
        m.air_campaign(campaign, "no2", reference)
    half = _reference_year().loc[:"2023-06-30"]
    with pytest.raises(m.MeasurementError, match="année complète"):
        m.air_campaign(campaign, "no2", half)


def test_a_campaign_without_a_valid_day_is_refused():
    short = pd.Series(30.0, index=pd.date_range("2023-03-06", periods=12, freq="1h"))
    with pytest.raises(m.MeasurementError, match="aucun jour valide"):
        m.air_campaign(short, "no2")


# ---------------------------------------------------------------------------- status
@pytest.mark.parametrize(
    ("low", "high", "comparator", "target", "status"),
    [
        (15, 19, "<=", 20, "atteint"),
        (15, 20, "<=", 20, "atteint"),  # the interval's end on the target meets it
        (15, 21, "<=", 20, "incertain"),
        (21, 25, "<=", 20, "non atteint"),
        (36, 40, ">=", 35, "atteint"),
        (33, 37, ">=", 35, "incertain"),
        (30, 34, ">=", 35, "non atteint"),
        (37, 37, ">=", 35, "atteint"),  # a declared value: no interval
    ],
)
def test_interval_status(low, high, comparator, target, status):
    assert m.interval_status(low, high, comparator, target) == status


# ------------------------------------------------------------------------- bad files
def _file(tmp_path, text, name="f.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


NOISE_OK = "datetime,laeq_db\n2025-03-03T00:00,55\n2025-03-03T00:10,56\n2025-03-03T00:20,57\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NOISE_OK.replace("2025-03-03T00:10", "03/03/2025 0h10"), "ligne 3, colonne datetime"),
        (
            NOISE_OK.replace("00:20", "00:10"),
            "ligne 4, colonne datetime = '2025-03-03T00:10' : date en double",
        ),
        (
            NOISE_OK.replace("00:20", "00:05"),
            "ligne 4, colonne datetime = '2025-03-03T00:05' : dates dans l'ordre",
        ),
        (NOISE_OK.replace(",56", ",-3"), "ligne 3, colonne laeq_db = -3 : une valeur positive"),
        (NOISE_OK.replace(",56", ",141"), "ligne 3, colonne laeq_db = 141 : au plus 140 dB(A)"),
        (NOISE_OK.replace(",56", ",fort"), "ligne 3, colonne laeq_db = 'fort' : un nombre"),
        (
            NOISE_OK.replace("00:20", "00:25"),
            "ligne 4, colonne datetime = '2025-03-03T00:25' : un intervalle régulier de 600 s",
        ),
        (
            NOISE_OK.replace("T00:10", "T02:00").replace("T00:20", "T04:00"),
            "intervalle régulier d'une seconde à une heure",
        ),
        (NOISE_OK.replace("T00:10", "T00:10+01:00"), "toutes les dates avec un décalage horaire"),
        ("datetime,laeq\n2025-03-03T00:00,55\n", "colonnes manquantes : laeq_db"),
    ],
)
def test_bad_noise_files_name_the_file_line_and_value(tmp_path, text, expected):
    path = _file(tmp_path, text)
    with pytest.raises(io.MeasurementFileError) as exc:
        io.read_noise_series(path)
    assert str(path) in str(exc.value)
    assert expected in str(exc.value)


def test_the_autumn_clock_change_is_read_with_offsets(tmp_path):
    # 27 October 2024: 02:30 local happens twice; with offsets the instants are distinct
    text = (
        "datetime,laeq_db\n2024-10-27T02:30+02:00,50\n2024-10-27T02:30+01:00,51\n"
        "2024-10-27T03:30+01:00,52\n"
    )
    times, levels, step = io.read_noise_series(_file(tmp_path, text))
    assert step == 3600 and levels.tolist() == [50.0, 51.0, 52.0]
    # local hours 2, 2, 3: night; the grid of expected intervals has the same three hours
    assert list(times.hour) == [2, 2, 3]
    assert set(m.period_of(times, m.FRENCH_PERIODS)) == {"night"}
    assert len(pd.date_range(times[0], times[-1], freq="1h")) == 3
    naive = "datetime,laeq_db\n2024-10-27T02:30,50\n2024-10-27T02:30,51\n"
    with pytest.raises(io.MeasurementFileError, match="ligne 3.*date en double.*décalage"):
        io.read_noise_series(_file(tmp_path, naive))


def test_a_noise_file_with_a_utc_offset_reads_in_local_time(tmp_path):
    text = "datetime,laeq_db\n2025-03-03T05:00Z,55\n2025-03-03T05:10Z,56\n"
    times, levels, step = io.read_noise_series(_file(tmp_path, text))
    assert times[0] == pd.Timestamp("2025-03-03T06:00", tz="Europe/Paris") and step == 600
    assert times[0].hour == 6
    assert levels.tolist() == [55.0, 56.0]


AIR_OK = "datetime,no2_ug_m3,pm25_ug_m3\n2024-01-15T00:00,20,9\n2024-01-15T01:00,21,\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (AIR_OK.replace(",21,", ",-1,"), "ligne 3, colonne no2_ug_m3 = -1 : une valeur positive"),
        (AIR_OK.replace(",9", ",1500"), "ligne 2, colonne pm25_ug_m3 = 1500 : au plus 1000 µg/m³"),
        (
            AIR_OK.replace("T01:00", "T00:00"),
            "ligne 3, colonne datetime = '2024-01-15T00:00' : date en double",
        ),
        (AIR_OK.replace("T01:00", "T03:00"), "des valeurs horaires ou plus fines"),
        ("datetime,co_ug_m3\n2024-01-15T00:00,1\n", "colonnes inconnues : co_ug_m3"),
        ("datetime\n2024-01-15T00:00\n", "au moins une colonne de concentration"),
    ],
)
def test_bad_air_files_name_the_file_line_and_value(tmp_path, text, expected):
    path = _file(tmp_path, text)
    with pytest.raises(io.MeasurementFileError) as exc:
        io.read_air_series(path)
    assert str(path) in str(exc.value)
    assert expected in str(exc.value)


def test_an_empty_cell_is_a_missing_value(tmp_path):
    air = io.read_air_series(_file(tmp_path, AIR_OK))
    assert air["no2"].tolist() == [20.0, 21.0]
    assert air["pm25"].iloc[0] == 9.0 and math.isnan(air["pm25"].iloc[1])


def test_a_gap_beyond_the_coverage_rule_is_refused_with_the_file(tmp_path):
    # one night of two missing entirely but for one hour: 1 of 16 night hours
    times, levels, _ = _constant_days(days=2)
    night = m.period_of(times, m.FRENCH_PERIODS) == "night"
    keep = ~night | (times == times[0])
    text = "datetime,laeq_db\n" + "".join(
        f"{t:%Y-%m-%dT%H:%M},{v:g}\n" for t, v in zip(times[keep], levels[keep], strict=True)
    )
    path = _file(tmp_path, text)
    with pytest.raises(m.MeasurementError) as exc:
        io.read_campaign("noise", path, min_coverage=0.75)
    assert str(path) in str(exc.value) and "période night couverte à" in str(exc.value)


# ----------------------------------------------------------------- generator, Concorde
def test_the_generator_rewrites_concorde_files_byte_for_byte(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_campaigns", REPO / "tools" / "make_concorde_campaigns.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in (
        "campagne_bruit_butte.csv",
        "campagne_air_equipement.csv",
        "station_reference_2024.csv",
    ):
        shipped = REPO / "parameters" / "concorde" / "evaluation" / name
        assert (tmp_path / name).read_bytes() == shipped.read_bytes(), name
