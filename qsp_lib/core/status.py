"""Data status: how solid an input is, and so how solid a figure built on it is.

Every input declares one of three statuses:

- ``sourced``: a public or official source (a published figure, a measurement);
- ``estimated``: derived by a stated method, or a value marked « hypothèse »;
- ``illustrative``: a placeholder until local data arrive (an invented programme, invented
  exposure levels).

An input that declares nothing is ``estimated``. A result takes the weakest status of what it
rests on (``illustrative`` < ``estimated`` < ``sourced``), and a committee never reads an
illustrative number unmarked.

A file input declares its status where its path is given, ``{path, status, source}`` in
place of a bare path (which stays valid): see :func:`extract_inputs`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["sourced", "estimated", "illustrative"]

#: Weakest first.
STATUSES: tuple[Status, ...] = ("illustrative", "estimated", "sourced")
DEFAULT: Status = "estimated"

#: How a brief names each status (beside a key figure, in tables).
LABELS_FR = {"sourced": "sourcé", "estimated": "estimé", "illustrative": "illustratif"}

_DECLARATION_KEYS = {"path", "status", "source", "sheet"}


@dataclass(frozen=True)
class InputStatus:
    """The declared status of one input (a file, a parameter group).

    Attributes
    ----------
    status : {"sourced", "estimated", "illustrative"}
    source : str or None
        Where it comes from, in words (shown in the briefs' data-quality lines).
    """

    status: Status = DEFAULT
    source: str | None = None


def check(status: Any, where: str = "status") -> Status:
    """``status`` if it is one of :data:`STATUSES`; ValueError naming ``where`` otherwise."""
    if status not in STATUSES:
        raise ValueError(
            f"{where} = {status!r} : un statut parmi {', '.join(STATUSES)} "
            "(sourced : source publique ou officielle ; estimated : méthode indiquée ou "
            "hypothèse ; illustrative : valeur provisoire en attendant des données locales)"
        )
    return status


def weakest(statuses: Iterable[str | None]) -> Status:
    """The weakest of ``statuses`` (None entries count as :data:`DEFAULT`); :data:`DEFAULT`
    when there is none."""
    found = [DEFAULT if s is None else check(s) for s in statuses]
    if not found:
        return DEFAULT
    return min(found, key=STATUSES.index)


def is_declaration(value: Any) -> bool:
    """True for ``{path, status, source}`` (``path`` required, the others optional; a
    workbook's ``sheet`` may be named too: ``{path: suivi.xlsx, sheet: Feuil2}``)."""
    return isinstance(value, dict) and "path" in value and set(value) <= _DECLARATION_KEYS


def extract_inputs(data: Any, prefix: str = "") -> tuple[Any, dict[str, InputStatus]]:
    """Replace every ``{path, status, source}`` in raw parameters by its bare path.

    Parameters
    ----------
    data : dict, list or value
        Raw parameters as read from YAML (not modified).
    prefix : str
        Key path of ``data`` (``""`` at the top).

    Returns
    -------
    data : same shape
        With each declaration replaced by its ``path``.
    inputs : dict of str to InputStatus
        Key path (``exposure_csv``, ``files.payments_csv``) -> its declared status.

    Raises
    ------
    ValueError
        A declaration with an unknown status (the message names the key path).
    """
    found: dict[str, InputStatus] = {}

    def walk(value: Any, where: str) -> Any:
        if is_declaration(value):
            status = check(value.get("status", DEFAULT), f"{where}.status")
            source = value.get("source")
            found[where] = InputStatus(status, None if source is None else str(source))
            sheet = value.get("sheet")
            if sheet is not None and isinstance(value["path"], str):
                # a workbook's sheet travels with its path (qsp_lib.core.tables.split_sheet)
                return f"{value['path']}#{sheet}"
            return value["path"]
        if isinstance(value, dict):
            return {k: walk(v, f"{where}.{k}" if where else str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, f"{where}[{i}]") for i, v in enumerate(value)]
        return value

    return walk(data, prefix), found
