"""YAML syntax errors in French, with the file, the line, the column and the line itself
(PyYAML's ``MarkedYAMLError`` wrapped)."""

from __future__ import annotations

import pytest

from qsp_lib.core import params


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("a: 1\nb: x: 2\n", ["ligne 2, colonne 5", "« : » inattendu", "« b: x: 2 »"]),
        ("a:\n\tb: 1\n", ["ligne 2, colonne 1", "tabulation interdite"]),
        ("a: [1, 2\nb: 3\n", ["ligne 2", "« , » ou « ] » attendu", "bloc commencé ligne 1"]),
        ("a: 'abc\n", ["guillemet non refermé"]),
        ('a: "\\q"\n', ["ligne 1, colonne 6", "séquence d'échappement"]),
    ],
    ids=["colon", "tab", "bracket", "quote", "escape"],
)
def test_yaml_syntax_errors_are_french_with_line_and_column(tmp_path, text, needles):
    path = tmp_path / "pv_yield.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(params.ParameterError) as exc:
        params.load_yaml(path)
    message = str(exc.value)
    assert str(path) in message and "syntaxe YAML invalide" in message
    for needle in needles:
        assert needle in message, (needle, message)
    for english in ("mapping values", "could not find", "while scanning", "expected"):
        assert english not in message, message
