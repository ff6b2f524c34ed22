"""French wording layer: agreement, elision, counts, years, operators (hand cases from the
grammar rules the module cites)."""

import pandas as pd
import pytest

from qsp_lib.core import french
from qsp_lib.core.style import format_table


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (0, "alerte", "0\u00a0alerte"),
        (1, "alerte", "1\u00a0alerte"),
        (3, "action", "3\u00a0actions"),
        (2, "objectif non atteint", "2\u00a0objectifs non atteints"),
        (2, "champ photovoltaïque", "2\u00a0champs photovoltaïques"),
        (4500.0, "habitant", "4\u202f500\u00a0habitants"),
        (849.8, "personne", "850\u00a0personnes"),
        (2, "réseau", "2\u00a0réseaux"),
        (3, "local", "3\u00a0locaux"),
    ],
)
def test_count_agrees_and_counts_whole_people(n, noun, expected):
    assert french.count(n, noun) == expected


def test_plural_takes_an_explicit_form():
    assert french.plural(2, "œil", "yeux") == "yeux"
    assert french.plural(1.5, "tonne") == "tonne"  # singular below 2


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("le tarif", "du tarif"),
        ("les options", "des options"),
        ("la butte", "de la butte"),
        ("l'option", "de l'option"),
        ("le habitat", "de l'habitat"),
        ("le hameau", "du hameau"),
        ("option", "d'option"),
        ("Lille", "de Lille"),
    ],
)
def test_de_contracts_and_elides(phrase, expected):
    assert french.de(phrase) == expected


def test_a_contracts():
    assert french.a("le seuil") == "au seuil"
    assert french.a("les habitants") == "aux habitants"
    assert french.a("la butte") == "à la butte"
    assert french.a("l'horizon") == "à l'horizon"


def test_years_have_no_separator():
    assert french.year(2050.0) == "2050"
    assert french.year(None) == "–"
    table = format_table(pd.DataFrame({"Année": [2030, 2050], "Valeur": [1234.5, 2.0]}))
    assert list(table["Année"]) == ["2030", "2050"]
    assert table["Valeur"][0] == "1\u202f234,5"
    # a column not named as a year keeps its separator
    assert format_table(pd.DataFrame({"Total": [2050]}), 0)["Total"][0] == "2\u202f050"


def test_operators_are_french():
    assert french.operators("Lden >= 65 et <=55") == "Lden ≥\u00a065 et ≤\u00a055"
    assert "<" not in french.operators("x <= y")


def test_formatter_specs_for_counts_and_years():
    from qsp_lib.core.style import fmt

    assert fmt("{n:#champ photovoltaïque}", n=2) == "2\u00a0champs photovoltaïques"
    assert fmt("{n:#action}", n=1) == "1\u00a0action"
    assert fmt("{n:#œil|yeux}", n=3) == "3\u00a0yeux"
    assert fmt("en {y:year}", y=2050.0) == "en 2050"


def test_the_complement_keeps_its_number():
    assert french.plural(30, "an de fonctionnement") == "ans de fonctionnement"
    assert french.plural(2, "écart à la référence") == "écarts à la référence"


def test_negative_decimals_round_to_tens_hundreds_thousands():
    from qsp_lib.core.style import fmt, fr

    assert fr(712_269, -3) == "712\u202f000"
    assert fr(83_430, -2) == "83\u202f400"
    assert fmt("{x:n-3} €", x=712_269) == "712\u202f000 €"
