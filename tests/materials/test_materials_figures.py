"""The materials-to-categories diagram (qsp_lib.materials.figures) drawn from a geometry
worked out by hand: two materials, two legal categories, three ribbons."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import PathPatch, Rectangle

from qsp_lib.core import style
from qsp_lib.materials import figures
from qsp_lib.materials import study as materials_study

LABELS = {"concrete": "Béton", "bricks": "Briques", "other": "Autres matériaux"}


@pytest.fixture
def drawn():
    # 10 000 t: concrete 6 000 t recycled (road sub-base) + 2 000 t backfilled (berm), bricks
    # 2 000 t backfilled.
    balance = pd.DataFrame(
        {
            "material": ["concrete", "concrete", "bricks"],
            "route": ["recyclage", "remblayage", "remblayage"],
            "t": [6000.0, 2000.0, 2000.0],
        }
    )
    diagram = materials_study.flow_diagram(balance, small_share=0.01, gap_share=0.02)
    fig, ax = plt.subplots()
    figures.flow_diagram(ax, diagram, LABELS)
    yield ax
    plt.close(fig)


def test_blocks_have_the_height_of_their_tonnes(drawn):
    # gap = 2 % of 10 000 t = 200 t; concrete on top from 10 200 t down to 2 200 t, bricks
    # from 2 000 t down to 0; categories: recycling 10 200 -> 4 200 t, backfilling
    # 4 000 -> 0 t.
    blocks = {
        (round(r.get_x(), 2), r.get_y(), r.get_height())
        for r in drawn.patches
        if isinstance(r, Rectangle) and not isinstance(r, PathPatch)
    }
    assert blocks == {
        (-0.06, 2200.0, 8000.0),
        (-0.06, 0.0, 2000.0),
        (1.0, 4200.0, 6000.0),
        (1.0, 0.0, 4000.0),
    }
    assert drawn.get_ylim() == (-200.0, 10400.0)


def test_ribbons_join_their_material_to_their_route(drawn):
    ribbons = [p for p in drawn.patches if isinstance(p, PathPatch)]
    assert len(ribbons) == 3
    # concrete -> backfilling leaves concrete below its 6 000 t recycled (top 4 200 t) and
    # enters backfilling at its top (4 000 t), 2 000 t thick.
    ends = np.array(ribbons[1].get_path().vertices)
    assert ends[0].tolist() == [0.0, 4200.0] and ends[3].tolist() == [1.0, 4000.0]
    assert ends[4].tolist() == [1.0, 2000.0] and ends[7].tolist() == [0.0, 2200.0]
    assert ribbons[1].get_facecolor() == to_rgba(figures.ROUTE_COLORS["remblayage"], 0.45)
    assert figures.ROUTE_COLORS["reemploi"] == style.PALETTE[0]


def test_labels_name_each_block_with_its_tonnes_the_french_way(drawn):
    texts = [t.get_text() for t in drawn.texts]
    assert "Béton (8\u202f000\u00a0t)" in texts
    assert "Briques (2\u202f000\u00a0t)" in texts
    assert "Remblayage (4\u202f000\u00a0t)" in texts, texts
    assert "Recyclage (6\u202f000\u00a0t)" in texts, texts


def test_labels_of_small_blocks_are_moved_apart_and_wrapped():
    # 10 000 t of concrete and three materials of 100 t each: their blocks are closer
    # than a line of text, their labels are spread and joined to their block by a line
    balance = pd.DataFrame(
        {
            "material": ["concrete", "bricks", "wood", "glass"],
            "route": ["recyclage"] * 4,
            "t": [10000.0, 100.0, 100.0, 100.0],
        }
    )
    names = {
        "concrete": "Béton",
        "bricks": "Briques",
        "wood": "Bois",
        "glass": "Déchets de chantier en mélange",
    }
    diagram = materials_study.flow_diagram(balance, small_share=0.001, gap_share=0.005)
    fig, ax = plt.subplots(figsize=(style.FIGURE_WIDTH_IN, 3.0))
    figures.flow_diagram(ax, diagram, names)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    left = [t for t in ax.texts if t.get_horizontalalignment() == "right"]
    boxes = sorted((t.get_window_extent(renderer) for t in left), key=lambda b: b.y0)
    assert len(boxes) == 4
    assert all(a.y1 <= b.y0 + 1 for a, b in zip(boxes, boxes[1:], strict=False))
    assert "Déchets de chantier\nen mélange (100\u00a0t)" in [t.get_text() for t in left]
    assert len(ax.lines) >= 2  # leader lines of the labels moved off their block
    plt.close(fig)
