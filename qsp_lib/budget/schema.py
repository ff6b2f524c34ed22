"""Parameters of the ``pia_followup`` notebook (financial follow-up of the PIA convention).

Public names (contract): ``actions_csv``, ``payments_csv``, ``schedule_csv``,
``convention_amount_eur``, ``convention_signature_date``, ``convention_end_date``,
``advance_rate``, ``balance_rate``, ``as_of_date``, ``late_threshold``,
``cofunding_sources``, ``convention_name``, ``operator``, ``data_note``,
``parameter_sources`` (the source of each value, for the brief).

Every row of the CSV inputs is checked before the run (file, line, column, value): dates
``AAAA-MM-JJ``, non-negative amounts, known ledger kinds, end after start, unique action
identifiers; ``cofunding_<source>_eur`` columns are free but each source needs an entry in
``cofunding_sources`` (label, secured or sought).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    Field,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from qsp_lib.budget import io as files
from qsp_lib.budget.model.ledger import COFUNDING_PATTERN, KINDS
from qsp_lib.core import params, tables
from qsp_lib.core.params import (
    Fraction,
    NonNegFloat,
    NotebookParameters,
    PositiveFloat,
    SitePath,
    StrictModel,
    check_csv_columns,
    check_csv_rows,
)

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", value.strip()):
        try:
            return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()
        except ValueError:
            pass
    raise ValueError("une date au format AAAA-MM-JJ ou JJ/MM/AAAA (par exemple 2021-03-15)")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, Field(min_length=1, max_length=200)]
ActionId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[^\s,;]+$")]


class ActionRow(StrictModel):
    """One row of ``actions_csv`` (the co-funding columns are added per file)."""

    action_id: ActionId
    title: Text
    axis: Text
    owner: Text
    total_cost_eur: NonNegFloat
    pia_subsidy_eur: PositiveFloat
    start_date: IsoDate
    end_date: IsoDate

    @model_validator(mode="after")
    def _end_after_start(self):
        if self.end_date <= self.start_date:
            raise ValueError(
                f"end_date ({self.end_date}) postérieure à start_date ({self.start_date})"
            )
        return self


class PaymentRow(StrictModel):
    """One row of ``payments_csv``: a commitment or a payment."""

    date: IsoDate
    action_id: ActionId
    kind: Literal[KINDS]
    amount_eur: NonNegFloat


class ScheduleRow(StrictModel):
    """One row of ``schedule_csv``: a planned payment."""

    date: IsoDate
    action_id: ActionId
    planned_eur: NonNegFloat


class CofundingSource(StrictModel):
    """A co-funder of the action programme."""

    label: Text
    status: Literal["secured", "sought"]


def _columns(path: str, required, optional=()) -> list[str]:
    """:func:`check_csv_columns`, with the file and its header line named in the message."""
    try:
        return check_csv_columns(path, required, optional=optional)
    except ValueError as exc:
        raise ValueError(f"{exc} ({path}, ligne 1 : en-tête)") from None


def _header(path: str) -> list[str]:
    return tables.read_table(path).header


def _column_values(path: str, column: str) -> list[tuple[int, str]]:
    return [(line, row.get(column, "")) for line, row in tables.read_table(path).records()]


class PiaFollowupParameters(NotebookParameters):
    actions_csv: SitePath = "pia_actions.csv"
    payments_csv: SitePath = "pia_payments.csv"
    schedule_csv: SitePath | None = None
    convention_name: Text = "Convention PIA"
    operator: Text = "Banque des Territoires (Caisse des Dépôts)"
    convention_amount_eur: PositiveFloat | None = None
    convention_signature_date: IsoDate | None = None
    convention_end_date: IsoDate | None = None
    advance_rate: Fraction | None = None
    balance_rate: Fraction = 0.0
    as_of_date: IsoDate | None = None
    late_threshold: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)] = 0.25
    cofunding_sources: dict[str, CofundingSource] = Field(default_factory=dict)
    data_note: str | None = None
    #: Where each parameter's value comes from (shown in « Hypothèses et sources »).
    parameter_sources: dict[str, Text] = Field(default_factory=dict)

    @field_validator("parameter_sources")
    @classmethod
    def _known_parameters(cls, notes: dict[str, str]) -> dict[str, str]:
        known = [n for n in cls.model_fields if n not in NotebookParameters.model_fields]
        unknown = [k for k in notes if k not in known]
        if unknown:
            raise ValueError(
                "des noms de paramètres de ce notebook ; inconnus : " + _hinted(unknown, known)
            )
        return notes

    @field_validator("actions_csv")
    @classmethod
    def _actions_file(cls, path: str) -> str:
        header = _columns(path, files.ACTION_COLUMNS, optional=_cofunding(path))
        fields = {c: (NonNegFloat | None, None) for c in header if COFUNDING_PATTERN.match(c)}
        model = create_model("ActionRowOfFile", __base__=ActionRow, **fields)
        if check_csv_rows(path, model) == 0:
            raise ValueError(f"au moins une action ({path} n'a aucune ligne)")
        seen: dict[str, int] = {}
        for line, value in _column_values(path, "action_id"):
            if value in seen:
                raise ValueError(
                    f"des identifiants d'action uniques ({path}) ; ligne {line}, colonne "
                    f"action_id = {value!r} : déjà utilisé ligne {seen[value]}"
                )
            seen[value] = line
        return path

    @field_validator("payments_csv")
    @classmethod
    def _payments_file(cls, path: str) -> str:
        _columns(path, files.PAYMENT_COLUMNS)
        check_csv_rows(path, PaymentRow)
        return path

    @field_validator("schedule_csv")
    @classmethod
    def _schedule_file(cls, path: str | None, info: ValidationInfo) -> str | None:
        if path is None:
            return None
        _columns(path, files.SCHEDULE_COLUMNS)
        check_csv_rows(path, ScheduleRow)
        actions = info.data.get("actions_csv")
        if actions:
            known = {v for _, v in _column_values(actions, "action_id")}
            for line, value in _column_values(path, "action_id"):
                if value not in known:
                    raise ValueError(
                        f"un calendrier sur les actions de actions_csv ({path}) ; ligne {line}, "
                        f"colonne action_id = {value!r} : action inconnue"
                    )
        return path

    @field_validator("convention_end_date")
    @classmethod
    def _end_after_signature(cls, end: dt.date | None, info: ValidationInfo):
        start = info.data.get("convention_signature_date")
        if end is not None and start is not None and end <= start:
            raise ValueError(f"une date postérieure à convention_signature_date ({start})")
        return end

    @field_validator("cofunding_sources")
    @classmethod
    def _every_column_has_a_source(cls, sources: dict, info: ValidationInfo):
        actions = info.data.get("actions_csv")
        if not actions:
            return sources
        columns = _cofunding(actions)
        wanted = [COFUNDING_PATTERN.match(c).group(1) for c in columns]
        missing = [s for s in wanted if s not in sources]
        extra = [s for s in sources if s not in wanted]
        if missing or extra:
            parts = []
            if missing:
                parts.append(
                    "sources sans entrée (colonnes de actions_csv) : "
                    + ", ".join(f"{s} (cofunding_{s}_eur)" for s in missing)
                )
            if extra:
                parts.append("sources sans colonne dans actions_csv : " + _hinted(extra, wanted))
            raise ValueError(
                "une entrée {label, status: secured | sought} par colonne "
                "cofunding_<source>_eur de actions_csv ; " + " ; ".join(parts)
            )
        return sources

    def plausibility_warnings(self) -> list[tuple[str, str]]:
        """The core's warnings, and a ledger or action table without any row (valid, but
        every euro of the programme would then read as neither committed nor paid)."""
        out = super().plausibility_warnings()
        for name, what in (
            (
                "payments_csv",
                "le grand livre des engagements et versements est vide : aucun euro n'y est "
                "engagé ni versé, et tout le programme apparaît en retard",
            ),
            ("actions_csv", "le programme d'actions est vide"),
        ):
            path = getattr(self, name)
            if path and tables.read_table(path).frame.empty:
                file = Path(tables.split_sheet(path)[0]).name
                out.append((f"{file} ({name}), en-tête seul", what))
        return out


def _hinted(names: list[str], known: list[str]) -> str:
    """``a (vouliez-vous dire b ?), c``: each unknown name with the closest known one."""
    hints = []
    for name in names:
        close = params.closest(name, known)
        hints.append(f"{name} (vouliez-vous dire {close} ?)" if close else name)
    return ", ".join(hints)


def _cofunding(path: str) -> list[str]:
    return [c for c in _header(path) if COFUNDING_PATTERN.match(c)]
