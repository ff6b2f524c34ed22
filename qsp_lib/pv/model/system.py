"""PV system yield on pvlib, economics, carbon and uncertainty: one namespace over the modules
of each concern (``from qsp_lib.pv.model import system as pv``).

- :mod:`.arrays`: the PV arrays (peak power, orientation, rows or laid flat);
- :mod:`.chain`: the yield chain on pvlib (solar geometry, transposition, row shading, IAM,
  cell temperature, DC and AC power), layout sweep;
- :mod:`.economics`: lifetime energy with degradation, levelised cost, revenue, payback;
- :mod:`.carbon`: avoided emissions;
- :mod:`.self_consumption`: load profile and self-consumption;
- :mod:`.uncertainty`: P50/P90, sensitivity to Angström-Prescott, comparison with references.
"""

from __future__ import annotations

from qsp_lib.pv.model.arrays import (
    FLUSH_TOLERANCE_DEG,
    GROUND_COVERAGE_RATIO,
    MODULE_POWER_DENSITY_KWP_M2,
    array_peak_power_kwp,
    arrays_table,
)
from qsp_lib.pv.model.carbon import (
    AvoidedEmissions,
    avoided_emissions,
)
from qsp_lib.pv.model.chain import (
    ALBEDO,
    DC_AC_RATIO,
    G_STC_W_M2,
    GAMMA_PDC_PER_C,
    IAM_GLASS_INDEX,
    INVERTER_EFFICIENCY,
    INVERTER_EFFICIENCY_REF,
    SYSTEM_LOSSES_PERCENT,
    TEMPERATURE_MODEL,
    TRANSPOSITION_MODEL,
    PvSimulation,
    layout_sweep,
    month_hour_matrix,
    orientation_power,
    simulate_system,
    solar_geometry,
)
from qsp_lib.pv.model.economics import (
    DEGRADATION_PERCENT_PER_YEAR,
    Economics,
    economics,
    lifetime_energy,
)
from qsp_lib.pv.model.self_consumption import (
    LOAD_SHAPE_DAYTIME,
    LOAD_WEEKEND_FACTOR,
    SelfConsumption,
    load_profile,
    self_consumption,
)
from qsp_lib.pv.model.uncertainty import (
    MODEL_SD_PERCENT_CLIMATOLOGY,
    MODEL_SD_PERCENT_FILE,
    RESOURCE_SD_PERCENT,
    SINGLE_REFERENCE_TOLERANCE,
    Z_P90,
    Exceedance,
    angstrom_sensitivity,
    compare_to_references,
    p50_p90,
)

__all__ = [
    "MODULE_POWER_DENSITY_KWP_M2",
    "GROUND_COVERAGE_RATIO",
    "FLUSH_TOLERANCE_DEG",
    "array_peak_power_kwp",
    "arrays_table",
    "TRANSPOSITION_MODEL",
    "TEMPERATURE_MODEL",
    "GAMMA_PDC_PER_C",
    "SYSTEM_LOSSES_PERCENT",
    "INVERTER_EFFICIENCY",
    "INVERTER_EFFICIENCY_REF",
    "DC_AC_RATIO",
    "ALBEDO",
    "IAM_GLASS_INDEX",
    "G_STC_W_M2",
    "PvSimulation",
    "solar_geometry",
    "orientation_power",
    "simulate_system",
    "month_hour_matrix",
    "layout_sweep",
    "DEGRADATION_PERCENT_PER_YEAR",
    "Economics",
    "lifetime_energy",
    "economics",
    "AvoidedEmissions",
    "avoided_emissions",
    "RESOURCE_SD_PERCENT",
    "MODEL_SD_PERCENT_FILE",
    "MODEL_SD_PERCENT_CLIMATOLOGY",
    "SINGLE_REFERENCE_TOLERANCE",
    "Z_P90",
    "Exceedance",
    "p50_p90",
    "angstrom_sensitivity",
    "compare_to_references",
    "SelfConsumption",
    "LOAD_SHAPE_DAYTIME",
    "LOAD_WEEKEND_FACTOR",
    "load_profile",
    "self_consumption",
]
