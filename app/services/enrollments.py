"""Coverage periods of workers: enroll, edit, move through draft -> submitted -> active -> ended."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.categories import EndReason, WorkerStatus
from app.domain.contribution import Terms, jkp_entitled
from app.domain.enrollment import (
    EnrollmentDraft,
    EnrollmentStatus,
    check_no_overlap,
    check_transition,
    parse_programmes,
    programmes_text,
    validate_enrollment,
)
from app.domain.errors import InvalidField, NotFound
from app.domain.period import Period
from app.domain.rates import Payer, Segment
from app.models import Enrollment
from app.models.engine import Sessions
from app.services import writes
from app.services.rates import Rates
from app.services.register import find_worker


@dataclass(frozen=True, slots=True)
class EnrollmentInfo:
    id: str
    worker_id: str
    segment: Segment
    programmes: str
    wage: int
    risk_class: int
    payer: Payer
    kpj: str | None
    start: date
    end: date | None
    end_reason: EndReason | None
    status: EnrollmentStatus
    jkp_entitled: bool

    @classmethod
    def of(cls, e: Enrollment) -> EnrollmentInfo:
        return cls(
            id=str(e.id), worker_id=str(e.worker_id), segment=e.segment,
            programmes=e.programmes, wage=e.wage, risk_class=e.risk_class, payer=e.payer,
            kpj=e.kpj, start=e.start_date, end=e.end_date, end_reason=e.end_reason,
            status=e.status, jkp_entitled=jkp_entitled(terms_of(e)),
        )  # fmt: skip


def terms_of(e: Enrollment) -> Terms:
    return Terms(e.segment, parse_programmes(e.programmes), e.wage, e.payer, e.risk_class)


class Enrollments:
    def __init__(self, sessions: Sessions, rates: Rates, today: Callable[[], date]) -> None:
        self._sessions = sessions
        self._rates = rates
        self._today = today

    def list(self, worker_ref: str) -> list[EnrollmentInfo]:
        with self._sessions() as session:
            worker = find_worker(session, worker_ref)
            return [EnrollmentInfo.of(e) for e in _periods(session, worker.id)]

    def enroll(
        self,
        worker_ref: str,
        draft: EnrollmentDraft,
        *,
        status: EnrollmentStatus = EnrollmentStatus.ACTIVE,
    ) -> EnrollmentInfo:
        """A new coverage period. Refuses overlaps and a start before the worker's end."""
        if status is EnrollmentStatus.ENDED:
            raise InvalidField("status", "kepesertaan baru tidak dapat langsung berakhir")
        rates = self._rates.at(Period.of(_start_guess(draft)).first_day)
        with self._sessions.begin() as session:
            worker = find_worker(session, worker_ref)
            ended_on = worker.end_date if worker.status is WorkerStatus.ENDED else None
            data = validate_enrollment(draft, rates_at_start=rates, worker_end=ended_on)
            others = [(e.start_date, e.end_date) for e in _periods(session, worker.id)]
            check_no_overlap(data.start, None, others)
            enrollment = Enrollment(
                village_id=worker.village_id, worker_id=worker.id, segment=data.segment,
                programmes=programmes_text(data.programmes), wage=data.wage,
                risk_class=data.risk_class, payer=data.payer, kpj=data.kpj,
                start_date=data.start, status=status,
            )  # fmt: skip
            writes.insert(session, "enrollment", enrollment)
            if data.kpj and not worker.kpj:
                writes.update(session, "worker", worker, {"kpj": data.kpj})
            return EnrollmentInfo.of(enrollment)

    def edit(self, enrollment_id: str, draft: EnrollmentDraft) -> EnrollmentInfo:
        """Change the terms of a period that has not ended. Locked months keep what was billed;
        the change shows from the next generated draft on."""
        rates = self._rates.at(Period.of(_start_guess(draft)).first_day)
        with self._sessions.begin() as session:
            enrollment = _find(session, enrollment_id)
            if enrollment.status is EnrollmentStatus.ENDED:
                raise InvalidField("status", "kepesertaan yang sudah berakhir tidak dapat diubah")
            worker = find_worker(session, str(enrollment.worker_id))
            ended_on = worker.end_date if worker.status is WorkerStatus.ENDED else None
            data = validate_enrollment(draft, rates_at_start=rates, worker_end=ended_on)
            others = [
                (e.start_date, e.end_date)
                for e in _periods(session, worker.id)
                if e.id != enrollment.id
            ]
            check_no_overlap(data.start, enrollment.end_date, others)
            values = {
                "segment": data.segment, "programmes": programmes_text(data.programmes),
                "wage": data.wage, "risk_class": data.risk_class, "payer": data.payer,
                "kpj": data.kpj, "start_date": data.start,
            }  # fmt: skip
            writes.update(session, "enrollment", enrollment, values)
            return EnrollmentInfo.of(enrollment)

    def set_status(self, enrollment_id: str, status: EnrollmentStatus) -> EnrollmentInfo:
        if status is EnrollmentStatus.ENDED:
            raise InvalidField("status", "gunakan akhiri kepesertaan (tanggal dan alasan)")
        with self._sessions.begin() as session:
            enrollment = _find(session, enrollment_id)
            check_transition(enrollment.status, status)
            writes.update(session, "enrollment", enrollment, {"status": status}, action="status")
            return EnrollmentInfo.of(enrollment)

    def end(self, worker_ref: str, *, on: date, reason: EndReason) -> EnrollmentInfo:
        """End the worker's open coverage period on `on` (the last covered day)."""
        with self._sessions.begin() as session:
            worker = find_worker(session, worker_ref)
            open_ = [
                e for e in _periods(session, worker.id) if e.status is not EnrollmentStatus.ENDED
            ]
            if not open_:
                raise NotFound(
                    "worker", f"{worker.full_name} tidak punya kepesertaan yang berjalan"
                )
            enrollment = open_[-1]
            if on < enrollment.start_date:
                raise InvalidField("date", "tanggal berakhir sebelum tanggal mulai kepesertaan")
            check_transition(enrollment.status, EnrollmentStatus.ENDED)
            values = {"status": EnrollmentStatus.ENDED, "end_date": on, "end_reason": reason}
            writes.update(session, "enrollment", enrollment, values, action="end")
            return EnrollmentInfo.of(enrollment)


def _start_guess(draft: EnrollmentDraft) -> date:
    """The start date for choosing rates before full validation (validation reports errors)."""
    from app.domain.formatting import parse_date

    try:
        return parse_date(draft.start, field="start")
    except InvalidField:
        return date.today()


def _periods(session: Session, worker_id: uuid.UUID) -> list[Enrollment]:
    stmt = (
        select(Enrollment)
        .where(Enrollment.worker_id == worker_id, Enrollment.deleted.is_(False))
        .order_by(Enrollment.start_date)
    )
    return list(session.scalars(stmt))


def _find(session: Session, enrollment_id: str) -> Enrollment:
    try:
        enrollment = session.get(Enrollment, uuid.UUID(enrollment_id))
    except ValueError:
        enrollment = None
    if enrollment is None or enrollment.deleted:
        raise NotFound("enrollment", "kepesertaan tidak ditemukan; muat ulang data")
    return enrollment
