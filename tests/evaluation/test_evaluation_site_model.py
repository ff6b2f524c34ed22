"""The evaluation_indicators analysis reads the site model (``site.yaml``): scaling every
zone's residents scales the health counts, the berm's geometry is the site's, and a site
without a berm has no berm words.

Hand values: Concorde's seven zones (site.yaml) hold 4,500 residents, all exposed at 55 dB
Lden or more (exposure file) before the berm, above the WHO 53 dB guideline: 4,500 before,
6,750 with 1.5 times the residents. Every count of the burden is residents x a rate that
depends on the levels only, so it scales by exactly 1.5.
"""

from __future__ import annotations

import pytest
from evaluation_site import CONCORDE, copy_site

from qsp_lib.core import params
from qsp_lib.evaluation import io as health_io
from qsp_lib.evaluation import reference
from qsp_lib.evaluation import study as evaluation_study

NB = "evaluation_indicators"
#: The health counts of the brief and the scraps, each before and after.
COUNTS = (
    "pop_above_lden_guideline",
    "pop_above_lnight_guideline",
    "highly_annoyed",
    "highly_sleep_disturbed",
    "ihd_cases_per_year",
    "pm25_deaths_per_year",
    "no2_deaths_per_year",
)


def _study(site_dir):
    data = params.load_yaml(CONCORDE / f"{NB}.yaml")
    P = params.validate(NB, data, site_dir=site_dir)
    exposure = health_io.read_exposure(P.exposure_csv, P.site_model.population.zones)
    tables = (
        reference.noise_health(),
        reference.air_health(),
        reference.disability_weights(),
        reference.traffic_noise_spectrum(),
    )
    return evaluation_study.health_study(P, exposure, *tables)


def _scale_residents(site: dict) -> None:
    for zone in site["population"]["zones"]:
        zone["residents"] *= 1.5


def test_one_and_a_half_times_the_residents_scale_the_health_counts(tmp_path):
    base = _study(CONCORDE)
    scaled = _study(copy_site(tmp_path, _scale_residents))
    assert base.population == 4500 and scaled.population == 6750
    assert base.pair("pop_above_lden_guideline")["before"] == 4500
    assert scaled.pair("pop_above_lden_guideline")["before"] == 6750
    for key in COUNTS:
        for situation in ("before", "after"):
            b, s = base.pair(key)[situation], scaled.pair(key)[situation]
            assert s == pytest.approx(1.5 * b, rel=1e-12), (key, situation)
    assert base.avoided("highly_annoyed") > 0
    assert scaled.avoided("highly_annoyed") == pytest.approx(1.5 * base.avoided("highly_annoyed"))
    # the levels do not depend on the residents: the berm's gain is the same
    assert scaled.reference_insertion_loss_dba == base.reference_insertion_loss_dba


def test_the_berm_of_the_site_model_drives_the_acoustics(tmp_path):
    base = _study(CONCORDE)
    # a berm 2 m lower (same base and crest) screens less at the reference receiver
    lower = _study(copy_site(tmp_path, lambda s: _lower_berm(s, 8)))
    assert lower.geometry.height_m == 8 and base.geometry.height_m == 10
    assert lower.reference_insertion_loss_dba < base.reference_insertion_loss_dba


def _lower_berm(site: dict, height: float) -> None:
    site["berm"]["height_m"] = height
    site["berm"]["faces"] = []  # their slopes follow the section: not the point here


def test_a_zone_of_the_site_model_renamed_in_the_exposure_file_is_refused(tmp_path):
    folder = copy_site(tmp_path, lambda s: s["population"]["zones"][0].update(id="sud"))
    with pytest.raises(params.ParameterError) as exc:
        params.validate(NB, params.load_yaml(CONCORDE / f"{NB}.yaml"), site_dir=folder)
    text = str(exc.value)
    assert "exposition.csv" in text and "ligne 2, colonne zone = 'sud-bas'" in text
    assert "zones connues : sud (Barres sud, bd de Metz (bas))" in text
