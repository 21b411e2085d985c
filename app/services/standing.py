"""Where every participant stands, and coverage against formasi; plus formasi itself."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.categories import Category
from app.domain.coverage import CoverageLine, coverage
from app.domain.enrollment import EnrollmentStatus
from app.domain.errors import InvalidField
from app.domain.period import Period
from app.domain.rates import Payer, Segment
from app.domain.standing import MonthBill, State, standing
from app.models import Contribution, Enrollment, PositionQuota, Worker
from app.models.engine import Sessions
from app.services import writes
from app.services.village import current_village

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
                select(Enrollment, Worker.nik, Worker.full_name, Worker.category)
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
            latest: dict[object, tuple[Enrollment, str, str, Category]] = {}
            for enrollment, nik, name, category in rows:
                latest[enrollment.worker_id] = (enrollment, nik, name, category)
            participants = [
                _status(
                    e, nik=nik, name=name, category=category, bills=bills.get(e.id, {}), day=day
                )
                for e, nik, name, category in latest.values()
            ]
            active: dict[Category, int] = defaultdict(int)
            for (enrollment, *_), p in zip(latest.values(), participants, strict=True):
                in_force = enrollment.end_date is None or enrollment.end_date >= day
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
                row = PositionQuota(village_id=village.id, category=category, count=count)
                writes.insert(session, "position_quota", row)
            else:
                writes.update(session, "position_quota", row, {"count": count, "deleted": False})

    @staticmethod
    def _quota(session: Session) -> dict[Category, int]:
        stmt = select(PositionQuota.category, PositionQuota.count).where(
            PositionQuota.deleted.is_(False)
        )
        return {category: count for category, count in session.execute(stmt)}


def _bills(session: Session) -> dict[object, dict[Period, MonthBill]]:
    stmt = select(
        Contribution.enrollment_id, Contribution.period, Contribution.total, Contribution.status
    ).where(Contribution.deleted.is_(False), Contribution.status != "void")
    bills: dict[object, dict[Period, MonthBill]] = defaultdict(dict)
    for enrollment_id, period, total, status in session.execute(stmt):
        bills[enrollment_id][Period.parse(period)] = MonthBill(total, status == "paid")
    return bills


def _status(
    e: Enrollment,
    *,
    nik: str,
    name: str,
    category: Category,
    bills: dict[Period, MonthBill],
    day: date,
) -> ParticipantStatus:
    s = standing(e.segment, e.start_date, e.end_date, bills, as_of=day)
    return ParticipantStatus(
        worker_id=str(e.worker_id), enrollment_id=str(e.id), nik=nik, name=name,
        category=category, segment=e.segment, payer=e.payer, paid_through=s.paid_through,
        months_in_arrears=s.months_in_arrears, next_due=s.next_due, state=s.state,
        fine_estimate=s.fine_estimate,
    )  # fmt: skip


__all__ = ["Overview", "ParticipantStatus", "StandingService"]
