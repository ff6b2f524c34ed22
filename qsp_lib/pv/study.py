"""The decisions of the ``pv_yield`` study, taken from its validated parameters.

``notebooks/pv_yield.ipynb`` calls these functions and keeps only figures and narrative:
which typical year to use (a weather file or a monthly climatology), the default model
uncertainty, the Angström-Prescott comparison, the layout variants, the comparison with
published yields and the rows of "Hypothèses et sources". Each function takes the validated
parameters ``P`` (:class:`.schema.PvYieldParameters`) and results of
:mod:`.model`; reference tables come from :mod:`.reference`. Weather files are read
through :mod:`.io`; the computations are those of :mod:`.model` and
:mod:`.weather`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from qsp_lib.pv.model import system as pv

#: Row tilts [°] of the "same array, other tilt" layout variants. Hypothèse: the range of
#: fixed-tilt ground plants at 50° N (the PVGIS optimum is about 35°, pv.md).
VARIANT_TILTS_DEG = (20, 25, 30, 35)
#: Minimum tilt [°] of the opposite-slope variant: modules laid on a slope flatter than this
#: would lie almost horizontal (soiling); hypothèse.
OPPOSITE_SLOPE_MIN_DEG = 10.0
#: Months of the "summer half" quoted by the brief (April to September).
SUMMER_MONTHS = (4, 5, 6, 7, 8, 9)


@dataclass
class WeatherYear:
    """The hourly typical year of a study and how it was obtained.

    Attributes
    ----------
    data : DataFrame
        Hourly weather (UTC index; ghi, dni, dhi [W/m²], temp_air [°C], wind_speed [m/s]).
    climatology : bool
        True when generated from monthly values, False when read from a file.
    from_sunshine : bool
        True when the monthly irradiation was estimated from sunshine hours.
    label : str
        French description ("moyennes mensuelles (station)…" or "fichier PVGIS (…)").
    source : str
        Short attribution for figure source lines.
    generator_kwargs : dict
        Extra arguments given to :func:`.weather.typical_year_from_climatology`.
    """

    data: pd.DataFrame
    climatology: bool
    from_sunshine: bool
    label: str
    source: str
    generator_kwargs: dict = field(default_factory=dict)


def weather_year(P: Any) -> WeatherYear:
    """The typical year: the weather file when one is given, else the monthly climatology.

    Parameters
    ----------
    P : PvYieldParameters
        Validated parameters (``weather.source`` is ``"file"`` or ``"climatology"``).

    Returns
    -------
    WeatherYear

    References
    ----------
    The generator of :func:`.weather.typical_year_from_climatology` (Angström-Prescott
    after FAO-56, Allen et al. 1998; Markov daily sequences, Aguiar et al. 1988; TAG hourly
    sequences, Aguiar & Collares-Pereira 1992; DISC, Maxwell 1987) or the file readers of
    :func:`.io.read_weather_file` (pvlib.iotools).
    """
    from qsp_lib.pv.model import weather as wx

    W = P.weather
    if W.source != "climatology":
        from qsp_lib.pv.io import read_weather_file

        data, meta = read_weather_file(W.path, W.format)
        return WeatherYear(
            data=data,
            climatology=False,
            from_sunshine=False,
            label=f"fichier {W.format.upper()} ({meta['source']})",
            source=f"{meta['source']} ; calcul pvlib",
        )
    from qsp_lib.pv import reference

    # the published tables are loaded here and passed in: qsp_lib.pv.model.weather reads no files
    kwargs = {
        "daily_temp_range_monthly_c": W.daily_temp_range_monthly_c,
        "wind_speed_monthly_m_s": W.wind_speed_m_s,
        "mtm": wx.mtm_library(reference.mtm_aguiar1988()),
        "tag": wx.tag_coefficients(reference.tag_aguiar1992()),
    }
    data = wx.typical_year_from_climatology(
        P.latitude_deg,
        P.longitude_deg,
        W.temp_air_monthly_c,
        ghi_monthly_kwh_m2=W.ghi_monthly_kwh_m2,
        sunshine_hours_monthly=W.sunshine_hours_monthly,
        altitude_m=P.altitude_m,
        seed=W.seed,
        angstrom_a=W.angstrom_a,
        angstrom_b=W.angstrom_b,
        **kwargs,
    )
    from_sunshine = W.ghi_monthly_kwh_m2 is None
    label = "moyennes mensuelles" + (f" ({W.station})" if W.station else "")
    if from_sunshine:
        label += ", l'irradiation étant estimée depuis l'ensoleillement (Angström-Prescott)"
    return WeatherYear(
        data=data,
        climatology=True,
        from_sunshine=from_sunshine,
        label=label,
        source=(W.station or "climatologie mensuelle") + " ; calcul pvlib",
        generator_kwargs=kwargs,
    )


def arrays(P: Any) -> list[dict]:
    """The PV arrays of the parameters as dicts for :func:`.model.simulate_system`."""
    return [a.model_dump(exclude={"note"}) for a in P.arrays]


def model_settings(P: Any) -> dict:
    """Model settings of the parameters, as keyword arguments of :mod:`.model`."""
    return {
        "system_losses_percent": P.system_losses_percent,
        "gamma_pdc_percent_per_c": P.gamma_pdc_percent_per_c,
        "inverter_efficiency": P.inverter_efficiency,
        "dc_ac_ratio": P.dc_ac_ratio,
        "albedo": P.albedo,
    }


def simulate(P: Any, weather: WeatherYear) -> pv.PvSimulation:
    """Year-one yield of the parameters' plant (:func:`.model.simulate_system`)."""
    return pv.simulate_system(
        weather.data,
        P.latitude_deg,
        P.longitude_deg,
        arrays(P),
        P.altitude_m,
        timezone=P.timezone,
        **model_settings(P),
    )


def economics(P: Any, sim: pv.PvSimulation) -> dict:
    """LCOE, revenue and NPV of the plant (:func:`.model.economics`)."""
    return pv.economics(
        sim.peak_power_kwp,
        sim.annual_energy_kwh,
        P.capex_eur_per_kwp,
        P.opex_eur_per_kwp_year,
        P.lifetime_years,
        P.discount_rate,
        P.degradation_percent_per_year,
        P.tariff_eur_per_mwh,
    )


def emissions(P: Any, sim: pv.PvSimulation) -> dict:
    """Avoided emissions net of the PV life cycle (:func:`.model.avoided_emissions`)."""
    return pv.avoided_emissions(
        sim.annual_energy_kwh,
        sim.peak_power_kwp,
        P.grid_kg_co2e_per_kwh,
        P.pv_lifecycle_kg_co2e_per_kwp,
        P.lifetime_years,
        P.degradation_percent_per_year,
    )


def model_sd_percent(model_sd: float | None, climatology: bool) -> float:
    """Standard deviation of the model [%]: the parameter, else the default of the weather.

    Parameters
    ----------
    model_sd : float or None
        ``model_sd_percent`` of the parameter file [%].
    climatology : bool
        True for a year generated from monthly values (the irradiation estimate adds to the
        model error), False for a measured typical-year file.

    Returns
    -------
    float
        :data:`qsp_lib.pv.model.MODEL_SD_PERCENT_CLIMATOLOGY` or
        :data:`qsp_lib.pv.model.MODEL_SD_PERCENT_FILE` when ``model_sd`` is None [%].

    References
    ----------
    .. [1] Huld, T., Müller, R. and Gambardella, A. (2012). A new solar radiation database
       for estimating PV performance in Europe and Africa. Solar Energy 86(6), 1803-1815.
       doi:10.1016/j.solener.2012.03.006
    """
    if model_sd is not None:
        return model_sd
    return pv.MODEL_SD_PERCENT_CLIMATOLOGY if climatology else pv.MODEL_SD_PERCENT_FILE


def uncertainty(P: Any, sim: pv.PvSimulation, weather: WeatherYear) -> dict:
    """P50 and P90 (:func:`.model.p50_p90`) with the standard deviations used.

    Returns
    -------
    dict
        p50_kwh, p90_kwh [kWh], sd_percent, resource_sd_percent, model_sd_percent [%].
    """
    model_sd = model_sd_percent(P.model_sd_percent, weather.climatology)
    out = pv.p50_p90(sim.annual_energy_kwh, P.resource_sd_percent, model_sd)
    out["resource_sd_percent"] = P.resource_sd_percent
    out["model_sd_percent"] = model_sd
    return out


def layout_sweep(P: Any, weather: WeatherYear) -> pd.DataFrame:
    """Specific yield over the parameters' tilt x azimuth grid (no row shading)."""
    geometry = pv.solar_geometry(weather.data, P.latitude_deg, P.longitude_deg, P.altitude_m)
    return pv.layout_sweep(
        weather.data,
        P.latitude_deg,
        P.longitude_deg,
        P.layout_tilts_deg,
        P.layout_azimuths_deg,
        P.altitude_m,
        geometry=geometry,
        **model_settings(P),
    )


def self_consumption(P: Any, sim: pv.PvSimulation) -> dict | None:
    """Self-consumed share of production for the parameters' load (None without a load)."""
    if P.load is None:
        return None
    load_kw = pv.load_profile(
        sim.hourly.index, P.load.annual_kwh, P.load.hourly_shape, P.load.weekend_factor, P.timezone
    )
    return pv.self_consumption(sim.hourly["ac_kw"], load_kw)


#: Tolerance [-] under which the site's Angström-Prescott pair is taken as a published pair
#: (the published Rietveld pair is rounded to 3 decimals).
PAIR_TOLERANCE = 5e-4


def angstrom_pairs(P: Any) -> pd.DataFrame:
    """The published Angström-Prescott pairs at the site, the site's own pair first.

    Parameters
    ----------
    P : PvYieldParameters
        Validated parameters with a climatology from sunshine hours.

    Returns
    -------
    DataFrame
        :func:`.weather.angstrom_prescott_pairs` (label, pair, a, b, source, year),
        with the Rietveld (1978) pair of the site's sunshine, and ``site`` (True for the pair
        the study uses). The site's pair carries its published name when it equals one of
        them (within :data:`PAIR_TOLERANCE`), else the label "Paramètres du site".

    References
    ----------
    The pairs of ``qsp_lib/data/angstrom_prescott.csv`` (FAO-56, Allen et al. 1998;
    Rietveld 1978; Prescott 1940; Page 1961; Glover & McCulloch 1958).
    """
    from qsp_lib.pv import reference
    from qsp_lib.pv.model import weather as wx

    W = P.weather
    pairs = wx.angstrom_prescott_pairs(
        P.latitude_deg, W.sunshine_hours_monthly, table=reference.angstrom_prescott()
    )
    same = (pairs["a"] - W.angstrom_a).abs().le(PAIR_TOLERANCE) & (
        pairs["b"] - W.angstrom_b
    ).abs().le(PAIR_TOLERANCE)
    pairs["site"] = False
    if same.any():
        first = same.idxmax()
        pairs.loc[first, ["a", "b", "site"]] = [W.angstrom_a, W.angstrom_b, True]
        pairs = pd.concat([pairs.loc[[first]], pairs.drop(index=first)])
    else:
        own = {
            "label": "Paramètres du site",
            "pair": "site",
            "a": W.angstrom_a,
            "b": W.angstrom_b,
            "source": "fichier de paramètres",
            "year": None,
            "site": True,
        }
        pairs = pd.concat([pd.DataFrame([own]), pairs])
    return pairs.reset_index(drop=True)


def angstrom_comparison(P: Any, weather: WeatherYear) -> pd.DataFrame | None:
    """Irradiation and yield with each published Angström-Prescott pair and the site's own.

    Only for a year estimated from sunshine hours (None otherwise): the coefficients then
    drive the irradiation, an uncertainty to show.

    Returns
    -------
    DataFrame or None
        :func:`.model.angstrom_sensitivity` over :func:`angstrom_pairs` (the site's pair
        first, ``site`` True).

    References
    ----------
    See :func:`angstrom_pairs`.
    """
    if not (weather.climatology and weather.from_sunshine):
        return None
    W = P.weather
    return pv.angstrom_sensitivity(
        P.latitude_deg,
        P.longitude_deg,
        W.sunshine_hours_monthly,
        W.temp_air_monthly_c,
        arrays(P),
        P.altitude_m,
        seed=W.seed,
        pairs=angstrom_pairs(P),
        weather_kwargs=weather.generator_kwargs,
        **model_settings(P),
    )


def angstrom_spread(sens: pd.DataFrame) -> dict[str, Any]:
    """Figures quoted about the Angström-Prescott spread (:func:`angstrom_comparison`).

    Returns
    -------
    dict
        site_label, site_pair (short name, ``"site"`` when not published), site_energy_kwh
        [kWh], site_ghi [kWh/m²]; ghi_low, ghi_high [kWh/m²];
        energy_low, energy_high [kWh] with low_label, high_label (the pairs at the ends);
        spread [-] (high / low - 1); half_range [-] (half the spread around the middle,
        comparable with a standard deviation of the model); site_vs_high, site_vs_low [-]
        (site / end - 1); n_pairs; citations (the published pairs as "name (year)").
    """
    site = sens.loc[sens["site"]].iloc[0]
    lo = sens.loc[sens["annual_energy_kwh"].idxmin()]
    hi = sens.loc[sens["annual_energy_kwh"].idxmax()]
    e_lo, e_hi = lo["annual_energy_kwh"], hi["annual_energy_kwh"]
    return {
        "site_label": site["label"],
        "site_pair": site["pair"],
        "site_energy_kwh": site["annual_energy_kwh"],
        "site_ghi": site["ghi_annual_kwh_m2"],
        "ghi_low": sens["ghi_annual_kwh_m2"].min(),
        "ghi_high": sens["ghi_annual_kwh_m2"].max(),
        "energy_low": e_lo,
        "energy_high": e_hi,
        "low_label": lo["label"],
        "high_label": hi["label"],
        "spread": e_hi / e_lo - 1,
        "half_range": (e_hi - e_lo) / (e_hi + e_lo),
        "site_vs_high": site["annual_energy_kwh"] / e_hi - 1,
        "site_vs_low": site["annual_energy_kwh"] / e_lo - 1,
        "n_pairs": len(sens),
        "citations": ", ".join(
            f"{r['pair']} ({int(r['year'])})" for _, r in sens.iterrows() if r["pair"] != "site"
        ),
    }


def layout_variants(P: Any) -> list[tuple[str, str, dict]]:
    """Layouts compared with the parameters' arrays, built from the first array.

    Each array as given; then, for the first array: modules laid flat on its slope (when it
    has rows on a slope), the same array at each tilt of :data:`VARIANT_TILTS_DEG` (laid on a
    support of that slope when the array lies flat), the opposite slope with modules laid on
    it, and a vertical screen of the same azimuth.

    Returns
    -------
    list of (kind, label, array dict)
        ``kind`` is ``parameters``, ``flush``, ``tilt``, ``opposite`` or ``vertical``; labels
        are French.
    """
    given = arrays(P)
    first = P.arrays[0]
    variants = [("parameters", f"{a['name']} (paramètres)", a) for a in given]
    flush = abs(first.surface_tilt_deg - first.ground_slope_deg) <= pv.FLUSH_TOLERANCE_DEG
    if first.ground_slope_deg > 0 and not flush:
        variants.append(
            (
                "flush",
                "Modules posés à plat sur la pente",
                dict(given[0], surface_tilt_deg=first.ground_slope_deg),
            )
        )
    for tilt in VARIANT_TILTS_DEG:
        if tilt != first.surface_tilt_deg:
            v = dict(given[0], surface_tilt_deg=float(tilt))
            if flush:
                v["ground_slope_deg"] = float(tilt)
            label = f"Même azimut, posé à {tilt}°" if flush else f"Même champ, rangées à {tilt}°"
            variants.append(("tilt", label, v))
    slope = max(first.ground_slope_deg, OPPOSITE_SLOPE_MIN_DEG)
    variants.append(
        (
            "opposite",
            "Versant opposé, posé sur la pente",
            dict(
                given[0],
                surface_azimuth_deg=(first.surface_azimuth_deg + 180) % 360,
                surface_tilt_deg=slope,
                ground_slope_deg=slope,
            ),
        )
    )
    variants.append(
        (
            "vertical",
            "Écran vertical, même azimut",
            dict(given[0], surface_tilt_deg=90.0, ground_slope_deg=90.0),
        )
    )
    return variants


def layout_comparison(P: Any, weather: WeatherYear) -> pd.DataFrame:
    """Specific yield of each layout of :func:`layout_variants` (row shading included).

    Returns
    -------
    DataFrame
        kind, label, surface_tilt_deg, surface_azimuth_deg, ground_slope_deg [°],
        shading_loss_percent [%], specific_yield_kwh_per_kwp [kWh/kWp].
    """
    rows = []
    settings = model_settings(P)
    for kind, label, array in layout_variants(P):
        s = pv.simulate_system(
            weather.data, P.latitude_deg, P.longitude_deg, [array], P.altitude_m, **settings
        )
        r = s.arrays.iloc[0]
        rows.append(
            {
                "kind": kind,
                "label": label,
                "surface_tilt_deg": r["surface_tilt_deg"],
                "surface_azimuth_deg": r["surface_azimuth_deg"],
                "ground_slope_deg": r["ground_slope_deg"],
                "shading_loss_percent": r["shading_loss_percent"],
                "specific_yield_kwh_per_kwp": r["specific_yield_kwh_per_kwp"],
            }
        )
    return pd.DataFrame(rows)


def layout_highlights(
    sweep: pd.DataFrame, layouts: pd.DataFrame, sim: pv.PvSimulation
) -> dict[str, Any]:
    """Figures quoted about layouts: the grid optimum, the first array and the vertical screen.

    Returns
    -------
    dict
        best_yield [kWh/kWp], best_tilt_deg, best_azimuth_deg [°], first_name, first_yield
        [kWh/kWp], first_ratio [-] (of the optimum), vertical_yield [kWh/kWp],
        vertical_ratio [-], grid_size, shaded_rows (True when a parameters' array has rows).
    """
    best = sweep.loc[sweep["specific_yield_kwh_per_kwp"].idxmax()]
    best_yield = best["specific_yield_kwh_per_kwp"]
    first = sim.arrays.iloc[0]
    vertical = layouts.loc[layouts["kind"] == "vertical", "specific_yield_kwh_per_kwp"].iloc[-1]
    return {
        "best_yield": best_yield,
        "best_tilt_deg": best["surface_tilt_deg"],
        "best_azimuth_deg": best["surface_azimuth_deg"],
        "first_name": first["name"],
        "first_yield": first["specific_yield_kwh_per_kwp"],
        "first_ratio": first["specific_yield_kwh_per_kwp"] / best_yield,
        "vertical_yield": vertical,
        "vertical_ratio": vertical / best_yield,
        "grid_size": len(sweep),
        "shaded_rows": bool(sim.arrays["rows"].any()),
    }


def monthly_highlights(monthly: pd.DataFrame) -> dict[str, Any]:
    """Best and worst months and the share of the summer half (:data:`SUMMER_MONTHS`).

    Parameters
    ----------
    monthly : DataFrame
        ``month`` 1-12 and ``energy_kwh`` [kWh] (``PvSimulation.monthly``).

    Returns
    -------
    dict
        best_month, worst_month (1-12), best_kwh, worst_kwh [kWh], summer_share [-].
    """
    best = monthly.loc[monthly["energy_kwh"].idxmax()]
    worst = monthly.loc[monthly["energy_kwh"].idxmin()]
    summer = monthly.loc[monthly["month"].isin(SUMMER_MONTHS), "energy_kwh"].sum()
    return {
        "best_month": int(best["month"]),
        "best_kwh": best["energy_kwh"],
        "worst_month": int(worst["month"]),
        "worst_kwh": worst["energy_kwh"],
        "summer_share": summer / monthly["energy_kwh"].sum(),
    }


def peak_month_hour(month_hour_kw: pd.DataFrame) -> dict[str, Any]:
    """Month (1-12), local hour and value [kW] of the highest mean power."""
    values = month_hour_kw.to_numpy()
    i, j = np.unravel_index(np.argmax(values), values.shape)
    return {
        "month": int(month_hour_kw.index[i]),
        "hour": int(month_hour_kw.columns[j]),
        "kw": float(values[i, j]),
    }


def lille_comparison(sim: pv.PvSimulation, references: pd.DataFrame) -> pd.DataFrame:
    """Where this plant's yield and the year's irradiation sit against published Lille values.

    Parameters
    ----------
    sim : PvSimulation
    references : DataFrame
        :func:`.reference.pv_references` (every row; the ``Lille`` group is used).

    Returns
    -------
    DataFrame
        :func:`.model.compare_to_references` of the specific yield [kWh/kWp/yr] against
        the Lille yields, then of the annual GHI [kWh/m²/yr] against the Lille irradiation,
        indexed by ``key``.
    """
    lille = references[references["group"] == "Lille"]
    figures = {
        "specific_yield": sim.specific_yield_kwh_per_kwp,
        "ghi": sim.ghi_annual_kwh_m2,
    }
    parts = [
        pv.compare_to_references(value, lille[lille["quantity"] == quantity])
        for quantity, value in figures.items()
    ]
    return pd.concat(parts, ignore_index=True).set_index("key", drop=False)


def pvgis_convention_gap(P: Any, benchmarks: pd.DataFrame) -> dict[str, float]:
    """How much more PVGIS would give with the same loss figure.

    PVGIS's system loss includes the inverter; here the system losses come on top of the
    inverter efficiency, so with equal loss figures PVGIS gives ``1 / efficiency`` times more
    (before clipping).

    Returns
    -------
    dict
        pvgis_losses_percent [%], gap [-] (0.042 = 4.2 % more).
    """
    pvgis_losses = benchmarks.at["pvgis_system_losses", "value"]
    ours = (1 - P.system_losses_percent / 100) * P.inverter_efficiency
    return {"pvgis_losses_percent": pvgis_losses, "gap": (1 - pvgis_losses / 100) / ours - 1}


def published_comparison(sim: pv.PvSimulation, published: pd.DataFrame) -> pd.DataFrame:
    """This plant's yields next to the published ones, for the comparison figure.

    Parameters
    ----------
    sim : PvSimulation
    published : DataFrame
        :func:`.reference.pv_references` (only the ``specific_yield`` rows are used).

    Returns
    -------
    DataFrame
        label, low, high [kWh/kWp/yr], group (``calcul`` for this plant, else the dataset's
        group).
    """
    sy = sim.specific_yield_kwh_per_kwp
    rows = [("Ce projet (ensemble)", sy, sy, "calcul")]
    rows += [
        (f"Ce projet : {r['name']}", y, y, "calcul")
        for _, r in sim.arrays.iterrows()
        for y in [r["specific_yield_kwh_per_kwp"]]
    ]
    yields = published[published["quantity"] == "specific_yield"]
    rows += list(yields[["label", "low", "high", "group"]].itertuples(index=False, name=None))
    return pd.DataFrame(rows, columns=["label", "low", "high", "group"])


def group_range(published: pd.DataFrame, group: str) -> dict[str, Any]:
    """Lowest and highest published yield of a group, with their short labels."""
    sub = published[published["group"] == group]
    lo, hi = sub.loc[sub["value"].idxmin()], sub.loc[sub["value"].idxmax()]
    return {
        "low": lo["value"],
        "low_label": lo["short_label"],
        "high": hi["value"],
        "high_label": hi["short_label"],
    }


def tariff_comparison(eco: dict, tariffs: pd.DataFrame) -> pd.DataFrame:
    """The plant's LCOE followed by the reference prices (label, eur_per_mwh [€/MWh])."""
    rows = [("Coût actualisé de ce projet", eco["lcoe_eur_per_mwh"])]
    rows += list(tariffs[["label", "value"]].itertuples(index=False, name=None))
    return pd.DataFrame(rows, columns=["label", "eur_per_mwh"])


SOURCE_COLUMNS = ["item", "value", "unit", "low", "high", "source", "note"]


def sources_rows(P: Any, weather: WeatherYear, unc: dict) -> pd.DataFrame:
    """Rows of the brief's "Hypothèses et sources": parameters, model and reference data.

    Numbers stay numbers (formatted by :func:`qsp_lib.core.brief.sources`); each row names its
    source; reference rows come from the data files with their status.

    Parameters
    ----------
    P : PvYieldParameters
    weather : WeatherYear
    unc : dict
        Output of :func:`uncertainty`.

    Returns
    -------
    DataFrame
        Columns :data:`SOURCE_COLUMNS`.
    """
    from qsp_lib.core import style
    from qsp_lib.pv import reference
    from qsp_lib.pv.model import weather as wx

    W = P.weather
    rows: list[dict[str, Any]] = []

    def add(item, value, unit, source, note="paramètre"):
        rows.append(
            {
                "item": item,
                "value": value,
                "unit": unit,
                "low": None,
                "high": None,
                "source": source,
                "note": note,
            }
        )

    add("Météo", weather.label, "", weather.source, note="donnée d'entrée")
    if weather.climatology and weather.from_sunshine:
        pair = angstrom_pairs(P).iloc[0]
        if pair["pair"] == "site":
            source, note = "fichier de paramètres", "paramètre"
        else:
            # the dataset's source ends with the formula after ": "; the reference suffices here
            source = f"{pair['label']} : {pair['source'].split(': ')[0]}"
            note = "publié"
        add("Coefficient d'Angström-Prescott a", W.angstrom_a, "-", source, note=note)
        add("Coefficient d'Angström-Prescott b", W.angstrom_b, "-", source, note=note)
    if weather.climatology:
        add(
            "Forme du ciel clair",
            "Ineichen-Perez, trouble de Linke mensuel",
            "",
            "pvlib ; Remund et al. 2003 (climatologie fournie avec pvlib)",
            note="méthode",
        )
        add(
            "Suite des journées (indice de clarté)",
            "chaînes de Markov, bibliothèque de matrices",
            "",
            "Aguiar, Collares-Pereira et Conde 1988, Solar Energy 40(3)",
            note="méthode",
        )
        add(
            "Suite des heures dans la journée",
            "modèle TAG (variante Meteonorm)",
            "",
            "Aguiar et Collares-Pereira 1992, Solar Energy 49(3)",
            note="méthode",
        )
        add("Variabilité : graine", W.seed, "-", "fichier de paramètres")
        add("Direct et diffus", "modèle DISC", "", "Maxwell 1987 (pvlib)", note="méthode")
        add(
            "Écart de productible sur deux années réelles (borne vérifiée)",
            wx.ACCURACY_YIELD_PERCENT,
            "%",
            "tests de qsp_lib : années TMY3 de Sand Point et Greensboro fournies avec pvlib",
            note="méthode",
        )
        add(
            "Écart de fraction diffuse sur deux années réelles (borne vérifiée)",
            wx.ACCURACY_DIFFUSE_FRACTION,
            "-",
            "tests de qsp_lib : années TMY3 de Sand Point et Greensboro fournies avec pvlib",
            note="méthode",
        )
        add("Vent", W.wind_speed_m_s, "m/s", "hypothèse")
    add("Transposition dans le plan", "Perez 1990", "", "pvlib ; Perez et al. 1990", "méthode")
    add(
        "Température des cellules",
        "SAPM, rack ouvert verre-verre",
        "",
        "King et al. 2004 (Sandia)",
        note="méthode",
    )
    add("Coefficient de température", P.gamma_pdc_percent_per_c, "%/°C", "PVWatts, Dobos 2014")
    add("Pertes système", P.system_losses_percent, "%", "PVGIS ; PVWatts v5 (repères ci-dessous)")
    add("Rendement onduleur", P.inverter_efficiency, "-", "PVWatts, Dobos 2014")
    add("Ratio DC/AC", P.dc_ac_ratio, "-", "NREL PVWatts (valeur par défaut)")
    add("Albédo", P.albedo, "-", "valeur courante pour l'herbe (Iqbal 1983)")
    add(
        "Ombrage entre rangées",
        "fraction ombrée 1D sur sol en pente + masque du diffus",
        "",
        "pvlib.shading ; Anderson et Jensen 2024 ; Passias et Källbäck 1984",
        note="méthode",
    )
    add("Dégradation", P.degradation_percent_per_year, "%/an", "Jordan et Kurtz 2013")
    add("Investissement", P.capex_eur_per_kwp, "€/kWc", "hypothèse (repères ci-dessous)")
    add("Exploitation", P.opex_eur_per_kwp_year, "€/kWc/an", "hypothèse (repère ci-dessous)")
    add("Durée de vie", P.lifetime_years, "ans", "hypothèse")
    add("Taux d'actualisation", 100 * P.discount_rate, "%", "hypothèse")
    add("Tarif de référence", P.tariff_eur_per_mwh, "€/MWh", "CRE, arrêtés tarifaires (ci-dessous)")
    add("Électricité du réseau", P.grid_kg_co2e_per_kwh, "kgCO2e/kWh", "ADEME Base Empreinte 2023")
    add(
        "Cycle de vie des panneaux",
        P.pv_lifecycle_kg_co2e_per_kwp,
        "kgCO2e/kWc",
        "hypothèse (repères ci-dessous)",
    )
    add("Incertitude du gisement (écart-type)", unc["resource_sd_percent"], "%", "hypothèse")
    add(
        "Incertitude du modèle (écart-type)",
        unc["model_sd_percent"],
        "%",
        "fichier de paramètres"
        if P.model_sd_percent is not None
        else "valeur par défaut de qsp_lib.pv (Huld et al. 2012)",
    )
    for a in P.arrays:
        geometry = (
            f"inclinaison {style.fr(a.surface_tilt_deg, 1)}°, azimut "
            f"{style.fr(a.surface_azimuth_deg, 0)}°, pente {style.fr(a.ground_slope_deg, 1)}°"
        )
        if a.peak_power_kwp is not None:
            kwp, how = a.peak_power_kwp, ""
        else:
            kwp = pv.array_peak_power_kwp(
                None, a.area_m2, a.module_power_density_kwp_m2, a.ground_coverage_ratio
            )
            how = (
                f" ; {style.fr(a.area_m2, 0)} m² × taux d'occupation "
                f"{style.fr(a.ground_coverage_ratio, 2)} × "
                f"{style.fr(a.module_power_density_kwp_m2, 2)} kWc/m²"
            )
        add(
            f"Champ « {a.name} » ({geometry}{how})",
            kwp,
            "kWc",
            a.note or "paramètres du site (hypothèses, voir le fichier de paramètres)",
        )
    if P.load is not None:
        add(f"Consommation sur site ({P.load.label})", P.load.annual_kwh, "kWh/an", "hypothèse")
    table = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    datasets = (reference.pv_benchmarks(), reference.pv_tariffs(), reference.pv_references())
    refs = [reference.sources_table(df) for df in datasets]
    refs = pd.concat(refs, ignore_index=True).rename(columns={"status": "note"})
    return pd.concat([table, refs[SOURCE_COLUMNS]], ignore_index=True)
