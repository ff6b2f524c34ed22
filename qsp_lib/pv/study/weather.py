"""Which typical year the study uses, and how much the Angström-Prescott pair weighs on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from qsp_lib.pv.model import system as pv
from qsp_lib.pv.study.plant import arrays, model_settings

if TYPE_CHECKING:
    from qsp_lib.pv.schema import PvYieldParameters

#: Tolerance [-] under which the site's Angström-Prescott pair is taken as a published pair
#: (the published Rietveld pair is rounded to 3 decimals).
PAIR_TOLERANCE = 5e-4


@dataclass(frozen=True)
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
        Extra arguments given to :func:`qsp_lib.pv.model.weather.typical_year_from_climatology`.
    """

    data: pd.DataFrame
    climatology: bool
    from_sunshine: bool
    label: str
    source: str
    generator_kwargs: dict = field(default_factory=dict)

    @property
    def estimated_irradiation(self) -> bool:
        """True when the irradiation itself is estimated from sunshine hours."""
        return self.climatology and self.from_sunshine


def weather_year(P: PvYieldParameters) -> WeatherYear:
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
    The generator of :func:`qsp_lib.pv.model.weather.typical_year_from_climatology`
    (Angström-Prescott after FAO-56, Allen et al. 1998; Markov daily sequences, Aguiar et al.
    1988; TAG hourly sequences, Aguiar & Collares-Pereira 1992; DISC, Maxwell 1987) or the file
    readers of :func:`qsp_lib.pv.io.read_weather_file` (pvlib.iotools).
    """
    if P.weather.source != "climatology":
        return _file_year(P)
    return _climatology_year(P)


def _file_year(P: PvYieldParameters) -> WeatherYear:
    from qsp_lib.pv.io import read_weather_file

    data, meta = read_weather_file(P.weather.path, P.weather.format)
    return WeatherYear(
        data=data,
        climatology=False,
        from_sunshine=False,
        label=f"fichier {P.weather.format.upper()} ({meta['source']})",
        source=f"{meta['source']} ; calcul pvlib",
    )


def _climatology_year(P: PvYieldParameters) -> WeatherYear:
    from qsp_lib.pv import reference
    from qsp_lib.pv.model import weather as wx

    W = P.weather
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


def angstrom_pairs(P: PvYieldParameters) -> pd.DataFrame:
    """The published Angström-Prescott pairs at the site, the site's own pair first.

    Parameters
    ----------
    P : PvYieldParameters
        Validated parameters with a climatology from sunshine hours.

    Returns
    -------
    DataFrame
        :func:`qsp_lib.pv.model.weather.angstrom_prescott_pairs` (label, pair, a, b, source,
        year), with the Rietveld (1978) pair of the site's sunshine, and ``site`` (True for
        the pair the study uses). The site's pair carries its published name when it equals
        one of them (within :data:`PAIR_TOLERANCE`), else the label "Paramètres du site".

    References
    ----------
    The pairs of ``qsp_lib/pv/data/angstrom_prescott.csv`` (FAO-56, Allen et al. 1998;
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


def angstrom_comparison(P: PvYieldParameters, year: WeatherYear) -> pd.DataFrame | None:
    """Irradiation and yield with each published Angström-Prescott pair and the site's own.

    Only for a year estimated from sunshine hours (None otherwise): the coefficients then
    drive the irradiation, an uncertainty to show.

    Returns
    -------
    DataFrame or None
        :func:`qsp_lib.pv.model.system.angstrom_sensitivity` over :func:`angstrom_pairs`
        (the site's pair first, ``site`` True): label, pair, a, b [-], ghi_annual_kwh_m2
        [kWh/m²], annual_energy_kwh [kWh], specific_yield_kwh_per_kwp [kWh/kWp].

    References
    ----------
    See :func:`angstrom_pairs`.
    """
    if not year.estimated_irradiation:
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
        weather_kwargs=year.generator_kwargs,
        **model_settings(P),
    )


@dataclass(frozen=True)
class AngstromSpread:
    """Figures quoted about the Angström-Prescott spread (:func:`angstrom_spread`).

    Attributes
    ----------
    site_label : str
        Name of the pair the study uses ("Rietveld (climat du site)", "Paramètres du site").
    site_pair : str
        Its short name (``"Rietveld"``, ``"FAO-56"``...; ``"site"`` when not published).
    site_energy_kwh : float
        Year-one energy with the study's pair [kWh].
    site_ghi_kwh_m2 : float
        Annual horizontal irradiation with the study's pair [kWh/m²].
    ghi_low_kwh_m2, ghi_high_kwh_m2 : float
        Lowest and highest annual horizontal irradiation over the pairs [kWh/m²].
    energy_low_kwh, energy_high_kwh : float
        Lowest and highest year-one energy over the pairs [kWh].
    low_label, high_label : str
        The pairs giving those two energies.
    spread : float
        ``energy_high / energy_low - 1`` [-].
    half_range : float
        Half the spread around the middle, comparable with a standard deviation [-].
    site_vs_high, site_vs_low : float
        Study's energy over each end, minus one [-].
    n_pairs : int
        Pairs compared.
    citations : str
        The published pairs as "name (year), ...".
    """

    site_label: str
    site_pair: str
    site_energy_kwh: float
    site_ghi_kwh_m2: float
    ghi_low_kwh_m2: float
    ghi_high_kwh_m2: float
    energy_low_kwh: float
    energy_high_kwh: float
    low_label: str
    high_label: str
    spread: float
    half_range: float
    site_vs_high: float
    site_vs_low: float
    n_pairs: int
    citations: str


def angstrom_spread(sens: pd.DataFrame) -> AngstromSpread:
    """The spread of yields over the Angström-Prescott pairs of :func:`angstrom_comparison`."""
    site = sens.loc[sens["site"]].iloc[0]
    lo = sens.loc[sens["annual_energy_kwh"].idxmin()]
    hi = sens.loc[sens["annual_energy_kwh"].idxmax()]
    e_lo, e_hi = lo["annual_energy_kwh"], hi["annual_energy_kwh"]
    published = sens[sens["pair"] != "site"]
    return AngstromSpread(
        site_label=site["label"],
        site_pair=site["pair"],
        site_energy_kwh=site["annual_energy_kwh"],
        site_ghi_kwh_m2=site["ghi_annual_kwh_m2"],
        ghi_low_kwh_m2=sens["ghi_annual_kwh_m2"].min(),
        ghi_high_kwh_m2=sens["ghi_annual_kwh_m2"].max(),
        energy_low_kwh=e_lo,
        energy_high_kwh=e_hi,
        low_label=lo["label"],
        high_label=hi["label"],
        spread=e_hi / e_lo - 1,
        half_range=(e_hi - e_lo) / (e_hi + e_lo),
        site_vs_high=site["annual_energy_kwh"] / e_hi - 1,
        site_vs_low=site["annual_energy_kwh"] / e_lo - 1,
        n_pairs=len(sens),
        citations=", ".join(f"{r.pair} ({int(r.year)})" for r in published.itertuples()),
    )
