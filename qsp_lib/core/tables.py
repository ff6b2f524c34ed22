"""Tabular inputs as French offices export them: CSV or Excel workbooks.

Every table a parameter file names (an action programme, a ledger, an inventory, exposure
levels...) is read here, whatever the tool that wrote it:

- ``.xlsx``: the first sheet, or a named one (``{path: suivi.xlsx, sheet: Feuil2}`` in the
  parameter file, kept as ``suivi.xlsx#Feuil2`` once validated);
- CSV separated by ``,``, ``;`` or tabs (found from the header and the rows: quoted text
  cells may hold the other separators), encoded in UTF-8 (with or without BOM) or
  Windows-1252 (Excel's « CSV (séparateur : point-virgule) »);
- numbers as Excel displays them: decimal comma, thousands separated by spaces (also the
  no-break and narrow no-break spaces), a trailing ``€``; dates as ``jj/mm/aaaa``.

The cells come back as text, stripped, ``""`` when empty, numbers rewritten as plain
decimal literals (``1 234,50 €`` -> ``1234.50``) and dates as ISO (``31/12/2025`` ->
``2025-12-31``); a cell already written that way is returned untouched. The row checks of
each notebook's schema and its readers then apply, with the same messages, to every format.
What was detected is kept (:attr:`Table.note`) for the run log.

A thousands separator is never read as a decimal mark: a group separator must be followed by
groups of exactly three digits; a comma is a decimal mark when the file's unambiguous
numbers use it (``12,5``, ``0,25``) or, with nothing unambiguous, in a ``;``-separated file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: Separators tried on a CSV, in this order of preference on a tie.
SEPARATORS = (";", ",", "\t")
#: Thousands separators written by Excel and LibreOffice in French (space, no-break space,
#: narrow no-break space, thin space).
SPACES = " \u00a0\u202f\u2009"
#: Extensions read as Excel workbooks.
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
#: Separator between a workbook's path and a sheet name in a validated parameter.
SHEET_MARK = "#"

_PLAIN = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DATE_FR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+")
_DOT_DECIMAL = re.compile(r"[+-]?\d+\.\d+")
_GROUPED3 = re.compile(r"[+-]?\d{1,3}([,.]\d{3})+")

_SEP_FR = {";": "« ; »", ",": "« , »", "\t": "tabulation"}


@dataclass(frozen=True)
class Table:
    """A table read from a CSV file or a workbook sheet.

    Attributes
    ----------
    frame : pandas.DataFrame
        Every cell as text (stripped; ``""`` when empty; numbers and dates normalised).
    lines : tuple of int
        File line (CSV) or sheet row (workbook) of each row of ``frame``: line 1 is the
        header, blank lines are skipped but keep their number.
    too_long : tuple of int
        Lines holding more values than the header has columns (their extra values dropped).
    kind : {"CSV", "XLSX"}
    separator, encoding, sheet : str or None
        What was found: the CSV's separator and encoding, the workbook's sheet.
    decimal_comma : bool
        The CSV's decimal mark is the comma (a workbook: text cells held decimal commas).
    converted : tuple of str
        Other conversions made (« séparateurs de milliers », « symbole € »,
        « dates jj/mm/aaaa »).
    """

    frame: pd.DataFrame
    lines: tuple[int, ...]
    too_long: tuple[int, ...] = ()
    kind: str = "CSV"
    separator: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    decimal_comma: bool = False
    converted: tuple[str, ...] = field(default=())
    #: The cells as written in the file (before numbers and dates were normalised), row by
    #: row: error messages quote them.
    raw: tuple[tuple[str, ...], ...] = ()

    @property
    def header(self) -> list[str]:
        """The column names, stripped."""
        return [str(c) for c in self.frame.columns]

    @property
    def note(self) -> str:
        """What was detected, in French: « lu : CSV ; séparateur « ; », virgule décimale,
        Windows-1252 »."""
        if self.kind == "XLSX":
            where = f"feuille « {self.sheet} »"
            details = ["virgule décimale"] if self.decimal_comma else []
        else:
            where = f"séparateur {_SEP_FR.get(self.separator or ',', self.separator)}"
            details = ["virgule décimale" if self.decimal_comma else "point décimal"]
        details += list(self.converted)
        if self.kind == "CSV":
            details.append(self.encoding or "UTF-8")
        return f"lu : {self.kind} ; " + ", ".join([where, *details])

    def written(self, index: int, column: str) -> str | None:
        """The cell of data row ``index`` (0-based) in ``column`` as the file writes it."""
        try:
            return self.raw[index][self.header.index(column)]
        except (IndexError, ValueError):
            return None

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """``(line, {column: cell})`` of each data row."""
        columns = self.header
        return [
            (line, dict(zip(columns, values, strict=True)))
            for line, values in zip(self.lines, self.frame.itertuples(index=False), strict=True)
        ]


def split_sheet(path: str | Path) -> tuple[Path, str | None]:
    """A validated table parameter's file and sheet: ``suivi.xlsx#Feuil2`` ->
    ``(suivi.xlsx, "Feuil2")``; a path without a sheet (or an existing file whose name holds
    ``#``) -> ``(path, None)``."""
    text = str(path)
    if SHEET_MARK in text and not Path(text).exists():
        file, _, sheet = text.rpartition(SHEET_MARK)
        return Path(file), sheet or None
    return Path(text), None


def join_sheet(path: str | Path, sheet: str | None) -> str:
    """Inverse of :func:`split_sheet`."""
    return str(path) if not sheet else f"{path}{SHEET_MARK}{sheet}"


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read a CSV file or a workbook sheet into text cells (see the module's docstring).

    Parameters
    ----------
    path : path
        ``.csv`` (or any text file) or ``.xlsx``; ``file.xlsx#Sheet`` names a sheet.
    sheet : str, optional
        The workbook's sheet (default: the one in ``path``, else the first).

    Returns
    -------
    Table
        The cells, the line of each row and what was detected (:attr:`Table.note`).

    Raises
    ------
    ValueError
        In French, naming the file: unreadable file, unknown sheet (listing the sheets),
        old ``.xls`` workbook, empty file.

    References
    ----------
    Microsoft, « Import or export text (.txt or .csv) files » (CSV UTF-8 and
    « CSV (séparateur : point-virgule) » in Windows-1252 on French systems).
    """
    file, named = split_sheet(path)
    sheet = sheet or named
    try:
        stat = file.stat()
    except OSError as exc:
        raise ValueError(f"{file} : fichier illisible ({exc.strerror or exc})") from None
    return _cached(str(file.resolve()), sheet, stat.st_mtime_ns, stat.st_size)


def read_frame(path: str | Path, *, sheet: str | None = None) -> pd.DataFrame:
    """The cells of :func:`read_table` (a copy, free to modify)."""
    return read_table(path, sheet=sheet).frame.copy()


def describe(path: str | Path) -> str:
    """« lu : … » for a table file (an error message when it cannot be read)."""
    try:
        return read_table(path).note
    except ValueError as exc:
        return str(exc)


@lru_cache(maxsize=64)
def _cached(file: str, sheet: str | None, _mtime: int, _size: int) -> Table:
    path = Path(file)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ValueError(
            f"{path} : classeur Excel 97-2003 (.xls) non pris en charge ; "
            "l'enregistrer au format .xlsx ou CSV"
        )
    if suffix in EXCEL_SUFFIXES:
        return _read_xlsx(path, sheet)
    if sheet:
        raise ValueError(f"{path} : une feuille (« {sheet} ») n'a de sens que pour un .xlsx")
    return _read_csv(path)


def plain_csv_text(path: str | Path) -> tuple[str | None, str]:
    """A CSV of fixed layout (a weather file that a library parses itself) as UTF-8, comma
    separated, with decimal points: the text to parse instead of the file (None when the
    file already is so) and what was detected (« lu : … »).

    Lines holding ``;`` are split on it (quotes respected); their cells written with a
    decimal comma (``12,5``) get a decimal point; other lines (metadata written as
    ``Name: value``) are kept. Nothing else is changed: the library's own date and column
    conventions apply.
    """
    file = Path(path)
    text, encoding = _decode(file.read_bytes())
    lines = text.splitlines()
    semicolon = sum(";" in line for line in lines[:400]) > len(lines[:400]) / 2
    if not semicolon:
        if encoding == "UTF-8":
            return None, f"lu : CSV ; séparateur « , », point décimal, {encoding}"
        return text, f"lu : CSV ; séparateur « , », point décimal, {encoding}"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    comma = False
    for line in lines:
        if ";" not in line:
            out.write(line + "\n")
            continue
        cells = next(csv.reader([line], delimiter=";"), [])
        fixed = []
        for cell in cells:
            if _COMMA_DECIMAL.fullmatch(cell.strip()):
                comma = True
                cell = cell.strip().replace(",", ".")
            fixed.append(cell)
        writer.writerow(fixed)
    mark = "virgule décimale" if comma else "point décimal"
    return out.getvalue(), f"lu : CSV ; séparateur « ; », {mark}, {encoding}"


# ------------------------------------------------------------------------------ CSV
def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8 avec BOM"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "ISO-8859-1"


def _split(text: str, sep: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows = []
    try:
        for values in reader:
            rows.append((reader.line_num, values))
    except csv.Error:
        return []
    return rows


def _separator(text: str) -> str:
    """The separator giving the most columns with rows of the header's length."""
    sample = "\n".join(text.splitlines()[:200])
    best, score = ",", (-1.0, 0)
    for sep in SEPARATORS:
        rows = [r for _, r in _split(sample, sep) if any(c.strip() for c in r)]
        if not rows:
            continue
        width = len(rows[0])
        body = rows[1:]
        fit = sum(len(r) == width for r in body) / len(body) if body else 1.0
        candidate = (1.0 if fit >= 0.9 else fit, width)
        if width > 1 and candidate > score:
            best, score = sep, candidate
    return best


def _read_csv(path: Path) -> Table:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path} : fichier illisible ({exc.strerror or exc})") from None
    text, encoding = _decode(raw)
    if not text.strip():
        raise ValueError(f"{path} : fichier vide (une ligne d'en-tête est attendue)")
    sep = _separator(text)
    rows = [(n, r) for n, r in _split(text, sep) if any(c.strip() for c in r)]
    if not rows:
        raise ValueError(f"{path} : CSV illisible (guillemets non refermés ?)")
    header_line, header = rows[0]
    header = [h.strip() for h in header]
    while header and not header[-1]:
        header.pop()  # trailing separators of a spreadsheet export
    width = len(header)
    cells, lines, too_long = [], [], []
    for line, values in rows[1:]:
        values = [v.strip() for v in values]
        if len(values) > width and any(values[width:]):
            too_long.append(line)
        values = (values + [""] * width)[:width]
        cells.append(values)
        lines.append(line)
    return _table(
        header, cells, lines, too_long, kind="CSV", separator=sep, encoding=encoding, sep=sep
    )


# ----------------------------------------------------------------------------- XLSX
def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import warnings
    import zipfile

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns on styles it does not know
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValueError(f"{path} : classeur Excel illisible ({exc})") from None
    try:
        names = book.sheetnames
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in names:
            ws = book[sheet]
        else:
            from qsp_lib.core.params import did_you_mean

            raise ValueError(
                f"{path} : feuille « {sheet} » introuvable{did_you_mean(sheet, names)} "
                f"(feuilles : {', '.join(names)})"
            )
        found = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            texts = [_excel_text(v) for v in values]
            if any(texts):
                found.append((number, texts))
        title = ws.title
    finally:
        book.close()
    if not found:
        raise ValueError(f"{path} : feuille « {title} » vide (une ligne d'en-tête est attendue)")
    _, header = found[0]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    cells, lines, too_long = [], [], []
    for line, values in found[1:]:
        if len(values) > width and any(values[width:]):
            too_long.append(line)
        cells.append((values + [""] * width)[:width])
        lines.append(line)
    return _table(header, cells, lines, too_long, kind="XLSX", sheet=title, sep=None)


def _excel_text(value: Any) -> str:
    """A typed workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


# ------------------------------------------------------------------- normalisation
def _decimal_is_comma(cells: list[list[str]], sep: str | None) -> bool:
    """The file's decimal mark: its unambiguous numbers decide; else a ``;`` file (or a
    workbook's text cells) uses the comma."""
    comma = dot = 0
    for row in cells:
        for raw in row:
            text = _bare(raw)
            if _COMMA_DECIMAL.fullmatch(text) and not _GROUPED3.fullmatch(text):
                comma += 1
            elif _DOT_DECIMAL.fullmatch(text) and not _GROUPED3.fullmatch(text):
                dot += 1
    if comma and not dot:
        return True
    if dot and not comma:
        return False
    return sep != ","


def _bare(text: str) -> str:
    """A cell without its currency sign and its space thousands separators."""
    text = text.strip()
    if text.endswith("€"):
        text = text[:-1].rstrip()
    if text[:1] == "\u2212":  # the minus sign of some exports
        text = "-" + text[1:]
    body = text.lstrip("+-")
    if body and re.fullmatch(rf"\d{{1,3}}([{SPACES}]\d{{3}})+([.,]\d+)?", body):
        text = text[: len(text) - len(body)] + re.sub(f"[{SPACES}]", "", body)
    return text


def _number(raw: str, comma: bool) -> tuple[str, set[str]] | None:
    """The plain literal of a number as Excel displays it, with what was converted; None
    when ``raw`` is no number."""
    text = raw.strip().replace("\u2212", "-")
    if text.endswith("%"):
        # Excel shows a fraction formatted as a percentage « 12,5 % » and exports it so:
        # its value is 0.125, as in the workbook
        inner = text[:-1].rstrip()
        found = _number(inner, comma) or ((inner, set()) if _PLAIN.fullmatch(inner) else None)
        if found is None:
            return None
        value, done = found
        return _percent(value), done | {"pourcentages"}
    done: set[str] = set()
    if text.endswith("€"):
        done.add("symbole €")
    bare = _bare(text)
    if bare != text.removesuffix("€").strip():
        done.add("séparateurs de milliers")
    sign = "-" if bare.startswith("-") else ""
    body = bare.lstrip("+-")
    decimal, group = (",", ".") if comma else (".", ",")
    both = re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+[.,]\d+", body)
    if both and body.count(",") and body.count("."):
        last = max(body.rfind(","), body.rfind("."))
        decimal, group = body[last], "," if body[last] == "." else "."
    m = re.fullmatch(
        rf"(\d{{1,3}}(?:{re.escape(group)}\d{{3}})+|\d+)(?:{re.escape(decimal)}(\d*))?", body
    )
    if m is None:
        if _PLAIN.fullmatch(bare) and not done:
            return None  # a plain literal (the decimal point in a comma file): untouched
        if _PLAIN.fullmatch(bare):
            return bare, done
        return None
    whole, frac = m.group(1), m.group(2)
    if group in whole:
        done.add("séparateurs de milliers")
        whole = whole.replace(group, "")
    if frac is not None and decimal == ",":
        done.add("virgule décimale")
    out = sign + whole + (f".{frac}" if frac else "")
    return out, done


def _percent(literal: str) -> str:
    """A plain decimal literal divided by 100, exactly (``"12.5"`` -> ``"0.125"``)."""
    from decimal import Decimal

    value = Decimal(literal) / 100
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _normalise(cell: str, comma: bool, seen: set[str]) -> str:
    if not cell:
        return cell
    date = _DATE_FR.fullmatch(cell)
    if date:
        day, month, year = (int(g) for g in date.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            return cell
        seen.add("dates jj/mm/aaaa")
        return iso
    if _PLAIN.fullmatch(cell):
        if comma and _GROUPED3.fullmatch(cell) and "." in cell:
            seen.add("séparateurs de milliers")
            return cell.replace(".", "")
        return cell
    if not any(ch.isdigit() for ch in cell):
        return cell
    found = _number(cell, comma)
    if found is None:
        return cell
    value, done = found
    seen.update(done)
    return value


def _table(
    header: list[str],
    cells: list[list[str]],
    lines: list[int],
    too_long: list[int],
    *,
    sep: str | None,
    **found: Any,
) -> Table:
    import pandas as pd

    comma = _decimal_is_comma(cells, sep)
    seen: set[str] = set()
    rows = [[_normalise(c, comma, seen) for c in row] for row in cells]
    order = (
        "virgule décimale",
        "séparateurs de milliers",
        "symbole €",
        "pourcentages",
        "dates jj/mm/aaaa",
    )
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    return Table(
        frame=frame,
        lines=tuple(lines),
        too_long=tuple(too_long),
        decimal_comma=comma if sep is not None else "virgule décimale" in seen,
        converted=tuple(c for c in order[1:] if c in seen),
        raw=tuple(tuple(row) for row in cells),
        **found,
    )
