"""No. KK (16 digits), KPJ (11 digits) and the Kemendagri village code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wording import assert_indonesian_with_fix

from app.domain.errors import InvalidKk, InvalidKpj, InvalidVillageCode
from app.domain.identity import parse_kk, parse_kpj, parse_village_code


@pytest.mark.parametrize(
    "typed", ["3521011234560001", "3521.0112.3456.0001", "3521 0112 3456 0001"]
)
def test_kk_of_sixteen_digits_is_kept_as_digits(typed: str) -> None:
    assert parse_kk(typed) == "3521011234560001"


@pytest.mark.parametrize(
    "typed", ["352101123456000", "35210112345600012", "352101123456000A", "9921011234560001", ""]
)
def test_kk_that_is_not_sixteen_digits_of_a_province_is_refused(typed: str) -> None:
    with pytest.raises(InvalidKk) as caught:
        parse_kk(typed)
    assert caught.value.field == "no_kk"
    assert_indonesian_with_fix(caught.value.message)


@pytest.mark.parametrize("typed", ["12345678901", "123-4567-8901", "1234.5678.901"])
def test_kpj_of_eleven_digits_is_kept_as_digits(typed: str) -> None:
    assert parse_kpj(typed) == "12345678901"


@pytest.mark.parametrize("typed", ["1234567890", "123456789012", "1234567890X", "١٢٣٤٥٦٧٨٩٠١"])
def test_kpj_that_is_not_eleven_ascii_digits_is_refused(typed: str) -> None:
    with pytest.raises(InvalidKpj) as caught:
        parse_kpj(typed)
    assert caught.value.field == "kpj"
    assert_indonesian_with_fix(caught.value.message)


@given(st.text(alphabet="0123456789", min_size=1, max_size=30).filter(lambda s: len(s) != 11))
def test_any_digit_string_of_another_length_is_not_a_kpj(digits: str) -> None:
    with pytest.raises(InvalidKpj):
        parse_kpj(digits)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("35.21.01.2001", "35.21.01.2001"),
        ("3521012001", "35.21.01.2001"),
        (" 35 21 01 2001 ", "35.21.01.2001"),
        ("35.21.01.1005", "35.21.01.1005"),  # a kelurahan
        ("62.02.03.2010", "62.02.03.2010"),
    ],
)
def test_village_code_with_dots_or_ten_digits_is_accepted(typed: str, expected: str) -> None:
    assert parse_village_code(typed) == expected


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("35.00.01.2001", "kabupaten 00"),
        ("35.21.00.2001", "kecamatan 00"),
        ("35.21.01.3001", "last part neither desa (2xxx) nor kelurahan (1xxx)"),
        ("35.21.01.0001", "last part starts with 0"),
        ("99.21.01.2001", "unknown province"),
        ("35.21.1.2001", "kecamatan of one digit"),
        ("352101200", "nine digits"),
        ("", "empty"),
        ("Sukamaju", "a name, not a code"),
    ],
)
def test_bad_village_code_is_refused_with_a_fix(typed: str, why: str) -> None:
    with pytest.raises(InvalidVillageCode) as caught:
        parse_village_code(typed)
    assert caught.value.field == "village_code"
    assert_indonesian_with_fix(caught.value.message)
