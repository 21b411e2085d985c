"""Cell values to checked data: the NIK rule, dates, sex, job titles, identity numbers,
enrollment columns, and the problems each row gets (row number, column, code, severity)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from factories import make_nik
from wording import assert_indonesian_with_fix

from app.documents.importing import Field, ImportRow, Problem, Table, detect_mapping
from app.documents.importing.check import SheetChecker
from app.documents.importing.layout import data_rows
from app.documents.importing.problems import CODES
from app.documents.importing.titles import category_of_text, category_of_title
from app.documents.importing.values import (
    date_text,
    programmes_text,
    read_nik,
    read_rt_rw,
    sex_text,
    split_place_date,
    text_of,
)
from app.domain.categories import Category
from app.domain.rates import Payer, Programme, Segment
from tests.factories_contrib import rates_on

TODAY = date(2026, 11, 21)
BORN = date(1980, 5, 5)
NIK_L = make_nik(BORN, "L", serial=301)
NIK_P = make_nik(BORN, "P", serial=302)


def check(
    header: list[str], *rows: list[Any], registered: Any = None
) -> tuple[list[ImportRow], list[Problem]]:
    sheet = Table("Data", [header, *[list(r) for r in rows]])
    mapping, _ = detect_mapping(sheet)
    checker = SheetChecker(mapping, today=TODAY, rates_at=rates_on, registered=registered)
    sheet_problems, _ = checker.sheet_problems()
    return checker.check(data_rows(sheet, mapping)), sheet_problems


def one(header: list[str], row: list[Any]) -> ImportRow:
    rows, _ = check(header, row)
    assert len(rows) == 1
    return rows[0]


def codes(row: ImportRow) -> set[tuple[int, str, str, str]]:
    return {(p.row, p.column, p.code, p.severity.value) for p in row.problems}


BASIC = ["NIK", "Nama", "Tgl Lahir", "L/P", "Jabatan"]


def basic(nik: Any = NIK_L, born: Any = "05-05-1980", sex: Any = "L", title: Any = "Kaur Umum"):
    return [nik, "Budi Santoso", born, sex, title]


# -- values -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(1980, 5, 5), "1980-05-05"), (datetime(1980, 5, 5, 0, 0), "1980-05-05"),
        (29346, "1980-05-05"), (29346.0, "1980-05-05"), (29346.75, "1980-05-05"),
        ("05-05-1980", "05-05-1980"), ("05/05/1980 00:00:00", "05/05/1980"),
        ("1980-05-05 00:00", "1980-05-05"), ("12 Mei 1980", "12 Mei 1980"), (None, ""),
    ],
)  # fmt: skip
def test_date_cells_become_text_parse_date_reads(value: Any, text: str) -> None:
    assert date_text(value) == text


@pytest.mark.parametrize(
    "cell", [date(1980, 5, 12), 29353, "12-05-1980", "12/05/1980", "1980-05-12", "12 Mei 1980",
             "12 mei 1980", "12 MEI 1980"],
)  # fmt: skip
def test_every_date_form_gives_the_same_birth_date(cell: Any) -> None:
    row = one(BASIC, basic(make_nik(date(1980, 5, 12), "L", serial=303), born=cell))
    assert row.valid, row.problems
    assert row.worker is not None and row.worker.birth_date == date(1980, 5, 12)


def test_text_of_numbers_drops_the_trailing_zero() -> None:
    assert (text_of(3.0), text_of(2.5), text_of(7), text_of(None), text_of(True)) == (
        "3", "2.5", "7", "", "TRUE",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "sex"),
    [("L", "L"), ("l", "L"), ("LK", "L"), ("Laki-laki", "L"), ("LAKI - LAKI", "L"),
     ("Pria", "L"), ("P", "P"), ("PR", "P"), ("Perempuan", "P"), ("wanita", "P")],
)  # fmt: skip
def test_sex_spellings(raw: str, sex: str) -> None:
    assert sex_text(raw) == sex


def test_unknown_sex_is_an_error_on_its_column() -> None:
    row = one(BASIC, basic(sex="X"))
    assert codes(row) == {(2, "L/P", "sex_unknown", "error")}


@pytest.mark.parametrize(
    ("cell", "place", "day"),
    [
        ("Ngadirejo, 12 Mei 1980", "Ngadirejo", "12 Mei 1980"),
        ("NGAWI, 12-05-1980", "NGAWI", "12-05-1980"),
        ("Ngawi / 12/05/1980", "Ngawi", "12/05/1980"),
        ("Ngawi 1980-05-12", "Ngawi", "1980-05-12"),
        ("Ngawi", "Ngawi", ""),
        (date(1980, 5, 12), "", "1980-05-12"),
    ],
)
def test_place_and_date_in_one_cell(cell: Any, place: str, day: str) -> None:
    assert split_place_date(cell) == (place, day)


def test_rt_rw_in_one_cell() -> None:
    assert read_rt_rw("003/012")[:2] == ("003", "012")
    assert read_rt_rw("RT 3 RW 12")[:2] == ("3", "12")
    rt, rw, warning = read_rt_rw(datetime(2026, 12, 3))  # Excel made 3/12 a date
    assert (rt, rw) == ("3", "12") and warning is not None and warning[0] == "rt_rw_date"


def test_programmes_spellings() -> None:
    for raw in (
        "JKK, JKM, JHT",
        "JKK+JKM+JHT",
        "JKK/JKM/JHT",
        "JKK dan JKM dan JHT",
        "JKK JKM JHT",
    ):
        assert programmes_text(raw) == "JKK,JKM,JHT"


# -- job titles --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("Kepala Desa", Category.KEPALA_DESA), ("Kades", Category.KEPALA_DESA),
        ("Petinggi", Category.KEPALA_DESA), ("Pj. Kepala Desa", Category.KEPALA_DESA),
        ("Sekdes", Category.SEKRETARIS_DESA), ("Sekretaris Desa", Category.SEKRETARIS_DESA),
        ("Kaur Keuangan", Category.PERANGKAT_DESA), ("Kasi Pemerintahan", Category.PERANGKAT_DESA),
        ("Kasun Krajan", Category.PERANGKAT_DESA), ("Kamituwo", Category.PERANGKAT_DESA),
        ("Kepala Dusun Sidomulyo", Category.PERANGKAT_DESA), ("Kadus", Category.PERANGKAT_DESA),
        ("Ketua RT 01", Category.KETUA_RT), ("RT 05", Category.KETUA_RT),
        ("Ketua RW 02", Category.KETUA_RW), ("Anggota BPD", Category.BPD),
        ("Ketua BPD", Category.BPD), ("Sekretaris BPD", Category.BPD),
        ("Kader Posyandu Mawar", Category.KADER_POSYANDU), ("Linmas", Category.LINMAS),
        ("Hansip", Category.LINMAS), ("Anggota Linmas", Category.LINMAS),
        ("Guru Ngaji", Category.GURU_NGAJI), ("Guru TPQ Al-Ikhlas", Category.GURU_NGAJI),
        ("Marbot Masjid Baiturrahman", Category.MARBOT), ("Takmir", Category.MARBOT),
        ("Petani", Category.PETANI), ("Buruh Tani", Category.BURUH_TANI),
        ("Nelayan", Category.NELAYAN), ("Tukang Batu", Category.PEKERJA_KONSTRUKSI),
        ("Kuli Bangunan", Category.PEKERJA_KONSTRUKSI), ("Pedagang Sayur", Category.UMKM),
        ("Pelaku UMKM", Category.UMKM),
    ],
)  # fmt: skip
def test_job_titles_to_categories(title: str, category: Category) -> None:
    assert category_of_title(title) is category


@pytest.mark.parametrize("title", ["Juru Parkir", "Sopir", "Kepala Sekolah", ""])
def test_unknown_titles(title: str) -> None:
    assert category_of_title(title) is None


def test_category_words() -> None:
    assert category_of_text("perangkat_desa") is Category.PERANGKAT_DESA
    assert category_of_text("Anggota BPD") is Category.BPD
    assert category_of_text("Perangkat") is Category.PERANGKAT_DESA
    assert category_of_text("Kader") is Category.KADER_POSYANDU


def test_title_kept_as_position_under_its_category() -> None:
    row = one(BASIC, basic(title="Kasun Krajan"))
    assert row.worker is not None
    assert (row.worker.category, row.worker.position) == (Category.PERANGKAT_DESA, "Kasun Krajan")


def test_unknown_title_goes_under_lainnya_with_a_warning() -> None:
    row = one(BASIC, basic(title="Juru Parkir"))
    assert row.valid and row.worker is not None
    assert (row.worker.category, row.worker.position) == (Category.LAINNYA, "Juru Parkir")
    assert codes(row) == {(2, "Jabatan", "category_guessed", "warning")}


def test_explicit_category_column_wins_over_the_title() -> None:
    row = one([*BASIC, "Kategori"], [*basic(title="Kaur Umum"), "Anggota BPD"])
    assert row.worker is not None
    assert (row.worker.category, row.worker.position) == (Category.BPD, "Kaur Umum")


def test_unknown_category_word_is_an_error() -> None:
    row = one([*BASIC, "Kategori"], [*basic(), "Pengurus"])
    assert codes(row) == {(2, "Kategori", "category_unknown", "error")}


# -- the NIK rule ------------------------------------------------------------------------------
def test_text_nik_is_checked_against_birth_date_and_sex() -> None:
    assert one(BASIC, basic()).valid
    row = one(BASIC, basic(sex="P"))
    assert codes(row) == {(2, "NIK", "nik_sex_mismatch", "error")}
    row = one(BASIC, basic(born="06-05-1980"))
    assert codes(row) == {(2, "NIK", "nik_birth_date_mismatch", "error")}


def test_numeric_nik_that_may_be_whole_is_a_warning() -> None:
    row = one(BASIC, basic(nik=float(NIK_L)))
    assert row.valid and row.worker is not None and row.worker.nik == NIK_L
    assert codes(row) == {(2, "NIK", "nik_numeric_suspect", "warning")}
    assert one(BASIC, basic(nik=int(NIK_L))).valid


@pytest.mark.parametrize(
    "cell",
    [
        3521010505800000.0,  # Excel kept 15 digits: the last became 0
        352101050580001,  # 15 digits
        3.52101e15,
        9_512_345_678_901_235.0,  # beyond 2**53: a float cannot hold it whole
        35210105058.5,
        "3.52101E+15",
        "3,52101E+15",
        "'3.52101E+15",
        "3521010505800000.0",
    ],
)
def test_numeric_nik_that_cannot_be_valid_is_an_error(cell: Any) -> None:
    row = one(BASIC, basic(nik=cell))
    assert not row.valid
    assert codes(row) == {(2, "NIK", "nik_numeric", "error")}
    assert_indonesian_with_fix(row.problems[0].message)


def test_numeric_nik_that_disagrees_says_it_was_a_number() -> None:
    row = one(BASIC, basic(nik=float(NIK_L), sex="P"))
    assert codes(row) == {(2, "NIK", "nik_sex_mismatch", "error")}
    assert row.problems[0].message.startswith("NIK tersimpan sebagai angka")


def test_read_nik_keeps_text_as_typed() -> None:
    assert read_nik(" 3521.0105.0580.0001 ").text == "3521.0105.0580.0001"
    assert read_nik("'3521010505800001").text == "3521010505800001"
    assert read_nik("3521010505800001.0").numeric


def test_nik_text_with_separators_is_accepted() -> None:
    spaced = f"{NIK_L[:4]} {NIK_L[4:8]} {NIK_L[8:12]} {NIK_L[12:]}"
    row = one(BASIC, basic(nik=spaced))
    assert row.valid and row.worker is not None and row.worker.nik == NIK_L


def test_missing_sex_and_birth_date_are_taken_from_the_nik_with_a_warning() -> None:
    row = one(BASIC, [NIK_P, "Siti", None, None, "Kader Posyandu"])
    assert row.valid and row.worker is not None
    assert (row.worker.sex.value, row.worker.birth_date) == ("P", BORN)
    assert codes(row) == {
        (2, "L/P", "sex_from_nik", "warning"),
        (2, "Tgl Lahir", "birth_date_from_nik", "warning"),
    }


def test_without_those_columns_one_warning_for_the_sheet() -> None:
    rows, sheet = check(["NIK", "Nama"], [NIK_P, "Siti"], [NIK_L, "Budi"])
    assert all(r.valid and not r.problems for r in rows)
    assert {(p.row, p.code, p.severity.value) for p in sheet} == {(1, "column_missing", "warning")}
    assert len(sheet) == 3  # birth date, sex, category


def test_without_a_nik_column_nothing_can_be_imported() -> None:
    _, sheet = check(["Nama", "L/P"], ["Budi", "L"])
    assert [(p.row, p.code, p.severity.value) for p in sheet if p.is_error] == [
        (1, "column_missing", "error")
    ]


# -- other identity numbers and contacts -------------------------------------------------------
def test_phone_typed_as_a_number_gets_its_zero_back() -> None:
    row = one([*BASIC, "No. HP"], [*basic(), 81234567890])
    assert row.worker is not None and row.worker.phone == "081234567890"
    assert codes(row) == {(2, "No. HP", "phone_numeric", "warning")}


def test_kk_typed_as_a_number_with_lost_digits_is_dropped_with_a_warning() -> None:
    row = one([*BASIC, "No. KK"], [*basic(), 3521010101200000.0])
    assert row.valid and row.worker is not None and row.worker.no_kk is None
    assert codes(row) == {(2, "No. KK", "kk_numeric", "warning")}


def test_rt_rw_date_cell_is_read_back_with_a_warning() -> None:
    row = one([*BASIC, "RT/RW"], [*basic(), datetime(2026, 12, 3)])
    assert row.worker is not None and (row.worker.rt, row.worker.rw) == ("003", "012")
    assert codes(row) == {(2, "RT/RW", "rt_rw_date", "warning")}


def test_bad_phone_is_an_error_on_its_column() -> None:
    row = one([*BASIC, "No. HP"], [*basic(), "nomor saya"])
    assert codes(row) == {(2, "No. HP", "phone_invalid", "error")}


# -- enrollment columns ------------------------------------------------------------------------
ENROLL = [*BASIC, "Segmen", "Program", "Upah", "Sumber Dana", "TMT", "KPJ"]


def test_enrollment_columns_build_a_coverage_period() -> None:
    row = one(ENROLL, [*basic(), "PU", "JKK, JKM", "2.022.200", "APBDes", "01-01-2026",
                       "123-4567-8901"])  # fmt: skip
    assert row.valid and row.enrollment is not None
    e = row.enrollment
    assert (e.segment, e.programmes, e.wage, e.payer, e.start, e.risk_class, e.kpj) == (
        Segment.PU, frozenset({Programme.JKK, Programme.JKM}), 2_022_200, Payer.APBDES,
        date(2026, 1, 1), 1, "12345678901",
    )  # fmt: skip
    assert row.worker is not None and row.worker.kpj == "12345678901"


@pytest.mark.parametrize(
    ("payer", "code"),
    [("ADD", Payer.APBDES), ("Dana Desa", Payer.APBDES), ("Pemkab", Payer.APBD),
     ("DBHCHT", Payer.DBHCHT), ("Mandiri", Payer.SELF), ("CSR", Payer.DONOR)],
)  # fmt: skip
def test_payer_spellings(payer: str, code: Payer) -> None:
    row = one(ENROLL, [*basic(), "Bukan Penerima Upah", "JKK,JKM", 1_000_000, payer,
                       date(2026, 2, 1), None])  # fmt: skip
    assert row.enrollment is not None
    assert (row.enrollment.segment, row.enrollment.payer) == (Segment.BPU, code)


def test_a_bpu_income_outside_the_brackets_is_refused() -> None:
    row = one(ENROLL, [*basic(), "BPU", "JKK,JKM", 1_500_000, "APBD", "2026-02-01", None])
    assert codes(row) == {(2, "Upah", "enrollment_invalid", "error")}
    assert row.worker is None and row.enrollment is None


def test_enrollment_errors_point_at_their_column() -> None:
    row = one(ENROLL, [*basic(), "PU", "JKK", 2_022_200, "APBDes", "2026-01-01", None])
    assert codes(row) == {(2, "Program", "enrollment_invalid", "error")}
    row = one(ENROLL, [*basic(), "PU", "JKK,JKM", 2_022_200, "pak lurah", "2026-01-01", None])
    assert codes(row) == {(2, "Sumber Dana", "enrollment_invalid", "error")}
    row = one(ENROLL, [*basic(), "PU", "JKK,JKM", 2_022_200, "APBDes", None, None])
    assert codes(row) == {(2, "TMT", "enrollment_invalid", "error")}


def test_row_without_enrollment_cells_enrolls_nobody() -> None:
    row = one(ENROLL, [*basic(), None, None, None, None, None, None])
    assert row.valid and row.enrollment is None


def test_wage_alone_is_not_an_enrollment() -> None:
    rows, sheet = check([*BASIC, "Siltap"], [*basic(), 2_426_640])
    assert rows[0].valid and rows[0].enrollment is None
    assert [p.code for p in sheet] == ["enrollment_columns_incomplete"]


def test_missing_enrollment_columns_are_named_once() -> None:
    _, sheet = check([*BASIC, "Segmen", "Program"], [*basic(), "PU", "JKK,JKM"])
    assert [p.code for p in sheet] == ["enrollment_columns_incomplete"]
    assert "Upah" in sheet[0].message and "TMT" in sheet[0].message


# -- duplicates --------------------------------------------------------------------------------
def test_duplicates_in_the_file_name_each_other() -> None:
    other = make_nik(BORN, "L", serial=304)
    rows, _ = check(BASIC, basic(), basic(nik=other), basic(), basic())
    assert [r.valid for r in rows] == [False, True, False, False]
    first = [p for p in rows[0].problems if p.code == "duplicate_in_file"]
    assert [(p.row, p.column, p.severity.value) for p in first] == [(2, "NIK", "error")]
    assert "baris 4 (Budi Santoso), 5 (Budi Santoso)" in first[0].message
    assert "baris 2 (Budi Santoso), 5" in rows[2].problems[0].message


def test_duplicates_against_the_register_name_the_person() -> None:
    def registered(niks: list[str]) -> dict[str, str]:
        return {NIK_L: "Slamet Riyadi"} if NIK_L in niks else {}

    rows, _ = check(BASIC, basic(), registered=registered)
    assert codes(rows[0]) == {(2, "NIK", "duplicate_in_register", "error")}
    assert "Slamet Riyadi" in rows[0].problems[0].message


# -- wording -----------------------------------------------------------------------------------
def test_every_code_made_here_is_documented() -> None:
    rows, sheet = check(
        [*BASIC, "No. HP", "No. KK"],
        [*basic(nik="3.52E+15"), 81234567890, 3521010101200000.0],
        [*basic(title="Juru Parkir")],
        [NIK_P, "Siti", None, None, None],
    )
    made = {p.code for r in rows for p in r.problems} | {p.code for p in sheet}
    assert made <= set(CODES)
    for problem in [*sheet, *(p for r in rows for p in r.problems)]:
        assert_indonesian_with_fix(problem.message)


def test_field_labels_are_indonesian() -> None:
    assert Field.BIRTH_PLACE_DATE.label == "Tempat, tanggal lahir"
    assert all(field.label for field in Field)
