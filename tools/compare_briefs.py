"""Compare the briefs of two run folders: visible text and figures (refactoring check).

Usage::

    python tools/compare_briefs.py OLD_SITE_FOLDER NEW_SITE_FOLDER [--only NAME ...]

For every ``*.html`` brief present in the old folder (the site's ``index.html`` excepted):
the visible text, line by line, without the provenance footer and the run date, and the
images (their bytes' hash). Prints a unified diff of the text and the figures that differ;
exits with 1 when anything differs or is missing, 0 otherwise.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

_DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


class _Brief(HTMLParser):
    """Visible text lines (outside the provenance footer, scripts and styles) and images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.images: list[str] = []
        self._skip = 0
        self._current: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style") or "qsp-provenance" in (attrs.get("class") or ""):
            self._skip += 1
        if tag == "img" and not self._skip:
            src = attrs.get("src") or ""
            self.images.append(hashlib.sha256(src.encode()).hexdigest()[:12])
        if tag in ("p", "div", "li", "tr", "h1", "h2", "h3", "section", "br", "td", "th"):
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style", "footer") and self._skip:
            self._skip -= 1
        if tag in ("p", "div", "li", "tr", "h1", "h2", "h3", "section", "td", "th"):
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._current.append(data)

    def _flush(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.lines.append(_DATE.sub("JJ/MM/AAAA", text))
        self._current = []


def read(path: Path) -> _Brief:
    parser = _Brief()
    parser.feed(path.read_text(encoding="utf-8"))
    parser._flush()
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--only", nargs="*", default=None, help="brief stems to compare")
    args = parser.parse_args(argv)
    different = 0
    for old in sorted(args.old.glob("*.html")):
        if old.name == "index.html" or (args.only and old.stem not in args.only):
            continue
        new = args.new / old.name
        if not new.exists():
            print(f"{old.name}: missing in {args.new}")
            different += 1
            continue
        a, b = read(old), read(new)
        diff = list(difflib.unified_diff(a.lines, b.lines, old.name, new.name, lineterm="", n=1))
        figures = [
            f"  figure {i + 1}: {x} -> {y}"
            for i, (x, y) in enumerate(zip(a.images, b.images, strict=False))
            if x != y
        ]
        if len(a.images) != len(b.images):
            figures.append(f"  {len(a.images)} figures -> {len(b.images)}")
        if diff or figures:
            different += 1
            print("\n".join(diff))
            if figures:
                print(f"{old.name}: figures differ\n" + "\n".join(figures))
        else:
            print(f"{old.name}: identical")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
