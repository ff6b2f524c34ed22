"""Parameters of the ``committee_synthesis`` notebook (the brief a committee reads first).

Public names (contract): ``audience`` (``comite_pilotage`` | ``comite_partenaires`` |
``comite_suivi``). Further parameters: ``study_period_years`` (period over which the PV
plant's yearly avoided emissions are compared with the GHG of the options),
``reference_option`` (the planning option the programme follows), ``action_results`` (which
indicators and pilot operations each PIA action funds) and ``watch_paid_rate``. The engine
field ``outputs_dir`` says which run to read (None by hand: ``outputs/<site>``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from qsp_lib.core.params import Fraction, NotebookParameters, StrictModel

Audience = Literal["comite_pilotage", "comite_partenaires", "comite_suivi"]
Name = Annotated[str, Field(min_length=1)]


class ActionResults(StrictModel):
    """The results a PIA action funds: evaluation indicators and pilot operations, named as
    in the ``evaluation_indicators`` input files."""

    indicators: list[Name] = Field(default_factory=list)
    pilots: list[Name] = Field(default_factory=list)


class CommitteeSynthesisParameters(NotebookParameters):
    """Schema of ``parameters/<site>/committee_synthesis.yaml``."""

    audience: Audience = "comite_pilotage"
    study_period_years: Annotated[int, Field(ge=1, le=200)] = 50
    reference_option: Annotated[str, Field(min_length=1)] | None = None
    action_results: dict[Name, ActionResults] = Field(default_factory=dict)
    watch_paid_rate: Fraction = 0.5
