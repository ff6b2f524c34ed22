"""How the gap of each option to the reference holds across structural scenarios.

In each scenario, the envelope of an option's difference to the reference option (P5 to
P95 of the draws of the emission factors within their ranges) is either below zero
(``lower``), above zero (``higher``) or straddles it (``indistinct``). An option's verdict
is robust when it is the same in every scenario; otherwise it depends on the scenarios
whose verdict differs from the base scenario's (the first one).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: Columns of the scenario x option table (the ``ghg_scenarios`` scrap) [tCO2e].
P05, P50, P95 = (
    "difference_t_co2e_p05",
    "difference_t_co2e_p50",
    "difference_t_co2e_p95",
)
VERDICTS = ("lower", "higher", "indistinct")


def verdict(p05: float, p95: float) -> str:
    """``lower`` if the envelope is below zero (P95 < 0), ``higher`` if above (P5 > 0),
    else ``indistinct``."""
    if p95 < 0:
        return "lower"
    if p05 > 0:
        return "higher"
    return "indistinct"


@dataclass(frozen=True)
class Robustness:
    """Verdict of one option against the reference across the scenarios.

    Attributes
    ----------
    option : str
    verdict : {"lower", "higher", "indistinct", "depends"}
        The verdict of every scenario when they agree, else ``depends``.
    base : str
        The verdict in the base scenario (the first).
    by_scenario : tuple of (str, str)
        Scenario id -> verdict, in the table's order.
    flipping : tuple of str
        Scenario ids whose verdict differs from the base's (empty when robust).
    """

    option: str
    verdict: str
    base: str
    by_scenario: tuple[tuple[str, str], ...]
    flipping: tuple[str, ...]


def robustness(table: pd.DataFrame) -> list[Robustness]:
    """Verdict of each option of a scenario x option table.

    Parameters
    ----------
    table : pandas.DataFrame
        ``scenario, option, difference_t_co2e_p05, difference_t_co2e_p95`` [tCO2e], the
        base scenario's rows first (the reference option left out).

    Returns
    -------
    list of Robustness
        One per option, in the table's order.

    References
    ----------
    .. [1] Walker, W. E., Haasnoot, M., Kwakkel, J. H. (2013). Adapt or perish: a review of
       planning approaches for adaptation under deep uncertainty. Sustainability 5(3),
       955-979 (conclusions that hold across scenarios rather than a probability).
    """
    out = []
    for option, rows in table.groupby("option", sort=False):
        by = tuple(
            (str(r.scenario), verdict(float(getattr(r, P05)), float(getattr(r, P95))))
            for r in rows.itertuples()
        )
        base = by[0][1]
        flipping = tuple(s for s, v in by if v != base)
        out.append(
            Robustness(
                option=str(option),
                verdict=base if not flipping else "depends",
                base=base,
                by_scenario=by,
                flipping=flipping,
            )
        )
    return out
