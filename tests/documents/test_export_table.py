"""Lines to cells: conversion by the profile, formula-looking text marked, refusals per line."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from export_kit import (
    HOSTILE,
    NIK_BUDI,
    NIK_SITI,
    NIK_ZERO,
    registration_profile,
    registration_record,
    roster_profile,
    roster_record,
    table_of,
)

from app.documents.export_table import ExportRefused, Lines, build_table, looks_like_formula
from app.domain.categories import MaritalStatus, Sex
from app.domain.rates import Segment


def column(table_row: list[object], profile_headers: list[object], header: str) -> object:
    return table_row[profile_headers.index(header)]


def only_row(table: object) -> dict[object, object]:
    header = table.header  # type: ignore[attr-defined]
    (row,) = table.rows  # type: ignore[attr-defined]
    return dict(zip(header, row, strict=True))


def test_text_dates_follow_the_profile_pattern_never_the_locale() -> None:
    row = only_row(table_of(registration_profile(), registration_record()))
    assert row["Tgl Lahir"] == "17-08-1975"
    assert row["TMT"] == "05/01/2026"


def test_a_date_column_keeps_a_real_date_and_is_marked_for_its_number_format() -> None:
    table = table_of(registration_profile(), registration_record())
    row = only_row(table)
    assert row["Tgl Lahir ISO"] == date(1975, 8, 17)
    assert table.styled == [(4,)]


def test_a_datetime_is_exported_as_its_day() -> None:
    record = registration_record(birth_date=datetime(1975, 8, 17, 13, 5))
    assert only_row(table_of(registration_profile(), record))["Tgl Lahir"] == "17-08-1975"


def test_flags_use_the_profile_map_or_y_and_t() -> None:
    row = only_row(table_of(registration_profile(), registration_record()))
    assert (row["JHT"], row["JP"]) == (1, "T")


def test_choices_are_written_through_the_map_or_as_their_codes() -> None:
    row = only_row(table_of(registration_profile(), registration_record(sex="P")))
    assert (row["L/P"], row["Kawin"]) == ("P", "kawin")
    row = only_row(table_of(registration_profile(), registration_record(sex=Sex.P)))
    assert row["L/P"] == "P"


def test_a_code_the_profile_does_not_know_is_written_as_it_came() -> None:
    record = registration_record(marital_status="nikah_siri")
    assert only_row(table_of(registration_profile(), record))["Kawin"] == "nikah_siri"


def test_identifiers_stay_text_with_every_digit() -> None:
    row = only_row(table_of(registration_profile(), registration_record(nik=NIK_ZERO)))
    assert (row["NIK"], row["No KK"], row["KPJ"]) == (NIK_ZERO, "0101012345670001", "09876543210")


def test_lines_are_numbered_from_one_in_export_order() -> None:
    table = table_of(roster_profile(), roster_record(), roster_record(nik=NIK_BUDI, name="Budi"))
    assert [row[0] for row in table.rows] == [1, 2]


def test_money_stays_integer_rupiah() -> None:
    row = only_row(table_of(roster_profile(), roster_record()))
    assert (row["Upah"], row["JKK"], row["Jumlah"]) == (2_022_200, 4_853, 10_920)


def test_money_as_a_float_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        table_of(roster_profile(), roster_record(wage=2022200.0))


def test_a_source_the_lines_lack_is_empty() -> None:
    record = roster_record()
    del record["address"]
    assert only_row(table_of(roster_profile(), record))["Alamat"] is None


def test_email_is_always_an_empty_column() -> None:
    assert only_row(table_of(registration_profile(), registration_record()))["Email"] is None


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_looks_like_a_formula_is_kept_and_marked(text: str) -> None:
    table = table_of(roster_profile(), roster_record(address=text))
    assert only_row(table)["Alamat"] == text
    assert table.styled == [(3,)]


def test_ordinary_text_is_not_marked() -> None:
    texts = ("Jl. Raya No. 5", "RT 003/RW 012", "Dusun Krajan - Barat", "a=b", "C#", "0812")
    table = table_of(roster_profile(), *(roster_record(address=t) for t in texts))
    assert table.styled == [()] * len(texts)
    assert not any(looks_like_formula(t) for t in texts)


def test_characters_xml_cannot_hold_are_dropped() -> None:
    row = only_row(table_of(roster_profile(), roster_record(address="Jl.\x00 Raya\x1f 5")))
    assert row["Alamat"] == "Jl. Raya 5"


def test_an_empty_text_is_an_empty_cell() -> None:
    assert only_row(table_of(roster_profile(), roster_record(address="")))["Alamat"] is None


def refusal(*records: dict[str, object]) -> ExportRefused:
    with pytest.raises(ExportRefused) as caught:
        table_of(roster_profile(), *records)
    return caught.value


def test_a_line_without_nik_is_refused_with_its_line_number() -> None:
    refused = refusal(roster_record(), roster_record(nik=None, name="Tanpa NIK"))
    [problem] = refused.problems
    assert (problem.line, problem.nik, problem.name, problem.column) == (2, "", "Tanpa NIK", "NIK")
    assert problem.message == "NIK kosong"
    assert problem.describe() == "baris 2 (NIK -, Tanpa NIK): NIK kosong"


def test_an_invalid_nik_is_refused_with_the_domain_reason() -> None:
    [problem] = refusal(roster_record(nik="352101450580000")).problems
    assert "harus 16 angka" in problem.message and "352101450580000" in problem.message


def test_a_nik_excel_turned_into_a_number_is_refused() -> None:
    [problem] = refusal(roster_record(nik="3.52101E+15")).problems
    assert "tidak sah" in problem.message


def test_an_empty_required_field_is_refused_naming_the_column() -> None:
    [problem] = refusal(roster_record(name="")).problems
    assert problem.column == "Nama"
    assert problem.message == "kolom 'Nama' (nama lengkap sesuai KTP) wajib diisi tetapi kosong"


def test_every_reason_of_every_line_is_listed_in_line_order() -> None:
    refused = refusal(
        roster_record(name=None, wage=None),
        roster_record(nik=NIK_BUDI),
        roster_record(nik="123", name=None),
    )
    assert [(p.line, p.column) for p in refused.problems] == [
        (1, "Nama"), (1, "Upah"), (3, "NIK"), (3, "Nama"),
    ]  # fmt: skip
    assert refused.field == "export"
    assert refused.message.startswith("2 baris tidak dapat diekspor (4 alasan)")
    assert "\n" not in refused.message


def test_refusal_needs_no_profile_column_for_the_nik_to_be_checked() -> None:
    lines = Lines.of([roster_record(nik="")])
    with pytest.raises(ExportRefused):
        build_table(roster_profile(), lines)


def test_many_lines_convert_column_by_column() -> None:
    records = [
        roster_record(nik=NIK_SITI if n % 2 else NIK_BUDI, wage=1_000_000 + n, segment=Segment.BPU)
        for n in range(500)
    ]
    table = table_of(roster_profile(), *records)
    assert len(table.rows) == 500
    assert table.rows[499][6] == 1_000_499 and table.rows[0][5] == "BPU"


def test_marital_status_members_and_codes_map_alike() -> None:
    profile = registration_profile()
    by_member = only_row(table_of(profile, registration_record(marital_status=MaritalStatus.KAWIN)))
    by_code = only_row(table_of(profile, registration_record(marital_status="kawin")))
    assert by_member["Kawin"] == by_code["Kawin"] == "kawin"
