"""Avoided emissions (aggregates and products replaced, transport avoided) and the cost
balance of the planned routes against landfilling everything and buying every need."""

from __future__ import annotations

from collections.abc import Mapping


# ----------------------------------------------------------------- carbon and money
def _bounds(table, key: str) -> tuple[float, float, float]:
    return (
        float(table.at[key, "low"]),
        float(table.at[key, "value"]),
        float(table.at[key, "high"]),
    )


def _components(rows):
    """``(component, quantity, unit, (low, central, high) [tCO2e])`` rows as the frame the
    carbon tables share: ``component, quantity, unit, low_t_co2e, t_co2e, high_t_co2e``."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "component": name,
                "quantity": float(q),
                "unit": u,
                "low_t_co2e": float(v[0]),
                "t_co2e": float(v[1]),
                "high_t_co2e": float(v[2]),
            }
            for name, q, u, v in rows
        ]
    )


def apply_overrides(table, overrides: Mapping[str, float] | None):
    """A reference table where the overridden keys take a fixed value (low = value = high)."""
    out = table.copy()
    for key, v in (overrides or {}).items():
        out.loc[key, ["value", "low", "high"]] = float(v)
    return out


def substitution(flows, catalogue):
    """What each flow replaces: ``"product"`` (a new product, through reuse), ``"aggregate"``
    (natural aggregates) or ``"none"``.

    Reuse off site always replaces a new product (reclaimed bricks, doors, beams), as does
    reuse on site of a product material; a mineral material crushed for use on site,
    recycled or backfilled replaces natural aggregates. A material without a reuse factor
    (soil, mixed rubble) reused off site replaces aggregates too.

    Returns
    -------
    pandas.Series
        Aligned on ``flows``.
    """
    import pandas as pd

    kind = flows["material"].map(catalogue["substitutes"]).fillna("none")
    factor = flows["material"].map(catalogue["reuse_factor"]).fillna("")
    route = flows["route"]
    product = ((route == "reuse_off_site") & (factor != "")) | (
        (route == "reuse_on_site") & (kind == "product")
    )
    aggregate = (
        ~product
        & (kind == "aggregate")
        & route.isin(("reuse_on_site", "reuse_off_site", "recycling", "backfilling"))
    )
    out = pd.Series("none", index=flows.index)
    out[aggregate] = "aggregate"
    out[product] = "product"
    return out


def avoided_emissions(flows, used_on_site_t, catalogue, factors, distances_km, quarry_km):
    """Avoided emissions with a range: natural aggregates replaced, new products replaced by
    reuse, transport avoided by on-site use.

    - aggregates: tonnes that replace natural aggregates (:func:`substitution`) × the
      production factor of natural aggregates;
    - products: tonnes of reused products × the production emissions of the equivalent new
      product (the material's ``reuse_factor`` in the catalogue: concrete elements, clay
      bricks and tiles, or fit-out products);
    - transport: tonnes used on site × (distance to the recycling platform + distance from the
      quarry) × the road-freight factor.

    Parameters
    ----------
    flows : pandas.DataFrame
        From :func:`route_flows`.
    used_on_site_t : float
        Tonnes actually used by the needs of the site [t].
    catalogue, factors : pandas.DataFrame
        Reference tables ``materials_catalogue`` and ``materials_factors`` (overrides applied).
    distances_km : mapping
        One-way distance of each route [km].
    quarry_km : float
        Distance from the quarry supplying natural aggregates [km].

    Returns
    -------
    pandas.DataFrame
        ``component`` (``aggregates``: natural aggregates replaced, ``products``: new
        products replaced by reuse, ``transport``: removal and supply trips avoided),
        ``quantity``, ``unit``, ``low_t_co2e``, ``t_co2e``, ``high_t_co2e``.

    References
    ----------
    UNPG TERCO2 (natural aggregates 2.6-2.75 kgCO2e/t); Smart Freight Centre, GLEC Framework
    v2 (2019), rigid truck 26-32 t 0.095 kgCO2e/t.km; Hammond and Jones (2011), Inventory of
    Carbon and Energy v2.0, University of Bath (concrete, clay bricks); reuse platforms'
    method (production stages of the new product's FDES/PEP, INIES).
    """

    sub = substitution(flows, catalogue)
    agg_t = flows.loc[sub == "aggregate", "t"].sum()
    products = flows[sub == "product"]
    prod_t = products["t"].sum()
    per_factor = products.groupby(products["material"].map(catalogue["reuse_factor"]))["t"].sum()
    prod = [sum(t * _bounds(factors, k)[i] for k, t in per_factor.items()) for i in range(3)]
    tkm = used_on_site_t * (float(distances_km["recycling"]) + float(quarry_km))
    a = _bounds(factors, "aggregate_kg_co2e_per_t")
    tr = _bounds(factors, "truck_kg_co2e_per_t_km")
    rows = [
        ("aggregates", agg_t, "t", [agg_t * x / 1000 for x in a]),
        ("products", prod_t, "t", prod),
        ("transport", tkm, "t.km", [tkm * x / 1000 for x in tr]),
    ]
    return _components(rows)


def _unit_cost(route: str, hazard: str, costs, distances_km, col: str) -> float:
    c = costs[col]
    gate = {
        "reuse_on_site": c["on_site_processing_eur_per_t"],
        "reuse_off_site": c["gate_fee_reuse_off_site_eur_per_t"],
        "recycling": c["gate_fee_recycling_eur_per_t"],
        "backfilling": c["gate_fee_backfilling_eur_per_t"],
        "energy_recovery": c["gate_fee_energy_recovery_eur_per_t"],
    }
    if route == "disposal":
        if hazard == "hazardous":
            fee = c["gate_fee_hazardous_landfill_eur_per_t"]
        elif hazard == "inert":
            fee = c["gate_fee_inert_landfill_eur_per_t"]
        else:
            fee = (
                c["gate_fee_non_hazardous_landfill_eur_per_t"]
                + c["tgap_non_hazardous_landfill_eur_per_t"]
            )
    else:
        fee = gate[route]
    return float(fee) + float(c["transport_eur_per_t_km"]) * float(distances_km[route])


def cost_balance(flows, needs_t, imported_t, exported_t, costs, distances_km, quarry_km):
    """Cost of the planned routes against a reference where everything is landfilled and
    every need is met with natural aggregates.

    Per tonne: gate fee of the route (landfill by hazard class: inert waste landfill without
    tax, non-hazardous landfill plus TGAP, hazardous waste), on-site processing for on-site
    reuse, transport at a cost per t.km over the route distance. Needs not met on site are
    bought from the quarry and trucked in; on-site stock left over is trucked to recycling.

    Parameters
    ----------
    flows : pandas.DataFrame
        From :func:`route_flows`.
    needs_t, imported_t, exported_t : float
        Total needs, imports and on-site surplus sent off site [t].
    costs : pandas.DataFrame
        Reference ``materials_costs`` (overrides applied).
    distances_km : mapping
        One-way distance of each route [km].
    quarry_km : float
        Distance from the quarry [km].

    Returns
    -------
    pandas.DataFrame
        ``item``, ``low_eur``, ``eur``, ``high_eur``: the planned scenario
        (``planned_routes``, ``planned_purchases`` of aggregates for the needs not covered,
        ``planned_surplus`` sent off site, ``planned_total``), the reference
        (``reference_storage`` of everything, ``reference_purchases`` for every need,
        ``reference_total``) and the ``saving`` (reference - planned).

    References
    ----------
    TGAP 2025 for non-hazardous waste landfill: 65 €/t (code des douanes, art. 266 nonies).
    """
    import pandas as pd

    out = {}
    for col in ("low", "value", "high"):
        unit = flows.apply(
            lambda r, col=col: _unit_cost(r["route"], r["hazard_class"], costs, distances_km, col),
            axis=1,
        )
        routes_eur = float((flows["t"] * unit).sum()) if len(flows) else 0.0
        ref_unit = flows.apply(
            lambda r, col=col: _unit_cost("disposal", r["hazard_class"], costs, distances_km, col),
            axis=1,
        )
        ref_routes = float((flows["t"] * ref_unit).sum()) if len(flows) else 0.0
        buy = float(costs.at["aggregate_price_eur_per_t", col]) + float(
            costs.at["transport_eur_per_t_km", col]
        ) * float(quarry_km)
        # the on-site surplus goes to recycling (one unit cost whatever the hazard class)
        surplus = exported_t * _unit_cost("recycling", "inert", costs, distances_km, col)
        planned = routes_eur + imported_t * buy + surplus
        reference = ref_routes + needs_t * buy
        out[col] = {
            "planned_routes": routes_eur,
            "planned_purchases": imported_t * buy,
            "planned_surplus": surplus,
            "planned_total": planned,
            "reference_storage": ref_routes,
            "reference_purchases": needs_t * buy,
            "reference_total": reference,
            "saving": reference - planned,
        }
    items = list(out["value"])
    return pd.DataFrame(
        {
            "item": items,
            "low_eur": [out["low"][k] for k in items],
            "eur": [out["value"][k] for k in items],
            "high_eur": [out["high"][k] for k in items],
        }
    )


def route_emissions(legal, catalogue, factors, distances_km):
    """Emissions of the routes themselves, with a range: crushing, transport, fossil CO2 of
    energy recovery.

    - crushing: every mineral tonne crushed into an aggregate that replaces natural
      aggregates (:func:`substitution` ``"aggregate"``, on site or at the platform; natural
      soil 17 05 04 is not crushed) × ``crushing_kg_co2e_per_t``;
    - transport: each tonne × the one-way distance of its route (on-site use: 0; what no
      need takes on site: the recycling distance) × ``truck_kg_co2e_per_t_km``;
    - energy recovery: tonnes burnt × the fossil CO2 of the material (catalogue
      ``fossil_factor``; wood's CO2 is biogenic and not counted), without credit for the
      energy recovered.

    Parameters
    ----------
    legal : pandas.DataFrame
        From :func:`.flows.legal_flows` (``route``, ``destination``, ``material``,
        ``low_code``, ``t`` [t]).
    catalogue, factors : pandas.DataFrame
        Reference tables ``materials_catalogue`` and ``materials_factors`` (overrides
        applied).
    distances_km : mapping
        One-way distance of each route [km].

    Returns
    -------
    pandas.DataFrame
        ``component`` (``crushing``, ``transport``, ``energy_recovery``), ``quantity``,
        ``unit``, ``low_t_co2e``, ``t_co2e``, ``high_t_co2e`` [tCO2e].

    References
    ----------
    Smart Freight Centre, GLEC Framework v2 (2019), rigid truck 26-32 t 0.095 kgCO2e/t.km;
    IPCC 2006 Guidelines, vol. 5, ch. 2, table 2.4 (plastics: 75 % carbon, all fossil);
    crushing and the fossil CO2 of mixed waste and insulation: hypotheses with a range
    (``materials_factors.csv``).
    """

    sub = substitution(legal, catalogue)
    crushed_t = float(
        legal.loc[(sub == "aggregate") & (legal["low_code"] != "17 05 04"), "t"].sum()
    )
    km = legal["route"].map(lambda r: float(distances_km[r]))
    surplus = (legal["route"] == "reuse_on_site") & (legal["destination"] == "surplus")
    km = km.where(~surplus, float(distances_km["recycling"]))
    tkm = float((legal["t"] * km).sum())
    burnt = legal[legal["route"] == "energy_recovery"]
    per_factor = burnt.groupby(burnt["material"].map(catalogue["fossil_factor"]).fillna(""))[
        "t"
    ].sum()
    fossil = [sum(t * _bounds(factors, k)[i] for k, t in per_factor.items() if k) for i in range(3)]
    c = _bounds(factors, "crushing_kg_co2e_per_t")
    tr = _bounds(factors, "truck_kg_co2e_per_t_km")
    rows = [
        ("crushing", crushed_t, "t", [crushed_t * x / 1000 for x in c]),
        ("transport", tkm, "t.km", [tkm * x / 1000 for x in tr]),
        ("energy_recovery", float(burnt["t"].sum()), "t", fossil),
    ]
    return _components(rows)


def net_avoided(avoided, emitted) -> tuple[float, float, float]:
    """Net avoided emissions: gross avoided minus the routes' emissions [tCO2e].

    The low bound takes the low gross and the high emissions, the high bound the reverse.

    Parameters
    ----------
    avoided : pandas.DataFrame
        From :func:`avoided_emissions`.
    emitted : pandas.DataFrame
        From :func:`route_emissions`.

    Returns
    -------
    tuple of float
        Low, central and high net avoided emissions [tCO2e].
    """
    return (
        float(avoided["low_t_co2e"].sum() - emitted["high_t_co2e"].sum()),
        float(avoided["t_co2e"].sum() - emitted["t_co2e"].sum()),
        float(avoided["high_t_co2e"].sum() - emitted["low_t_co2e"].sum()),
    )
