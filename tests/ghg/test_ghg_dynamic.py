"""RE2020 dynamic weighting and thresholds (qsp_lib.ghg.model.dynamic).

Sources of the expected values: /work/shared/reference/ghg.md
(RE2020 arrêté of 4 Aug 2021: thresholds of annex I and dynamic weights of annex II,
f(50) = 0.578; IPCC AR5 / Joos et al. 2013).
"""

import numpy as np
import pytest
from ghg_testkit import LIMITS, WEIGHTS, f_ar5

from qsp_lib.ghg import model as ghg


def test_dynamic_weight_anchors_re2020():
    # RE2020 dynamic LCA (arrêté 4 Aug 2021 annex II): f(0) = 1, f(50) = 0.578,
    # mean over years 1-50 = 0.791
    w = ghg.dynamic_weights(WEIGHTS, 50)
    assert w[0] == pytest.approx(1.0)
    assert w[50] == pytest.approx(0.578, abs=5e-4)
    assert w[1:].mean() == pytest.approx(0.791, abs=5e-4)
    assert ghg.dynamic_weight_formula(50) == pytest.approx(0.578, abs=5e-4)


def test_weights_table_matches_the_joos_formula():
    t = np.arange(101)
    assert ghg.dynamic_weights(WEIGHTS, 100) == pytest.approx(f_ar5(t), abs=1e-6)
    assert np.all(np.diff(ghg.dynamic_weights(WEIGHTS, 100)) < 0)


def test_re2020_thresholds():
    # RE2020 Ic_construction, collective housing: 740 (2022-24), 650 (2025-27), 580 (2028-30),
    # 490 (from 2031); before 2022 the first threshold applies
    assert ghg.re2020_threshold(LIMITS, 2019) == 740
    assert ghg.re2020_threshold(LIMITS, 2024) == 740
    assert ghg.re2020_threshold(LIMITS, 2025) == 650
    assert ghg.re2020_threshold(LIMITS, 2030) == 580
    assert ghg.re2020_threshold(LIMITS, 2040) == 490
