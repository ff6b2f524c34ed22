"""The committee synthesis of one run, from the validated parameters.

``notebooks/committee_synthesis.ipynb`` calls :func:`synthesise` once and keeps only the
narrative: it reads the run folder (:func:`qsp_lib.core.results.read_run`), decides what the
audience sees (:mod:`.audiences`), which briefs are available (:mod:`.availability`), runs
the cross-checks (:mod:`.model.checks`) and compares with the previous run (:mod:`.changes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from qsp_lib.core import results as run_outputs
from qsp_lib.core import site as site_model
from qsp_lib.core.params import ParameterError
from qsp_lib.synthesis import availability, changes, tables
from qsp_lib.synthesis.audiences import Sections, sections_for
from qsp_lib.synthesis.model.checks import CrossChecks, SiteFacts, cross_checks, site_facts

if TYPE_CHECKING:
    from qsp_lib.synthesis.schema import CommitteeSynthesisParameters


@dataclass(frozen=True)
class Synthesis:
    """Everything the synthesis brief shows, for one audience.

    Attributes
    ----------
    folder : str
        The run folder read.
    run : dict
        :func:`qsp_lib.core.results.read_run` of that folder (``assumptions`` are read from
        it by the data-quality table).
    show : Sections
        What the audience is shown.
    status : DataFrame
        :func:`.availability.upstream_status`: one row per upstream brief.
    figures : DataFrame
        :func:`.availability.key_figures_frame`: the key figures of the available briefs.
    counts : availability.Counts
        Numbers for the summary.
    results : dict
        Scraps of the available upstream notebooks only.
    checks : CrossChecks
        The cross-checks.
    changes : DataFrame
        :func:`.changes.changes`: followed figures that changed since the previous run.
    changes_table : DataFrame
        The same as a French table, cut to what the audience reads.
    changed : changes.ChangeSummary
        What the brief says of the comparison.
    """

    folder: str
    run: dict[str, Any]
    show: Sections
    status: pd.DataFrame
    figures: pd.DataFrame
    counts: availability.Counts
    results: dict[str, Any]
    checks: CrossChecks
    changes: pd.DataFrame
    changes_table: pd.DataFrame
    changed: changes.ChangeSummary


def read_site_facts(P: CommitteeSynthesisParameters) -> SiteFacts | None:
    """The site model's numbers the cross-checks compare (None when ``site.yaml`` is
    missing or invalid: the checks then say what they lack, never compute from zero)."""
    try:
        return site_facts(site_model.for_parameters(P))
    except (ParameterError, OSError, KeyError, ValueError):
        return None


def synthesise(P: CommitteeSynthesisParameters) -> Synthesis:
    """Read the run ``P`` points to (``outputs_dir``; by hand ``outputs/<site>``) and gather
    the synthesis for ``P.audience``."""
    run = run_outputs.read_run(run_outputs.outputs_dir(P))
    show = sections_for(P.audience)
    status = availability.upstream_status(run["run"], run["key_figures"], run["briefs"])
    figures = availability.key_figures_frame(run["key_figures"], status)
    kept = availability.available_results(run["results"], status)
    checks = cross_checks(
        kept,
        P.study_period_years,
        P.reference_option,
        P.model_dump()["action_results"],
        P.watch_paid_rate,
        read_site_facts(P),
        run["run"],
    )
    diff = changes.changes(kept, run["previous"])
    table, left_out = tables.changes_table(diff, show.changes_max_rows)
    return Synthesis(
        folder=str(run["folder"]),
        run=run,
        show=show,
        status=status,
        figures=figures,
        counts=availability.counts(status, figures),
        results=kept,
        checks=checks,
        changes=diff,
        changes_table=table,
        changed=changes.change_summary(kept, run["previous"], diff, left_out),
    )
