"""The site's materials meant for reuse on site, matched month by month with the needs of
the works (earthworks, road sub-bases, aggregates): stock, storage area, imports, surplus."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from qsp_lib.materials.model.codes import DEFAULT_ACCEPTS


# ------------------------------------------------------------------ needs and matching
@dataclass(frozen=True)
class Matching:
    """Result of :func:`match_supply_needs`.

    Attributes
    ----------
    timeline : pandas.DataFrame
        One row per month (``month`` as first day): ``supply_t``, ``used_t``, ``exported_t``,
        ``imported_t``, ``stock_t`` (end of month) and their cumulative sums ``cum_*``;
        ``storage_m2`` (area of the stock piles).
    needs : pandas.DataFrame
        Per need: ``name``, ``kind``, ``need_t``, ``used_t``, ``imported_t``, ``coverage``.
    used_by_material : dict
        Tonnes used on site per material.
    exported_by_material : dict
        Tonnes that no need uses, sent off site as they arrive.
    used_by_need : pandas.DataFrame or None
        Tonnes of each material used by each need: ``need``, ``kind``, ``material``, ``t``.
    """

    timeline: Any
    needs: Any
    used_by_material: dict
    exported_by_material: dict
    used_by_need: Any = None

    @property
    def total_used_t(self) -> float:
        """Tonnes of the site's materials used by the needs [t]."""
        return sum(self.used_by_material.values())

    @property
    def total_exported_t(self) -> float:
        """Tonnes meant for reuse on site that no need uses, sent off site [t]."""
        return sum(self.exported_by_material.values())

    @property
    def total_need_t(self) -> float:
        """Tonnes needed by the works [t]."""
        return float(self.needs["need_t"].sum())

    @property
    def total_imported_t(self) -> float:
        """Tonnes the needs import (not covered by the site) [t]."""
        return float(self.needs["imported_t"].sum())


def _months(start, end):
    import pandas as pd

    return pd.period_range(pd.Period(start, "M"), pd.Period(end, "M"), freq="M")


def need_tonnes(need: Mapping[str, Any], fill_density_t_per_m3: float) -> float:
    """Tonnes of a need given in tonnes or in m³ (× its density, else the fill density)."""
    if need.get("quantity_t") is not None:
        return float(need["quantity_t"])
    density = need.get("density_t_per_m3") or fill_density_t_per_m3
    return float(need["volume_m3"]) * float(density)


def match_supply_needs(
    flows,
    phases: list[Mapping[str, Any]],
    needs: list[Mapping[str, Any]],
    bulk_density_t_per_m3: Mapping[str, float],
    fill_density_t_per_m3: float,
    pile_height_m: float,
):
    """Match the on-site supply of demolition phases with the needs of the new works, month
    by month, needs served in priority order.

    The supply is what the routes send to ``reuse_on_site`` for the materials some need
    accepts; each phase releases its buildings' tonnes evenly over its months. Needs draw
    evenly over their months. They are served in the order given: a need takes, month by
    month and in the order of its ``accepts`` list, only what is free at that month and stays
    free at every later month, so that a material set aside for a higher-priority need that
    comes later is kept for it. What a need cannot get is imported. Supply that no need will
    use is sent off site as soon as it arrives (the stock holds only material waiting for a
    use). Mass is conserved at every date: ``cum_supply = cum_used + stock + cum_exported``.

    Parameters
    ----------
    flows : pandas.DataFrame
        From :func:`route_flows`.
    phases : list of mappings
        ``{"name", "start", "end", "buildings"}``; ``buildings`` None or empty = every
        building not named by another phase. An empty list = one phase releasing everything
        in the first month of the needs.
    needs : list of mappings
        ``{"name", "kind", "quantity_t" | "volume_m3", "density_t_per_m3", "start", "end",
        "accepts"}`` (``accepts`` None = :data:`DEFAULT_ACCEPTS` of the kind), by priority.
    bulk_density_t_per_m3 : mapping
        Loose bulk density of each material [t/m³], for the storage area.
    fill_density_t_per_m3 : float
        Density of compacted fill [t/m³], for needs given in m³ without a density.
    pile_height_m : float
        Mean height of the stock piles [m].

    Returns
    -------
    Matching
    """
    import pandas as pd

    needs = _with_tonnes(needs, fill_density_t_per_m3)
    accepted = {m for n in needs for m in n["accepts"]}
    on_site = flows[(flows["route"] == "reuse_on_site") & flows["material"].isin(accepted)]

    phases = [dict(p) for p in phases]
    if not phases:
        first = min((pd.Timestamp(n["start"]) for n in needs), default=pd.Timestamp("2000-01"))
        phases = [{"name": "gisement", "start": first, "end": first, "buildings": None}]
    dates = [pd.Timestamp(x[k]) for x in (*needs, *phases) for k in ("start", "end")]
    months = _months(min(dates), max(dates))
    supply = _monthly_supply(on_site, phases, months)
    used, used_need, imported, free, used_nm = _serve(needs, supply, months)
    exported, stock, area = _release_surplus(
        free, len(months), bulk_density_t_per_m3, pile_height_m
    )
    return Matching(
        timeline=_timeline(months, supply, used, exported, imported, stock, area),
        needs=_need_table(needs, used_need),
        used_by_material={m: float(used[m].sum()) for m in used},
        exported_by_material={m: float(exported[m].sum()) for m in exported},
        used_by_need=pd.DataFrame(
            [
                {"need": n["name"], "kind": n.get("kind", "other"), "material": m, "t": t}
                for n, per in zip(needs, used_nm, strict=True)
                for m, t in per.items()
                if t > 0
            ],
            columns=["need", "kind", "material", "t"],
        ),
    )


def _with_tonnes(needs: list[Mapping[str, Any]], fill_density_t_per_m3: float) -> list[dict]:
    """The needs with their accepted materials (default: by kind) and tonnes [t]."""
    needs = [dict(n) for n in needs]
    for n in needs:
        n["accepts"] = list(n.get("accepts") or DEFAULT_ACCEPTS[n.get("kind", "other")])
        n["need_t"] = need_tonnes(n, fill_density_t_per_m3)
    return needs


def _monthly_supply(on_site, phases: list[dict], months) -> dict:
    """Tonnes each material brings to the site each month [t]: each phase releases its
    buildings' tonnes evenly over its months."""
    import numpy as np

    index = {m: i for i, m in enumerate(months)}
    supply = {m: np.zeros(len(months)) for m in sorted(on_site["material"].unique())}
    named = {b for p in phases for b in (p.get("buildings") or [])}
    for p in phases:
        chosen = p.get("buildings") or None
        part = on_site[
            on_site["building"].isin(chosen) if chosen else ~on_site["building"].isin(named)
        ]
        span = [index[m] for m in _months(p["start"], p["end"])]
        for m, t in part.groupby("material")["t"].sum().items():
            supply[m][span] += t / len(span)
    return supply


def _serve(needs: list[dict], supply: dict, months):
    """Serve the needs in priority order, month by month.

    Returns the tonnes used per material and month, per need, the tonnes imported per
    month [t], ``free``: per material, the cumulative supply at each month not promised
    to any need [t], and per need the tonnes of each material it used [t].
    """
    import numpy as np

    index = {m: i for i, m in enumerate(months)}
    # free[m][t]: cumulative supply up to month t not yet promised to a need; a need may take
    # only what stays free at every later month, so that a later, higher-priority need keeps
    # what was set aside for it.
    free = {m: np.cumsum(supply[m]) for m in supply}
    used = {m: np.zeros(len(months)) for m in supply}
    used_need = np.zeros(len(needs))
    used_nm: list[dict[str, float]] = [{} for _ in needs]
    imported = np.zeros(len(months))
    for j, n in enumerate(needs):
        span = [index[m] for m in _months(n["start"], n["end"])]
        for t in span:
            want = n["need_t"] / len(span)
            for m in n["accepts"]:
                if m not in free or want <= 0:
                    continue
                take = min(want, max(float(free[m][t:].min()), 0.0))
                if take > 0:
                    free[m][t:] -= take
                    used[m][t] += take
                    used_need[j] += take
                    used_nm[j][m] = used_nm[j].get(m, 0.0) + take
                    want -= take
            imported[t] += want
    return used, used_need, imported, free, used_nm


def _release_surplus(
    free: dict, n_months: int, bulk_density_t_per_m3: Mapping[str, float], pile_height_m: float
):
    """Send off site, as early as possible, what no need will use; what stays is the stock.

    Returns the tonnes exported per material and month, the stock [t] and its storage area
    [m²] per month.
    """
    import numpy as np

    exported = {}
    stock = np.zeros(n_months)
    area = np.zeros(n_months)
    for m in free:
        # the cumulative export is the smallest free quantity from now on: it never takes
        # what a later use needs
        cum_export = np.minimum.accumulate(free[m][::-1])[::-1].clip(min=0.0)
        exported[m] = np.diff(cum_export, prepend=0.0)
        stock_m = free[m] - cum_export
        stock += stock_m
        area += stock_m / float(bulk_density_t_per_m3[m]) / pile_height_m
    return exported, stock, area


def _timeline(months, supply, used, exported, imported, stock, area):
    """Monthly flows and their cumulative sums [t], stock [t] and storage area [m²]."""
    import numpy as np
    import pandas as pd

    def total(series: dict) -> np.ndarray:
        return sum(series.values(), np.zeros(len(months)))

    timeline = pd.DataFrame(
        {
            "month": months.to_timestamp(),
            "supply_t": total(supply),
            "used_t": total(used),
            "exported_t": total(exported),
            "imported_t": imported,
            "stock_t": stock,
            "storage_m2": area,
        }
    )
    for c in ("supply_t", "used_t", "exported_t", "imported_t"):
        timeline["cum_" + c] = timeline[c].cumsum()
    return timeline


def _need_table(needs: list[dict], used_need) -> Any:
    """One row per need: period, tonnes needed, used from the site, imported, coverage."""
    import pandas as pd

    need_rows = [
        {
            "name": n["name"],
            "kind": n.get("kind", "other"),
            "start": pd.Timestamp(n["start"]),
            "end": pd.Timestamp(n["end"]),
            "need_t": n["need_t"],
            "used_t": float(used_need[j]),
            "imported_t": n["need_t"] - float(used_need[j]),
            "coverage": float(used_need[j]) / n["need_t"] if n["need_t"] > 0 else float("nan"),
        }
        for j, n in enumerate(needs)
    ]
    need_cols = ["name", "kind", "start", "end", "need_t", "used_t", "imported_t", "coverage"]
    return pd.DataFrame(need_rows, columns=need_cols)


def berm_fill_coverage(matching: Matching) -> float | None:
    """Share of the berm fill covered by on-site materials [0-1]; None without a berm need."""
    berm = matching.needs[matching.needs["kind"] == "berm_fill"]
    if berm.empty or berm["need_t"].sum() <= 0:
        return None
    return float(berm["used_t"].sum() / berm["need_t"].sum())


def truck_trips_avoided(used_on_site_t: float, payload_t: float) -> float:
    """Truck trips avoided by using a tonnage on site: one trip out (evacuation) and one trip
    in (natural aggregates) per payload [trips]."""
    return 2.0 * used_on_site_t / payload_t
