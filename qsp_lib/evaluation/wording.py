"""French wording of the ``evaluation_indicators`` brief: labels of the noise bands and air
classes, rows of the before/after burden table, rows of "Hypothèses et sources".

The model (:mod:`.model`) computes numbers; this module names them for a committee. The
six health figures the notebook glues as scraps take their label, unit and decimals from
the analysis' declaration (:mod:`.declaration`), so that the committee synthesis and this
brief read the same words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qsp_lib.core.status import DEFAULT, LABELS_FR
from qsp_lib.core.style import fr_auto
from qsp_lib.evaluation.declaration import ANALYSIS

if TYPE_CHECKING:
    from qsp_lib.evaluation.model.health import Burden

#: Health determinant (ISadOrA) of the indicators fed by the health results.
HEALTH_THEME = "Exposition des populations aux pollutions et nuisances"
#: Pollutant key -> French name (decimal comma, as the declaration spells it).
POLLUTANTS = {"pm25": "PM2,5", "no2": "NO2"}


@dataclass(frozen=True)
class BurdenRow:
    """One row of the before/after burden table.

    Attributes
    ----------
    key : str
        Field of :class:`.model.health.Burden`.
    label : str
        French label.
    unit : str
        Unit shown.
    decimals : int
        Decimals shown.
    """

    key: str
    label: str
    unit: str
    decimals: int


#: Burden field -> the scrap that carries it (its label, unit and decimals are declared).
SCRAP_OF = {
    "pop_above_lden_guideline": "health_pop_above_lden53",
    "highly_annoyed": "health_highly_annoyed",
    "highly_sleep_disturbed": "health_highly_sleep_disturbed",
    "ihd_cases_per_year": "health_ihd_cases_per_year",
    "pm25_deaths_per_year": "health_pm25_deaths_per_year",
    "no2_deaths_per_year": "health_no2_deaths_per_year",
}


def _declared(key: str) -> BurdenRow:
    scrap = ANALYSIS.scrap(SCRAP_OF[key])
    return BurdenRow(key, scrap.label, scrap.shown_unit, scrap.decimals)


#: Rows of the burden comparison table, in the brief's order.
BURDEN_ROWS = (
    _declared("pop_above_lden_guideline"),
    BurdenRow(
        "pop_above_lnight_guideline", "Habitants au-delà de la valeur guide OMS (Lnight)",
        "habitants", 0,
    ),
    _declared("highly_annoyed"),
    _declared("highly_sleep_disturbed"),
    _declared("ihd_cases_per_year"),
    BurdenRow(
        "dalys_per_year", "Années de vie en bonne santé perdues (gêne, sommeil)", "DALY/an", 1
    ),
    BurdenRow(
        "pop_above_pm25_aqg", "Habitants au-delà de la valeur guide OMS PM2,5", "habitants", 0
    ),
    BurdenRow("pop_above_no2_aqg", "Habitants au-delà de la valeur guide OMS NO2", "habitants", 0),
    _declared("pm25_deaths_per_year"),
    _declared("no2_deaths_per_year"),
)  # fmt: skip


def burden_row(key: str) -> BurdenRow:
    """The row of :data:`BURDEN_ROWS` for the burden field ``key``."""
    for row in BURDEN_ROWS:
        if row.key == key:
            return row
    raise KeyError(key)


def compare(before: Burden, after: Burden):
    """Before / after / difference table of two burdens, French labels.

    Returns
    -------
    pandas.DataFrame
        One row per :data:`BURDEN_ROWS` entry: ``key``, ``Indicateur``, ``Unité``, ``Avant``,
        ``Après``, ``Différence`` (after minus before), the ranges from the relative risks'
        confidence intervals where they exist (``low_before``, ``high_before``,
        ``low_after``, ``high_after``, else None) and ``decimals`` (how many to show).
    """
    import pandas as pd

    rows = []
    for row in BURDEN_ROWS:
        b, a = before.value(row.key), after.value(row.key)
        (low_b, high_b), (low_a, high_a) = before.bounds(row.key), after.bounds(row.key)
        rows.append(
            {
                "key": row.key,
                "Indicateur": row.label,
                "Unité": row.unit,
                "Avant": b,
                "Après": a,
                "Différence": a - b,
                "low_before": low_b,
                "high_before": high_b,
                "low_after": low_a,
                "high_after": high_a,
                "decimals": row.decimals,
            }
        )
    return pd.DataFrame(rows)


def band_labels(edges) -> list[str]:
    """Labels of the noise bands defined by integer ``edges`` [dB]: ``< 45 dB``,
    ``45-49 dB``, ..., ``≥ 75 dB`` (:func:`.model.health.noise_band_edges`)."""
    labels = [f"< {fr_auto(edges[0])} dB"]
    labels += [
        f"{fr_auto(lo)}-{fr_auto(hi - 1)} dB" for lo, hi in zip(edges[:-1], edges[1:], strict=True)
    ]
    labels.append(f"≥ {fr_auto(edges[-1])} dB")
    return labels


def threshold_name(tag: str) -> str:
    """French name of a WHO (2021) air threshold tag (``"aqg"``, ``"it1"``...)."""
    return "valeur guide OMS" if tag == "aqg" else f"cible intermédiaire {tag[2:]}"


def air_class_labels(thresholds) -> list[str]:
    """Labels of the concentration classes of :func:`.model.health.population_by_air_threshold`
    (``≤ 5 µg/m³ (valeur guide OMS)``, ``5-10 µg/m³``, ..., ``> 35 µg/m³``)."""
    values = [v for _, v in thresholds]
    labels = [f"≤ {fr_auto(values[0])} µg/m³ ({threshold_name(thresholds[0][0])})"]
    labels += [
        f"{fr_auto(lo)}-{fr_auto(hi)} µg/m³" for lo, hi in zip(values[:-1], values[1:], strict=True)
    ]
    labels.append(f"> {fr_auto(values[-1])} µg/m³")
    return labels


#: Source of every value the site's parameter file gives.
SITE_FILE = "fichier de paramètres du site (source en commentaire)"
#: Columns of the rows of "Hypothèses et sources".
SOURCE_COLUMNS = ["item", "value", "unit", "source", "note"]


def _row(item: str, value, unit: str, note: str, source: str = SITE_FILE) -> dict:
    return {"item": item, "value": value, "unit": unit, "source": source, "note": note}


#: The site's files whose data status the brief reports (input name -> label).
FILES = {
    "exposure_csv": "Exposition par zone : Lden, Lnight, NO2, PM2,5",
    "indicators_csv": "Cadre d'évaluation (indicateurs)",
    "pilots_csv": "Objectifs et mesures des opérations pilotes",
    "measurements": "Campagnes de mesure (fichiers des sonomètres et capteurs)",
}

#: The « Hypothèse » box under a figure resting on an illustrative file (input name -> text).
ILLUSTRATIVE_NOTES = {
    "exposure_csv": (
        "Les niveaux de bruit et de pollution par zone sont **illustratifs** : aucune mesure "
        "n'est publiée à cette échelle. Les chiffres montrent la méthode ; ils seront "
        "remplacés par la carte de bruit stratégique et les mesures d'Atmo Hauts-de-France."
    ),
    "indicators_csv": (
        "Cadre d'évaluation et observations **illustratifs**, à tenir par l'équipe projet."
    ),
    "pilots_csv": "Objectifs et mesures **illustratifs** : à remplacer par ceux des opérations.",
    "measurements": (
        "Les fichiers de mesure sont **synthétiques** (générés par un script du projet) : ils "
        "montrent la méthode, rien n'a été mesuré."
    ),
}


def _status(declared) -> str:
    """The status of an :class:`~qsp_lib.core.status.InputStatus` (``estimated`` for None)."""
    return "estimated" if declared is None else declared.status


def _flag(declared) -> str:
    """The note of a site file in « Hypothèses et sources », after its data status."""
    return {
        "illustrative": "hypothèse (données illustratives)",
        "estimated": "donnée du site (estimée)",
        "sourced": "donnée du site",
    }[_status(declared)]


def illustrative_notes(statuses: Mapping) -> dict[str, str]:
    """The « Hypothèse » boxes of the brief: :data:`ILLUSTRATIVE_NOTES` of each file
    declared ``illustrative``.

    Parameters
    ----------
    statuses : mapping
        Input name (``exposure_csv``...) -> :class:`~qsp_lib.core.status.InputStatus`.

    Returns
    -------
    dict of str to str
        Input name -> text of its box; a file not illustrative has none.
    """
    return {
        key: text
        for key, text in ILLUSTRATIVE_NOTES.items()
        if _status(statuses.get(key)) == "illustrative"
    }


def _file_name(path) -> str:
    from pathlib import Path

    return Path(path).name


def _site_source(block: str, status: str | None) -> str:
    """« modèle du site (site.yaml, <block>, <status>) »."""
    return f"modèle du site (site.yaml, {block}, {LABELS_FR[status or DEFAULT]})"


def _berm_rows(values: Mapping, statuses: Mapping) -> list[dict]:
    """The berm's geometry and length, the reference receiver and the unscreened sources."""
    berm = values["berm"]
    parts = ("height_m", "crest_width_m", "base_width_m", "distance_to_road_m")
    length = berm.get("length_m")
    road = berm.get("road_length_m")
    other = values.get("other_sources_lden_db")
    receiver = (
        values["reference_receiver_distance_m"],
        values["reference_receiver_height_m"],
        values.get("reference_receiver_offset_m", 0.0),
    )
    site = _site_source("berm", values.get("berm_status"))
    return [
        _row(
            "Butte : hauteur / largeur de crête / emprise / distance à l'axe",
            " / ".join(f"{berm[k]:g}" for k in parts),
            "m",
            f"sol G = {fr_auto(berm['ground_factor'])}, source à "
            f"{fr_auto(berm['source_height_m'])} m (berm_acoustics)",
            source=site,
        ),
        _row(
            "Butte : longueur le long de la route",
            "illimitée" if length is None else f"{length:g}",
            "" if length is None else "m",
            "tronçons masqués : trajet passant par-dessus la crête (ISO 9613-2 §4, source "
            "linéaire en tronçons) ; zones face au milieu de la butte, sauf décalage donné",
            source=site,
        ),
        _row(
            "A25 rectiligne vue du quartier (longueur, centrée sur la butte)",
            "sans fin" if road is None else f"{road:g}",
            "" if road is None else "m",
            "hypothèse (berm_acoustics.road_length_m)",
        ),
        _row(
            "Récepteur de référence : distance à l'axe / hauteur / décalage",
            " / ".join(f"{x:g}" for x in receiver),
            "m",
            "paramètre",
        ),
        _row(
            "Autres sources non masquées par la butte : Lden / Lnight",
            "aucune" if other is None else f"{other:g} / {values['other_sources_lnight_db']:g}",
            "" if other is None else "dB",
            "colonnes lden_other_db de l'exposition, sinon aucune"
            if other is None
            else _flag(statuses.get("exposure_csv")),
        ),
    ]


def _counterfactual_rows(values: Mapping, air) -> list[dict]:
    """The counterfactual concentrations, "publié" when equal to the WHO (2021) guideline."""
    rows = []
    for pollutant, label in POLLUTANTS.items():
        x0 = float(values[f"{pollutant}_counterfactual_ug_m3"])
        published = math.isclose(x0, float(air.loc[f"{pollutant}_aqg_ug_m3", "value"]))
        rows.append(
            _row(
                f"Concentration de référence (contrefactuel) {label}",
                x0,
                "µg/m³",
                "publié" if published else "paramètre",
                source="valeur guide OMS (2021)" if published else SITE_FILE,
            )
        )
    return rows


def parameter_rows(values: Mapping, air, statuses: Mapping | None = None):
    """Rows of "Hypothèses et sources" for the site's own inputs (exposure file, berm,
    receiver, counterfactuals, evaluation files), each file with its data status and source.

    Parameters
    ----------
    values : mapping
        The validated parameters (``model.domain_values()`` of the notebook's schema), with
        from the site model: ``berm`` (its geometry and acoustics, None without a berm),
        ``residents`` (today's, all zones) and the blocks' ``berm_status``,
        ``population_status``.
    air : pandas.DataFrame
        ``reference.air_health()`` (to recognise the WHO guideline values).
    statuses : mapping, optional
        Input name (``exposure_csv``...) -> :class:`~qsp_lib.core.status.InputStatus` (an
        input absent is ``estimated``).

    Returns
    -------
    pandas.DataFrame
        ``item``, ``value``, ``unit``, ``source``, ``note`` rows.
    """
    import pandas as pd

    statuses = dict(statuses or {})

    def file_row(key: str) -> dict:
        declared = statuses.get(key)
        source = declared.source if declared is not None and declared.source else SITE_FILE
        return _row(FILES[key], _file_name(values[key]), "", _flag(declared), source=source)

    rows = [file_row("exposure_csv")]
    if values.get("residents") is not None:
        rows.append(
            _row(
                "Habitants des zones d'exposition",
                values["residents"],
                "habitants",
                "habitants, distance à la route et hauteur de récepteur de chaque zone",
                source=_site_source("population", values.get("population_status")),
            )
        )
    if values.get("berm"):
        rows += _berm_rows(values, statuses)
    facade = values.get("facade_correction_db", 0.0)
    rows.append(
        _row(
            "Correction de façade appliquée aux niveaux de bruit",
            facade,
            "dB",
            "paramètre" if facade else "niveaux appliqués tels quels",
        )
    )
    rows += _counterfactual_rows(values, air)
    rows += [file_row(key) for key in ("indicators_csv", "pilots_csv") if values.get(key)]
    if values.get("measurements"):
        declared = statuses.get("measurements")
        files = dict.fromkeys(
            _file_name(f)
            for m in values["measurements"]
            for f in (m["file"], m.get("reference_file"))
            if f
        )
        sources = declared.source.split("; ") if declared is not None and declared.source else []
        rows.append(
            _row(
                FILES["measurements"],
                ", ".join(files),
                "",
                _flag(declared),
                source="; ".join(dict.fromkeys(sources)) or SITE_FILE,
            )
        )
        if any(m["kind"] == "noise" for m in values["measurements"]):
            rows += [
                _row(
                    "Incertitude élargie d'un niveau de bruit mesuré",
                    values.get("noise_uncertainty_db"),
                    "dB",
                    "hypothèse",
                ),
                _row(
                    "Couverture minimale de chaque période de bruit",
                    100 * values.get("noise_min_period_coverage", 0.75),
                    "%",
                    "hypothèse (règle des 75 % de la directive 2008/50/CE pour l'air)",
                ),
            ]
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)


def reference_rows(
    erf,
    air,
    dw,
    spectrum,
    overrides: Mapping[str, float] | None = None,
    parameters: Mapping | None = None,
    statuses: Mapping | None = None,
):
    """Rows of the brief's "Hypothèses et sources" section for the reference data used.

    Parameters
    ----------
    erf, air, dw, spectrum : pandas.DataFrame
        Reference tables (``noise_health``, ``air_health``, ``disability_weights``,
        ``traffic_noise_spectrum``).
    overrides : mapping, optional
        Key -> value replaced by the parameter file (flagged in the table).
    parameters : mapping, optional
        The validated parameters: their rows (:func:`parameter_rows`) come first.
    statuses : mapping, optional
        The data status of the site's files, for :func:`parameter_rows`.

    Returns
    -------
    pandas.DataFrame
        ``item``, ``value``, ``unit``, ``source``, ``note`` rows (``note``: "publié",
        "hypothèse" or "imposé par paramètre").
    """
    import pandas as pd

    from qsp_lib.evaluation import reference

    overrides = dict(overrides or {})
    parts = []
    for table in (erf, air, dw):
        # a parameter equal to the published value is not an override
        changed = {
            k: float(v)
            for k, v in overrides.items()
            if k in table.index and not math.isclose(float(v), float(table.loc[k, "value"]))
        }
        parts.append(reference.sources_table(table, changed))
    first = spectrum.iloc[0]
    values = " ; ".join(
        f"{int(f)} Hz : {int(v)}"
        for f, v in zip(spectrum["frequency_hz"], spectrum["value"], strict=True)
    )
    parts.append(
        pd.DataFrame(
            [
                {
                    "key": "traffic_noise_spectrum",
                    "item": "Spectre normalisé du bruit de trafic routier (tiers d'octave, dB(A))",
                    "value": values,
                    "unit": "dB(A)",
                    "source": f"{first['source']} ({int(first['year'])})",
                    "status": "publié",
                }
            ]
        )
    )
    df = pd.concat(parts, ignore_index=True).rename(columns={"status": "note"})
    df = df[["item", "value", "unit", "source", "note"]]
    if parameters is not None:
        df = pd.concat([parameter_rows(parameters, air, statuses), df], ignore_index=True)
    return df


#: How the brief compares the noise and PM2.5 burdens, by :attr:`DalyComparison.larger`
#: (:func:`.model.health.daly_comparison`): the verdict follows from the ranges, computed.
_DALY_VERDICTS = {
    "noise": "le bruit routier pèse plus que les particules fines, même aux bouts de leurs plages",
    "air": "la pollution de l'air (PM2,5) reste la première charge, même aux bouts de leurs plages",
    "overlap": "les plages se recouvrent : bruit routier et particules fines pèsent du même "
    "ordre, aucun des deux n'est à coup sûr la première charge",
}


def daly_sentence(larger: str) -> str:
    """The sentence comparing the noise and PM2.5 burdens on one metric, with the
    placeholders of :class:`~qsp_lib.evaluation.model.health.DalyComparison`'s fields
    (``{noise}``, ``{noise_low}``, ``{noise_high}`` DALY/yr; ``{air}``, ``{air_low}``,
    ``{air_high}`` PM2.5 years of life lost per year) and ``{when}`` (« avant la butte »…).

    Parameters
    ----------
    larger : {"noise", "air", "overlap"}
        :attr:`qsp_lib.evaluation.model.health.DalyComparison.larger`.
    """
    return (
        "Sur une même mesure, les années de vie en bonne santé perdues par an (DALY), {when} : "
        "bruit {noise:n0} (plage {noise_low:n0} à {noise_high:n0} ; gêne et sommeil), PM2,5 "
        "{air:n0} (plage {air_low:n0} à {air_high:n0} ; années de vie perdues par les décès) "
        "; " + _DALY_VERDICTS[larger] + "."
    )


#: The summary's clause on an objective behind the berm that the model puts out of reach
#: (placeholder ``{reach}``: :class:`qsp_lib.evaluation.study.ObjectiveReach`).
OUT_OF_REACH_SUMMARY = (
    " **Objectif hors de portée selon le modèle** : « {reach.indicator} » vise "
    "{reach.target_db:n0} dB, mais même une butte infiniment haute laisserait "
    "{reach.floor_db:n1} dB à ce point."
)


def objective_sentence(reachable: bool) -> str:
    """The sentence on the objective measured behind the berm against the model's floor,
    with the placeholders ``{name}``, ``{target}``, ``{baseline}``, ``{floor}``,
    ``{after}`` [dB Lden]."""
    if reachable:
        return (
            "Objectif « {name} » : {target:n0} dB visés ; la butte prévue y laisserait "
            "{after:n1} dB (depuis {baseline:n0} dB) et une butte infiniment haute de même "
            "longueur {floor:n1} dB : l'objectif est à portée du modèle."
        )
    return (
        "**Objectif hors de portée selon le modèle** : « {name} » vise {target:n0} dB, mais "
        "même une butte infiniment haute de même longueur laisserait {floor:n1} dB à ce "
        "point (depuis {baseline:n0} dB ; la butte prévue : {after:n1} dB), car les "
        "tronçons de l'A25 au-delà de ses extrémités et les autres sources restent à "
        "découvert. La cible est à revoir, ou à atteindre par d'autres moyens (prolonger la "
        "butte, réduire la vitesse, traiter les autres sources)."
    )


def situation_words(has_berm: bool) -> dict[str, str]:
    """How the brief names the change: the berm « à population et trafic constants » where
    the site has one, else the "after" levels of the exposure file.

    Returns
    -------
    dict
        ``before``, ``after`` (« avant la butte » …) and ``subject`` (who avoids the cases).
    """
    if has_berm:
        return {
            "before": "avant la butte",
            "after": "après la butte",
            "subject": "La butte, à population et trafic constants,",
        }
    return {
        "before": "avant le projet",
        "after": "après le projet",
        "subject": "Le projet (niveaux « après » du fichier d'exposition), à population constante,",
    }


# ------------------------------------------------------------------ measured campaigns
#: French names of the noise metrics of a campaign.
NOISE_METRIC_NAMES = {
    "lden": "Lden",
    "lday": "Lday",
    "levening": "Levening",
    "lnight": "Lnight",
    "laeq": "LAeq",
}
#: Comparators of an objective, as the brief writes them.
COMPARATORS = {"<=": "≤", ">=": "≥"}
#: Origin of a pilot objective's value: from a campaign file, or typed in the pilots file.
MEASURED, DECLARED = "mesuré", "déclaré"


def _hours(starts: Mapping[str, int]) -> str:
    d, e, n = (starts[p] for p in ("day", "evening", "night"))
    return f"{d}-{e} h, {e}-{n} h, {n}-{d} h"


def _step(seconds: int) -> str:
    if seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def noise_method(metric: str, campaign, starts: Mapping[str, int], uncertainty_db: float) -> str:
    """How a noise indicator was obtained, for the pilot operations' table.

    Parameters
    ----------
    metric : str
        ``lden``, ``lday``, ``levening``, ``lnight`` or ``laeq``.
    campaign : qsp_lib.evaluation.model.measurements.NoiseCampaign
    starts : mapping
        Start hour of each period [h].
    uncertainty_db : float
        Expanded uncertainty of the level [dB].
    """
    name = NOISE_METRIC_NAMES[metric]
    rule = " (directive 2002/49/CE, annexe I)" if metric == "lden" else ""
    return (
        f"{name}{rule} : moyenne énergétique de {fr_auto(campaign.days, 1)} jours de LAeq "
        f"{_step(campaign.step_s)} ; périodes {_hours(starts)} ; ± {fr_auto(uncertainty_db, 1)} "
        "dB (hypothèse) ; indicateur annuel estimé sur la durée de la campagne"
    )


def air_method(campaign, indoor: bool) -> str:
    """How an annual-mean estimate was obtained (days, ratio, uncertainty and its basis).

    Parameters
    ----------
    campaign : qsp_lib.evaluation.model.measurements.AirCampaign
    indoor : bool
        An indoor campaign (the adjustment on an outdoor station is an approximation).

    References
    ----------
    Directive 2008/50/EC, annexes I and VII; LCSQA guide on annual means from discontinuous
    measurements (ratio method).
    """
    from qsp_lib.evaluation.model import measurements as m

    days = f"{campaign.valid_days} jours valides sur {campaign.days} (≥ {m.DAILY_MIN_HOURS} h)"
    if campaign.ratio is None:
        text = f"moyenne de {days}, non ajustée (pas de station de référence)"
    else:
        text = (
            f"moyenne de {days} × {fr_auto(campaign.ratio, 2)} (méthode du rapport, guide "
            "LCSQA : moyenne annuelle de la station de référence / sa moyenne les mêmes jours)"
        )
    base = m.INDICATIVE_UNCERTAINTY[campaign.pollutant]
    text += (
        f" ; ± {fr_auto(round(campaign.uncertainty * 100))} % : objectif de "
        f"{fr_auto(base * 100)} % d'une mesure indicative (directive 2008/50/CE, annexe I)"
    )
    if campaign.time_coverage < m.INDICATIVE_MIN_TIME_COVERAGE:
        text += (
            f", élargi car la campagne couvre {fr_auto(round(campaign.time_coverage * 100, 1))} "
            f"% de l'année (minimum {fr_auto(m.INDICATIVE_MIN_TIME_COVERAGE * 100)} %)"
        )
    if indoor and campaign.ratio is not None:
        text += " ; air intérieur ajusté sur une station extérieure : approximation"
    return text


def declared_method(note: str) -> str:
    """The method of a value typed in the pilots file: « déclaré » and the file's note."""
    return f"{DECLARED} : {note}" if note else f"{DECLARED} (fichier des opérations pilotes)"


def short_method(kind: str, metric: str, campaign) -> str:
    """The method of a campaign in a few words, for a table column."""
    if kind == "noise":
        return (
            f"{NOISE_METRIC_NAMES[metric]} sur {fr_auto(round(campaign.days, 1))} j "
            f"(LAeq {_step(campaign.step_s)})"
        )
    days = f"moyenne de {campaign.valid_days} j"
    if campaign.ratio is None:
        return f"{days}, non ajustée"
    return f"{days} × {fr_auto(round(campaign.ratio, 2))} (station de référence)"


def uncertainty_label(kind: str, campaign, noise_uncertainty_db: float) -> str:
    """``± 2 dB`` or ``± 50 %``: the expanded uncertainty of a measured value."""
    if kind == "noise":
        return f"± {fr_auto(noise_uncertainty_db, 1)} dB"
    return f"± {fr_auto(round(campaign.uncertainty * 100))} %"


def _value_cell(value, origin: str) -> str:
    if value != value:
        return "–"
    text = fr_auto(round(value, 1), 1)
    return f"{text} ({DECLARED})" if origin == DECLARED else text


def pilot_value_table(pilots, campaigns=None):
    """The pilot objectives with their value (« déclaré » marked), uncertainty, interval,
    coverage, method and status, French headers; then the campaigns feeding an indicator of
    the framework.

    Parameters
    ----------
    pilots : pandas.DataFrame
        :func:`qsp_lib.evaluation.study.pilots_with_measurements`.
    campaigns : pandas.DataFrame, optional
        Rows of :func:`qsp_lib.evaluation.study.measured_values` to add (same columns, with
        ``value`` for ``measured_value``).
    """
    import pandas as pd

    frames = [pilots]
    if campaigns is not None and len(campaigns):
        frames.append(campaigns.rename(columns={"value": "measured_value"}).assign(origin=MEASURED))
    rows = pd.concat(frames, ignore_index=True) if len(frames) > 1 else pilots
    return pd.DataFrame(
        {
            "Opération": rows["operation"],
            "Objectif": rows["objective"],
            "Cible": [
                f"{COMPARATORS[c]} {fr_auto(t, 1)} {u}"
                for c, t, u in zip(
                    rows["comparator"], rows["target_value"], rows["unit"], strict=True
                )
            ],
            "Valeur": [
                _value_cell(v, o)
                for v, o in zip(rows["measured_value"], rows["origin"], strict=True)
            ],
            "Incertitude": [
                "–"
                if lo != lo or lo == hi
                else f"{u} : {fr_auto(round(lo, 1), 1)} à {fr_auto(round(hi, 1), 1)}"
                for u, lo, hi in zip(rows["uncertainty"], rows["low"], rows["high"], strict=True)
            ],
            "Couverture": [
                "–" if c != c else f"{fr_auto(round(c, 1), 1)} %" for c in rows["coverage_percent"]
            ],
            "Méthode": rows["method_short"].fillna("").replace("", "–"),
            "Statut": rows["status"],
        }
    )


def framework_rows_note(n: int) -> str:
    """The sentence under the pilots' table about the campaigns of the framework's
    indicators (``n`` rows at its end)."""
    if n == 1:
        return (
            "La dernière ligne est un indicateur du cadre d'évaluation mesuré par une "
            "campagne : sa valeur est aussi son observation de l'année de la campagne."
        )
    return (
        f"Les {n} dernières lignes sont des indicateurs du cadre d'évaluation mesurés par une "
        "campagne : leur valeur est aussi leur observation de l'année de la campagne."
    )


def measurement_notes(starts: Mapping[str, int], min_coverage: float, uncertainty_db: float):
    """How the brief reads a campaign file: noise periods and Lden, air daily means, ratio
    adjustment, coverage and uncertainty, the status rule (Markdown paragraphs).

    References
    ----------
    Directive 2002/49/EC annex I; Directive 2008/50/EC annexes I and VII; LCSQA guide on
    annual means from discontinuous measurements.
    """
    from qsp_lib.evaluation.model import measurements as m

    pct = lambda x: f"{fr_auto(round(x * 100))} %"  # noqa: E731
    return [
        "Les valeurs « mesurées » sont calculées par cette note à partir des fichiers bruts "
        "des sonomètres et des capteurs ; les valeurs « déclarées » sont saisies dans le "
        "fichier des opérations pilotes, sans intervalle d'incertitude. Un objectif est "
        "**atteint** seulement si tout l'intervalle d'incertitude respecte la cible, "
        "**incertain** si l'intervalle la chevauche, **non atteint** sinon.",
        "**Bruit.** Lday, Levening et Lnight sont les moyennes énergétiques de tous les "
        f"intervalles de chaque période ({_hours(starts)}) sur l'ensemble des jours ; Lden les "
        f"combine avec {fr_auto(m.LDEN_PENALTY_DB['evening'])} dB de pénalité le soir et "
        f"{fr_auto(m.LDEN_PENALTY_DB['night'])} dB la nuit, pondérés par la durée des "
        "périodes (directive 2002/49/CE, annexe I). La couverture est la part des "
        f"intervalles attendus qui sont mesurés (au moins {pct(min_coverage)} par période, "
        f"hypothèse) ; l'incertitude de ± {fr_auto(uncertainty_db, 1)} dB est une hypothèse. "
        "La directive définit Lden sur une année : une campagne de deux semaines en donne une "
        "estimation.",
        "**Air.** Une moyenne journalière compte si au moins "
        f"{m.DAILY_MIN_HOURS} heures sur 24 sont mesurées (directive 2008/50/CE, annexe VII). "
        "La moyenne annuelle est estimée par la méthode du rapport du guide du LCSQA pour les "
        "campagnes courtes : moyenne de la campagne × (moyenne annuelle d'une station de "
        "référence mesurant toute l'année / moyenne de cette station les mêmes jours). La "
        "couverture est la part de l'année couverte par les jours valides ; une mesure "
        f"indicative doit couvrir au moins {pct(m.INDICATIVE_MIN_TIME_COVERAGE)} de l'année, "
        f"avec une incertitude de {pct(m.INDICATIVE_UNCERTAINTY['no2'])} pour le NO2 et "
        f"{pct(m.INDICATIVE_UNCERTAINTY['pm25'])} pour les PM2,5 (directive 2008/50/CE, "
        "annexe I). En deçà, cette note élargit l'incertitude comme la racine carrée du "
        "rapport entre ce minimum et la couverture (hypothèse : erreur d'échantillonnage "
        "d'une moyenne de jours indépendants). L'édition du guide du LCSQA n'a pas pu être "
        "vérifiée.",
    ]


def uncertain_note(n_uncertain: int, coverage_percent: float) -> str:
    """What an « incertain » status means for a committee, and what would settle it.

    Parameters
    ----------
    n_uncertain : int
        Objectives whose interval straddles the target.
    coverage_percent : float
        Lowest coverage of the year of the air campaigns among them [%] (NaN: none).
    """
    from qsp_lib.evaluation.model import measurements as m

    who = "1 objectif reste" if n_uncertain == 1 else f"{n_uncertain} objectifs restent"
    text = (
        f"{who} **incertain{'s' if n_uncertain > 1 else ''}** : la mesure est compatible avec "
        "la cible comme avec son dépassement."
    )
    if coverage_percent == coverage_percent:
        text += (
            f" La campagne ne couvre que {fr_auto(round(coverage_percent, 1))} % de l'année ; "
            f"une mesure indicative couvrant au moins "
            f"{fr_auto(m.INDICATIVE_MIN_TIME_COVERAGE * 100)} % de l'année, répartie sur les "
            "saisons (par exemple huit semaines), ramènerait l'incertitude à l'objectif de la "
            "directive 2008/50/CE."
        )
    return text


def indoor_note() -> str:
    """The brief's caveat for an indoor campaign adjusted on an outdoor station."""
    return (
        "Air intérieur : la station de référence mesure l'air extérieur. L'ajustement suppose "
        "que l'air intérieur suit les variations saisonnières de l'air extérieur, ce qui "
        "néglige le chauffage, l'aération et les sources intérieures : c'est une "
        "approximation."
    )


def excluded_days_note(objectives, days) -> str:
    """Days of an air campaign left out of its mean (fewer hours than a valid day).

    Parameters
    ----------
    objectives : sequence of str
        The objectives measured by the campaign.
    days : sequence of str
        ISO dates of the days left out.
    """
    from qsp_lib.core.style import fr_date
    from qsp_lib.evaluation.model import measurements as m

    names = " et ".join(f"« {o} »" for o in objectives)
    n = len(days)
    what = "1 jour écarté" if n == 1 else f"{n} jours écartés"
    return (
        f"{names} : {what} de la moyenne, moins de {m.DAILY_MIN_HOURS} heures mesurées "
        f"({', '.join(fr_date(d) for d in days)})."
    )
