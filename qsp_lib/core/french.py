"""French wording shared by every brief: agreement, elision, counts, years, operators.

One layer so that no brief prints "3 action(s)", "au-dessus de le tarif", "2 050" or "<=".
Numbers themselves are formatted by :mod:`qsp_lib.core.style`.

References
----------
Imprimerie nationale, *Lexique des règles typographiques en usage à l'Imprimerie
nationale*, 2002 (years are written without a thousands separator; « ≤ », « ≥ »).
Académie française, *Grammaire* : contraction de « de le » en « du », de « de les » en
« des », de « à le » en « au », de « à les » en « aux » ; élision devant une voyelle ou un
h muet.
"""

from __future__ import annotations

import math
import re
from typing import Any

from qsp_lib.core.style import fr

#: Words beginning with an h that is aspirated (no elision: « de la halte », « le hameau »).
_H_ASPIRE = ("hall", "halte", "hameau", "hangar", "hauteur", "haut", "haie", "hausse", "hêtre")
_VOWELS = "aàâäeéèêëiîïoôöuùûüyœæAÀÂÄEÉÈÊËIÎÏOÔÖUÙÛÜYŒÆ"


def starts_with_vowel_sound(word: str) -> bool:
    """True when ``word`` takes elision (« l' », « d' »): a vowel or a mute h."""
    word = word.strip()
    if not word:
        return False
    if word[0] in _VOWELS:
        return True
    if word[0] in "hH":
        return not word.lower().startswith(_H_ASPIRE)
    return False


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """The noun agreed with ``n``: French takes the singular below 2 (« 1,5 tonne »,
    « 0 alerte »), the plural from 2 on.

    Parameters
    ----------
    n : float
        The count the noun goes with.
    singular : str
        Singular form (may be several words: « objectif non atteint »).
    plural_form : str, optional
        Plural form; by default each word of ``singular`` up to the first preposition gets
        an ``s`` unless it ends in s, x or z (« objectif non atteint » -> « objectifs non
        atteints », « an de fonctionnement » -> « ans de fonctionnement »).
    """
    if abs(float(n)) < 2:
        return singular
    if plural_form is not None:
        return plural_form
    words = singular.split(" ")
    for i, word in enumerate(words):
        if word in _PREPOSITIONS:  # the complement keeps its number: « ans de fonctionnement »
            break
        words[i] = _plural_word(word)
    return " ".join(words)


_PREPOSITIONS = {
    "de",
    "du",
    "des",
    "d'",
    "à",
    "au",
    "aux",
    "en",
    "par",
    "pour",
    "sur",
    "sous",
    "avec",
    "sans",
}
_INVARIABLE = {
    "de", "du", "des", "à", "au", "aux", "en", "la", "le", "les", "et", "ou", "l'", "d'",
    "non", "pas", "plus", "très", "par", "sur", "sous", "avec", "sans", "pour",
}  # fmt: skip


def _plural_word(word: str) -> str:
    if not word or not word[-1].isalpha() or word[-1] in "sxzSXZ":
        return word
    if word in _INVARIABLE:
        return word
    if word.endswith("al") and word not in {"festival", "bal", "récital"}:
        return word[:-2] + "aux"
    if word.endswith(("eau", "au", "eu")) and word not in {"pneu", "bleu"}:
        return word + "x"
    return word + "s"


def count(n: Any, singular: str, plural_form: str | None = None, decimals: int = 0) -> str:
    """A count and its agreed noun: ``count(3, "action")`` -> « 3 actions »,
    ``count(1, "alerte")`` -> « 1 alerte ». People and objects are counted in whole
    numbers (``decimals=0``, rounded half away from zero)."""
    x = float(n)
    if decimals == 0 and math.isfinite(x):
        x = math.floor(abs(x) + 0.5) * (1 if x >= 0 else -1)
    return f"{fr(x, decimals)}\u00a0{plural(x, singular, plural_form)}"


def people(n: Any, noun: str = "habitant") -> str:
    """A number of people as an integer with its noun: « 4 500 habitants »."""
    return count(n, noun)


_ARTICLE = re.compile(r"^(?:(les|le|la)\s+|(l['’]))(.*)$", re.IGNORECASE | re.DOTALL)


def de(phrase: str) -> str:
    """« de » joined to ``phrase`` with contraction and elision: ``de("le tarif")`` ->
    « du tarif », ``de("les options")`` -> « des options », ``de("l'option")`` ->
    « de l'option », ``de("option")`` -> « d'option », ``de("Lille")`` -> « de Lille »."""
    return _join("de", "du", "des", "d'", phrase)


def a(phrase: str) -> str:
    """« à » joined to ``phrase``: ``a("le seuil")`` -> « au seuil », ``a("les habitants")``
    -> « aux habitants », ``a("la butte")`` -> « à la butte »."""
    return _join("à", "au", "aux", None, phrase)


def _join(prep: str, masc: str, plur: str, elided: str | None, phrase: str) -> str:
    phrase = phrase.strip()
    match = _ARTICLE.match(phrase)
    if match:
        article, rest = (match.group(1) or match.group(2)).lower(), match.group(3)
        if article in ("le", "la") and starts_with_vowel_sound(rest):
            return f"{prep} l'{rest}"
        if article == "le":
            return f"{masc} {rest}"
        if article == "les":
            return f"{plur} {rest}"
        return f"{prep} {phrase}"
    if elided and starts_with_vowel_sound(phrase) and phrase[:1].islower():
        return f"{elided}{phrase}"
    return f"{prep} {phrase}"


def year(value: Any) -> str:
    """A year without thousands separator: ``year(2050.0)`` -> « 2050 »; None -> « – »."""
    if value is None:
        return "–"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return "–"
    return str(int(round(x)))


_OPERATORS = {"<=": "≤", ">=": "≥", "!=": "≠"}


def operators(text: str) -> str:
    """ASCII comparison operators as French typography writes them (« ≤ », « ≥ », « ≠ »),
    with a no-break space after them when followed by a number."""
    for ascii_op, sign in _OPERATORS.items():
        text = re.sub(re.escape(ascii_op) + r"\s*(?=[\d-])", sign + "\u00a0", text)
        text = text.replace(ascii_op, sign)
    return text
