"""Which typical year the pv_yield study uses, and the Angström-Prescott comparison
(qsp_lib.pv.study.weather).

References asserted here:
- QSP reference pv.md: FAO-56 defaults give about 1,100 kWh/m²/yr of GHI for Lille, other
  published Angström-Prescott pairs about 990-1,040 kWh/m²/yr.
- Rietveld 1978 (Agricultural Meteorology 19): a = 0.10 + 0.24 n/N, b = 0.38 + 0.08 N/n,
  i.e. 0.192 and 0.589 at Lille-Lesquin (n/N = 0.384).
- Huld et al. 2012 (Solar Energy 86): a few % of model uncertainty for PVGIS-type estimates.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pandas as pd
import pv_fixture as fx
import pytest
from pv_fixture import site_folder, site_parameters

from qsp_lib.core import params
from qsp_lib.pv import study
from qsp_lib.pv.model import system as pv

concorde = pytest.fixture(fx.concorde)
concorde_year = pytest.fixture(fx.concorde_year)
concorde_fao = pytest.fixture(fx.concorde_fao)
concorde_fao_year = pytest.fixture(fx.concorde_fao_year)


def test_climatology_from_sunshine(concorde, concorde_year, concorde_fao_year):
    w = concorde_year
    assert w.climatology and w.from_sunshine and w.estimated_irradiation
    assert "Lille-Lesquin" in w.label and "Angström-Prescott" in w.label
    assert len(w.data) == 8760
    # pv.md: FAO-56 defaults give about 1,100 kWh/m²/yr for Lille, other published pairs
    # about 990-1,040; the Rietveld pair of the site's climate sits in that band.
    assert concorde_fao_year.data["ghi"].sum() / 1000 == pytest.approx(1100, rel=0.05)
    assert 990 <= w.data["ghi"].sum() / 1000 <= 1070
    assert w.generator_kwargs["wind_speed_monthly_m_s"] == concorde.weather.wind_speed_m_s
    with pytest.raises(FrozenInstanceError):
        w.label = "autre"


def test_climatology_from_irradiation_has_no_angstrom_comparison(concorde):
    ghi = [20, 35, 70, 110, 140, 145, 145, 125, 90, 55, 25, 17]  # kWh/m², ~980 a year
    P = site_parameters(
        "concorde",
        weather={"source": "climatology", "ghi_monthly_kwh_m2": ghi,
                 "temp_air_monthly_c": concorde.weather.temp_air_monthly_c},
    )  # fmt: skip
    w = study.weather_year(P)
    assert w.climatology and not w.from_sunshine and not w.estimated_irradiation
    assert w.data["ghi"].sum() / 1000 == pytest.approx(sum(ghi), rel=1e-3)
    assert study.angstrom_comparison(P, w) is None


def test_weather_file_is_read_through_iotools(tmp_path):
    import pvlib

    tmy3 = Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"
    (tmp_path / "tmy3.csv").write_bytes(tmy3.read_bytes())
    # The location is the site model's (Greensboro, the file's station).
    site_folder(tmp_path, latitude_deg=36.1, longitude_deg=-79.95)
    P = params.validate(
        "pv_yield",
        {
            "weather": {"source": "file", "path": "tmy3.csv", "format": "tmy3"},
            "arrays": [
                {
                    "name": "Toit",
                    "surface_tilt_deg": 30,
                    "surface_azimuth_deg": 180,
                    "peak_power_kwp": 100,
                }
            ],
        },  # fmt: skip
        site_dir=tmp_path,
    )
    w = study.weather_year(P)
    assert not w.climatology and not w.from_sunshine
    assert w.label.startswith("fichier TMY3 (TMY3 GREENSBORO")
    # Annual GHI of the file (hourly Wh/m² summed): the reader keeps every record.
    ghi = pd.read_csv(tmy3, skiprows=1)["GHI (W/m^2)"].sum() / 1000
    assert w.data["ghi"].sum() / 1000 == pytest.approx(ghi, rel=1e-9)
    assert study.model_sd_percent(None, w.climatology) == pv.MODEL_SD_PERCENT_FILE


def test_angstrom_comparison_adds_the_site_pair_when_not_published(concorde):
    P = site_parameters(
        "concorde",
        weather=dict(concorde.weather.model_dump(), angstrom_a=0.20, angstrom_b=0.55),
    )
    w = study.weather_year(P)
    sens = study.angstrom_comparison(P, w)
    assert sens["label"].tolist()[0] == "Paramètres du site"
    assert sens["site"].tolist() == [True] + [False] * (len(sens) - 1)
    published = {"FAO-56", "Rietveld (climat du site)", "Prescott", "Page", "Glover-McCulloch"}
    assert published <= set(sens["label"])
    fao = sens.set_index("label").at["FAO-56", "ghi_annual_kwh_m2"]
    assert fao == pytest.approx(1100, rel=0.05)  # pv.md
    # The site's own pair gives the year the study uses.
    own = sens.iloc[0]
    assert own["ghi_annual_kwh_m2"] == pytest.approx(w.data["ghi"].sum() / 1000, rel=1e-9)
    # Not published: left out of the citations of the figure's source line.
    assert "site (" not in study.angstrom_spread(sens).citations


def test_angstrom_comparison_with_fao_pair_lists_only_published_pairs(
    concorde_fao, concorde_fao_year
):
    sens = study.angstrom_comparison(concorde_fao, concorde_fao_year)
    assert "Paramètres du site" not in set(sens["label"])
    # The site's pair is named after its publication and comes first.
    assert sens.iloc[0]["label"] == "FAO-56" and sens.iloc[0]["site"]
    assert sens["site"].sum() == 1
    # pv.md: other published pairs give about 990-1,040 kWh/m², FAO-56 the top of the range.
    assert sens["ghi_annual_kwh_m2"].idxmax() == sens.index[sens["label"] == "FAO-56"][0]


def test_angstrom_comparison_with_the_rietveld_pair(concorde, concorde_year):
    # Rietveld 1978 at Lille-Lesquin: a = 0.10 + 0.24 x 0.384 = 0.192, b = 0.38 + 0.08 / 0.384
    # = 0.589: the Concorde parameter file uses this pair, which must be named as such.
    sens = study.angstrom_comparison(concorde, concorde_year)
    site = sens.iloc[0]
    assert site["label"] == "Rietveld (climat du site)" and site["site"]
    assert (site["a"], site["b"]) == (0.192, 0.589)
    assert "Paramètres du site" not in set(sens["label"])
    assert (sens["label"] == "Rietveld (climat du site)").sum() == 1
    assert site["ghi_annual_kwh_m2"] == pytest.approx(
        concorde_year.data["ghi"].sum() / 1000, rel=1e-9
    )
    # pv.md: pairs other than FAO-56 give 990-1,040 kWh/m²; FAO-56 stays the top.
    assert 990 <= site["ghi_annual_kwh_m2"] <= 1070
    by_label = sens.set_index("label")
    assert by_label["ghi_annual_kwh_m2"].idxmax() == "FAO-56"
    spread = study.angstrom_spread(sens)
    assert spread.site_label == "Rietveld (climat du site)" and spread.site_pair == "Rietveld"
    assert spread.high_label == "FAO-56"
    assert spread.energy_low_kwh <= spread.site_energy_kwh < spread.energy_high_kwh
    assert spread.n_pairs == len(sens)
    assert "Rietveld (1978)" in spread.citations and "FAO-56 (1998)" in spread.citations


def test_angstrom_spread_by_hand():
    # Three pairs: 900, 1,000 (the site's) and 1,100 kWh.
    sens = pd.DataFrame(
        {
            "label": ["Bas", "Site", "Haut"],
            "pair": ["Low", "site", "High"],
            "year": [1940, None, 1998],
            "site": [False, True, False],
            "ghi_annual_kwh_m2": [950.0, 1000.0, 1050.0],
            "annual_energy_kwh": [900.0, 1000.0, 1100.0],
        }
    )
    s = study.angstrom_spread(sens)
    assert (s.low_label, s.high_label, s.site_label) == ("Bas", "Haut", "Site")
    assert s.spread == pytest.approx(1100 / 900 - 1)
    assert s.half_range == pytest.approx(200 / 2000)  # ± 10 % around 1,000
    assert s.site_vs_high == pytest.approx(1000 / 1100 - 1)
    assert s.site_vs_low == pytest.approx(1000 / 900 - 1)
    assert (s.ghi_low_kwh_m2, s.ghi_high_kwh_m2) == (950.0, 1050.0)
    assert s.citations == "Low (1940), High (1998)"
