"""The three committees that read the synthesis: same numbers, different depth.

The comité de pilotage (elected officials) reads one printed page; the comité des
partenaires adds methods, ranges and the cross-check tables; the comité de suivi adds the
operational detail and the quality of the data. The audiences and their French names are
those the analysis declares (:mod:`qsp_lib.synthesis.declaration`).
"""

from __future__ import annotations

from dataclasses import dataclass

from qsp_lib.synthesis.declaration import ANALYSIS

AUDIENCES: tuple[str, ...] = tuple(ANALYSIS.variants["audience"])
AUDIENCE_LABELS: dict[str, str] = {a: ANALYSIS.variant_labels[a] for a in AUDIENCES}


@dataclass(frozen=True)
class Sections:
    """What an audience is shown.

    Attributes
    ----------
    label : str
        The committee's French name.
    notes : bool
        A line of meaning under each key figure.
    one_page : bool
        The brief prints on one A4 page.
    sources_folder : bool
        The run folder is listed in the sources.
    cross_check_tables : bool
        The tables behind the cross-checks, and the links to correct.
    changes_max_rows : int or None
        At most this many rows of changes (None: all).
    methods, ranges, operations, data_quality : bool
        The sections of the same names.
    """

    label: str
    notes: bool
    one_page: bool
    sources_folder: bool
    cross_check_tables: bool
    changes_max_rows: int | None
    methods: bool
    ranges: bool
    operations: bool
    data_quality: bool


_PILOTAGE = dict(
    notes=False,
    one_page=True,
    sources_folder=False,
    cross_check_tables=False,
    changes_max_rows=3,
    methods=False,
    ranges=False,
    operations=False,
    data_quality=False,
)
_PARTNERS = dict(
    _PILOTAGE,
    notes=True,
    one_page=False,
    sources_folder=True,
    cross_check_tables=True,
    changes_max_rows=None,
    methods=True,
    ranges=True,
)
_SECTIONS = {
    "comite_pilotage": _PILOTAGE,
    "comite_partenaires": _PARTNERS,
    "comite_suivi": dict(_PARTNERS, operations=True, data_quality=True),
}


def sections_for(audience: str) -> Sections:
    """What ``audience`` (``comite_pilotage``, ``comite_partenaires``, ``comite_suivi``) is
    shown; ValueError naming the audiences otherwise."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience {audience!r}: expected one of {', '.join(AUDIENCES)}")
    return Sections(label=AUDIENCE_LABELS[audience], **_SECTIONS[audience])
