"""Writing an export workbook: a checked Table in, a written and verified .xlsx out.

`save_verified` writes the table with openpyxl in write-only mode (lxml underneath) through
`write_atomically`, reads the part file back and compares every cell with what was meant
before the rename: a mismatch removes the part file and raises, so a file under the final name
is always complete and correct.

Cells: text is always a text cell (inline string, type 's'); text that looks like a formula
(see export_table.looks_like_formula) is written as a text cell with the quotePrefix style, the
same as typing an apostrophe first: the visible value is unchanged, no spreadsheet evaluates
it, and it stays text even after someone edits the cell. Dates of `type = "date"` are real date
cells with the profile's pattern as number format; money and counts are integers.

Pure: app.domain, openpyxl and python-calamine (imported inside functions: start-up stays fast).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

from app.documents.export_table import CellValue, Table, looks_like_formula
from app.documents.fileio import write_atomically
from app.documents.profiles import Column, Profile
from app.documents.xlsx_check import check_file
from app.domain.disk import write_problem
from app.domain.errors import DomainError


class ExportCheckFailed(DomainError):
    """The file read back differs from what was meant; it was removed."""

    code = "export_check_failed"


class ExportWriteFailed(DomainError):
    """The folder or the disk refused the file."""

    code = "export_write_failed"


@dataclass(frozen=True, slots=True)
class WrittenExport:
    path: Path
    rows: int
    profile: str
    version: str


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Extra words for the workbook's properties (the profile's name and version always go)."""

    description: str = ""
    custom: Mapping[str, str] = field(default_factory=dict)


def save_verified(
    path: Path,
    table: Table,
    info: DocumentInfo | None = None,
    *,
    write: Callable[[BinaryIO, Table, DocumentInfo], None] | None = None,
) -> WrittenExport:
    """Write `table` to `path` atomically and verify it; `write` is the serialiser (the tests
    hand in a faulty one to see the check work). Raises ExportCheckFailed (nothing left at
    `path` or beside it) or ExportWriteFailed (the folder or the disk refused)."""
    document = info or DocumentInfo()
    serialise = write or write_table

    def write_then_check(fh: BinaryIO) -> None:
        serialise(fh, table, document)
        fh.flush()  # the part file, complete as far as the OS knows, read through a new handle
        mismatches = check_file(
            Path(fh.name), sheet=table.profile.sheet, expected=expected_grid(table),
            properties=_custom(table.profile, document),
        )  # fmt: skip
        if mismatches:
            raise ExportCheckFailed(
                "out",
                f"berkas yang tertulis berbeda dari data ({mismatches[0].describe()}; "
                f"{len(mismatches)} sel); berkas tidak disimpan, coba lagi atau pakai tempat lain",
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
    return WrittenExport(path, len(table.rows), table.profile.name, table.profile.version)


def write_table(fh: IO[bytes], table: Table, info: DocumentInfo) -> None:
    """Serialise with openpyxl write-only (lxml does the XML)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    with abandoned_on_error(workbook):
        _properties(workbook, table.profile, info)
        append_sheet(workbook, table)
        save(workbook, fh)


@contextlib.contextmanager
def abandoned_on_error(workbook: Any) -> Iterator[None]:
    """Around filling and saving a write-only workbook: when that fails (a full disk), close
    what openpyxl left half open at once, before the error goes on. Collected later, its XML
    writers would print "Exception ignored ..." tracebacks on stderr (the CLI promises one
    line). Errors of this cleanup are dropped on purpose: the first error is what matters."""
    try:
        yield
    except BaseException:
        for sheet in workbook.worksheets:
            writer = getattr(sheet, "_writer", None)
            for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
                if stream is not None:
                    with contextlib.suppress(Exception):
                        stream.close()
        raise


def save(workbook: Any, fh: IO[bytes]) -> None:
    """openpyxl's save_workbook, with the zip archive closed (quietly) when writing fails."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    archive = ZipFile(fh, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(workbook, archive).save()
    except BaseException:
        with contextlib.suppress(Exception):  # see abandoned_on_error
            archive.close()
        raise


def append_sheet(workbook: Any, table: Table) -> None:
    """One table as a sheet of a write-only workbook: identifiers and text as text cells (never
    a formula or an error value), dates in the profile's format, the profile's widths."""
    from openpyxl.cell import WriteOnlyCell

    profile = table.profile
    sheet = workbook.create_sheet(profile.sheet)
    _widths(sheet, profile)
    formats = [_number_format(c) for c in profile.columns]

    def cell(value: CellValue, index: int) -> Any:
        made = WriteOnlyCell(sheet)
        if isinstance(value, date):
            made.number_format = formats[index]
            made.value = value
        else:
            made.value = value
            made.data_type = "s"  # never 'f' (formula) or 'e' (error)
            made.quotePrefix = True
        return made

    for _ in range(profile.start_row - 1):
        sheet.append([])
    header = table.header
    sheet.append([cell(h, i) if looks_like_formula(str(h)) else h for i, h in enumerate(header)])
    append = sheet.append
    for row, special in zip(table.rows, table.styled, strict=True):
        if special:
            cells: list[Any] = list(row)
            for index in special:
                if row[index] is not None:  # an empty date stays an empty, unstyled cell
                    cells[index] = cell(row[index], index)
            append(cells)
        else:
            append(row)


def _widths(sheet: Any, profile: Profile) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(profile.columns, 1):
        if column.width:
            sheet.column_dimensions[get_column_letter(index)].width = column.width


def _number_format(column: Column) -> str:
    # Separators escaped: an unescaped "/" is the locale's date separator in Excel.
    pattern = column.date_pattern or "yyyy-mm-dd"
    return re.sub(r"([-/. ])", r"\\\1", pattern)


def _properties(workbook: Any, profile: Profile, info: DocumentInfo) -> None:
    from openpyxl.packaging.custom import StringProperty

    props = workbook.properties
    props.title = profile.title
    props.subject = f"Profil ekspor {profile.name} versi {profile.version}"
    props.keywords = f"payung-profile={profile.name}; payung-profile-version={profile.version}"
    props.creator = "Payung Desa"
    props.description = info.description or profile.description or None
    for name, value in _custom(profile, info).items():
        workbook.custom_doc_props.append(StringProperty(name=name, value=value))


def expected_grid(table: Table) -> list[list[object]]:
    """Every row from A1 as a reader returns it: empty cells are ''."""
    width = len(table.profile.columns)
    blank: list[object] = [""] * width
    grid: list[list[object]] = [list(blank) for _ in range(table.profile.start_row - 1)]
    grid.append(list(table.header))
    grid.extend([["" if v is None else v for v in row] for row in table.rows])
    return grid


def _custom(profile: Profile, info: DocumentInfo) -> dict[str, str]:
    """The workbook's custom properties: the profile's name and version always."""
    return {
        "payung_profile": profile.name,
        "payung_profile_version": profile.version,
        "payung_profile_kind": profile.kind.value,
        **info.custom,
    }
