"""Orders and gaps between options, from their totals: rank, stage table, payback status."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from qsp_lib.ghg.model.keys import STAGES


def ranking(option_totals_: Mapping[str, float]) -> list[str]:
    """Option names from the lowest to the highest total (ties keep the input order)."""
    return sorted(option_totals_, key=lambda name: option_totals_[name])


def stage_table(totals_df, weighting: str = "static"):
    """Totals [tCO2e] as a table options (input order) x stages (:data:`STAGES` order)."""
    pivot = totals_df.pivot(index="option", columns="stage", values=f"{weighting}_t_co2e")
    return pivot.reindex(index=list(dict.fromkeys(totals_df["option"])))[list(STAGES)]


def payback_status(payback: Mapping[str, int | None]) -> dict[str, str]:
    """``"never_above"`` (payback 0), ``"none"`` (not within the period) or ``"years"``."""
    return {
        name: "none" if y is None else ("never_above" if y == 0 else "years")
        for name, y in payback.items()
    }


def short_label(label: str) -> str:
    """A factor label without its parenthesised detail, for sentences and axis ticks."""
    return str(label).split(" (")[0]


@dataclass(frozen=True)
class Comparison:
    """Gaps between options for the headline.

    Attributes
    ----------
    best, second, worst : str
        Options by total; ``second`` is the best when there is one option.
    gap_second_t_co2e, gap_worst_t_co2e : float
        Second and worst above the best [tCO2e].
    gap_worst_fraction : float
        Gap of the worst, as a fraction of its total [-].
    others : tuple of str
        Options other than the reference.
    highest_other : str
        The highest of ``others`` (the best when there is none).
    """

    best: str
    second: str
    worst: str
    gap_second_t_co2e: float
    gap_worst_t_co2e: float
    gap_worst_fraction: float
    others: tuple[str, ...]
    highest_other: str


def comparison(option_totals_: Mapping[str, float], reference_option: str) -> Comparison:
    """Best, second and worst of option totals [tCO2e], and their gaps.

    Parameters
    ----------
    option_totals_ : mapping of str to float
        Option -> total [tCO2e] (the leading weighting).
    reference_option : str
        The option the paybacks are measured against.
    """
    order = ranking(option_totals_)
    best, worst = order[0], order[-1]
    second = order[1] if len(order) > 1 else best
    others = tuple(n for n in option_totals_ if n != reference_option)
    gap_worst = option_totals_[worst] - option_totals_[best]
    return Comparison(
        best=best,
        second=second,
        worst=worst,
        gap_second_t_co2e=option_totals_[second] - option_totals_[best],
        gap_worst_t_co2e=gap_worst,
        gap_worst_fraction=gap_worst / option_totals_[worst],
        others=others,
        highest_other=max(others, key=lambda n: option_totals_[n]) if others else best,
    )


@dataclass(frozen=True)
class CatchUp:
    """How long an option would take to make up its works gap, at its mean yearly pace.

    Attributes
    ----------
    initial_gap_t_co2e : float
        Worst minus best at the year measured [tCO2e].
    yearly_saving_t_co2e : float
        How much less the worst emits per year than the best afterwards, on average
        [tCO2e/yr].
    years : float
        Gap / saving [years], NaN when it never closes.
    case : {"closes", "beyond", "never", "no_gap"}
        Closes within the study period, only after its end, never (the worst does not emit
        less each year), or there is no gap.
    """

    initial_gap_t_co2e: float
    yearly_saving_t_co2e: float
    years: float
    case: str


def catch_up(cumulative_df, best: str, worst: str, at_year: int = 0) -> CatchUp:
    """:class:`CatchUp` of ``worst`` against ``best``.

    Parameters
    ----------
    cumulative_df : pandas.DataFrame
        From :func:`qsp_lib.ghg.model.cumulative` (index = study years 0..N).
    best, worst : str
        The two options compared; ``worst`` is the one whose works put it above.
    at_year : int
        Study year [years] where the gap is measured (the end of the works).
    """
    n = int(cumulative_df.index[-1])
    k = min(int(at_year), n - 1)
    y0 = cumulative_df.loc[k]
    d0 = float(y0[worst] - y0[best])
    after = cumulative_df.loc[n] - y0
    saving = float((after[best] - after[worst]) / (n - k))
    if d0 <= 0:
        case = "no_gap"
    elif saving > 0:
        case = "closes" if d0 / saving <= n - k else "beyond"
    else:
        case = "never"
    years = d0 / saving if saving > 0 and d0 > 0 else float("nan")
    return CatchUp(d0, saving, years, case)


@dataclass(frozen=True)
class DifferenceRow:
    """One option against the reference, for sentences.

    Attributes
    ----------
    option : str
    emits_more : bool
        True when it emits more than the reference (central values).
    abs_t_co2e : float
        Central gap, absolute [tCO2e].
    p05_t_co2e, p95_t_co2e : float
        P5 and P95 of the gap, option minus reference [tCO2e].
    """

    option: str
    emits_more: bool
    abs_t_co2e: float
    p05_t_co2e: float
    p95_t_co2e: float


def difference_rows(differences_df, reference_option: str) -> tuple[DifferenceRow, ...]:
    """Every option but the reference, from :func:`qsp_lib.ghg.model.differences` (with
    ``central_t_co2e``)."""
    return tuple(
        DifferenceRow(
            option=r.option,
            emits_more=bool(r.central_t_co2e > 0),
            abs_t_co2e=abs(float(r.central_t_co2e)),
            p05_t_co2e=float(r.p05_t_co2e),
            p95_t_co2e=float(r.p95_t_co2e),
        )
        for r in differences_df.itertuples()
        if r.option != reference_option
    )


@dataclass(frozen=True)
class DriverRange:
    """A factor that moves the gap between the two lowest options.

    Attributes
    ----------
    label, short : str
        Factor label, and without its parenthesised detail.
    gap_min_t_co2e, gap_max_t_co2e : float
        Gap with the factor at its bounds, lowest and highest [tCO2e].
    """

    label: str
    short: str
    gap_min_t_co2e: float
    gap_max_t_co2e: float


@dataclass(frozen=True)
class Flip:
    """A factor whose value alone, within its range, reverses the ranking.

    Attributes
    ----------
    label, short, unit : str
    central, low, high : float
        Its central value and range [its unit].
    flip_value : float
        Where the ranking flips [its unit], 3 significant digits.
    """

    label: str
    short: str
    unit: str
    central: float
    flip_value: float
    low: float
    high: float


@dataclass(frozen=True)
class RankingSummary:
    """What the "ce qui peut inverser le classement" sentence cites.

    Attributes
    ----------
    top : tuple of DriverRange
        Leading factors that move the gap.
    flips : tuple of Flip
        Factors that can flip the ranking, by decreasing swing.
    """

    top: tuple[DriverRange, ...] = ()
    flips: tuple[Flip, ...] = ()


def ranking_summary(drivers, n: int = 4) -> RankingSummary:
    """:class:`RankingSummary` of :func:`qsp_lib.ghg.model.ranking_drivers`, ``n`` leading
    factors."""
    if drivers is None or not len(drivers):
        return RankingSummary()
    moving = drivers[drivers["swing_t_co2e"] > 1e-6].head(n)
    top = tuple(
        DriverRange(
            label=r.label,
            short=short_label(r.label),
            gap_min_t_co2e=float(min(r.gap_low_t_co2e, r.gap_high_t_co2e)),
            gap_max_t_co2e=float(max(r.gap_low_t_co2e, r.gap_high_t_co2e)),
        )
        for r in moving.itertuples()
    )
    flips = tuple(
        Flip(
            label=r.label,
            short=short_label(r.label),
            unit=r.unit,
            central=float(r.central),
            flip_value=float(f"{r.flip_value:.3g}"),
            low=float(r.low),
            high=float(r.high),
        )
        for r in drivers[drivers["flips_ranking"]].itertuples()
    )
    return RankingSummary(top, flips)
