"""The pv_yield study's decisions (qsp_lib.pv.study) and its reference data (qsp_lib/data/pv_*).

References asserted here:
- QSP reference pv.md: published yields of PV noise barriers (A22 Brenner ~955, A50 Uden ~819,
  A3 Aschaffenburg ~667 kWh/kWp), yields around Lille (850-1,100 kWh/kWp; Enercoop Lille
  2024 ~847), CRE ground tenders 79.3 €/MWh (2024) and 74.1 €/MWh (Oct 2025), PVGIS's
  default 14 % system loss (inverter included) against PVWatts v5's 14.08 % (Dobos 2014,
  inverter apart), FAO-56 defaults giving about 1,100 kWh/m²/yr of GHI for Lille, other
  published Angström-Prescott pairs about 990-1,040 kWh/m²/yr.
- Rietveld 1978 (Agricultural Meteorology 19): a = 0.10 + 0.24 n/N, b = 0.38 + 0.08 N/n,
  i.e. 0.192 and 0.589 at Lille-Lesquin (n/N = 0.384).
- Huld et al. 2012 (Solar Energy 86): a few % of model uncertainty for PVGIS-type estimates.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from qsp_lib.core import params
from qsp_lib.pv import reference
from qsp_lib.pv import study as pv_study
from qsp_lib.pv.model import system as pv

REPO = Path(__file__).resolve().parents[2]


def site_parameters(site: str, **changes):
    data = params.load_yaml(REPO / "parameters" / site / "pv_yield.yaml")
    data.update(changes)
    return params.validate("pv_yield", data, site_dir=REPO / "parameters" / site)


@pytest.fixture(scope="module")
def concorde():
    return site_parameters("concorde")


@pytest.fixture(scope="module")
def concorde_weather(concorde):
    return pv_study.weather_year(concorde)


@pytest.fixture(scope="module")
def concorde_fao(concorde):
    """Concorde with the FAO-56 default pair (Allen et al. 1998, eq. 35), the fallback."""
    weather = dict(concorde.weather.model_dump(), angstrom_a=0.25, angstrom_b=0.50)
    return site_parameters("concorde", weather=weather)


@pytest.fixture(scope="module")
def concorde_fao_weather(concorde_fao):
    return pv_study.weather_year(concorde_fao)


# ------------------------------------------------------------------ reference data
def test_published_yields_and_tariffs_are_those_of_pv_md():
    yields = reference.pv_references("specific_yield")
    assert yields.loc[["a22_brenner", "a50_uden", "a3_aschaffenburg"], "value"].tolist() == [
        955,
        819,
        667,
    ]
    assert yields.at["enercoop_lille", "value"] == 847
    assert yields.loc["lille_pvgis_com", ["low", "high"]].tolist() == [950, 1050]
    assert yields.loc["north_france_jrc", ["low", "high"]].tolist() == [845, 951]
    assert yields.loc["lille_specific_yield", ["low", "high"]].tolist() == [850, 1100]
    assert set(yields["group"]) == {"Lille", "Écrans antibruit"}
    ghi = reference.pv_references("ghi")
    assert ghi.at["ghi_lille_fao56", "value"] == 1100
    assert ghi.loc["ghi_lille_sunshine_pairs", ["low", "high"]].tolist() == [990, 1040]
    with pytest.raises(ValueError, match="unknown quantity 'yield'"):
        reference.pv_references("yield")
    bench = reference.pv_benchmarks()
    # One source of truth: the Lille figures live only in pv_references.
    assert not set(bench.index) & set(reference.pv_references().index)
    assert bench.at["pvgis_system_losses", "value"] == 14
    assert bench.at["pvwatts_system_losses", "value"] == 14.08
    tariffs = reference.pv_tariffs()
    assert tariffs.at["cre_ground_tender_2024", "value"] == 79.3
    assert tariffs.at["cre_ground_tender_2025_10", "value"] == 74.1


# ------------------------------------------------------------------ weather choice
def test_climatology_from_sunshine(concorde, concorde_weather, concorde_fao_weather):
    w = concorde_weather
    assert w.climatology and w.from_sunshine
    assert "Lille-Lesquin" in w.label and "Angström-Prescott" in w.label
    assert len(w.data) == 8760
    # pv.md: FAO-56 defaults give about 1,100 kWh/m²/yr for Lille, other published pairs
    # about 990-1,040; the Rietveld pair of the site's climate sits in that band.
    assert concorde_fao_weather.data["ghi"].sum() / 1000 == pytest.approx(1100, rel=0.05)
    assert 990 <= w.data["ghi"].sum() / 1000 <= 1070
    assert w.generator_kwargs["wind_speed_monthly_m_s"] == concorde.weather.wind_speed_m_s


def test_climatology_from_irradiation_has_no_angstrom_comparison(concorde):
    ghi = [20, 35, 70, 110, 140, 145, 145, 125, 90, 55, 25, 17]  # kWh/m², ~980 a year
    P = site_parameters(
        "concorde",
        weather={"source": "climatology", "ghi_monthly_kwh_m2": ghi,
                 "temp_air_monthly_c": concorde.weather.temp_air_monthly_c},
    )  # fmt: skip
    w = pv_study.weather_year(P)
    assert w.climatology and not w.from_sunshine
    assert w.data["ghi"].sum() / 1000 == pytest.approx(sum(ghi), rel=1e-3)
    assert pv_study.angstrom_comparison(P, w) is None


def test_weather_file_is_read_through_iotools(tmp_path):
    import pvlib

    tmy3 = Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"
    (tmp_path / "tmy3.csv").write_bytes(tmy3.read_bytes())
    P = params.validate(
        "pv_yield",
        {
            "latitude_deg": 36.1,
            "longitude_deg": -79.95,
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
    w = pv_study.weather_year(P)
    assert not w.climatology and not w.from_sunshine
    assert w.label.startswith("fichier TMY3 (TMY3 GREENSBORO")
    # Annual GHI of the file (hourly Wh/m² summed): the reader keeps every record.
    ghi = pd.read_csv(tmy3, skiprows=1)["GHI (W/m^2)"].sum() / 1000
    assert w.data["ghi"].sum() / 1000 == pytest.approx(ghi, rel=1e-9)
    assert pv_study.model_sd_percent(None, w.climatology) == pv.MODEL_SD_PERCENT_FILE


# ------------------------------------------------------------------ uncertainty
def test_default_model_uncertainty_depends_on_the_weather():
    # Huld et al. 2012: a few % for a measured year; more when irradiation is estimated.
    assert pv_study.model_sd_percent(None, climatology=False) == 4.0
    assert pv_study.model_sd_percent(None, climatology=True) == 7.0
    assert pv_study.model_sd_percent(2.5, climatology=True) == 2.5


def test_uncertainty_reports_the_deviations_used(concorde, concorde_weather):
    P = site_parameters("concorde", model_sd_percent=None)
    sim = pv_study.simulate(P, concorde_weather)
    unc = pv_study.uncertainty(P, sim, concorde_weather)
    assert unc["model_sd_percent"] == 7.0 and unc["resource_sd_percent"] == 5.0
    # sd = sqrt(5² + 7²) = 8.60 %; P90 = P50 (1 - 1.2816 x 8.60 %) (one-year P90, normal law).
    assert unc["sd_percent"] == pytest.approx(74**0.5)
    assert unc["p90_kwh"] == pytest.approx(sim.annual_energy_kwh * (1 - 1.28155 * 0.0860233))


# ------------------------------------------------------------------ Angström-Prescott
def test_angstrom_comparison_adds_the_site_pair_when_not_published(concorde):
    P = site_parameters(
        "concorde",
        weather=dict(concorde.weather.model_dump(), angstrom_a=0.20, angstrom_b=0.55),
    )
    w = pv_study.weather_year(P)
    sens = pv_study.angstrom_comparison(P, w)
    assert sens["label"].tolist()[0] == "Paramètres du site"
    assert sens["site"].tolist() == [True] + [False] * (len(sens) - 1)
    published = {"FAO-56", "Rietveld (climat du site)", "Prescott", "Page", "Glover-McCulloch"}
    assert published <= set(sens["label"])
    fao = sens.set_index("label").at["FAO-56", "ghi_annual_kwh_m2"]
    assert fao == pytest.approx(1100, rel=0.05)  # pv.md
    # The site's own pair gives the year the study uses.
    own = sens.iloc[0]
    assert own["ghi_annual_kwh_m2"] == pytest.approx(w.data["ghi"].sum() / 1000, rel=1e-9)


def test_angstrom_comparison_with_fao_pair_lists_only_published_pairs(
    concorde_fao, concorde_fao_weather
):
    sens = pv_study.angstrom_comparison(concorde_fao, concorde_fao_weather)
    assert "Paramètres du site" not in set(sens["label"])
    # The site's pair is named after its publication and comes first.
    assert sens.iloc[0]["label"] == "FAO-56" and sens.iloc[0]["site"]
    assert sens["site"].sum() == 1
    # pv.md: other published pairs give about 990-1,040 kWh/m², FAO-56 the top of the range.
    assert sens["ghi_annual_kwh_m2"].idxmax() == sens.index[sens["label"] == "FAO-56"][0]


def test_angstrom_comparison_with_the_rietveld_pair(concorde, concorde_weather):
    # Rietveld 1978 at Lille-Lesquin: a = 0.10 + 0.24 x 0.384 = 0.192, b = 0.38 + 0.08 / 0.384
    # = 0.589: the Concorde parameter file uses this pair, which must be named as such.
    sens = pv_study.angstrom_comparison(concorde, concorde_weather)
    site = sens.iloc[0]
    assert site["label"] == "Rietveld (climat du site)" and site["site"]
    assert (site["a"], site["b"]) == (0.192, 0.589)
    assert "Paramètres du site" not in set(sens["label"])
    assert (sens["label"] == "Rietveld (climat du site)").sum() == 1
    assert site["ghi_annual_kwh_m2"] == pytest.approx(
        concorde_weather.data["ghi"].sum() / 1000, rel=1e-9
    )
    # pv.md: pairs other than FAO-56 give 990-1,040 kWh/m²; FAO-56 stays the top.
    assert 990 <= site["ghi_annual_kwh_m2"] <= 1070
    by_label = sens.set_index("label")
    assert by_label["ghi_annual_kwh_m2"].idxmax() == "FAO-56"
    spread = pv_study.angstrom_spread(sens)
    assert spread["site_label"] == "Rietveld (climat du site)"
    assert spread["high_label"] == "FAO-56"
    assert spread["energy_low"] <= spread["site_energy_kwh"] < spread["energy_high"]
    assert spread["spread"] == pytest.approx(spread["energy_high"] / spread["energy_low"] - 1)
    assert 0 < spread["half_range"] < spread["spread"]


# ------------------------------------------------------------------ layout variants
def test_layout_variants_rows_on_a_slope(concorde):
    kinds = [k for k, _, _ in pv_study.layout_variants(concorde)]
    # Two arrays as given, modules laid flat on the 26.6° slope, rows at 20/25/30° (35° is
    # the given tilt), the opposite slope and a vertical screen.
    assert kinds == ["parameters", "parameters", "flush", "tilt", "tilt", "tilt", "opposite",
                     "vertical"]  # fmt: skip
    variants = {label: a for _, label, a in pv_study.layout_variants(concorde)}
    flat = variants["Modules posés à plat sur la pente"]
    assert flat["surface_tilt_deg"] == flat["ground_slope_deg"] == 26.6
    opposite = variants["Versant opposé, posé sur la pente"]
    assert opposite["surface_azimuth_deg"] == 0 and opposite["surface_tilt_deg"] == 26.6


def test_layout_variants_modules_flat_on_roofs():
    P = site_parameters("wazemmes-moulins")
    variants = pv_study.layout_variants(P)
    kinds = [k for k, _, _ in variants]
    assert kinds == ["parameters", "parameters", "tilt", "tilt", "tilt", "tilt", "opposite",
                     "vertical"]  # fmt: skip
    tilts = [a for k, _, a in variants if k == "tilt"]
    assert all(a["surface_tilt_deg"] == a["ground_slope_deg"] for a in tilts)
    opposite = next(a for k, _, a in variants if k == "opposite")
    assert opposite["surface_azimuth_deg"] == (135 + 180) % 360


def test_layout_comparison_and_highlights(concorde, concorde_weather):
    layouts = pv_study.layout_comparison(concorde, concorde_weather)
    sim = pv_study.simulate(concorde, concorde_weather)
    sweep = pv_study.layout_sweep(concorde, concorde_weather)
    hl = pv_study.layout_highlights(sweep, layouts, sim)
    assert hl["grid_size"] == 100
    # A vertical south screen yields about 70 % of the optimum at 50° N (A3 Aschaffenburg
    # 667 against ~950 kWh/kWp around Lille, pv.md).
    assert 0.6 < hl["vertical_ratio"] < 0.8
    assert hl["shaded_rows"]
    given = layouts[layouts["kind"] == "parameters"]["specific_yield_kwh_per_kwp"].to_numpy()
    assert given == pytest.approx(sim.arrays["specific_yield_kwh_per_kwp"].to_numpy())


# ------------------------------------------------------------------ comparisons
def test_lille_comparison(concorde, concorde_weather):
    sim = pv_study.simulate(concorde, concorde_weather)
    refs = reference.pv_references()
    out = pv_study.lille_comparison(sim, refs)
    # Lille rows only (pv.md): 4 yields (pvgis.com, JRC map, Enercoop, synthesis) and 2 GHI.
    assert sorted(out["quantity"].value_counts().items()) == [("ghi", 2), ("specific_yield", 4)]
    assert set(out["key"]) <= set(refs.index[refs["group"] == "Lille"])
    yields = out[out["quantity"] == "specific_yield"]
    assert (yields["computed"] == sim.specific_yield_kwh_per_kwp).all()
    ghi = out[out["quantity"] == "ghi"]
    assert (ghi["computed"] == sim.ghi_annual_kwh_m2).all()
    # Below the FAO-56 estimate (1,100 kWh/m²) with the Rietveld pair.
    assert out.at["ghi_lille_fao56", "ratio"] < 1


def test_pvgis_convention_gap():
    # PVGIS's 14 % includes the inverter; here 14 % comes on top of a 96 % inverter:
    # PVGIS gives 1 / 0.96 - 1 = 4.2 % more (pv.md; Dobos 2014).
    P = site_parameters("concorde")
    gap = pv_study.pvgis_convention_gap(P, reference.pv_benchmarks())
    assert gap["pvgis_losses_percent"] == 14
    assert gap["gap"] == pytest.approx(1 / 0.96 - 1)


def test_monthly_and_peak_highlights():
    monthly = pd.DataFrame({"month": range(1, 13), "energy_kwh": [1, 2, 3, 4, 5, 9, 8, 7, 6, 3,
                                                                   2, 1.0]})  # fmt: skip
    m = pv_study.monthly_highlights(monthly)
    assert (m["best_month"], m["worst_month"]) == (6, 1)
    assert m["summer_share"] == pytest.approx((4 + 5 + 9 + 8 + 7 + 6) / 51)
    mh = pd.DataFrame(0.0, index=range(1, 13), columns=range(24))
    mh.loc[7, 13] = 374.0
    assert pv_study.peak_month_hour(mh) == {"month": 7, "hour": 13, "kw": 374.0}


def test_published_comparison_and_tariffs(concorde, concorde_weather):
    sim = pv_study.simulate(concorde, concorde_weather)
    published = reference.pv_references()
    comp = pv_study.published_comparison(sim, published)
    n_yields = (published["quantity"] == "specific_yield").sum()
    assert len(comp) == 1 + len(concorde.arrays) + n_yields
    assert set(comp["group"]) == {"calcul", "Lille", "Écrans antibruit"}
    barriers = pv_study.group_range(published, "Écrans antibruit")
    assert (barriers["low"], barriers["high"]) == (667, 955)
    tariffs = pv_study.tariff_comparison({"lcoe_eur_per_mwh": 77.0}, reference.pv_tariffs())
    assert tariffs["eur_per_mwh"].tolist() == [77.0, 74.1, 79.3, 88.3, 88.6]


def test_sources_rows(concorde, concorde_weather):
    sim = pv_study.simulate(concorde, concorde_weather)
    unc = pv_study.uncertainty(concorde, sim, concorde_weather)
    rows = pv_study.sources_rows(concorde, concorde_weather, unc)
    assert list(rows.columns) == pv_study.SOURCE_COLUMNS
    assert rows["source"].str.strip().ne("").all()
    by_item = rows.set_index("item")
    assert by_item.at["Tarif de référence", "value"] == 88.3
    assert by_item.at["Taux d'actualisation", "value"] == pytest.approx(4.0)
    # Rietveld 1978 pair of the Concorde file, with its source.
    assert by_item.at["Coefficient d'Angström-Prescott a", "value"] == 0.192
    assert by_item.at["Coefficient d'Angström-Prescott b", "value"] == 0.589
    assert "Rietveld 1978" in by_item.at["Coefficient d'Angström-Prescott a", "source"]
    assert by_item.at["Coefficient d'Angström-Prescott a", "note"] == "publié"
    assert by_item.at["Direct et diffus", "value"] == "modèle DISC"
    assert "Appel d'offres CRE sol, 2024" in by_item.index  # from pv_tariffs.csv
    assert "Centrale au sol Enercoop, Lille (2024)" in by_item.index  # from pv_references.csv
    talus = rows[rows["item"].str.startswith("Champ « Talus sud")].iloc[0]
    assert talus["value"] == pytest.approx(4000 * 0.7 * 0.21)
    assert set(rows["note"]) <= {"paramètre", "méthode", "hypothèse", "publié", "donnée d'entrée"}


def test_sources_rows_with_the_fao_pair(concorde_fao, concorde_fao_weather):
    sim = pv_study.simulate(concorde_fao, concorde_fao_weather)
    unc = pv_study.uncertainty(concorde_fao, sim, concorde_fao_weather)
    by_item = pv_study.sources_rows(concorde_fao, concorde_fao_weather, unc).set_index("item")
    assert by_item.at["Coefficient d'Angström-Prescott a", "value"] == 0.25
    assert "FAO-56" in by_item.at["Coefficient d'Angström-Prescott a", "source"]
    assert "Allen" in by_item.at["Coefficient d'Angström-Prescott b", "source"]
