"""Drawn diagrams of the evaluation brief (qsp_lib.evaluation.figures), on small fixtures.

Extents and labels are computed by hand below: the berm of the Concorde parameters (10 m
high, 10 m crest, 60 m footprint, 20 m from the road axis: far foot at 80 m), a reference
receiver at 120 m and 4 m.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from qsp_lib.evaluation import figures  # noqa: E402
from qsp_lib.evaluation.model.acoustics import BermGeometry  # noqa: E402
from qsp_lib.evaluation.study import BermCurves  # noqa: E402

BERM = BermGeometry(height_m=10, crest_width_m=10, base_width_m=60, distance_to_road_m=20)
ZONES = pd.DataFrame(
    {
        "distance_to_road_m": [100.0, 150.0, 400.0],
        "receiver_height_m": [4.0, 16.0, 1.5],
        "offset_along_berm_m": [0.0, np.nan, 200.0],
    }
)


@pytest.fixture()
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def _legend(ax) -> list[str]:
    """The legend's entries (the axes' own, else the figure's below the plot), unwrapped."""
    legend = ax.get_legend() or ax.figure.legends[0]
    return [t.get_text().replace("\n", " ") for t in legend.get_texts()]


def test_noise_band_bars_pair_before_and_after(ax):
    bands = pd.DataFrame({"before": [10.0, 30.0], "after": [25.0, 15.0]}, index=["a", "b"])
    figures.noise_band_bars(ax, bands, "Lden")
    widths = [p.get_width() for p in ax.patches]
    assert widths == [10.0, 30.0, 25.0, 15.0]  # before bars, then after bars
    assert ax.get_title() == "Lden"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert ax.yaxis_inverted()


def test_berm_section_to_scale_up_to_the_receiver(ax):
    # farthest of receiver (120 m) and far foot (80 m), plus 60 m: 180 m
    assert figures.section_extent_m(BERM, 120.0) == 180.0
    figures.berm_section(ax, BERM, ZONES, 120.0, 4.0, 0.5)
    assert ax.get_xlim() == (-5.0, 180.0)
    # zones within 180 m: 100 m (4 m) and 150 m (16 m): top 16 + 3, head room 3
    assert ax.get_ylim() == (0.0, 22.0)
    assert ax.get_title() == "Coupe à l'échelle, jusqu'à 180 m de la route (points : récepteurs)"
    assert _legend(ax) == ["Butte", "Ligne de vue route → récepteur de référence"]


def test_berm_plan_shows_the_screened_share(ax):
    figures.berm_plan(ax, BERM, 800.0, ZONES, 120.0, 0.0, 0.814)
    # the rays through the crest ends (crest line at 20 + 25 + 5 = 50 m from the axis) meet
    # the road at 400 x 120 / (120 - 50) = 685.71 m; top = farthest zone 400 m + 40 m;
    # reach = 685.71 + 440
    assert ax.get_xlim() == pytest.approx((-1125.714, 1125.714), abs=1e-3)
    assert ax.get_ylim() == (-20.0, 440.0)
    labels = _legend(ax)
    assert "Part de l'A25 masquée : 81\u00a0%" in labels and "Butte (800 m)" in labels


def test_berm_gain_curves_one_line_per_height_and_distance():
    grid = pd.DataFrame(
        {"distance_m": [85.0, 85.0, 200.0, 200.0], "height_m": [1.5, 4.0, 1.5, 4.0]}
    ).assign(insertion_loss_dba=[20.0, 18.0, 15.0, 14.0])
    grid_h = pd.DataFrame({"distance_m": [100.0, 100.0], "height_m": [1.5, 30.0]}).assign(
        insertion_loss_dba=[19.0, 2.0]
    )
    curves = BermCurves(
        distances=np.array([85.0, 200.0]),
        heights=np.array([1.5, 4.0]),
        grid=grid,
        sample_distances=np.array([100.0]),
        grid_h=grid_h,
        finite_change=np.array([7.0, 5.0]),
    )
    fig, axes = plt.subplots(1, 2, sharey=True)
    figures.berm_gain_curves(axes, curves, 800.0, 4.0)
    assert _legend(axes[0]) == ["1,5 m", "4,0 m", "A25 entière, butte de 800 m (4,0 m)"]
    assert _legend(axes[1]) == ["100 m"]
    assert list(axes[0].lines[0].get_ydata()) == [20.0, 15.0]  # 1.5 m against distance
    figures.berm_gain_curves(axes, curves, np.inf, 4.0)  # no dashed curve without a length
    assert len(axes[0].lines) == 2 + 3
    plt.close(fig)


def test_indicator_grid_one_row_per_indicator():
    assert figures.indicator_grid_height_in(5) == pytest.approx(0.62 * 5 + 0.6)
    framework = pd.DataFrame(
        {
            "indicator": ["Vélo"],
            "baseline_year": [2019],
            "baseline_value": [2.0],
            "target_year": [2035],
            "target_value": [8.0],
            "observations": [{2023: 3.0}],
        }
    )
    status = pd.DataFrame({"status": ["en retard"]})
    fig, axes = plt.subplots(1, 2)  # one indicator: a single row of axes
    figures.indicator_grid(axes, framework, status)
    left, right = axes
    texts = [t.get_text() for t in left.texts]
    assert texts == ["Vélo", "en retard"]
    assert left.texts[1].get_color() == figures.STATUS_COLOURS["en retard"]
    trajectory, observed, target = right.lines
    assert list(trajectory.get_xdata()) == [2019, 2035]
    assert list(observed.get_ydata()) == [2.0, 3.0]
    assert (list(target.get_xdata()), list(target.get_ydata())) == ([2035], [8.0])
    plt.close(fig)
