"""Uncertainty of the yield (qsp_lib.pv.model.uncertainty): P90 against the normal quantile,
positions against the published Lille references (pv.md: pvgis.com, JRC map, Enercoop plant).
"""

from __future__ import annotations

import pytest

from qsp_lib.pv import reference
from qsp_lib.pv.model import uncertainty


def test_p90_from_resource_and_model_spread():
    out = uncertainty.p50_p90(1000.0, 3.0, 4.0)
    assert out.sd_percent == pytest.approx(5.0)
    assert out.p90_kwh == pytest.approx(1000 * (1 - 1.2816 * 0.05), rel=1e-4)


def test_compare_to_references_positions():
    # pv.md: pvgis.com 950-1,050; old JRC map 845-951; Enercoop plant ~847 kWh/kWp (a single
    # figure counts as ±5 %, the inter-annual variability).
    yields = reference.pv_references("specific_yield").loc[
        ["lille_pvgis_com", "north_france_jrc", "enercoop_lille", "lille_specific_yield"]
    ]
    out = uncertainty.compare_to_references(900.0, yields).set_index("key")
    assert out["position"].tolist() == [
        "en dessous",
        "dans la fourchette",
        "au-dessus",
        "dans la fourchette",
    ]
    assert out.at["enercoop_lille", "ratio"] == pytest.approx(900 / 847, rel=1e-6)
    assert out.at["enercoop_lille", "high"] == pytest.approx(847 * 1.05)
    assert (
        uncertainty.compare_to_references(1150.0, yields)
        .set_index("key")
        .at["lille_specific_yield", "position"]
        == "au-dessus"
    )
