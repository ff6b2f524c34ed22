"""Demolition materials: PEMD inventory, routes, WFD indicators, matching with on-site needs.

- :mod:`.codes`: routes, kinds of needs and List of Waste codes;
- :mod:`.flows`: the inventory (PEMD file or estimate), its routes, the legal category of
  each tonne after where it goes (réemploi, recyclage, remblayage, valorisation
  énergétique, élimination) and the WFD indicators;
- :mod:`.matching`: the site's materials matched month by month with the needs of the works;
- :mod:`.carbon`: avoided emissions, the routes' own emissions (crushing, transport, fossil
  CO2 of energy recovery), the net, and the cost balance against landfilling everything.

The package re-exports their public names (``model.route_flows``). The CERFA layouts and
the rows of "Hypothèses et sources" are :mod:`qsp_lib.materials.report`.

Plain functions over DataFrames (no file I/O, no plotting). The notebook reads the inventory
with :mod:`qsp_lib.materials.io` and the reference tables with :mod:`qsp_lib.materials.reference`,
then passes them in.

Vocabulary
----------
- *Inventory*: one row per item or waste line of a PEMD diagnostic (CERFA 16287), with the
  columns ``building, element, material, low_code, hazardous, quantity_t`` (List of Waste code
  normalised as ``"17 01 01"``, hazardous entries with their asterisk).
- *Routes*: for each material, the shares sent to :data:`ROUTES` (they sum to 1).
- *Flows*: the inventory split by route, one row per line and route with its tonnes.

References
----------
.. [1] Directive 2008/98/EC on waste, art. 11(2)(b), as amended by Directive (EU) 2018/851:
   70 % by weight of non-hazardous construction and demolition waste, excluding naturally
   occurring material (List of Waste 17 05 04), prepared for reuse, recycled or otherwise
   materially recovered, backfilling included.
.. [2] Commission Decision 2000/532/EC (List of Waste), consolidated by Decision 2014/955/EU.
.. [3] Code de la construction et de l'habitation L.126-34, décrets 2021-821 et 2021-822,
   arrêté du 26 mars 2023 : diagnostic PEMD, formulaires CERFA 16287*01 et 16288*01.
"""

from qsp_lib.materials.model.carbon import (
    apply_overrides,
    avoided_emissions,
    cost_balance,
    net_avoided,
    route_emissions,
    substitution,
)
from qsp_lib.materials.model.codes import (
    CATEGORIES,
    DEFAULT_ACCEPTS,
    NATURAL_SOIL_CODE,
    NEED_KIND_CATEGORY,
    NEED_KINDS,
    RECOVERY_CATEGORIES,
    RECOVERY_ROUTES,
    REUSE_ROUTES,
    ROUTE_CATEGORY,
    ROUTES,
    SURPLUS_DESTINATION,
    SUSPECTED_UNTIL_TESTED,
    is_hazardous_code,
    normalise_low_code,
)
from qsp_lib.materials.model.flows import (
    INVENTORY_COLUMNS,
    INVENTORY_OPTIONAL,
    backfilling_rate,
    balance,
    estimate_inventory,
    excluded_from_recovery_rate,
    group_small,
    hazard_class,
    inventory_by_material,
    landfill_t,
    legal_flows,
    recovery_rate,
    reuse_rate,
    route_flows,
    tonnes_by_category,
    tonnes_by_route,
)
from qsp_lib.materials.model.matching import (
    Matching,
    berm_fill_coverage,
    match_supply_needs,
    need_tonnes,
    truck_trips_avoided,
)

__all__ = [
    "CATEGORIES",
    "DEFAULT_ACCEPTS",
    "NEED_KIND_CATEGORY",
    "RECOVERY_CATEGORIES",
    "ROUTE_CATEGORY",
    "SURPLUS_DESTINATION",
    "SUSPECTED_UNTIL_TESTED",
    "INVENTORY_COLUMNS",
    "INVENTORY_OPTIONAL",
    "NATURAL_SOIL_CODE",
    "NEED_KINDS",
    "RECOVERY_ROUTES",
    "REUSE_ROUTES",
    "ROUTES",
    "Matching",
    "apply_overrides",
    "avoided_emissions",
    "backfilling_rate",
    "balance",
    "berm_fill_coverage",
    "cost_balance",
    "estimate_inventory",
    "excluded_from_recovery_rate",
    "group_small",
    "hazard_class",
    "inventory_by_material",
    "is_hazardous_code",
    "landfill_t",
    "legal_flows",
    "match_supply_needs",
    "need_tonnes",
    "net_avoided",
    "normalise_low_code",
    "recovery_rate",
    "reuse_rate",
    "route_emissions",
    "route_flows",
    "substitution",
    "tonnes_by_category",
    "tonnes_by_route",
    "truck_trips_avoided",
]
