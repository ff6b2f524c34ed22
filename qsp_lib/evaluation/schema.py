"""Parameters of the ``evaluation_indicators`` notebook (health, noise, air, evaluation).

Public names (contract): ``exposure_csv`` (required), ``berm_acoustics``,
``baseline_mortality_per_100k``, ``adult_30plus_share``, ``pm25_rr_per_10``,
``no2_rr_per_10``, ``pm25_counterfactual_ug_m3``, ``no2_counterfactual_ug_m3``,
``ihd_incidence_per_100k``, ``indicators_csv``, ``pilots_csv``, ``measurements`` (measured
campaigns: :class:`Measurement`, with ``noise_periods``, ``noise_min_period_coverage`` and
``noise_uncertainty_db``). Further parameters:
``berm_control_indicator`` (the indicator measured behind the berm, compared with the
floor the model gives there), ``berm_acoustics.road_length_m`` (the straight road seen from
the quarter),
``reference_receiver_distance_m``, ``reference_receiver_height_m``, ``facade_correction_db``,
``disability_weights``, ``exposure_year``, ``after_year``, and for a finite berm with
sources it does not screen: ``other_sources_lden_db``, ``other_sources_lnight_db``
(site-wide; per zone, the exposure's ``lden_other_db``, ``lnight_other_db``),
``reference_receiver_offset_m`` and ``reference_receiver_lden_db``
(the berm's length and the exposure's ``offset_along_berm_m`` give the angle of view).

The district's facts come from the site model (``site.yaml``, :mod:`qsp_lib.core.site`):
today's residents, distance to the road and receiver height of each zone
(``population.zones``), and the berm's geometry (``berm``: height, crest and base widths,
distance to the road axis, length). The exposure file keeps the levels, keyed by zone (its
``zone`` is a zone's id or name in ``site.yaml``); ``berm_acoustics`` keeps what is acoustic
and not a fact of the district (source height, ground factor). A former ``berm`` key, or an
exposure file with ``population``, ``distance_to_road_m`` or ``receiver_height_m`` columns,
is refused with a message saying where they now live (:data:`MOVED`,
:data:`MOVED_COLUMNS`).

Each file says how solid it is where its path is given, ``exposure_csv: {path, status,
source}`` (:mod:`qsp_lib.core.status`; a bare path is ``estimated``): the former flags
``exposure_is_illustrative``, ``indicators_are_illustrative`` and ``pilots_are_illustrative``
are refused with a message saying so (:data:`MOVED`).

Every CSV is checked row by row here (file, line, column, value), before any kernel starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from qsp_lib.core import site as site_model
from qsp_lib.core import tables
from qsp_lib.core.params import (
    DEFAULT_SITE,
    FiniteFloat,
    Fraction,
    NotebookParameters,
    PositiveFloat,
    SitePath,
    StrictModel,
    check_csv_columns,
    check_csv_rows,
    refuse_moved_keys,
    site_dir_for,
)
from qsp_lib.evaluation import io

NoiseLevel = Annotated[float, Field(ge=20, le=100, allow_inf_nan=False)]
Concentration = Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Text = Annotated[str, Field(min_length=1)]
#: Position along the road relative to the berm's centre [m].
Offset = Annotated[float, Field(ge=-10_000, le=10_000, allow_inf_nan=False)]


# ------------------------------------------------------------------------- CSV rows
class ExposureRow(StrictModel):
    """One zone (or façade) of the exposure CSV."""

    zone: Text
    lden_db: NoiseLevel
    lnight_db: NoiseLevel
    no2_ug_m3: Concentration
    pm25_ug_m3: Concentration
    lden_after_db: NoiseLevel | None = None
    lnight_after_db: NoiseLevel | None = None
    no2_after_ug_m3: Concentration | None = None
    pm25_after_ug_m3: Concentration | None = None
    offset_along_berm_m: Offset | None = None
    lden_other_db: NoiseLevel | None = None
    lnight_other_db: NoiseLevel | None = None

    @field_validator("lden_other_db", "lnight_other_db")
    @classmethod
    def _other_below_total(cls, value: float | None, info: ValidationInfo):
        # the "before" level is the total (road + other sources): the other sources alone
        # cannot reach it, else the screened road would carry no energy
        total_col = info.field_name.replace("_other", "")
        total = info.data.get(total_col)
        if value is not None and total is not None and value >= total:
            raise ValueError(
                f"un niveau des autres sources (non masquées par la butte) strictement "
                f"inférieur au niveau total {total_col} ({total:g} dB), qui les inclut"
            )
        return value

    @model_validator(mode="after")
    def _night_below_day_evening_night(self):
        # Lden weights the night +10 dB over 8 h of 24: Lden >= Lnight + 5.2 dB always.
        for night, den in (("lnight_db", "lden_db"), ("lnight_after_db", "lden_after_db")):
            n, d = getattr(self, night), getattr(self, den)
            if n is not None and d is not None and n > d:
                raise ValueError(f"{night} ({n}) ne peut pas dépasser {den} ({d})")
        if (self.lden_other_db is None) != (self.lnight_other_db is None):
            raise ValueError(
                "lden_other_db et lnight_other_db : les deux ou aucun (niveaux des autres "
                "sources le jour et la nuit)"
            )
        return self


class IndicatorRow(StrictModel):
    """One indicator of the evaluation framework; year columns hold observations."""

    model_config = ConfigDict(extra="allow", allow_inf_nan=False)

    indicator: Text
    theme: Text
    unit: Text
    direction: Literal["hausse", "baisse"]
    baseline_year: Year
    baseline_value: FiniteFloat
    target_year: Year
    target_value: FiniteFloat

    @model_validator(mode="after")
    def _target_after_baseline_and_numeric_observations(self):
        if self.target_year <= self.baseline_year:
            raise ValueError(
                f"target_year ({self.target_year}) doit suivre baseline_year ({self.baseline_year})"
            )
        for year, value in (self.model_extra or {}).items():
            try:
                x = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"colonne {year} = {value!r} : un nombre (observation)") from None
            if x != x or x in (float("inf"), float("-inf")):
                raise ValueError(f"colonne {year} : un nombre fini (observation)")
        return self


class PilotRow(StrictModel):
    """One objective of a pilot operation."""

    operation: Text
    objective: Text
    unit: Text
    comparator: Literal["<=", ">="]
    target_value: FiniteFloat
    measured_value: FiniteFloat | None = None
    measured_year: Year | None = None
    note: str | None = None


def _data_rows(path: str):
    """``(line, row)`` of each data row, cells stripped and empty ones as "" (line 1 is the
    header), for the checks that need more than one row or a site parameter."""
    yield from tables.read_table(path).records()


def _site_other_sources_below_zones(path: str, data: dict) -> list[str]:
    """Each zone without its own ``*_other_db`` must be louder than the site-wide level of
    the other sources, which is part of its total."""
    site = {
        col: data.get(f"other_sources_{col.removesuffix('_db')}_db")
        for col in ("lden_db", "lnight_db")
    }
    if all(v is None for v in site.values()):
        return []
    problems = []
    for line, row in _data_rows(path):
        for col, level in site.items():
            own = row.get(col.replace("_db", "_other_db"))
            if level is None or own:
                continue
            if float(row[col]) <= level:
                key = f"other_sources_{col.removesuffix('_db')}_db"
                own_col = col.replace("_db", "_other_db")
                problems.append(
                    f"ligne {line}, colonne {col} = {row[col]} : un niveau total supérieur "
                    f"à {key} ({level:g} dB), qui en fait partie (donner {own_col} pour "
                    "cette zone ou baisser le paramètre)"
                )
    return problems


def _zones_behind_berm(path: str, berm: Berm, site: site_model.SiteModel, where: Path) -> list[str]:
    """Each zone whose "after" noise the berm gives (an "after" level missing) needs its
    distance to the road in ``site.yaml``, beyond the berm's far foot."""
    problems = []
    for line, row in _data_rows(path):
        if row.get("lden_after_db") and row.get("lnight_after_db"):
            continue
        zone = _zone_of(site, row.get("zone", ""))
        if zone is None:
            continue
        dist = zone.distance_to_road_m
        if dist is None:
            problems.append(
                f"ligne {line}, zone {row['zone']!r} : sa distance à la route "
                f"(population.zones.{zone.id}.distance_to_road_m de {where}) est obligatoire "
                "quand le site a une butte et que le niveau « après » n'est pas donné"
            )
        elif dist <= berm.far_foot_m:
            problems.append(
                f"ligne {line}, zone {row['zone']!r} : distance_to_road_m = {dist:g} dans "
                f"{where} ; attendu au-delà du pied de la butte côté habitations "
                f"({berm.far_foot_m:g} m de l'axe)"
            )
    return problems


def _zone_of(site: site_model.SiteModel, key: str) -> site_model.Zone | None:
    """The zone of ``site`` whose id or name is ``key``, or None."""
    return next((z for z in site.population.zones if key in (z.id, z.name)), None)


def _zones_of_the_site(path: str, site: site_model.SiteModel, where: Path) -> list[str]:
    """Each line names a zone of ``site.yaml`` (id or name), once; each zone has its line."""
    known = ", ".join(f"{z.id} ({z.name})" for z in site.population.zones)
    problems, seen = [], {}
    for line, row in _data_rows(path):
        zone = _zone_of(site, row.get("zone", ""))
        if zone is None:
            problems.append(
                f"ligne {line}, colonne zone = {row.get('zone', '')!r} : une zone de {where} "
                f"(population.zones, par id ou nom) ; zones connues : {known}"
            )
        elif zone.id in seen:
            problems.append(
                f"ligne {line}, colonne zone = {row['zone']!r} : zone déjà donnée ligne "
                f"{seen[zone.id]}"
            )
        else:
            seen[zone.id] = line
    if not problems:
        missing = [f"{z.id} ({z.name})" for z in site.population.zones if z.id not in seen]
        if missing:
            problems.append(
                f"une ligne par zone de {where} ; sans niveaux : {', '.join(missing)} (ses "
                "habitants ne seraient pas comptés)"
            )
    return problems


# ------------------------------------------------------------------------ parameters
class BermAcoustics(StrictModel):
    """What the acoustic calculation assumes of a berm and is not a fact of the district."""

    source_height_m: Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)] = 0.5
    ground_factor: Fraction = 0.5
    # straight road seen from the quarter, centred on the berm; None: endless (prudent)
    road_length_m: PositiveFloat | None = None


class Berm(StrictModel):
    """Cross-section of an acoustic berm parallel to the road (distances from the road
    axis): the site model's geometry (``site.yaml``, ``berm``) with ``berm_acoustics``, see
    :func:`berm_of`."""

    height_m: Annotated[float, Field(gt=0, le=50, allow_inf_nan=False)]
    crest_width_m: Annotated[float, Field(ge=0, le=200, allow_inf_nan=False)]
    base_width_m: PositiveFloat
    distance_to_road_m: PositiveFloat
    # along the road; None: a berm long enough to hide the whole road (angle of view 180°)
    length_m: PositiveFloat | None = None
    source_height_m: Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)] = 0.5
    ground_factor: Fraction = 0.5
    road_length_m: PositiveFloat | None = None

    @model_validator(mode="after")
    def _crest_within_base(self):
        if self.crest_width_m > self.base_width_m:
            raise ValueError(
                f"crest_width_m ({self.crest_width_m}) ne peut pas dépasser base_width_m "
                f"({self.base_width_m})"
            )
        return self

    @property
    def far_foot_m(self) -> float:
        return self.distance_to_road_m + self.base_width_m

    def geometry(self):
        """The cross-section as :class:`qsp_lib.evaluation.model.acoustics.BermGeometry`."""
        from qsp_lib.evaluation.model.acoustics import BermGeometry

        return BermGeometry(
            self.height_m, self.crest_width_m, self.base_width_m, self.distance_to_road_m
        )


def berm_of(site: site_model.SiteModel, acoustics: BermAcoustics | dict | None) -> Berm | None:
    """The berm of the acoustic calculation: the site model's geometry with ``acoustics``
    (None when the site has no berm)."""
    if site.berm is None:
        return None
    if isinstance(acoustics, dict):
        acoustics = BermAcoustics(**acoustics)
    acoustics = acoustics or BermAcoustics()
    geometry = {k: getattr(site.berm, k) for k in GEOMETRY_IN_SITE}
    return Berm(**geometry, **acoustics.model_dump())


class RelativeRisk(StrictModel):
    """Relative risk per 10 µg/m³ with its 95 % confidence interval."""

    central: Annotated[float, Field(ge=1, le=5, allow_inf_nan=False)]
    low: Annotated[float, Field(ge=1, le=5, allow_inf_nan=False)]
    high: Annotated[float, Field(ge=1, le=5, allow_inf_nan=False)]

    @model_validator(mode="after")
    def _ordered(self):
        if not self.low <= self.central <= self.high:
            raise ValueError(f"low ≤ central ≤ high (reçu {self.low}, {self.central}, {self.high})")
        return self


Hour = Annotated[int, Field(ge=0, le=23)]


class NoisePeriods(StrictModel):
    """Start hour of each noise period [h]: French periods by default (day 6-18 h, evening
    18-22 h, night 22-6 h; arrêté du 4 avril 2006), Directive 2002/49/EC's 7, 19, 23."""

    day: Hour = 6
    evening: Hour = 18
    night: Hour = 22

    @model_validator(mode="after")
    def _in_order(self):
        if not self.day < self.evening < self.night:
            raise ValueError(
                f"day < evening < night (heures de début ; reçu {self.day}, {self.evening}, "
                f"{self.night})"
            )
        return self


NOISE_METRICS = ("lden", "lday", "levening", "lnight", "laeq")
AIR_METRICS = ("annual_mean",)


class Measurement(StrictModel):
    """A measured campaign feeding an objective of the pilot operations file (``operation``
    and ``objective``) or an indicator of the evaluation framework (``indicator``).

    ``file`` (and the air ``reference_file``, a year-round station) are relative to the site
    folder, optionally declared ``{path, status, source}``; ``metric`` is one of
    :data:`NOISE_METRICS` for noise (required), ``annual_mean`` for air (the default);
    ``pollutant`` names the column of an air file holding both; ``indoor`` says that the
    campaign is indoors (the adjustment on an outdoor station is then an approximation).
    """

    operation: Text | None = None
    objective: Text | None = None
    indicator: Text | None = None
    kind: Literal["noise", "air"]
    metric: Literal[NOISE_METRICS + AIR_METRICS] | None = None
    pollutant: Literal["no2", "pm25"] | None = None
    indoor: bool = False
    file: SitePath
    reference_file: SitePath | None = None

    @model_validator(mode="after")
    def _consistent(self):
        if (self.objective is None) == (self.indicator is None):
            raise ValueError(
                "objective (objectif d'une opération pilote, avec operation) ou indicator "
                "(indicateur du cadre d'évaluation) : l'un ou l'autre"
            )
        if self.objective is not None and self.operation is None:
            raise ValueError("operation : l'opération pilote de l'objectif")
        if self.kind == "noise":
            if self.metric not in NOISE_METRICS:
                raise ValueError(
                    f"metric parmi {', '.join(NOISE_METRICS)} pour une campagne de bruit "
                    f"(reçu {self.metric!r})"
                )
            extra = [k for k in ("pollutant", "reference_file") if getattr(self, k) is not None]
            if extra:
                raise ValueError(f"pas de {', '.join(extra)} pour une campagne de bruit")
        else:
            if self.metric is None:
                self.metric = "annual_mean"
            if self.metric not in AIR_METRICS:
                raise ValueError(f"metric annual_mean pour l'air (reçu {self.metric!r})")
        return self

    @property
    def label(self) -> str:
        """The entry as the error messages name it."""
        if self.indicator is not None:
            return f"indicator « {self.indicator} »"
        return f"operation « {self.operation} », objective « {self.objective} »"


#: Units an objective measured by each kind of campaign may have.
MEASURED_UNITS = {"noise": ("dB", "dB(A)"), "air": ("µg/m³",)}


def _target_row(entry: Measurement, pilots: str | None, indicators: str | None):
    """``(line, row)`` of the objective or indicator an entry names, or an error message
    naming the file and the known names."""
    if entry.objective is not None:
        if pilots is None:
            return None, "pilots_csv : le fichier des opérations pilotes qui porte l'objectif"
        rows = list(_data_rows(pilots))
        for line, row in rows:
            if (row["operation"], row["objective"]) == (entry.operation, entry.objective):
                return (line, row), None
        known = "; ".join(f"{r['operation']} / {r['objective']}" for _, r in rows)
        return None, (
            f"un objectif du fichier des opérations pilotes ({pilots}) ; connus (opération / "
            f"objectif) : {known}"
        )
    if indicators is None:
        return None, "indicators_csv : le cadre d'évaluation qui porte l'indicateur"
    rows = list(_data_rows(indicators))
    for line, row in rows:
        if row["indicator"] == entry.indicator:
            return (line, row), None
    known = "; ".join(r["indicator"] for _, r in rows)
    return None, f"un indicateur du cadre d'évaluation ({indicators}) ; connus : {known}"


class DisabilityWeights(StrictModel):
    high_annoyance: Fraction = 0.02
    high_sleep_disturbance: Fraction = 0.07


#: Former keys -> where what they said now lives (the data status of each file).
MOVED = {
    flag: f"remplacé par {key}: {{path, status: illustrative, source}} (le statut de la "
    f"donnée se déclare avec son fichier ; sans déclaration : estimé)"
    for flag, key in (
        ("exposure_is_illustrative", "exposure_csv"),
        ("indicators_are_illustrative", "indicators_csv"),
        ("pilots_are_illustrative", "pilots_csv"),
    )
}
#: The berm's geometry, a fact of the district, read from ``site.yaml`` (``berm``).
GEOMETRY_IN_SITE = ("height_m", "crest_width_m", "base_width_m", "distance_to_road_m", "length_m")
MOVED["berm"] = (
    "la géométrie de la butte (" + ", ".join(GEOMETRY_IN_SITE) + ") se trouve maintenant "
    "dans site.yaml (berm) ; source_height_m et ground_factor, qui relèvent du calcul "
    "acoustique, dans berm_acoustics ; un site sans butte n'a ni l'un ni l'autre"
)
#: Exposure columns that left the exposure file for ``site.yaml`` (``population.zones``).
MOVED_COLUMNS = {
    "population": "residents",
    "distance_to_road_m": "distance_to_road_m",
    "receiver_height_m": "receiver_height_m",
}


def _site_folder(info: ValidationInfo) -> Path:
    """The site folder of a validation: ``site_dir`` (field or context), else
    ``parameters/<site>``."""
    context = info.context or {}
    return Path(
        info.data.get("site_dir")
        or context.get("site_dir")
        or site_dir_for(info.data.get("site") or DEFAULT_SITE)
    )


def _site_of(info: ValidationInfo | Path) -> site_model.SiteModel:
    """The site model of a validation or a site folder (read once per file version)."""
    folder = info if isinstance(info, Path) else _site_folder(info)
    path = site_model.path_of(folder)
    stamp = path.stat().st_mtime_ns if path.is_file() else None
    return site_model._cached(str(Path(folder).resolve()), stamp)


def _no_moved_columns(path: str) -> None:
    """An exposure file with a column now in ``site.yaml`` is refused, saying where."""
    header = tables.read_table(path).header
    moved = [c for c in MOVED_COLUMNS if c in header]
    if moved:
        raise ValueError(
            f"un fichier d'exposition sans {'les colonnes' if len(moved) > 1 else 'la colonne'} "
            f"{', '.join(moved)} ({path}) : "
            + " ; ".join(
                f"{c} se trouve maintenant dans site.yaml (population.zones, "
                f"{MOVED_COLUMNS[c]} de chaque zone)"
                for c in moved
            )
            + " ; le fichier garde les niveaux, une ligne par zone (id ou nom de site.yaml)"
        )


class EvaluationIndicatorsParameters(NotebookParameters):
    @model_validator(mode="wrap")
    @classmethod
    def _moved_keys(cls, data: Any, handler: Any) -> Any:
        return refuse_moved_keys(data, handler, MOVED)

    # berm acoustics and other sources first: the exposure CSV is checked against them
    berm_acoustics: BermAcoustics | None = None
    other_sources_lden_db: NoiseLevel | None = None
    other_sources_lnight_db: NoiseLevel | None = None
    exposure_csv: SitePath
    exposure_year: Year = 2023
    after_year: Year = 2035
    reference_receiver_distance_m: PositiveFloat = 100.0
    reference_receiver_height_m: Annotated[float, Field(ge=0, le=200, allow_inf_nan=False)] = 4.0
    reference_receiver_offset_m: Offset = 0.0
    reference_receiver_lden_db: NoiseLevel | None = None
    facade_correction_db: Annotated[float, Field(ge=-10, le=10, allow_inf_nan=False)] = 0.0
    baseline_mortality_per_100k: Annotated[float, Field(gt=0, le=100_000)] = 1400.0
    adult_30plus_share: Fraction = 0.65
    pm25_rr_per_10: RelativeRisk = Field(
        default_factory=lambda: RelativeRisk(central=1.08, low=1.06, high=1.09)
    )
    no2_rr_per_10: RelativeRisk = Field(
        default_factory=lambda: RelativeRisk(central=1.02, low=1.01, high=1.04)
    )
    pm25_counterfactual_ug_m3: Annotated[float, Field(ge=0, le=100)] = 5.0
    no2_counterfactual_ug_m3: Annotated[float, Field(ge=0, le=200)] = 10.0
    ihd_incidence_per_100k: Annotated[float, Field(ge=0, le=100_000)] = 138.0
    disability_weights: DisabilityWeights = Field(default_factory=DisabilityWeights)
    indicators_csv: SitePath | None = None
    pilots_csv: SitePath | None = None
    # the indicator measured behind the berm, checked against the model's floor there
    berm_control_indicator: Text | None = None
    noise_periods: NoisePeriods = Field(default_factory=NoisePeriods)
    noise_min_period_coverage: Fraction = 0.75
    noise_uncertainty_db: Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)] = 2.0
    measurements: list[Measurement] = Field(default_factory=list)

    #: Campaign of each entry of ``measurements`` (read and computed at validation).
    _campaigns: list = PrivateAttr(default_factory=list)

    @field_validator("exposure_csv")
    @classmethod
    def _exposure_rows(cls, path: str, info: ValidationInfo):
        _no_moved_columns(path)
        check_csv_columns(path, io.EXPOSURE_REQUIRED, io.EXPOSURE_OPTIONAL)
        n = check_csv_rows(path, ExposureRow)
        if n == 0:
            raise ValueError(f"au moins une zone ({path} n'a aucune ligne de données)")
        site, where = _site_of(info), site_model.path_of(_site_folder(info))
        problems = _zones_of_the_site(path, site, where) or _site_other_sources_below_zones(
            path, info.data
        )
        berm = berm_of(site, info.data.get("berm_acoustics"))
        if not problems and berm is not None:
            problems = _zones_behind_berm(path, berm, site, where)
        if problems:
            raise ValueError(f"un CSV valide ({path}) ; " + " ; ".join(problems[:20]))
        return path

    @field_validator("indicators_csv")
    @classmethod
    def _indicator_rows(cls, path: str | None):
        if path is None:
            return path
        check_csv_columns(path, io.INDICATORS_REQUIRED, io.OBSERVATION_YEARS)
        check_csv_rows(path, IndicatorRow)
        return path

    @field_validator("pilots_csv")
    @classmethod
    def _pilot_rows(cls, path: str | None):
        if path is None:
            return path
        check_csv_columns(path, io.PILOTS_REQUIRED, io.PILOTS_OPTIONAL)
        check_csv_rows(path, PilotRow)
        return path

    @field_validator("reference_receiver_distance_m")
    @classmethod
    def _receiver_behind_berm(cls, value: float, info: ValidationInfo):
        berm = berm_of(_site_of(info), info.data.get("berm_acoustics"))
        if berm is not None and value <= berm.far_foot_m:
            raise ValueError(
                f"un récepteur au-delà du pied de la butte côté habitations "
                f"(> {berm.far_foot_m:g} m de l'axe de la route)"
            )
        return value

    @field_validator("other_sources_lnight_db")
    @classmethod
    def _other_sources_pair(cls, value: float | None, info: ValidationInfo):
        lden = info.data.get("other_sources_lden_db")
        if (value is None) != (lden is None):
            raise ValueError(
                "other_sources_lden_db et other_sources_lnight_db ensemble (les deux ou aucun)"
            )
        if value is not None and lden is not None and value > lden:
            raise ValueError(
                f"un Lnight des autres sources au plus égal à other_sources_lden_db ({lden:g} dB)"
            )
        return value

    @field_validator("reference_receiver_lden_db")
    @classmethod
    def _reference_above_other_sources(cls, value: float | None, info: ValidationInfo):
        other = info.data.get("other_sources_lden_db")
        if value is not None and other is not None and value <= other:
            raise ValueError(
                f"un Lden total au récepteur de référence strictement supérieur à "
                f"other_sources_lden_db ({other:g} dB), qu'il inclut"
            )
        return value

    @field_validator("berm_acoustics")
    @classmethod
    def _site_has_a_berm(cls, value: BermAcoustics | None, info: ValidationInfo):
        if value is not None and _site_of(info).berm is None:
            raise ValueError(
                "rien : ce site n'a pas de butte (berm: null dans site.yaml) ; retirez "
                "berm_acoustics"
            )
        return value

    @model_validator(mode="after")
    def _read_the_site_model(self, info: ValidationInfo):
        context = info.context or {}
        folder = Path(self.site_dir or context.get("site_dir") or site_dir_for(self.site))
        self._site = _site_of(folder)
        return self

    @property
    def berm(self) -> Berm | None:
        """The berm of the acoustic calculation: ``site.yaml``'s geometry with
        ``berm_acoustics`` (None when the site has no berm)."""
        return berm_of(self.site_model, self.berm_acoustics)

    @model_validator(mode="after")
    def _control_indicator_known(self):
        name = self.berm_control_indicator
        if name is None:
            return self
        if self.berm is None:
            raise ValueError(
                "berm_control_indicator : rien, ce site n'a pas de butte (berm: null dans "
                "site.yaml)"
            )
        if self.indicators_csv is None:
            raise ValueError("berm_control_indicator : un fichier indicators_csv qui le contient")
        names = [row.get("indicator", "") for _, row in _data_rows(self.indicators_csv)]
        if name not in names:
            raise ValueError(
                f"berm_control_indicator = {name!r} : un indicateur de {self.indicators_csv} "
                f"(colonne indicator) ; indicateurs connus : {', '.join(names)}"
            )
        return self

    @model_validator(mode="after")
    def _measured_campaigns(self):
        """Each entry names a known objective or indicator of a compatible unit, not typed
        in as well; its files are read and its indicator computed, before any kernel."""
        from qsp_lib.evaluation.model.measurements import MeasurementError

        problems, campaigns = [], []
        for i, entry in enumerate(self.measurements):
            where = f"measurements[{i}] ({entry.label})"
            found, problem = _target_row(entry, self.pilots_csv, self.indicators_csv)
            if problem:
                problems.append(f"{where} : {problem}")
                continue
            line, row = found
            if row["unit"] not in MEASURED_UNITS[entry.kind]:
                problems.append(
                    f"{where} : une unité {' ou '.join(MEASURED_UNITS[entry.kind])} pour une "
                    f"campagne {entry.kind} (ligne {line} : {row['unit']!r})"
                )
                continue
            if entry.objective is not None and row.get("measured_value"):
                problems.append(
                    f"{where} : la mesure vient de la campagne ; retirer measured_value = "
                    f"{row['measured_value']} ligne {line} de {self.pilots_csv}"
                )
                continue
            try:
                campaigns.append(
                    io.read_campaign(
                        entry.kind,
                        entry.file,
                        entry.reference_file,
                        entry.pollutant,
                        self.noise_periods.model_dump(),
                        self.noise_min_period_coverage,
                    )
                )
            except (io.MeasurementFileError, MeasurementError) as exc:
                problems.append(f"{where} : {exc}")
        if problems:
            raise ValueError("des campagnes de mesure valides ; " + " ; ".join(problems))
        self._campaigns = campaigns
        return self

    @property
    def campaigns(self) -> list:
        """The campaign of each entry of ``measurements`` (:func:`.io.read_campaign`)."""
        return list(self._campaigns)

    @model_validator(mode="after")
    def _after_year_follows(self):
        if self.after_year <= self.exposure_year:
            raise ValueError(
                f"after_year ({self.after_year}) doit suivre exposure_year ({self.exposure_year})"
            )
        return self
