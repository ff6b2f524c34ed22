"""Parameters of ghg_planning_options: site files validate, bad input names the key path."""

from pathlib import Path

import pytest

from qsp_lib.core import params
from qsp_lib.ghg import model as ghg
from qsp_lib.ghg import study as ghg_study

REPO = Path(__file__).resolve().parents[2]
NB = "ghg_planning_options"


def _base():
    return {
        "options": [
            {
                "name": "A",
                "stocks": [
                    {
                        "label": "s",
                        "floor_area_m2": 100,
                        "works": "rehabilitation",
                        "energy_kwh_per_m2_year": 80,
                        "carrier": "gas",
                    }
                ],
            }
        ]
    }


@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_site_parameter_files_validate_and_run(site):
    path = REPO / "parameters" / site / f"{NB}.yaml"
    p = params.validate_file(NB, path)
    assert len(p.options) == 3
    m = ghg_study.model_from_parameters(p)
    assert all(v > 0 for v in ghg.option_totals(ghg.totals(m)).values())
    # the reference option of the comparison is one of the options
    assert p.comparison_reference() in m.options


def test_concorde_options_follow_the_npnru_figures():
    # Mediacités, 7 March 2024: 704 demolished, 250 rehabilitated, ~1,900 dwellings targeted
    p = params.validate_file(NB, REPO / "parameters" / "concorde" / f"{NB}.yaml")
    npnru = p.options[0]
    by_works = {}
    for s in npnru.stocks:
        by_works[s.works] = by_works.get(s.works, 0) + (s.dwellings or 0)
    assert by_works["demolition"] == 704 and by_works["rehabilitation"] == 250
    assert npnru.dwellings == 1900
    # works phased from 2021 (first demolition, bd de Metz) to 2038 (site.md)
    years = [p.start_year + y for s in npnru.stocks for y in (s.works_year, s.works_year_end or 0)]
    assert min(years) == 2021 and max(years) == 2038


def test_wazemmes_options_follow_the_mel_programme():
    # MEL: 520 dwellings acquired, 200 rehabilitated, 59 demolitions (site.md)
    p = params.validate_file(NB, REPO / "parameters" / "wazemmes-moulins" / f"{NB}.yaml")
    mel = p.options[0]
    by_works = {}
    for s in mel.stocks:
        by_works[s.works] = by_works.get(s.works, 0) + (s.dwellings or 0)
    assert by_works["demolition"] == 59 and by_works["rehabilitation"] == 200
    assert mel.dwellings == 520


def test_every_parameter_line_has_a_source_or_hypothese():
    for site in ("concorde", "wazemmes-moulins"):
        lines = (REPO / "parameters" / site / f"{NB}.yaml").read_text(encoding="utf-8")
        for line in lines.splitlines():
            body = line.split("#")[0]
            key, _, value = body.partition(":")
            value = value.strip()
            if not value or value in ("{}",) or key.strip() in ("site", "label", "name"):
                continue
            if key.strip() in ("description", "works", "- label", "- name"):
                continue
            assert "#" in line, f"{site}: no source or 'hypothèse' comment on: {line.strip()}"


def test_defaults():
    p = params.validate(NB, _base())
    assert p.study_period_years == 50
    assert p.weighting in ("static", "dynamic")
    assert p.monte_carlo_draws >= 1000


def _problem(data):
    with pytest.raises(params.ParameterError) as exc:
        params.validate(NB, data)
    return str(exc.value)


def test_unknown_carrier():
    d = _base()
    d["options"][0]["stocks"][0]["carrier"] = "gaz"
    msg = _problem(d)
    assert "options[0].stocks[0].carrier" in msg and "gas" in msg


def test_unknown_works():
    d = _base()
    d["options"][0]["stocks"][0]["works"] = "renovation"
    msg = _problem(d)
    assert "options[0].stocks[0].works" in msg and "rehabilitation" in msg


def test_negative_area():
    d = _base()
    d["options"][0]["stocks"][0]["floor_area_m2"] = -10
    assert "options[0].stocks[0].floor_area_m2" in _problem(d)


def test_misspelt_weighting():
    d = _base() | {"weighting": "dynamique"}
    msg = _problem(d)
    assert "weighting" in msg and "dynamic" in msg


def test_override_with_wrong_unit_key():
    d = _base() | {"factors": {"carrier_kg_co2e_per_mwh": {"gas": 227}}}
    msg = _problem(d)
    assert "factors.carrier_kg_co2e_per_mwh" in msg and "carrier_kg_co2e_per_kwh" in msg


def test_override_of_an_unknown_carrier():
    d = _base() | {"factors": {"carrier_kg_co2e_per_kwh": {"gaz": 0.2}}}
    msg = _problem(d)
    assert "factors.carrier_kg_co2e_per_kwh.gaz" in msg and "gas" in msg


def test_modal_shares_must_add_up():
    d = _base()
    d["options"][0]["mobility"] = {
        "residents": 10,
        "km_per_person_per_day": 20,
        "modal_shares_now": {"car_thermal": 0.5, "walk": 0.2},
    }
    assert "options[0].mobility.modal_shares_now" in _problem(d)


def test_energy_without_carrier_and_unknown_payback_reference():
    d = _base()
    d["options"][0]["stocks"][0]["carrier"] = None
    assert "options[0].stocks[0]" in _problem(d)
    d = _base() | {"payback_reference": "B"}
    assert "payback_reference" in _problem(d)


def test_demolished_stock_uses_no_energy_after_the_works():
    d = _base()
    d["options"][0]["stocks"][0]["works"] = "demolition"
    msg = _problem(d)
    assert "options[0].stocks[0]" in msg and "energy_before_kwh_per_m2_year" in msg


def test_phasing_end_before_start_is_refused():
    d = _base()
    d["options"][0]["stocks"][0] |= {"works_year": 5, "works_year_end": 3}
    msg = _problem(d)
    assert "options[0].stocks[0]" in msg and "works_year_end" in msg


def test_trajectory_range_must_surround_the_target():
    d = _base() | {
        "trajectories": {
            "district_heating": {
                "target_year": 2032,
                "target_kg_co2e_per_kwh": 0.03,
                "target_low_kg_co2e_per_kwh": 0.05,
            }
        }
    }
    assert "trajectories.district_heating" in _problem(d)
    d["trajectories"]["district_heating"] = {
        "target_year": 2032,
        "target_kg_co2e_per_kwh": 0.03,
        "target_year_high": 2030,
    }
    assert "target_year_high" in _problem(d)


def test_reference_option_must_be_an_option_and_defaults_to_the_first():
    assert params.validate(NB, _base()).comparison_reference() == "A"
    d = _base() | {"reference_option": "B"}
    assert "reference_option" in _problem(d)


def test_occupancy_override_is_a_number_of_persons():
    d = _base() | {"factors": {"mobility_car_occupancy": {"persons_per_vehicle": 0.5}}}
    assert "factors.mobility_car_occupancy.persons_per_vehicle" in _problem(d)
