"""Parameters of the ``ghg_planning_options`` notebook (life-cycle GHG of planning options).

The options, their buildings (area, dwellings, heating carrier, typology, fate and works
years), the future residents and the berm are those of the site model
(``parameters/<site>/site.yaml``, :mod:`qsp_lib.core.site`): this file keeps what only the
GHG analysis says, the energy of each typology (``typologies``) and, per option id, outdoor
works, mobility and vegetation (``all_options`` completed by ``options.<id>``). A file that
still declares ``stocks``, ``dwellings``, ``residents`` or ``berm_earthworks_m3`` is refused
with where they now live.

Public names (contract): ``options``, ``study_period_years``, ``weighting``,
``monte_carlo_draws``, ``seed``, ``factors``. Further parameters: ``all_options``,
``typologies``, ``start_year``, ``distribution``, ``trajectories``, ``payback_reference``,
``reference_option`` (ids or names of options of ``site.yaml``), ``permit_lead_years``,
``carbon_value_eur_per_t_co2e``, ``discount_rate``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from qsp_lib.core import site as site_model
from qsp_lib.core.params import (
    DEFAULT_SITE,
    Fraction,
    NonNegFloat,
    NotebookParameters,
    ParameterError,
    StrictModel,
    site_dir_for,
)
from qsp_lib.core.site import Carrier, SiteModel

Year = Annotated[int, Field(ge=0, le=100)]
CalendarYear = Annotated[int, Field(ge=1990, le=2150)]
OptFactor = NonNegFloat | None

#: Where the facts that left this file now live (a file that still declares them fails).
MOVED = {
    "stocks": "les bâtiments (surface, logements, énergie de chauffage, sort et années de "
    "travaux par option) sont décrits une fois dans site.yaml (buildings)",
    "dwellings": "les logements de chaque option se déduisent des bâtiments de site.yaml "
    "(buildings, logements des bâtiments non démolis)",
    "residents": "les habitants futurs d'une option = ses logements x "
    "population.persons_per_dwelling de site.yaml",
    "berm_earthworks_m3": "le volume de remblai de la butte vient de site.yaml (berm : "
    "longueur x hauteur x (crête + base) / 2 ; 0 sans butte)",
    "options": "les options (id, nom, description, référence) sont celles de site.yaml "
    "(options.items) ; ce fichier garde, par id d'option (options.<id>), ce qui est propre "
    "aux GES (outdoor, mobility, vegetation)",
    "description": "la description d'une option est dans site.yaml (options.items)",
}


class Typology(StrictModel):
    """Operation energy of a building typology of the site model (``buildings[].typology``).

    A building kept as it is, and any building before its works (demolition or
    rehabilitation), uses ``energy_kwh_per_m2_year`` with its heating carrier of
    ``site.yaml``; a new building uses it after its construction; a rehabilitated one uses
    ``rehabilitated_kwh_per_m2_year`` after its works, with ``rehabilitated_carrier`` when
    the works change the carrier (else its own).
    """

    energy_kwh_per_m2_year: NonNegFloat
    rehabilitated_kwh_per_m2_year: NonNegFloat | None = None
    rehabilitated_carrier: Carrier | None = None


class Outdoor(StrictModel):
    """Public spaces of an option; the berm's fill volume comes from ``site.yaml``."""

    public_space_m2: NonNegFloat = 0.0
    #: Year of the outdoor works (and of the berm), in years since ``start_year``.
    works_year: Year = 0


class ModalShares(StrictModel):
    """Shares of passenger-km by mode (they must add up to 1)."""

    car_thermal: Fraction = 0.0
    car_electric: Fraction = 0.0
    bus_diesel: Fraction = 0.0
    bus_electric: Fraction = 0.0
    tram: Fraction = 0.0
    metro: Fraction = 0.0
    ebike: Fraction = 0.0
    bike: Fraction = 0.0
    walk: Fraction = 0.0

    @model_validator(mode="after")
    def _sum_to_one(self):
        total = sum(self.model_dump().values())
        if abs(total - 1.0) > 0.01:
            raise ValueError(f"des parts modales dont la somme vaut 1 (somme reçue : {total:.3f})")
        return self


class Mobility(StrictModel):
    """Daily mobility of an option's residents (their number comes from ``site.yaml``)."""

    km_per_person_per_day: NonNegFloat
    modal_shares_now: ModalShares
    modal_shares_target: ModalShares | None = None
    target_year: CalendarYear | None = None


class Vegetation(StrictModel):
    canopy_m2: NonNegFloat = 0.0
    desealed_m2: NonNegFloat = 0.0
    planting_year: Year = 0


class OptionBlock(StrictModel):
    """What the GHG analysis alone says of an option: outdoor works, mobility, vegetation."""

    outdoor: Outdoor | None = None
    mobility: Mobility | None = None
    vegetation: Vegetation | None = None


class EmbodiedOverrides(StrictModel):
    #: a fixed dynamic Ic_construction [kgCO2e/m²] replacing the RE2020 thresholds
    new: OptFactor = None
    rehabilitation: OptFactor = None
    demolition: OptFactor = None


class CarrierOverrides(StrictModel):
    gas: OptFactor = None
    fuel_oil: OptFactor = None
    wood: OptFactor = None
    electricity: OptFactor = None
    district_heating: OptFactor = None


class ModeOverrides(StrictModel):
    car_thermal: OptFactor = None
    car_electric: OptFactor = None
    bus_diesel: OptFactor = None
    bus_electric: OptFactor = None
    tram: OptFactor = None
    metro: OptFactor = None
    ebike: OptFactor = None
    bike: OptFactor = None
    walk: OptFactor = None


class MaintenanceOverrides(StrictModel):
    unchanged: OptFactor = None


class CarOverrides(StrictModel):
    car_thermal: OptFactor = None
    car_electric: OptFactor = None


class OccupancyOverrides(StrictModel):
    persons_per_vehicle: Annotated[float, Field(ge=1, le=9)] | None = None


class OutdoorOverrides(StrictModel):
    public_space_kg_co2e_per_m2: OptFactor = None
    earthworks_kg_co2e_per_m3: OptFactor = None


class VegetationOverrides(StrictModel):
    tree_sequestration_kg_co2e_per_m2_year: OptFactor = None
    tree_storage_kg_co2e_per_m2: OptFactor = None
    soil_desealing_kg_co2e_per_m2: OptFactor = None


class Factors(StrictModel):
    """Overrides of reference factors: an overridden factor is a fixed value, flagged."""

    embodied_kg_co2e_per_m2: EmbodiedOverrides = Field(default_factory=EmbodiedOverrides)
    carrier_kg_co2e_per_kwh: CarrierOverrides = Field(default_factory=CarrierOverrides)
    mobility_kg_co2e_per_passenger_km: ModeOverrides = Field(default_factory=ModeOverrides)
    mobility_kg_co2e_per_vehicle_km: CarOverrides = Field(default_factory=CarOverrides)
    mobility_car_occupancy: OccupancyOverrides = Field(default_factory=OccupancyOverrides)
    maintenance_kg_co2e_per_m2_year: MaintenanceOverrides = Field(
        default_factory=MaintenanceOverrides
    )
    outdoor: OutdoorOverrides = Field(default_factory=OutdoorOverrides)
    vegetation: VegetationOverrides = Field(default_factory=VegetationOverrides)


class Trajectory(StrictModel):
    """Decarbonisation of a carrier; the target and its year may carry their own ranges."""

    target_year: CalendarYear
    target_kg_co2e_per_kwh: NonNegFloat
    shape: Literal["linear", "step"] = "linear"
    target_low_kg_co2e_per_kwh: NonNegFloat | None = None
    target_high_kg_co2e_per_kwh: NonNegFloat | None = None
    target_year_low: CalendarYear | None = None
    target_year_high: CalendarYear | None = None

    @model_validator(mode="after")
    def _ranges_around_the_target(self):
        lo, hi = self.target_low_kg_co2e_per_kwh, self.target_high_kg_co2e_per_kwh
        if (lo is not None and lo > self.target_kg_co2e_per_kwh) or (
            hi is not None and hi < self.target_kg_co2e_per_kwh
        ):
            raise ValueError(
                "target_low_kg_co2e_per_kwh <= target_kg_co2e_per_kwh <= "
                f"target_high_kg_co2e_per_kwh (reçu {lo}, {self.target_kg_co2e_per_kwh}, {hi})"
            )
        ylo, yhi = self.target_year_low, self.target_year_high
        if (ylo is not None and ylo > self.target_year) or (
            yhi is not None and yhi < self.target_year
        ):
            raise ValueError(
                f"target_year_low <= target_year <= target_year_high (reçu {ylo}, "
                f"{self.target_year}, {yhi})"
            )
        return self


class Trajectories(StrictModel):
    electricity: Trajectory | None = None
    district_heating: Trajectory | None = None


class GhgPlanningOptionsParameters(NotebookParameters):
    """Parameters of the GHG analysis; the options and their buildings, the residents and
    the berm are those of the site model (``site.yaml``), read at validation."""

    study_period_years: Annotated[int, Field(ge=1, le=100)] = 50
    #: GHG data shared by every option (outdoor works, mobility, vegetation).
    all_options: OptionBlock = Field(default_factory=OptionBlock)
    #: Option id of ``site.yaml`` -> what differs from ``all_options`` (merged key by key
    #: within each block); every option of the site model gets ``all_options``.
    options: dict[str, OptionBlock] = Field(default_factory=dict)
    #: Typology of ``site.yaml`` -> operation energy (every typology of a building present
    #: in an option).
    typologies: dict[str, Typology] = Field(default_factory=dict)
    weighting: Literal["static", "dynamic"] = "static"
    monte_carlo_draws: Annotated[int, Field(ge=100, le=1_000_000)] = 10_000
    seed: Annotated[int, Field(ge=0)] = 42
    distribution: Literal["pert", "triangular"] = "pert"
    factors: Factors = Field(default_factory=Factors)
    start_year: CalendarYear = 2025
    trajectories: Trajectories = Field(default_factory=Trajectories)
    payback_reference: str | None = None
    reference_option: str | None = None
    permit_lead_years: Annotated[int, Field(ge=0, le=10)] = 2
    carbon_value_eur_per_t_co2e: dict[int, NonNegFloat] | None = None
    discount_rate: Annotated[float, Field(ge=0, le=0.2)] = 0.0

    _site: SiteModel | None = PrivateAttr(default=None)

    @field_validator("options", "all_options", mode="before")
    @classmethod
    def _moved_to_the_site_model(cls, value: Any) -> Any:
        """Refuse the facts that now live in ``site.yaml``, saying where."""
        found = sorted(_moved_keys(value))
        if found:
            raise ValueError(
                "ces données ne sont plus dans ce fichier : "
                + " ; ".join(f"{key} : {MOVED[key]}" for key in found)
            )
        return value

    @model_validator(mode="before")
    @classmethod
    def _every_option_of_the_site_model(cls, data: Any, info: ValidationInfo) -> Any:
        """Give every option of the site model ``all_options`` completed by its own block."""
        if not isinstance(data, dict) or any(
            _moved_keys(data.get(k)) for k in ("options", "all_options")
        ):
            return data  # refused by _moved_to_the_site_model
        site = _site_of(data, info)
        shared = _plain(data.get("all_options")) or {}
        own = {k: _plain(v) or {} for k, v in (data.get("options") or {}).items()}
        merged = {o.id: _merge(shared, own.pop(o.id, {})) for o in site.options.items}
        merged.update(own)  # unknown ids: refused after validation, naming site.yaml
        return {**data, "options": merged}

    @model_validator(mode="after")
    def _against_the_site_model(self, info: ValidationInfo) -> GhgPlanningOptionsParameters:
        site = _site_of({"site": self.site, "site_dir": self.site_dir}, info)
        known = [o.id for o in site.options.items]
        unknown = [k for k in self.options if k not in known]
        if unknown:
            raise ValueError(
                f"options : {', '.join(unknown)} inconnue(s) de site.yaml (options.items : "
                f"{', '.join(known)})"
            )
        last = self.start_year + self.study_period_years
        problems, untyped = [], {}
        for option in site.options.items:
            for b, w in site.buildings_under(option.id):
                typ = self.typologies.get(b.typology)
                if typ is None:
                    untyped.setdefault(b.typology, []).append(b.id)
                elif w.fate == "rehabilitate" and typ.rehabilitated_kwh_per_m2_year is None:
                    problems.append(
                        f"typologies.{b.typology}.rehabilitated_kwh_per_m2_year : attendue, "
                        f"le bâtiment {b.id} est réhabilité dans l'option {option.id}"
                    )
                if w.start_year is not None and not (
                    self.start_year <= w.start_year and w.end_year <= last
                ):
                    problems.append(
                        f"site.yaml buildings.{b.id}.fate.{option.id} : travaux "
                        f"{w.start_year}-{w.end_year} hors de la période étudiée "
                        f"(start_year {self.start_year} à {last})"
                    )
        problems[:0] = [
            f"typologies.{typology} : énergie attendue (typologie des bâtiments "
            f"{', '.join(dict.fromkeys(ids))} de site.yaml)"
            for typology, ids in untyped.items()
        ]
        if problems:
            raise ValueError(" ; ".join(dict.fromkeys(problems)))
        for name in ("payback_reference", "reference_option"):
            value = getattr(self, name)
            if value is not None:
                try:
                    setattr(self, name, site.option(value).name)
                except KeyError:
                    raise ValueError(
                        f"{name} = {value!r} : l'id ou le nom d'une option de site.yaml "
                        f"({', '.join(known)})"
                    ) from None
        self._site = site
        return self

    @property
    def site_model(self) -> SiteModel:
        """The site model these parameters were validated against."""
        if self._site is None:
            self._site = _site_of({"site": self.site, "site_dir": self.site_dir}, None)
        return self._site

    def option_names(self) -> list[str]:
        """Names of the options of the site model, in its order."""
        return [o.name for o in self.site_model.options.items]

    def comparison_reference(self) -> str:
        """The option every other one is compared with: ``reference_option``, else the
        reference option of ``site.yaml``."""
        return self.reference_option or self.site_model.reference_option.name

    def plausibility_warnings(self) -> list[tuple[str, str]]:
        """The core's warnings, and an overridden factor far outside the published range of
        ``ghg_factors.csv`` (:func:`qsp_lib.core.params.outside_published_range`)."""
        from qsp_lib.core.params import outside_published_range
        from qsp_lib.ghg.model.factors import flatten_overrides

        out = super().plausibility_warnings()
        for key, value in flatten_overrides(self.factors.model_dump()).items():
            found = outside_published_range("ghg_factors", key, value)
            if found:
                out.append((f"{self.file_label()}, factors ({key})", found))
        return out


_MOVED_IN_BLOCKS = {"mobility": ("residents",), "outdoor": ("berm_earthworks_m3",)}


def _plain(value: Any) -> Any:
    """A block as a plain mapping (a validated block put back in the namespace, re-run)."""
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_unset=True)
    return value


def _moved_keys(value: Any) -> set[str]:
    """Keys of ``MOVED`` found in an ``options`` value (the former list of options, or the
    blocks by option id) or in ``all_options``."""
    value = _plain(value)
    if isinstance(value, list):
        found, blocks = {"options", "stocks"}, [_plain(v) for v in value]
    elif isinstance(value, dict):
        found, blocks = set(), [value, *(_plain(v) for v in value.values())]
    else:
        return set()
    for block in blocks:
        if not isinstance(block, dict):
            continue
        found |= {k for k in ("stocks", "dwellings", "residents", "description") if k in block}
        for section, keys in _MOVED_IN_BLOCKS.items():
            inner = _plain(block.get(section))
            if isinstance(inner, dict):
                found |= {k for k in keys if k in inner}
    return found


def _merge(shared: dict, own: dict) -> dict:
    """``shared`` blocks completed key by key by ``own`` (``null`` removes a block)."""
    out = {k: dict(v) if isinstance(v, dict) else v for k, v in shared.items()}
    for key, value in own.items():
        value = _plain(value)
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _site_of(data: dict, info: ValidationInfo | None) -> SiteModel:
    """The site model of the parameters being validated (``site_dir`` of the validation
    context, else of the parameters, else ``parameters/<site>/``)."""
    context = (info.context if info is not None else None) or {}
    folder = context.get("site_dir") or data.get("site_dir")
    folder = folder or site_dir_for(data.get("site") or DEFAULT_SITE)
    try:
        return site_model.load(folder)
    except ParameterError as exc:
        raise ValueError(f"modèle du site illisible : {exc}") from None
