"""Scan a rendered brief's reader-facing text for wording a committee should not see.

Outside the provenance footer and the sources / data-quality section, a brief carries no
"(s)" plural marks, no uncontracted « de le », no year printed with a thousands separator,
no ASCII operator, no issue reference, no file or reference-file name, no parameter name,
no machine path and no fraction of a person. Link texts and ``<code>`` are not scanned: a
link to an export names the file it opens, a mailed bundle lists the files it joins.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Subtrees whose text is not scanned: where parameter names, paths and file names belong.
EXEMPT_CLASSES = ("qsp-provenance", "qsp-sources", "qsp-data-quality")

#: Pattern name -> regular expression over the visible text.
PATTERNS: dict[str, re.Pattern[str]] = {
    "marque de pluriel « (s) »": re.compile(r"\w\(s\)"),
    "contraction manquante (de le, à les…)": re.compile(r"\b(?:de|à) (?:le|les)\b"),
    "année avec séparateur": re.compile(
        r"\b(?:en|depuis|dès|avant|après|jusqu'en|horizon|d'ici) "
        r"[12][\u202f\u00a0 ]\d{3}\b(?![\u202f\u00a0 ,]?\d)"
    ),
    "opérateur ASCII": re.compile(r"<=|>=|!="),
    "référence d'issue": re.compile(r"\b[Ii]ssue\b|\bQSP\s*#?\d"),
    "nom de fichier": re.compile(r"\b[\w-]+\.(?:md|csv|ya?ml|xlsx|json|ipynb|py)\b"),
    "nom de paramètre": re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b"),
    "chemin de machine": re.compile(r"(?:^|[\s(«])/(?:tmp|work|home|Users|var|root)/"),
    "fraction de personne": re.compile(
        r"(?<![A-Za-z])\d,\d+[\u00a0 ](?:personnes?|habitants?|logements?|ménages?|résidents?)\b"
    ),
}


class _Text(HTMLParser):
    """Visible text outside scripts, styles and the exempt subtrees."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: does it mute its content?

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        # a link's text names the file it opens (an export), a <code> the literal name of a
        # file joined to the mail: that is what the reader needs
        mute = tag in ("script", "style", "title", "head", "a", "code") or any(
            c in EXEMPT_CLASSES for c in classes
        )
        self._stack.append(mute)

    def handle_endtag(self, tag):
        if tag in self.VOID or not self._stack:
            return
        self._stack.pop()

    def handle_data(self, data):
        if not any(self._stack):
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The reader-facing text of a brief (exempt sections removed)."""
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def findings(html: str) -> dict[str, list[str]]:
    """Pattern name -> the distinct offending excerpts (with some context)."""
    text = visible_text(html)
    found: dict[str, list[str]] = {}
    for name, pattern in PATTERNS.items():
        hits = sorted({text[max(m.start() - 30, 0) : m.end() + 20] for m in pattern.finditer(text)})
        if hits:
            found[name] = hits
    return found
