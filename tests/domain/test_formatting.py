"""Indonesian dates and rupiah, read and written without the PC's locale."""

from __future__ import annotations

import json
import locale
import os
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wording import assert_indonesian_with_fix

from app.domain.errors import InvalidField
from app.domain.formatting import (
    format_date,
    format_period,
    format_rupiah,
    parse_date,
    parse_rupiah,
)
from app.domain.period import Period


def test_date_is_day_indonesian_month_year() -> None:
    assert format_date(date(2026, 11, 21)) == "21 November 2026"


def test_indonesian_month_names_differ_from_english() -> None:
    may, august = date(2026, 5, 1), date(1975, 8, 3)
    assert [format_date(may), format_date(august)] == ["1 Mei 2026", "3 Agustus 1975"]


def test_english_variant_uses_english_month_names() -> None:
    assert format_date(date(1975, 8, 3), "en") == "3 August 1975"


def test_period_is_month_name_and_year() -> None:
    assert format_period(Period(2026, 2)) == "Februari 2026"


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (16800, "Rp16.800"),
        (0, "Rp0"),
        (999, "Rp999"),
        (1000, "Rp1.000"),
        (1_000_000, "Rp1.000.000"),
        (10_042_300, "Rp10.042.300"),
        (42_000_000, "Rp42.000.000"),
        (-16800, "-Rp16.800"),
    ],
)
def test_rupiah_uses_dots_for_thousands_and_no_decimals(amount: int, text: str) -> None:
    assert format_rupiah(amount) == text


@pytest.mark.parametrize("amount", [16800.0, 0.5, True, "16800"])
def test_rupiah_refuses_anything_but_int(amount: object) -> None:
    with pytest.raises(TypeError):
        format_rupiah(amount)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["Rp16.800", "16.800", "16800", "Rp 16.800,00", "rp16.800", "Rp. 16.800"]
)
def test_parse_rupiah_reads_the_usual_spellings(text: str) -> None:
    assert parse_rupiah(text) == 16800


@pytest.mark.parametrize("text", ["", "Rp", "16,5", "16.800,50", "1.5", "enam belas ribu", "-1"])
def test_parse_rupiah_refuses_non_whole_or_non_numbers(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        parse_rupiah(text, field="wage")
    assert caught.value.field == "wage"
    assert_indonesian_with_fix(caught.value.message)


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_rupiah_reads_what_format_rupiah_writes(amount: int) -> None:
    assert parse_rupiah(format_rupiah(amount)) == amount


@pytest.mark.parametrize(
    "text",
    [
        "1980-05-12",
        "12-05-1980",
        "12/05/1980",
        "12.05.1980",
        "12 Mei 1980",
        "12 mei 1980",
        "12 May 1980",
    ],
)
def test_parse_date_reads_spreadsheet_spellings_day_first(text: str) -> None:
    assert parse_date(text) == date(1980, 5, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 Agustus 1975", date(1975, 8, 3)),
        ("3 Agt 1975", date(1975, 8, 3)),
        ("17 Nopember 1945", date(1945, 11, 17)),
        ("1 Pebruari 1990", date(1990, 2, 1)),
        ("1980-5-2", date(1980, 5, 2)),
        ("2/5/1980", date(1980, 5, 2)),
    ],
)
def test_parse_date_reads_month_names_and_short_numbers(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["31-04-2020", "29/02/2023", "2023-02-29", "30 Februari 2024", "32-01-2020", "00-01-2020"],
)
def test_parse_date_refuses_days_that_do_not_exist(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        parse_date(text, field="birth_date")
    assert caught.value.field == "birth_date"
    assert "kalender" in caught.value.message
    assert_indonesian_with_fix(caught.value.message)


@pytest.mark.parametrize(
    "text", ["", "kemarin", "1980/05/12", "12 Foo 1980", "05-1980", "12-05-80"]
)
def test_parse_date_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        parse_date(text, field="birth_date")
    assert caught.value.field == "birth_date"
    assert_indonesian_with_fix(caught.value.message)


def test_leap_day_parses_in_a_leap_year() -> None:
    assert parse_date("29/02/2024") == date(2024, 2, 29)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_parse_date_reads_what_format_date_writes(day: date) -> None:
    assert parse_date(format_date(day)) == day


# -- locale independence ---------------------------------------------------------------------

_PROBE = (
    "import json; from datetime import date;"
    "from app.domain.formatting import format_date, format_rupiah, parse_date, parse_rupiah;"
    "print(json.dumps([format_date(date(2026, 11, 21)), format_date(date(2026, 5, 1), 'en'),"
    " format_rupiah(10042300), format_rupiah(-16800), parse_date('12 Mei 1980').isoformat(),"
    " parse_date('03/08/1975').isoformat(), parse_rupiah('Rp 16.800,00')]))"
)


def _probe_here() -> list[object]:
    return [
        format_date(date(2026, 11, 21)),
        format_date(date(2026, 5, 1), "en"),
        format_rupiah(10042300),
        format_rupiah(-16800),
        parse_date("12 Mei 1980").isoformat(),
        parse_date("03/08/1975").isoformat(),
        parse_rupiah("Rp 16.800,00"),
    ]


def test_formatting_is_the_same_under_an_english_and_a_c_locale() -> None:
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "C", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == _probe_here()


def test_formatting_is_unchanged_after_setlocale() -> None:
    before = _probe_here()
    saved = locale.setlocale(locale.LC_ALL)
    # Prefer a locale whose conventions differ (',' for decimals, other month names).
    for name in ("de_DE.UTF-8", "id_ID.UTF-8", "fr_FR.UTF-8", "en_US.UTF-8", "C.UTF-8", "C"):
        try:
            locale.setlocale(locale.LC_ALL, name)
        except locale.Error:
            continue
        break
    try:
        assert _probe_here() == before
    finally:
        locale.setlocale(locale.LC_ALL, saved)
