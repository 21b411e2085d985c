"""Written workbooks read back with openpyxl: text cells, no formulas, dates, properties, and
the atomic write with its read-back check."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import IO

import pytest
from export_kit import (
    HOSTILE,
    NIK_BUDI,
    NIK_SITI,
    NIK_ZERO,
    cells,
    custom_properties,
    part_files,
    registration_profile,
    registration_record,
    roster_profile,
    roster_record,
    table_of,
)

from app.documents.export_table import Table
from app.documents.xlsx_export import (
    DocumentInfo,
    ExportCheckFailed,
    ExportWriteFailed,
    save_verified,
    write_table,
)


def hostile_roster() -> Table:
    records = [roster_record(nik=NIK_ZERO, name="Siti Aminah", address=text) for text in HOSTILE]
    records.append(roster_record(nik=NIK_BUDI, name="Budi", phone="0812000111", address=None))
    return table_of(roster_profile(), *records)


def test_identifiers_and_phones_are_text_cells_with_every_digit(tmp_path: Path) -> None:
    path = save_verified(tmp_path / "iuran.xlsx", hostile_roster()).path
    rows = cells(path, "Iuran")
    assert rows[0][1] == ("s", "NIK")
    for row in rows[1:]:
        nik_type, nik = row[1]
        assert nik_type == "s" and len(nik) == 16 and nik in (NIK_ZERO, NIK_BUDI)
    assert rows[1][1] == ("s", "1101010101000001")
    assert rows[-1][4] == ("s", "0812000111")


def test_no_cell_is_a_formula_even_when_the_text_starts_like_one(tmp_path: Path) -> None:
    path = save_verified(tmp_path / "iuran.xlsx", hostile_roster()).path
    rows = cells(path, "Iuran")
    assert all(kind != "f" for row in rows for kind, _ in row)
    assert all(kind != "e" for row in rows for kind, _ in row)
    assert [row[3] for row in rows[1 : len(HOSTILE) + 1]] == [("s", text) for text in HOSTILE]


def test_formula_looking_text_carries_the_quote_prefix_style(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = save_verified(tmp_path / "iuran.xlsx", hostile_roster()).path
    sheet = load_workbook(path)["Iuran"]  # full mode: styles are read too
    assert all(sheet.cell(row=r, column=4).quotePrefix for r in range(2, len(HOSTILE) + 2))
    assert not sheet.cell(row=2, column=3).quotePrefix  # an ordinary name
    assert sheet.cell(row=2, column=4).data_type == "s"


def test_a_header_that_starts_like_a_formula_stays_text(tmp_path: Path) -> None:
    profile = roster_profile()
    columns = list(profile.columns)
    columns[3] = dataclasses.replace(columns[3], header="=Alamat")
    table = table_of(dataclasses.replace(profile, columns=tuple(columns)), roster_record())
    rows = cells(save_verified(tmp_path / "x.xlsx", table).path, "Iuran")
    assert rows[0][3] == ("s", "=Alamat")


def test_money_is_written_as_integer_numbers(tmp_path: Path) -> None:
    rows = cells(save_verified(tmp_path / "x.xlsx", hostile_roster()).path, "Iuran")
    assert rows[1][6] == ("n", 2_022_200) and isinstance(rows[1][6][1], int)
    assert rows[1][0] == ("n", 1)


def test_dates_are_text_in_the_pattern_or_date_cells_with_that_format(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    table = table_of(registration_profile(), registration_record())
    path = save_verified(tmp_path / "daftar.xlsx", table).path
    rows = cells(path, "Daftar")
    data = rows[3]
    assert data[3] == ("s", "17-08-1975")
    assert data[4] == ("d", datetime(1975, 8, 17))
    assert data[5] == ("s", "05/01/2026")
    fmt = load_workbook(path)["Daftar"].cell(row=4, column=5).number_format
    assert fmt == "yyyy\\-mm\\-dd"  # separators escaped: never the locale's date separator


def test_the_header_is_on_the_profile_start_row(tmp_path: Path) -> None:
    table = table_of(registration_profile(), registration_record())
    rows = cells(save_verified(tmp_path / "daftar.xlsx", table).path, "Daftar")
    assert all(value is None for row in rows[:2] for _, value in row)
    assert rows[2][0] == ("s", "NIK") and rows[3][0] == ("s", NIK_BUDI)


def test_the_workbook_properties_carry_the_profile_name_and_version(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    info = DocumentInfo(description="Iuran 2026-11 (draf)", custom={"payung_period": "2026-11"})
    path = save_verified(tmp_path / "iuran.xlsx", hostile_roster(), info).path
    props = load_workbook(path, read_only=True).properties
    assert props.title == "Uji iuran"
    assert props.subject == "Profil ekspor uji-iuran versi 3"
    assert "payung-profile=uji-iuran" in props.keywords
    assert "payung-profile-version=3" in props.keywords
    assert props.description == "Iuran 2026-11 (draf)"
    custom = custom_properties(path)
    expected = {
        "payung_profile": "uji-iuran", "payung_profile_version": "3",
        "payung_profile_kind": "roster", "payung_period": "2026-11",
    }  # fmt: skip
    for name, value in expected.items():
        assert f'name="{name}"' in custom and f">{value}<" in custom


def test_the_result_names_the_file_rows_and_profile(tmp_path: Path) -> None:
    written = save_verified(tmp_path / "iuran.xlsx", hostile_roster())
    assert (written.path, written.rows, written.profile, written.version) == (
        tmp_path / "iuran.xlsx",
        len(HOSTILE) + 1,
        "uji-iuran",
        "3",
    )
    assert part_files(tmp_path) == []


# -- atomic write and read-back ---------------------------------------------------------------
def failing_writer(fh: IO[bytes], table: Table, info: DocumentInfo) -> None:
    fh.write(b"PK\x03\x04 half a workbook")
    raise OSError(28, "No space left on device")


def test_a_failing_write_leaves_no_file_and_no_part(tmp_path: Path) -> None:
    target = tmp_path / "iuran.xlsx"
    with pytest.raises(ExportWriteFailed) as caught:
        save_verified(target, hostile_roster(), write=failing_writer)
    assert caught.value.field == "out" and "disk atau flashdisk penuh" in caught.value.message
    assert not target.exists() and part_files(tmp_path) == []


def test_a_failing_write_keeps_the_previous_complete_file(tmp_path: Path) -> None:
    target = save_verified(tmp_path / "iuran.xlsx", hostile_roster()).path
    before = target.read_bytes()
    with pytest.raises(ExportWriteFailed):
        save_verified(target, table_of(roster_profile(), roster_record()), write=failing_writer)
    assert target.read_bytes() == before and part_files(tmp_path) == []


def writer_of(other: Table) -> object:
    """A serialiser that writes a different table than the one it is given: what a writer bug
    (or a cell turned into a number on the way) looks like to the read-back."""

    def write(fh: IO[bytes], table: Table, info: DocumentInfo) -> None:
        write_table(fh, other, info)

    return write


def test_a_file_that_differs_from_what_was_meant_is_removed(tmp_path: Path) -> None:
    meant = table_of(roster_profile(), roster_record(nik=NIK_SITI, wage=2_022_200))
    written = table_of(roster_profile(), roster_record(nik=NIK_SITI, wage=2_022_201))
    target = tmp_path / "iuran.xlsx"
    with pytest.raises(ExportCheckFailed) as caught:
        save_verified(target, meant, write=writer_of(written))  # type: ignore[arg-type]
    assert "sel G2: tertulis 2022201" in caught.value.message
    assert "seharusnya 2022200" in caught.value.message
    assert not target.exists() and part_files(tmp_path) == []


def test_a_nik_written_as_a_number_is_caught_by_the_read_back(tmp_path: Path) -> None:
    meant = table_of(roster_profile(), roster_record(nik=NIK_SITI))
    as_number = dataclasses.replace(meant, rows=[[1, int(NIK_SITI), *meant.rows[0][2:]]])
    with pytest.raises(ExportCheckFailed, match="sel B2"):
        save_verified(tmp_path / "x.xlsx", meant, write=writer_of(as_number))  # type: ignore[arg-type]


def test_a_formula_in_the_file_is_caught_by_the_read_back(tmp_path: Path) -> None:
    meant = table_of(roster_profile(), roster_record(address="=1+1"))
    # The same rows, but the risky cell not marked: openpyxl would store it as a formula.
    unguarded = dataclasses.replace(meant, styled=[()])
    with pytest.raises(ExportCheckFailed, match="sel D2"):
        save_verified(tmp_path / "x.xlsx", meant, write=writer_of(unguarded))  # type: ignore[arg-type]


def test_a_check_failure_keeps_the_previous_complete_file(tmp_path: Path) -> None:
    target = save_verified(tmp_path / "iuran.xlsx", hostile_roster()).path
    before = target.read_bytes()
    meant = table_of(roster_profile(), roster_record())
    with pytest.raises(ExportCheckFailed):
        save_verified(target, meant, write=writer_of(hostile_roster()))  # type: ignore[arg-type]
    assert target.read_bytes() == before


def test_a_folder_that_cannot_hold_the_file_is_a_write_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    with pytest.raises(ExportWriteFailed) as caught:
        save_verified(blocker / "iuran.xlsx", hostile_roster())
    assert str(blocker) in caught.value.message


def test_the_missing_folder_of_the_target_is_made(tmp_path: Path) -> None:
    target = tmp_path / "flashdisk" / "bpjs" / "iuran.xlsx"
    assert save_verified(target, hostile_roster()).path.exists()


def test_dates_read_back_equal_the_dates_meant(tmp_path: Path) -> None:
    table = table_of(registration_profile(), registration_record(birth_date=date(2000, 2, 29)))
    rows = cells(save_verified(tmp_path / "d.xlsx", table).path, "Daftar")
    assert rows[3][3] == ("s", "29-02-2000") and rows[3][4][1] == datetime(2000, 2, 29)


def test_an_empty_date_is_an_empty_cell(tmp_path: Path) -> None:
    profile = registration_profile()
    columns = tuple(dataclasses.replace(c, required=False) for c in profile.columns)
    record = registration_record(birth_date=None)
    table = table_of(dataclasses.replace(profile, columns=columns), record)
    rows = cells(save_verified(tmp_path / "d.xlsx", table).path, "Daftar")
    assert [value for _, value in rows[3][3:5]] == [None, None]
