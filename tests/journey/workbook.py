"""The spreadsheet a village office really has: made here with openpyxl, as messy as the ones
DPMD collects (a title above the header, header names of its own, NIKs typed with an
apostrophe or in groups, birth dates in four spellings, one date that does not exist)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

REGION = "352101"  # Ngawi, Kec. Ngawi


@dataclass(frozen=True)
class Person:
    name: str
    born: date
    female: bool
    position: str
    serial: int

    @property
    def nik(self) -> str:
        """PPKKCC + DDMMYY (day + 40 for women) + 4-digit serial."""
        day = self.born.day + 40 if self.female else self.born.day
        return f"{REGION}{day:02d}{self.born.month:02d}{self.born.year % 100:02d}{self.serial:04d}"

    @property
    def typed_birth_date(self) -> str:
        return self.born.strftime("%d-%m-%Y")


BUDI = Person("Budi Santoso", date(1980, 5, 12), False, "Sekretaris Desa", 21)
SITI = Person("Siti Aminah", date(1985, 8, 17), True, "Kader Posyandu", 22)
AGUS = Person("Agus Salim", date(1970, 2, 2), False, "Kaur Umum", 23)  # typed 31-02-1970
DEWI = Person("Dewi Lestari", date(1982, 4, 4), True, "Kasi Pelayanan", 24)
JOKO = Person("Joko Susanto", date(1975, 3, 9), False, "Kepala Dusun", 25)
RINA = Person("Rina Wulandari", date(1990, 6, 1), True, "Kader Posyandu", 26)  # added later

HEADER = ["No.", "No. Induk Kependudukan", "Nama Lengkap", "Tgl. Lahir (dd-mm-yyyy)",
          "Jenis Kelamin", "Jabatan"]  # fmt: skip
BAD_DATE = "31-02-1970"


def corrected(path: Path, out: Path) -> Path:
    """The office's fix: the impossible birth date retyped (cell D7, Agus's row)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.active
    assert sheet["D7"].value == BAD_DATE and sheet["C7"].value == AGUS.name
    sheet["D7"] = AGUS.typed_birth_date
    book.save(out)
    return out


def messy_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    spaced = " ".join(SITI.nik[i : i + 4] for i in range(0, 16, 4))
    rows: list[list[Any]] = [
        ["DAFTAR PERANGKAT DAN KADER DESA SUKAMAJU"],
        ["Keadaan per 1 November 2026"],
        [],
        HEADER,
        [1, "'" + BUDI.nik, BUDI.name, BUDI.born, "Laki-laki", BUDI.position],
        [2, spaced, SITI.name, "17-08-1985", "Perempuan", SITI.position],
        [3, AGUS.nik, AGUS.name, BAD_DATE, "L", AGUS.position],
        [4, DEWI.nik, DEWI.name, "04/04/1982", "P", DEWI.position],
        [5, JOKO.nik, JOKO.name, "9 Maret 1975", "L", JOKO.position],
    ]
    book = Workbook()
    sheet = book.active
    sheet.title = "Perangkat"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path
