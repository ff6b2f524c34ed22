"""The decisions of the ``circular_materials`` study, taken from its validated parameters.

``notebooks/circular_materials.ipynb`` calls these functions and keeps only figures and
narrative: which inventory to use (the PEMD file or an estimate from demolished floor area),
the routes, the WFD recovery rate against the legal and La Méta targets, the matching of the
supply with the needs of the works, the avoided emissions and costs, and the tables of the
brief and of the PEMD exports. Each function takes the validated parameters ``P``
(:class:`.schema.CircularMaterialsParameters`) and tables: the
inventory file is read through :mod:`.io`, the reference tables come
from :mod:`.reference`. The computations are those of :mod:`.model`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from qsp_lib.core import brief, exports, params, style
from qsp_lib.materials import io as materials_io
from qsp_lib.materials import model as materials
from qsp_lib.materials import report, wording
from qsp_lib.materials.schema import building_ids

if TYPE_CHECKING:
    from qsp_lib.materials.schema import CircularMaterialsParameters

#: French names of the estimate bounds (``estimate_bound``).
ESTIMATE_BOUND_FR = {
    "value": "valeurs centrales",
    "low": "valeurs basses",
    "high": "valeurs hautes",
}
#: French names of the hazard classes of the List of Waste.
HAZARD_CLASS_FR = {"inert": "inerte", "non_hazardous": "non dangereux", "hazardous": "dangereux"}
#: Verdicts of the recovery rate against a target (Markdown: a miss is in bold).
MET, NOT_MET = "atteint", "**non atteint**"


@dataclass(frozen=True)
class AvoidedByComponent:
    """Avoided emissions by component, central factors (:func:`.model.avoided_emissions`).

    Attributes
    ----------
    aggregates_t_co2e : float
        Natural aggregates replaced [tCO2e].
    products_t_co2e : float
        New products replaced by reuse [tCO2e].
    transport_t_co2e : float
        Transport avoided by the use on site (removal and supply) [tCO2e].
    """

    aggregates_t_co2e: float
    products_t_co2e: float
    transport_t_co2e: float


@dataclass(frozen=True)
class StockPeak:
    """The largest stock of the site's materials awaiting their use on site.

    Attributes
    ----------
    month : Timestamp
        First day of the month of the peak.
    stock_t : float
        Stock [t].
    storage_m2 : float
        Storage area of that stock [m²].
    """

    month: pd.Timestamp
    stock_t: float
    storage_m2: float


@dataclass(frozen=True)
class MaterialsStudy:
    """Inventory, routes, WFD indicators, matching with the needs, carbon and costs.

    Attributes
    ----------
    option : str
        Id of the site model's option studied.
    estimated : list of dict
        Demolished buildings estimated from living area and typology (no inventory rows),
        ``{"building", "typology", "floor_area_m2"}``.
    inventory : DataFrame
        The inventory used (file rows and estimates), one row per line [t].
    catalogue : DataFrame
        :func:`.reference.materials_catalogue`.
    used_intensity : DataFrame or None
        Demolition ratios of the estimated typologies (None without estimated buildings).
    total_low, total_high : float or None
        Inventory with the low and high ratios for the estimated buildings [t] (None without
        estimated buildings).
    factors, costs : DataFrame
        Reference factors and unit costs with the site's overrides.
    routes : dict
        Material -> route -> share [-].
    distances : dict
        Route -> distance [km].
    flows : DataFrame
        :func:`.model.route_flows` (planned routes).
    legal : DataFrame
        :func:`.model.legal_flows`: each tonne with its destination and legal category.
    matching : Matching
        :func:`.model.match_supply_needs`.
    avoided : DataFrame
        :func:`.model.avoided_emissions` (low, central, high [tCO2e]).
    money : DataFrame
        :func:`.model.cost_balance` indexed by ``item`` [€].
    emitted : DataFrame
        :func:`.model.route_emissions` (low, central, high [tCO2e]).
    """

    option: str
    estimated: list
    inventory: pd.DataFrame
    catalogue: pd.DataFrame
    used_intensity: pd.DataFrame | None
    total_low: float | None
    total_high: float | None
    factors: pd.DataFrame
    costs: pd.DataFrame
    routes: dict
    distances: dict
    flows: pd.DataFrame
    legal: pd.DataFrame
    matching: materials.Matching
    avoided: pd.DataFrame
    money: pd.DataFrame
    emitted: pd.DataFrame

    @property
    def estimated_area_m2(self) -> float:
        """Living area of the estimated buildings [m²]."""
        return float(sum(e["floor_area_m2"] for e in self.estimated))

    @property
    def total_t(self) -> float:
        """Mass of the inventory [t]."""
        return float(self.inventory["quantity_t"].sum())

    @property
    def balance(self) -> pd.DataFrame:
        """Tonnes by material and legal category (:func:`.model.balance`) [t]."""
        return materials.balance(self.legal)

    @property
    def by_route(self) -> dict[str, float]:
        """Tonnes per planned route of the parameters [t]."""
        return materials.tonnes_by_route(self.flows)

    @property
    def by_category(self) -> dict[str, float]:
        """Tonnes per legal category (:data:`.model.CATEGORIES`) [t]."""
        return materials.tonnes_by_category(self.legal)

    @property
    def recovery(self) -> float:
        """WFD material recovery rate [-]."""
        return materials.recovery_rate(self.legal)

    @property
    def backfilling_rate(self) -> float:
        """Part of the WFD rate that is backfilling, reported apart [-]."""
        return materials.backfilling_rate(self.legal)

    @property
    def reuse(self) -> float:
        """Réemploi of products over the total mass [-]."""
        return materials.reuse_rate(self.legal)

    @property
    def reuse_t(self) -> float:
        """Réemploi: products taken out before they become waste [t]."""
        return self.by_category["reemploi"]

    @property
    def recycling_t(self) -> float:
        """Recycling (road sub-base, paths, aggregates, recycling platforms) [t]."""
        return self.by_category["recyclage"]

    @property
    def backfilling_t(self) -> float:
        """Backfilling (berm and landscaping fill) [t]."""
        return self.by_category["remblayage"]

    @property
    def disposal_t(self) -> float:
        """Disposal [t]."""
        return self.by_category["elimination"]

    @property
    def suspected_t(self) -> float:
        """Tonnes counted hazardous by precaution until tested [t]."""
        col = self.inventory.get("suspected_hazardous")
        if col is None:
            return 0.0
        return float(self.inventory.loc[col.fillna(False).astype(bool), "quantity_t"].sum())

    @property
    def emitted_t(self) -> float:
        """Emissions of the routes (crushing, transport, fossil CO2), central [tCO2e]."""
        return float(self.emitted["t_co2e"].sum())

    @property
    def avoided_net(self) -> tuple[float, float, float]:
        """Net avoided emissions, low, central and high [tCO2e]."""
        return materials.net_avoided(self.avoided, self.emitted)

    @property
    def avoided_net_t(self) -> float:
        """Net avoided emissions, central factors [tCO2e]."""
        return self.avoided_net[1]

    @property
    def landfill(self) -> float:
        """Tonnes sent to disposal [t]."""
        return materials.landfill_t(self.flows)

    @property
    def excluded(self) -> dict[str, float]:
        """Hazardous and natural-soil tonnes excluded from the WFD rate [t]."""
        return materials.excluded_from_recovery_rate(self.flows)

    @property
    def recovery_scope_t(self) -> float:
        """Tonnes in the scope of the WFD rate (no hazardous waste, no natural soil) [t]."""
        return self.total_t - self.excluded["hazardous_t"] - self.excluded["natural_soil_t"]

    @property
    def recovered_t(self) -> float:
        """Tonnes reused, recycled or backfilled within the WFD scope [t]."""
        return self.recovery * self.recovery_scope_t

    @property
    def reused_t(self) -> float:
        """Réemploi of products [t] (same as :attr:`reuse_t`)."""
        return self.reuse_t

    @property
    def target_law(self) -> float:
        """Recovery target of the Waste Framework Directive [-]."""
        return float(self.factors.at["target_wfd_recovery", "value"])

    @property
    def target_meta(self) -> float:
        """Recovery target of the GIE La Méta [-]."""
        return float(self.factors.at["target_la_meta_recovery", "value"])

    @property
    def used_on_site(self) -> float:
        """Tonnes of the site's materials used by the works [t]."""
        return self.matching.total_used_t

    @property
    def surplus_t(self) -> float:
        """Tonnes meant for reuse on site that no need uses [t]."""
        return self.matching.total_exported_t

    @property
    def needs_t(self) -> float:
        return self.matching.total_need_t

    @property
    def imported_t(self) -> float:
        return self.matching.total_imported_t

    @property
    def berm_coverage(self) -> float | None:
        return materials.berm_fill_coverage(self.matching)

    @property
    def berm_need_t(self) -> float:
        needs = self.matching.needs
        return float(needs.loc[needs["kind"] == "berm_fill", "need_t"].sum())

    @property
    def trips(self) -> float:
        """Truck trips avoided by the materials used on site."""
        return materials.truck_trips_avoided(
            self.used_on_site, float(self.factors.at["truck_payload_t", "value"])
        )

    @property
    def avoided_t(self) -> float:
        """Avoided emissions, central factors [tCO2e]."""
        return float(self.avoided["t_co2e"].sum())

    @property
    def avoided_low_t(self) -> float:
        return self.avoided["low_t_co2e"].sum()

    @property
    def avoided_high_t(self) -> float:
        return self.avoided["high_t_co2e"].sum()

    @property
    def products_t(self) -> float:
        """Tonnes of products reused as such (doors, timber, whole bricks...) [t]."""
        product = materials.substitution(self.flows, self.catalogue) == "product"
        return float(self.flows.loc[product, "t"].sum())

    @property
    def saving(self) -> pd.Series:
        """Saving against the reference (all to storage, all needs bought), low, central
        and high unit costs [€]."""
        return self.money.loc["saving"]

    @property
    def saving_eur(self) -> float:
        """Saving against the reference, central unit costs [€]."""
        return self.saving["eur"]

    @property
    def reference_storage_eur(self) -> float:
        """Cost of the reference's storage of the whole inventory, central costs [€]."""
        return self.money.at["reference_storage", "eur"]

    @property
    def reference_purchase_eur(self) -> float:
        """Cost of the reference's purchase of every need as aggregates, central costs [€]."""
        return self.money.at["reference_purchases", "eur"]

    @property
    def tgap_eur_per_t(self) -> float:
        """TGAP on non-hazardous waste landfilled [€/t]."""
        return self.costs.at["tgap_non_hazardous_landfill_eur_per_t", "value"]

    @property
    def pile_height_m(self) -> float:
        """Height of the stockpiles on site [m]."""
        return self.factors.at["pile_height_m", "value"]

    @property
    def hazardous_t(self) -> float:
        """Hazardous waste, excluded from the WFD rate [t]."""
        return self.excluded["hazardous_t"]

    @property
    def natural_soil_t(self) -> float:
        """Natural soil and stones (17 05 04), excluded from the WFD rate [t]."""
        return self.excluded["natural_soil_t"]

    @property
    def on_site_t(self) -> float:
        """Tonnes planned for use on site, whatever their legal category [t]."""
        return self.by_route["reuse_on_site"]

    @property
    def energy_recovery_t(self) -> float:
        """Tonnes sent to energy recovery (outside the WFD rate) [t]."""
        return self.by_category["valorisation_energetique"]

    @property
    def avoided_by_component(self) -> AvoidedByComponent:
        """Avoided emissions by component, central factors [tCO2e]."""
        t = self.avoided.set_index("component")["t_co2e"]
        return AvoidedByComponent(t["aggregates"], t["products"], t["transport"])

    @property
    def stock_peak(self) -> StockPeak:
        """The month of the largest stock on site."""
        return stock_peak(self.matching)

    @property
    def saving_range(self) -> tuple[float, float]:
        """Lowest and highest saving over the low, central and high unit costs [€]."""
        s = self.saving[["low_eur", "eur", "high_eur"]]
        return s.min(), s.max()


def verdict(rate: float, target: float) -> str:
    """The verdict of a rate against its target: "atteint" or "**non atteint**" (Markdown)."""
    return MET if rate >= target else NOT_MET


def benchmark(rate: float, target: float) -> str:
    """Where a rate of one operation stands against a national benchmark: "au-dessus du" or
    "**en dessous du**" (Markdown). The WFD's 70 % is a Member-State target (Directive
    2008/98/EC art. 11(2)(b)), not an obligation of one operation: the words compare, they do
    not say it is met."""
    return "au-dessus du" if rate >= target else "**en dessous du**"


def net_verdict(low: float, high: float) -> str:
    """What the range of the net avoided emissions allows to say [tCO2e]: a gain or a loss
    in the whole range, or a sign that depends on the factors."""
    if low > 0:
        return "un gain net dans toute la fourchette des facteurs"
    if high < 0:
        return "une émission nette dans toute la fourchette des facteurs"
    return "le signe dépend des facteurs retenus : gain ou émission nette sont tous deux possibles"


def gap_points(rate: float, target: float) -> float:
    """Gap of a rate to its target [percentage points] (negative: below target)."""
    return 100 * (rate - target)


def inventory_source(P: CircularMaterialsParameters) -> str:
    """French description of where the inventory comes from, after the data status of
    ``inventory_csv`` (declared ``{path, status, source}``; a bare path is ``estimated``).

    Parameters
    ----------
    P : CircularMaterialsParameters
        Validated parameters (``inventory_csv`` or ``estimate``).
    """
    if not P.inventory_csv:
        return "estimation par surface démolie et typologie"
    return {
        "sourced": "diagnostic PEMD du fichier de paramètres",
        "estimated": "inventaire reconstitué, hypothèse à remplacer par le diagnostic PEMD",
        "illustrative": "inventaire illustratif, à remplacer par le diagnostic PEMD",
    }[params.input_status(P, "inventory_csv").status]


def inventory_assumption(P: CircularMaterialsParameters) -> str | None:
    """The « Hypothèse » box under the inventory: where an inventory file that is not a
    sourced PEMD diagnostic comes from (its declared ``source``, else
    :func:`inventory_source`); None for a sourced file or an estimate (said in the text).
    """
    declared = params.input_status(P, "inventory_csv")
    if not P.inventory_csv or declared.status == "sourced":
        return None
    return declared.source or inventory_source(P)


def option_inventory(
    P: CircularMaterialsParameters,
    option: str,
    file_inventory: pd.DataFrame | None,
    intensity: pd.DataFrame,
    catalogue: pd.DataFrame,
    bound: str | None = None,
) -> tuple[pd.DataFrame, list[dict]]:
    """The inventory of the buildings ``option`` demolishes (``site.yaml``): the rows of the
    inventory file for the buildings it describes, an estimate from living area and typology
    for the others.

    Parameters
    ----------
    P : CircularMaterialsParameters
        Validated parameters (their site model).
    option : str
        Id or name of an option of the site model.
    file_inventory : DataFrame or None
        The inventory file's rows (``building`` = id or name of a site.yaml building).
    intensity, catalogue : DataFrame
        ``materials_intensity`` and :func:`.reference.materials_catalogue`.
    bound : {"value", "low", "high"}, optional
        Ratios of the estimate (default ``P.estimate_bound``).

    Returns
    -------
    inventory : DataFrame
        One row per line, ``building`` = the site.yaml name [t].
    estimated : list of dict
        The estimated buildings, ``{"building", "typology", "floor_area_m2"}``.
    """
    site = P.site_model
    ids = building_ids(site)
    demolished = [b for b, _ in site.buildings_under(option, "demolish")]
    names = {b.id: b.name for b in demolished}
    parts, described = [], set()
    if file_inventory is not None and len(file_inventory):
        bid = file_inventory["building"].astype(str).str.strip().map(ids)
        rows = file_inventory[bid.isin(names)].copy()
        rows["building"] = bid[bid.isin(names)].map(names)
        described = set(bid[bid.isin(names)])
        parts.append(rows)
    estimated = [
        {"building": b.name, "typology": b.typology, "floor_area_m2": b.living_area_m2}
        for b in demolished
        if b.id not in described
    ]
    if estimated:
        parts.append(
            materials.estimate_inventory(estimated, intensity, catalogue, bound or P.estimate_bound)
        )
    parts = [p for p in parts if len(p)]
    if not parts:
        return materials.estimate_inventory([], intensity, catalogue), estimated
    return pd.concat(parts, ignore_index=True), estimated


def demolition_phases(P: CircularMaterialsParameters, option: str) -> list[dict]:
    """One demolition phase per distinct works period of the buildings ``option``
    demolishes (``site.yaml``): from January 1 of the start year to December 31 of the end
    year (site.yaml gives years, not months).

    Returns
    -------
    list of dict
        ``{"name", "start", "end", "buildings"}`` (site.yaml names), by start year.
    """
    periods: dict[tuple[int, int], list[str]] = {}
    for b, w in P.site_model.buildings_under(option, "demolish"):
        periods.setdefault((w.start_year, w.end_year), []).append(b.name)
    return [
        {
            "name": f"Démolitions {a}" if a == z else f"Démolitions {a}-{z}",
            "start": dt.date(a, 1, 1),
            "end": dt.date(z, 12, 31),
            "buildings": names,
        }
        for (a, z), names in sorted(periods.items())
    ]


def works_needs(P: CircularMaterialsParameters) -> list[dict]:
    """The needs of the works: the ``berm_fill`` need takes the fill volume of the site
    model's berm (``site.yaml``, :attr:`qsp_lib.core.site.Berm.fill_volume_m3`) and is
    dropped where the site has no berm."""
    berm = P.site_model.berm
    needs = []
    for n in P.needs:
        need = n.model_dump()
        if n.kind == "berm_fill":
            if berm is None:
                continue
            need["volume_m3"] = berm.fill_volume_m3
        needs.append(need)
    return needs


def study(
    P: CircularMaterialsParameters,
    catalogue: pd.DataFrame,
    intensity: pd.DataFrame,
    factors: pd.DataFrame,
    costs: pd.DataFrame,
    inventory: pd.DataFrame | None = None,
    option: str | None = None,
) -> MaterialsStudy:
    """The whole circular-materials study of one option of a site.

    The demolished buildings are those ``option`` demolishes in the site model; each takes
    the rows of the inventory file ``P.inventory_csv`` that name it (read through
    :func:`.io.read_inventory` unless ``inventory`` is passed), else an estimate from its
    living area and the demolition ratios of its typology. Phases are the buildings'
    demolition years; the berm fill's volume is the site model's berm.

    Parameters
    ----------
    P : CircularMaterialsParameters
        Validated parameters.
    catalogue, intensity, factors, costs : DataFrame
        :func:`.reference.materials_catalogue`, ``materials_intensity``,
        ``materials_factors`` and ``materials_costs`` (without the site's overrides: they
        are applied here).
    inventory : DataFrame, optional
        An inventory file already read (tests); by default the file ``P.inventory_csv``.
    option : str, optional
        Id or name of an option of the site model; by default its reference option.

    Returns
    -------
    MaterialsStudy

    References
    ----------
    Directive 2008/98/EC art. 11(2)(b) as amended by Directive (EU) 2018/851 (recovery rate);
    CERFA 16287*01 and 16288*01 (PEMD diagnostic and récolement); see :mod:`.model`.
    """
    factors = materials.apply_overrides(factors, P.factors)
    costs = materials.apply_overrides(costs, P.costs)
    routes = P.routes_dict()
    distances = P.distances_km.model_dump()
    option = P.site_model.option(option).id if option else P.site_model.reference_option.id
    if inventory is None and P.inventory_csv:
        inventory = materials_io.read_inventory(P.inventory_csv)
    file_inventory = inventory
    inventory, estimated = option_inventory(P, option, file_inventory, intensity, catalogue)
    used_intensity = total_low = total_high = None
    if estimated:
        used_intensity = intensity[intensity["typology"].isin([e["typology"] for e in estimated])]
        from_file = inventory.loc[~inventory["element"].eq("estimation par typologie")]
        total_low, total_high = (
            float(from_file["quantity_t"].sum())
            + float(
                materials.estimate_inventory(estimated, intensity, catalogue, bound)[
                    "quantity_t"
                ].sum()
            )
            for bound in ("low", "high")
        )
    flows = materials.route_flows(inventory, routes, catalogue)
    matching = materials.match_supply_needs(
        flows,
        demolition_phases(P, option),
        works_needs(P),
        catalogue["value"].to_dict(),
        float(factors.at["fill_density_t_per_m3", "value"]),
        float(factors.at["pile_height_m", "value"]),
    )
    legal = materials.legal_flows(flows, catalogue, matching)
    result = MaterialsStudy(
        option=option,
        estimated=estimated,
        inventory=inventory,
        catalogue=catalogue,
        used_intensity=used_intensity,
        total_low=total_low,
        total_high=total_high,
        factors=factors,
        costs=costs,
        routes=routes,
        distances=distances,
        flows=flows,
        legal=legal,
        matching=matching,
        avoided=materials.avoided_emissions(
            flows, matching.total_used_t, catalogue, factors, distances, P.quarry_km
        ),
        money=materials.cost_balance(
            flows,
            matching.total_need_t,
            matching.total_imported_t,
            matching.total_exported_t,
            costs,
            distances,
            P.quarry_km,
        ).set_index("item"),
        emitted=materials.route_emissions(legal, catalogue, factors, distances),
    )
    return result


#: Columns of :func:`fill_balance`.
FILL_BALANCE_COLUMNS = (
    "option",
    "fill_m3",
    "site_material_t",
    "imported_fill_t",
    "import_transport_t_co2e",
)


def option_studies(
    P: CircularMaterialsParameters,
    catalogue: pd.DataFrame,
    intensity: pd.DataFrame,
    factors: pd.DataFrame,
    costs: pd.DataFrame,
    inventory: pd.DataFrame | None = None,
) -> dict[str, MaterialsStudy]:
    """:func:`study` of every option of the site model (total demolition too), in the site
    model's order: each option's buildings take their inventory rows where the file has
    some, else the typology estimate.

    Returns
    -------
    dict of str to MaterialsStudy
        By option id.
    """
    if inventory is None and P.inventory_csv:
        inventory = materials_io.read_inventory(P.inventory_csv)
    return {
        o.id: study(P, catalogue, intensity, factors, costs, inventory, option=o.id)
        for o in P.site_model.options.items
    }


def fill_balance(
    P: CircularMaterialsParameters,
    catalogue: pd.DataFrame | None = None,
    intensity: pd.DataFrame | None = None,
    factors: pd.DataFrame | None = None,
    costs: pd.DataFrame | None = None,
    inventory: pd.DataFrame | None = None,
    studies: dict[str, MaterialsStudy] | None = None,
) -> pd.DataFrame:
    """The berm-fill balance of every option of the site model.

    Each option's flows are run on the buildings it demolishes (inventory rows where the
    building has some, else the typology estimate); the berm's fill (site.yaml) is served
    by the site's material first, the rest is imported from the quarry ``P.quarry_km`` away
    and hauled by road.

    Parameters
    ----------
    studies : dict, optional
        :func:`option_studies` already run (else run here from the tables).

    Returns
    -------
    DataFrame
        One row per option, in the site model's order: ``option`` (name), ``fill_m3`` [m³],
        ``site_material_t`` (site material placed in the berm) [t], ``imported_fill_t`` [t]
        and ``import_transport_t_co2e`` (imported fill x ``quarry_km`` x
        ``truck_kg_co2e_per_t_km`` of ``materials_factors.csv``) [tCO2e].
    """
    if studies is None:
        studies = option_studies(P, catalogue, intensity, factors, costs, inventory)
    berm = P.site_model.berm
    rows = []
    for o in P.site_model.options.items:
        result = studies[o.id]
        needs = result.matching.needs
        fill = needs[needs["kind"] == "berm_fill"]
        imported = float(fill["imported_t"].sum())
        truck = float(result.factors.at["truck_kg_co2e_per_t_km", "value"])
        rows.append(
            {
                "option": o.name,
                "fill_m3": berm.fill_volume_m3 if berm is not None and len(fill) else 0.0,
                "site_material_t": float(fill["used_t"].sum()),
                "imported_fill_t": imported,
                "import_transport_t_co2e": imported * float(P.quarry_km) * truck / 1000,
            }
        )
    return pd.DataFrame(rows, columns=list(FILL_BALANCE_COLUMNS))


#: Columns of :func:`by_option` (the ``materials_by_option`` scrap).
BY_OPTION_COLUMNS = (
    "option",
    "total_t",
    "recovery_rate",
    "imported_fill_t",
    "avoided_net_t_co2e",
    "routes_t_co2e",
)


def by_option(P: CircularMaterialsParameters, studies: dict[str, MaterialsStudy]) -> pd.DataFrame:
    """The materials of every option (``materials_by_option``).

    Parameters
    ----------
    P : CircularMaterialsParameters
        Validated parameters (the site model's options).
    studies : dict
        :func:`option_studies`.

    Returns
    -------
    DataFrame
        One row per option in the site model's order: ``option`` (name), ``total_t`` [t],
        ``recovery_rate`` (WFD, NaN when the option demolishes nothing) [-],
        ``imported_fill_t`` (berm fill imported from the quarry) [t],
        ``avoided_net_t_co2e`` (net avoided emissions, central) [tCO2e] and
        ``routes_t_co2e`` (emissions of the routes of its demolished materials: crushing,
        transport to each destination, fossil CO2 of energy recovery, central; what the net
        deducts, :func:`.model.route_emissions`) [tCO2e]. The GHG analysis counts the last
        in its demolition stage.
    """
    rows = []
    for o in P.site_model.options.items:
        r = studies[o.id]
        needs = r.matching.needs
        rows.append(
            {
                "option": o.name,
                "total_t": r.total_t,
                "recovery_rate": r.recovery,
                "imported_fill_t": float(
                    needs.loc[needs["kind"] == "berm_fill", "imported_t"].sum()
                ),
                "avoided_net_t_co2e": r.avoided_net_t,
                "routes_t_co2e": r.emitted_t,
            }
        )
    return pd.DataFrame(rows, columns=list(BY_OPTION_COLUMNS))


def _option_status(P: CircularMaterialsParameters, r: MaterialsStudy) -> str:
    """Data status of an option's inventory: the file's status for the rows it gives,
    ``estimated`` for the buildings estimated from their floor area and typology."""
    from qsp_lib.core import status as data_status

    file_status = params.input_status(P, "inventory_csv").status if P.inventory_csv else None
    from_file = ~r.inventory["element"].eq("estimation par typologie")
    return data_status.weakest(
        [*(["estimated"] if r.estimated else []), *([file_status] if from_file.any() else [])]
    )


def by_option_table(
    P: CircularMaterialsParameters, studies: dict[str, MaterialsStudy]
) -> pd.DataFrame:
    """The brief's table of the options' tonnes by legal category, with the data status of
    the inventory (``estimé`` where a building is estimated from its floor area and
    typology) [t]."""
    from qsp_lib.core import status as data_status

    rows = []
    for o in P.site_model.options.items:
        r = studies[o.id]
        cat = r.by_category
        rows.append(
            {
                "Option": o.name + (" (référence)" if o.reference else ""),
                "Matériaux (t)": r.total_t,
                "Réemploi (t)": cat["reemploi"],
                "Recyclage (t)": cat["recyclage"],
                "Remblayage (t)": cat["remblayage"],
                "Élimination (t)": cat["elimination"],
                "Inventaire": data_status.LABELS_FR[_option_status(P, r)]
                if r.total_t > 0
                else "aucune démolition",
            }
        )
    return pd.DataFrame(rows)


def by_option_carbon_table(
    P: CircularMaterialsParameters, studies: dict[str, MaterialsStudy]
) -> pd.DataFrame:
    """The brief's table of the options' WFD rate, gross avoided emissions, the routes'
    emissions (what the GHG note counts in its demolition stage) and net avoided emissions,
    the net's range as French text (the imported berm fill is the fill-balance table's)
    [-, tCO2e]."""
    rows = []
    for o in P.site_model.options.items:
        r = studies[o.id]
        lo, mid, hi = r.avoided_net
        rows.append(
            {
                "Option": o.name + (" (référence)" if o.reference else ""),
                "Taux de valorisation": r.recovery,
                "Évité brut (tCO2e)": r.avoided_t,
                "Filières (tCO2e)": r.emitted_t,
                "Évité net (tCO2e)": mid,
                "Fourchette du net (tCO2e)": style.fmt("{lo:n0} à {hi:n0}", lo=lo, hi=hi)
                if r.total_t > 0
                else "",
            }
        )
    return pd.DataFrame(rows)


def fill_balance_table(balance: pd.DataFrame) -> pd.DataFrame:
    """:func:`fill_balance` with French headers [m³, t, tCO2e]."""
    tab = balance.copy()
    tab.columns = [
        "Option",
        "Remblai (m³)",
        "Matériaux du site (t)",
        "Remblai importé (t)",
        "Transport de l'import (tCO2e)",
    ]
    return tab


def inventory_table(by_material: pd.DataFrame) -> pd.DataFrame:
    """Inventory per material with its List of Waste code and hazard class, French headers.

    Parameters
    ----------
    by_material : DataFrame
        :func:`.model.inventory_by_material`.
    """
    tab = by_material.assign(
        low_code=by_material["low_code"].str.replace(" ", "\u00a0"),
        hazard_class=by_material["hazard_class"].map(HAZARD_CLASS_FR),
    )[["label", "low_code", "hazard_class", "t", "share"]]
    tab.columns = ["Matériau", "Code déchet", "Classe", "Masse (t)", "Part"]
    return tab


def inert_share(by_material: pd.DataFrame, total_t: float) -> float:
    """Share of inert materials (concrete, bricks, tiles, soil) in the inventory [-]."""
    return by_material.loc[by_material["hazard_class"] == "inert", "t"].sum() / total_t


@dataclass(frozen=True)
class FlowDiagram:
    """Geometry of the materials-to-routes diagram, heights in tonnes.

    Materials are stacked on the left, largest on top, legal categories on the right in the
    order of :data:`qsp_lib.materials.model.CATEGORIES`, both separated by the same gap and
    the categories centred on the materials. Each ribbon leaves its material's block and
    enters its category's block below the ribbons drawn before it, so the ribbons fill both
    blocks exactly.

    Attributes
    ----------
    materials : DataFrame
        Indexed by material (small ones grouped as ``"other"``), largest first: ``t`` and
        ``top`` (top of its block) [t].
    routes : DataFrame
        Indexed by route (only routes with some mass): ``t`` and ``top`` [t].
    ribbons : DataFrame
        ``material``, ``route``, ``t``, ``left_top`` and ``right_top`` (top of the ribbon at
        each end) [t].
    ylim : tuple of float
        Vertical extent of the drawing, gaps included [t].
    """

    materials: pd.DataFrame
    routes: pd.DataFrame
    ribbons: pd.DataFrame
    ylim: tuple[float, float]


def _stack(tonnes: pd.Series, top: float, gap: float) -> pd.DataFrame:
    tops = []
    for t in tonnes:
        tops.append(top)
        top -= t + gap
    return pd.DataFrame({"t": tonnes, "top": tops}, index=tonnes.index)


def flow_diagram(balance: pd.DataFrame, small_share: float, gap_share: float = 0.02) -> FlowDiagram:
    """Geometry of the materials-to-routes diagram.

    Parameters
    ----------
    balance : DataFrame
        :func:`.model.balance`.
    small_share : float
        Materials under this share of the mass are grouped [-].
    gap_share : float
        Gap between two blocks, as a share of the total mass [-].

    Returns
    -------
    FlowDiagram
    """
    shown = materials.group_small(balance, small_share)
    mat_t = shown.groupby("material")["t"].sum().sort_values(ascending=False)
    route_t = shown.groupby("route")["t"].sum().reindex(materials.CATEGORIES).dropna()
    route_t = route_t[route_t > 0]
    gap = gap_share * mat_t.sum()
    left = _stack(mat_t, mat_t.sum() + gap * (len(mat_t) - 1), gap)
    total_right = route_t.sum() + gap * (len(route_t) - 1)
    shift = (mat_t.sum() + gap * (len(mat_t) - 1) - total_right) / 2
    right = _stack(route_t, total_right + shift, gap)
    left_top, right_top = left["top"].to_dict(), right["top"].to_dict()
    ribbons = []
    for m in mat_t.index:
        for r in route_t.index:
            t = shown.loc[(shown["material"] == m) & (shown["route"] == r), "t"].sum()
            if t <= 0:
                continue
            ribbons.append((m, r, t, left_top[m], right_top[r]))
            left_top[m] -= t
            right_top[r] -= t
    return FlowDiagram(
        materials=left,
        routes=right,
        ribbons=pd.DataFrame(ribbons, columns=["material", "route", "t", "left_top", "right_top"]),
        ylim=(min(0, shift) - gap, mat_t.sum() + gap * len(mat_t)),
    )


def route_table(legal: pd.DataFrame) -> pd.DataFrame:
    """Tonnes and share per legal category, what it covers here, and whether it counts as
    material recovery in the WFD rate (backfilling: yes, reported apart) [t, -].

    Parameters
    ----------
    legal : DataFrame
        :func:`.model.legal_flows`.
    """
    by_cat = materials.tonnes_by_category(legal)
    total = sum(by_cat.values())
    counted = {
        "reemploi": "oui",
        "recyclage": "oui",
        "remblayage": "oui, déclaré à part",
        "valorisation_energetique": "non",
        "elimination": "non",
    }
    return pd.DataFrame(
        {
            "Catégorie légale": [wording.CATEGORY_LABELS_FR[c] for c in materials.CATEGORIES],
            "Ce qu'elle couvre": [wording.CATEGORY_SCOPE_FR[c] for c in materials.CATEGORIES],
            "Masse (t)": [by_cat[c] for c in materials.CATEGORIES],
            "Part": [
                by_cat[c] / total if total > 0 else float("nan") for c in materials.CATEGORIES
            ],
            "Valorisation matière": [counted[c] for c in materials.CATEGORIES],
        }
    )


def destination_table(legal: pd.DataFrame) -> pd.DataFrame:
    """Tonnes per destination with its legal category (the detail of :func:`route_table`),
    largest first [t]."""
    grp = legal.groupby(["category", "destination"], as_index=False)["t"].sum()
    grp = grp[grp["t"] > 0.05]
    grp["_c"] = grp["category"].map({c: i for i, c in enumerate(materials.CATEGORIES)})
    grp = grp.sort_values(["_c", "t"], ascending=[True, False])
    return pd.DataFrame(
        {
            "Destination": grp["destination"].map(wording.DESTINATION_LABELS_FR).to_list(),
            "Catégorie légale": grp["category"].map(wording.CATEGORY_LABELS_FR).to_list(),
            "Masse (t)": grp["t"].to_list(),
        }
    )


def emissions_table(avoided: pd.DataFrame, emitted: pd.DataFrame) -> pd.DataFrame:
    """Gross avoided emissions, the routes' own emissions (negative) and the net, low,
    central and high [tCO2e], French headers. The net's low bound takes the low gross and
    the high emissions (:func:`.model.net_avoided`)."""
    gross = avoided.assign(
        component=avoided["component"].map(wording.AVOIDED_COMPONENTS_FR),
    )
    cost = emitted.assign(
        component=emitted["component"].map(wording.EMISSION_COMPONENTS_FR),
        low_t_co2e=-emitted["high_t_co2e"],
        t_co2e=-emitted["t_co2e"],
        high_t_co2e=-emitted["low_t_co2e"],
    )
    lo, mid, hi = materials.net_avoided(avoided, emitted)
    rows = pd.concat(
        [
            gross,
            pd.DataFrame(
                [
                    {
                        "component": "Évité brut",
                        "quantity": None,
                        "unit": "",
                        "low_t_co2e": avoided["low_t_co2e"].sum(),
                        "t_co2e": avoided["t_co2e"].sum(),
                        "high_t_co2e": avoided["high_t_co2e"].sum(),
                    }
                ]
            ),
            cost,
            pd.DataFrame(
                [
                    {
                        "component": "Évité net",
                        "quantity": None,
                        "unit": "",
                        "low_t_co2e": lo,
                        "t_co2e": mid,
                        "high_t_co2e": hi,
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    return rows.rename(
        columns={
            "component": "Poste",
            "quantity": "Quantité",
            "unit": "Unité",
            "low_t_co2e": "Bas (tCO2e)",
            "t_co2e": "Central (tCO2e)",
            "high_t_co2e": "Haut (tCO2e)",
        }
    )


def stock_peak(matching: materials.Matching) -> StockPeak:
    """The month of the largest on-site stock (the first one on a tie)."""
    row = matching.timeline.loc[matching.timeline["stock_t"].idxmax()]
    return StockPeak(month=row["month"], stock_t=row["stock_t"], storage_m2=row["storage_m2"])


def needs_table(matching: materials.Matching) -> pd.DataFrame:
    """The needs of the works, their period (French dates) and coverage by the site's
    materials [t, -]."""
    needs = matching.needs
    tab = needs.assign(
        period=[
            f"{style.fr_date(a)} - {style.fr_date(b)}"
            for a, b in zip(needs["start"], needs["end"], strict=True)
        ],
        kind=needs["kind"].map(wording.NEED_KIND_LABELS_FR),
    )[["name", "kind", "period", "need_t", "used_t", "imported_t", "coverage"]]
    tab.columns = [
        "Besoin",
        "Nature",
        "Période",
        "Besoin (t)",
        "Matériaux du site (t)",
        "Importé (t)",
        "Couverture",
    ]
    return tab


def avoided_table(avoided: pd.DataFrame) -> pd.DataFrame:
    """Avoided emissions per item, low, central and high [tCO2e], French headers."""
    named = avoided.assign(component=avoided["component"].map(wording.AVOIDED_COMPONENTS_FR))
    return named.rename(
        columns={
            "component": "Poste",
            "quantity": "Quantité",
            "unit": "Unité",
            "low_t_co2e": "Bas (tCO2e)",
            "t_co2e": "Central (tCO2e)",
            "high_t_co2e": "Haut (tCO2e)",
        }
    )


def cost_table(money: pd.DataFrame) -> pd.DataFrame:
    """The cost balance with low, central and high unit costs [k€]."""
    tab = money.reset_index()
    return pd.DataFrame(
        {
            "Poste": tab["item"].map(wording.COST_ITEMS_FR),
            "Coûts bas (k€)": tab["low_eur"] / 1000,
            "Coûts centraux (k€)": tab["eur"] / 1000,
            "Coûts hauts (k€)": tab["high_eur"] / 1000,
        }
    )


def identification_table(site_label: str, source: str, total_t: float, date: str) -> pd.DataFrame:
    """The "Chantier" sheet of the PEMD exports."""
    return pd.DataFrame(
        {
            "Rubrique": ["Site", "Source de l'inventaire", "Masse totale (t)", "Date de la note"],
            "Valeur": [site_label, source, round(total_t, 1), date],
        }
    )


#: File names of the PEMD exports, by link name in the brief.
EXPORT_NAMES = {
    "diag_csv": "circular_materials_diagnostic.csv",
    "diag_xlsx": "circular_materials_diagnostic.xlsx",
    "rec_csv": "circular_materials_recolement.csv",
    "rec_xlsx": "circular_materials_recolement.xlsx",
}


def write_exports(
    P: CircularMaterialsParameters, result: MaterialsStudy, folder: Path
) -> dict[str, str]:
    """Write the PEMD diagnostic (CERFA 16287) and récolement (CERFA 16288) tables, as CSV
    and as workbooks with their "Chantier" sheet, into ``folder``.

    Parameters
    ----------
    P : CircularMaterialsParameters
        Validated parameters (site, inventory source).
    result : MaterialsStudy
        Result of :func:`study`.
    folder : Path
        Exports folder (:func:`qsp_lib.core.exports.exports_dir`).

    Returns
    -------
    dict of str to str
        File name written, by key of :data:`EXPORT_NAMES`.
    """
    identification = identification_table(
        brief.site_label(P.site), inventory_source(P), result.total_t, style.fr_date()
    )
    diagnostic = report.diagnostic_table(result.inventory, result.legal, result.catalogue)
    recolement = report.recolement_table(result.legal, result.catalogue, result.distances)
    names = EXPORT_NAMES
    exports.write_csv(diagnostic, folder / names["diag_csv"])
    exports.write_xlsx(
        {"Chantier": identification, "Inventaire (CERFA 16287)": diagnostic},
        folder / names["diag_xlsx"],
    )
    exports.write_csv(recolement, folder / names["rec_csv"])
    exports.write_xlsx(
        {"Chantier": identification, "Bilan (CERFA 16288)": recolement},
        folder / names["rec_xlsx"],
    )
    return dict(names)


def sources_rows(
    P: CircularMaterialsParameters,
    result: MaterialsStudy,
    factors: pd.DataFrame,
    costs: pd.DataFrame,
):
    """Rows of "Hypothèses et sources" (reference factors and costs, site overrides).

    Parameters
    ----------
    P : CircularMaterialsParameters
        Validated parameters.
    result : MaterialsStudy
        Result of :func:`study`.
    factors, costs : DataFrame
        Reference tables WITHOUT the site's overrides (the rows show both).
    """
    return report.sources_rows(
        factors,
        costs,
        {**P.factors, **P.costs},
        result.distances,
        P.quarry_km,
        result.used_intensity,
    )
