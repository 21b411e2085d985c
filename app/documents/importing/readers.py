"""Reading spreadsheet files into plain rows of cell values, keeping each cell's own type.

.xlsx/.xlsm/.xlsb, .xls and .ods go through python-calamine, in a worker process (see
app.documents.importing.isolated: a damaged file can make calamine abort); .csv/.txt through
the csv module with the delimiter (comma, semicolon or tab) and encoding (UTF-8 with or
without BOM, UTF-16 with BOM, else Windows-1252) found from the content. The kind is decided
by the file's first bytes, not only its name: an .xls that is really an .xlsx, or a web page
saved as .xls, is common in village offices.

A numeric cell stays an int/float and a text cell a str, so the importer can tell a NIK typed
as a number (digits lost by Excel) from one typed as text. Every failure to read becomes
UnreadableFile (field `file`) with an Indonesian message; nothing here raises anything else.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from app.documents.importing import isolated
from app.documents.importing.errors import UnknownSheet, UnreadableFile
from app.documents.importing.table import Cell, Merge, Row, Table, is_blank, is_blank_row

__all__ = ["Cell", "Merge", "Row", "Table", "Workbook", "is_blank", "is_blank_row"]

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (";", ",", "\t")
_SNIFF_LINES = 40
_KINDS = ".xlsx, .xls, .ods atau .csv"
# A CSV is parsed in this process (no worker's memory limit): a village's list is a few MB, so
# these bound what a hostile or mistaken file can cost (found by tests/hostile: a 64 MB line
# of 4 million cells took 900 MB and over a minute).
MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 16_384  # Excel's own limit


def _fail_open(path: Path, exc: OSError) -> UnreadableFile:
    if isinstance(exc, FileNotFoundError):
        return UnreadableFile(f"berkas {path} tidak ditemukan; periksa nama dan folder berkas")
    if isinstance(exc, IsADirectoryError):
        return UnreadableFile(f"{path} adalah folder; pilih berkas {_KINDS}")
    if isinstance(exc, PermissionError):
        return UnreadableFile(
            f"berkas {path.name} tidak dapat dibuka (izin ditolak); tutup berkas itu di Excel "
            "atau periksa izin foldernya"
        )
    return UnreadableFile(
        f"berkas {path.name} tidak dapat dibaca ({exc.strerror}); periksa berkasnya atau salin "
        "ulang dari sumbernya"
    )


def _damaged(path: Path) -> UnreadableFile:
    return UnreadableFile(
        f"berkas {path.name} rusak atau terpotong dan tidak dapat dibaca; gunakan salinan yang "
        "utuh: buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx, atau salin ulang "
        "dari sumbernya"
    )


def _looks_like_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml"))


class Workbook:
    """An opened file. `sheets` lists every sheet; `candidates` the visible worksheets, in
    order, that an import may pick from when no sheet is named. Use it with `with`.

    `sheet` names the sheet wanted (None: every candidate is loaded for the caller to choose
    from); `names_only` loads no sheet at all (a sheet chooser)."""

    def __init__(self, path: Path, *, sheet: str | None = None, names_only: bool = False) -> None:
        self.path = path
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _fail_open(path, exc) from exc
        if not data.strip():
            raise UnreadableFile(f"berkas {path.name} kosong; pilih berkas yang berisi daftar")
        self._csv: list[Row] | None = None
        self._tables: dict[str, Table] = {}
        suffix = path.suffix.lower()
        if data.startswith((_ZIP, _OLE)):
            loaded = _load(path, None if sheet is None else [sheet], names_only)
            self.sheets, self.candidates, self._tables = (
                loaded.sheets, loaded.candidates, loaded.tables,
            )  # fmt: skip
            if not self.sheets:
                raise UnreadableFile(
                    f"berkas {path.name} tidak berisi lembar kerja; periksa berkasnya"
                )
        elif suffix in TEXT_SUFFIXES:
            self._csv = read_csv_rows(path, data)
            self.sheets = self.candidates = (path.stem,)
        elif _looks_like_html(data[:512]):
            raise UnreadableFile(
                f"berkas {path.name} sebenarnya halaman web (HTML), bukan lembar kerja; gunakan "
                "Excel untuk membukanya lalu simpan sebagai .xlsx"
            )
        elif suffix in SPREADSHEET_SUFFIXES:
            raise _damaged(path)
        else:
            raise UnreadableFile(
                f"jenis berkas '{suffix or path.name}' tidak didukung; pilih berkas {_KINDS}"
            )

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_: object) -> None:
        self._tables = {}

    def table(self, sheet: str) -> Table:
        if sheet not in self.sheets:
            names = ", ".join(self.sheets)
            if self._csv is not None:
                raise UnknownSheet(
                    f"berkas CSV hanya punya satu lembar ({names}); tidak perlu memilih lembar"
                )
            raise UnknownSheet(f"lembar '{sheet}' tidak ada; pilih salah satu: {names}")
        if self._csv is not None:
            return Table(sheet, self._csv)
        if sheet not in self._tables:  # a hidden sheet asked for by name
            self._tables.update(_load(self.path, [sheet], False).tables)
        return self._tables[sheet]


def _load(path: Path, wanted: list[str] | None, names_only: bool) -> isolated.Loaded:
    try:
        return isolated.load(path, wanted, names_only=names_only)
    except isolated.ChildFailed as failed:
        if failed.reason == "password":
            raise UnreadableFile(
                f"berkas {path.name} dilindungi kata sandi; gunakan Excel untuk menghapus kata "
                "sandinya, lalu simpan ulang"
            ) from failed
        if failed.reason == "timeout":
            raise UnreadableFile(
                f"berkas {path.name} terlalu lama dibaca (rusak atau sangat besar); periksa "
                "berkasnya atau pecah menjadi beberapa berkas"
            ) from failed
        raise _damaged(path) from failed


# -- CSV ------------------------------------------------------------------------------------
def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 (what Excel writes on an
    Indonesian Windows PC)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _damaged(path) from exc
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # The five bytes Windows-1252 leaves undefined become U+FFFD rather than a failure.
        return data.decode("cp1252", errors="replace")


def _is_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\f")
    return "\x00" in sample or controls > len(sample) // 20


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most lines into the same number (> 1) of fields.

    csv.Sniffer is fooled by a semicolon file whose cells hold commas ("Ngadirejo, 12 Mei
    1980"): counting consistent field counts is not."""
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        counts: dict[int, int] = {}
        try:
            for fields in csv.reader(lines, delimiter=delimiter):
                if len(fields) > 1:
                    counts[len(fields)] = counts.get(len(fields), 0) + 1
        except csv.Error:  # a cell over the csv module's limit: reading the file says so
            continue
        if not counts:
            continue
        width, frequency = max(counts.items(), key=lambda item: (item[1], item[0]))
        if (frequency, width) > best_score:
            best, best_score = delimiter, (frequency, width)
    return best


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # 16.384, as Indonesians write it


def read_csv_rows(path: Path, data: bytes) -> list[Row]:
    if len(data) > MAX_CSV_BYTES:
        raise UnreadableFile(
            f"berkas CSV {path.name} terlalu besar (lebih dari {MAX_CSV_BYTES // 1024**2} MB); "
            "periksa berkasnya atau pecah menjadi beberapa berkas"
        )
    text = decode_text(path, data)
    if _is_binary(text):
        raise UnreadableFile(
            f"berkas {path.name} bukan berkas teks CSV (isinya data biner); pilih berkas {_KINDS}"
        )
    lines = text.splitlines()
    delimiter = sniff_delimiter([line for line in lines[:_SNIFF_LINES] if line.strip()])
    rows: list[Row] = []
    try:
        for fields in csv.reader(io.StringIO(text), delimiter=delimiter):
            if len(fields) > MAX_COLUMNS:
                raise UnreadableFile(
                    f"baris {len(rows) + 1} berkas CSV {path.name} punya {_number(len(fields))} "
                    f"kolom (paling banyak {_number(MAX_COLUMNS)}); periksa pemisah kolom dan "
                    "baris di berkasnya"
                )
            rows.append(list(fields))
    except csv.Error as exc:
        # The csv module's reasons are English ("field larger than field limit"): worded here.
        limit = _number(csv.field_size_limit())
        raise UnreadableFile(
            f"berkas CSV {path.name} tidak dapat dibaca (ada sel yang lebih dari {limit} karakter "
            "atau tanda kutip yang tidak ditutup); periksa berkasnya, lalu gunakan Excel untuk "
            "menyimpannya ulang sebagai CSV"
        ) from exc
    return rows
