"""Maps of the district: each map function returns a figure with a legend, a scale bar, a
north arrow and the illustrative mark; without a plan, none, and the brief says why."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from qsp_lib.core import geometry, maps, site  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def concorde():
    model = site.load(REPO / "parameters" / "concorde")
    return model, geometry.load(REPO / "parameters" / "concorde", model)


@pytest.fixture(scope="module")
def wazemmes():
    model = site.load(REPO / "parameters" / "wazemmes-moulins")
    return model, geometry.load(REPO / "parameters" / "wazemmes-moulins", model)


def _exposure(model, before, after):
    return pd.DataFrame(
        {
            "zone": [z.name for z in model.population.zones],
            "population": [z.residents for z in model.population.zones],
            "lden_db": before,
            "lden_after_db": after,
        }
    )


def _arrays():
    return pd.DataFrame(
        {
            "face": ["talus-sud", "crete", None],
            "name": ["Talus sud", "Crête", "Toiture"],
            "surface_azimuth_deg": [200.0, 200.0, 180.0],
            "peak_power_kwp": [800.0, 200.0, 50.0],
            "specific_yield_kwh_per_kwp": [1000.0, 950.0, 900.0],
        }
    )


def _by_gid(fig, gid):
    return [a for ax in fig.axes for a in ax.get_children() if a.get_gid() == gid]


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def _maps(model, geo):
    fill = pd.DataFrame({"option": [model.reference_option.name], "site_material_t": [1234.0]})
    levels = [69, 70, 66, 65, 61, 58, 55][: len(model.population.zones)]
    return {
        "fates": maps.fates(model, geo),
        "demolitions": maps.demolition_phases(model, geo, fill),
        "noise": maps.noise_zones(model, geo, _exposure(model, levels, [x - 2 for x in levels])),
        "overview": maps.overview(model, geo),
        **({"pv": maps.pv_faces(model, geo, _arrays())} if model.has_berm else {}),
    }


@pytest.mark.parametrize("which", ["concorde", "wazemmes"])
def test_every_map_has_legend_scale_bar_north_arrow_and_mark(which, request):
    import matplotlib.pyplot as plt

    model, geo = request.getfixturevalue(which)
    for name, fig in _maps(model, geo).items():
        assert fig.legends or any(ax.get_legend() for ax in fig.axes), name
        assert len(_by_gid(fig, maps.SCALE_BAR)) == 1, name
        assert len(_by_gid(fig, maps.NORTH_ARROW)) == 1, name
        marks = [t for t in _by_gid(fig, maps.ILLUSTRATIVE_MARK)]
        assert [t.get_text() for t in marks] == ["Schéma illustratif"], name
        assert any("schéma illustratif" in t for t in _texts(fig)), name  # source line
        plt.close(fig)


def test_scale_bar_is_a_round_length_in_french():
    # a fifth of the width, rounded down to 1, 2, 2.5 or 5 x 10^k
    assert maps.nice_length_m(1450) == 250
    assert maps.nice_length_m(1000) == 200
    assert maps.nice_length_m(6000) == 1000
    assert maps.nice_length_m(120) == 20


def test_lden_bands_follow_who_guideline_and_directive_bands():
    # WHO 2018: 53 dB Lden ; Directive 2002/49/EC: 5 dB bands from 55 dB.
    assert [maps.band_of(x) for x in (52.9, 53, 54.9, 55, 64.9, 69.9, 70, 80)] == [
        0,
        1,
        1,
        2,
        3,
        4,
        5,
        5,
    ]
    assert maps.band_label(0) == "moins de 53 dB" and maps.band_label(5) == "70 dB et plus"


def test_zones_of_one_block_share_its_footprint(concorde):
    model, geo = concorde
    parts = dict(maps._zone_parts(geo.of("zone")))
    # sud-bas and sud-etages are the floors of the same barres: half the footprint each
    whole = geo.of("zone")["sud-bas"].area
    assert parts["sud-bas"].area == pytest.approx(whole / 2, rel=1e-6)
    assert parts["sud-etages"].area == pytest.approx(whole / 2, rel=1e-6)
    assert not parts["sud-bas"].intersection(parts["sud-etages"]).area > 1e-6
    assert parts["coeur"].equals(geo.of("zone")["coeur"])


def test_pv_map_names_faces_azimuth_and_yield(concorde):
    model, geo = concorde
    fig = maps.pv_faces(model, geo, _arrays())
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "Talus sud\nazimut 200°, 800 kWc, 1\u202f000 kWh/kWc" in texts
    assert not any("Toiture" in t for t in texts)  # not on a face of the berm


def test_demolition_map_shows_the_fill_flow(concorde):
    model, geo = concorde
    fill = pd.DataFrame({"option": ["npnru"], "site_material_t": [123456.0]})
    texts = _texts(maps.demolition_phases(model, geo, fill))
    assert any(t.startswith("123\u202f456 t de matériaux des démolitions") for t in texts)
    handles = [t.get_text() for t in maps.demolition_phases(model, geo).legends[0].texts]
    # site.yaml, NPNRU: barre A in 2021, B and C 2024-2025, D and E 2026-2028
    assert handles[:3] == ["Démoli en 2021", "Démoli de 2024 à 2025", "Démoli de 2026 à 2028"]


def test_without_a_plan_no_map_and_the_brief_says_why(concorde, monkeypatch):
    model, _ = concorde
    said = []
    from qsp_lib.core import brief

    monkeypatch.setattr(brief, "say", lambda text, **_: said.append(text))
    for fig in (
        maps.fates(model, None),
        maps.demolition_phases(model, None),
        maps.noise_zones(model, None, _exposure(model, [60] * 7, [60] * 7)),
        maps.pv_faces(model, None, _arrays()),
        maps.overview(model, None),
    ):
        assert fig is None
        maps.show(fig)
    assert said == [maps.NO_MAP_FR] * 5
    # French, the file named, no parameter or path names
    assert "site.geojson" in maps.NO_MAP_FR
    assert "/" not in maps.NO_MAP_FR and "_" not in maps.NO_MAP_FR
    assert ".yaml" not in maps.NO_MAP_FR
