"""`Period`: one calendar month."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidPeriod
from app.domain.period import Period


def test_parse_reads_year_dash_month() -> None:
    assert Period.parse(" 2026-11 ") == Period(2026, 11)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-1", "11-2026", "2026/11", ""])
def test_parse_refuses_what_is_not_a_month(text: str) -> None:
    with pytest.raises(InvalidPeriod):
        Period.parse(text)


@pytest.mark.parametrize(("year", "month"), [(2026, 13), (2026, 0), (1899, 12)])
def test_constructor_refuses_impossible_months(year: int, month: int) -> None:
    with pytest.raises(InvalidPeriod):
        Period(year, month)


def test_str_is_zero_padded_year_month() -> None:
    assert (str(Period(2026, 11)), str(Period(2027, 1))) == ("2026-11", "2027-01")


def test_periods_order_by_year_then_month() -> None:
    assert sorted([Period(2027, 1), Period(2026, 12), Period(2026, 2)]) == [
        Period(2026, 2),
        Period(2026, 12),
        Period(2027, 1),
    ]


def test_adding_months_crosses_into_next_year() -> None:
    assert Period(2026, 11) + 3 == Period(2027, 2)


def test_subtracting_months_crosses_into_previous_year() -> None:
    assert Period(2026, 2) - 14 == Period(2024, 12)


def test_months_until_counts_across_years() -> None:
    assert Period(2025, 11).months_until(Period(2027, 2)) == 15


def test_of_a_date_is_its_month() -> None:
    assert Period.of(date(2026, 11, 21)) == Period(2026, 11)


@pytest.mark.parametrize(
    ("period", "last"),
    [
        (Period(2024, 2), date(2024, 2, 29)),
        (Period(2026, 2), date(2026, 2, 28)),
        (Period(2000, 2), date(2000, 2, 29)),
        (Period(1900, 2), date(1900, 2, 28)),
        (Period(2026, 4), date(2026, 4, 30)),
        (Period(2026, 12), date(2026, 12, 31)),
    ],
)
def test_last_day_knows_month_lengths_and_leap_years(period: Period, last: date) -> None:
    assert (period.first_day, period.last_day) == (last.replace(day=1), last)


def test_contains_days_of_that_month_only() -> None:
    november = Period(2026, 11)
    inside = [date(2026, 11, 1), date(2026, 11, 30)]
    outside = [date(2026, 10, 31), date(2026, 12, 1), date(2025, 11, 15), "2026-11-05"]
    assert [d in november for d in inside + outside] == [True, True, False, False, False, False]


periods = st.builds(Period, st.integers(1950, 2150), st.integers(1, 12))


@given(periods, st.integers(-500, 500))
def test_adding_then_subtracting_gives_the_same_month(period: Period, months: int) -> None:
    assert (period + months) - months == period


@given(periods, st.integers(-500, 500))
def test_months_until_undoes_adding(period: Period, months: int) -> None:
    assert period.months_until(period + months) == months


@given(periods)
def test_parse_reads_what_str_prints(period: Period) -> None:
    assert Period.parse(str(period)) == period
