"""Parameters of the ``circular_materials`` notebook (demolition materials, circular economy).

Public names (contract): required ``routes``; with defaults ``inventory_csv``, ``needs``,
``distances_km``, ``quarry_km``, ``costs``, ``factors``. Further parameter:
``estimate_bound``.

The buildings, their demolition years under each option and the berm come from the site
model (``parameters/<site>/site.yaml``, :mod:`qsp_lib.core.site`): the former ``estimate``
(demolished buildings) and ``phases`` (demolition calendar) are refused with a message saying
where they now live, and so is a ``berm_fill`` need that gives its own volume (the berm's
fill volume is ``site.yaml``'s). The inventory's ``building`` column names buildings of
``site.yaml`` (id or name); a demolished building without inventory rows is estimated from
its living area and typology.

The inventory file says how solid it is where its path is given, ``inventory_csv: {path,
status, source}`` (:mod:`qsp_lib.core.status`; a bare path is ``estimated``): the former
``inventory_is_assumption`` and ``inventory_source`` are refused with a message saying so
(:data:`MOVED`).

``inventory_csv`` columns: ``building, element, material, low_code, hazardous, quantity_t``;
optional ``location, condition, unit, quantity, suspected_hazardous`` (true: counted hazardous
by precaution until a test says otherwise, e.g. a 1959 roofing membrane coded 17 03 01* until
a PAH test). Every row is checked (known material, List
of Waste code of six digits, hazardous flag consistent with the asterisk, non-negative mass).
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from qsp_lib.core import params, tables
from qsp_lib.core import site as site_model
from qsp_lib.core.params import (
    DEFAULT_SITE,
    Fraction,
    NonNegFloat,
    NotebookParameters,
    ParameterError,
    SitePath,
    StrictModel,
    check_csv_columns,
    check_csv_rows,
    refuse_moved_keys,
    site_dir_for,
)
from qsp_lib.core.site import SiteModel
from qsp_lib.materials import model as materials
from qsp_lib.materials.reference import data_path

Name = Annotated[str, Field(min_length=1, max_length=120)]


@lru_cache(maxsize=8)
def _keys(dataset: str, column: str = "key") -> tuple[str, ...]:
    with open(data_path(dataset), newline="", encoding="utf-8") as handle:
        return tuple(dict.fromkeys(row[column] for row in csv.DictReader(handle)))


def _known(value: str, dataset: str, what: str, column: str = "key") -> str:
    known = _keys(dataset, column)
    if value not in known:
        hint = params.did_you_mean(value, known, cutoff=0.5)
        raise ValueError(f"{what} connu ({', '.join(known)}){hint}")
    return value


def _known_material(value: str) -> str:
    return _known(value, "materials_catalogue", "un matériau")


def _override_keys(values: dict[str, float], dataset: str) -> dict[str, float]:
    for key in values:
        _known(key, dataset, f"un facteur de qsp_lib/data/{dataset}.csv")
    return values


class InventoryRow(StrictModel):
    """One line of the PEMD inventory CSV (the columns are the field names)."""

    building: Name
    element: Name
    material: str
    low_code: str
    hazardous: bool
    quantity_t: NonNegFloat
    location: str | None = None
    condition: str | None = None
    unit: str | None = None
    quantity: NonNegFloat | None = None
    #: Counted hazardous by precaution until a test says otherwise (a 1959 roofing membrane
    #: coded 17 03 01* until a PAH test): requires ``hazardous`` true.
    suspected_hazardous: bool | None = None

    @field_validator("material")
    @classmethod
    def _material(cls, value: str) -> str:
        return _known_material(value)

    @field_validator("low_code")
    @classmethod
    def _code(cls, value: str) -> str:
        return materials.normalise_low_code(value)

    @field_validator("hazardous")
    @classmethod
    def _consistent_with_code(cls, value: bool, info: ValidationInfo) -> bool:
        code = info.data.get("low_code")
        if code is None:
            return value
        if code.endswith("*") and not value:
            raise ValueError(f"true (le code {code} porte un astérisque : déchet dangereux)")
        if not code.endswith("*") and value:
            raise ValueError(
                f"false, ou un code dangereux (avec astérisque) : le code {code} est celui "
                "d'un déchet non dangereux"
            )
        return value

    @field_validator("suspected_hazardous")
    @classmethod
    def _suspected_is_counted_hazardous(cls, value: bool | None, info: ValidationInfo):
        if value and info.data.get("hazardous") is False:
            raise ValueError(
                "false, ou hazardous: true avec un code dangereux (17 03 01* pour une "
                "étanchéité suspectée goudronnée) : un déchet suspecté dangereux est compté "
                "dangereux tant qu'un essai ne dit pas le contraire"
            )
        return value


class RouteShares(StrictModel):
    """Shares of a material sent to each route (missing routes: 0); they sum to 1."""

    reuse_on_site: Fraction = 0.0
    reuse_off_site: Fraction = 0.0
    recycling: Fraction = 0.0
    backfilling: Fraction = 0.0
    energy_recovery: Fraction = 0.0
    disposal: Fraction = 0.0

    @model_validator(mode="after")
    def _sum_to_one(self):
        total = sum(self.model_dump().values())
        if abs(total - 1.0) > 1e-6:
            raise ValueError(
                f"des parts par filière dont la somme vaut 1 (somme reçue : {total:.6g})"
            )
        return self


class Distances(StrictModel):
    """One-way road distance to the destination of each route [km] (hypothèses)."""

    reuse_on_site: NonNegFloat = 0.0
    reuse_off_site: NonNegFloat = 20.0
    recycling: NonNegFloat = 15.0
    backfilling: NonNegFloat = 25.0
    energy_recovery: NonNegFloat = 20.0
    disposal: NonNegFloat = 30.0


class Need(StrictModel):
    """A material need of the new works, in tonnes or in m³."""

    name: Name
    kind: Literal[materials.NEED_KINDS]
    quantity_t: NonNegFloat | None = None
    volume_m3: NonNegFloat | None = None
    density_t_per_m3: Annotated[float, Field(gt=0.5, le=3.0, allow_inf_nan=False)] | None = None
    start: dt.date
    end: dt.date
    accepts: list[str] | None = None

    @field_validator("accepts")
    @classmethod
    def _materials(cls, value: list[str] | None):
        for m in value or []:
            _known_material(m)
        return value

    @model_validator(mode="after")
    def _one_quantity(self):
        if self.kind == "berm_fill":
            if self.quantity_t is not None or self.volume_m3 is not None:
                raise ValueError(
                    "le volume du remblai de la butte est celui de site.yaml (berm : length_m, "
                    "height_m, crest_width_m, base_width_m) : ni volume_m3 ni quantity_t ici"
                )
        elif (self.quantity_t is None) == (self.volume_m3 is None):
            raise ValueError("exactement un des deux champs quantity_t (t) ou volume_m3 (m³)")
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) postérieure ou égale à start ({self.start})")
        return self


#: Former keys -> where what they said now lives (the data status of the inventory file).
MOVED = {
    "inventory_is_assumption": (
        "remplacé par inventory_csv: {path, status, source} (status: estimated pour un "
        "inventaire reconstitué par une méthode indiquée, illustrative pour un inventaire "
        "inventé, sourced pour le diagnostic PEMD)"
    ),
    "inventory_source": (
        "remplacé par inventory_csv: {path, status, source} (la provenance de l'inventaire "
        "en mots dans source)"
    ),
    "estimate": (
        "les bâtiments démolis sont ceux de site.yaml (buildings.items : typology, "
        "living_area_m2, fate par option) ; un bâtiment démoli sans ligne d'inventaire est "
        "estimé par sa surface et sa typologie"
    ),
    "phases": (
        "les phases de démolition sont les années de travaux des bâtiments démolis de "
        "site.yaml (buildings.items[].fate.<option>.start_year / end_year)"
    ),
}


class CircularMaterialsParameters(NotebookParameters):
    """Parameters of ``notebooks/circular_materials.ipynb``."""

    @model_validator(mode="wrap")
    @classmethod
    def _moved_keys(cls, data: Any, handler: Any) -> Any:
        return refuse_moved_keys(data, handler, MOVED)

    inventory_csv: SitePath | None = None
    estimate_bound: Literal["value", "low", "high"] = "value"
    routes: dict[str, RouteShares]
    distances_km: Distances = Field(default_factory=Distances)
    quarry_km: NonNegFloat = 40.0
    #: Needs of the works; a ``berm_fill`` need takes its volume from ``site.yaml``'s berm
    #: and is dropped where the site has no berm.
    needs: list[Need] = Field(default_factory=list)
    factors: dict[str, NonNegFloat] = Field(default_factory=dict)
    costs: dict[str, NonNegFloat] = Field(default_factory=dict)

    @field_validator("inventory_csv")
    @classmethod
    def _inventory_rows(cls, value: str | None):
        if value is not None:
            check_csv_columns(
                value, materials.INVENTORY_COLUMNS, optional=materials.INVENTORY_OPTIONAL
            )
            if check_csv_rows(value, InventoryRow) == 0:
                raise ValueError(f"un inventaire d'au moins une ligne ({value})")
        return value

    @field_validator("routes")
    @classmethod
    def _every_material_routed(cls, value: dict[str, RouteShares], info: ValidationInfo):
        for m in value:
            _known_material(m)
        used = _inventory_materials(info.data)
        missing = sorted(used - set(value))
        if missing:
            raise ValueError(
                "une répartition par filière pour chaque matériau de l'inventaire ; "
                f"manquent : {', '.join(missing)}"
            )
        return value

    PUBLISHED_RANGES: ClassVar[dict[str, str]] = {
        "factors": "materials_factors",
        "costs": "materials_costs",
    }

    @field_validator("factors")
    @classmethod
    def _factor_keys(cls, value: dict[str, float]):
        return _override_keys(value, "materials_factors")

    @field_validator("costs")
    @classmethod
    def _cost_keys(cls, value: dict[str, float]):
        return _override_keys(value, "materials_costs")

    @model_validator(mode="after")
    def _against_the_site_model(self, info: ValidationInfo) -> CircularMaterialsParameters:
        site = _site_of({"site": self.site, "site_dir": self.site_dir}, info)
        described = set()
        if self.inventory_csv:
            described = check_inventory_buildings(self.inventory_csv, site)
        estimated = {
            b.id: b
            for o in site.options.items
            for b, _ in site.buildings_under(o.id, "demolish")
            if b.id not in described
        }
        unknown = [
            f"{b.typology} ({b.id})"
            for b in estimated.values()
            if b.typology not in _keys("materials_intensity", "typology")
        ]
        if unknown:
            raise ValueError(
                "typologie de bâtiment démoli sans ratios de démolition dans qsp_lib/"
                f"materials/data/materials_intensity.csv : {', '.join(dict.fromkeys(unknown))}"
            )
        typologies = {b.typology for b in estimated.values()}
        with open(data_path("materials_intensity"), newline="", encoding="utf-8") as handle:
            used = {r["material"] for r in csv.DictReader(handle) if r["typology"] in typologies}
        missing = sorted(used - set(self.routes))
        if missing:
            raise ValueError(
                "routes : une répartition par filière pour chaque matériau des bâtiments "
                "démolis sans ligne d'inventaire, estimés par typologie (site.yaml : "
                f"{', '.join(estimated)}) ; manquent : {', '.join(missing)}"
            )
        self._site = site
        return self

    def routes_dict(self) -> dict[str, dict[str, float]]:
        """``material -> {route: share}`` as plain mappings."""
        return {m: s.model_dump() for m, s in self.routes.items()}


def _inventory_materials(data: dict) -> set[str]:
    if data.get("inventory_csv"):
        return {
            r.get("material", "") for _, r in tables.read_table(data["inventory_csv"]).records()
        }
    return set()


def _site_of(data: dict, info: ValidationInfo | None) -> SiteModel:
    """The site model of the parameters being validated (``site_dir`` of the validation
    context, else of the parameters, else ``parameters/<site>/``)."""
    context = (info.context if info is not None else None) or {}
    folder = context.get("site_dir") or data.get("site_dir")
    folder = folder or site_dir_for(data.get("site") or DEFAULT_SITE)
    try:
        return site_model.load(folder)
    except ParameterError as exc:
        raise ValueError(f"modèle du site illisible : {exc}") from None


def building_ids(site: SiteModel) -> dict[str, str]:
    """Id and name of every building of the site model -> its id."""
    return {k: b.id for b in site.buildings.items for k in (b.id, b.name)}


def check_inventory_buildings(path: str, site: SiteModel) -> set[str]:
    """Refuse an inventory row whose ``building`` is not a building of ``site.yaml`` (its id
    or its name), naming the file, the line and the known buildings.

    Returns
    -------
    set of str
        Ids of the buildings the inventory describes.
    """
    known = building_ids(site)
    bad, described = [], set()
    for line, row in tables.read_table(path).records():
        name = row.get("building", "")
        if name not in known:
            bad.append(f"ligne {line} : « {name} »")
        else:
            described.add(known[name])
    if bad:
        listed = ", ".join(f"{b.id} ({b.name})" for b in site.buildings.items)
        raise ValueError(
            f"{path} : colonne building, un bâtiment de site.yaml (id ou nom) attendu ; "
            f"{' ; '.join(bad[:5])}{' ...' if len(bad) > 5 else ''} ; bâtiments connus : {listed}"
        )
    return described
