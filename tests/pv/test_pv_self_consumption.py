"""Self-consumption without storage and the default load profile
(qsp_lib.pv.model.self_consumption), checked by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from qsp_lib.pv.model import self_consumption as sc_model


def test_self_consumption_and_load_profile():
    idx = pd.date_range("2023-01-01", periods=48, freq="h", tz="UTC")
    prod = pd.Series(np.r_[np.zeros(8), np.full(8, 10.0), np.zeros(32)], index=idx)
    load = pd.Series(4.0, index=idx)
    sc = sc_model.self_consumption(prod, load)
    assert sc.self_consumption_share == pytest.approx(0.4)
    assert sc.self_sufficiency_share == pytest.approx(32 / 192)
    prof = sc_model.load_profile(
        pd.date_range("2023-01-01", periods=8760, freq="h", tz="UTC"), 8760.0
    )
    assert prof.sum() == pytest.approx(8760.0)
