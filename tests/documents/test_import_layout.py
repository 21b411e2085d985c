"""Finding the header row, reading what each column means, and telling people rows from the
rest (titles, column numbers, repeated headers, totals, signatures). Tables are built in
memory: the readers are tested on real files elsewhere."""

from __future__ import annotations

from typing import Any

import pytest

from app.documents.importing import (
    ColumnMapping,
    Field,
    HeaderNotFound,
    InvalidMapping,
    Table,
    detect_mapping,
    field_of_header,
)
from app.documents.importing.layout import data_rows

NIK_A = "3521011708750001"
NIK_B = "3521014505800002"
NIK_C = "3521010101700003"


def table(*rows: list[Any], merges: tuple[tuple[int, int, int, int], ...] = ()) -> Table:
    return Table("Data", [list(r) for r in rows], merges)


def person(nik: str = NIK_A, name: str = "Budi") -> list[Any]:
    return [nik, name, "17-08-1975", "L"]


HEADER = ["NIK", "Nama", "Tgl Lahir", "L/P"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("NIK", Field.NIK), ("No. KTP", Field.NIK), ("No KTP", Field.NIK),
        ("Nomor Induk Kependudukan", Field.NIK), ("nik (16 digit)", Field.NIK),
        ("Nama", Field.NAME), ("NAMA LENGKAP", Field.NAME), ("Nama Peserta", Field.NAME),
        ("Nama Lengkap sesuai KTP", Field.NAME), ("Tempat Lahir", Field.BIRTH_PLACE),
        ("Tgl. Lahir", Field.BIRTH_DATE), ("Tanggal Lahir", Field.BIRTH_DATE),
        ("Tgl Lahir (dd-mm-yyyy)", Field.BIRTH_DATE), ("TTL", Field.BIRTH_PLACE_DATE),
        ("Tempat, Tanggal Lahir", Field.BIRTH_PLACE_DATE),
        ("Tempat/Tgl Lahir", Field.BIRTH_PLACE_DATE), ("L/P", Field.SEX),
        ("Jenis Kelamin", Field.SEX), ("JK", Field.SEX), ("Sex", Field.SEX),
        ("Jabatan", Field.POSITION), ("Posisi", Field.POSITION), ("Pekerjaan", Field.POSITION),
        ("Kategori", Field.CATEGORY), ("Alamat", Field.ADDRESS), ("RT", Field.RT),
        ("RW", Field.RW), ("RT/RW", Field.RT_RW), ("Dusun", Field.DUSUN),
        ("Dukuh", Field.DUSUN), ("No. HP", Field.PHONE), ("No HP", Field.PHONE),
        ("HP", Field.PHONE), ("Telepon", Field.PHONE), ("No. Telp", Field.PHONE),
        ("Nama Ibu", Field.MOTHER_NAME), ("Nama Ibu Kandung", Field.MOTHER_NAME),
        ("No. KK", Field.NO_KK), ("Nomor KK", Field.NO_KK),
        ("Status Kawin", Field.MARITAL_STATUS), ("Segmen", Field.SEGMENT),
        ("Program", Field.PROGRAMMES), ("Upah", Field.WAGE), ("Gaji", Field.WAGE),
        ("Siltap", Field.WAGE), ("Penghasilan", Field.WAGE), ("Upah (Rp)", Field.WAGE),
        ("Sumber Dana", Field.PAYER), ("Pembiayaan", Field.PAYER), ("TMT", Field.START),
        ("Tanggal Mulai", Field.START), ("KPJ", Field.KPJ), ("No. KPJ", Field.KPJ),
        ("Nomor KPJ", Field.KPJ), ("  nama   LENGKAP  ", Field.NAME),
        # letters typed apart, as many village lists head their columns
        ("N I K", Field.NIK), ("N.I.K.", Field.NIK), ("N I K (16 digit)", Field.NIK),
        ("No. K K", Field.NO_KK), ("T T L", Field.BIRTH_PLACE_DATE), ("L / P", Field.SEX),
    ],
)  # fmt: skip
def test_header_synonyms(text: str, field: Field) -> None:
    assert field_of_header(text) is field


@pytest.mark.parametrize("text", ["No", "No.", "Keterangan", "RT 01", "", "Ttd", "Nomor"])
def test_texts_that_name_no_field(text: str) -> None:
    assert field_of_header(text) is None


def test_header_found_below_title_and_blank_rows() -> None:
    sheet = table(
        ["DAFTAR PERANGKAT DESA SUKAMAJU TAHUN 2026"],
        ["Kecamatan Paron"],
        [],
        ["No", *HEADER],
        [1, *person()],
    )
    mapping, warnings = detect_mapping(sheet)
    assert (mapping.header_row, mapping.data_row) == (4, 5)
    assert mapping.fields == (None, Field.NIK, Field.NAME, Field.BIRTH_DATE, Field.SEX)
    assert mapping.headers == ("No", "NIK", "Nama", "Tgl Lahir", "L/P")
    assert warnings == []


def test_a_title_that_starts_like_a_header_stays_a_title() -> None:
    sheet = table(["Nama Desa: Sukamaju"], [None, *HEADER], [None, *person()])
    mapping, _ = detect_mapping(sheet)
    assert (mapping.header_row, mapping.fields[1]) == (2, Field.NIK)


def test_no_header_in_the_first_rows_is_an_unreadable_file() -> None:
    sheet = table(["Laporan keuangan"], ["Belanja", 100], ["Pendapatan", 200])
    with pytest.raises(HeaderNotFound) as caught:
        detect_mapping(sheet)
    assert caught.value.field == "file"
    assert "judul kolom" in caught.value.message


def test_header_below_row_30_is_not_looked_for() -> None:
    sheet = table(*([["catatan"]] * 30), HEADER, person())
    with pytest.raises(HeaderNotFound):
        detect_mapping(sheet)


def test_merged_place_and_date_header_is_split_into_both() -> None:
    sheet = table(
        ["NIK", "Nama", "Tempat, Tanggal Lahir", None, "L/P"],
        [NIK_A, "Budi", "Ngawi", "17-08-1975", "L"],
        merges=((0, 2, 0, 3),),
    )
    mapping, _ = detect_mapping(sheet)
    assert mapping.fields == (Field.NIK, Field.NAME, Field.BIRTH_PLACE, Field.BIRTH_DATE, Field.SEX)
    assert mapping.headers[3] == "Tempat, Tanggal Lahir"


def test_unmerged_blank_continuation_with_data_is_split_too() -> None:
    """ODS and CSV lose merges: a blank header right of TTL whose column holds data."""
    sheet = table(
        ["NIK", "Nama", "TTL", "", "L/P"],
        [NIK_A, "Budi", "Ngawi", "17-08-1975", "L"],
    )
    mapping, _ = detect_mapping(sheet)
    assert mapping.fields[2:4] == (Field.BIRTH_PLACE, Field.BIRTH_DATE)


def test_one_column_ttl_stays_one_field() -> None:
    mapping, _ = detect_mapping(table(["NIK", "Nama", "TTL", "L/P"], person()))
    assert mapping.fields[2] is Field.BIRTH_PLACE_DATE


def test_two_row_header_takes_sub_headers_under_a_merged_group() -> None:
    sheet = table(
        ["NIK", "Nama", "Alamat", None, None, "L/P"],
        [None, None, "Dusun", "RT", "RW", None],
        [NIK_A, "Budi", "Krajan", 1, 2, "L"],
        merges=((0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4), (0, 5, 1, 5)),
    )
    mapping, _ = detect_mapping(sheet)
    assert (mapping.header_row, mapping.data_row) == (1, 3)
    assert mapping.fields == (
        Field.NIK, Field.NAME, Field.DUSUN, Field.RT, Field.RW, Field.SEX,
    )  # fmt: skip
    assert mapping.headers == ("NIK", "Nama", "Dusun", "RT", "RW", "L/P")


def test_sub_header_row_with_more_fields_still_uses_the_row_above() -> None:
    """NIK and Nama merged downwards, the lower row naming three fields of its own."""
    sheet = table(
        ["NIK", "Nama", "Domisili", None, None],
        [None, None, "Dusun", "RT", "RW"],
        [NIK_A, "Budi", "Krajan", 1, 2],
    )
    mapping, _ = detect_mapping(sheet)
    assert mapping.header_row == 1
    assert mapping.fields == (Field.NIK, Field.NAME, Field.DUSUN, Field.RT, Field.RW)


def test_first_person_without_a_nik_is_not_taken_for_a_sub_header() -> None:
    sheet = table(
        ["NIK", "Nama", "Dusun", "L/P"],
        ["", "Budi Santoso", "Dusun Krajan", "L"],
        [NIK_A, "Siti", "Krajan", "P"],
    )
    mapping, _ = detect_mapping(sheet)
    assert (mapping.header_row, mapping.data_row) == (1, 2)
    assert rows_of(sheet) == [2, 3]


def test_a_field_named_twice_is_read_from_the_first_column_with_a_warning() -> None:
    sheet = table(["NIK", "Nama", "No. HP", "Telepon"], [NIK_A, "Budi", "0812", "0813"])
    mapping, warnings = detect_mapping(sheet)
    assert mapping.fields == (Field.NIK, Field.NAME, Field.PHONE, None)
    assert [(w.row, w.column, w.code, w.severity.value) for w in warnings] == [
        (1, "Telepon", "column_duplicate", "warning")
    ]


def test_forced_header_row() -> None:
    sheet = table(["Nama Desa", "Sukamaju"], ["Nama", "NIK"], ["Budi", NIK_A])
    mapping, _ = detect_mapping(sheet, header_row=2)
    assert mapping.fields == (Field.NAME, Field.NIK)
    with pytest.raises(InvalidMapping):
        detect_mapping(sheet, header_row=9)


# -- the mapping as the wizard changes it -----------------------------------------------------
def mapping() -> ColumnMapping:
    return ColumnMapping(
        header_row=1, data_row=2, headers=("NIK", "Nama", "Keterangan"),
        fields=(Field.NIK, Field.NAME, None),
    )  # fmt: skip


def test_with_field_assigns_a_column() -> None:
    changed = mapping().with_field(2, Field.POSITION)
    assert changed.fields == (Field.NIK, Field.NAME, Field.POSITION)
    assert changed.column_of(Field.POSITION) == 2


def test_with_field_moves_a_field_that_was_elsewhere() -> None:
    changed = mapping().with_field(2, Field.NAME)
    assert changed.fields == (Field.NIK, None, Field.NAME)


def test_with_field_none_drops_a_column() -> None:
    assert mapping().with_field(0, None).column_of(Field.NIK) is None


def test_with_field_outside_the_sheet_is_refused() -> None:
    with pytest.raises(InvalidMapping) as caught:
        mapping().with_field(7, Field.RT)
    assert caught.value.field == "mapping"


def test_a_mapping_with_one_field_twice_is_refused() -> None:
    with pytest.raises(InvalidMapping):
        ColumnMapping(1, 2, ("a", "b"), (Field.NIK, Field.NIK))


def test_data_row_above_the_header_is_refused() -> None:
    with pytest.raises(InvalidMapping):
        ColumnMapping(3, 3, ("a",), (Field.NIK,))


# -- which rows are people -------------------------------------------------------------------
def rows_of(sheet: Table) -> list[int]:
    found, _ = detect_mapping(sheet)
    return [number for number, _ in data_rows(sheet, found)]


def test_blank_rows_are_skipped_and_reading_goes_on() -> None:
    sheet = table(HEADER, person(NIK_A), [], [None, "  "], person(NIK_B), person(NIK_C))
    assert rows_of(sheet) == [2, 5, 6]


def test_column_number_row_under_the_header_is_skipped() -> None:
    assert rows_of(table(HEADER, [1, 2, 3, 4], person())) == [3]
    assert rows_of(table(HEADER, ["(1)", "(2)", "(3)", "(4)"], person())) == [3]


def test_total_row_ends_the_list() -> None:
    sheet = table(HEADER, person(NIK_A), person(NIK_B), ["JUMLAH", None, None, 2], person(NIK_C))
    assert rows_of(sheet) == [2, 3, 5]  # a NIK below: a sub-total, skipped
    sheet = table(HEADER, person(NIK_A), ["Jumlah", 1], ["Total keseluruhan"], ["x", "y", "z"])
    assert rows_of(sheet) == [2]


def test_total_in_the_second_cell_after_a_number_column() -> None:
    sheet = table(["No", *HEADER], [1, *person()], [None, "TOTAL", None, None, None])
    assert rows_of(sheet) == [2]


def test_repeated_header_after_a_page_break_is_skipped() -> None:
    sheet = table(HEADER, person(NIK_A), HEADER, person(NIK_B))
    assert rows_of(sheet) == [2, 4]


def test_signature_block_below_the_last_nik_is_not_data() -> None:
    sheet = table(
        HEADER, person(NIK_A), person(NIK_B), [],
        [None, "Sukamaju, 21 November 2026"], [None, "Kepala Desa"], [], [None, "SUPARMAN"],
    )  # fmt: skip
    assert rows_of(sheet) == [2, 3]


def test_a_person_without_nik_in_the_middle_is_still_data() -> None:
    sheet = table(HEADER, person(NIK_A), ["", "Tanpa NIK", "", ""], person(NIK_B))
    assert rows_of(sheet) == [2, 3, 4]


def test_a_full_row_without_nik_below_the_last_nik_is_still_data() -> None:
    sheet = table(HEADER, person(NIK_A), ["", "Sri Lestari", "01-01-1980", "P"])
    assert rows_of(sheet) == [2, 3]


def test_data_rows_without_any_nik_are_anchored_on_names() -> None:
    sheet = table(HEADER, ["", "Budi", "17-08-1975", "L"], ["", "Siti", "", "P"])
    assert rows_of(sheet) == [2, 3]
