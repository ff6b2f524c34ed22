"""Parameters of the ``pv_yield`` notebook (PV plant on the acoustic berm, or on roofs).

Public names (contract): required ``weather``, ``arrays``; with defaults ``altitude_m``,
``system_losses_percent``, ``capex_eur_per_kwp``, ``opex_eur_per_kwp_year``,
``lifetime_years``, ``discount_rate``, ``degradation_percent_per_year``,
``tariff_eur_per_mwh``, ``grid_kg_co2e_per_kwh``,
``pv_lifecycle_kg_co2e_per_kwp``. Further parameters: ``inverter_efficiency``,
``gamma_pdc_percent_per_c``, ``dc_ac_ratio``, ``albedo``, ``resource_sd_percent``,
``model_sd_percent``, ``load``, ``layout_tilts_deg``, ``layout_azimuths_deg``.

``weather`` is either a monthly climatology::

    {source: climatology, sunshine_hours_monthly: [12] | ghi_monthly_kwh_m2: [12],
     temp_air_monthly_c: [12], seed: 0}

or a file::

    {source: file, path: tmy.json, format: pvgis | epw | tmy3}

The location (``latitude_deg``, ``longitude_deg``, ``timezone``) is the site's, read from
``site.yaml`` (:mod:`qsp_lib.core.site`): a ``pv_yield.yaml`` that still gives it is refused,
saying where it now lives; the validated parameters expose it as properties. An array on the
acoustic berm names its face (``face: talus-sud``): the face's azimuth and slope are the array's
azimuth and ground slope, its tilt stays the array's own (modules on rows, default: laid flat).

Defaults follow the module constants of :mod:`.model.system` and :mod:`.model.weather` (each
with its source there); the economic and carbon defaults come from the QSP reference pv.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from qsp_lib.core import site as site_model
from qsp_lib.core.params import (
    DEFAULT_SITE,
    FiniteFloat,
    NonNegFloat,
    NotebookParameters,
    PositiveFloat,
    SitePath,
    StrictModel,
    site_dir_for,
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


Tilt = Annotated[float, Field(ge=0, le=90, allow_inf_nan=False)]

#: Keys of an array that a berm face gives (``face: <id>``).
FACE_KEYS = ("surface_azimuth_deg", "ground_slope_deg")

#: Parameters that left ``pv_yield.yaml`` for the site model, and where they now live.
MOVED_TO_SITE = {
    "latitude_deg": "identité du site",
    "longitude_deg": "identité du site",
    "timezone": "identité du site",
}


def _site_dir(info: ValidationInfo, site: str | None = None) -> Path:
    """The site folder of a validation (its context, else ``parameters/<site>``)."""
    context = info.context or {}
    return Path(context.get("site_dir") or site_dir_for(site or DEFAULT_SITE))


def _site_of(folder: Path) -> site_model.SiteModel:
    """The site model of ``folder`` (read once per file version)."""
    path = site_model.path_of(folder)
    stamp = path.stat().st_mtime_ns if path.is_file() else None
    return site_model._cached(str(folder.resolve()), stamp)


class PvArray(StrictModel):
    """One PV array: orientation (given, or from a face of the berm) and either peak power or
    available area.

    With ``face``, the face's azimuth and slope (``site.yaml``, ``berm.faces``) are the array's
    ``surface_azimuth_deg`` and ``ground_slope_deg``; ``surface_tilt_deg`` stays the array's
    own (rows tilted on the slope), laid flat on the face when left out.
    """

    name: Annotated[str, Field(min_length=1, max_length=80)]
    face: Annotated[str, Field(min_length=1, max_length=60)] | None = None
    surface_tilt_deg: Tilt | None = None
    surface_azimuth_deg: Annotated[float, Field(ge=0, le=360, allow_inf_nan=False)] | None = None
    peak_power_kwp: PositiveFloat | None = None
    area_m2: PositiveFloat | None = None
    module_power_density_kwp_m2: Annotated[float, Field(gt=0, le=0.3, allow_inf_nan=False)] = 0.21
    ground_coverage_ratio: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)] = 0.5
    ground_slope_deg: Tilt | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _face_or_orientation(cls, data):
        if not isinstance(data, dict):
            return data
        if data.get("face") is not None:
            given = [k for k in FACE_KEYS if data.get(k) is not None]
            if given:
                raise ValueError(
                    f"face: {data['face']} donne déjà l'azimut et la pente du support : retirez "
                    f"{', '.join(given)} (ou retirez face)"
                )
        else:
            missing = [
                k for k in ("surface_tilt_deg", "surface_azimuth_deg") if data.get(k) is None
            ]
            if missing:
                raise ValueError(
                    f"{' et '.join(missing)} (obligatoire sans face), ou face: <id d'une face de "
                    f"la butte dans site.yaml>"
                )
        return data

    @field_validator("face")
    @classmethod
    def _known_face(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            _face(value, _site_dir(info))
        return value

    @model_validator(mode="after")
    def _orientation_from_face(self, info: ValidationInfo):
        if self.face is not None:
            face = _face(self.face, _site_dir(info))
            self.surface_azimuth_deg = face.azimuth_deg
            self.ground_slope_deg = face.slope_deg
            if self.surface_tilt_deg is None:
                self.surface_tilt_deg = face.slope_deg
        elif self.ground_slope_deg is None:
            self.ground_slope_deg = 0.0
        if (self.peak_power_kwp is None) == (self.area_m2 is None):
            raise ValueError(
                "exactement un des deux champs peak_power_kwp (kWc) ou area_m2 (surface "
                "disponible, m²)"
            )
        return self


def _face(face_id: str, folder: Path) -> site_model.Face:
    """The berm face ``face_id`` of the site model in ``folder`` (ValueError naming the file,
    and the known faces, when there is none)."""
    path = site_model.path_of(folder)
    try:
        model = _site_of(folder)
    except ValueError as exc:  # ParameterError: site.yaml missing or invalid
        raise ValueError(f"une face de la butte décrite dans {path} ; {exc}") from None
    if model.berm is None:
        raise ValueError(
            f"une face de la butte de {path} ; ce site n'a pas de butte (berm) : donnez "
            f"surface_tilt_deg et surface_azimuth_deg (et ground_slope_deg) au lieu de face"
        )
    known = [f.id for f in model.berm.faces]
    for candidate in model.berm.faces:
        if candidate.id == face_id:
            return candidate
    raise ValueError(
        f"une face de la butte de {path} (berm.faces : {', '.join(known) or 'aucune'}) ; "
        f"« {face_id} » inconnue"
    )


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

    weather: Weather
    arrays: Annotated[list[PvArray], Field(min_length=1, max_length=20)]
    altitude_m: Annotated[float, Field(ge=-500, le=9000, allow_inf_nan=False)] = 0.0
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

    @model_validator(mode="before")
    @classmethod
    def _location_lives_in_the_site_model(cls, data):
        """``latitude_deg``, ``longitude_deg`` and ``timezone`` left this file for site.yaml."""
        if isinstance(data, dict):
            moved = [k for k in MOVED_TO_SITE if k in data and data[k] is not None]
            if moved:
                raise ValueError(
                    " ; ".join(
                        f"{k} : se trouve maintenant dans site.yaml ({MOVED_TO_SITE[k]})"
                        for k in moved
                    )
                    + " ; retirez-le de pv_yield.yaml"
                )
        return data

    @model_validator(mode="after")
    def _read_the_site_model(self, info: ValidationInfo):
        folder = Path(self.site_dir) if self.site_dir else _site_dir(info, self.site)
        try:
            self._site = _site_of(folder)
        except ValueError as exc:
            raise ValueError(
                f"le modèle du site {site_model.path_of(folder)} (latitude, longitude, fuseau "
                f"horaire) ; {exc}"
            ) from None
        return self

    @property
    def latitude_deg(self) -> float:
        """Latitude of the site [°], from ``site.yaml``."""
        return self.site_model.latitude_deg

    @property
    def longitude_deg(self) -> float:
        """Longitude of the site [°], from ``site.yaml``."""
        return self.site_model.longitude_deg

    @property
    def timezone(self) -> str:
        """Time zone of the site, from ``site.yaml``."""
        return self.site_model.timezone

    def face_of(self, array: PvArray) -> site_model.Face | None:
        """The berm face an array lies on, or None."""
        if array.face is None or self.site_model.berm is None:
            return None
        return next((f for f in self.site_model.berm.faces if f.id == array.face), None)

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

        sep = ";" if first.count(";") > first.count(",") else ","  # a French spreadsheet's
        fields = [f.replace(",", ".") for f in next(csv.reader([first], delimiter=sep), [])]
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
