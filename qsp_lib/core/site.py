"""The site model: one description of a district (``parameters/<site>/site.yaml``), read by
every notebook.

``site.yaml`` says once what every analysis needs to know of the district: its identity
(name, commune, priority-area code, coordinates, time zone), today's population by exposure
zone and the persons per dwelling of new homes, the planning options and, per building, its
fate and works years under each option, the acoustic berm when there is one (with its faces
for the PV plant) and the roads. Every block carries its data ``status`` (``sourced`` |
``estimated`` | ``illustrative``, see :mod:`qsp_lib.core.status`) and ``source``.

Numbers in, numbers out: :func:`load` validates the file (errors name the file, the key path,
the value and what was expected, in French, like every parameter file) and the model answers
the questions analyses ask (residents, future residents of an option, buildings by fate, the
berm's fill volume).
"""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from qsp_lib.core.params import (
    NonNegFloat,
    ParameterError,
    PositiveFloat,
    StrictModel,
    _problems_from,
    load_yaml,
)
from qsp_lib.core.status import DEFAULT, Status, weakest

#: The file name of the site model in a site folder (contract).
FILE_NAME = "site.yaml"

#: Heating carriers a building may use (the GHG analysis holds their emission factors).
Carrier = Literal["gas", "fuel_oil", "wood", "electricity", "district_heating"]

#: What becomes of a building under an option: kept as it is, rehabilitated, demolished,
#: built new, or absent from that option (a new building another option builds).
Fate = Literal["keep", "rehabilitate", "demolish", "new", "absent"]

Year = Annotated[int, Field(ge=1800, le=2200)]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]


class Block(StrictModel):
    """A block of the site model with its data status and source."""

    status: Status = DEFAULT
    source: str | None = None


class Zone(StrictModel):
    """An exposure zone: today's residents and the receiver that stands for them."""

    id: Identifier
    name: Annotated[str, Field(min_length=1)]
    residents: NonNegFloat
    #: Distance from the receiver to the main road's axis [m]; None where no road dominates.
    distance_to_road_m: PositiveFloat | None = None
    #: Receiver height [m]; 4 m is the evaluation height of Directive 2002/49/EC, annex I.
    receiver_height_m: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] = 4.0


class Population(Block):
    """Today's residents by zone; future residents of an option = its dwellings x
    ``persons_per_dwelling``."""

    zones: Annotated[list[Zone], Field(min_length=1)]
    persons_per_dwelling: Annotated[float, Field(gt=0, le=10, allow_inf_nan=False)]

    @field_validator("zones")
    @classmethod
    def _unique_zones(cls, zones: list[Zone]) -> list[Zone]:
        _unique([z.id for z in zones], "zones")
        return zones

    @property
    def residents(self) -> float:
        """Today's residents of the district [persons]."""
        return float(sum(z.residents for z in self.zones))


class Option(StrictModel):
    """A planning option."""

    id: Identifier
    name: Annotated[str, Field(min_length=1)]
    reference: bool = False
    description: str | None = None


class Options(Block):
    """The planning options compared; exactly one is the reference."""

    items: Annotated[list[Option], Field(min_length=1)]

    @field_validator("items")
    @classmethod
    def _one_reference(cls, items: list[Option]) -> list[Option]:
        _unique([o.id for o in items], "options")
        _unique([o.name for o in items], "options (noms)")
        references = [o.id for o in items if o.reference]
        if len(references) != 1:
            raise ValueError(
                f"exactement une option de référence (reference: true) ; trouvé {references}"
            )
        return items


class Works(StrictModel):
    """A building's fate under one option and the years of its works (inclusive)."""

    fate: Fate
    start_year: Year | None = None
    end_year: Year | None = None

    @model_validator(mode="after")
    def _years(self) -> Works:
        needs_years = self.fate in ("rehabilitate", "demolish", "new")
        if needs_years and (self.start_year is None or self.end_year is None):
            raise ValueError(f"{self.fate} : start_year et end_year attendus")
        if not needs_years and (self.start_year is not None or self.end_year is not None):
            raise ValueError(f"{self.fate} : pas d'années de travaux")
        if needs_years and self.end_year < self.start_year:
            raise ValueError("end_year ≥ start_year attendu")
        return self


class Building(StrictModel):
    """A building (or a group of identical blocks) and its fate under each option."""

    id: Identifier
    name: Annotated[str, Field(min_length=1)]
    typology: Annotated[str, Field(min_length=1)]
    construction_year: Year | None = None
    living_area_m2: PositiveFloat
    dwellings: Annotated[int, Field(ge=0)]
    heating_carrier: Carrier
    fate: dict[str, Works]


class Buildings(Block):
    """Existing and planned buildings; each says what every option does with it."""

    items: Annotated[list[Building], Field(min_length=1)]

    @field_validator("items")
    @classmethod
    def _unique_buildings(cls, items: list[Building]) -> list[Building]:
        _unique([b.id for b in items], "buildings")
        return items


class Face(StrictModel):
    """A face of the berm (a slope, or the crest at 0°) and its orientation."""

    id: Identifier
    slope_deg: Annotated[float, Field(ge=0, le=60, allow_inf_nan=False)]
    azimuth_deg: Annotated[float, Field(ge=0, le=360, allow_inf_nan=False)]
    #: Plausible range of the azimuth when it is not surveyed [deg].
    azimuth_range_deg: tuple[float, float] | None = None

    @field_validator("azimuth_range_deg")
    @classmethod
    def _ordered(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and not 0 <= value[0] <= value[1] <= 360:
            raise ValueError("[bas, haut] avec 0 ≤ bas ≤ haut ≤ 360")
        return value


class Berm(Block):
    """The acoustic earth berm: a trapezoidal section along the road."""

    length_m: PositiveFloat
    height_m: PositiveFloat
    crest_width_m: NonNegFloat
    base_width_m: PositiveFloat
    distance_to_road_m: PositiveFloat
    faces: list[Face] = []

    @model_validator(mode="after")
    def _section(self) -> Berm:
        if self.base_width_m <= self.crest_width_m:
            raise ValueError("base_width_m > crest_width_m attendu (section trapézoïdale)")
        _unique([f.id for f in self.faces], "berm.faces")
        for face in self.faces:
            if face.slope_deg > 0 and abs(face.slope_deg - self.slope_deg) > 0.5:
                raise ValueError(
                    f"faces.{face.id}.slope_deg = {face.slope_deg} : la section (hauteur "
                    f"{self.height_m} m, talus de {self.slope_width_m:g} m) donne "
                    f"{self.slope_deg:.1f}° (à 0,5° près)"
                )
        return self

    @property
    def slope_deg(self) -> float:
        """Slope of the side faces given by the section, atan(height / slope width) [deg]."""
        return math.degrees(math.atan2(self.height_m, self.slope_width_m))

    @property
    def fill_volume_m3(self) -> float:
        """Volume of the trapezoidal section times the length [m³]."""
        return self.length_m * self.height_m * (self.crest_width_m + self.base_width_m) / 2

    @property
    def slope_width_m(self) -> float:
        """Horizontal width of one side slope, (base - crest) / 2 [m]."""
        return (self.base_width_m - self.crest_width_m) / 2

    @property
    def slope_length_m(self) -> float:
        """Length of one side slope along the ground, from foot to crest [m]."""
        return float((self.slope_width_m**2 + self.height_m**2) ** 0.5)


class Road(StrictModel):
    """A road that matters to the district (noise, air, mobility)."""

    id: Identifier
    name: Annotated[str, Field(min_length=1)]
    vehicles_per_day: NonNegFloat | None = None
    position: str | None = None


class Roads(Block):
    items: Annotated[list[Road], Field(min_length=1)]


class Geometry(Block):
    """Where the district is drawn: a GeoJSON file of the site folder and its coordinate
    system (see :mod:`qsp_lib.core.geometry`). Without this entry, ``site.geojson`` is used
    when present (WGS84)."""

    path: Annotated[str, Field(min_length=1)] = "site.geojson"
    #: WGS84 longitude/latitude (RFC 7946) or Lambert-93 metres.
    crs: Literal["EPSG:4326", "EPSG:2154"] = "EPSG:4326"


class SiteModel(StrictModel):
    """``parameters/<site>/site.yaml``: the district, once."""

    name: Annotated[str, Field(min_length=1)]
    commune: Annotated[str, Field(min_length=1)]
    priority_area_code: str | None = None
    latitude_deg: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
    longitude_deg: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
    timezone: str = "Europe/Paris"
    status: Status = DEFAULT
    source: str | None = None
    population: Population
    options: Options
    buildings: Buildings
    berm: Berm | None = None
    roads: Roads | None = None
    #: The district's drawing (optional): maps in the briefs.
    geometry: Geometry | None = None

    @model_validator(mode="after")
    def _fates_cover_the_options(self) -> SiteModel:
        known = [o.id for o in self.options.items]
        for building in self.buildings.items:
            missing = [o for o in known if o not in building.fate]
            extra = [o for o in building.fate if o not in known]
            if missing or extra:
                raise ValueError(
                    f"buildings.{building.id}.fate : une entrée par option "
                    f"({', '.join(known)}) ; manquantes {missing}, inconnues {extra}"
                )
        return self

    # ------------------------------------------------------------------ questions
    @property
    def reference_option(self) -> Option:
        return next(o for o in self.options.items if o.reference)

    def option(self, key: str) -> Option:
        """The option of id or name ``key`` (KeyError naming the known ones)."""
        for o in self.options.items:
            if key in (o.id, o.name):
                return o
        known = ", ".join(o.id for o in self.options.items)
        raise KeyError(f"option {key!r} inconnue du modèle de site ({known})")

    def buildings_under(self, option: str, *fates: str) -> list[tuple[Building, Works]]:
        """The buildings present under ``option`` (id or name), with their works, keeping
        only ``fates`` when given."""
        oid = self.option(option).id
        return [
            (b, b.fate[oid])
            for b in self.buildings.items
            if b.fate[oid].fate != "absent" and (not fates or b.fate[oid].fate in fates)
        ]

    def dwellings(self, option: str) -> int:
        """Dwellings once ``option`` is complete (demolished ones excluded)."""
        return sum(b.dwellings for b, w in self.buildings_under(option) if w.fate != "demolish")

    def future_residents(self, option: str) -> float:
        """Residents once ``option`` is complete: its dwellings x persons per dwelling."""
        return self.dwellings(option) * self.population.persons_per_dwelling

    @property
    def has_berm(self) -> bool:
        return self.berm is not None

    def block_status(self, block: str) -> Status:
        """Data status of a block (``population``, ``berm``...), the file's for identity."""
        if block in ("identity", "site"):
            return self.status
        value = getattr(self, block, None)
        return weakest([getattr(value, "status", None)])


def _unique(ids: list[str], where: str) -> None:
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"{where} : identifiants en double {dup}")


def path_of(site_dir: str | Path) -> Path:
    """``<site_dir>/site.yaml``."""
    return Path(site_dir) / FILE_NAME


def load(site_dir: str | Path) -> SiteModel:
    """Read and validate ``<site_dir>/site.yaml``. Its plan (``site.geojson``) is checked
    apart, by :func:`qsp_lib.core.geometry.load`: at the start of a run and where a map
    is drawn, so that an analysis reading the model does not depend on the drawing.

    Raises
    ------
    ParameterError
        The file is missing, or every problem found (file, key path, value, expectation).
    """
    path = path_of(site_dir)
    if not path.is_file():
        from qsp_lib.core.params import MISSING, Problem

        raise ParameterError(
            [Problem(str(path), "", MISSING, "le modèle du site (site.yaml) : voir le README")]
        )
    data = load_yaml(path)
    try:
        model = SiteModel.model_validate(data, context={"site_dir": Path(site_dir), "file": path})
    except ValidationError as exc:
        raise ParameterError(_problems_from(exc, SiteModel, data, str(path))) from None
    return model


def for_parameters(parameters: Any) -> SiteModel:
    """The site model of a notebook's validated parameters (the site folder they were
    validated against, else ``site_dir``, else the folder of ``site`` under
    ``parameters/``), read once per file version."""
    from qsp_lib.core.params import site_dir_for

    folder = (
        getattr(parameters, "_site_dir", None)
        or getattr(parameters, "site_dir", None)
        or site_dir_for(parameters.site)
    )
    path = path_of(folder)
    stamp = path.stat().st_mtime_ns if path.is_file() else None
    return _cached(str(Path(folder).resolve()), stamp)


@functools.lru_cache(maxsize=8)
def _cached(folder: str, stamp: int | None) -> SiteModel:
    return load(folder)


def input_status(parameters: Any, name: str) -> Status:
    """Status of a key-figure input that names a block of the site model
    (``site.population``, ``site.berm``, ``site`` for the identity)."""
    block = name.split(".", 1)[1] if "." in name else "identity"
    return for_parameters(parameters).block_status(block)


#: Bounding boxes of France [degrees: south, north, west, east]: metropolitan France with
#: Corsica, then the overseas departments and collectivities where a district may lie.
#: Metropolitan box: the extreme points of France (Bray-Dunes 51,09° N ; Cap Pertusato,
#: Corse, 41,37° N ; Ouessant 5,14° O ; Corse 9,56° E), « Liste de points extrêmes de la
#: France », Wikipédia (IGN data), rounded outwards. Overseas boxes: hypothèse, read on a
#: map with a margin (a warning, not an error: a point just outside is only flagged).
FRANCE_BOXES: dict[str, tuple[float, float, float, float]] = {
    "France métropolitaine": (41.3, 51.1, -5.2, 9.6),
    "Guadeloupe": (15.8, 16.6, -61.9, -60.9),
    "Martinique": (14.3, 15.0, -61.3, -60.8),
    "Guyane": (2.1, 5.8, -54.7, -51.6),
    "La Réunion": (-21.4, -20.8, 55.2, 55.9),
    "Mayotte": (-13.1, -12.6, 45.0, 45.3),
    "Saint-Pierre-et-Miquelon": (46.7, 47.2, -56.5, -56.1),
    "Polynésie française": (-27.7, -7.8, -154.8, -134.4),
    "Nouvelle-Calédonie": (-22.8, -19.5, 163.5, 168.2),
}


def in_france(latitude_deg: float, longitude_deg: float) -> bool:
    """True when the point lies in one of :data:`FRANCE_BOXES`."""
    return any(
        south <= latitude_deg <= north and west <= longitude_deg <= east
        for south, north, west, east in FRANCE_BOXES.values()
    )


def plausibility_warnings(site: SiteModel) -> list[tuple[str, str]]:
    """What is valid in ``site.yaml`` but implausible: ``(where, what)`` pairs in French
    (empty when nothing), ``where`` naming the file and keys for the analyst, ``what``
    readable by a committee.

    - coordinates outside France (:data:`FRANCE_BOXES`), or latitude and longitude swapped
      (the swapped point lies in France);
    - every zone of ``population.zones`` with zero residents (every health result would
      then be zero).

    References
    ----------
    « Liste de points extrêmes de la France », Wikipédia (from IGN data): the box of
    metropolitan France in :data:`FRANCE_BOXES`.
    """
    return [(where, what) for _, where, what in plausibility_by_block(site)]


def plausibility_by_block(site: SiteModel) -> list[tuple[str | None, str, str]]:
    """:func:`plausibility_warnings` with the site-model block each one concerns, for the
    analyses that read it (their key figures name it in ``inputs``): ``(block, where,
    what)``, ``block`` ``"site.population"`` for the zones' residents, None for the
    coordinates (the sun and the maps: every analysis)."""
    from qsp_lib.core import style

    out: list[tuple[str | None, str, str]] = []
    lat, lon = site.latitude_deg, site.longitude_deg
    shown = f"{style.fr(lat, 3)} ; {style.fr(lon, 3)}"
    where = "site.yaml, latitude_deg et longitude_deg"
    if not in_france(lat, lon):
        if in_france(lon, lat):
            out.append(
                (
                    None,
                    where,
                    f"la latitude et la longitude du site semblent inversées ({shown}) : "
                    "placé ainsi, le site serait hors de France et son ensoleillement faux",
                )
            )
        else:
            out.append(
                (
                    None,
                    where,
                    f"les coordonnées du site ({shown}) sont hors de France : "
                    "l'ensoleillement et les cartes en dépendent",
                )
            )
    if site.population.zones and site.population.residents == 0:
        out.append(
            (
                "site.population",
                "site.yaml, population.zones (residents)",
                "la population est nulle dans toutes les zones du site : "
                "les effets sur la santé seront tous nuls",
            )
        )
    return out
