"""A file to an ImportPreview: choose the sheet, find the header, check every row."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.documents.importing.check import (
    ImportRow,
    Progress,
    RatesAt,
    Registered,
    SheetChecker,
)
from app.documents.importing.errors import HeaderNotFound
from app.documents.importing.layout import ColumnMapping, data_rows, detect_mapping
from app.documents.importing.problems import Problem, sort_key
from app.documents.importing.readers import Table, Workbook


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What importing a sheet would do; nothing has been written.

    `rows` are the people rows in sheet order; `problems` every problem (about the mapping
    and about rows), sorted by row and column. `blocked` is True when the mapping lacks the NIK
    or name column, so no row can be imported whatever its content."""

    file: Path
    sheet: str
    sheets: tuple[str, ...]
    mapping: ColumnMapping
    rows: tuple[ImportRow, ...]
    problems: tuple[Problem, ...]
    blocked: bool = False

    @property
    def rows_read(self) -> int:
        return len(self.rows)

    @property
    def valid(self) -> int:
        return 0 if self.blocked else sum(1 for r in self.rows if r.valid)

    @property
    def invalid(self) -> int:
        return self.rows_read - self.valid

    @property
    def accepted(self) -> list[ImportRow]:
        """The rows an import writes: those without an error (warnings allowed)."""
        return [] if self.blocked else [r for r in self.rows if r.valid]


def read_preview(
    path: Path,
    *,
    today: date,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
    rates_at: RatesAt | None = None,
    registered: Registered | None = None,
    progress: Progress | None = None,
) -> ImportPreview:
    """Read and check one sheet of `path`. Without `sheet`, the first visible worksheet whose
    header is found; without `mapping`, the detected one. `progress(done, total)` follows
    the row checks (from any thread: it is called on the caller's).

    Raises UnreadableFile (HeaderNotFound included) and UnknownSheet; rows' problems are in
    the preview, never raised."""
    with Workbook(path, sheet=sheet) as book:
        table, found, warnings = _choose(book, sheet, mapping)
        sheets = book.sheets
    checker = SheetChecker(found, today=today, rates_at=rates_at, registered=registered)
    sheet_problems, blocked = checker.sheet_problems()
    with paused_gc():
        rows = checker.check(data_rows(table, found), progress)
    problems = [*warnings, *sheet_problems]
    if not blocked:
        problems.extend(p for r in rows for p in r.problems)
    return ImportPreview(
        file=path,
        sheet=table.sheet,
        sheets=sheets,
        mapping=found,
        rows=tuple(rows),
        problems=tuple(sorted(problems, key=sort_key)),
        blocked=blocked,
    )


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a bulk step makes objects that all stay alive (a
    row's values, its problems): the collector would walk every one of them again and again,
    a quarter of the time of a 100,000-row import. Reference counting still frees the rest."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _choose(
    book: Workbook, sheet: str | None, mapping: ColumnMapping | None
) -> tuple[Table, ColumnMapping, list[Problem]]:
    if sheet is not None or mapping is not None:
        table = book.table(sheet if sheet is not None else book.candidates[0])
        if mapping is not None:
            return table, mapping, []
        found, warnings = detect_mapping(table)
        return table, found, warnings
    first_failure: HeaderNotFound | None = None
    for name in book.candidates:
        table = book.table(name)
        try:
            found, warnings = detect_mapping(table)
        except HeaderNotFound as exc:
            first_failure = first_failure or exc
            continue
        return table, found, warnings
    if len(book.candidates) > 1:
        raise HeaderNotFound(
            "judul kolom (NIK, Nama, Tanggal Lahir, ...) tidak ditemukan di lembar mana pun ("
            f"{', '.join(book.candidates)}); periksa berkasnya atau pilih lembar dan baris judul"
        )
    assert first_failure is not None
    raise first_failure


def header_mapping(path: Path, header_row: int, *, sheet: str | None = None) -> ColumnMapping:
    """The mapping read with row `header_row` (1-based) as the header, for a wizard where
    the person points at the header row themself."""
    with Workbook(path, sheet=sheet) as book:
        table = book.table(sheet if sheet is not None else book.candidates[0])
    mapping, _ = detect_mapping(table, header_row=header_row)
    return mapping
