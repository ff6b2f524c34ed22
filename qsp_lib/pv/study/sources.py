"""Rows of the brief's "Hypothèses et sources": parameters, methods and reference data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from qsp_lib.pv.model import system as pv

if TYPE_CHECKING:
    from qsp_lib.pv.schema import PvYieldParameters
    from qsp_lib.pv.study.plant import Uncertainty
    from qsp_lib.pv.study.weather import WeatherYear

SOURCE_COLUMNS = ["item", "value", "unit", "low", "high", "source", "note"]

#: Where the accuracy bounds of the climatology generator were checked.
_ACCURACY_SOURCE = "tests de qsp_lib : années TMY3 de Sand Point et Greensboro fournies avec pvlib"


def _row(item: str, value: Any, unit: str, source: str, note: str = "paramètre") -> dict:
    return {
        "item": item,
        "value": value,
        "unit": unit,
        "low": None,
        "high": None,
        "source": source,
        "note": note,
    }


def sources_rows(P: PvYieldParameters, year: WeatherYear, unc: Uncertainty) -> pd.DataFrame:
    """Rows of the brief's "Hypothèses et sources": parameters, model and reference data.

    Numbers stay numbers (formatted by :func:`qsp_lib.core.brief.sources`); each row names its
    source; reference rows come from the data files with their status.

    Parameters
    ----------
    P : PvYieldParameters
    year : WeatherYear
        The study's typical year (:func:`qsp_lib.pv.study.weather.weather_year`).
    unc : Uncertainty
        The deviations used (:func:`qsp_lib.pv.study.plant.uncertainty`).

    Returns
    -------
    DataFrame
        Columns :data:`SOURCE_COLUMNS`.
    """
    from qsp_lib.pv import reference

    rows = [_row("Météo", year.label, "", year.source, note="donnée d'entrée")]
    if year.estimated_irradiation:
        rows += _angstrom_rows(P)
    if year.climatology:
        rows += _generator_rows(P)
    rows += _model_rows(P) + _economic_rows(P) + _uncertainty_rows(P, unc) + _array_rows(P)
    if P.load is not None:
        label = f"Consommation sur site ({P.load.label})"
        rows.append(_row(label, P.load.annual_kwh, "kWh/an", "hypothèse"))
    table = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    datasets = (reference.pv_benchmarks(), reference.pv_tariffs(), reference.pv_references())
    refs = [reference.sources_table(df) for df in datasets]
    refs = pd.concat(refs, ignore_index=True).rename(columns={"status": "note"})
    return pd.concat([table, refs[SOURCE_COLUMNS]], ignore_index=True)


def _angstrom_rows(P: PvYieldParameters) -> list[dict]:
    from qsp_lib.pv.study.weather import angstrom_pairs

    pair = angstrom_pairs(P).iloc[0]
    if pair["pair"] == "site":
        source, note = "fichier de paramètres", "paramètre"
    else:
        # the dataset's source ends with the formula after ": "; the reference suffices here
        source = f"{pair['label']} : {pair['source'].split(': ')[0]}"
        note = "publié"
    return [
        _row("Coefficient d'Angström-Prescott a", P.weather.angstrom_a, "-", source, note),
        _row("Coefficient d'Angström-Prescott b", P.weather.angstrom_b, "-", source, note),
    ]


def _generator_rows(P: PvYieldParameters) -> list[dict]:
    from qsp_lib.pv.model import weather as wx

    return [
        _row(
            "Forme du ciel clair",
            "Ineichen-Perez, trouble de Linke mensuel",
            "",
            "pvlib ; Remund et al. 2003 (climatologie fournie avec pvlib)",
            "méthode",
        ),
        _row(
            "Suite des journées (indice de clarté)",
            "chaînes de Markov, bibliothèque de matrices",
            "",
            "Aguiar, Collares-Pereira et Conde 1988, Solar Energy 40(3)",
            "méthode",
        ),
        _row(
            "Suite des heures dans la journée",
            "modèle TAG (variante Meteonorm)",
            "",
            "Aguiar et Collares-Pereira 1992, Solar Energy 49(3)",
            "méthode",
        ),
        _row("Variabilité : graine", P.weather.seed, "-", "fichier de paramètres"),
        _row("Direct et diffus", "modèle DISC", "", "Maxwell 1987 (pvlib)", "méthode"),
        _row(
            "Écart de productible sur deux années réelles (borne vérifiée)",
            wx.ACCURACY_YIELD_PERCENT,
            "%",
            _ACCURACY_SOURCE,
            "méthode",
        ),
        _row(
            "Écart de fraction diffuse sur deux années réelles (borne vérifiée)",
            wx.ACCURACY_DIFFUSE_FRACTION,
            "-",
            _ACCURACY_SOURCE,
            "méthode",
        ),
        _row("Vent", P.weather.wind_speed_m_s, "m/s", "hypothèse"),
    ]


def _model_rows(P: PvYieldParameters) -> list[dict]:
    return [
        _row(
            "Transposition dans le plan", "Perez 1990", "", "pvlib ; Perez et al. 1990", "méthode"
        ),
        _row(
            "Température des cellules",
            "SAPM, rack ouvert verre-verre",
            "",
            "King et al. 2004 (Sandia)",
            "méthode",
        ),
        _row(
            "Coefficient de température", P.gamma_pdc_percent_per_c, "%/°C", "PVWatts, Dobos 2014"
        ),
        _row(
            "Pertes système",
            P.system_losses_percent,
            "%",
            "PVGIS ; PVWatts v5 (repères ci-dessous)",
        ),
        _row("Rendement onduleur", P.inverter_efficiency, "-", "PVWatts, Dobos 2014"),
        _row("Ratio DC/AC", P.dc_ac_ratio, "-", "NREL PVWatts (valeur par défaut)"),
        _row("Albédo", P.albedo, "-", "valeur courante pour l'herbe (Iqbal 1983)"),
        _row(
            "Ombrage entre rangées",
            "fraction ombrée 1D sur sol en pente + masque du diffus",
            "",
            "pvlib.shading ; Anderson et Jensen 2024 ; Passias et Källbäck 1984",
            "méthode",
        ),
        _row("Dégradation", P.degradation_percent_per_year, "%/an", "Jordan et Kurtz 2013"),
    ]


def _economic_rows(P: PvYieldParameters) -> list[dict]:
    return [
        _row("Investissement", P.capex_eur_per_kwp, "€/kWc", "hypothèse (repères ci-dessous)"),
        _row("Exploitation", P.opex_eur_per_kwp_year, "€/kWc/an", "hypothèse (repère ci-dessous)"),
        _row("Durée de vie", P.lifetime_years, "ans", "hypothèse"),
        _row("Taux d'actualisation", 100 * P.discount_rate, "%", "hypothèse"),
        _row(
            "Tarif de référence",
            P.tariff_eur_per_mwh,
            "€/MWh",
            "CRE, arrêtés tarifaires (ci-dessous)",
        ),
        _row(
            "Électricité du réseau",
            P.grid_kg_co2e_per_kwh,
            "kgCO2e/kWh",
            "ADEME Base Empreinte 2023",
        ),
        _row(
            "Cycle de vie des panneaux",
            P.pv_lifecycle_kg_co2e_per_kwp,
            "kgCO2e/kWc",
            "hypothèse (repères ci-dessous)",
        ),
    ]


def _uncertainty_rows(P: PvYieldParameters, unc: Uncertainty) -> list[dict]:
    model_source = (
        "fichier de paramètres"
        if P.model_sd_percent is not None
        else "valeur par défaut de qsp_lib.pv (Huld et al. 2012)"
    )
    return [
        _row("Incertitude du gisement (écart-type)", unc.resource_sd_percent, "%", "hypothèse"),
        _row("Incertitude du modèle (écart-type)", unc.model_sd_percent, "%", model_source),
    ]


def _array_rows(P: PvYieldParameters) -> list[dict]:
    from qsp_lib.core import style

    rows = []
    default_source = "paramètres du site (hypothèses, voir le fichier de paramètres)"
    for a in P.arrays:
        geometry = style.fmt(
            "inclinaison {tilt:n1}°, azimut {azimuth:n0}°, pente {slope:n1}°",
            tilt=a.surface_tilt_deg,
            azimuth=a.surface_azimuth_deg,
            slope=a.ground_slope_deg,
        )
        if a.peak_power_kwp is not None:
            kwp, how = a.peak_power_kwp, ""
        else:
            kwp = pv.array_peak_power_kwp(
                None, a.area_m2, a.module_power_density_kwp_m2, a.ground_coverage_ratio
            )
            how = style.fmt(
                " ; {area:n0} m² × taux d'occupation {gcr:n2} × {density:n2} kWc/m²",
                area=a.area_m2,
                gcr=a.ground_coverage_ratio,
                density=a.module_power_density_kwp_m2,
            )
        on = f"face « {a.face} » de la butte (site.yaml), " if a.face else ""
        item = f"Champ « {a.name} » ({on}{geometry}{how})"
        rows.append(_row(item, kwp, "kWc", a.note or default_source))
    return rows
