"""Layout variants and the orientation grid of the pv_yield study (qsp_lib.pv.study.layouts).

References asserted here:
- QSP reference pv.md: a vertical south screen yields about 70 % of the optimum at 50° N
  (A3 Aschaffenburg 667 against ~950 kWh/kWp around Lille).
"""

from __future__ import annotations

import pv_fixture as fx
import pytest
from pv_fixture import site_parameters

from qsp_lib.pv import study

concorde = pytest.fixture(fx.concorde)
concorde_year = pytest.fixture(fx.concorde_year)
concorde_sim = pytest.fixture(fx.concorde_sim)


def test_layout_variants_rows_on_a_slope(concorde):
    kinds = [k for k, _, _ in study.layout_variants(concorde)]
    # Two arrays as given, modules laid flat on the 21.8° slope of the berm's south face
    # (site.yaml: atan(10 / 25)), rows at 20/25/30° (35° is
    # the given tilt), the opposite slope and a vertical screen.
    assert kinds == ["parameters", "parameters", "flush", "tilt", "tilt", "tilt", "opposite",
                     "vertical"]  # fmt: skip
    variants = {label: a for _, label, a in study.layout_variants(concorde)}
    flat = variants["Modules posés à plat sur la pente"]
    assert flat["surface_tilt_deg"] == flat["ground_slope_deg"] == 21.8
    assert "Même champ, rangées à 20°" in variants
    opposite = variants["Versant opposé, posé sur la pente"]
    # The face's azimuth (200°, site.yaml) turned by 180°.
    assert opposite["surface_azimuth_deg"] == 20 and opposite["surface_tilt_deg"] == 21.8


def test_layout_variants_modules_flat_on_roofs():
    P = site_parameters("wazemmes-moulins")
    variants = study.layout_variants(P)
    kinds = [k for k, _, _ in variants]
    assert kinds == ["parameters", "parameters", "tilt", "tilt", "tilt", "tilt", "opposite",
                     "vertical"]  # fmt: skip
    tilts = [a for k, _, a in variants if k == "tilt"]
    assert all(a["surface_tilt_deg"] == a["ground_slope_deg"] for a in tilts)
    opposite = next(a for k, _, a in variants if k == "opposite")
    assert opposite["surface_azimuth_deg"] == (135 + 180) % 360


def test_layout_comparison_and_highlights(concorde, concorde_year, concorde_sim):
    layouts = study.layout_comparison(concorde, concorde_year)
    sweep = study.layout_sweep(concorde, concorde_year)
    hl = study.layout_highlights(sweep, layouts, concorde_sim)
    assert hl.grid_size == 100  # 10 tilts x 10 azimuths of the Concorde file
    # pv.md: a vertical south screen yields about 70 % of the optimum at 50° N.
    assert 0.6 < hl.vertical_ratio < 0.8
    assert hl.shaded_rows
    assert hl.first_name == "Talus sud (face A25)"
    given = layouts[layouts["kind"] == "parameters"]["specific_yield_kwh_per_kwp"].to_numpy()
    assert given == pytest.approx(concorde_sim.arrays["specific_yield_kwh_per_kwp"].to_numpy())
