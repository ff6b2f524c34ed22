"""Shared builders of the GHG tests: small option sets on the reference factor table.

Not a test module (no ``test_`` prefix): the ``tests/ghg`` files import it by name.
"""

import numpy as np

from qsp_lib.ghg import model as ghg
from qsp_lib.ghg import reference

N = 50
WEIGHTS = reference.re2020_dynamic_weights()
BENCH = reference.ghg_benchmarks()
LIMITS = reference.re2020_limits()
QUINET = reference.carbon_value_points()
#: Life-cycle split used to make the older hand computations one-stage (all at the works).
ONE_STAGE = {
    "embodied_share_construction": 1.0,
    "embodied_share_replacement": 0.0,
    "embodied_share_end_of_life": 0.0,
}


def f_ar5(t):
    """RE2020 dynamic weight written out independently: IPCC AR5 / Joos et al. 2013."""
    a0, a, tau = 0.2173, (0.2240, 0.2824, 0.2763), (394.4, 36.54, 4.304)

    def agwp(h):
        return a0 * h + sum(ai * ti * (1 - np.exp(-h / ti)) for ai, ti in zip(a, tau, strict=True))

    return agwp(100 - t) / agwp(100)


def table(edits=None, factors=None, trajectories=None):
    """Factor table with fixed edits (value = low = high) applied to the reference rows."""
    t = ghg.apply_overrides(reference.ghg_factors(), factors)
    for key, v in (edits or {}).items():
        t.loc[key, ["value", "low", "high"]] = v
    return ghg.apply_trajectories(t, trajectories)


def build(options, n=N, factors=None, edits=None, trajectories=None, **kw):
    t = table(edits, factors, trajectories)
    return ghg.build_model(options, t, ghg.dynamic_weights(WEIGHTS, n), LIMITS, n, **kw)


def stock(area, works, kwh=0.0, carrier=None, **kw):
    return {
        "label": works,
        "floor_area_m2": area,
        "works": works,
        "energy_kwh_per_m2_year": kwh,
        "carrier": carrier,
        **kw,
    }


def option(name, *stocks, **kw):
    return {"name": name, "stocks": list(stocks), **kw}


def total(model, weighting="static"):
    return ghg.option_totals(ghg.totals(model), weighting)


NO_UPKEEP = {"embodied_maintenance": 0.0}


def payback_model(n):
    fac = {
        "embodied_kg_co2e_per_m2": {"rehabilitation": 200, "new": 600},
        "carrier_kg_co2e_per_kwh": {"gas": 0.1},
    }
    rehab = option("Réhabilitation", stock(500, "rehabilitation", 200, "gas"))  # 100 t + 10 t/yr
    new = option("Reconstruction", stock(500, "new", 100, "gas"))  # 300 t + 5 t/yr
    return build([rehab, new], n, factors=fac, edits=ONE_STAGE)


def three_options():
    mob = {"residents": 500, "km_per_person_per_day": 20, "modal_shares_now": {"car_thermal": 1}}
    return build(
        [
            option("R", stock(10000, "rehabilitation", 80, "district_heating"), mobility=mob),
            option("N", stock(10000, "new", 50, "electricity"), mobility=mob),
            option("U", stock(10000, "unchanged", 170, "gas"), mobility=mob),
        ]
    )
