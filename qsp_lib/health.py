"""Health burden of road traffic noise and air pollution, before and after a project.

Noise: high annoyance (%HA), high sleep disturbance (%HSD) and ischaemic heart disease (IHD)
incidence with the WHO 2018 exposure-response functions as written in Commission Directive
(EU) 2020/367 (annex III of Directive 2002/49/EC). Air: deaths attributable to long-term
PM2.5 and NO2 exposure with the log-linear model of WHO AirQ+. DALYs of annoyance and sleep
disturbance with disability weights.

Plain functions over numbers and DataFrames: coefficients arrive as reference tables
(``qsp_lib.reference.noise_health()``, ``air_health()``, ``disability_weights()``), exposure as
a DataFrame with one row per zone (``qsp_lib.iotools.health.read_exposure``).

References
----------
.. [1] Commission Directive (EU) 2020/367 of 4 March 2020 amending Annex III to Directive
   2002/49/EC as regards the establishment of assessment methods for harmful effects of
   environmental noise. OJ L 67, 5.3.2020, p. 132-136.
.. [2] Guski, R., Schreckenberg, D., Schuemer, R. (2017). WHO Environmental Noise Guidelines
   for the European Region: a systematic review on environmental noise and annoyance.
   Int. J. Environ. Res. Public Health 14(12), 1539. doi:10.3390/ijerph14121539
.. [3] Basner, M., McGuire, S. (2018). WHO Environmental Noise Guidelines for the European
   Region: a systematic review on environmental noise and effects on sleep. IJERPH 15(3),
   519. doi:10.3390/ijerph15030519
.. [4] van Kempen, E. et al. (2018). WHO Environmental Noise Guidelines for the European
   Region: a systematic review on environmental noise and cardiovascular and metabolic
   effects. IJERPH 15(2), 379. doi:10.3390/ijerph15020379
.. [5] WHO Regional Office for Europe (2021). AirQ+: software tool for health risk assessment
   of air pollution. Chen, J., Hoek, G. (2020), Environ. Int. 143:105974; Huangfu, P.,
   Atkinson, R. (2020), Environ. Int. 144:105998.
.. [6] WHO Regional Office for Europe (2011). Burden of disease from environmental noise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

#: Lower age of the adults whose deaths AirQ+ counts for long-term exposure [years]: the
#: cohorts behind the relative risks (Chen & Hoek 2020; Huangfu & Atkinson 2020) and the
#: baseline rate ``baseline_mortality_per_100k`` are adults 30+.
AIRQ_ADULT_AGE_YEARS = 30

#: Situations compared by the notebook.
SITUATIONS = ("before", "after")

#: Column of the exposure table holding each level, per situation.
COLUMNS = {
    "before": {
        "lden": "lden_db",
        "lnight": "lnight_db",
        "no2": "no2_ug_m3",
        "pm25": "pm25_ug_m3",
    },
    "after": {
        "lden": "lden_after_db",
        "lnight": "lnight_after_db",
        "no2": "no2_after_ug_m3",
        "pm25": "pm25_after_ug_m3",
    },
}


def _v(table, key: str) -> float:
    return float(table.loc[key, "value"])


# ------------------------------------------------------------------------------ noise
def percent_highly_annoyed(lden_db, erf):
    """%HA for road traffic noise: ``78.9270 - 3.1162 Lden + 0.0342 Lden²``.

    Zero below the lower limit of the data (``ha_min_lden_db``, 45 dB): the quadratic has
    its minimum near 45.6 dB and must not be extrapolated below.

    Parameters
    ----------
    lden_db : float or array
        Lden at the most exposed façade [dB].
    erf : pandas.DataFrame
        ``qsp_lib.reference.noise_health()`` (keys ``ha_intercept``, ``ha_linear``,
        ``ha_quadratic``, ``ha_min_lden_db``).

    Returns
    -------
    float or ndarray
        Percentage of highly annoyed people [%].

    References
    ----------
    Directive (EU) 2020/367, annex III, eq. (2); Guski et al. 2017.
    """
    x = np.asarray(lden_db, dtype=float)
    p = _v(erf, "ha_intercept") + _v(erf, "ha_linear") * x + _v(erf, "ha_quadratic") * x**2
    out = np.where(x >= _v(erf, "ha_min_lden_db"), np.clip(p, 0.0, 100.0), 0.0)
    return out if out.ndim else float(out)


def percent_highly_sleep_disturbed(lnight_db, erf):
    """%HSD for road traffic noise: ``19.4312 - 0.9336 Lnight + 0.0126 Lnight²``.

    Zero below ``hsd_min_lnight_db`` (40 dB, lower end of the data).

    Parameters
    ----------
    lnight_db : float or array
        Lnight at the most exposed façade [dB].
    erf : pandas.DataFrame
        ``qsp_lib.reference.noise_health()``.

    Returns
    -------
    float or ndarray
        Percentage of highly sleep-disturbed people [%].

    References
    ----------
    Directive (EU) 2020/367, annex III, eq. (3); Basner & McGuire 2018.
    """
    x = np.asarray(lnight_db, dtype=float)
    p = _v(erf, "hsd_intercept") + _v(erf, "hsd_linear") * x + _v(erf, "hsd_quadratic") * x**2
    out = np.where(x >= _v(erf, "hsd_min_lnight_db"), np.clip(p, 0.0, 100.0), 0.0)
    return out if out.ndim else float(out)


def ihd_relative_risk(lden_db, erf, rr_per_10: float | None = None):
    """Relative risk of IHD incidence: ``exp(ln(RR10)/10 (Lden - 53))`` above 53 dB, else 1.

    Parameters
    ----------
    lden_db : float or array
        Lden [dB].
    erf : pandas.DataFrame
        ``qsp_lib.reference.noise_health()`` (``ihd_rr_per_10db``, ``ihd_threshold_lden_db``).
    rr_per_10 : float, optional
        Relative risk per 10 dB to use instead of the central value (for its CI).

    References
    ----------
    Directive (EU) 2020/367, annex III, eq. (1); van Kempen et al. 2018 (RR 1.08 per 10 dB).
    """
    rr10 = _v(erf, "ihd_rr_per_10db") if rr_per_10 is None else float(rr_per_10)
    x = np.asarray(lden_db, dtype=float)
    excess = np.maximum(x - _v(erf, "ihd_threshold_lden_db"), 0.0)
    out = np.exp(math.log(rr10) / 10.0 * excess)
    return out if out.ndim else float(out)


def population_attributable_fraction(population, relative_risk) -> float:
    """PAF over exposure groups: ``Σ p_i (RR_i - 1) / (Σ p_i (RR_i - 1) + 1)``.

    Parameters
    ----------
    population : array
        People in each exposure group.
    relative_risk : array
        Relative risk of each group [-].

    References
    ----------
    Directive (EU) 2020/367, annex III, eq. (4).
    """
    pop = np.asarray(population, dtype=float)
    total = pop.sum()
    if total <= 0:
        return 0.0
    s = float(np.sum(pop / total * (np.asarray(relative_risk, dtype=float) - 1.0)))
    return s / (s + 1.0)


def ihd_cases_per_year(
    population, lden_db, erf, incidence_per_100k: float, rr_per_10: float | None = None
) -> float:
    """IHD cases per year attributable to road traffic noise: ``PAF x incidence x N``.

    Parameters
    ----------
    population : array
        People per zone.
    lden_db : array
        Lden per zone [dB].
    erf : pandas.DataFrame
        ``qsp_lib.reference.noise_health()``.
    incidence_per_100k : float
        IHD incidence [cases per 100,000 people per year].
    rr_per_10 : float, optional
        Relative risk per 10 dB (default: the central 1.08).

    References
    ----------
    Directive (EU) 2020/367, annex III, eq. (1), (4), (5).
    """
    pop = np.asarray(population, dtype=float)
    paf = population_attributable_fraction(pop, ihd_relative_risk(lden_db, erf, rr_per_10))
    return float(paf * incidence_per_100k / 1e5 * pop.sum())


# -------------------------------------------------------------------------------- air
def airq_relative_risk(concentration_ug_m3, rr_per_10: float, counterfactual_ug_m3: float):
    """Log-linear relative risk of WHO AirQ+: ``exp(β (x - x0))``, ``β = ln(RR10)/10``,
    1 at or below the counterfactual ``x0``.

    Parameters
    ----------
    concentration_ug_m3 : float or array
        Annual mean concentration [µg/m³].
    rr_per_10 : float
        Relative risk for a 10 µg/m³ increase [-].
    counterfactual_ug_m3 : float
        Concentration below which no effect is counted [µg/m³].

    References
    ----------
    WHO Europe (2021), AirQ+ methods; Chen & Hoek 2020; Huangfu & Atkinson 2020.
    """
    x = np.asarray(concentration_ug_m3, dtype=float)
    out = np.exp(math.log(rr_per_10) / 10.0 * np.maximum(x - counterfactual_ug_m3, 0.0))
    return out if out.ndim else float(out)


def attributable_fraction(relative_risk):
    """AirQ+ attributable fraction ``AF = (RR - 1) / RR``.

    References
    ----------
    WHO Europe (2021), AirQ+ methods.
    """
    rr = np.asarray(relative_risk, dtype=float)
    out = (rr - 1.0) / rr
    return out if out.ndim else float(out)


def attributable_deaths_per_year(
    population,
    concentration_ug_m3,
    rr_per_10: float,
    counterfactual_ug_m3: float,
    baseline_mortality_per_100k: float,
    adult_share: float,
) -> float:
    """Deaths per year attributable to long-term exposure (adults 30+), AirQ+ style.

    ``Σ_i AF_i x rate x N_i x share30+``, one exposure level per zone.

    Parameters
    ----------
    population : array
        People per zone (all ages).
    concentration_ug_m3 : array
        Annual mean concentration per zone [µg/m³].
    rr_per_10 : float
        Relative risk per 10 µg/m³ [-].
    counterfactual_ug_m3 : float
        Counterfactual concentration [µg/m³].
    baseline_mortality_per_100k : float
        All-cause deaths of adults 30+ [per 100,000 adults 30+ per year].
    adult_share : float
        Share of adults 30+ in the population [-].

    References
    ----------
    WHO Europe (2021), AirQ+; Santé publique France (2021) for the French practice.
    """
    pop = np.asarray(population, dtype=float)
    af = attributable_fraction(
        airq_relative_risk(concentration_ug_m3, rr_per_10, counterfactual_ug_m3)
    )
    return float(np.sum(af * pop) * adult_share * baseline_mortality_per_100k / 1e5)


# ----------------------------------------------------------------------- exposure bands
def band_labels(edges, unit: str) -> list[str]:
    """Labels of the bands defined by ``edges``: ``< 45 dB``, ``45-49 dB``, ..., ``≥ 75 dB``
    for integer noise bands (``unit == "dB"``), ``a-b unit`` and ``> last unit`` otherwise."""
    labels = [f"< {_num(edges[0])} {unit}"]
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        labels.append(
            f"{_num(lo)}-{_num(hi - 1)} {unit}" if unit == "dB" else f"{_num(lo)}-{_num(hi)} {unit}"
        )
    labels.append(f"≥ {_num(edges[-1])} {unit}" if unit == "dB" else f"> {_num(edges[-1])} {unit}")
    return labels


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}".replace(".", ",")


def population_by_noise_band(
    population, level_db, start_db: float, stop_db: float = 75.0, width_db: float = 5.0
):
    """People per 5 dB band of a noise indicator (Directive 2002/49/EC annex VI bands,
    extended down to ``start_db``: 45 dB for Lden, 40 dB for Lnight as the WHO guidelines).

    A zone at 54.9 dB falls in the 50-54 band (levels are rounded down, as in strategic
    noise maps).

    Returns
    -------
    pandas.Series
        People per band label, in increasing order.
    """
    import pandas as pd

    edges = np.arange(start_db, stop_db + width_db / 2, width_db)
    idx = np.searchsorted(edges, np.floor(np.asarray(level_db, dtype=float)), side="right")
    labels = band_labels(edges, "dB")
    counts = np.bincount(idx, weights=np.asarray(population, dtype=float), minlength=len(labels))
    return pd.Series(counts, index=labels)


def air_quality_thresholds(air, pollutant: str) -> list[tuple[str, float]]:
    """WHO 2021 annual guideline and interim targets of a pollutant, lowest first.

    Parameters
    ----------
    air : pandas.DataFrame
        ``qsp_lib.reference.air_health()``.
    pollutant : {"pm25", "no2"}

    Returns
    -------
    list of (label, value [µg/m³])
    """
    rows = air[air["key"].str.match(rf"^{pollutant}_(aqg|it\d)_ug_m3$")]
    names = {"aqg": "valeur guide OMS"}
    out = []
    for key, r in rows.iterrows():
        tag = key.split("_")[1]
        out.append((names.get(tag, f"cible intermédiaire {tag[2:]}"), float(r["value"])))
    return sorted(out, key=lambda t: t[1])


def population_by_air_threshold(population, concentration_ug_m3, thresholds):
    """People per class of concentration against the WHO guideline and interim targets.

    Classes: at or below the guideline, then each interval up to the next target, then
    above the highest interim target.

    Parameters
    ----------
    population, concentration_ug_m3 : array
    thresholds : list of (label, value)
        From :func:`air_quality_thresholds`.

    Returns
    -------
    pandas.Series
        People per class label (``≤ 5 µg/m³ (valeur guide OMS)``, ``5-10 µg/m³``, ...).
    """
    import pandas as pd

    values = [v for _, v in thresholds]
    x = np.asarray(concentration_ug_m3, dtype=float)
    idx = np.searchsorted(values, x, side="left")  # x == threshold counts as meeting it
    labels = [f"≤ {_num(values[0])} µg/m³ ({thresholds[0][0]})"]
    labels += [
        f"{_num(lo)}-{_num(hi)} µg/m³" for lo, hi in zip(values[:-1], values[1:], strict=True)
    ]
    labels.append(f"> {_num(values[-1])} µg/m³")
    counts = np.bincount(idx, weights=np.asarray(population, dtype=float), minlength=len(labels))
    return pd.Series(counts, index=labels)


# -------------------------------------------------------------------------- situations
def situation_levels(exposure, situation: str, facade_correction_db: float = 0.0):
    """Levels of one situation as a DataFrame (``population``, ``lden``, ``lnight``,
    ``no2``, ``pm25``); the "after" columns fall back on "before" where empty.

    ``facade_correction_db`` is added to the noise levels (the French implementation of the
    Directive uses the most exposed façade minus 3 dB: pass -3); 0 applies levels as given.
    """
    import pandas as pd

    out = pd.DataFrame(
        {"zone": exposure["zone"], "population": exposure["population"].astype(float)}
    )
    for name, col in COLUMNS[situation].items():
        before = exposure[COLUMNS["before"][name]].astype(float)
        values = exposure[col].astype(float).fillna(before) if col in exposure else before
        out[name] = values + (facade_correction_db if name in ("lden", "lnight") else 0.0)
    return out


def derive_after_noise(exposure, insertion_loss_db):
    """Fill the "after" noise columns where empty: before minus the berm's insertion loss.

    Parameters
    ----------
    exposure : pandas.DataFrame
        Exposure table (``lden_db``, ``lnight_db`` and optional after columns).
    insertion_loss_db : array
        A-weighted insertion loss of the berm at each zone [dB(A)].

    Returns
    -------
    pandas.DataFrame
        A copy with ``lden_after_db``/``lnight_after_db`` filled, and
        ``berm_insertion_loss_dba``.
    """
    out = exposure.copy()
    il = np.asarray(insertion_loss_db, dtype=float)
    out["berm_insertion_loss_dba"] = il
    for before, after in (("lden_db", "lden_after_db"), ("lnight_db", "lnight_after_db")):
        derived = out[before].astype(float) - il
        out[after] = out[after].astype(float).fillna(derived) if after in out else derived
    return out


def burden(
    levels,
    erf,
    air,
    dw,
    *,
    pm25_rr_per_10: Mapping[str, float],
    no2_rr_per_10: Mapping[str, float],
    pm25_counterfactual_ug_m3: float,
    no2_counterfactual_ug_m3: float,
    baseline_mortality_per_100k: float,
    adult_30plus_share: float,
    ihd_incidence_per_100k: float,
    disability_weights: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Health burden of one situation.

    Parameters
    ----------
    levels : pandas.DataFrame
        From :func:`situation_levels`.
    erf, air, dw : pandas.DataFrame
        Reference tables ``noise_health``, ``air_health``, ``disability_weights``.
    pm25_rr_per_10, no2_rr_per_10 : mapping
        ``central``, ``low``, ``high`` relative risks per 10 µg/m³.
    pm25_counterfactual_ug_m3, no2_counterfactual_ug_m3 : float
        Counterfactual concentrations [µg/m³].
    baseline_mortality_per_100k : float
        Adults 30+ [per 100,000 per year].
    adult_30plus_share : float
        Share of adults 30+ [-].
    ihd_incidence_per_100k : float
        IHD incidence [per 100,000 per year].
    disability_weights : mapping, optional
        ``high_annoyance`` and ``high_sleep_disturbance`` (default: the reference values).

    Returns
    -------
    dict
        ``population``, ``pop_above_lden_guideline``, ``pop_above_lnight_guideline``,
        ``highly_annoyed``, ``highly_sleep_disturbed``, ``ihd_cases_per_year`` (and
        ``_low``/``_high`` from the RR CI), ``pm25_deaths_per_year`` and ``no2_deaths_per_year``
        (with ``_low``/``_high``), ``pop_above_pm25_aqg``, ``pop_above_no2_aqg``,
        ``dalys_per_year`` (annoyance + sleep disturbance).
    """
    pop = levels["population"].to_numpy(float)
    weights = {k: float(dw.loc[k, "value"]) for k in ("high_annoyance", "high_sleep_disturbance")}
    weights.update(disability_weights or {})
    ha = float(np.sum(pop * percent_highly_annoyed(levels["lden"], erf) / 100.0))
    hsd = float(np.sum(pop * percent_highly_sleep_disturbed(levels["lnight"], erf) / 100.0))
    out = {
        "population": float(pop.sum()),
        "pop_above_lden_guideline": float(
            pop[levels["lden"].to_numpy() > _v(erf, "who_road_lden_db")].sum()
        ),
        "pop_above_lnight_guideline": float(
            pop[levels["lnight"].to_numpy() > _v(erf, "who_road_lnight_db")].sum()
        ),
        "pop_above_pm25_aqg": float(
            pop[levels["pm25"].to_numpy() > _v(air, "pm25_aqg_ug_m3")].sum()
        ),
        "pop_above_no2_aqg": float(pop[levels["no2"].to_numpy() > _v(air, "no2_aqg_ug_m3")].sum()),
        "highly_annoyed": ha,
        "highly_sleep_disturbed": hsd,
        "dalys_per_year": ha * weights["high_annoyance"] + hsd * weights["high_sleep_disturbance"],
    }
    rr_ihd = erf.loc["ihd_rr_per_10db"]
    for suffix, rr in (("", rr_ihd["value"]), ("_low", rr_ihd["low"]), ("_high", rr_ihd["high"])):
        out[f"ihd_cases_per_year{suffix}"] = ihd_cases_per_year(
            pop, levels["lden"], erf, ihd_incidence_per_100k, float(rr)
        )
    for name, rr, x0 in (
        ("pm25", pm25_rr_per_10, pm25_counterfactual_ug_m3),
        ("no2", no2_rr_per_10, no2_counterfactual_ug_m3),
    ):
        for suffix, key in (("", "central"), ("_low", "low"), ("_high", "high")):
            out[f"{name}_deaths_per_year{suffix}"] = attributable_deaths_per_year(
                pop,
                levels[name],
                float(rr[key]),
                x0,
                baseline_mortality_per_100k,
                adult_30plus_share,
            )
    return out


#: Rows of the burden comparison table: key, French label, unit, decimals.
BURDEN_ROWS = (
    ("pop_above_lden_guideline", "Habitants au-delà de la valeur guide OMS (Lden)", "habitants", 0),
    (
        "pop_above_lnight_guideline",
        "Habitants au-delà de la valeur guide OMS (Lnight)",
        "habitants",
        0,
    ),
    ("highly_annoyed", "Personnes fortement gênées par le bruit", "personnes", 0),
    ("highly_sleep_disturbed", "Personnes au sommeil fortement perturbé", "personnes", 0),
    ("ihd_cases_per_year", "Cardiopathies ischémiques attribuables au bruit", "cas/an", 2),
    ("dalys_per_year", "Années de vie en bonne santé perdues (gêne, sommeil)", "DALY/an", 1),
    ("pop_above_pm25_aqg", "Habitants au-delà de la valeur guide OMS PM2.5", "habitants", 0),
    ("pop_above_no2_aqg", "Habitants au-delà de la valeur guide OMS NO2", "habitants", 0),
    ("pm25_deaths_per_year", "Décès attribuables aux PM2.5", "décès/an", 2),
    ("no2_deaths_per_year", "Décès attribuables au NO2", "décès/an", 2),
)


def compare(before: Mapping[str, float], after: Mapping[str, float]):
    """Before / after / difference table of :func:`burden` results (French labels).

    Returns
    -------
    pandas.DataFrame
        One row per :data:`BURDEN_ROWS` entry: ``key``, ``Indicateur``, ``Unité``, ``Avant``,
        ``Après``, ``Différence`` (after minus before), the ranges from the relative risks'
        confidence intervals where they exist (``low_before``, ``high_before``,
        ``low_after``, ``high_after``, else None) and ``decimals`` (how many to show).
    """
    import pandas as pd

    rows = []
    for key, label, unit, decimals in BURDEN_ROWS:
        rows.append(
            {
                "key": key,
                "Indicateur": label,
                "Unité": unit,
                "Avant": before[key],
                "Après": after[key],
                "Différence": after[key] - before[key],
                "low_before": before.get(f"{key}_low"),
                "high_before": before.get(f"{key}_high"),
                "low_after": after.get(f"{key}_low"),
                "high_after": after.get(f"{key}_high"),
                "decimals": decimals,
            }
        )
    return pd.DataFrame(rows)


def parameter_rows(values: Mapping, air):
    """Rows of "Hypothèses et sources" for the site's own inputs (exposure file, berm,
    receiver, counterfactuals, evaluation files), flagged when illustrative.

    Parameters
    ----------
    values : mapping
        The validated parameters (``model.domain_values()`` of the notebook's schema).
    air : pandas.DataFrame
        ``qsp_lib.reference.air_health()`` (to recognise the WHO guideline values).

    Returns
    -------
    pandas.DataFrame
        ``item``, ``value``, ``unit``, ``source``, ``note`` rows.
    """
    from pathlib import Path

    import pandas as pd

    site_file = "fichier de paramètres du site (source en commentaire)"

    def flag(illustrative: bool) -> str:
        return "hypothèse (données illustratives)" if illustrative else "donnée du site"

    rows = [
        {
            "item": "Exposition par zone : population, Lden, Lnight, NO2, PM2.5",
            "value": Path(values["exposure_csv"]).name,
            "unit": "",
            "source": site_file,
            "note": flag(values.get("exposure_is_illustrative", False)),
        }
    ]
    berm = values.get("berm")
    if berm:
        geometry = " / ".join(
            f"{berm[k]:g}"
            for k in ("height_m", "crest_width_m", "base_width_m", "distance_to_road_m")
        )
        rows.append(
            {
                "item": "Butte : hauteur / largeur de crête / emprise / distance à l'axe",
                "value": geometry,
                "unit": "m",
                "source": site_file,
                "note": f"sol G = {berm['ground_factor']:g}, "
                f"source à {berm['source_height_m']:g} m",
            }
        )
        rows.append(
            {
                "item": "Récepteur de référence : distance à l'axe / hauteur",
                "value": f"{values['reference_receiver_distance_m']:g} / "
                f"{values['reference_receiver_height_m']:g}",
                "unit": "m",
                "source": site_file,
                "note": "paramètre",
            }
        )
    rows.append(
        {
            "item": "Correction de façade appliquée aux niveaux de bruit",
            "value": values.get("facade_correction_db", 0.0),
            "unit": "dB",
            "source": site_file,
            "note": "niveaux appliqués tels quels"
            if not values.get("facade_correction_db")
            else "paramètre",
        }
    )
    for pollutant, label in (("pm25", "PM2.5"), ("no2", "NO2")):
        x0 = float(values[f"{pollutant}_counterfactual_ug_m3"])
        aqg = float(air.loc[f"{pollutant}_aqg_ug_m3", "value"])
        rows.append(
            {
                "item": f"Concentration de référence (contrefactuel) {label}",
                "value": x0,
                "unit": "µg/m³",
                "source": "valeur guide OMS (2021)" if math.isclose(x0, aqg) else site_file,
                "note": "publié" if math.isclose(x0, aqg) else "paramètre",
            }
        )
    for key, flag_key, label in (
        ("indicators_csv", "indicators_are_illustrative", "Cadre d'évaluation (indicateurs)"),
        ("pilots_csv", "pilots_are_illustrative", "Objectifs et mesures des opérations pilotes"),
    ):
        if values.get(key):
            rows.append(
                {
                    "item": label,
                    "value": Path(values[key]).name,
                    "unit": "",
                    "source": site_file,
                    "note": flag(values.get(flag_key, False)),
                }
            )
    return pd.DataFrame(rows, columns=["item", "value", "unit", "source", "note"])


def sources_rows(
    erf,
    air,
    dw,
    spectrum,
    overrides: Mapping[str, float] | None = None,
    parameters: Mapping | None = None,
):
    """Rows of the brief's "Hypothèses et sources" section for the reference data used.

    Parameters
    ----------
    erf, air, dw, spectrum : pandas.DataFrame
        Reference tables (``noise_health``, ``air_health``, ``disability_weights``,
        ``traffic_noise_spectrum``).
    overrides : mapping, optional
        Key -> value replaced by the parameter file (flagged in the table).
    parameters : mapping, optional
        The validated parameters: their rows (:func:`parameter_rows`) come first.

    Returns
    -------
    pandas.DataFrame
        ``item``, ``value``, ``unit``, ``source``, ``note`` rows (``note``: "publié",
        "hypothèse" or "imposé par paramètre").
    """
    import pandas as pd

    from qsp_lib import reference

    overrides = dict(overrides or {})
    parts = []
    for table in (erf, air, dw):
        # a parameter equal to the published value is not an override
        changed = {
            k: float(v)
            for k, v in overrides.items()
            if k in table.index and not math.isclose(float(v), float(table.loc[k, "value"]))
        }
        parts.append(reference.sources_table(table, changed))
    first = spectrum.iloc[0]
    values = " ; ".join(
        f"{int(f)} Hz : {int(v)}"
        for f, v in zip(spectrum["frequency_hz"], spectrum["value"], strict=True)
    )
    parts.append(
        pd.DataFrame(
            [
                {
                    "key": "traffic_noise_spectrum",
                    "item": "Spectre normalisé du bruit de trafic routier (tiers d'octave, dB(A))",
                    "value": values,
                    "unit": "dB(A)",
                    "source": f"{first['source']} ({int(first['year'])})",
                    "status": "publié",
                }
            ]
        )
    )
    df = pd.concat(parts, ignore_index=True).rename(columns={"status": "note"})
    df = df[["item", "value", "unit", "source", "note"]]
    if parameters is not None:
        df = pd.concat([parameter_rows(parameters, air), df], ignore_index=True)
    return df
