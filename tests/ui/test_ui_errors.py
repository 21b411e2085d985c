"""All wording of errors lives in app.ui.errors; unexpected errors are logged without their text."""

from __future__ import annotations

import logging

import pytest

from app.domain.errors import DuplicateNik, InvalidField
from app.services.errors import DatabaseCorrupt
from app.ui.errors import describe, field_message


def test_a_domain_error_names_the_field() -> None:
    error = InvalidField("birth_date", "tanggal lahir wajib diisi (YYYY-MM-DD)")
    assert describe(error) == "Tanggal lahir: tanggal lahir wajib diisi (YYYY-MM-DD)"
    assert field_message(error) == "Tanggal lahir wajib diisi (YYYY-MM-DD)"


def test_a_duplicate_nik_names_the_other_person() -> None:
    text = describe(DuplicateNik("3521011205800011", "Budi Santoso", "id-1"))
    assert text.startswith("NIK: NIK 3521011205800011 sudah terdaftar atas nama Budi Santoso")


def test_a_storage_error_says_what_happened_to_the_file() -> None:
    error = DatabaseCorrupt("basis data payung.sqlite3 rusak; pulihkan dari cadangan")
    assert describe(error) == (
        "Masalah pada berkas data: basis data payung.sqlite3 rusak; pulihkan dari cadangan"
    )


def test_an_unexpected_error_is_worded_calmly_and_logged_without_personal_data(
    caplog: pytest.LogCaptureFixture,
) -> None:
    try:
        raise KeyError("Siti Aminah 3521015708850042")
    except KeyError as exc:
        error = exc
    with caplog.at_level(logging.ERROR, logger="app.ui.errors"):
        text = describe(error)
    assert "KeyError" in text and "Data yang sudah tersimpan aman" in text
    assert "Siti" not in text
    assert "KeyError" in caplog.text
    assert "Siti" not in caplog.text and "3521015708850042" not in caplog.text
