"""One declaration per analysis: what the rest of the house knows of it.

Each analysis package (``qsp_lib/<package>/``) holds a module ``declaration.py`` that
defines ``ANALYSIS``, an :class:`Analysis`: its notebook, title, subtitle, theme, the short
method text the partners read, its parameter schema, the scraps it glues (with unit and
French label) and its key figures (with the inputs each rests on). The runner, the
committee synthesis, the index pages and the tests read these declarations, and nothing
else, when they need to know an analysis.

A declaration module imports nothing but this module: reading every declaration (as the
runner does) costs no pandas, no pvlib. Analyses are found by looking for
``qsp_lib/*/declaration.py``; adding an analysis is adding its package, its notebook, its
parameter files and its tests.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

#: What a scrap holds: a number, a mapping (``{"before": x, "after": y}``, option -> value),
#: a table (DataFrame, stored as a list of records), a list, or a text.
ScrapKind = Literal["number", "mapping", "table", "list", "text"]

_LIBRARY = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Scrap:
    """A result a notebook glues (``results.json``: notebook -> scrap -> value).

    Parameters
    ----------
    name : str
        Contract name, its unit in the name (``pv_annual_energy_kwh``).
    label : str
        French label, as the synthesis and the comparison pages show it.
    unit : str
        Unit of the stored value (``"kWh"``, ``"tCO2e"``, ``"fraction"``, ``""`` for a count
        or a text).
    kind : {"number", "mapping", "table", "list", "text"}
        Shape of the stored value.
    display_unit : str, optional
        Unit shown to committees when it differs from ``unit`` (``"MWh/an"``), reached by
        multiplying the stored value by ``scale``.
    scale : float
        Stored value x scale = displayed value [-].
    decimals : int
        Decimals shown.
    compared : bool
        Followed from one run to the next by the committee synthesis ("what changed").
    """

    name: str
    label: str
    unit: str
    kind: ScrapKind = "number"
    display_unit: str | None = None
    scale: float = 1.0
    decimals: int = 0
    compared: bool = False

    @property
    def shown_unit(self) -> str:
        """The unit a committee reads (``display_unit``, else ``unit``)."""
        return self.unit if self.display_unit is None else self.display_unit


@dataclass(frozen=True)
class KeyFigure:
    """A key-figure card of the brief's "En bref".

    Parameters
    ----------
    id : str
        Name the notebook uses to fill the card (:meth:`Analysis.card`).
    label : str
        French label of the card (the comparison pages join sites on it).
    unit : str
        Unit shown on the card.
    decimals : int
        Decimals shown.
    inputs : tuple of str
        Parameters (or site-model blocks) the figure rests on: its data status is the
        weakest of theirs.
    scrap : str, optional
        The scrap holding the same figure, when there is one.
    """

    id: str
    label: str
    unit: str
    decimals: int = 0
    inputs: tuple[str, ...] = ()
    scrap: str | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything the house knows of one analysis.

    Parameters
    ----------
    notebook : str
        Notebook name (``notebooks/<notebook>.ipynb``; contract).
    package : str
        Package under ``qsp_lib`` (``"pv"``).
    title, subtitle : str
        French title and subtitle of the brief.
    theme : str
        Short French theme (``"Énergie"``), used to group figures in the synthesis.
    method : str
        The method in one or two sentences, for the partners (no figures).
    schema : str
        ``"module:Class"`` of the parameter schema.
    order : int
        Place in the programme's order (briefs, index pages, synthesis).
    scraps : tuple of Scrap
        Every scrap the notebook glues.
    key_figures : tuple of KeyFigure
        The cards its "En bref" may show.
    depends_on : tuple of str
        Notebooks whose results it reads (they run first; the order does not gate).
    gathers : bool
        True for an analysis that gathers the others (the committee synthesis); an analysis
        that merely reads another's results (``depends_on``) is not one.
    variants : mapping, optional
        ``{parameter: (value, ...)}``: the notebook is rendered once per value.
    variant_labels : mapping
        French name of each variant value.
    """

    notebook: str
    package: str
    title: str
    subtitle: str
    theme: str
    method: str
    schema: str
    order: int
    scraps: tuple[Scrap, ...] = ()
    key_figures: tuple[KeyFigure, ...] = ()
    depends_on: tuple[str, ...] = ()
    gathers: bool = False
    variants: Mapping[str, tuple[str, ...]] | None = None
    variant_labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for what, names in (
            ("scrap", [s.name for s in self.scraps]),
            ("key figure", [k.id for k in self.key_figures]),
        ):
            dup = sorted({n for n in names if names.count(n) > 1})
            if dup:
                raise ValueError(f"{self.notebook}: {what} declared twice: {dup}")
        known = {s.name for s in self.scraps}
        for k in self.key_figures:
            if k.scrap is not None and k.scrap not in known:
                raise ValueError(f"{self.notebook}: key figure {k.id!r} names scrap {k.scrap!r}")

    def scrap(self, name: str) -> Scrap:
        """The declared scrap ``name`` (KeyError naming the closest one otherwise)."""
        for s in self.scraps:
            if s.name == name:
                return s
        raise KeyError(_unknown(self.notebook, "scrap", name, [s.name for s in self.scraps]))

    def key_figure(self, id: str) -> KeyFigure:
        """The declared key figure ``id`` (KeyError naming the closest one otherwise)."""
        for k in self.key_figures:
            if k.id == id:
                return k
        raise KeyError(_unknown(self.notebook, "key figure", id, [k.id for k in self.key_figures]))

    def card(self, id: str, value: Any, note: str = "", **overrides: Any) -> dict[str, Any]:
        """A key-figure card for :func:`qsp_lib.core.brief.key_figures`: label, unit and
        decimals from the declaration, ``value`` and ``note`` from the notebook.

        ``overrides`` replaces declared fields for this card only (``unit``, ``decimals``),
        for instance a value already formatted as text (``"4 500 → 3 730"``). The card
        carries the declared ``inputs``: :func:`qsp_lib.core.brief.key_figures` derives its
        data status from them.
        """
        k = self.key_figure(id)
        card = {"label": k.label, "value": value, "decimals": k.decimals, "unit": k.unit}
        card.update(overrides)
        card["note"] = note
        card["id"] = k.id
        card["inputs"] = k.inputs
        return card

    @property
    def scrap_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.scraps)


def _unknown(notebook: str, what: str, name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{notebook}: no {what} {name!r} declared{hint}"


@cache
def analyses() -> dict[str, Analysis]:
    """Every declared analysis, by notebook name, in the programme's order.

    Found as ``qsp_lib/<package>/declaration.py`` (each defines ``ANALYSIS``); importing a
    declaration imports nothing heavy.
    """
    found = []
    for path in sorted(_LIBRARY.glob("*/declaration.py")):
        module = importlib.import_module(f"qsp_lib.{path.parent.name}.declaration")
        analysis = module.ANALYSIS
        if analysis.package != path.parent.name:
            raise ValueError(f"{path}: package {analysis.package!r} != {path.parent.name!r}")
        found.append(analysis)
    found.sort(key=lambda a: (a.order, a.notebook))
    names = [a.notebook for a in found]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"notebook declared by two packages: {dup}")
    return {a.notebook: a for a in found}


def analysis(notebook: str) -> Analysis:
    """The declaration of ``notebook`` (KeyError naming the closest one otherwise)."""
    known = analyses()
    if notebook not in known:
        raise KeyError(_unknown("qsp_lib", "analysis", notebook, list(known)))
    return known[notebook]


def upstream(notebook: str | None = None) -> tuple[Analysis, ...]:
    """Analyses that gather no other (not ``gathers``; they may read another's results), in
    the programme's order; those ``notebook`` depends on when it is given."""
    items = [a for a in analyses().values() if not a.gathers]
    if notebook is not None:
        wanted = set(analysis(notebook).depends_on)
        items = [a for a in items if a.notebook in wanted]
    return tuple(items)


def display_value(scrap: Scrap, value: Any) -> float | None:
    """A numeric scrap value in the unit committees read (``value x scale``), or None when
    it is absent or not a finite number."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(x):
        return None
    return x * scrap.scale
