"""Parameters of the pv_yield notebook: both sites validate, bad inputs fail clearly (issue 3)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from pv_fixture import site_folder

from qsp_lib.core import params

REPO = Path(__file__).resolve().parents[2]
SITES = ["concorde", "wazemmes-moulins"]


def load(site: str = "concorde") -> dict:
    return params.load_yaml(REPO / "parameters" / site / "pv_yield.yaml")


def check(data: dict, site_dir: Path | None = None):
    return params.validate(
        "pv_yield", data, file="pv_yield.yaml", site_dir=site_dir or REPO / "parameters/concorde"
    )


@pytest.mark.parametrize("site", SITES)
def test_site_files_validate(site):
    p = params.validate_file("pv_yield", REPO / "parameters" / site / "pv_yield.yaml")
    assert p.weather.source == "climatology"
    assert all(0 <= a.surface_tilt_deg <= 90 for a in p.arrays)


def test_every_value_in_parameter_files_has_a_source_or_hypothese():
    for site in SITES:
        text = (REPO / "parameters" / site / "pv_yield.yaml").read_text(encoding="utf-8")
        for line in text.splitlines():
            stripped = line.strip()
            if not stripped or stripped.startswith("#") or stripped.endswith(":"):
                continue
            if stripped.startswith(("site:", "- name:", "name:", "label:", "station:", "source:")):
                continue
            assert "#" in stripped, f"{site}: value without source: {stripped}"


def _problem(exc: pytest.ExceptionInfo) -> str:
    return str(exc.value)


@pytest.mark.parametrize(
    ("mutate", "key", "expect"),
    [
        (
            lambda d: d["arrays"][0].update(surface_tilt_deg=95),
            "arrays[0].surface_tilt_deg",
            "≤ 90",
        ),
        (lambda d: d["arrays"][0].update(surface_tilt_deg=-5), "arrays[0].surface_tilt_deg", "≥ 0"),
        (
            lambda d: d["arrays"][1].update(face=None, surface_azimuth_deg=361),
            "arrays[1].surface_azimuth_deg",
            "≤ 360",
        ),
        (
            lambda d: d["arrays"][1].update(face=None),
            "arrays[1]",
            "surface_azimuth_deg (obligatoire sans face)",
        ),
        (
            lambda d: d["weather"].update(temp_air_monthly_c=[10.0] * 11),
            "weather.temp_air_monthly_c",
            "12 valeurs",
        ),
        (
            lambda d: d["weather"].update(sunshine_hours_monthly=[100.0] * 11),
            "weather.sunshine_hours_monthly",
            "12 valeurs",
        ),
        (lambda d: d["arrays"][0].update(area_m2=-100), "arrays[0].area_m2", "> 0"),
        (
            lambda d: d["arrays"][0].update(peak_power_kwp=100),
            "arrays[0]",
            "exactement un des deux champs",
        ),
        (lambda d: d.update(altitude_m=float("nan")), "altitude_m", "fini"),
        (lambda d: d.pop("arrays"), "arrays", "obligatoire"),
        (lambda d: d.update(arays=[]), "arays", "arrays"),
        (
            lambda d: d["weather"].update(ghi_monthly_kwh_m2=[80.0] * 12),
            "weather",
            "exactement une des deux listes",
        ),
    ],
)
def test_bad_inputs_give_clear_errors(mutate, key, expect):
    data = copy.deepcopy(load())
    mutate(data)
    with pytest.raises(params.ParameterError) as exc:
        check(data)
    text = _problem(exc)
    assert "pv_yield.yaml" in text
    assert key in text
    assert expect in text


def test_weather_file_errors(tmp_path):
    site_folder(tmp_path)  # the site model (location, berm faces) of Concorde
    base = copy.deepcopy(load())
    # Unknown format.
    tmy = tmp_path / "tmy.csv"
    tmy.write_text("723170,GREENSBORO,NC,-5.0,36.100,-79.950,273\n")
    data = dict(base, weather={"source": "file", "path": "tmy.csv", "format": "meteonorm"})
    with pytest.raises(params.ParameterError) as exc:
        check(data, tmp_path)
    assert "weather.format" in str(exc.value) and "tmy3" in str(exc.value)
    # Unknown weather source.
    data = dict(base, weather={"source": "satellite"})
    with pytest.raises(params.ParameterError) as exc:
        check(data, tmp_path)
    assert "weather" in str(exc.value) and "climatology" in str(exc.value)
    # Missing file: resolved against the site folder, named in the message.
    data = dict(base, weather={"source": "file", "path": "absent.json", "format": "pvgis"})
    with pytest.raises(params.ParameterError) as exc:
        check(data, tmp_path)
    assert "weather.path" in str(exc.value) and "absent.json" in str(exc.value)
    # Unreadable file: not the declared format.
    bad = tmp_path / "bad.epw"
    bad.write_text("not a weather file\n")
    data = dict(base, weather={"source": "file", "path": "bad.epw", "format": "epw"})
    with pytest.raises(params.ParameterError) as exc:
        check(data, tmp_path)
    assert "EPW" in str(exc.value) and "bad.epw" in str(exc.value)
    data = dict(base, weather={"source": "file", "path": "bad.epw", "format": "tmy3"})
    with pytest.raises(params.ParameterError) as exc:
        check(data, tmp_path)
    assert "TMY3" in str(exc.value)
    # A good TMY3 header passes and the path comes back absolute.
    data = dict(base, weather={"source": "file", "path": "tmy.csv", "format": "tmy3"})
    p = check(data, tmp_path)
    assert Path(p.weather.path) == tmy.resolve()
