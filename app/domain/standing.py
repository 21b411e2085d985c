"""Where a participant stands on a date: paid through, arrears, next due date, lapse warning.

Rules (DOMAIN.md section 4): PU pays by the 15th of the following month, BPU by the 15th of the
same month, a due date on a weekend moves to the Monday; PU late fine 2 % per month of the
amount due; BPU coverage lapses after more than 3 consecutive unpaid months; every participant
gets a warning from the 2nd unpaid month. Computed, never stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from app.domain.contribution import round_rupiah
from app.domain.period import Period
from app.domain.rates import Segment

DUE_DAY = 15
PU_FINE_PERCENT = Decimal(2)
WARNING_FROM_UNPAID = 2
LAPSE_AFTER_UNPAID = 3
DUE_SOON_DAYS = 7
SATURDAY = 5


class State(StrEnum):
    OK = "ok"
    DUE = "due"
    WARNING = "warning"
    LAPSED = "lapsed"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return {
            "ok": "Lancar",
            "due": "Jatuh tempo",
            "warning": "Peringatan",
            "lapsed": "Terputus",
            "ended": "Berakhir",
        }[self.value]


@dataclass(frozen=True, slots=True)
class MonthBill:
    """One month of one enrollment as billed: the amount and whether it has been paid."""

    amount: int
    paid: bool


@dataclass(frozen=True, slots=True)
class Standing:
    paid_through: Period | None
    months_in_arrears: int
    next_due: date | None
    state: State
    fine_estimate: int
    unpaid: tuple[Period, ...]


def due_date(segment: Segment, period: Period) -> date:
    month = period + 1 if segment is Segment.PU else period
    day = date(month.year, month.month, DUE_DAY)
    if day.weekday() >= SATURDAY:
        day += timedelta(days=7 - day.weekday())
    return day


def _months(start: Period, end: Period) -> list[Period]:
    return [start + i for i in range(start.months_until(end) + 1)] if start <= end else []


def standing(
    segment: Segment,
    start: date,
    end: date | None,
    bills: Mapping[Period, MonthBill],
    *,
    as_of: date,
) -> Standing:
    """`bills` holds the months that were billed (roster lines); a month owed but never billed
    counts as unpaid once its due date has passed."""
    first = Period.of(start)
    last_owed = Period.of(end) if end else None
    horizon = Period.of(as_of) + 1  # beyond this nothing is due yet (prepaid months count)
    last_considered = min(last_owed, horizon) if last_owed else horizon
    months = _months(first, last_considered)
    paid_through: Period | None = None
    month = first
    # Consecutive from the start; prepaid months beyond today count, a gap ends the run.
    while _paid(bills, month) and (last_owed is None or month <= last_owed):
        paid_through = month
        month += 1
    overdue = [m for m in months if as_of > due_date(segment, m) and not _paid(bills, m)]
    unpaid_all = [m for m in months if not _paid(bills, m)]
    next_due = (
        due_date(segment, unpaid_all[0]) if unpaid_all else _after(segment, paid_through, last_owed)
    )
    fine = _fine(segment, overdue, bills, as_of)
    state = _state(segment, overdue, next_due, as_of, ended=end is not None and end < as_of)
    return Standing(paid_through, len(overdue), next_due, state, fine, tuple(overdue))


def _paid(bills: Mapping[Period, MonthBill], month: Period) -> bool:
    bill = bills.get(month)
    return bill is not None and bill.paid


def _after(segment: Segment, paid_through: Period | None, last_owed: Period | None) -> date | None:
    if paid_through is None or (last_owed is not None and paid_through >= last_owed):
        return None
    return due_date(segment, paid_through + 1)


def _fine(
    segment: Segment, overdue: list[Period], bills: Mapping[Period, MonthBill], as_of: date
) -> int:
    if segment is not Segment.PU:
        return 0
    total = 0
    for month in overdue:
        due = due_date(segment, month)
        late_months = Period.of(due).months_until(Period.of(as_of)) + (
            1 if as_of.day > due.day else 0
        )
        amount = bills[month].amount if month in bills else 0
        total += round_rupiah(Decimal(amount) * PU_FINE_PERCENT / 100 * max(late_months, 1))
    return total


def _trailing_run(overdue: list[Period]) -> int:
    """Length of the latest run of consecutive overdue months."""
    run = 0
    for month in reversed(overdue):
        if run and month != overdue[-run] - 1:
            break
        run += 1
    return run


def _state(
    segment: Segment, overdue: list[Period], next_due: date | None, as_of: date, *, ended: bool
) -> State:
    if ended and not overdue:
        return State.ENDED
    if segment is Segment.BPU and _trailing_run(overdue) > LAPSE_AFTER_UNPAID:
        return State.LAPSED
    if len(overdue) >= WARNING_FROM_UNPAID:
        return State.WARNING
    if overdue or (next_due is not None and (next_due - as_of).days <= DUE_SOON_DAYS):
        return State.DUE
    return State.OK
