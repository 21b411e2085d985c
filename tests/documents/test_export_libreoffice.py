"""A real spreadsheet client reads the export: LibreOffice headless converts it to CSV.

All 16 NIK digits and leading zeros must survive, and nothing that looks like a formula may be
evaluated. Skipped only when LibreOffice is not installed (CI installs it).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from export_kit import (
    HOSTILE,
    NIK_BUDI,
    NIK_ZERO,
    needs_soffice,
    registration_profile,
    registration_record,
    roster_profile,
    roster_record,
    table_of,
    to_csv,
)

from app.documents.xlsx_export import save_verified

pytestmark = [needs_soffice, pytest.mark.slow]


@pytest.fixture(scope="module")
def roster_csv(tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    folder = tmp_path_factory.mktemp("lo-roster")
    records = [roster_record(nik=NIK_ZERO, address=text) for text in HOSTILE]
    records.append(roster_record(nik=NIK_BUDI, phone="0812000111", address="Jl. Raya No. 5"))
    path = save_verified(folder / "iuran.xlsx", table_of(roster_profile(), *records)).path
    return list(csv.reader(io.StringIO(to_csv(path, folder))))


def test_libreoffice_keeps_all_16_nik_digits(roster_csv: list[list[str]]) -> None:
    assert roster_csv[0][:3] == ["No", "NIK", "Nama"]
    niks = [row[1] for row in roster_csv[1:]]
    assert niks == [NIK_ZERO] * len(HOSTILE) + [NIK_BUDI]
    assert all(len(nik) == 16 and "E+" not in nik for nik in niks)


def test_libreoffice_keeps_the_leading_zero_of_a_phone(roster_csv: list[list[str]]) -> None:
    assert roster_csv[-1][4] == "0812000111"


def test_libreoffice_evaluates_no_formula(roster_csv: list[list[str]]) -> None:
    addresses = [row[3] for row in roster_csv[1 : len(HOSTILE) + 1]]
    assert addresses == list(HOSTILE)
    assert "2" not in addresses  # "=1+1" was not computed


def test_libreoffice_reads_money_as_whole_numbers(roster_csv: list[list[str]]) -> None:
    assert roster_csv[1][6] == "2022200"


def test_libreoffice_shows_dates_in_the_profile_pattern(tmp_path: Path) -> None:
    record = registration_record(nik=NIK_ZERO)
    path = save_verified(tmp_path / "daftar.xlsx", table_of(registration_profile(), record)).path
    rows = list(csv.reader(io.StringIO(to_csv(path, tmp_path, as_shown=True))))
    header, data = rows[2], rows[3]
    assert header[:6] == ["NIK", "Nama", "Tempat Lahir", "Tgl Lahir", "Tgl Lahir ISO", "TMT"]
    assert data[0] == NIK_ZERO
    # Text dates, and a real date cell shown through its own number format.
    assert data[3:6] == ["17-08-1975", "1975-08-17", "05/01/2026"]
    assert data[10] == "0101012345670001"  # No. KK with its leading zero
