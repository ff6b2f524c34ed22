"""Parameters of the ``pv_yield`` notebook (PV plant on the acoustic berm, or on roofs).

Public names (contract): required ``latitude_deg``, ``longitude_deg``, ``weather``, ``arrays``;
with defaults ``altitude_m``, ``system_losses_percent``, ``capex_eur_per_kwp``,
``opex_eur_per_kwp_year``, ``lifetime_years``, ``discount_rate``,
``degradation_percent_per_year``, ``tariff_eur_per_mwh``, ``grid_kg_co2e_per_kwh``,
``pv_lifecycle_kg_co2e_per_kwp``. Further parameters: ``timezone``, ``inverter_efficiency``,
``gamma_pdc_percent_per_c``, ``dc_ac_ratio``, ``albedo``, ``resource_sd_percent``,
``model_sd_percent``, ``load``, ``layout_tilts_deg``, ``layout_azimuths_deg``.

``weather`` is either a monthly climatology::

    {source: climatology, sunshine_hours_monthly: [12] | ghi_monthly_kwh_m2: [12],
     temp_air_monthly_c: [12], seed: 0}

or a file::

    {source: file, path: tmy.json, format: pvgis | epw | tmy3}

Defaults follow the module constants of :mod:`.model.system` and :mod:`.model.weather` (each
with its source there); the economic and carbon defaults come from the QSP reference pv.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from qsp_lib.core.params import (
    FiniteFloat,
    NonNegFloat,
    NotebookParameters,
    PositiveFloat,
    SitePath,
    StrictModel,
)

Monthly = Annotated[list[FiniteFloat], Field(min_length=12, max_length=12)]
MonthlyNonNeg = Annotated[list[NonNegFloat], Field(min_length=12, max_length=12)]
DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Daytime load shape of public buildings and an urban farm (qsp_lib.pv.model.LOAD_SHAPE_DAYTIME).
_LOAD_SHAPE = [
    0.4, 0.4, 0.4, 0.4, 0.4, 0.5, 0.7, 1.0, 1.4, 1.6, 1.6, 1.6,
    1.5, 1.6, 1.6, 1.5, 1.4, 1.2, 1.0, 0.8, 0.6, 0.5, 0.4, 0.4,
]  # fmt: skip


class ClimatologyWeather(StrictModel):
    """Monthly climatology turned into an hourly typical year (qsp_lib.pv.model.weather)."""

    source: Literal["climatology"]
    ghi_monthly_kwh_m2: MonthlyNonNeg | None = None
    sunshine_hours_monthly: MonthlyNonNeg | None = None
    temp_air_monthly_c: Monthly
    seed: Annotated[int, Field(ge=0)] = 0
    # FAO-56 defaults (Allen et al. 1998, eq. 35): the documented fallback when no pair is
    # calibrated for the climate; the Lille sites use Rietveld (1978) for their sunshine
    # (qsp_lib.pv.model.weather.angstrom_rietveld: a = 0.192, b = 0.589 at Lille-Lesquin).
    angstrom_a: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = 0.25
    angstrom_b: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = 0.50
    wind_speed_m_s: Annotated[float, Field(ge=0, le=40, allow_inf_nan=False)] = 3.0
    daily_temp_range_monthly_c: MonthlyNonNeg | None = None
    station: str | None = None

    @model_validator(mode="after")
    def _one_irradiation_source(self):
        if (self.ghi_monthly_kwh_m2 is None) == (self.sunshine_hours_monthly is None):
            raise ValueError(
                "exactement une des deux listes de 12 valeurs : ghi_monthly_kwh_m2 (kWh/m² "
                "par mois) ou sunshine_hours_monthly (heures d'ensoleillement par mois)"
            )
        if self.sunshine_hours_monthly is not None:
            for i, (h, d) in enumerate(
                zip(self.sunshine_hours_monthly, DAYS_IN_MONTH, strict=True)
            ):
                if h > 24 * d:
                    raise ValueError(
                        f"sunshine_hours_monthly[{i}] = {h} h dépasse la durée du mois "
                        f"({24 * d} h) : des heures d'ensoleillement mensuelles"
                    )
        if self.angstrom_a + self.angstrom_b > 1:
            raise ValueError(
                "angstrom_a + angstrom_b ≤ 1 (fraction du rayonnement hors atmosphère)"
            )
        return self


class FileWeather(StrictModel):
    """A typical-year weather file brought by the user (read with pvlib.iotools)."""

    source: Literal["file"]
    path: SitePath
    format: Literal["pvgis", "epw", "tmy3"]

    @model_validator(mode="after")
    def _looks_like_the_format(self):
        _sniff_weather_file(Path(self.path), self.format)
        return self


Weather = Annotated[ClimatologyWeather | FileWeather, Field(discriminator="source")]


class PvArray(StrictModel):
    """One PV array: orientation and either peak power or available area."""

    name: Annotated[str, Field(min_length=1, max_length=80)]
    surface_tilt_deg: Annotated[float, Field(ge=0, le=90, allow_inf_nan=False)]
    surface_azimuth_deg: Annotated[float, Field(ge=0, le=360, allow_inf_nan=False)]
    peak_power_kwp: PositiveFloat | None = None
    area_m2: PositiveFloat | None = None
    module_power_density_kwp_m2: Annotated[float, Field(gt=0, le=0.3, allow_inf_nan=False)] = 0.21
    ground_coverage_ratio: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)] = 0.5
    ground_slope_deg: Annotated[float, Field(ge=0, le=90, allow_inf_nan=False)] = 0.0
    note: str | None = None

    @model_validator(mode="after")
    def _power_or_area(self):
        if (self.peak_power_kwp is None) == (self.area_m2 is None):
            raise ValueError(
                "exactement un des deux champs peak_power_kwp (kWc) ou area_m2 (surface "
                "disponible, m²)"
            )
        return self


class LoadProfile(StrictModel):
    """On-site consumption to compute the self-consumed share of production."""

    label: str = "consommation sur site"
    annual_kwh: PositiveFloat
    hourly_shape: Annotated[list[NonNegFloat], Field(min_length=24, max_length=24)] = Field(
        default_factory=lambda: list(_LOAD_SHAPE)
    )
    weekend_factor: Annotated[float, Field(ge=0, le=2, allow_inf_nan=False)] = 0.6

    @model_validator(mode="after")
    def _positive_shape(self):
        if sum(self.hourly_shape) <= 0:
            raise ValueError("hourly_shape : 24 poids dont la somme est positive")
        return self


class PvYieldParameters(NotebookParameters):
    """Parameters of ``notebooks/pv_yield.ipynb``."""

    latitude_deg: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
    longitude_deg: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
    weather: Weather
    arrays: Annotated[list[PvArray], Field(min_length=1, max_length=20)]
    altitude_m: Annotated[float, Field(ge=-500, le=9000, allow_inf_nan=False)] = 0.0
    timezone: str = "Europe/Paris"
    system_losses_percent: Annotated[float, Field(ge=0, lt=100, allow_inf_nan=False)] = 14.0
    inverter_efficiency: Annotated[float, Field(gt=0.5, le=1, allow_inf_nan=False)] = 0.96
    gamma_pdc_percent_per_c: Annotated[float, Field(ge=-1, le=0, allow_inf_nan=False)] = -0.37
    dc_ac_ratio: Annotated[float, Field(ge=0.5, le=3, allow_inf_nan=False)] = 1.2
    albedo: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = 0.2
    capex_eur_per_kwp: NonNegFloat = 800.0
    opex_eur_per_kwp_year: NonNegFloat = 15.0
    lifetime_years: Annotated[int, Field(ge=1, le=60)] = 30
    discount_rate: Annotated[float, Field(ge=0, le=0.3, allow_inf_nan=False)] = 0.04
    degradation_percent_per_year: Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)] = 0.5
    tariff_eur_per_mwh: NonNegFloat = 79.3
    grid_kg_co2e_per_kwh: NonNegFloat = 0.052
    pv_lifecycle_kg_co2e_per_kwp: NonNegFloat = 450.0
    resource_sd_percent: Annotated[float, Field(ge=0, le=50, allow_inf_nan=False)] = 5.0
    model_sd_percent: Annotated[float, Field(ge=0, le=50, allow_inf_nan=False)] | None = None
    load: LoadProfile | None = None
    layout_tilts_deg: Annotated[
        list[Annotated[float, Field(ge=0, le=90, allow_inf_nan=False)]],
        Field(min_length=1, max_length=50),
    ] = Field(default_factory=lambda: [0.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 50.0, 90.0])
    layout_azimuths_deg: Annotated[
        list[Annotated[float, Field(ge=0, le=360, allow_inf_nan=False)]],
        Field(min_length=1, max_length=50),
    ] = Field(
        default_factory=lambda: [
            90.0,
            120.0,
            135.0,
            150.0,
            165.0,
            180.0,
            195.0,
            210.0,
            225.0,
            270.0,
        ]
    )

    @model_validator(mode="after")
    def _unique_array_names(self):
        names = [a.name for a in self.arrays]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"des noms de champs (arrays[].name) uniques ; en double : {dup}")
        return self


def _sniff_weather_file(path: Path, fmt: str) -> None:
    """Cheap check that a weather file looks like its declared format (before any run)."""
    suffix = path.suffix.lower()
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise ValueError(f"un fichier météo lisible ({exc})") from exc
    first = head.lstrip("\ufeff").splitlines()[0] if head.strip() else ""
    if fmt == "pvgis":
        if suffix not in (".json", ".csv", ".epw"):
            raise ValueError(f"un fichier TMY PVGIS en .json, .csv ou .epw ; reçu « {path.name} »")
        if suffix == ".json" and not first.lstrip().startswith("{"):
            raise ValueError(f"un fichier JSON PVGIS (commence par « {{ ») ; illisible : {path}")
        if suffix == ".csv" and not first.lower().startswith("latitude"):
            raise ValueError(
                f"un CSV TMY PVGIS (première ligne « Latitude (decimal degrees): … ») ; "
                f"illisible : {path}"
            )
        if suffix == ".epw" and not first.startswith("LOCATION"):
            raise ValueError(f"un fichier EPW (première ligne « LOCATION,… ») ; illisible : {path}")
    elif fmt == "epw":
        if not first.startswith("LOCATION"):
            raise ValueError(f"un fichier EPW (première ligne « LOCATION,… ») ; illisible : {path}")
    elif fmt == "tmy3":
        import csv

        fields = next(csv.reader([first]), [])
        if len(fields) < 7:
            raise ValueError(
                f"un fichier TMY3 (première ligne : USAF, nom, état, fuseau, latitude, "
                f"longitude, altitude) ; illisible : {path}"
            )
        try:
            float(fields[4])
            float(fields[5])
        except ValueError:
            raise ValueError(
                f"un fichier TMY3 (latitude et longitude en 5e et 6e champs de la première "
                f"ligne) ; illisible : {path}"
            ) from None
