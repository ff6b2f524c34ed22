"""Thin-notebook rules, checked on every notebook in notebooks/.

1. No ``def`` or ``class`` in a code cell (logic belongs in qsp_lib, with unit tests).
2. No number typed into a sentence: no string literal of a code cell (outside the
   ``parameters`` cell, which holds data, not sentences) and no markdown cell may contain a
   number followed by a unit or ``%`` ("53 dB", "14 %", "850 kWh/kWc"). Numbers in a brief
   come from a variable passed as a template field: ``brief.say("{seuil} dB", seuil=...)``.
   Only the definitions of :data:`ALLOWED_PHRASES` are allowed.

The scanner itself is tested on a synthetic notebook that breaks each rule.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))

#: Units that may not follow a typed number (longest first where one is a prefix).
UNITS = [
    "tCO2e", "kgCO2e", "gCO2e", "kWh", "MWh", "GWh", "kWc", "kWp", "kW", "MW", "W",
    "m²", "m2", "m³", "m3", "km", "m", "kt", "t", "M€", "k€", "€", "dB(A)", "dB",
    "µg/m³", "ug/m3", "%", "ans", "an", "h", "°C", "°",
]  # fmt: skip
#: Definitions that may be written with a number (they define a term, not a result).
ALLOWED_PHRASES = ("90 % de chances", "9 chances sur 10")

_NUMBER = r"(?<![\w.,])\d+(?:[.,\u202f\u00a0 ]\d{3})*(?:[.,]\d+)?"
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
NUMBER_WITH_UNIT = re.compile(rf"{_NUMBER}[\s\u202f\u00a0]*(?:{_UNIT})(?![\w²³])")


def numbers_with_units(text: str) -> list[str]:
    """Every "number + unit" in ``text`` outside the allowed definitions."""
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    return [m.group(0) for m in NUMBER_WITH_UNIT.finditer(text)]


def _string_literals(source: str) -> list[str]:
    tree = ast.parse(source)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def violations(nb) -> list[tuple[int, str, str]]:
    """``(cell index, rule, offending text)`` for every rule broken by a notebook."""
    found = []
    for i, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "markdown":
            found += [(i, "number+unit", hit) for hit in numbers_with_units(cell.source)]
            continue
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found.append((i, "def", node.name))
            elif isinstance(node, ast.ClassDef):
                found.append((i, "class", node.name))
        if "parameters" in tags:
            continue
        for literal in _string_literals(cell.source):
            found += [(i, "number+unit", hit) for hit in numbers_with_units(literal)]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin_and_types_no_number_into_a_sentence(path):
    nb = nbformat.read(str(path), as_version=4)
    found = violations(nb)
    assert not found, (
        "move functions and classes to qsp_lib; pass every number of a sentence as a "
        f"template field (brief.say('{{x}} dB', x=...)); (cell, rule, text): {found}"
    )


# --------------------------------------------------------------- the scanner itself
def _synthetic_notebook():
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('site = "concorde"\nlabel = "butte de 10 m"\n')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        params,
        nbformat.v4.new_code_cell(
            "def helper(x):\n    return x\n\n\nclass Model:\n    pass\n\n\n"
            "key = sorted([1, 2], key=lambda v: -v)\n"
        ),
        nbformat.v4.new_code_cell(
            'brief.say("Le bruit atteint 53 dB(A) en façade ; {x} dB avec l\'écran.", x=fr(v))\n'
            'brief.say(f"Les {loss} % de pertes, soit 1 234,5 MWh/an et 14,08 % de plus.")\n'
            'brief.say("90 % de chances de dépasser {p90} MWh (P90), 9 années sur 10.")\n'
            'ax.set_xlabel("Azimut (°, 90 = est, 180 = sud)")\n'
            'brief.say("Autoroute A25, 2 types de sols, 3 mois, 10 ménages.")\n'
        ),
        nbformat.v4.new_markdown_cell("## Section\n\nUn seuil de 40 µg/m³ et de 850 kWh/kWc."),
    ]
    return nb


def test_scanner_finds_every_broken_rule_in_a_synthetic_notebook():
    found = violations(_synthetic_notebook())
    assert (1, "def", "helper") in found
    assert (1, "class", "Model") in found
    assert not any(text == "lambda" for _, _, text in found)  # an expression, allowed
    hits = [(cell, text) for cell, rule, text in found if rule == "number+unit"]
    assert hits == [
        (2, "53 dB(A)"),
        (2, "1 234,5 MWh"),
        (2, "14,08 %"),
        (3, "40 µg/m³"),
        (3, "850 kWh"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 % de pertes", ["14 %"]),
        ("à 35° et 180°", ["35°", "180°"]),
        ("19,1 °C en juillet", ["19,1 °C"]),
        ("30 ans", ["30 ans"]),
        ("1 an", ["1 an"]),
        ("450 kgCO2e/kWc", ["450 kgCO2e"]),
        ("800 €/kWc", ["800 €"]),
        ("1,2 M€ et 300 k€", ["1,2 M€", "300 k€"]),
        ("4 000 m² de talus", ["4 000 m²"]),
        ("à 13 h", ["13 h"]),
        ("{x} kWh, {y} %", []),
        ("P90 = P50 × (1 − {z} σ)", []),
        ("10 années, 2 types, A25, 3 mois", []),
        ("90 % de chances", []),
    ],
)
def test_number_with_unit_pattern(text, expected):
    assert numbers_with_units(text) == expected
