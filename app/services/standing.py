"""Where every participant stands, and coverage against formasi; plus formasi itself."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import String, cast, func, literal, select, type_coerce
from sqlalchemy.orm import Session

from app.domain.categories import Category
from app.domain.coverage import CoverageLine, coverage
from app.domain.enrollment import EnrollmentStatus
from app.domain.errors import InvalidField
from app.domain.period import Period
from app.domain.rates import Payer, Segment
from app.domain.standing import MonthBill, Standing, State, standing
from app.models import Contribution, Enrollment, PositionQuota, Worker
from app.models.engine import Sessions
from app.services import writes
from app.services.village import current_village

# A village's formasi row of one category has the same id on every PC (UUIDv5 of village code
# and category), so two PCs that set it offline converge on one row instead of two.
QUOTA_NAMESPACE = uuid.UUID("6f1c2b9e-4d3a-5e8f-9a7b-1c2d3e4f5a6b")

MAX_POSITIONS = 100_000


@dataclass(frozen=True, slots=True)
class ParticipantStatus:
    worker_id: str
    enrollment_id: str
    nik: str
    name: str
    category: Category
    segment: Segment
    payer: Payer
    paid_through: Period | None
    months_in_arrears: int
    next_due: date | None
    state: State
    fine_estimate: int


@dataclass(frozen=True, slots=True)
class Overview:
    as_of: date
    participants: list[ParticipantStatus]
    coverage: list[CoverageLine]

    def count(self, state: State) -> int:
        return sum(1 for p in self.participants if p.state is state)


class StandingService:
    def __init__(self, sessions: Sessions, today: Callable[[], date]) -> None:
        self._sessions = sessions
        self._today = today

    def overview(self, as_of: date | None = None) -> Overview:
        """Status of each worker's latest billed coverage period, and coverage per category."""
        day = as_of or self._today()
        with self._sessions() as session:
            rows = session.execute(
                select(
                    _raw(Enrollment.id),
                    _raw(Enrollment.worker_id),
                    Enrollment.segment,
                    Enrollment.payer,
                    Enrollment.start_date,
                    Enrollment.end_date,
                    Worker.nik,
                    Worker.full_name,
                    Worker.category,
                )
                .join(Worker, Worker.id == Enrollment.worker_id)
                .where(
                    Enrollment.deleted.is_(False),
                    Worker.deleted.is_(False),
                    Enrollment.status != EnrollmentStatus.DRAFT,
                    Enrollment.start_date <= day,
                )
                .order_by(Worker.search_name, Enrollment.start_date)
            ).all()
            bills = _bills(session)
            latest: dict[str, _Enrolled] = {}
            for row in rows:
                enrolled = _Enrolled._make(row)
                latest[enrolled.worker_id] = enrolled
            standings = _Standings(day)
            participants = [
                _status(e, standings.of(e, bills.get(e.id, ""))) for e in latest.values()
            ]
            active: dict[Category, int] = defaultdict(int)
            for e, p in zip(latest.values(), participants, strict=True):
                in_force = e.end_date is None or e.end_date >= day
                if in_force and p.state is not State.LAPSED:
                    active[p.category] += 1
            return Overview(day, participants, coverage(active, self._quota(session)))

    def quota(self) -> dict[Category, int]:
        with self._sessions() as session:
            return self._quota(session)

    def set_quota(self, category: Category, count: int) -> None:
        if not 0 <= count <= MAX_POSITIONS:
            raise InvalidField("count", "jumlah formasi harus angka 0 atau lebih")
        with self._sessions.begin() as session:
            village = current_village(session)
            row = session.scalars(
                select(PositionQuota).where(
                    PositionQuota.village_id == village.id, PositionQuota.category == category
                )
            ).first()
            if row is None:
                row = PositionQuota(
                    id=uuid.uuid5(QUOTA_NAMESPACE, f"{village.code}:{category.value}"),
                    village_id=village.id,
                    category=category,
                    count=count,
                )
                writes.insert(session, "position_quota", row)
            else:
                writes.update(session, "position_quota", row, {"count": count, "deleted": False})

    @staticmethod
    def _quota(session: Session) -> dict[Category, int]:
        stmt = select(PositionQuota.category, PositionQuota.count).where(
            PositionQuota.deleted.is_(False)
        )
        return {category: count for category, count in session.execute(stmt)}


# The overview reads every billed month of every participant (1.3 M lines for 100,000 people
# with a year's history): each enrollment's months come back as one text from SQLite
# ("2026-10 16800 paid,2026-11 16800 locked,..."), and `standing` runs once per distinct
# (segment, start, end, months) - people enrolled the same month on the same terms and paid by
# the same payer stand the same way.
_BILL_SEPARATOR, _FIELD_SEPARATOR = ",", " "


class _Enrolled(NamedTuple):
    """A billed coverage period, ids as stored, with its worker's name and category."""

    id: str
    worker_id: str
    segment: Segment
    payer: Payer
    start_date: date
    end_date: date | None
    nik: str
    full_name: str
    category: Category


def _raw(column: Any) -> Any:
    """A UUID column as stored (32 hex digits), without building a uuid.UUID per row."""
    return type_coerce(column, String).label(column.key)


def _text_uuid(raw: str) -> str:
    """str(uuid.UUID(raw)) of a stored UUID, several times cheaper."""
    if len(raw) == 32:
        return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}".lower()
    return str(uuid.UUID(raw))


def _bills(session: Session) -> dict[str, str]:
    """Each enrollment's billed months (not deleted, not void), as `period total status` items
    joined by commas, keyed by the enrollment id as stored."""
    item = (
        Contribution.period
        + literal(_FIELD_SEPARATOR)
        + cast(Contribution.total, String)
        + literal(_FIELD_SEPARATOR)
        + Contribution.status
    )
    stmt = (
        select(_raw(Contribution.enrollment_id), func.group_concat(item, _BILL_SEPARATOR))
        .where(Contribution.deleted.is_(False), Contribution.status != "void")
        .group_by(Contribution.enrollment_id)
    )
    return {enrollment_id: text for enrollment_id, text in session.execute(stmt)}


def _month_bills(text: str, periods: dict[str, Period]) -> dict[Period, MonthBill]:
    bills: dict[Period, MonthBill] = {}
    for item in text.split(_BILL_SEPARATOR) if text else ():
        period, total, status = item.split(_FIELD_SEPARATOR)
        month = periods.get(period)
        if month is None:
            month = periods[period] = Period.parse(period)
        bills[month] = MonthBill(int(total), status == "paid")
    return bills


class _Standings:
    """`standing` as of one day, computed once per distinct (segment, start, end, months)."""

    def __init__(self, day: date) -> None:
        self._day = day
        self._periods: dict[str, Period] = {}
        self._seen: dict[tuple[object, ...], Standing] = {}

    def of(self, e: _Enrolled, bills: str) -> Standing:
        key = (e.segment, e.start_date, e.end_date, bills)
        found = self._seen.get(key)
        if found is None:
            months = _month_bills(bills, self._periods)
            found = standing(e.segment, e.start_date, e.end_date, months, as_of=self._day)
            self._seen[key] = found
        return found


def _status(e: _Enrolled, s: Standing) -> ParticipantStatus:
    return ParticipantStatus(
        worker_id=_text_uuid(e.worker_id), enrollment_id=_text_uuid(e.id), nik=e.nik,
        name=e.full_name, category=e.category, segment=e.segment, payer=e.payer,
        paid_through=s.paid_through, months_in_arrears=s.months_in_arrears,
        next_due=s.next_due, state=s.state, fine_estimate=s.fine_estimate,
    )  # fmt: skip


__all__ = ["Overview", "ParticipantStatus", "StandingService"]
