"""Diagrams of the pv_yield brief (qsp_lib.pv.figures): they draw on the given ax what the
brief shows, from small hand-made tables."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from qsp_lib.pv import figures  # noqa: E402


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_orientation_map_labels_every_cell(ax):
    # 2 tilts x 3 azimuths, yields chosen by hand (mean 900 kWh/kWp).
    sweep = pd.DataFrame(
        {
            "surface_tilt_deg": [0, 0, 0, 35, 35, 35],
            "surface_azimuth_deg": [90, 180, 270] * 2,
            "specific_yield_kwh_per_kwp": [850.0, 860.0, 850.0, 900.0, 1040.4, 900.0],
        }
    )
    im = figures.orientation_map(ax, sweep)
    assert im.get_array().shape == (2, 3)
    assert im.get_array()[1, 1] == 1040.4  # 35° south, row 1 (origin lower), column 1
    texts = {t.get_text(): t.get_color() for t in ax.texts}
    assert set(texts) == {"850", "860", "900", "1\u202f040"}
    # Below the mean (900): white on the dark end of viridis; above: black.
    assert texts["850"] == "white" and texts["1\u202f040"] == "black"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["90", "180", "270"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0", "35"]
    assert ax.get_ylabel() == "Inclinaison (°)"
    assert ax.get_xlabel().startswith("Azimut (°")


def test_published_yields_draws_points_and_ranges(ax):
    comparison = pd.DataFrame(
        {
            "label": ["Ce projet (ensemble)", "Lille", "A3 (écran antibruit de Pont-de-Bois)"],
            "low": [930.0, 850.0, 667.0],
            "high": [930.0, 1100.0, 667.0],
            "group": ["calcul", "Lille", "Écrans antibruit"],
        }
    )
    figures.published_yields(ax, comparison)
    # One range (a bar from 850 to 1,100), two points.
    assert len(ax.patches) == 1
    bar = ax.patches[0]
    assert (bar.get_x(), bar.get_width()) == (850.0, 250.0)
    assert len(ax.lines) == 2
    assert [t.get_text() for t in ax.texts] == ["930", "850-1\u202f100", "667"]
    # names wrapped at 22 characters, between words
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Ce projet (ensemble)",
        "Lille",
        "A3 (écran antibruit de\nPont-de-Bois)",
    ]
    # Room for the lowest point and the range labels (9 pt): 667 - 70 to 1,100 + 160.
    assert ax.get_xlim() == pytest.approx((597.0, 1260.0))
    assert ax.yaxis_inverted()
    assert np.allclose(
        matplotlib.colors.to_rgb(ax.lines[0].get_color()),
        matplotlib.colors.to_rgb(figures.GROUP_COLOURS["calcul"]),
    )
