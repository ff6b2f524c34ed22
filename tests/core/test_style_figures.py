"""Figures of a brief: alt text said from the figure itself (or given), SVG with its text as
text, scaled for a phone without new collisions."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from qsp_lib.core import style  # noqa: E402


@pytest.fixture(autouse=True)
def _theme():
    with matplotlib.rc_context():
        style.apply()
        yield
    plt.close("all")


def test_alt_text_says_titles_axes_colour_and_source():
    fig, ax = plt.subplots()
    im = ax.imshow(np.arange(6).reshape(2, 3))
    fig.colorbar(im, ax=ax, label="kWh/kWc")
    ax.set_title("Productible selon l'orientation")
    ax.set_xlabel("Azimut (°)")
    ax.set_ylabel("Inclinaison (°)")
    style.source_line(fig, "Source : pvlib")
    assert style.alt_text(fig) == (
        "Graphique : Productible selon l'orientation. Axe horizontal : Azimut (°) ; "
        "axe vertical : Inclinaison (°) ; couleur : kWh/kWc. Source : pvlib."
    )


def test_alt_text_given_wins_and_a_bare_figure_says_so():
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    assert style.alt_text(fig) == "Graphique sans titre ni axes nommés."
    style.describe(fig, "Deux points  alignés.\n")
    assert style.alt_text(fig) == "Deux points alignés."


def test_svg_keeps_text_as_text_at_phone_width_with_a_type_floor():
    fig, ax = plt.subplots(figsize=(7.2, 3.6))
    ax.bar(["A", "B"], [1, 2])
    ax.text(0, 1, "petit", fontsize=6.5)
    ax.set_title("Titre")
    svg = style.figure_svg(fig)
    assert "<text" in svg and "petit" in svg  # text, not glyph paths
    assert fig.get_size_inches()[0] == pytest.approx(style.FIGURE_WIDTH_IN)
    sizes = [float(x) for x in re.findall(r"font-size:\s*([0-9.]+)px", svg)]
    assert sizes and min(sizes) >= style.MIN_FONT_PT - 1e-6  # SVG user units are points
    assert "<dc:date>" not in svg  # same figure, same bytes


def test_same_figure_same_svg():
    def draw():
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3], [2, 1, 3], label="courbe")
        ax.legend()
        return style.figure_svg(fig)

    assert draw() == draw()


def test_a_long_labelled_bar_chart_keeps_its_width():
    fig, ax = plt.subplots(figsize=(7.2, 3.0))
    labels = [f"Réseau de chaleur : valeur cible de l'option numéro {i}" for i in range(6)]
    ax.barh(labels, np.arange(6))
    style.fit_for_reading(fig)
    # at 5.2 in the plotting area would be under 30 % of the width: not scaled down so far
    assert fig.get_size_inches()[0] > style.FIGURE_WIDTH_IN


def test_wrap_label_breaks_between_words_within_the_width():
    assert style.wrap_label("Réseau de chaleur : valeur cible", 18) == (
        "Réseau de chaleur\n: valeur cible"
    )
    assert style.wrap_label("court", 18) == "court"


def test_legend_below_sits_under_the_axes_and_the_figure_keeps_its_width():
    fig, ax = plt.subplots(figsize=(style.FIGURE_WIDTH_IN, 3.0))
    for i in range(3):
        ax.plot([0, 1], [i, i + 1], label=f"Série numéro {i} au libellé assez long")
    legend = style.legend_below(fig, ncol=1)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert legend.get_window_extent(renderer).y1 <= ax.get_window_extent(renderer).y0
    assert [t.get_text() for t in legend.get_texts()][0] == "Série numéro 0 au libellé assez long"
    style.source_line(fig, "Source : une ligne sous la légende.")
    svg = style.figure_svg(fig)
    assert fig.get_size_inches()[0] == pytest.approx(style.FIGURE_WIDTH_IN)

    def y(text: str) -> float:  # baseline of a text in the SVG [pt, downwards]
        found = re.search(r'y="([-\d.]+)"[^>]*>' + re.escape(text), svg)
        assert found, text
        return float(found.group(1))

    # saved with a tight box, the legend stays under the axes and above the source line
    # (one 9 pt line at least between the last entry and the source)
    assert y("Série numéro 2") + 9 <= y("Source")
    plt.close(fig)
