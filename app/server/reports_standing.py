"""Where every participant stands, for the whole kabupaten, within the overview's budget.

The desktop (app.services.standing) reads every billed month of every participant and runs
`app.domain.standing.standing` per person. At 450 villages x 300 workers with a year of history
that is 1.3 million contribution rows: too many to ship to Python on every page view. So:

1. **SQL** reduces each enrollment's paid months to one integer, a bit mask: bit k is set
   when month `first + k` (first = the start month) has a contribution with status 'paid'
   (not deleted). One GROUP BY over the contributions, a BIGINT per enrollment: the sum of
   distinct powers of two is their OR, as (enrollment, period) is unique. Months more than
   62 after the start do not fit; the few enrollments that have such paid months are read
   month by month (`_long_masks`).
2. **The domain** then decides, exactly as on the desktop: `standing(segment, start, end,
   bills, as_of=day)` with the paid months as bills, computed once per distinct (segment,
   start, end, mask): people enrolled the same month on the same terms who paid the same
   months stand the same way, so a kabupaten needs a few thousand calls, not 135,000.
   Only paid months matter to the states, arrears and due dates (unpaid billed months only
   change the PU fine, which the reports do not show).
3. **Per-village cache**: every server write to a village takes its next `village_counter`
   number (app.server.changes), so (village, counter) names a version of the village's data.
   `FactsCache` keeps each village's reduced rows under the counter they were read at and
   re-reads only the villages whose counter moved; standings per day are cached the same way.
   A cold process reads everything once (measured in the issue note); later page views read
   the counters and the villages that changed. Facts are read after the counter, so they are
   never older than the number they are filed under.

tests/server/test_reports.py checks these figures against `app.domain.standing` (rows read
plainly, no mask) for every participant of generated data, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import BigInteger, Integer, and_, case, cast, extract, false, func, literal, select
from sqlalchemy.orm import Session

from app.domain.categories import Category
from app.domain.enrollment import EnrollmentStatus
from app.domain.period import Period
from app.domain.rates import Segment
from app.domain.standing import MonthBill, Standing, State, standing
from app.server import tables as t

MASK_MONTHS = 63  # bits 0..62 of a signed 64-bit integer
ENROLLMENT = t.ENTITY_TABLES["enrollment"]
WORKER = t.ENTITY_TABLES["worker"]
CONTRIBUTION = t.ENTITY_TABLES["contribution"]
_PAID = MonthBill(0, True)
# Stored codes (or the members the column type already made) to members, without Enum calls.
_CATEGORIES: dict[str, Category] = {member.value: member for member in Category}
_SEGMENTS: dict[str, Segment] = {member.value: member for member in Segment}


def _date_index(column: Any) -> Any:
    return cast(extract("year", column), Integer) * 12 + cast(extract("month", column), Integer)


def _period_index(column: Any) -> Any:
    year = cast(func.substr(column, 1, 4), Integer)
    return year * 12 + cast(func.substr(column, 6, 2), Integer)


@dataclass(frozen=True, slots=True)
class Enrolled:
    """One non-draft coverage period of a live worker, its paid months as a mask."""

    id: uuid.UUID
    worker_id: uuid.UUID
    village_id: uuid.UUID
    category: Category
    segment: Segment
    start: date
    end: date | None
    mask: int


def load_enrolled(session: Session, village_ids: Iterable[uuid.UUID] | None) -> list[Enrolled]:
    """Every non-draft enrollment of a live worker (of the given villages, or all), ordered
    by worker, start date and id, with its paid-month mask."""
    e, w, c = ENROLLMENT, WORKER, CONTRIBUTION
    k = _period_index(c.c.period) - _date_index(e.c.start_date)
    bit = cast(literal(1), BigInteger).op("<<")(k)
    fits = and_(k >= 0, k < MASK_MONTHS)
    masks = (
        select(
            c.c.enrollment_id,
            func.sum(case((fits, bit), else_=0)).label("mask"),
            func.count(case((k >= MASK_MONTHS, 1))).label("beyond"),
        )
        .join(e, e.c.id == c.c.enrollment_id)
        .where(c.c.deleted == false(), c.c.status == "paid")
        .group_by(c.c.enrollment_id)
    )
    if village_ids is not None:
        masks = masks.where(c.c.village_id.in_(list(village_ids)))
    paid = masks.subquery("paid")
    people = (
        select(e.c.id, e.c.worker_id, e.c.village_id, w.c.category, e.c.segment)
        .add_columns(e.c.start_date, e.c.end_date, paid.c.mask, paid.c.beyond)
        .join(w, w.c.id == e.c.worker_id)
        .outerjoin(paid, paid.c.enrollment_id == e.c.id)
        .where(e.c.deleted == false(), w.c.deleted == false())
        .where(e.c.status != EnrollmentStatus.DRAFT)
        .order_by(e.c.worker_id, e.c.start_date, e.c.id)
    )
    if village_ids is not None:
        people = people.where(e.c.village_id.in_(list(village_ids)))
    rows = session.execute(people).all()  # fetchall: much cheaper than row-by-row fetches
    long = [row[0] for row in rows if row[8]]
    extra = _long_masks(session, long) if long else {}
    dates: dict[date, date] = {}  # shared date objects: most periods start on the 1st
    return [
        Enrolled(
            eid,
            wid,
            vid,
            _CATEGORIES[category],
            _SEGMENTS[segment],
            dates.setdefault(start, start),
            None if end is None else dates.setdefault(end, end),
            extra[eid] if eid in extra else int(mask or 0),
        )
        for eid, wid, vid, category, segment, start, end, mask, _beyond in rows
    ]


def _long_masks(session: Session, enrollment_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Masks of any length, month by month, for enrollments paid more than 62 months on."""
    e, c = ENROLLMENT, CONTRIBUTION
    rows = session.execute(
        select(c.c.enrollment_id, c.c.period, e.c.start_date)
        .join(e, e.c.id == c.c.enrollment_id)
        .where(c.c.enrollment_id.in_(enrollment_ids), c.c.deleted == false(), c.c.status == "paid")
    )
    masks: dict[uuid.UUID, int] = defaultdict(int)
    for eid, period, start in rows:
        k = Period.of(start).months_until(Period.parse(period))
        if k >= 0:
            masks[eid] |= 1 << k
    return dict(masks)


def participants(rows: Iterable[Enrolled], day: date) -> list[Enrolled]:
    """Each worker's latest enrollment that started by `day` (rows ordered as loaded)."""
    latest: dict[uuid.UUID, Enrolled] = {}
    for row in rows:
        if row.start <= day:
            latest[row.worker_id] = row
    return list(latest.values())


class Standings:
    """`app.domain.standing.standing` on one day, once per distinct (segment, start, end,
    mask). Not thread-safe; one per computation."""

    def __init__(self, day: date) -> None:
        self.day = day
        self._seen: dict[tuple[Segment, date, date | None, int], Standing] = {}

    def of(self, row: Enrolled) -> Standing:
        key = (row.segment, row.start, row.end, row.mask)
        found = self._seen.get(key)
        if found is None:
            found = standing(row.segment, row.start, row.end, _bills(row), as_of=self.day)
            self._seen[key] = found
        return found


def _bills(row: Enrolled) -> dict[Period, MonthBill]:
    first, mask, bills = Period.of(row.start), row.mask, {}
    k = 0
    while mask:
        if mask & 1:
            bills[first + k] = _PAID
        mask >>= 1
        k += 1
    return bills


def is_active(row: Enrolled, state: State, day: date) -> bool:
    """In force on `day` and not lapsed (the desktop's coverage rule)."""
    return (row.end is None or row.end >= day) and state is not State.LAPSED


@dataclass(frozen=True, slots=True)
class EnrollmentStanding:
    """Where one participant stands on a day (the domain's Standing without the fine)."""

    enrollment_id: uuid.UUID
    worker_id: uuid.UUID
    village_id: uuid.UUID
    category: Category
    segment: Segment
    paid_through: Period | None
    months_in_arrears: int
    next_due: date | None
    state: State
    active: bool


def enrollment_standings(
    session: Session, day: date, village_id: uuid.UUID | None = None
) -> list[EnrollmentStanding]:
    """Every participant's standing on `day` (of one village, or all), read fresh."""
    rows = participants(load_enrolled(session, None if village_id is None else [village_id]), day)
    memo = Standings(day)
    out = []
    for row in rows:
        s = memo.of(row)
        out.append(
            EnrollmentStanding(
                enrollment_id=row.id,
                worker_id=row.worker_id,
                village_id=row.village_id,
                category=row.category,
                segment=row.segment,
                paid_through=s.paid_through,
                months_in_arrears=s.months_in_arrears,
                next_due=s.next_due,
                state=s.state,
                active=is_active(row, s.state, day),
            )
        )
    return out


# ---------------------------------------------------------------- per-village counts, cached


@dataclass(frozen=True, slots=True)
class CategoryCounts:
    participants: int = 0
    active: int = 0
    arrears: int = 0  # >= 1 month overdue, not lapsed, not ended without arrears
    warning: int = 0  # the domain's warning state (>= 2 months overdue)
    lapsed: int = 0


def count_standings(
    rows: Iterable[Enrolled], day: date, memo: Standings
) -> dict[Category, CategoryCounts]:
    sums: dict[Category, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for row in participants(rows, day):
        state = memo.of(row).state
        overdue = memo.of(row).months_in_arrears
        acc = sums[row.category]
        acc[0] += 1
        acc[1] += is_active(row, state, day)
        acc[2] += overdue > 0 and state in (State.DUE, State.WARNING)
        acc[3] += state is State.WARNING
        acc[4] += state is State.LAPSED
    return {category: CategoryCounts(*values) for category, values in sums.items()}
