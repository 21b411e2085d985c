"""The error report: one workbook row per problem, for the secretary to fix the file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from app.documents.fileio import write_atomically
from app.documents.importing.problems import Problem

REPORT_HEADERS = ("Baris", "Kolom", "Tingkat", "Kode", "Pesan")
REPORT_SHEET = "Masalah impor"
_WIDTHS = (8, 28, 12, 26, 100)
# XML 1.0 cannot hold these; a damaged file's header text may contain them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text_cell(sheet: Any, value: str) -> Any:
    """A text cell that stays text: a header like "=SUM(A1)" or "-" must never become a
    formula in the report (DOMAIN.md section 7)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=_ILLEGAL.sub("", value))
    cell.data_type = "s"
    return cell


def write_report(problems: Iterable[Problem], path: Path, *, source: str = "") -> Path:
    """Write the problems to an .xlsx at `path` (atomically: a pulled USB stick never leaves
    a half file). Columns: row, column, severity, code, message. Returns `path`; raises
    OSError when the file cannot be written."""

    def write(fh: BinaryIO) -> None:
        # Built only once the file is open: a write-only workbook left unsaved complains
        # on the console when it is collected.
        _workbook(problems, source).save(fh)

    return write_atomically(path, write)


def _workbook(problems: Iterable[Problem], source: str) -> Any:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(REPORT_SHEET)
    for index, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_text_cell(sheet, header) for header in REPORT_HEADERS])
    for p in problems:
        sheet.append([
            p.row, _text_cell(sheet, p.column), _text_cell(sheet, p.severity.label),
            _text_cell(sheet, p.code), _text_cell(sheet, p.message),
        ])  # fmt: skip
    book.properties.title = "Laporan masalah impor"
    book.properties.subject = _ILLEGAL.sub("", source)
    return book
