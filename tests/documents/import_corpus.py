"""Ugly, real-world-like spreadsheets for the import tests, made here (no binary fixtures).

`perangkat_rows()` is a village list as secretaries keep them: two title rows, a two-row header
with merged cells ("Tempat, Tanggal Lahir" over Tempat | Tanggal, "Alamat" over Dusun | RT |
RW, vertical merges), a row of column numbers, formulas (the No column, a name, the JUMLAH
row), a NIK typed as a number, one that lost its last digit, Excel's 3.52101E+15, mixed date
formats (date cells, a bare serial, text), a blank row, a header repeated after a page break,
a JUMLAH row and a signature block. openpyxl writes it; LibreOffice headless saves it again as
.xlsx (with computed formula values, as a real spreadsheet client leaves it), .xls and .ods.

`PERANGKAT_PROBLEMS` and `CSV_PROBLEMS` are what the importer must report, row by row.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from factories import make_nik

TODAY = date(2026, 11, 21)
EXCEL_EPOCH = date(1899, 12, 30)

# People of the perangkat list (NIK serials 100-199 keep them apart from other tests).
BUDI = make_nik(date(1975, 8, 17), "L", serial=101)
SITI = make_nik(date(1980, 5, 5), "P", serial=102)  # typed as a number, still whole
LOST = make_nik(date(1985, 3, 12), "L", serial=110)  # typed as a number: ends in 0
NUR = make_nik(date(1980, 5, 12), "P", serial=103)
AGUS = make_nik(date(1980, 2, 3), "L", serial=104)
EKO = make_nik(date(1970, 1, 1), "L", serial=105)
PARKIR = make_nik(date(1972, 7, 7), "L", serial=106)
TWICE = make_nik(date(1969, 9, 9), "L", serial=107)
MISMATCH = make_nik(date(1975, 8, 18), "L", serial=108)
DEWI = make_nik(date(1982, 4, 4), "P", serial=109)
REGISTERED = make_nik(date(1968, 6, 6), "L", serial=111)
REGISTERED_NAME = "Slamet Riyadi"

HEADER = (
    "No", "NIK", "Nama Lengkap", "Tempat, Tanggal Lahir", None, "L/P", "Jabatan", "Alamat",
    None, None, "No. HP", "Segmen", "Program", "Upah", "Sumber Dana", "TMT", "KPJ",
)  # fmt: skip
SUB_HEADER = (None, None, None, "Tempat", "Tanggal", None, None, "Dusun", "RT", "RW")
# Header row 4, sub-header row 5: merged across (TTL, Alamat) and downwards (the others).
PERANGKAT_MERGES = (
    "A1:Q1", "A2:Q2", "D4:E4", "H4:J4", "A4:A5", "B4:B5", "C4:C5", "F4:F5", "G4:G5", "K4:K5",
    "L4:L5", "M4:M5", "N4:N5", "O4:O5", "P4:P5", "Q4:Q5",
)  # fmt: skip


def serial(day: date) -> int:
    """The Excel serial number of a date (what a cell without a date format shows)."""
    return (day - EXCEL_EPOCH).days


def _person(  # noqa: PLR0917 - a table of people reads best as positional columns
    nik: Any,
    name: Any,
    place: str,
    born: Any,
    sex: str,
    title: str,
    *,
    rt: Any = 1,
    enrollment: Sequence[Any] = (),
    phone: Any = None,
) -> list[Any]:
    row = ["=ROW()-6", nik, name, place, born, sex, title, "Krajan", rt, 2, phone]
    return row + list(enrollment) + [None] * (6 - len(enrollment))


def perangkat_rows() -> list[list[Any]]:
    """Rows 1.. of the perangkat sheet (None: an empty cell)."""
    pu = ("PU", "JKK, JKM, JHT", 2_022_200, "APBDes", date(2026, 1, 1), "12345678901")
    bpu = ("BPU", "JKK+JKM", "1.000.000", "APBD", "01/02/2026")
    return [
        ["DAFTAR PERANGKAT DESA DAN LEMBAGA DESA SUKAMAJU"],  # 1
        ["KECAMATAN PARON KABUPATEN NGAWI TAHUN 2026"],  # 2
        [],  # 3
        list(HEADER),  # 4
        list(SUB_HEADER),  # 5
        list(range(1, 18)),  # 6: column numbers
        _person(
            BUDI,
            "Budi Santoso",
            "Ngawi",
            date(1975, 8, 17),
            "L",
            "Kaur Keuangan",
            enrollment=pu,
            phone="081234567890",
        ),  # 7
        _person(
            int(SITI),
            "Siti Aminah",
            "Ngawi",
            serial(date(1980, 5, 5)),
            "P",
            "Sekretaris Desa",
            enrollment=bpu,
            phone=81234567891,
        ),  # 8
        _person(int(LOST), "Heru Kurniawan", "Ngawi", date(1985, 3, 12), "L", "Kasi Pelayanan"),
        [],  # 10
        _person("3.52101E+15", "Wahyu Hidayat", "Ngawi", "05-06-1979", "L", "Kamituwo"),  # 11
        _person(
            NUR, '=PROPER("nur hidayah")', "Madiun", "12 Mei 1980", "Perempuan", "Ketua RT 03", rt=3
        ),  # 12
        _person(AGUS, "Agus Setiawan", "Ngawi", "31-02-1980", "L", "Anggota BPD"),  # 13
        _person(EKO, "Eko Prasetyo", "Ngawi", "01/01/1970", "X", "Linmas"),  # 14
        _person(PARKIR, "Bambang Sugiarto", "Ngawi", "1972-07-07", "L", "Juru Parkir"),  # 15
        _person(TWICE, "Joko Purnomo", "Ngawi", "09-09-1969", "L", "Kasun Krajan"),  # 16
        list(HEADER),  # 17: the header again after a page break
        _person(TWICE, "Joko Purnomo", "Ngawi", "09-09-1969", "L", "Kasun Krajan"),  # 18
        _person(MISMATCH, "Eko Santoso", "Ngawi", date(1976, 8, 18), "L", "Guru TPQ"),  # 19
        _person(
            DEWI,
            "Dewi Lestari",
            "Ngawi",
            date(1982, 4, 4),
            "P",
            "Kader Posyandu Mawar",
            enrollment=("BPU", "JKK,JKM,JP", 1_000_000, "APBDes", date(2026, 3, 1)),
        ),  # 20
        _person(REGISTERED, REGISTERED_NAME, "Ngawi", date(1968, 6, 6), "L", "Marbot"),  # 21
        [
            "JUMLAH",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "=SUM(N7:N21)",
        ],  # 22
        [],  # 23
        [None] * 13 + ["Sukamaju, 21 November 2026"],  # 24
        [None] * 13 + ["Kepala Desa Sukamaju"],  # 25
        [],  # 26
        [None, None, "SUPARMAN"],  # 27: a signature under the name column
    ]


# (row, column header as in the file, code, severity); REGISTERED only with a register lookup.
PERANGKAT_PROBLEMS = {
    (8, "NIK", "nik_numeric_suspect", "warning"),
    (8, "No. HP", "phone_numeric", "warning"),
    (9, "NIK", "nik_numeric", "error"),
    (11, "NIK", "nik_numeric", "error"),
    (13, "Tempat, Tanggal Lahir", "date_invalid", "error"),
    (14, "L/P", "sex_unknown", "error"),
    (15, "Jabatan", "category_guessed", "warning"),
    (16, "NIK", "duplicate_in_file", "error"),
    (18, "NIK", "duplicate_in_file", "error"),
    (19, "NIK", "nik_birth_date_mismatch", "error"),
    (20, "Program", "enrollment_invalid", "error"),
}
REGISTERED_PROBLEM = (21, "NIK", "duplicate_in_register", "error")
PERANGKAT_ROWS_READ = (7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21)
PERANGKAT_VALID = (7, 8, 12, 15, 21)  # 21 only while its NIK is not on the register


def registered_lookup(niks: list[str]) -> dict[str, str]:
    """A register that already holds REGISTERED (for the documents layer, no database)."""
    return {nik: REGISTERED_NAME for nik in niks if nik == REGISTERED}


def write_xlsx(
    path: Path,
    rows: Iterable[Sequence[Any]],
    *,
    merges: Iterable[str] = (),
    sheet: str = "Data",
    before: dict[str, list[list[Any]]] | None = None,
    hidden: Iterable[str] = (),
) -> Path:
    """An .xlsx with openpyxl. `before`: sheets placed ahead of `sheet` (name -> rows);
    `hidden`: names of those to hide."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, other in (before or {}).items():
        extra = book.create_sheet(name)
        for row in other:
            extra.append(list(row))
        if name in set(hidden):
            extra.sheet_state = "hidden"
    main = book.create_sheet(sheet)
    for row in rows:
        main.append(list(row))
    for cells in merges:
        main.merge_cells(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_csv(path: Path, lines: Iterable[str], *, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


# A semicolon CSV in Windows-1252 as Excel on an Indonesian PC saves it: a title line, commas
# inside cells, a right single quote and an en dash (0x92, 0x96), a blank line, JUMLAH.
CSV_LINES = (
    "DAFTAR PEKERJA RENTAN DESA SUKAMAJU, KEC. PARON;;;;;;;;",
    ";;;;;;;;",
    "NIK;Nama;Tempat/Tgl Lahir;JK;Pekerjaan;RT/RW;Dusun;No HP;Alamat",
    f"{make_nik(date(1975, 8, 17), 'L', serial=201)};Ahmad Syafi’i;Ngadirejo, 17 Agustus 1975;"
    "LK;Petani;003/012;Krajan;081234567890;Jl. Mawar – Gg. 2",
    "3,52101E+15;Sri Rahayu;Ngawi, 05-05-1980;PR;Buruh Tani;3/12;Krajan;;",
    f"{make_nik(date(1980, 5, 5), 'P', serial=202)};Sri Rahayu;Ngawi, 05-05-1980;PR;Buruh Tani;"
    "3/12;Krajan;;",
    ";;;;;;;;",
    f"{make_nik(date(1970, 1, 1), 'L', serial=203)};Joko Purnomo;Ngadirejo 01/01/1970;L;Nelayan;"
    "004/001;Kedungrejo;6281234567891;",
    f"{make_nik(date(1970, 1, 1), 'L', serial=204)};Eko Prasetyo;Ngawi, 1 Januari 1970;L;"
    "Tukang Batu;4-1;Kedungrejo;;",
    "JUMLAH;;;;;;;;",
)
CSV_PROBLEMS = {(5, "NIK", "nik_numeric", "error")}
CSV_ROWS_READ = (4, 5, 6, 8, 9)


def semicolon_csv(path: Path) -> Path:
    return write_csv(path, CSV_LINES, encoding="cp1252")


def cfb_claiming_terabytes() -> bytes:
    """An .xls (OLE compound file) header that claims 2**31 FAT sectors: calamine allocates
    for them before looking (tafia/calamine#714) and a process reading it in-line dies."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 44, 0x7FFFFFF0, 1, 0, 4096)
    struct.pack_into("<IIII", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)
    struct.pack_into("<108I", header, 80, *[0xFFFFFFFF] * 108)
    return bytes(header) + bytes(2048)


# -- LibreOffice ------------------------------------------------------------------------------
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "xls": "xls:MS Excel 97", "ods": "ods"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_all(source: Path, folder: Path, kinds: Iterable[str]) -> dict[str, Path]:
    """`source` saved again by LibreOffice headless in each kind, all at once (one profile
    per process: two instances never share one). Skips the test when LibreOffice is absent."""
    program = soffice()
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    running = []
    for kind in kinds:
        out = folder / kind
        out.mkdir(parents=True, exist_ok=True)
        profile = Path(tempfile.mkdtemp(prefix="lo-profile-")).as_uri()
        command = [
            program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", FILTERS[kind], "--outdir", str(out), str(source),
        ]  # fmt: skip
        env = {**os.environ, "HOME": str(folder)}
        running.append((kind, out, subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                                    stderr=subprocess.STDOUT)))  # fmt: skip
    made: dict[str, Path] = {}
    for kind, out, process in running:
        output, _ = process.communicate(timeout=180)
        target = out / f"{source.stem}.{kind}"
        assert process.returncode == 0 and target.exists(), output.decode(errors="replace")
        made[kind] = target
    return made


_CONVERTED: dict[str, Path] = {}


@pytest.fixture(scope="session")
def perangkat_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The perangkat list as .xlsx, .xls and .ods saved by LibreOffice (formulas computed).
    Made once per test run, whichever modules import this fixture."""
    if not _CONVERTED:
        folder = tmp_path_factory.mktemp("corpus")
        source = write_xlsx(folder / "daftar-perangkat.xlsx", perangkat_rows(),
                            merges=PERANGKAT_MERGES)  # fmt: skip
        _CONVERTED.update(convert_all(source, folder, ("xlsx", "xls", "ods")))
    return dict(_CONVERTED)


def found(problems: Iterable[Any]) -> set[tuple[int, str, str, str]]:
    return {(p.row, p.column, p.code, p.severity.value) for p in problems}
