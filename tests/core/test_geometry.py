"""The site's geometry (site.geojson): projection against IGN's published values, both
sites' schematic plans, and bad drawings refused with the file and the feature named."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
import yaml

from qsp_lib.core import geometry, site
from qsp_lib.core.params import ParameterError

REPO = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------ projection
def test_isometric_latitude_matches_ign_alg0001_and_alg0002():
    # IGN NT/G 71, test values of ALG0001: φ = 0.87266462600 rad, e = 0.08199188998
    # -> L = 1.00552653649 ; ALG0002: L = 1.00552653648 -> φ = 0.87266462599.
    assert geometry.isometric_latitude(0.872664626, 0.08199188998) == pytest.approx(
        1.00552653649, abs=1e-11
    )
    assert geometry.latitude_from_isometric(1.00552653648, 0.08199188998) == pytest.approx(
        0.87266462599, abs=2e-11
    )


def test_lambert93_constants_are_ign_s():
    # IGN, Lambert-93: n = 0.7256077650, C = 11 754 255.426 m, Xs = 700 000 m,
    # Ys = 12 655 612.050 m.
    k = geometry.lambert93_constants()
    assert k.n == pytest.approx(0.7256077650, abs=1e-10)
    assert k.c == pytest.approx(11754255.426, abs=1e-3)
    assert k.xs == 700000
    assert k.ys == pytest.approx(12655612.050, abs=1e-3)


def test_lambert_projection_matches_ign_alg0003():
    # IGN NT/G 71, test values of ALG0003 (Lambert I NTF): n = 0.7604059656,
    # C = 11 603 796.98 m, Xs = 600 000 m, Ys = 5 657 616.674 m, λc = 0.04079234433 rad,
    # e = 0.08248325676 ; λ = 0.145512099 rad, φ = 0.872664626 rad
    # -> X = 1 029 705.083 m, Y = 272 723.849 m (1 cm: the constants are given rounded).
    k = geometry.LambertConstants(0.7604059656, 11603796.98, 600000, 5657616.674, 0.04079234433)
    x, y = geometry.lambert_forward(0.145512099, 0.872664626, k, 0.08248325676)
    assert x == pytest.approx(1029705.083, abs=0.01)
    assert y == pytest.approx(272723.849, abs=0.01)
    lon, lat = geometry.lambert_inverse(x, y, k, 0.08248325676)
    assert (lon, lat) == pytest.approx((0.145512099, 0.872664626), abs=1e-11)


def test_lambert93_origin_and_round_trip():
    # By definition, λ0 = 3° E, φ0 = 46.5° N projects to (700 000, 6 600 000).
    assert geometry.wgs84_to_lambert93(3.0, 46.5) == pytest.approx((700000, 6600000), abs=1e-6)
    x, y = geometry.wgs84_to_lambert93(3.035, 50.615)  # Concorde
    assert 690000 < x < 710000 and 7050000 < y < 7070000  # Lille: X ≈ 704 km, Y ≈ 7 059 km
    assert geometry.lambert93_to_wgs84(x, y) == pytest.approx((3.035, 50.615), abs=1e-9)


def test_local_frame_distances_agree_with_lambert93_within_a_tenth_of_a_percent():
    # Lambert-93 distances divided by its scale factor are true distances; the local frame
    # must agree within 0.1 % over a district (1.4 km diagonal).
    origin = (3.035, 50.615)
    a, b = (3.025, 50.610), (3.040, 50.620)
    la, lb = (geometry.wgs84_to_lambert93(*p) for p in (a, b))
    true = math.dist(la, lb) / geometry.lambert93_scale_factor(50.615)
    local = math.dist(geometry.to_local(*a, origin), geometry.to_local(*b, origin))
    assert local == pytest.approx(true, rel=1e-3)
    assert geometry.from_local(*geometry.to_local(*a, origin), origin) == pytest.approx(a)


# ------------------------------------------------------------------ the sites' plans
@pytest.mark.parametrize("name", ["concorde", "wazemmes-moulins"])
def test_both_sites_ship_an_illustrative_plan_that_covers_the_site_model(name):
    model = site.load(REPO / "parameters" / name)
    geo = geometry.load(REPO / "parameters" / name, model)
    assert geo.illustrative and geo.source.startswith("schéma établi d'après")
    assert geo.missing == {}
    assert set(geo.of("building")) == {b.id for b in model.buildings.items}
    assert set(geo.of("zone")) == {z.id for z in model.population.zones}


def test_concorde_berm_is_drawn_at_its_length_and_footprint():
    model = site.load(REPO / "parameters" / "concorde")
    geo = geometry.load(REPO / "parameters" / "concorde", model)
    # site.yaml: 800 m x 60 m = 48 000 m² (SPL Euralille); the drawing within 1 %.
    assert geo.berm_length_m == pytest.approx(800, rel=0.01)
    assert geo.of("berm")["butte"].area == pytest.approx(48000, rel=0.01)
    assert set(geo.of("pv_face")) == {"talus-sud", "crete", "talus-nord"}


# ------------------------------------------------------------------ bad drawings
def _copy(tmp_path, name="concorde") -> Path:
    folder = tmp_path / name
    shutil.copytree(REPO / "parameters" / name, folder)
    return folder


def _edit(folder: Path, change) -> None:
    path = folder / "site.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data["features"])
    path.write_text(json.dumps(data), encoding="utf-8")


def _plan(folder: Path):
    """The site's plan checked against its model (what a run does before any notebook)."""
    return geometry.load(folder, site.load(folder))


def _index(features, ident):
    return next(i for i, f in enumerate(features) if f["properties"]["id"] == ident)


def test_unknown_building_id_is_refused_with_file_and_feature(tmp_path):
    folder = _copy(tmp_path)
    at = _index(json.loads((folder / "site.geojson").read_text("utf-8"))["features"], "barre-a")

    def rename(features):
        features[at]["properties"]["id"] = "barre-z"

    _edit(folder, rename)
    with pytest.raises(ParameterError) as err:
        _plan(folder)
    text = str(err.value)
    assert str(folder / "site.geojson") in text
    assert f"features[{at}] (id barre-z).id" in text
    assert "bâtiment de site.yaml" in text and "barre-a" in text


def test_invalid_polygon_is_refused_with_shapely_s_reason(tmp_path):
    folder = _copy(tmp_path)

    def bow_tie(features):
        ring = features[_index(features, "barre-b")]["geometry"]["coordinates"][0]
        ring[1], ring[2] = ring[2], ring[1]  # crossing edges

    _edit(folder, bow_tie)
    with pytest.raises(ParameterError) as err:
        _plan(folder)
    assert "(id barre-b).geometry" in str(err.value)
    assert "Self-intersection" in str(err.value)
    assert "polygone valide" in str(err.value)


def test_berm_drawn_too_short_is_reported(tmp_path):
    folder = _copy(tmp_path)

    def shorten(features):
        # shrink the berm along its length to 70 %: 560 m drawn for 800 m in site.yaml
        berm = features[_index(features, "butte")]["geometry"]["coordinates"][0]
        cx = sum(p[0] for p in berm[:-1]) / 4
        cy = sum(p[1] for p in berm[:-1]) / 4
        for p in berm:
            p[0], p[1] = cx + 0.7 * (p[0] - cx), cy + 0.7 * (p[1] - cy)

    _edit(folder, shorten)
    with pytest.raises(ParameterError) as err:
        _plan(folder)
    text = str(err.value)
    # 0.7 x 800 = 560 m long, 0.7 x 60 = 42 m wide: (2 x 560 + 2 x 42 - 2 x 60) / 2 = 542 m
    assert "longueur tracée 542 m" in text
    assert "berm.length_m = 800 m" in text and "10 %" in text


def test_wrong_kind_and_berm_without_berm_are_refused(tmp_path):
    folder = _copy(tmp_path)

    def kinds(features):
        features[_index(features, "barre-c")]["properties"]["kind"] = "batiment"

    _edit(folder, kinds)
    with pytest.raises(ParameterError) as err:
        _plan(folder)
    assert "(id barre-c).kind = 'batiment'" in str(err.value)
    assert "building, zone, berm, pv_face, road" in str(err.value)

    waz = _copy(tmp_path, "wazemmes-moulins")
    berm = {
        "type": "Feature",
        "properties": {"kind": "berm", "id": "butte"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[3.05, 50.62], [3.051, 50.62], [3.05, 50.621], [3.05, 50.62]]],
        },
    }
    _edit(waz, lambda features: features.append(berm))
    with pytest.raises(ParameterError, match="site.yaml n'en décrit pas"):
        _plan(waz)


def test_elements_without_drawing_are_listed_not_refused(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, lambda features: features.pop(_index(features, "coeur")))
    geo = _plan(folder)
    assert geo.missing == {"zone": ["coeur"]}


def test_lambert93_file_declared_in_site_yaml(tmp_path):
    folder = _copy(tmp_path)

    def to_l93(features):
        for f in features:
            g = f["geometry"]
            if g["type"] == "LineString":
                g["coordinates"] = [list(geometry.wgs84_to_lambert93(*p)) for p in g["coordinates"]]
            elif g["type"] == "Polygon":
                g["coordinates"] = [
                    [list(geometry.wgs84_to_lambert93(*p)) for p in ring]
                    for ring in g["coordinates"]
                ]
            else:
                g["coordinates"] = [
                    [[list(geometry.wgs84_to_lambert93(*p)) for p in ring] for ring in poly]
                    for poly in g["coordinates"]
                ]

    _edit(folder, to_l93)
    # undeclared: Lambert metres read as degrees are refused
    with pytest.raises(ParameterError, match="longitude, latitude en degrés WGS84"):
        _plan(folder)
    data = yaml.safe_load((folder / "site.yaml").read_text("utf-8"))
    data["geometry"]["crs"] = "EPSG:2154"
    (folder / "site.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    model = site.load(folder)
    l93 = geometry.load(folder, model)
    wgs = geometry.load(
        REPO / "parameters" / "concorde", site.load(REPO / "parameters" / "concorde")
    )
    assert l93.of("berm")["butte"].area == pytest.approx(wgs.of("berm")["butte"].area, rel=1e-6)
    assert l93.berm_length_m == pytest.approx(wgs.berm_length_m, abs=0.01)
    # a QGIS export's crs member must agree with site.yaml
    path = folder / "site.geojson"
    raw = json.loads(path.read_text("utf-8"))
    raw["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    path.write_text(json.dumps(raw), "utf-8")
    with pytest.raises(ParameterError, match="le système déclaré dans site.yaml"):
        _plan(folder)


def test_a_site_without_a_plan_has_no_geometry(tmp_path):
    folder = _copy(tmp_path)
    (folder / "site.geojson").unlink()
    data = yaml.safe_load((folder / "site.yaml").read_text("utf-8"))
    # declared but absent (a site.yaml copied alone): no plan, not an error
    assert geometry.load(folder, site.load(folder)) is None
    del data["geometry"]
    (folder / "site.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert geometry.load(folder, site.load(folder)) is None


def test_new_site_lists_the_plan_among_illustrative_inputs(tmp_path):
    from qsp_lib.runner import sites

    shutil.copytree(REPO / "parameters" / "concorde", tmp_path / "parameters" / "concorde")
    folder = sites.new_site(tmp_path, "mon-quartier", "concorde")
    text = (folder / sites.CHECKLIST).read_text(encoding="utf-8")
    head = text.split("## Hypothèses")[0]
    assert (
        "- [ ] `site.yaml` · `geometry` : `site.geojson` — source : schéma établi d'après" in head
    )


def test_editing_the_plan_reruns_the_site(tmp_path):
    from qsp_lib.runner import fingerprints

    folder = _copy(tmp_path)
    data = yaml.safe_load((folder / "site.yaml").read_text("utf-8"))
    del data["geometry"]  # site.geojson read without being named in site.yaml
    (folder / "site.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    before = fingerprints.site_model_hash(folder)
    _edit(folder, lambda features: features.pop(_index(features, "coeur")))
    assert fingerprints.site_model_hash(folder) != before


def test_a_run_refuses_a_bad_plan_before_any_notebook(tmp_path):
    from qsp_lib.runner import plan

    root = tmp_path / "proj"
    folder = _copy(root / "parameters")
    (root / "notebooks").mkdir()
    _edit(
        folder, lambda features: features[_index(features, "barre-a")]["properties"].update(id="x")
    )
    with pytest.raises(ParameterError, match=r"site.geojson: features\[\d+\] \(id x\).id"):
        plan.prepare(root, "concorde", {}, [])
