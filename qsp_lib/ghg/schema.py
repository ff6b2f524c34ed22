"""Parameters of the ``ghg_planning_options`` notebook (life-cycle GHG of planning options).

Public names (contract): ``options`` (required), ``study_period_years``, ``weighting``,
``monte_carlo_draws``, ``seed``, ``factors``. Further parameters: ``start_year``,
``distribution``, ``trajectories``, ``payback_reference``, ``reference_option``,
``permit_lead_years``, ``carbon_value_eur_per_t_co2e``, ``discount_rate``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from qsp_lib.core.params import Fraction, NonNegFloat, NotebookParameters, StrictModel

Works = Literal["demolition", "rehabilitation", "new", "unchanged"]
Carrier = Literal["gas", "fuel_oil", "wood", "electricity", "district_heating"]
Year = Annotated[int, Field(ge=0, le=100)]
CalendarYear = Annotated[int, Field(ge=1990, le=2150)]
OptFactor = NonNegFloat | None


class Stock(StrictModel):
    """A building stock of an option and what happens to it."""

    label: Annotated[str, Field(min_length=1)]
    floor_area_m2: NonNegFloat
    works: Works
    energy_kwh_per_m2_year: NonNegFloat = 0.0
    carrier: Carrier | None = None
    works_year: Year = 0
    works_year_end: Year | None = None
    permit_year: CalendarYear | None = None
    energy_before_kwh_per_m2_year: NonNegFloat = 0.0
    carrier_before: Carrier | None = None
    dwellings: NonNegFloat | None = None

    @model_validator(mode="after")
    def _energy_needs_a_carrier(self):
        if self.works_year_end is not None and self.works_year_end < self.works_year:
            raise ValueError(
                f"works_year_end ({self.works_year_end}) doit être >= works_year "
                f"({self.works_year}) : les travaux sont répartis de works_year à works_year_end"
            )
        if self.works == "demolition" and self.energy_kwh_per_m2_year > 0:
            raise ValueError(
                "un parc démoli ne consomme plus d'énergie après les travaux : "
                "energy_kwh_per_m2_year doit valoir 0 (utiliser energy_before_kwh_per_m2_year "
                "pour la période avant démolition)"
            )
        if self.energy_kwh_per_m2_year > 0 and self.carrier is None:
            raise ValueError(
                "carrier est obligatoire quand energy_kwh_per_m2_year > 0 "
                "(gas, fuel_oil, wood, electricity, district_heating)"
            )
        if self.energy_before_kwh_per_m2_year > 0 and (self.carrier_before or self.carrier) is None:
            raise ValueError("carrier_before (ou carrier) est obligatoire avant les travaux")
        return self


class Outdoor(StrictModel):
    public_space_m2: NonNegFloat = 0.0
    berm_earthworks_m3: NonNegFloat = 0.0
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
    residents: NonNegFloat
    km_per_person_per_day: NonNegFloat
    modal_shares_now: ModalShares
    modal_shares_target: ModalShares | None = None
    target_year: CalendarYear | None = None


class Vegetation(StrictModel):
    canopy_m2: NonNegFloat = 0.0
    desealed_m2: NonNegFloat = 0.0
    planting_year: Year = 0


class Option(StrictModel):
    """A planning option: building stocks and, optionally, outdoor works, mobility, vegetation."""

    name: Annotated[str, Field(min_length=1, max_length=80)]
    description: str | None = None
    dwellings: NonNegFloat | None = None
    residents: NonNegFloat | None = None
    stocks: Annotated[list[Stock], Field(min_length=1)]
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
    # study_period_years comes first so that the options can be checked against it
    study_period_years: Annotated[int, Field(ge=1, le=100)] = 50
    options: Annotated[list[Option], Field(min_length=1)]
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

    @field_validator("options")
    @classmethod
    def _unique_names_and_years(cls, options: list[Option], info: ValidationInfo):
        names = [o.name for o in options]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"des noms d'options uniques (en double : {', '.join(dup)})")
        n = info.data.get("study_period_years")
        for i, o in enumerate(options):
            for j, s in enumerate(o.stocks):
                last = max(s.works_year, s.works_year_end or 0)
                if n is not None and last > n:
                    raise ValueError(
                        f"options[{i}].stocks[{j}].works_year(_end) : au plus "
                        f"study_period_years ({n}), reçu {last}"
                    )
        return options

    @field_validator("payback_reference", "reference_option")
    @classmethod
    def _known_option(cls, value: str | None, info: ValidationInfo):
        options = info.data.get("options") or []
        names = [o.name for o in options]
        if value is not None and names and value not in names:
            raise ValueError(f"le nom d'une option parmi : {', '.join(names)}")
        return value

    def comparison_reference(self) -> str:
        """The option every other one is compared with: ``reference_option``, else
        ``payback_reference``, else the first option (the programme as signed)."""
        return self.reference_option or self.payback_reference or self.options[0].name

    def options_dicts(self) -> list[dict]:
        """Options as plain mappings for :func:`qsp_lib.ghg.model.build_model`."""
        return [o.model_dump() for o in self.options]
