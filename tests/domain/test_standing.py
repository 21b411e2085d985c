"""Where a participant stands on a date (DOMAIN.md section 4): computed from bills alone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.period import Period
from app.domain.rates import Segment
from app.domain.standing import MonthBill, State, due_date, standing

PU, BPU = Segment.PU, Segment.BPU
AMOUNT = 16_800


def months(first: Period, last: Period) -> list[Period]:
    return [first + i for i in range(first.months_until(last) + 1)]


def paid(first: Period, last: Period, amount: int = AMOUNT) -> dict[Period, MonthBill]:
    return {m: MonthBill(amount, True) for m in months(first, last)}


def unpaid(first: Period, last: Period, amount: int = AMOUNT) -> dict[Period, MonthBill]:
    return {m: MonthBill(amount, False) for m in months(first, last)}


# -- due dates ------------------------------------------------------------------------------
def test_pu_is_due_on_the_15th_of_the_following_month() -> None:
    assert due_date(PU, Period(2025, 12)) == date(2026, 1, 15)


def test_bpu_is_due_on_the_15th_of_the_same_month() -> None:
    assert due_date(BPU, Period(2025, 12)) == date(2025, 12, 15)


def test_due_date_on_a_sunday_moves_to_monday() -> None:
    assert due_date(BPU, Period(2026, 11)) == date(2026, 11, 16)  # 15 Nov 2026 is a Sunday


def test_due_date_on_a_saturday_moves_to_monday() -> None:
    assert due_date(BPU, Period(2026, 8)) == date(2026, 8, 17)  # 15 Aug 2026 is a Saturday


def test_pu_due_date_for_october_2026_moves_to_monday_16_november() -> None:
    assert due_date(PU, Period(2026, 10)) == date(2026, 11, 16)


def test_pu_december_is_due_in_january_of_the_next_year() -> None:
    assert due_date(PU, Period(2026, 12)) == date(2027, 1, 15)


# -- paid through, arrears, next due --------------------------------------------------------
def test_paid_through_is_the_last_consecutive_paid_month() -> None:
    bills = paid(Period(2026, 1), Period(2026, 8)) | paid(Period(2026, 10), Period(2026, 10))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert s.paid_through == Period(2026, 8)


def test_nothing_paid_means_no_paid_through() -> None:
    s = standing(BPU, date(2026, 9, 1), None, {}, as_of=date(2026, 11, 21))
    assert s.paid_through is None


def test_prepaid_months_beyond_today_count() -> None:
    bills = paid(Period(2026, 1), Period(2027, 4))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert s.paid_through == Period(2027, 4)


def test_prepaid_months_after_a_gap_do_not_count() -> None:
    bills = paid(Period(2026, 1), Period(2026, 12)) | paid(Period(2027, 2), Period(2027, 3))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert s.paid_through == Period(2026, 12)


def test_bpu_months_in_arrears_count_months_past_their_due_date() -> None:
    bills = paid(Period(2026, 1), Period(2026, 8))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert s.months_in_arrears == 3  # Sep, Oct, Nov (due 16 Nov)
    assert s.unpaid == (Period(2026, 9), Period(2026, 10), Period(2026, 11))


def test_pu_current_month_is_not_yet_in_arrears() -> None:
    bills = paid(Period(2026, 1), Period(2026, 8))
    s = standing(PU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert s.unpaid == (Period(2026, 9), Period(2026, 10))  # October was due 16 Nov


def test_month_is_not_in_arrears_on_its_due_date() -> None:
    bills = paid(Period(2026, 1), Period(2026, 9))
    s = standing(PU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 16))
    assert s.months_in_arrears == 0


def test_month_never_billed_counts_as_unpaid_after_its_due_date() -> None:
    s = standing(BPU, date(2026, 10, 1), None, {}, as_of=date(2026, 11, 21))
    assert s.unpaid == (Period(2026, 10), Period(2026, 11))


def test_next_due_is_the_due_date_of_the_first_unpaid_month() -> None:
    bills = paid(Period(2026, 1), Period(2026, 8))
    s = standing(PU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert s.next_due == date(2026, 10, 15)  # September, PU: 15 October


def test_next_due_after_a_fully_paid_bpu_month() -> None:
    bills = paid(Period(2026, 1), Period(2026, 11))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert s.next_due == date(2026, 12, 15)


def test_next_due_after_prepaid_months_follows_the_last_prepaid_month() -> None:
    bills = paid(Period(2026, 1), Period(2027, 2))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert s.next_due == date(2027, 3, 15)


# -- fines ----------------------------------------------------------------------------------
def test_pu_fine_is_2_percent_per_started_month_late() -> None:
    bills = paid(Period(2026, 1), Period(2026, 8)) | unpaid(
        Period(2026, 9), Period(2026, 10), 100_000
    )
    s = standing(PU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    # September due 15 Oct: 2 months started late (4 % = 4,000); October due 16 Nov: 1 (2,000)
    assert s.fine_estimate == 6_000


def test_pu_fine_rounds_half_up() -> None:
    bills = paid(Period(2026, 1), Period(2026, 8)) | unpaid(
        Period(2026, 9), Period(2026, 9), 10_925
    )
    s = standing(PU, date(2026, 1, 1), None, bills, as_of=date(2026, 10, 20))
    assert s.fine_estimate == 219  # 2 % of 10,925 = 218.5


def test_bpu_has_no_fine() -> None:
    bills = unpaid(Period(2026, 1), Period(2026, 11))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert s.fine_estimate == 0


# -- states ---------------------------------------------------------------------------------
def test_all_paid_and_nothing_due_soon_is_ok() -> None:
    bills = paid(Period(2026, 1), Period(2026, 11))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert s.state is State.OK


def test_due_within_a_week_is_due() -> None:
    bills = paid(Period(2026, 1), Period(2026, 11))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 12, 10))
    assert s.state is State.DUE


def test_one_unpaid_month_past_due_is_due() -> None:
    bills = paid(Period(2026, 1), Period(2026, 10))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert (s.months_in_arrears, s.state) == (1, State.DUE)


def test_bpu_second_unpaid_month_is_a_warning() -> None:
    bills = paid(Period(2026, 1), Period(2026, 9))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert (s.months_in_arrears, s.state) == (2, State.WARNING)


def test_bpu_three_unpaid_months_is_still_a_warning() -> None:
    bills = paid(Period(2026, 1), Period(2026, 8))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert (s.months_in_arrears, s.state) == (3, State.WARNING)


def test_bpu_four_unpaid_months_lapses() -> None:
    bills = paid(Period(2026, 1), Period(2026, 7))
    s = standing(BPU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert (s.months_in_arrears, s.state) == (4, State.LAPSED)


def test_pu_never_lapses() -> None:
    s = standing(PU, date(2026, 1, 1), None, {}, as_of=date(2026, 11, 21))
    assert s.state is State.WARNING


def test_pu_second_unpaid_month_is_a_warning() -> None:
    bills = paid(Period(2026, 1), Period(2026, 8))
    s = standing(PU, date(2026, 1, 1), None, bills, as_of=date(2026, 11, 21))
    assert (s.months_in_arrears, s.state) == (2, State.WARNING)


def test_lapse_counts_across_the_year_boundary() -> None:
    bills = paid(Period(2025, 8), Period(2025, 10)) | unpaid(Period(2025, 11), Period(2026, 2))
    s = standing(BPU, date(2025, 8, 1), None, bills, as_of=date(2026, 2, 20))
    assert s.unpaid == (Period(2025, 11), Period(2025, 12), Period(2026, 1), Period(2026, 2))
    assert s.state is State.LAPSED


def test_three_unpaid_across_the_year_boundary_is_a_warning() -> None:
    bills = paid(Period(2025, 8), Period(2025, 10)) | unpaid(Period(2025, 11), Period(2026, 2))
    s = standing(BPU, date(2025, 8, 1), None, bills, as_of=date(2026, 2, 10))  # Feb not yet due
    assert (s.months_in_arrears, s.state) == (3, State.WARNING)


def test_unpaid_months_with_a_paid_month_between_do_not_lapse() -> None:
    bills = unpaid(Period(2026, 5), Period(2026, 11)) | paid(Period(2026, 8), Period(2026, 8))
    s = standing(BPU, date(2026, 5, 1), None, bills, as_of=date(2026, 11, 21))
    assert (s.months_in_arrears, s.state) == (6, State.WARNING)


# -- ended periods --------------------------------------------------------------------------
def test_ended_and_fully_paid_is_ended() -> None:
    bills = paid(Period(2026, 1), Period(2026, 6))
    s = standing(BPU, date(2026, 1, 1), date(2026, 6, 30), bills, as_of=date(2026, 11, 21))
    assert (s.state, s.next_due, s.months_in_arrears) == (State.ENDED, None, 0)


def test_ended_period_owes_nothing_after_its_end() -> None:
    bills = paid(Period(2026, 1), Period(2026, 5))
    s = standing(BPU, date(2026, 1, 1), date(2026, 6, 1), bills, as_of=date(2026, 11, 21))
    assert s.unpaid == (Period(2026, 6),)  # ended on the 1st: June still owed


def test_ended_period_with_arrears_keeps_its_arrears_state() -> None:
    bills = paid(Period(2026, 1), Period(2026, 3))
    s = standing(PU, date(2026, 1, 1), date(2026, 6, 30), bills, as_of=date(2026, 11, 21))
    assert (s.months_in_arrears, s.state) == (3, State.WARNING)


# -- properties -----------------------------------------------------------------------------
starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 11, 21))
gaps = st.integers(min_value=0, max_value=900)


@given(
    segment=st.sampled_from([PU, BPU]),
    start=starts,
    gap=gaps,
    paid_flags=st.lists(st.booleans(), max_size=90),
)
def test_months_in_arrears_never_exceed_months_since_start(
    segment: Segment, start: date, gap: int, paid_flags: list[bool]
) -> None:
    as_of = start + timedelta(days=gap)
    first = Period.of(start)
    bills = {first + i: MonthBill(AMOUNT, flag) for i, flag in enumerate(paid_flags)}
    s = standing(segment, start, None, bills, as_of=as_of)
    assert 0 <= s.months_in_arrears <= first.months_until(Period.of(as_of)) + 1


@given(segment=st.sampled_from([PU, BPU]), start=starts, gap=gaps, ahead=st.integers(0, 12))
def test_paying_every_month_leaves_no_arrears(
    segment: Segment, start: date, gap: int, ahead: int
) -> None:
    as_of = start + timedelta(days=gap)
    bills = paid(Period.of(start), Period.of(as_of) + ahead)
    s = standing(segment, start, None, bills, as_of=as_of)
    assert s.months_in_arrears == 0
    assert s.state in (State.OK, State.DUE)


@pytest.mark.parametrize("segment", [PU, BPU])
def test_paying_every_month_leaves_paid_through_at_the_last_paid_month(
    segment: Segment,
) -> None:
    bills = paid(Period(2024, 3), Period(2026, 11))
    s = standing(segment, date(2024, 3, 31), None, bills, as_of=date(2026, 11, 21))
    assert s.paid_through == Period(2026, 11)
