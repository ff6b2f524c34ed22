"""Exports written beside a brief (CSV, XLSX): where they go and how they are written.

Run by ``qsp run``, a notebook whose schema declares ``exports_dir`` receives a per-run
folder; the runner moves what the notebook wrote there next to the brief
(``outputs/<site>/``) only when the notebook succeeded, so a failed run never replaces earlier
good exports. Opened by hand, exports go straight to ``outputs/<site>/``.
Every file is written under a temporary name and renamed into place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qsp_lib.core.files import atomic_write


def exports_dir(parameters: Any) -> Path:
    """Folder where a notebook writes its exports (created if needed).

    Parameters
    ----------
    parameters : validated parameter model
        Its ``exports_dir`` (set by the runner) is used when present; otherwise
        ``<project root>/outputs/<site>``.

    Returns
    -------
    pathlib.Path
    """
    from qsp_lib.core import params

    folder = getattr(parameters, "exports_dir", None)
    if folder:
        path = Path(folder)
    else:
        path = params.project_root() / "outputs" / getattr(parameters, "site", params.DEFAULT_SITE)
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_csv(frame, path: str | Path) -> Path:
    """Write a DataFrame as UTF-8 CSV with a BOM (so that spreadsheet software opening it in
    France reads the accents), comma-separated, point decimals, no index."""
    return atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8-sig"))


def write_xlsx(sheets: dict[str, Any], path: str | Path) -> Path:
    """Write DataFrames as the sheets of one XLSX workbook (openpyxl), in the given order.

    Sheet names are cut to Excel's 31 characters; column widths follow the content; the
    header row is frozen.
    """
    import pandas as pd

    def write(tmp: str) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                sheet = str(name)[:31]
                frame.to_excel(writer, sheet_name=sheet, index=False)
                ws = writer.sheets[sheet]
                ws.freeze_panes = "A2"
                for i, column in enumerate(frame.columns, start=1):
                    values = [str(column), *(str(v) for v in frame[column].head(200))]
                    width = min(60, max(len(v) for v in values) + 2)
                    ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
                    # Thousands separators in the reader's own locale (Excel and LibreOffice
                    # show "1 234,56" in French), whole numbers without decimals.
                    kind = frame[column].dtype.kind
                    if kind in "iuf":
                        fmt = "#,##0" if kind in "iu" else "#,##0.00"
                        for (cell,) in ws.iter_rows(
                            min_row=2, max_row=len(frame) + 1, min_col=i, max_col=i
                        ):
                            cell.number_format = fmt

    return atomic_write(path, write)
