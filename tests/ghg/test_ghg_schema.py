"""Parameters of ghg_planning_options: site files validate, bad input names the key path."""

from pathlib import Path

import pytest

from qsp_lib.core import params
from qsp_lib.ghg import model as ghg
from qsp_lib.ghg import study as ghg_study

REPO = Path(__file__).resolve().parents[2]
NB = "ghg_planning_options"


def _base():
    """GHG parameters for Concorde's site model (every typology, shared blocks)."""
    return {
        "typologies": {
            "slab_block_concrete_1960s": {
                "energy_kwh_per_m2_year": 170,
                "rehabilitated_kwh_per_m2_year": 80,
            },
            "new_collective_re2020": {"energy_kwh_per_m2_year": 50},
        },
        "start_year": 2021,
    }


@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_site_parameter_files_validate_and_run(site):
    path = REPO / "parameters" / site / f"{NB}.yaml"
    p = params.validate_file(NB, path)
    assert set(p.options) == {o.id for o in p.site_model.options.items}
    m = ghg_study.model_from_parameters(p)
    assert list(m.options) == p.option_names() and len(m.options) == 3
    assert all(v > 0 for v in ghg.option_totals(ghg.totals(m)).values())
    # the reference option of the comparison is one of the options
    assert p.comparison_reference() in m.options


def _by_works(options, name, key):
    out = {}
    for s in next(o for o in options if o["name"] == name)["stocks"]:
        out[s["works"]] = out.get(s["works"], 0) + s[key]
    return out


def test_concorde_stocks_from_the_site_model_follow_the_npnru_figures():
    # Mediacités, 7 March 2024: 704 demolished, 250 rehabilitated, ~1,900 dwellings targeted
    p = params.validate_file(NB, REPO / "parameters" / "concorde" / f"{NB}.yaml")
    options = ghg_study.options(p)
    name = "Programme NPNRU signé"
    assert _by_works(options, name, "floor_area_m2") == {
        "demolition": 45760,
        "rehabilitation": 16250,
        "unchanged": 35490,
        "new": 71760,
    }
    assert _by_works(options, name, "dwellings") == {
        "demolition": 704,
        "rehabilitation": 250,
        "unchanged": 546,
        "new": 1104,
    }
    npnru = options[0]
    assert npnru["name"] == name and npnru["dwellings"] == 1900
    assert npnru["residents"] == npnru["mobility"]["residents"] == 1900 * 2.6
    # works from 2021 (first demolition, bd de Metz) to 2038 (site.md), in years since 2021
    years = [y for s in npnru["stocks"] for y in (s.get("works_year"), s.get("works_year_end"))]
    years = [p.start_year + y for y in years if y is not None]
    assert min(years) == 2021 and max(years) == 2038
    # Barre A is demolished in 2021 alone (site.yaml), not spread with the others
    barre_a = next(s for s in npnru["stocks"] if s["label"].startswith("Barre A"))
    assert (barre_a["works_year"], barre_a["works_year_end"]) == (0, 0)
    # the berm's trapezoidal fill, 800 x 10 x (10 + 60) / 2, in every option
    assert {o["outdoor"]["berm_earthworks_m3"] for o in options} == {280_000}


def test_wazemmes_options_follow_the_mel_programme():
    # MEL: 520 dwellings acquired, 200 rehabilitated, 59 demolitions (site.md); no berm
    p = params.validate_file(NB, REPO / "parameters" / "wazemmes-moulins" / f"{NB}.yaml")
    options = ghg_study.options(p)
    by_works = _by_works(options, "Programme MEL", "dwellings")
    assert by_works["demolition"] == 59 and by_works["rehabilitation"] == 200
    assert options[0]["dwellings"] == 520 and options[0]["residents"] == 1040
    assert {o["outdoor"]["berm_earthworks_m3"] for o in options} == {0}
    # rehabilitated houses switch from gas to the heat network (typology of the GHG file)
    rehab = next(s for s in options[0]["stocks"] if s["works"] == "rehabilitation")
    assert (rehab["carrier_before"], rehab["carrier"]) == ("gas", "district_heating")
    # one option's own block completes the shared one key by key
    veg = {o["name"]: o["vegetation"]["desealed_m2"] for o in options}
    assert veg["Réhabilitation de tout le parc acquis"] == 1500
    assert veg["Programme MEL"] == 3000
    assert {o["vegetation"]["canopy_m2"] for o in options} == {2000}


def test_every_parameter_line_has_a_source_or_hypothese():
    for site in ("concorde", "wazemmes-moulins"):
        lines = (REPO / "parameters" / site / f"{NB}.yaml").read_text(encoding="utf-8")
        in_scenarios = False
        for line in lines.splitlines():
            # the scenarios are described by their name and description, not by comments
            if line and not line.startswith((" ", "#")):
                in_scenarios = line.startswith("scenarios:")
            if in_scenarios:
                continue
            body = line.split("#")[0]
            key, _, value = body.partition(":")
            value = value.strip()
            if not value or value in ("{}",) or key.strip() in ("site",):
                continue
            assert "#" in line, f"{site}: no source or 'hypothèse' comment on: {line.strip()}"


def test_defaults():
    p = params.validate(NB, _base())
    assert p.study_period_years == 50
    assert p.weighting in ("static", "dynamic")
    assert p.monte_carlo_draws >= 1000
    # every option of site.yaml, with no GHG block of its own
    assert list(p.options) == ["npnru", "rehabilitation-maximale", "demolition-totale"]
    assert p.options["npnru"].mobility is None


def _problem(data, site_dir=None):
    with pytest.raises(params.ParameterError) as exc:
        params.validate(NB, data, site_dir=site_dir)
    return str(exc.value)


@pytest.mark.parametrize(
    ("edit", "moved"),
    [
        ({"options": [{"name": "A", "stocks": []}]}, "site.yaml (buildings)"),
        ({"options": {"npnru": {"dwellings": 1900}}}, "bâtiments de site.yaml"),
        ({"options": {"npnru": {"residents": 4940}}}, "persons_per_dwelling"),
        ({"all_options": {"mobility": {"residents": 4940}}}, "persons_per_dwelling"),
        ({"all_options": {"outdoor": {"berm_earthworks_m3": 240000}}}, "site.yaml (berm"),
    ],
)
def test_a_file_with_the_facts_of_the_site_model_says_where_they_live(edit, moved):
    msg = _problem(_base() | edit)
    assert moved in msg and "ne sont plus dans ce fichier" in msg


def test_an_option_id_unknown_to_the_site_model_is_refused():
    msg = _problem(_base() | {"options": {"npnru-bis": {"vegetation": {"canopy_m2": 1}}}})
    assert "npnru-bis" in msg and "site.yaml" in msg and "demolition-totale" in msg


def test_every_typology_of_the_site_model_needs_its_energy():
    d = _base()
    del d["typologies"]["new_collective_re2020"]
    assert "typologies.new_collective_re2020" in _problem(d)
    d = _base()
    del d["typologies"]["slab_block_concrete_1960s"]["rehabilitated_kwh_per_m2_year"]
    msg = _problem(d)
    assert "rehabilitated_kwh_per_m2_year" in msg and "barres-f-g" in msg


def test_unknown_carrier_after_rehabilitation():
    d = _base()
    d["typologies"]["slab_block_concrete_1960s"]["rehabilitated_carrier"] = "gaz"
    msg = _problem(d)
    assert "typologies.slab_block_concrete_1960s.rehabilitated_carrier" in msg and "gas" in msg


def test_works_of_the_site_model_outside_the_study_period_are_refused():
    # Barre A is demolished in 2021 (site.yaml): a study starting in 2022 cannot place it
    msg = _problem(_base() | {"start_year": 2022})
    assert "buildings.barre-a.fate.npnru" in msg and "2021" in msg
    msg = _problem(_base() | {"study_period_years": 10})
    assert "neuf-npnru" in msg


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
    d["options"] = {
        "npnru": {
            "mobility": {
                "km_per_person_per_day": 20,
                "modal_shares_now": {"car_thermal": 0.5, "walk": 0.2},
            }
        }
    }
    assert "options.npnru.mobility.modal_shares_now" in _problem(d)


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


def test_reference_options_are_options_of_the_site_model():
    # default: the reference option of site.yaml; an id or a name names it
    assert params.validate(NB, _base()).comparison_reference() == "Programme NPNRU signé"
    p = params.validate(NB, _base() | {"reference_option": "demolition-totale"})
    assert p.comparison_reference() == "Démolition-reconstruction totale"
    p = params.validate(NB, _base() | {"payback_reference": "Réhabilitation maximale"})
    assert p.payback_reference == "Réhabilitation maximale"
    for name in ("reference_option", "payback_reference"):
        msg = _problem(_base() | {name: "B"})
        assert name in msg and "rehabilitation-maximale" in msg


def test_occupancy_override_is_a_number_of_persons():
    d = _base() | {"factors": {"mobility_car_occupancy": {"persons_per_vehicle": 0.5}}}
    assert "factors.mobility_car_occupancy.persons_per_vehicle" in _problem(d)
