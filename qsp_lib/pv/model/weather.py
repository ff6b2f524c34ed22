"""Typical-year weather for PV yield: one namespace over the modules of each concern
(``from qsp_lib.pv.model import weather as wx``). Weather files are read by
:func:`qsp_lib.pv.io.read_weather_file` (the model reads no files).

- :mod:`.climatology`: a monthly climatology turned into an hourly typical year (method and
  measured accuracy in its docstring), monthly means of an hourly year;
- :mod:`.sunshine`: monthly irradiation from sunshine hours (Angström-Prescott, FAO-56);
- :mod:`.clearness`: daily (Markov matrices) and hourly (TAG) clearness sequences;
- :mod:`.decomposition`: beam and diffuse from the global horizontal irradiance.
"""

from __future__ import annotations

from qsp_lib.pv.model.clearness import (
    MTM_CANDIDATES,
    TAG_VARIANT,
    TAG_VARIANTS,
    daily_clearness_mtm,
    hourly_clearness_tag,
    mtm_library,
    tag_coefficients,
)
from qsp_lib.pv.model.climatology import (
    ACCURACY_DIFFUSE_FRACTION,
    ACCURACY_YIELD_PERCENT,
    CLEAR_SKY_CAP,
    DAILY_KC_AUTOCORRELATION,
    DAILY_KC_CONCENTRATION,
    DAILY_KC_MAX,
    DAILY_KC_MIN,
    DAILY_TEMP_RANGE_C_DEFAULT,
    GENERATOR_METHOD,
    GENERATOR_METHODS,
    TEMP_MAX_SOLAR_HOUR,
    WEATHER_COLUMNS,
    WIND_SPEED_DEFAULT_M_S,
    monthly_means,
    typical_year_from_climatology,
    typical_year_like,
)
from qsp_lib.pv.model.decomposition import (
    DECOMPOSITION_MODEL,
    DECOMPOSITION_MODELS,
    decompose_ghi,
)
from qsp_lib.pv.model.sunshine import (
    ANGSTROM_A_FAO56,
    ANGSTROM_B_FAO56,
    MJ_PER_KWH,
    SOLAR_CONSTANT_MJ_M2_MIN,
    TYPICAL_YEAR,
    angstrom_prescott_pairs,
    angstrom_rietveld,
    daily_extraterrestrial_mj_m2,
    monthly_ghi_from_sunshine,
    relative_sunshine,
)

__all__ = [
    "ANGSTROM_A_FAO56",
    "ANGSTROM_B_FAO56",
    "SOLAR_CONSTANT_MJ_M2_MIN",
    "MJ_PER_KWH",
    "TYPICAL_YEAR",
    "daily_extraterrestrial_mj_m2",
    "monthly_ghi_from_sunshine",
    "relative_sunshine",
    "angstrom_rietveld",
    "angstrom_prescott_pairs",
    "MTM_CANDIDATES",
    "TAG_VARIANTS",
    "TAG_VARIANT",
    "mtm_library",
    "tag_coefficients",
    "daily_clearness_mtm",
    "hourly_clearness_tag",
    "DECOMPOSITION_MODELS",
    "DECOMPOSITION_MODEL",
    "decompose_ghi",
    "WEATHER_COLUMNS",
    "DAILY_KC_CONCENTRATION",
    "DAILY_KC_AUTOCORRELATION",
    "DAILY_KC_MIN",
    "DAILY_KC_MAX",
    "DAILY_TEMP_RANGE_C_DEFAULT",
    "TEMP_MAX_SOLAR_HOUR",
    "WIND_SPEED_DEFAULT_M_S",
    "GENERATOR_METHODS",
    "GENERATOR_METHOD",
    "CLEAR_SKY_CAP",
    "ACCURACY_YIELD_PERCENT",
    "ACCURACY_DIFFUSE_FRACTION",
    "typical_year_from_climatology",
    "typical_year_like",
    "monthly_means",
]
