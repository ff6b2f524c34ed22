"""Stochastic clearness sequences (qsp_lib.pv.model.clearness): the published tables and
formulas of Aguiar, Collares-Pereira & Conde 1988 (Markov transition matrices) and Aguiar &
Collares-Pereira 1992 (TAG).
"""

from __future__ import annotations

import numpy as np

from qsp_lib.pv.model import clearness


def test_mtm_library_is_the_published_table():
    # Aguiar, Collares-Pereira & Conde 1988: 10 matrices for monthly Kt classes bounded by
    # 0.30, 0.35, ... 0.70; class 1 (Kt <= 0.30) spans daily Kt 0.031-0.705 and its first
    # row starts 0.229, 0.333, 0.208.
    lib = clearness.mtm_library()
    np.testing.assert_allclose(lib["ktm_edges"], np.arange(0.30, 0.701, 0.05))
    assert (lib["kt_min"][0], lib["kt_max"][0]) == (0.031, 0.705)
    np.testing.assert_allclose(lib["matrices"][0, 0, :3], [0.229, 0.333, 0.208], atol=2e-3)
    np.testing.assert_allclose(lib["matrices"].sum(axis=2), 1.0, atol=1e-9)


def test_tag_mean_profile_is_the_published_formula():
    # TAG (Aguiar & Collares-Pereira 1992): ktm = lambda + eps exp(-kappa / sin h) with
    # lambda = -0.19 + 1.12 Kt + 0.24 exp(-8 Kt), eps = 0.32 - 1.6 (Kt - 0.5)^2,
    # kappa = 0.19 + 2.27 Kt^2 - 2.51 Kt^3. With the spread set to zero the model returns it.
    coef = clearness.tag_coefficients()
    flat = dict(coef, sigma_a_0=0.0)
    kt_day = np.array([0.3, 0.5, 0.7])
    sin_h = np.full((3, 24), -1.0)
    sin_h[:, 12] = 0.8
    out = clearness.hourly_clearness_tag(
        kt_day, sin_h, np.zeros((3, 24)), np.random.default_rng(0), flat, variant="aguiar1992"
    )
    k = kt_day
    lam = -0.19 + 1.12 * k + 0.24 * np.exp(-8 * k)
    eps = 0.32 - 1.6 * (k - 0.5) ** 2
    kap = 0.19 + 2.27 * k**2 - 2.51 * k**3
    np.testing.assert_allclose(out[:, 12], lam + eps * np.exp(-kap / 0.8), atol=1e-12)
    assert (np.delete(out, 12, axis=1) == 0).all()  # night hours stay dark
