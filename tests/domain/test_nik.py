"""NIK: normalisation, each distinct failure, consistency with birth date and sex, properties."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_nik
from hypothesis import given
from hypothesis import strategies as st
from wording import assert_indonesian_with_fix

from app.domain.categories import Sex
from app.domain.errors import (
    InvalidNik,
    NikBirthDateMismatch,
    NikInvalidDate,
    NikNotDigits,
    NikSexMismatch,
    NikUnknownProvince,
    NikWrongLength,
)
from app.domain.identity import PROVINCE_CODES, Nik, parse_nik

WOMAN = "3521014505800001"  # born 5 May 1980, day 05 + 40
MAN = "3521011708750002"  # born 17 August 1975


@pytest.mark.parametrize(
    "typed",
    [
        "3521 0145 0580 0001",
        "3521.0145.0580.0001",
        "3521-0145-0580-0001",
        " 352101-45.05 80\t0001 ",
    ],
)
def test_spaces_dots_and_dashes_are_dropped(typed: str) -> None:
    assert parse_nik(typed).value == WOMAN


@pytest.mark.parametrize("typed", ["352101450580001", "35210145058000011", "3521", ""])
def test_wrong_number_of_digits_is_wrong_length(typed: str) -> None:
    with pytest.raises(NikWrongLength):
        parse_nik(typed)


@pytest.mark.parametrize(
    "typed", ["35210145058O0001", "3521014505800001x", "３５２１０１４５０５８００００１"]
)
def test_letters_or_non_ascii_digits_are_not_digits(typed: str) -> None:
    with pytest.raises(NikNotDigits):
        parse_nik(typed)


@pytest.mark.parametrize("typed", ["9921014505800001", "0021014505800001", "2021014505800001"])
def test_unknown_province_code_is_refused(typed: str) -> None:
    with pytest.raises(NikUnknownProvince):
        parse_nik(typed)


@pytest.mark.parametrize(
    ("ddmmyy", "why"),
    [
        ("000580", "day 00"),
        ("320580", "day 32"),
        ("360580", "day 36"),
        ("400580", "day 40 (neither a man's day nor a woman's)"),
        ("720580", "day 72 = woman's 32nd"),
        ("990580", "day 99"),
        ("151380", "month 13"),
        ("150080", "month 00"),
        ("310480", "31 April"),
        ("710480", "31 April, woman"),
        ("300280", "30 February"),
        ("290201", "29 February 01: leap in neither 1901 nor 2001"),
        ("690201", "29 February 01, woman"),
    ],
)
def test_impossible_encoded_birth_date_is_invalid_date(ddmmyy: str, why: str) -> None:
    with pytest.raises(NikInvalidDate):
        parse_nik(f"352101{ddmmyy}0001")


@pytest.mark.parametrize(
    ("ddmmyy", "why"),
    [
        ("290204", "29 February 04 (1904 and 2004 are leap)"),
        ("290200", "29 February 00 (2000 is leap, 1900 is not)"),
        ("690200", "29 February 00, woman"),
        ("310180", "31 January"),
        ("710180", "31 January, woman (day 71 is the highest)"),
        ("410180", "1 January, woman"),
        ("300480", "30 April"),
    ],
)
def test_possible_encoded_birth_dates_parse(ddmmyy: str, why: str) -> None:
    assert parse_nik(f"352101{ddmmyy}0001").value == f"352101{ddmmyy}0001"


def test_birth_date_that_differs_from_nik_is_a_mismatch() -> None:
    with pytest.raises(NikBirthDateMismatch):
        parse_nik(WOMAN, birth_date=date(1980, 5, 6))


def test_birth_year_that_differs_from_nik_is_a_mismatch() -> None:
    with pytest.raises(NikBirthDateMismatch):
        parse_nik(WOMAN, birth_date=date(1981, 5, 5))


def test_matching_birth_date_and_sex_are_accepted() -> None:
    nik = parse_nik(WOMAN, birth_date=date(1980, 5, 5), sex=Sex.P)
    assert (nik.birth_day, nik.birth_month, nik.birth_yy, nik.sex) == (5, 5, 80, Sex.P)


def test_woman_nik_stated_as_man_is_a_sex_mismatch() -> None:
    with pytest.raises(NikSexMismatch):
        parse_nik(WOMAN, sex=Sex.L)


def test_man_nik_stated_as_woman_is_a_sex_mismatch() -> None:
    with pytest.raises(NikSexMismatch):
        parse_nik(MAN, sex=Sex.P)


def test_day_plus_forty_means_woman() -> None:
    assert (parse_nik(WOMAN).sex, parse_nik(MAN).sex) == (Sex.P, Sex.L)


# Every failure class once, with the input that causes it.
FAILURES: list[tuple[type[InvalidNik], str, dict[str, object]]] = [
    (NikWrongLength, "", {}),
    (NikWrongLength, "352101450580001", {}),
    (NikNotDigits, "35210145058O0001", {}),
    (NikUnknownProvince, "9921014505800001", {}),
    (NikInvalidDate, "3521013205800001", {}),
    (NikBirthDateMismatch, WOMAN, {"birth_date": date(1980, 5, 6)}),
    (NikSexMismatch, WOMAN, {"sex": Sex.L}),
]


@pytest.mark.parametrize(("error", "typed", "stated"), FAILURES)
def test_each_failure_is_worded_in_indonesian_with_a_fix(
    error: type[InvalidNik], typed: str, stated: dict[str, object]
) -> None:
    with pytest.raises(error) as caught:
        parse_nik(typed, **stated)  # type: ignore[arg-type]
    assert_indonesian_with_fix(caught.value.message)


@pytest.mark.parametrize(("error", "typed", "stated"), FAILURES)
def test_each_failure_names_the_field_given(
    error: type[InvalidNik], typed: str, stated: dict[str, object]
) -> None:
    with pytest.raises(error) as caught:
        parse_nik(typed, field="heir_nik", **stated)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.raw) == ("heir_nik", typed)


def test_failure_classes_are_distinct_codes() -> None:
    codes = [error.code for error, _, _ in FAILURES]
    assert len(set(codes)) == len({error for error, _, _ in FAILURES}) == 6


def test_region_and_province_are_the_first_digits() -> None:
    nik = parse_nik(WOMAN)
    assert (nik.province, nik.region) == ("35", "352101")


def test_masked_hides_the_birth_date_and_region_detail() -> None:
    masked = parse_nik(WOMAN).masked()
    assert masked == WOMAN[:4] + "*" * 8 + WOMAN[12:]


@pytest.mark.parametrize(
    ("ddmmyy", "today", "expected"),
    [
        ("170880", date(2026, 11, 21), date(1980, 8, 17)),
        ("170810", date(2026, 11, 21), date(2010, 8, 17)),
        ("201126", date(2026, 11, 21), date(2026, 11, 20)),
        ("211126", date(2026, 11, 21), date(2026, 11, 21)),
        ("011226", date(2026, 11, 21), date(1926, 12, 1)),  # 2026-12-01 is still to come
        ("170827", date(2026, 11, 21), date(1927, 8, 17)),
        ("290200", date(2026, 11, 21), date(2000, 2, 29)),
        ("290296", date(2026, 11, 21), date(1996, 2, 29)),
    ],
)
def test_birth_date_takes_the_latest_century_not_in_the_future(
    ddmmyy: str, today: date, expected: date
) -> None:
    assert Nik(f"352101{ddmmyy}0001").birth_date(today=today) == expected


# -- properties ------------------------------------------------------------------------------

provinces = st.sampled_from(sorted(PROVINCE_CODES))
regions = st.builds(lambda p, rest: p + rest, provinces, st.from_regex(r"[0-9]{4}", fullmatch=True))
birth_dates = st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))
sexes = st.sampled_from([Sex.L, Sex.P])
serials = st.integers(min_value=0, max_value=9999)


@given(regions, birth_dates, sexes, serials)
def test_any_well_built_nik_parses_and_round_trips(
    region: str, born: date, sex: Sex, serial: int
) -> None:
    nik = parse_nik(
        make_nik(born, sex.value, serial=serial, region=region), birth_date=born, sex=sex
    )
    assert (nik.sex, nik.birth_day, nik.birth_month, nik.birth_yy) == (
        sex,
        born.day,
        born.month,
        born.year % 100,
    )


@given(
    regions,
    birth_dates,
    sexes,
    serials,
    st.lists(st.tuples(st.integers(0, 16), st.sampled_from([" ", ".", "-", "  ", " - "]))),
)
def test_separators_anywhere_do_not_matter(
    region: str, born: date, sex: Sex, serial: int, cuts: list[tuple[int, str]]
) -> None:
    clean = make_nik(born, sex.value, serial=serial, region=region)
    typed = clean
    for position, separator in sorted(cuts, reverse=True):
        typed = typed[:position] + separator + typed[position:]
    assert parse_nik(typed).value == clean


@given(st.text(alphabet="0123456789", min_size=1, max_size=40).filter(lambda s: len(s) != 16))
def test_any_digit_string_of_another_length_is_wrong_length(digits: str) -> None:
    with pytest.raises(NikWrongLength):
        parse_nik(digits)


@given(
    st.from_regex(r"[0-9]{2}", fullmatch=True).filter(lambda p: p not in PROVINCE_CODES),
    st.from_regex(r"[0-9]{14}", fullmatch=True),
)
def test_any_unknown_province_is_refused(province: str, rest: str) -> None:
    with pytest.raises(NikUnknownProvince):
        parse_nik(province + rest)


@given(
    regions,
    birth_dates,
    sexes,
    serials,
    st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
)
def test_decoded_birth_date_is_the_latest_one_on_or_before_today(
    region: str, born: date, sex: Sex, serial: int, today: date
) -> None:
    nik = parse_nik(make_nik(born, sex.value, serial=serial, region=region))
    decoded = nik.birth_date(today=today)
    assert decoded <= today
    assert (decoded.day, decoded.month, decoded.year % 100) == (
        born.day,
        born.month,
        born.year % 100,
    )
    # No later century fits: a hundred years on is after today (or no such day exists).
    try:
        assert decoded.replace(year=decoded.year + 100) > today
    except ValueError:
        assert (decoded.month, decoded.day) == (2, 29)
