"""French wording of the GHG brief: names of weightings and life-cycle parts, the
enumerations its sentences cite, and the rows of "Hypothèses et sources".

The sentences themselves are templates in the notebook; this module builds the parts of
them that are lists (one phrase per option or per factor), formatted the French way with
:func:`qsp_lib.core.style.fmt`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from qsp_lib.core import style
from qsp_lib.ghg.model.lifecycle import DEMOLITION_ROUTES, FILL_TRANSPORT
from qsp_lib.ghg.model.ranking import short_label

#: The factor distributions by their French names (Vose, *Risk Analysis*, 2008).
LAW_FR = {"pert": "bêta-PERT", "triangular": "triangulaire"}

if TYPE_CHECKING:
    from qsp_lib.ghg.model import GhgModel
    from qsp_lib.ghg.model.ranking import CatchUp, DifferenceRow, DriverRange, Flip
    from qsp_lib.ghg.model.robustness import Robustness

__all__ = [
    "CATCH_UP_FR",
    "DIRECTION_FR",
    "MOBILITY_FR",
    "PART_FR",
    "CARRIER_FR",
    "PAYBACK_FR",
    "VERDICT_FR",
    "WEIGHTING_FR",
    "catch_up_phrase",
    "differences_phrase",
    "drivers_phrase",
    "fixed_factors_phrase",
    "flips_phrase",
    "gap_phrase",
    "hundreds",
    "payback_phrase",
    "robust_conclusion",
    "short_label",
    "sources_rows",
]

WEIGHTING_FR = {"static": "statique", "dynamic": "dynamique (poids calculés, AR5, Joos 2013)"}
PART_FR = {
    "construction": "Construction et réhabilitation",
    "replacement": "Renouvellements",
    "end_of_life": "Fin de vie",
    "demolition": "Démolition",
    "maintenance": "Entretien du parc conservé",
    "outdoor": "Espaces extérieurs",
    "operation_energy": "Énergie d'exploitation",
    "vegetation_soil": "Végétation et sols",
    "mobility": "Mobilité",
}
#: Whether an option emits more (True) or less than the reference.
DIRECTION_FR = {True: "plus", False: "moins"}
MOBILITY_FR = {
    True: "identique dans toutes les options, est montrée à part : elle n'entre pas dans les "
    "écarts",
    False: "différente selon les options, est comptée dans les écarts",
}
CATCH_UP_FR = {
    "closes": "elle émet ensuite en moyenne {saving:n0} tCO2e de moins par an, il lui faudrait "
    "donc environ {years:n0} ans pour rattraper cet écart",
    "beyond": "elle émet ensuite en moyenne {saving:n0} tCO2e de moins par an : à ce rythme, "
    "l'écart ne se résorbe pas dans la période (il faudrait environ {years:n0} ans)",
    "never": "elle n'émet pas moins chaque année ensuite : l'écart ne se résorbe pas",
    "no_gap": "elle ne part pas avec un surcroît d'émissions",
}
PAYBACK_FR = {"none": "aucun dans la période", "never_above": "{y} an", "years": "{y} ans"}


def hundreds(x: float) -> float:
    """``x`` rounded to the hundred, as the brief cites tonnes [tCO2e]."""
    return round(x, -2)


def gap_phrase(gap_t_co2e: float) -> str:
    """``"1 200 tCO2e de plus"`` or ``"… de moins"``, rounded to the hundred."""
    direction = DIRECTION_FR[bool(gap_t_co2e >= 0)]
    return style.fmt("{v:n0} tCO2e de {d}", v=hundreds(abs(gap_t_co2e)), d=direction)


def differences_phrase(rows: Sequence[DifferenceRow]) -> str:
    """Each option against the reference, central gap and the P5-P95 envelope of the
    factors' draws (a sensitivity to planning ranges, not a probability), for the "En
    bref"."""
    return (
        " ; ".join(
            style.fmt(
                "**{o}** émet {a:n0} tCO2e de {d} (enveloppe P5-P95 des facteurs d'émission : "
                "écart de {lo:n0} à {hi:n0} tCO2e)",
                o=r.option,
                a=hundreds(r.abs_t_co2e),
                d=DIRECTION_FR[r.emits_more],
                lo=hundreds(r.p05_t_co2e),
                hi=hundreds(r.p95_t_co2e),
            )
            for r in rows
        )
        or "sans objet"
    )


#: Heating carriers (``site``: as the site model says).
CARRIER_FR = {
    "site": "celle du logement démoli, selon le modèle du site",
    "gas": "gaz",
    "fuel_oil": "fioul",
    "wood": "bois",
    "electricity": "électricité",
    "district_heating": "chauffage urbain",
}
#: The sign of an option's gap to the reference in one scenario (P5-P95 envelope).
VERDICT_FR = {
    "lower": "plus sobre",
    "higher": "plus émettrice",
    "indistinct": "indiscernable",
}
#: The same against the reference ({ref}).
VERDICT_REF_FR = {
    "lower": "plus sobre que {ref}",
    "higher": "plus émettrice que {ref}",
    "indistinct": "indiscernable de {ref}",
}
#: When it holds in every scenario.
ROBUST_FR = {
    "lower": "plus sobre que {ref} dans tous les scénarios (P95 de l'écart sous zéro dans chacun)",
    "higher": "plus émettrice que {ref} dans tous les scénarios (P5 de l'écart au-dessus de "
    "zéro dans chacun)",
    "indistinct": "indiscernables de {ref} dans tous les scénarios (l'enveloppe de l'écart "
    "contient zéro dans chacun)",
}


def robust_conclusion(
    items: Sequence[Robustness], reference: str, scenario_names: Mapping[str, str]
) -> str:
    """The conclusion of each option against the reference, worded by robustness.

    "plus sobre que <ref> dans tous les scénarios" only when the P95 of the gap is below
    zero in every scenario, "plus émettrice ..." when its P5 is above zero in every one,
    "indiscernables ..." when its envelope contains zero in every one; otherwise the
    verdict of the base, those of the scenarios that differ, and "dépend de" them.

    Parameters
    ----------
    items : sequence of Robustness
        :func:`qsp_lib.ghg.model.robustness.robustness`.
    reference : str
        The reference option's name.
    scenario_names : mapping of str to str
        Scenario id -> name.

    Returns
    -------
    str
        One sentence per option (plain text, no markup); "sans objet" without options.
    """
    out = []
    for r in items:
        if r.verdict != "depends":
            out.append(f"{r.option} : {ROBUST_FR[r.verdict].format(ref=reference)}.")
            continue
        flips = ", ".join(
            f"{VERDICT_FR[v]} avec « {scenario_names.get(s, s)} »"
            for s, v in r.by_scenario
            if s in r.flipping
        )
        one = "ce scénario" if len(r.flipping) == 1 else "ces scénarios"
        base = VERDICT_REF_FR[r.base].format(ref=reference)
        out.append(f"{r.option} : {base} dans la base, mais {flips} : dépend de {one}.")
    return " ".join(out) or "sans objet"


def drivers_phrase(top: Sequence[DriverRange], n: int = 3) -> str:
    """The ``n`` factors that move the gap most, with the range of the gap they give."""
    return (
        "; ".join(
            style.fmt(
                "{s} (écart de {lo:n0} à {hi:n0} tCO2e)",
                s=d.short,
                lo=hundreds(d.gap_min_t_co2e),
                hi=hundreds(d.gap_max_t_co2e),
            )
            for d in top[:n]
        )
        or "aucun facteur"
    )


def flips_phrase(flips: Sequence[Flip], n: int = 3) -> str:
    """The factors whose value alone reverses the ranking, and where."""
    return "; ".join(
        style.fmt(
            "{s} à {v:auto} {u} (valeur centrale {c:auto}, plage {lo:auto} à {hi:auto})",
            s=f.short,
            v=f.flip_value,
            u=f.unit,
            c=f.central,
            lo=f.low,
            hi=f.high,
        )
        for f in flips[:n]
    )


def catch_up_phrase(catch: CatchUp) -> str:
    """How the option with the heavier works makes up its gap (or does not)."""
    return style.fmt(
        CATCH_UP_FR[catch.case],
        saving=round(catch.yearly_saving_t_co2e, -1),
        years=catch.years,
    )


def payback_phrase(
    others: Iterable[str], status: Mapping[str, str], payback: Mapping[str, int | None]
) -> str:
    """Carbon payback of each option against the payback reference."""
    return (
        " ; ".join(f"{n} : " + PAYBACK_FR[status[n]].format(y=payback[n]) for n in others)
        or "sans objet"
    )


def fixed_factors_phrase(fixed) -> str:
    """Factors imposed by the parameter file: ``label = value unit``."""
    return ", ".join(
        style.fmt("{label} = {v:auto4} {unit}", label=r.label, v=r.value, unit=r.unit)
        for r in fixed.itertuples()
    )


def sources_rows(
    model: GhgModel,
    overrides: Mapping[str, float],
    benchmarks,
    weights_table,
    carbon_values,
    carbon_value_points: Mapping[int, float] | None,
    monte_carlo: Mapping,
):
    """Rows of the brief's "Hypothèses et sources" from the data tables and the parameters.

    Parameters
    ----------
    model : GhgModel
        Its factor table (with overrides) gives the factor rows (the berm's earthworks only
        when an option has a berm).
    overrides : mapping of str to float
        :func:`qsp_lib.ghg.model.flatten_overrides` of the ``factors`` parameter.
    benchmarks, weights_table, carbon_values : pandas.DataFrame
        :mod:`qsp_lib.ghg.reference` tables (RE2020 limits, dynamic weights, carbon value).
    carbon_value_points : mapping of int to float, optional
        The ``carbon_value_eur_per_t_co2e`` parameter (the table is used when absent).
    monte_carlo : mapping
        ``{"draws", "distribution", "seed"}`` parameters.

    Returns
    -------
    pandas.DataFrame
        ``item, value, unit, low, high, source, note``; numbers stay numbers (the brief
        formats them).
    """
    import pandas as pd

    from qsp_lib.ghg import reference

    def table_rows(df, over=None):
        rows = reference.sources_table(df, overrides=over)
        return rows.rename(columns={"status": "note"}).drop(columns="key").to_dict("records")

    # a car factor overridden per passenger-km is stored per vehicle-km
    overrides = {k.removesuffix("@pkm"): v for k, v in overrides.items()}
    overrides = {k: float(model.factors.at[k, "value"]) for k in overrides}

    # the berm's earthworks factor only where the site has a berm (some option prices it)
    factors = model.factors
    k = "outdoor_earthworks"
    if k in model.factor_keys and not model.coef[..., model.factor_keys.index(k)].any():
        factors = factors.drop(index=k)
    # the demolition factor not used (all in, or on site with the materials' routes); the
    # demolition of kept structures may still use the all-in factor beside the routes
    for k in ("embodied_demolition", "embodied_demolition_on_site"):
        if k in model.factor_keys and not model.coef[..., model.factor_keys.index(k)].any():
            factors = factors.drop(index=k)
    # the imported fill's transport and the routes of the demolished materials are results
    # of the materials note, not factors: the study gives each its own row
    factors = factors.drop(index=[FILL_TRANSPORT, DEMOLITION_ROUTES], errors="ignore")
    rows = table_rows(factors, overrides) + table_rows(benchmarks)
    if carbon_value_points:
        rows += _carbon_value_rows(carbon_value_points)
    else:
        rows += table_rows(carbon_values)
    rows += _method_rows(model, weights_table, monte_carlo)
    df = pd.DataFrame(rows, columns=["item", "value", "unit", "low", "high", "source", "note"])
    return df.astype(object).where(df.notna(), None)


def _carbon_value_rows(points: Mapping[int, float]) -> list[dict]:
    return [
        {
            "item": f"Valeur de l'action pour le climat {year}",
            "value": float(value),
            "unit": "€2018/tCO2e",
            "source": "fichier de paramètres (rapport Quinet 2019)",
            "note": "paramètre",
        }
        for year, value in sorted(points.items())
    ]


def _method_rows(model: GhgModel, weights_table, monte_carlo: Mapping) -> list[dict]:
    """Dynamic weights used, study period and Monte Carlo settings."""
    w = weights_table.set_index("t_years")["value"]
    n = model.study_period_years
    return [
        {
            "item": f"Poids dynamiques calculés (AR5, Joos 2013) : f({n}) ; moyenne des années "
            f"1 à {n}",
            "value": style.fmt("{f:n3} ; {mean:n3}", f=w.get(n, 0.0), mean=w.loc[1:n].mean()),
            "unit": "-",
            "source": str(weights_table["source"].iloc[0]),
            "note": "calculé (AR5, Joos 2013)",
        },
        {
            "item": "Période d'étude ; année 0",
            "value": f"{n} ans ; {model.start_year}",
            "unit": "",
            "source": "RE2020 (50 ans) ; fichier de paramètres",
            "note": "paramètre",
        },
        {
            "item": "Enveloppe de sensibilité aux facteurs d'émission (Monte Carlo)",
            "value": style.fmt(
                "{n:n0} tirages, loi {law}, graine {seed}",
                n=monte_carlo["draws"],
                law=LAW_FR.get(monte_carlo["distribution"], monte_carlo["distribution"]),
                seed=monte_carlo["seed"],
            ),
            "unit": "",
            "source": "fichier de paramètres",
            "note": "paramètre",
        },
    ]


def fill_transport_phrase(by_option: Mapping[str, float]) -> str:
    """``"A : 1 920 tCO2e ; B : 2 020 tCO2e"``: the transport of the imported berm fill of
    each option, to the nearest ten tonnes."""
    return " ; ".join(
        style.fmt("{o} : {v:n0} tCO2e", o=o, v=round(v, -1)) for o, v in by_option.items()
    )


def routes_phrase(by_option: Mapping[str, float]) -> str:
    """``"A : 35 tCO2e ; B : 0 tCO2e"``: the emissions of the routes of each option's
    demolished materials (crushing, transport, fossil CO2 of energy recovery)."""
    return " ; ".join(style.fmt("{o} : {v:n0} tCO2e", o=o, v=v) for o, v in by_option.items())


#: Why the routes of the demolished materials are not taken from the materials note
#: (``DemolitionRoutes.missing``): the demolition stage keeps its all-in factor.
ROUTES_MISSING_FR = {
    "absent": "les résultats de la note sur les matériaux sont absents du dossier du calcul",
    "failed": "la note sur les matériaux a échoué lors de ce calcul",
    "incomplete": "le tableau par option de la note sur les matériaux ne couvre pas toutes "
    "les options ou ne donne pas les émissions des filières",
}


#: Why the transport of the imported fill is not counted (``FillTransport.missing``).
FILL_MISSING_FR = {
    "absent": "les résultats de la note sur les matériaux sont absents du dossier du calcul",
    "failed": "la note sur les matériaux a échoué lors de ce calcul",
    "incomplete": "le bilan du remblai de la note sur les matériaux ne couvre pas toutes les "
    "options",
}
