"""Reading an export back and comparing it with what was meant, cell by cell.

The reader is python-calamine: a second xlsx implementation, independent of the writer
(openpyxl reading its own output would share its mistakes), and about ten times faster than
openpyxl's read-only mode, which alone costs more than writing the file (at 5,000 rows it
would put the export far over DESIGN.md section 10's 1.3x of a raw write-only loop).
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


@dataclass(frozen=True, slots=True)
class Mismatch:
    row: int  # 1-based spreadsheet row
    column: int  # 1-based
    expected: object
    actual: object

    def describe(self) -> str:
        where = f"{_letter(self.column)}{self.row}"
        return f"sel {where}: tertulis {self.actual!r}, seharusnya {self.expected!r}"


def check_file(
    path: Path, *, sheet: str, expected: Sequence[Sequence[object]], properties: Mapping[str, str]
) -> list[Mismatch]:
    """Read `path` and compare the sheet from A1 with `expected` (empty cells as ''), and the
    workbook's custom properties with `properties`. An unreadable file is one mismatch."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as workbook:
            if sheet not in workbook.sheet_names:
                return [Mismatch(0, 0, f"lembar {sheet}", ", ".join(workbook.sheet_names))]
            actual = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        found = compare_rows(expected, actual)
        return found or _compare_properties(path, properties)
    except (CalamineError, zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        return [Mismatch(0, 0, "buku kerja yang utuh", f"tidak terbaca: {exc}")]


def compare_rows(
    expected: Sequence[Sequence[object]], actual: Sequence[Sequence[object]]
) -> list[Mismatch]:
    """Cell by cell, type-aware: text must come back as text (a NIK that came back as a
    number is a mismatch even when the digits agree), numbers as numbers, dates as dates.
    Missing cells and rows count as ''."""
    found: list[Mismatch] = []
    for r in range(max(len(expected), len(actual))):
        want = list(expected[r]) if r < len(expected) else []
        got = list(actual[r]) if r < len(actual) else []
        # Fast path, in C: == is already type-aware here (a text '5' never equals a number 5,
        # a date never equals a datetime); only a differing row is looked at cell by cell.
        if want == got or _same_but_trailing_blanks(want, got):
            continue
        for c in range(max(len(want), len(got))):
            w = want[c] if c < len(want) else ""
            g = got[c] if c < len(got) else ""
            if not same_cell(w, g):
                found.append(Mismatch(r + 1, c + 1, w, g))
    return found


def _same_but_trailing_blanks(want: list[object], got: list[object]) -> bool:
    """A reader leaves out empty cells at the end of a row (a column empty in every row)."""
    short, long_ = (want, got) if len(want) < len(got) else (got, want)
    n = len(short)
    return long_[:n] == short and all(cell == "" for cell in long_[n:])


def same_cell(want: object, got: object) -> bool:
    if isinstance(want, str) or isinstance(got, str):
        return isinstance(want, str) and isinstance(got, str) and want == got
    if isinstance(want, date):
        return type(got) is type(want) and got == want
    if _number(want) and _number(got):
        return want == got
    return type(want) is type(got) and want == got


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _compare_properties(path: Path, wanted: Mapping[str, str]) -> list[Mismatch]:
    if not wanted:
        return []
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("docProps/custom.xml"))
    stored = {
        prop.get("name"): "".join(prop.itertext()) for prop in root.iter(f"{CUSTOM_NS}property")
    }
    return [
        Mismatch(0, 0, f"{name}={value}", f"{name}={stored.get(name)}")
        for name, value in wanted.items()
        if stored.get(name) != value
    ]


def _letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "?"
