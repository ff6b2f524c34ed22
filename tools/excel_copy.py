"""Copy a site with its tabular inputs as French Excel would export them (held-out check).

``python tools/excel_copy.py SITE DEST --as csv-fr|xlsx`` copies ``parameters/SITE/`` to
``DEST/parameters/SITE/`` (with ``notebooks/`` linked beside it, so ``QSP_ROOT=DEST`` runs
it) and rewrites every CSV it holds:

- ``csv-fr``: « CSV (séparateur : point-virgule) » of a French Excel: ``;`` separators,
  decimal commas, amounts (``*_eur`` columns) as displayed with a currency format
  (``9 000 000,00 €``, no-break space between thousands, as in Windows-1252), dates ``jj/mm/aaaa``,
  Windows-1252;
- ``xlsx``: one workbook per CSV, typed cells (numbers, dates, text), the table on a sheet
  named ``Données`` after an empty first sheet ``Notes``; the parameter files then name
  ``{path: x.xlsx, sheet: Données}``.

Run both sites on the copy and compare ``results.json`` with ``tools/compare_results.py``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import shutil
import sys
from pathlib import Path

_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
SHEET = "Données"


def _fr_number(text: str, column: str) -> str:
    if column.endswith("_eur"):
        value = float(text)
        whole, frac = f"{abs(value):.2f}".split(".")
        groups = f"{int(whole):,}".replace(",", "\u00a0")
        return f"{'-' if value < 0 else ''}{groups},{frac} €"
    return text.replace(".", ",")


def to_csv_fr(source: Path, dest: Path) -> None:
    """Rewrite ``source`` (UTF-8, ``,``, decimal point, ISO dates) as French Excel does."""
    with open(source, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    out = [header]
    for row in body:
        cells = []
        for column, cell in zip(header, row, strict=False):
            if _ISO.fullmatch(cell):
                cells.append(dt.date.fromisoformat(cell).strftime("%d/%m/%Y"))
            elif _NUMBER.fullmatch(cell):
                cells.append(_fr_number(cell, column))
            else:
                cells.append(cell)
        out.append(cells)
    with open(dest, "w", newline="", encoding="cp1252") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(out)


def to_xlsx(source: Path, dest: Path) -> None:
    """Rewrite ``source`` as a workbook: typed cells on sheet :data:`SHEET`."""
    import openpyxl

    with open(source, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet(SHEET)
    for row in rows[:1]:
        sheet.append([int(c) if c.isdigit() else c for c in row])
    for row in rows[1:]:
        cells: list = []
        for cell in row:
            if _ISO.fullmatch(cell):
                cells.append(dt.datetime.fromisoformat(cell))
            elif _NUMBER.fullmatch(cell):
                cells.append(float(cell) if "." in cell else int(cell))
            else:
                cells.append(cell or None)
        sheet.append(cells)
    book.save(dest)


def copy_site(root: Path, site: str, dest: Path, kind: str) -> Path:
    """Copy ``root/parameters/site`` into ``dest`` with its CSVs converted; returns the new
    site folder."""
    folder = dest / "parameters" / site
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(root / "parameters" / site, folder)
    notebooks = dest / "notebooks"
    if not notebooks.exists():
        notebooks.symlink_to((root / "notebooks").resolve())
    for path in sorted(folder.rglob("*.csv")):
        if kind == "csv-fr":
            to_csv_fr(path, path)
        else:
            to_xlsx(path, path.with_suffix(".xlsx"))
            path.unlink()
    if kind == "xlsx":
        for yaml_file in folder.glob("*.yaml"):
            text = yaml_file.read_text(encoding="utf-8")
            text = re.sub(
                r"^(\s*)path: (\S+)\.csv\s*$",
                lambda m: f"{m.group(1)}path: {m.group(2)}.xlsx\n{m.group(1)}sheet: {SHEET}",
                text,
                flags=re.M,
            )
            yaml_file.write_text(text, encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("dest", type=Path)
    parser.add_argument("--as", dest="kind", choices=("csv-fr", "xlsx"), required=True)
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parents[1]
    folder = copy_site(root, args.site, args.dest, args.kind)
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
