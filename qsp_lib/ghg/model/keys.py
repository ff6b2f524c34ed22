"""The vocabulary of the GHG model: life-cycle parts and stages, carriers, transport modes
and the keys of the factor table.

The life-cycle parts (:data:`PARTS`) roll up into the contract stages (:data:`STAGES`):
``works`` (the first six parts), ``operation_energy``, ``mobility`` and
``vegetation_soil``. "Buildings and works" (:data:`BUILDING_STAGES`) means every stage but
mobility.
"""

from __future__ import annotations

STAGES = ("works", "operation_energy", "mobility", "vegetation_soil")
PARTS = (
    "construction",
    "replacement",
    "end_of_life",
    "demolition",
    "maintenance",
    "outdoor",
    "operation_energy",
    "mobility",
    "vegetation_soil",
)
PART_INDEX = {p: i for i, p in enumerate(PARTS)}
STAGE_OF_PART = {p: ("works" if PARTS.index(p) < 6 else p) for p in PARTS}
BUILDING_STAGES = ("works", "operation_energy", "vegetation_soil")
CARRIERS = ("gas", "fuel_oil", "wood", "electricity", "district_heating")
MODES = (
    "car_thermal",
    "car_electric",
    "bus_diesel",
    "bus_electric",
    "tram",
    "metro",
    "ebike",
    "bike",
    "walk",
)
CAR_MODES = ("car_thermal", "car_electric")
WEIGHTINGS = ("static", "dynamic")
DAYS_PER_YEAR = 365.0

#: Override groups accepted in ``factors`` (parameter name -> {name: reference key}).
OVERRIDE_GROUPS: dict[str, dict[str, str]] = {
    "embodied_kg_co2e_per_m2": {
        w: f"embodied_{w}" for w in ("new", "rehabilitation", "demolition", "demolition_on_site")
    },
    "maintenance_kg_co2e_per_m2_year": {"unchanged": "embodied_maintenance"},
    "carrier_kg_co2e_per_kwh": {c: f"carrier_{c}" for c in CARRIERS},
    "mobility_kg_co2e_per_passenger_km": {m: f"mobility_{m}" for m in MODES},
    "mobility_kg_co2e_per_vehicle_km": {m: f"mobility_{m}" for m in CAR_MODES},
    "mobility_car_occupancy": {"persons_per_vehicle": "mobility_car_occupancy"},
    "outdoor": {
        "public_space_kg_co2e_per_m2": "outdoor_public_space",
        "earthworks_kg_co2e_per_m3": "outdoor_earthworks",
    },
    "vegetation": {
        "tree_sequestration_kg_co2e_per_m2_year": "vegetation_tree_sequestration",
        "tree_storage_kg_co2e_per_m2": "vegetation_tree_storage",
        "soil_desealing_kg_co2e_per_m2": "vegetation_soil_desealing",
    },
}

# Factors handled outside the linear tensor.
_TREE_SEQ = "vegetation_tree_sequestration"
_TREE_STORE = "vegetation_tree_storage"
_SOIL_YEARS = "vegetation_soil_transition_years"
_OCCUPANCY = "mobility_car_occupancy"
_SHARES = (
    "embodied_share_construction",
    "embodied_share_replacement",
    "embodied_share_end_of_life",
)
_REPLACEMENT_YEAR = "embodied_replacement_year"
_NOT_LINEAR = (_TREE_SEQ, _TREE_STORE, _SOIL_YEARS, _OCCUPANCY, _REPLACEMENT_YEAR, *_SHARES)
_TRAJ = "trajectory_"
