"""Compare two ``results.json`` files scrap by scrap (refactoring check).

Usage::

    python tools/compare_results.py OLD/results.json NEW/results.json [--only NAME ...]
        [--rtol 1e-9]

``results.json`` maps notebook -> scrap -> value (a DataFrame is a list of records). Numbers
are equal when their relative difference is at most ``--rtol`` (default 1e-9); lists (and
so DataFrames) are compared element by element (record by record), dicts key by key, other
values exactly. Prints one line per scrap and exits with 1 when anything differs or is
missing on one side, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

RTOL = 1e-9


def differences(old, new, rtol: float = RTOL, where: str = "") -> list[str]:
    """Where ``old`` and ``new`` differ, as readable paths (empty list: equal)."""
    if isinstance(old, bool) or isinstance(new, bool):
        return [] if old is new else [f"{where or 'value'}: {old!r} != {new!r}"]
    if isinstance(old, int | float) and isinstance(new, int | float):
        if math.isnan(old) and math.isnan(new):
            return []
        if old == new or math.isclose(old, new, rel_tol=rtol, abs_tol=0.0):
            return []
        return [f"{where or 'value'}: {old!r} != {new!r}"]
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in sorted(set(old) | set(new), key=str):
            if key not in old or key not in new:
                side = "old" if key not in old else "new"
                out.append(f"{where}[{key!r}]: missing in {side}")
                continue
            out += differences(old[key], new[key], rtol, f"{where}[{key!r}]")
        return out
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return [f"{where or 'value'}: {len(old)} records != {len(new)} records"]
        out = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            out += differences(a, b, rtol, f"{where}[{i}]")
        return out
    if type(old) is not type(new) or old != new:
        return [f"{where or 'value'}: {old!r} != {new!r}"]
    return []


def compare(old: dict, new: dict, only: list[str] | None = None, rtol: float = RTOL) -> list:
    """Rows ``(notebook, scrap, status, detail)``; status is ``identical``, ``DIFFERENT`` or
    ``MISSING``."""
    rows = []
    names = sorted(only or (set(old) | set(new)))
    for nb in names:
        a, b = old.get(nb), new.get(nb)
        if a is None or b is None:
            rows.append(
                (nb, "*", "MISSING", f"notebook absent from {'old' if a is None else 'new'}")
            )
            continue
        for scrap in sorted(set(a) | set(b)):
            if scrap not in a or scrap not in b:
                side = "old" if scrap not in a else "new"
                rows.append((nb, scrap, "MISSING", f"absent from {side}"))
                continue
            diff = differences(a[scrap], b[scrap], rtol)
            if diff:
                more = f" (+{len(diff) - 1} more)" if len(diff) > 1 else ""
                rows.append((nb, scrap, "DIFFERENT", diff[0] + more))
            else:
                rows.append((nb, scrap, "identical", ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--only", nargs="+", metavar="NAME", help="notebooks to compare")
    parser.add_argument("--rtol", type=float, default=RTOL, help="relative tolerance on numbers")
    args = parser.parse_args(argv)
    old = json.loads(args.old.read_text(encoding="utf-8"))
    new = json.loads(args.new.read_text(encoding="utf-8"))
    rows = compare(old, new, args.only, args.rtol)
    width = max([len(f"{r[0]}.{r[1]}") for r in rows] + [10])
    for nb, scrap, status, detail in rows:
        print(f"{nb + '.' + scrap:<{width}}  {status:<9}  {detail}".rstrip())
    bad = sum(r[2] != "identical" for r in rows)
    print(f"{len(rows) - bad} identical, {bad} different or missing (rtol {args.rtol:g})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
