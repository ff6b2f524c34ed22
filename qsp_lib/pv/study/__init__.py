"""The decisions of the ``pv_yield`` study, taken from its validated parameters.

``notebooks/pv_yield.ipynb`` calls these functions and keeps only figures and narrative.
Each function takes the validated parameters ``P`` (:class:`qsp_lib.pv.schema.PvYieldParameters`)
and/or results of :mod:`qsp_lib.pv.model`, and returns a frozen dataclass (or a table):

- :mod:`.weather`: which typical year (a weather file or a monthly climatology) and the
  Angström-Prescott comparison;
- :mod:`.plant`: simulation, economics, carbon, P50/P90, self-consumption, monthly and hourly
  highlights;
- :mod:`.layouts`: the orientation grid and the layout variants;
- :mod:`.comparisons`: published yields, irradiation and tariffs;
- :mod:`.sources`: the rows of "Hypothèses et sources".

Reference tables come from :mod:`qsp_lib.pv.reference`, weather files through
:mod:`qsp_lib.pv.io`.
"""

from qsp_lib.pv.study.comparisons import (
    GroupRange,
    LilleComparison,
    PvgisGap,
    ReferencePosition,
    group_range,
    lille_comparison,
    published_comparison,
    pvgis_convention_gap,
    tariff_comparison,
)
from qsp_lib.pv.study.layouts import (
    OPPOSITE_SLOPE_MIN_DEG,
    VARIANT_TILTS_DEG,
    LayoutHighlights,
    layout_comparison,
    layout_highlights,
    layout_sweep,
    layout_variants,
)
from qsp_lib.pv.study.plant import (
    SUMMER_MONTHS,
    FaceAzimuthRange,
    MonthlyHighlights,
    PeakHour,
    Uncertainty,
    arrays,
    economics,
    emissions,
    face_azimuth_range,
    model_sd_percent,
    model_settings,
    monthly_highlights,
    peak_month_hour,
    self_consumption,
    simulate,
    uncertainty,
)
from qsp_lib.pv.study.sources import SOURCE_COLUMNS, sources_rows
from qsp_lib.pv.study.weather import (
    PAIR_TOLERANCE,
    AngstromSpread,
    WeatherYear,
    angstrom_comparison,
    angstrom_pairs,
    angstrom_spread,
    weather_year,
)

__all__ = [
    "OPPOSITE_SLOPE_MIN_DEG",
    "PAIR_TOLERANCE",
    "SOURCE_COLUMNS",
    "SUMMER_MONTHS",
    "VARIANT_TILTS_DEG",
    "AngstromSpread",
    "FaceAzimuthRange",
    "GroupRange",
    "LayoutHighlights",
    "LilleComparison",
    "MonthlyHighlights",
    "PeakHour",
    "PvgisGap",
    "ReferencePosition",
    "Uncertainty",
    "WeatherYear",
    "angstrom_comparison",
    "angstrom_pairs",
    "angstrom_spread",
    "arrays",
    "economics",
    "emissions",
    "face_azimuth_range",
    "group_range",
    "layout_comparison",
    "layout_highlights",
    "layout_sweep",
    "layout_variants",
    "lille_comparison",
    "model_sd_percent",
    "model_settings",
    "monthly_highlights",
    "peak_month_hour",
    "published_comparison",
    "pvgis_convention_gap",
    "self_consumption",
    "simulate",
    "sources_rows",
    "tariff_comparison",
    "uncertainty",
    "weather_year",
]
