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
``carbon_value_eur_per_t_co2e``, ``discount_rate``, ``boundaries`` (the conventions at the
edges of the balance: late delivery, end of life of the kept stock, anchor of the dynamic
weighting, discount base year, car fleet; :class:`Boundaries`); the structural choices
``heating``, ``new_build_phasing`` and ``equal_service``; and ``scenarios``, named sets of
``changes`` deep-merged into these parameters (validated like them), run with
``scenario_draws`` draws.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    PrivateAttr,
    ValidationError,
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
    #: all in (works, transport and treatment of the waste): without the materials flows
    demolition: OptFactor = None
    #: on-site works only: with the materials flows (their routes added)
    demolition_on_site: OptFactor = None


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


class Fleet(StrictModel):
    """Renewal of the car fleet after the end of sales of new combustion cars.

    From ``end_of_combustion_sales_year`` every new car is electric; the fleet, of uniform
    age over ``car_lifetime_years``, renews by ``1 / car_lifetime_years`` each year, so the
    combustion share of car-km falls linearly to zero ``car_lifetime_years`` later. ``None``
    keeps the combustion share of the modal mix (no renewal).
    """

    #: Regulation (EU) 2023/851: 100 % CO2 reduction for new cars from 2035.
    end_of_combustion_sales_year: CalendarYear | None = 2035
    car_lifetime_years: Annotated[int, Field(ge=1, le=40)] = 18


class Boundaries(StrictModel):
    """Conventions at the edges of the balance (each one a plain parameter that a scenario
    can override); their effect is shown in the brief's « Périmètre et conventions »."""

    #: Embodied carbon of works delivered in study year d: ``full_life`` counts all of it;
    #: ``prorated`` counts the share ``min(1, (N - d) / reference_life_years)``.
    late_delivery: Literal["full_life", "prorated"] = "full_life"
    #: Reference life of a building [years] (RE2020: 50).
    reference_life_years: Annotated[int, Field(ge=1, le=200)] = 50
    #: Existing structures kept (unchanged or rehabilitated): never demolished (``none``),
    #: demolished in ``kept_stock_end_of_life_year`` (``demolished_at_year``), or their
    #: demolition counted for the years of their life that fall in the period
    #: (``residual_value``, life ``kept_structure_life_years`` from their construction).
    kept_stock_end_of_life: Literal["none", "demolished_at_year", "residual_value"] = "none"
    #: Calendar year of that demolition; ``None``: the end of the study period.
    kept_stock_end_of_life_year: CalendarYear | None = None
    kept_structure_life_years: Annotated[int, Field(ge=1, le=300)] = 100
    #: RE2020 dynamic weighting counted from study year 0 (``common_year``) or, for each
    #: building's works, from their year (``delivery_year``).
    dynamic_anchor: Literal["common_year", "delivery_year"] = "common_year"
    #: Year the carbon value is discounted to; ``None``: ``start_year``.
    discount_base_year: CalendarYear | None = None
    fleet: Fleet = Field(default_factory=Fleet)


#: A heating carrier, or ``site``: the one of ``site.yaml`` (``buildings[].heating_carrier``,
#: and ``typologies.<t>.rehabilitated_carrier`` after a rehabilitation).
CarrierOrSite = Literal["site", "gas", "fuel_oil", "wood", "electricity", "district_heating"]


class Heating(StrictModel):
    """Heating carrier of each stock until and after its works (a structural choice).

    ``existing_before_works`` heats the existing buildings (kept, awaiting demolition or
    rehabilitation) until their works, and the kept ones throughout; ``after_works`` heats
    the rehabilitated and new buildings after their works. ``site``: as ``site.yaml`` says.
    """

    existing_before_works: CarrierOrSite = "site"
    after_works: CarrierOrSite = "site"


class EqualService(StrictModel):
    """Equal service: the households of demolished buildings are rehoused and heated.

    With ``count_rehoused``, an option heats, each year, the living area demolished so far
    and not yet replaced by new dwellings delivered (rehoused households, elsewhere) at
    ``rehoused_heated_kwh_per_m2_year`` with ``rehoused_carrier`` (``site``: the carrier of
    the demolished buildings before their works), so that every option heats the same
    households.
    """

    count_rehoused: bool = False
    rehoused_heated_kwh_per_m2_year: NonNegFloat = 170.0
    rehoused_carrier: CarrierOrSite = "site"


#: What a scenario may not change: the engine's fields, the draws and the reference.
FIXED_IN_SCENARIOS = (
    "site",
    "site_dir",
    "parameter_file",
    "outputs_dir",
    "exports_dir",
    "scenarios",
    "scenario_draws",
    "monte_carlo_draws",
    "seed",
    "distribution",
    "reference_option",
)


class Scenario(StrictModel):
    """A named structural scenario: ``changes`` deep-merged into the parameters."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    name: Annotated[str, Field(min_length=1)]
    description: str = ""
    changes: dict[str, Any] = Field(default_factory=dict)


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
    discount_rate: Annotated[float, Field(ge=0, le=0.2)] = 0.045
    boundaries: Boundaries = Field(default_factory=Boundaries)
    heating: Heating = Field(default_factory=Heating)
    #: ``site``: the works years of site.yaml; ``aligned_with_reference``: the new build of
    #: every option over the reference option's new-build years (and RE2020 thresholds).
    new_build_phasing: Literal["site", "aligned_with_reference"] = "site"
    equal_service: EqualService = Field(default_factory=EqualService)
    #: Structural scenarios; the base (these parameters as written) is always the first.
    scenarios: list[Scenario] = Field(default_factory=list)
    #: Draws of the envelope of each scenario (fewer than ``monte_carlo_draws``: run time).
    scenario_draws: Annotated[int, Field(ge=100, le=1_000_000)] = 2_000

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
        eol = self.boundaries.kept_stock_end_of_life_year
        if eol is not None and not self.start_year <= eol <= last:
            problems.append(
                f"boundaries.kept_stock_end_of_life_year : {eol} hors de la période étudiée "
                f"(attendue entre start_year {self.start_year} et {last})"
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

    @field_validator("scenarios", mode="after")
    @classmethod
    def _scenarios_are_parameters(
        cls, scenarios: list[Scenario], info: ValidationInfo
    ) -> list[Scenario]:
        """Every scenario's ``changes`` are parameters of this schema: an unknown key, a
        fixed one (:data:`FIXED_IN_SCENARIOS`) or a bad value names the scenario and key."""
        ids = [s.id for s in scenarios]
        dup = sorted({i for i in ids if ids.count(i) > 1} | ({"base"} & set(ids)))
        if dup:
            raise ValueError(
                f"id de scénario en double ou réservé ({', '.join(dup)}) ; « base » désigne "
                "les paramètres tels qu'écrits"
            )
        if not scenarios or "options" not in info.data:
            return scenarios  # the other fields failed: reported on their own
        base = {k: _dumped(v) for k, v in info.data.items()}
        problems = []
        for scenario in scenarios:
            fixed = [k for k in scenario.changes if k in FIXED_IN_SCENARIOS]
            if fixed:
                problems.append(
                    f"scénario {scenario.id}, changes.{', changes.'.join(fixed)} : ne peut pas "
                    "varier d'un scénario à l'autre (mêmes tirages, même option de référence)"
                )
                continue
            try:
                _scenario_model(cls, base, scenario, info.context)
            except ValidationError as exc:
                problems += [
                    f"scénario {scenario.id}, {_scenario_problem(e)}" for e in exc.errors()
                ]
        if problems:
            raise ValueError(" ; ".join(problems))
        return scenarios

    def scenario_parameters(self, scenario: Scenario) -> GhgPlanningOptionsParameters:
        """These parameters with ``scenario.changes`` deep-merged (validated, no scenarios)."""
        context = {"site_dir": self._site_dir} if self._site_dir is not None else None
        out = _scenario_model(type(self), self.model_dump(exclude={"scenarios"}), scenario, context)
        out._site = self._site
        out._inputs = dict(self._inputs)
        out._site_dir = self._site_dir
        return out

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


def deep_merge(base: dict, changes: dict) -> dict:
    """``base`` with ``changes`` merged key by key at every depth (a non-mapping value, or
    ``null``, replaces)."""
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _dumped(value: Any) -> Any:
    """A validated value as plain data (models dumped, at any depth)."""
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, dict):
        return {k: _dumped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dumped(v) for v in value]
    return value


def _scenario_model(cls: type, base: dict, scenario: Scenario, context: Any):
    """``cls`` validated from ``base`` (plain data) with ``scenario.changes`` deep-merged."""
    data = dict(base)
    shared = scenario.changes.get("all_options")
    if isinstance(shared, dict) and isinstance(data.get("options"), dict):
        # the options already hold all_options: a change of it reaches each of them
        data["options"] = {k: deep_merge(v or {}, shared) for k, v in data["options"].items()}
    data = deep_merge(data, scenario.changes)
    data["scenarios"] = []
    return cls.model_validate(data, context=context or None)


def _scenario_problem(err: dict) -> str:
    """One validation error of a scenario, as ``key.path : what``."""
    path = ".".join(str(p) for p in err.get("loc", ()))
    if err.get("type") == "extra_forbidden":
        return f"clé inconnue changes.{path}"
    return f"changes.{path} : {err.get('msg', '')}" if path else str(err.get("msg", ""))


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
