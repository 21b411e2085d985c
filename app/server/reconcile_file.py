"""Reading the participant list the BPJS branch sends (xlsx, xls, ods or csv).

The header is found the way the desktop import finds it (app.documents.importing: header row
below title rows, Indonesian header synonyms): NIK, Nama, Tgl Lahir, No KPJ / KPJ. The
membership status column ("Status Kepesertaan", "Status") is not an import field of the
desktop, so its synonyms live here (STATUS_HEADERS). Any bad cell refuses the whole file with
the spreadsheet row and column: nothing is analysed or written from a half-read list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.documents.importing import (
    ColumnMapping,
    Field,
    Table,
    UnreadableFile,
    Workbook,
    detect_mapping,
)
from app.documents.importing.fields import normalize_header
from app.documents.importing.layout import data_rows
from app.documents.importing.table import Cell, Row, is_blank
from app.documents.importing.values import date_text, read_nik, text_of
from app.domain.errors import DomainError, InvalidField
from app.domain.formatting import parse_date
from app.domain.identity import parse_kpj, parse_nik

STATUS_HEADERS = frozenset(
    normalize_header(text)
    for text in (
        "Status Kepesertaan",
        "Status",
        "Status Peserta",
        "Status Keanggotaan",
        "Keterangan Status",
        "Status Aktif",
        "Status Kepesertaan BPJS",
    )
)
_ACTIVE = frozenset({"aktif", "active", "a", "ya", "peserta aktif", "masih aktif"})
_INACTIVE = frozenset(
    {
        "non aktif",
        "nonaktif",
        "tidak aktif",
        "tdk aktif",
        "na",
        "inactive",
        "keluar",
        "berhenti",
        "meninggal",
        "meninggal dunia",
        "mengundurkan diri",
        "pensiun",
        "tidak",
        "non active",
        "nonactive",
        "putus",
        "berakhir",
        "mati",
    }
)
_NOT_WORD = re.compile(r"[^0-9a-z]+")


class BadBpjsFile(InvalidField):
    """The BPJS list cannot be used; the message names the row and column."""

    code = "bpjs_file_invalid"


@dataclass(frozen=True, slots=True)
class BpjsPerson:
    row: int  # spreadsheet row number
    nik: str
    name: str
    birth_date: date | None
    kpj: str | None
    status: str | None  # as written
    active: bool | None  # None: no status, or a word we do not know

    def as_json(self) -> dict[str, object]:
        return {
            "row": self.row,
            "nik": self.nik,
            "name": self.name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "kpj": self.kpj,
            "status": self.status,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> BpjsPerson:
        birth = data.get("birth_date")
        status = data.get("status")
        return cls(
            row=int(str(data["row"])),
            nik=str(data["nik"]),
            name=str(data["name"]),
            birth_date=date.fromisoformat(birth) if isinstance(birth, str) else None,
            kpj=str(data["kpj"]) if data.get("kpj") else None,
            status=status if isinstance(status, str) else None,
            active=status_is_active(status) if isinstance(status, str) else None,
        )


def status_is_active(text: str) -> bool | None:
    words = _NOT_WORD.sub(" ", _plain(text)).strip()
    if words in _ACTIVE:
        return True
    if words in _INACTIVE:
        return False
    return None


def normalize_name(text: str) -> str:
    """Case, spaces, punctuation and accents do not count (`SRI  WAHYUNI, S.Pd` ~
    `Sri Wahyuni SPd`)."""
    return " ".join(_NOT_WORD.sub(" ", _plain(text).replace(".", "")).split())


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def read_bpjs_list(path: Path) -> list[BpjsPerson]:
    """Every person of the list, in file order. Raises BadBpjsFile or UnreadableFile (field
    `file`, Indonesian, naming row and column); the file is parsed in the isolated reader."""
    with Workbook(path) as book:
        problems: list[str] = []
        for sheet in book.candidates:
            table = book.table(sheet)
            try:
                mapping, _ = detect_mapping(table)
            except UnreadableFile as exc:
                problems.append(exc.message)
                continue
            if mapping.column_of(Field.NIK) is None:
                problems.append(f"lembar '{sheet}' tidak punya kolom NIK")
                continue
            return _people(table, mapping)
    raise BadBpjsFile(
        "file",
        f"daftar peserta tidak ditemukan di berkas {path.name}: {problems[0] if problems else ''}"
        "; berkas harus punya baris judul dengan kolom NIK (dan Nama, Tgl Lahir, KPJ, Status)",
    )


def _status_column(mapping: ColumnMapping) -> int | None:
    for column, header in enumerate(mapping.headers):
        if mapping.fields[column] is None and normalize_header(header) in STATUS_HEADERS:
            return column
    return None


def _people(table: Table, mapping: ColumnMapping) -> list[BpjsPerson]:
    columns = {
        f: mapping.column_of(f) for f in (Field.NIK, Field.NAME, Field.BIRTH_DATE, Field.KPJ)
    }
    status_col = _status_column(mapping)
    found: list[BpjsPerson] = []
    first_row: dict[str, int] = {}
    for number, row in data_rows(table, mapping):
        person = _person(number, row, columns, status_col, mapping)
        if person.nik in first_row:
            raise _bad(
                number,
                mapping,
                columns[Field.NIK],
                f"NIK {person.nik} sudah ada di baris {first_row[person.nik]}",
            )
        first_row[person.nik] = number
        found.append(person)
    if not found:
        raise BadBpjsFile(
            "file", f"lembar '{table.sheet}' tidak berisi peserta di bawah baris judul"
        )
    return found


def _person(
    number: int,
    row: Row,
    columns: dict[Field, int | None],
    status_col: int | None,
    mapping: ColumnMapping,
) -> BpjsPerson:
    nik_col = columns[Field.NIK]
    cell = read_nik(_at(row, nik_col))
    if cell.error is not None:
        raise _bad(number, mapping, nik_col, cell.error)
    if not cell.text:
        raise _bad(number, mapping, nik_col, "NIK kosong")
    try:
        nik = parse_nik(cell.text).value
    except DomainError as exc:
        raise _bad(
            number, mapping, nik_col, f"NIK '{cell.text}' tidak sah: {exc.message}"
        ) from None
    name = text_of(_at(row, columns[Field.NAME]))
    birth = _birth_date(number, row, columns[Field.BIRTH_DATE], mapping)
    kpj = _kpj(number, row, columns[Field.KPJ], mapping)
    status_value = _at(row, status_col)
    status = None if is_blank(status_value) else text_of(status_value)
    active = status_is_active(status) if status else None
    return BpjsPerson(number, nik, name, birth, kpj, status, active)


def _birth_date(number: int, row: Row, column: int | None, mapping: ColumnMapping) -> date | None:
    value = _at(row, column)
    if is_blank(value):
        return None
    try:
        return parse_date(date_text(value))
    except DomainError as exc:
        raise _bad(number, mapping, column, exc.message) from None


def _kpj(number: int, row: Row, column: int | None, mapping: ColumnMapping) -> str | None:
    value = _at(row, column)
    if is_blank(value) or (isinstance(value, str) and value.strip() in ("-", "'")):
        return None
    try:
        return parse_kpj(text_of(value).lstrip("'"))
    except DomainError as exc:
        raise _bad(number, mapping, column, exc.message) from None


def _at(row: Row, column: int | None) -> Cell:
    if column is None or column >= len(row):
        return None
    return row[column]


def _bad(number: int, mapping: ColumnMapping, column: int | None, message: str) -> BadBpjsFile:
    where = f"baris {number}"
    if column is not None:
        where += f", kolom {_letter(column + 1)} ('{mapping.header(column)}')"
    return BadBpjsFile("file", f"{where}: {message}; perbaiki berkasnya, tidak ada yang diubah")


def _letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
