"""The district's geometry: ``site.geojson`` read, projected and checked against the site model.

A site folder may hold ``site.geojson`` (or the file named by ``geometry.path`` in
``site.yaml``): a GeoJSON FeatureCollection whose features carry, in ``properties``,

- ``kind``: ``building`` | ``zone`` | ``berm`` | ``pv_face`` | ``road``;
- ``id``: the id of that element in ``site.yaml`` (``buildings.items[].id``,
  ``population.zones[].id``, ``berm.faces[].id``, ``roads.items[].id``; any id for the one
  berm). Several features with the same kind and id are one element (a group of blocks).

Coordinates are WGS84 longitude/latitude (RFC 7946, the default) or Lambert-93
(``EPSG:2154``, declared in ``site.yaml`` as ``geometry: {path, crs: "EPSG:2154"}``).

``site.yaml`` stays authoritative for quantities: the geometry only draws them. The plan is
checked when a run starts, before any notebook (``qsp run`` and ``qsp validate``), and where
a map is drawn (:func:`for_parameters`); analyses that only read the site model do not
depend on it. Checks, each reported with the file, the feature (index and id) and what was
expected:
a kind outside the five, an id unknown to the site model, a polygon that is not valid
(shapely's ``explain_validity``), a geometry type that does not fit the kind, coordinates
outside the declared CRS or far from the site's coordinates, a berm drawn without a berm in
``site.yaml``, and a berm whose drawn length differs from ``berm.length_m`` by more than
:data:`BERM_LENGTH_TOLERANCE`. Elements of the site model without a geometry are **not** an
error (a GIS export may lag behind the programme): they are listed in
:attr:`SiteGeometry.missing` and each map names them under its drawing. A ``geometry.path``
naming no file is not an error either (a ``site.yaml`` copied without its plan stays valid):
the site has no plan, and the briefs say that a map needs ``site.geojson``.

Projection choice. Maps and lengths are computed in a local metric frame tangent to the
ellipsoid at the site's coordinates (``site.yaml``): ``x = N(φ0) cos φ0 (λ - λ0)``,
``y = M(φ0) (φ - φ0)`` on GRS80 (:func:`to_local`), whose scale error stays below 0.01 %
within 2 km of the origin, far below the 0.1 % a district map needs. Lambert-93 input is
first converted to RGF93 longitude/latitude (taken equal to WGS84, within a metre) with the
IGN formulas of the conformal conic projection (:func:`lambert93_to_wgs84`,
:func:`wgs84_to_lambert93`); pyproj is not needed.

References
----------
IGN (1995). *Projection cartographique conique conforme de Lambert*, notice technique
NT/G 71, algorithms ALG0001 (isometric latitude), ALG0002 (latitude from isometric
latitude), ALG0003/ALG0004 (Lambert projection and its inverse), ALG0054 (constants of a
secant Lambert projection).
IGN, *Lambert-93* (RGF93 / Lambert-93, EPSG:2154): GRS80, φ1 = 44° N, φ2 = 49° N,
φ0 = 46.5° N, λ0 = 3° E, X0 = 700 000 m, Y0 = 6 600 000 m; n = 0.7256077650,
C = 11 754 255.426 m, Ys = 12 655 612.050 m.
Butler, H. et al. (2016). *The GeoJSON Format*, RFC 7946.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qsp_lib.core.params import ParameterError, Problem
from qsp_lib.core.status import DEFAULT, Status

#: Default file name of the geometry in a site folder.
FILE_NAME = "site.geojson"
#: The element kinds a feature may carry.
KINDS = ("building", "zone", "berm", "pv_face", "road")
#: Coordinate reference systems accepted.
CRS = ("EPSG:4326", "EPSG:2154")
#: Relative difference between the drawn berm length and ``berm.length_m`` reported [-].
BERM_LENGTH_TOLERANCE = 0.10
#: Largest distance between the drawing's centre and the site's coordinates [m].
MAX_OFFSET_M = 5000.0

_AREAL = {"Polygon", "MultiPolygon"}
_LINEAR = {"LineString", "MultiLineString"}
_TYPES = {
    "building": _AREAL,
    "zone": _AREAL,
    "berm": _AREAL,
    "pv_face": _AREAL,
    "road": _LINEAR | _AREAL,
}

# ------------------------------------------------------------------ GRS80 and Lambert-93
#: GRS80 semi-major axis [m] and first eccentricity (IGN, RGF93).
A_GRS80 = 6378137.0
E_GRS80 = 0.0818191910428158
_L93 = {"lon0": 3.0, "lat0": 46.5, "lat1": 44.0, "lat2": 49.0, "x0": 700000.0, "y0": 6600000.0}


def isometric_latitude(phi: float, e: float) -> float:
    """Isometric latitude of ``phi`` [rad] on an ellipsoid of eccentricity ``e`` (IGN
    NT/G 71, ALG0001).

    References
    ----------
    IGN (1995), NT/G 71, ALG0001.
    """
    s = e * math.sin(phi)
    return math.log(math.tan(math.pi / 4 + phi / 2) * ((1 - s) / (1 + s)) ** (e / 2))


def latitude_from_isometric(lat_iso: float, e: float, tol: float = 1e-12) -> float:
    """Latitude [rad] of an isometric latitude (IGN NT/G 71, ALG0002, fixed-point iteration).

    References
    ----------
    IGN (1995), NT/G 71, ALG0002.
    """
    phi = 2 * math.atan(math.exp(lat_iso)) - math.pi / 2
    for _ in range(50):
        s = e * math.sin(phi)
        new = 2 * math.atan(((1 + s) / (1 - s)) ** (e / 2) * math.exp(lat_iso)) - math.pi / 2
        if abs(new - phi) < tol:
            return new
        phi = new
    return phi


@dataclass(frozen=True)
class LambertConstants:
    """Constants of a secant conformal conic projection (IGN ALG0054).

    Attributes
    ----------
    n : float
        Cone constant [-].
    c : float
        Projection constant [m].
    xs, ys : float
        Coordinates of the pole [m].
    lon0 : float
        Central meridian [rad].
    """

    n: float
    c: float
    xs: float
    ys: float
    lon0: float


@functools.cache
def lambert93_constants() -> LambertConstants:
    """Constants of Lambert-93 computed from its definition (IGN NT/G 71, ALG0054).

    References
    ----------
    IGN (1995), NT/G 71, ALG0054 ; IGN, Lambert-93 (EPSG:2154).
    """
    a, e = A_GRS80, E_GRS80
    p1, p2, p0 = (math.radians(_L93[k]) for k in ("lat1", "lat2", "lat0"))

    def big_n(phi: float) -> float:
        return a / math.sqrt(1 - (e * math.sin(phi)) ** 2)

    l1, l2 = isometric_latitude(p1, e), isometric_latitude(p2, e)
    n = math.log((big_n(p2) * math.cos(p2)) / (big_n(p1) * math.cos(p1))) / (l1 - l2)
    c = big_n(p1) * math.cos(p1) / n * math.exp(n * l1)
    ys = _L93["y0"] + c * math.exp(-n * isometric_latitude(p0, e))
    return LambertConstants(n, c, _L93["x0"], ys, math.radians(_L93["lon0"]))


def lambert_forward(
    lon_rad: float, lat_rad: float, k: LambertConstants, e: float
) -> tuple[float, float]:
    """Conformal conic projection of a longitude/latitude [rad] (IGN NT/G 71, ALG0003).

    References
    ----------
    IGN (1995), NT/G 71, ALG0003.
    """
    r = k.c * math.exp(-k.n * isometric_latitude(lat_rad, e))
    gamma = k.n * (lon_rad - k.lon0)
    return k.xs + r * math.sin(gamma), k.ys - r * math.cos(gamma)


def lambert_inverse(x: float, y: float, k: LambertConstants, e: float) -> tuple[float, float]:
    """Longitude and latitude [rad] of projected (X, Y) [m] (IGN NT/G 71, ALG0004).

    References
    ----------
    IGN (1995), NT/G 71, ALG0004.
    """
    dx, dy = x - k.xs, y - k.ys
    r = math.hypot(dx, dy)
    gamma = math.atan2(dx, -dy)
    return k.lon0 + gamma / k.n, latitude_from_isometric(-math.log(r / k.c) / k.n, e)


def wgs84_to_lambert93(lon_deg: float, lat_deg: float) -> tuple[float, float]:
    """Lambert-93 (X, Y) [m] of a longitude and latitude [deg] (RGF93 taken equal to WGS84).

    References
    ----------
    IGN (1995), NT/G 71, ALG0003 ; IGN, Lambert-93 (EPSG:2154).
    """
    k = lambert93_constants()
    return lambert_forward(math.radians(lon_deg), math.radians(lat_deg), k, E_GRS80)


def lambert93_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """Longitude and latitude [deg] of Lambert-93 (X, Y) [m].

    References
    ----------
    IGN (1995), NT/G 71, ALG0004 ; IGN, Lambert-93 (EPSG:2154).
    """
    lon, lat = lambert_inverse(x, y, lambert93_constants(), E_GRS80)
    return math.degrees(lon), math.degrees(lat)


def lambert93_scale_factor(lat_deg: float) -> float:
    """Scale factor of Lambert-93 at a latitude [-]: ``n R / (N cos φ)``.

    References
    ----------
    IGN (1995), NT/G 71 (scale factor of the conformal conic projection).
    """
    k = lambert93_constants()
    phi = math.radians(lat_deg)
    r = k.c * math.exp(-k.n * isometric_latitude(phi, E_GRS80))
    big_n = A_GRS80 / math.sqrt(1 - (E_GRS80 * math.sin(phi)) ** 2)
    return k.n * r / (big_n * math.cos(phi))


def to_local(lon_deg: float, lat_deg: float, origin: tuple[float, float]) -> tuple[float, float]:
    """Local metric coordinates (east, north) [m] of a longitude/latitude [deg], in the frame
    tangent to GRS80 at ``origin`` (longitude, latitude [deg]): radii of curvature of the
    prime vertical ``N`` and of the meridian ``M`` at the origin.

    References
    ----------
    IGN (1995), NT/G 71 (GRS80 radii of curvature).
    """
    lon0, lat0 = origin
    phi0 = math.radians(lat0)
    w = 1 - (E_GRS80 * math.sin(phi0)) ** 2
    big_n = A_GRS80 / math.sqrt(w)
    big_m = A_GRS80 * (1 - E_GRS80**2) / w**1.5
    return (
        big_n * math.cos(phi0) * math.radians(lon_deg - lon0),
        big_m * math.radians(lat_deg - lat0),
    )


def from_local(x: float, y: float, origin: tuple[float, float]) -> tuple[float, float]:
    """Inverse of :func:`to_local`: longitude, latitude [deg] of local (east, north) [m]."""
    lon0, lat0 = origin
    phi0 = math.radians(lat0)
    w = 1 - (E_GRS80 * math.sin(phi0)) ** 2
    big_n = A_GRS80 / math.sqrt(w)
    big_m = A_GRS80 * (1 - E_GRS80**2) / w**1.5
    return lon0 + math.degrees(x / (big_n * math.cos(phi0))), lat0 + math.degrees(y / big_m)


# ------------------------------------------------------------------ the site's geometry
@dataclass(frozen=True)
class Element:
    """One element of the site model drawn: its kind, id and shape in the local frame [m]."""

    kind: str
    id: str
    shape: Any  # shapely geometry


@dataclass(frozen=True)
class SiteGeometry:
    """The validated geometry of a site, in the local metric frame (east, north) [m].

    Attributes
    ----------
    path : Path
        The GeoJSON file.
    crs : str
        Its declared CRS.
    status, source : str
        Data status and source declared in ``site.yaml`` (``geometry:``).
    origin : tuple of float
        Longitude, latitude of the local frame's origin [deg] (the site's coordinates).
    elements : tuple of Element
        One per (kind, id), features of the same id merged.
    missing : dict of str to list of str
        Kind -> ids of the site model without a geometry.
    berm_length_m : float or None
        Length of the drawn berm [m] (None without a berm).
    """

    path: Path
    crs: str
    status: Status
    source: str | None
    origin: tuple[float, float]
    elements: tuple[Element, ...]
    missing: dict[str, list[str]] = field(default_factory=dict)
    berm_length_m: float | None = None

    def of(self, kind: str) -> dict[str, Any]:
        """Id -> shape of the elements of ``kind``."""
        return {e.id: e.shape for e in self.elements if e.kind == kind}

    @property
    def illustrative(self) -> bool:
        return self.status == "illustrative"

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of every element [m]."""
        from shapely.ops import unary_union

        return unary_union([e.shape for e in self.elements]).bounds


def drawn_length_m(shape: Any, width_m: float) -> float:
    """Length of an elongated shape [m]: a line's length, or for a band of known width,
    ``(perimeter - 2 width) / 2`` (a curved band too).

    References
    ----------
    Perimeter of a band of length L and width w: 2 L + 2 w (elementary geometry).
    """
    if shape.geom_type in _LINEAR:
        return float(shape.length)
    return float((shape.length - 2 * width_m) / 2)


def path_for(site_dir: Path, model: Any) -> tuple[Path, str, Status, str | None] | None:
    """(file, CRS, status, source) of the site's geometry, or None when it has none:
    ``geometry:`` of ``site.yaml`` when given, else ``site.geojson`` when present."""
    declared = getattr(model, "geometry", None)
    if declared is not None:
        path = Path(declared.path)
        path = path if path.is_absolute() else Path(site_dir) / path
        return path, declared.crs, declared.status, declared.source
    path = Path(site_dir) / FILE_NAME
    if path.is_file():
        return path, CRS[0], DEFAULT, None
    return None


def load(site_dir: str | Path, model: Any) -> SiteGeometry | None:
    """Read and check the geometry of a site against its model (None: the site has none).

    Parameters
    ----------
    site_dir : str or Path
        The site folder (``parameters/<site>``).
    model : qsp_lib.core.site.SiteModel
        Its validated site model.

    Raises
    ------
    ParameterError
        Every problem found, each naming the file, the feature and what was expected.

    References
    ----------
    RFC 7946 (GeoJSON) ; IGN NT/G 71 (Lambert-93).
    """
    found = path_for(Path(site_dir), model)
    if found is None:
        return None
    path, crs, status, source = found
    where = str(path)
    if not path.is_file():
        return None  # a site.yaml copied without its plan: no maps, the briefs say why
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParameterError(
            [Problem(where, "", "illisible", f"du GeoJSON UTF-8 ({exc})")]
        ) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ParameterError(
            [Problem(where, "type", _short(data), "une FeatureCollection (RFC 7946)")]
        )
    problems = _crs_member(where, data, crs)
    features = data.get("features") or []
    if not features:
        problems.append(Problem(where, "features", "[]", "au moins un élément"))
    origin = (model.longitude_deg, model.latitude_deg)
    known = _known_ids(model)
    parts: dict[tuple[str, str], list[Any]] = {}
    for index, feature in enumerate(features):
        shape = _feature(where, index, feature, crs, known, origin, problems)
        if shape is not None:
            props = feature["properties"]
            parts.setdefault((props["kind"], str(props["id"])), []).append(shape)
    if problems:
        raise ParameterError(problems)
    from shapely.ops import unary_union

    elements = tuple(
        Element(kind, ident, shapes[0] if len(shapes) == 1 else unary_union(shapes))
        for (kind, ident), shapes in parts.items()
    )
    problems += _whole(where, elements, model)
    if problems:
        raise ParameterError(problems)
    drawn = {k: {e.id for e in elements if e.kind == k} for k in KINDS}
    missing = {
        kind: [i for i in ids if i not in drawn[kind]]
        for kind, ids in known.items()
        if kind != "berm" and any(i not in drawn[kind] for i in ids)
    }
    berm = [e for e in elements if e.kind == "berm"]
    if model.berm is not None and not berm:
        missing["berm"] = ["butte"]
    length = drawn_length_m(berm[0].shape, model.berm.base_width_m) if berm else None
    return SiteGeometry(path, crs, status, source, origin, elements, missing, length)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "…"


def _crs_member(where: str, data: dict, crs: str) -> list[Problem]:
    """The legacy ``crs`` member (QGIS exports write it) must agree with ``site.yaml``."""
    member = data.get("crs")
    if not isinstance(member, dict):
        return []
    name = str((member.get("properties") or {}).get("name", ""))
    code = (
        "EPSG:2154"
        if name.endswith("2154")
        else "EPSG:4326"
        if name.endswith(("4326", "CRS84"))
        else name
    )
    if code != crs:
        return [
            Problem(
                where,
                "crs",
                name,
                f"le système déclaré dans site.yaml ({crs}) ; sinon déclarer "
                f'geometry: {{path, crs: "{code}"}} dans site.yaml',
            )
        ]
    return []


def _known_ids(model: Any) -> dict[str, list[str]]:
    return {
        "building": [b.id for b in model.buildings.items],
        "zone": [z.id for z in model.population.zones],
        "berm": ["butte"] if model.berm is not None else [],
        "pv_face": [f.id for f in model.berm.faces] if model.berm is not None else [],
        "road": [r.id for r in model.roads.items] if model.roads is not None else [],
    }


def _feature(where, index, feature, crs, known, origin, problems) -> Any:
    """The feature's shape in the local frame, or None after appending its problems."""
    import shapely
    from shapely.geometry import shape as to_shape
    from shapely.validation import explain_validity

    props = feature.get("properties") if isinstance(feature, dict) else None
    ident = props.get("id") if isinstance(props, dict) else None
    key = f"features[{index}]" + (f" (id {ident})" if ident is not None else "")
    if not isinstance(props, dict):
        problems.append(Problem(where, key, _short(feature), "un Feature avec properties"))
        return None
    kind = props.get("kind")
    if kind not in KINDS:
        problems.append(Problem(where, f"{key}.kind", kind, f"un type parmi {', '.join(KINDS)}"))
        return None
    ids = known[kind]
    if kind == "berm":
        if not ids:
            problems.append(
                Problem(where, key, "berm", "pas de butte : site.yaml n'en décrit pas (berm)")
            )
            return None
    elif ident not in ids:
        from qsp_lib.core.params import closest

        close = closest(str(ident), ids)
        hint = f" ; vouliez-vous dire {close} ?" if close else ""
        listed = ", ".join(ids) if ids else "aucun dans site.yaml"
        problems.append(
            Problem(where, f"{key}.id", ident, f"un id de {_WHERE[kind]} ({listed}){hint}")
        )
        return None
    raw = feature.get("geometry")
    gtype = raw.get("type") if isinstance(raw, dict) else None
    if gtype not in _TYPES[kind]:
        problems.append(
            Problem(
                where,
                f"{key}.geometry",
                gtype,
                f"pour {kind} : {' ou '.join(sorted(_TYPES[kind]))}",
            )
        )
        return None
    try:
        shape = to_shape(raw)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        problems.append(Problem(where, f"{key}.geometry", gtype, f"une géométrie lisible ({exc})"))
        return None
    if not shape.is_valid:
        problems.append(
            Problem(
                where,
                f"{key}.geometry",
                explain_validity(shape),
                "un polygone valide (contour fermé qui ne se recoupe pas)",
            )
        )
        return None
    x0, y0, x1, y1 = shape.bounds
    if crs == "EPSG:4326":
        inside = -180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90
        expected = "longitude, latitude en degrés WGS84 (RFC 7946)"
    else:
        inside = 0 <= x0 <= x1 <= 1.3e6 and 6.0e6 <= y0 <= y1 <= 7.2e6
        expected = "X, Y Lambert-93 en mètres (EPSG:2154, France métropolitaine)"
    if not inside:
        problems.append(
            Problem(
                where, f"{key}.geometry", f"emprise {shape.bounds}", f"des coordonnées {expected}"
            )
        )
        return None

    def project(coords):
        import numpy as np

        if crs == "EPSG:2154":
            coords = np.array([lambert93_to_wgs84(x, y) for x, y in coords]).reshape(-1, 2)
        return np.array([to_local(lon, lat, origin) for lon, lat in coords]).reshape(-1, 2)

    local = shapely.transform(shape, project)
    centre = local.centroid
    if math.hypot(centre.x, centre.y) > MAX_OFFSET_M:
        problems.append(
            Problem(
                where,
                f"{key}.geometry",
                f"à {math.hypot(centre.x, centre.y) / 1000:.1f} km des coordonnées du site",
                f"un tracé à moins de {MAX_OFFSET_M / 1000:.0f} km de latitude_deg/longitude_deg "
                f"de site.yaml (système déclaré : {crs})",
            )
        )
        return None
    return local


_WHERE = {
    "building": "bâtiment de site.yaml (buildings)",
    "zone": "zone de site.yaml (population.zones)",
    "pv_face": "face de la butte de site.yaml (berm.faces)",
    "road": "route de site.yaml (roads)",
}


def _whole(where: str, elements: tuple[Element, ...], model: Any) -> list[Problem]:
    """Checks on the whole drawing: one berm, and its length against ``site.yaml``."""
    berms = [e for e in elements if e.kind == "berm"]
    if len(berms) > 1:
        ids = ", ".join(e.id for e in berms)
        return [Problem(where, "features (kind berm)", ids, "une seule butte (un seul id)")]
    if not berms or model.berm is None:
        return []
    drawn = drawn_length_m(berms[0].shape, model.berm.base_width_m)
    expected = model.berm.length_m
    if abs(drawn - expected) > BERM_LENGTH_TOLERANCE * expected:
        return [
            Problem(
                where,
                f"features (kind berm, id {berms[0].id})",
                f"longueur tracée {drawn:.0f} m",
                f"la longueur de site.yaml (berm.length_m = {expected:g} m) à "
                f"{BERM_LENGTH_TOLERANCE * 100:.0f} % près ; site.yaml fait foi pour les quantités",
            )
        ]
    return []


def for_parameters(parameters: Any) -> SiteGeometry | None:
    """The geometry of a notebook's site (None: the site has no ``site.geojson``), read
    once per version of the file and of the site model."""
    from qsp_lib.core.params import site_dir_for

    model = parameters.site_model
    folder = Path(
        getattr(parameters, "_site_dir", None)
        or getattr(parameters, "site_dir", None)
        or site_dir_for(parameters.site)
    )
    found = path_for(folder, model)
    stamp = found[0].stat().st_mtime_ns if found and found[0].is_file() else None
    key = (str(folder.resolve()), stamp, id(model))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = (model, load(folder, model))
    return _CACHE[key][1]


#: (folder, file stamp, id of the site model) -> (site model kept alive, its geometry).
_CACHE: dict[tuple, tuple[Any, SiteGeometry | None]] = {}
