"""Workbooks of several sheets: an export table plus summary or report sheets, written and
verified the way `xlsx_export.save_verified` writes one (atomically, read back cell by cell).

Every sheet is an export_table.Table, so every cell follows the export rules: text is a text
cell, text that looks like a formula is stored as literal text (quotePrefix), identifiers are
text, money and counts are integers. `plain_table` makes a Table for a report sheet that has
no profile file (a summary, a reconciliation list).

The per-sheet loop is `xlsx_export.write_table`'s, for more than one sheet; write_table could
become `write_tables([table])` (reported to the lead, issue 6).

Pure: app.domain, openpyxl and python-calamine (imported inside functions).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from app.documents.export_table import CellValue, Table, looks_like_formula
from app.documents.fileio import write_atomically
from app.documents.profile_sources import CellType
from app.documents.profiles import Column, Profile, ProfileKind
from app.documents.xlsx_check import check_file
from app.documents.xlsx_export import (
    DocumentInfo,
    ExportCheckFailed,
    ExportWriteFailed,
    _custom,
    _properties,
    abandoned_on_error,
    append_sheet,
    expected_grid,
    save,
)
from app.domain.disk import write_problem


@dataclass(frozen=True, slots=True)
class PlainColumn:
    header: str
    type: CellType = CellType.TEXT  # TEXT, INTEGER or MONEY (dates: write them as text)
    width: float | None = None


def plain_table(
    sheet: str,
    columns: Sequence[PlainColumn],
    rows: Sequence[Sequence[CellValue]],
    *,
    name: str = "laporan",
) -> Table:
    """A report sheet: `rows` already hold the written values (str, int or None). Text that
    looks like a formula is marked so it stays literal text."""
    profile = Profile(
        name=name,
        version="1",
        kind=ProfileKind.ROSTER,
        title=sheet,
        description="",
        sheet=sheet,
        start_row=1,
        columns=tuple(
            Column(header=c.header, source="name", type=c.type, width=c.width) for c in columns
        ),
    )
    cells = [list(row) for row in rows]
    styled = [
        tuple(i for i, v in enumerate(row) if isinstance(v, str) and looks_like_formula(v))
        for row in cells
    ]
    return Table(profile, cells, styled)


def write_tables(fh: IO[bytes], tables: Sequence[Table], info: DocumentInfo) -> None:
    """Serialise with openpyxl write-only; the first table's profile names the workbook."""
    from openpyxl import Workbook

    names = [t.profile.sheet for t in tables]
    if len(set(names)) != len(names):
        raise ValueError(f"sheet names must differ: {names}")
    workbook = Workbook(write_only=True)
    with abandoned_on_error(workbook):
        _properties(workbook, tables[0].profile, info)
        for table in tables:
            append_sheet(workbook, table)
        save(workbook, fh)


def save_verified_tables(
    path: Path,
    tables: Sequence[Table],
    info: DocumentInfo,
    *,
    write: Callable[[IO[bytes], Sequence[Table], DocumentInfo], None] | None = None,
) -> Path:
    """Write the sheets to `path` atomically, read every sheet back and compare before the
    rename. `write` is the serialiser: xlsx_stream.write_tables_fast unless given (the
    openpyxl `write_tables` writes the same cells, ten times slower). Raises ExportCheckFailed
    (nothing left at `path`) or ExportWriteFailed."""
    from app.documents.xlsx_stream import write_tables_fast

    serialise = write or write_tables_fast

    def write_then_check(fh: BinaryIO) -> None:
        serialise(fh, tables, info)
        fh.flush()
        properties = _custom(tables[0].profile, info)
        for table in tables:
            mismatches = check_file(
                Path(fh.name),
                sheet=table.profile.sheet,
                expected=expected_grid(table),
                properties=properties,
            )
            properties = {}  # once is enough
            if mismatches:
                raise ExportCheckFailed(
                    "out",
                    f"berkas yang tertulis berbeda dari data (lembar {table.profile.sheet}, "
                    f"{mismatches[0].describe()}; {len(mismatches)} sel); berkas tidak "
                    "disimpan, coba lagi atau pakai tempat lain",
                )

    # openpyxl's XML writer (lxml) reports a full temp disk as SerialisationError("IO_ENOSPC")
    from lxml.etree import SerialisationError  # type: ignore[import-untyped]

    try:
        write_atomically(path, write_then_check)
    except (OSError, SerialisationError) as exc:
        raise ExportWriteFailed(
            "out",
            f"tidak dapat menulis {path}: {write_problem(exc)}",
        ) from exc
    return path
