"""Enrollment receipts: a number issued once per coverage period, printed as often as needed.

Numbers are made offline (app.domain.receipt): village code, this database's device tag and a
local counter that moves in the same transaction that stores the receipt, its outbox row and
the enrollment's `receipt_no`. A reprint finds the receipt of the enrollment and shows the
same number, date and verification code. Issuing happens in one transaction per batch and
commits before the PDF is drawn: a failed file write never loses or reuses a number, the next
print simply shows the numbers already issued.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.documents.pdf.letterhead import Letterhead
from app.documents.pdf.paper import Paper
from app.documents.pdf.receipts import ReceiptDoc, render_receipts
from app.domain.contribution import compute_month
from app.domain.enrollment import EnrollmentStatus
from app.domain.errors import NotFound
from app.domain.formatting import format_date
from app.domain.period import Period
from app.domain.rates import RateSet
from app.domain.receipt import device_tag, receipt_counter, receipt_number, verification_code
from app.models import (
    AuditEntry,
    Enrollment,
    Receipt,
    ReceiptCounter,
    SyncOutbox,
    SyncState,
    Village,
    Worker,
    new_id,
    utcnow,
)
from app.models.engine import Sessions
from app.services import writes
from app.services.enrollments import terms_of
from app.services.papers import default_paper, fonts_dir, letterhead_of, write_pdf
from app.services.rates import Rates
from app.services.register import find_worker
from app.services.village import current_village
from app.sync.outbox import row_values, to_wire


@dataclass(frozen=True, slots=True)
class IssuedReceipt:
    number: str
    verification_code: str
    issued_on: date
    worker_id: str
    worker_name: str
    enrollment_id: str
    reprint: bool  # the number existed before this call


@dataclass(frozen=True, slots=True)
class ReceiptBatch:
    """Receipts ready to draw, in print order, and the paper the office prints on."""

    letterhead: Letterhead
    receipts: tuple[ReceiptDoc, ...]
    issued: tuple[IssuedReceipt, ...]
    paper: Paper


class ReceiptService:
    """Thread-safe: one session per call. Raises DomainError subclasses (NotFound...)."""

    def __init__(self, sessions: Sessions, rates: Rates, today: Callable[[], date]) -> None:
        self._sessions = sessions
        self._rates = rates
        self._today = today

    def for_workers(self, refs: Sequence[str]) -> ReceiptBatch:
        """The receipt of each worker's latest coverage period (by TMT), issuing the ones not
        issued yet. All or nothing: an unknown worker or one without a period raises NotFound
        naming them and issues nothing."""
        with self._sessions.begin() as session:
            chosen: list[tuple[Enrollment, Worker]] = []
            seen: set[uuid.UUID] = set()
            for ref in refs:
                worker = find_worker(session, ref)
                if worker.id in seen:
                    continue
                seen.add(worker.id)
                enrollment = _latest_enrollment(session, worker.id)
                if enrollment is None:
                    raise NotFound(
                        "worker",
                        f"{worker.full_name} ({ref.strip()}) belum punya kepesertaan; "
                        "daftarkan dulu dengan `payung enroll`",
                    )
                chosen.append((enrollment, worker))
            return self._batch(session, chosen)

    def since(self, day: date) -> ReceiptBatch:
        """Receipts of every coverage period whose TMT is on or after `day` and that has not
        ended (new registrations since a date), in TMT order then by name."""
        with self._sessions.begin() as session:
            stmt = (
                select(Enrollment, Worker)
                .join(Worker, Worker.id == Enrollment.worker_id)
                .where(
                    Enrollment.deleted.is_(False),
                    Worker.deleted.is_(False),
                    Enrollment.start_date >= day,
                    Enrollment.status != EnrollmentStatus.ENDED,
                )
                .order_by(Enrollment.start_date, Worker.search_name, Worker.id)
            )
            chosen = [(e, w) for e, w in session.execute(stmt).all()]
            if not chosen:
                raise NotFound(
                    "since", f"tidak ada kepesertaan dengan TMT sejak {format_date(day)}"
                )
            return self._batch(session, chosen)

    def for_enrollment(self, enrollment_id: str) -> ReceiptBatch:
        with self._sessions.begin() as session:
            try:
                enrollment = session.get(Enrollment, uuid.UUID(enrollment_id))
            except ValueError:
                enrollment = None
            if enrollment is None or enrollment.deleted:
                raise NotFound("enrollment", "kepesertaan tidak ditemukan; muat ulang data")
            worker = find_worker(session, str(enrollment.worker_id))
            return self._batch(session, [(enrollment, worker)])

    def write_pdf(self, batch: ReceiptBatch, out: Path, *, paper: Paper | None = None) -> int:
        """One page per receipt, written atomically to `out`; returns the page count."""
        size = paper or batch.paper
        write_pdf(
            out,
            lambda fh: render_receipts(
                batch.letterhead, batch.receipts, fh, paper=size, fonts=fonts_dir()
            ),
        )
        return len(batch.receipts)

    # -- inside the issuing transaction -----------------------------------------------------
    def _batch(self, session: Session, chosen: list[tuple[Enrollment, Worker]]) -> ReceiptBatch:
        village = current_village(session)
        issued = issue_receipts(session, village, chosen, today=self._today())
        rate_sets: dict[Period, RateSet] = {}
        docs: list[ReceiptDoc] = []
        for (enrollment, worker), (receipt, _) in zip(chosen, issued, strict=True):
            month = Period.of(max(self._today(), enrollment.start_date))
            if month not in rate_sets:
                rate_sets[month] = self._rates.at(month.first_day)
            docs.append(_doc(receipt, enrollment, worker, rate_sets[month]))
        infos = tuple(
            _issued(e, w, r, reprint) for (e, w), (r, reprint) in zip(chosen, issued, strict=True)
        )
        return ReceiptBatch(letterhead_of(village), tuple(docs), infos, default_paper(session))


def issue_receipts(
    session: Session,
    village: Village,
    chosen: Sequence[tuple[Enrollment, Worker]],
    *,
    today: date,
) -> list[tuple[Receipt, bool]]:
    """(receipt, was it issued before) per enrollment, issuing the missing ones in `session`:
    the counter, the receipt rows, each enrollment's receipt_no, their outbox and audit rows.

    A reprint keeps number and date; its verification code follows the worker's current NIK
    (a corrected NIK), so printed NIK, code and what the dashboard recomputes always agree.
    """
    existing = _existing(session, [e.id for e, _ in chosen])
    fresh: list[tuple[Enrollment, Receipt]] = []
    counter: ReceiptCounter | None = None
    tag = ""
    result: list[tuple[Receipt, bool]] = []
    for enrollment, worker in chosen:
        receipt = existing.get(enrollment.id)
        if receipt is not None:
            code = verification_code(receipt.number, worker.nik, receipt.issued_on)
            writes.update(
                session, "receipt", receipt, {"verification_code": code}, action="receipt"
            )
            if enrollment.receipt_no != receipt.number:
                values = {"receipt_no": receipt.number}
                writes.update(session, "enrollment", enrollment, values, action="receipt")
            result.append((receipt, True))
            continue
        if counter is None:
            tag = device_tag(_db_instance_id(session))
            counter = _counter(session, village.code, tag)
        counter.last_number += 1
        number = receipt_number(village.code, tag, counter.last_number)
        receipt = Receipt(
            id=new_id(), village_id=village.id, version=None, deleted=False,
            updated_at_client=utcnow(), number=number, enrollment_id=enrollment.id,
            worker_id=enrollment.worker_id, issued_on=today,
            verification_code=verification_code(number, worker.nik, today),
        )  # fmt: skip
        existing[enrollment.id] = receipt
        fresh.append((enrollment, receipt))
        result.append((receipt, False))
    if fresh:
        _store(session, fresh)
    return result


def _store(session: Session, fresh: list[tuple[Enrollment, Receipt]]) -> None:
    """The new receipts, the enrollments' receipt_no, and for each of those changes the outbox
    and audit rows `writes.insert` / `writes.update` would write, in the same order, as a few
    bulk statements: row by row through the ORM, 1,000 receipts took ~5 s (DESIGN.md section
    10 gives the whole batch 4 s)."""
    session.flush()  # the counter and sync_state rows first
    operator = writes.operator_name(session)
    now = utcnow()
    receipts, links, outbox, audit = [], [], [], []
    for enrollment, receipt in fresh:
        receipts.append({c.key: getattr(receipt, c.key) for c in Receipt.__table__.columns})
        links.append({"row": enrollment.id, "number": receipt.number, "at": now})
        outbox.append(
            _op("receipt", receipt.id, "insert", fields=row_values(receipt), base={},
                base_version=None, now=now)
        )  # fmt: skip
        outbox.append(
            _op("enrollment", enrollment.id, "update", fields={"receipt_no": receipt.number},
                base={"receipt_no": enrollment.receipt_no}, base_version=enrollment.version,
                now=now)
        )  # fmt: skip
        for entity, row_id, action, fields in (
            ("receipt", receipt.id, "receipt_issue", "*"),
            ("enrollment", enrollment.id, "receipt", "receipt_no"),
        ):
            audit.append({"at": now, "operator": operator, "action": action, "entity": entity,
                          "row_id": row_id, "changed": fields})  # fmt: skip
    connection = session.connection()
    connection.execute(insert(Receipt), receipts)
    connection.execute(
        update(Enrollment)
        .where(Enrollment.id == bindparam("row"))
        .values(receipt_no=bindparam("number"), updated_at_client=bindparam("at")),
        links,
    )
    connection.execute(insert(SyncOutbox), outbox)
    connection.execute(insert(AuditEntry), audit)
    for enrollment, receipt in fresh:  # the session's copies say what the table says
        set_committed_value(enrollment, "receipt_no", receipt.number)
        set_committed_value(enrollment, "updated_at_client", now)


def _op(
    entity: str,
    row_id: uuid.UUID,
    op: str,
    *,
    fields: dict[str, Any],
    base: dict[str, Any],
    base_version: int | None,
    now: datetime,
) -> dict[str, Any]:
    """An outbox row as app.sync.outbox records it (wire values, sorted JSON)."""

    def dump(values: dict[str, Any]) -> str:
        wire = {key: to_wire(value) for key, value in values.items()}
        return json.dumps(wire, ensure_ascii=False, sort_keys=True)

    return {
        "op_id": new_id(), "entity": entity, "row_id": row_id, "op": op,
        "fields": dump(fields), "base": dump(base), "base_version": base_version,
        "created_at": now,
    }  # fmt: skip


def _existing(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Receipt]:
    """The receipt of each enrollment; the earliest when two PCs issued one before syncing."""
    found: dict[uuid.UUID, Receipt] = {}
    wanted = list(ids)
    for chunk in range(0, len(wanted), 500):
        stmt = (
            select(Receipt)
            .where(
                Receipt.enrollment_id.in_(wanted[chunk : chunk + 500]),
                Receipt.deleted.is_(False),
            )
            .order_by(Receipt.issued_on.desc(), Receipt.number.desc())
        )
        for receipt in session.scalars(stmt):
            found[receipt.enrollment_id] = receipt  # later rows are earlier receipts
    return found


def _db_instance_id(session: Session) -> uuid.UUID:
    """This database's identity (sync_state row 1), created on first use."""
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1)
        session.add(state)
        session.flush()
    return state.db_instance_id


def _counter(session: Session, village_code: str, tag: str) -> ReceiptCounter:
    """The device's counter row, never behind the highest number of this device already in
    the table (receipts pulled back from the server after a restore or re-initialisation)."""
    counter = session.get(ReceiptCounter, tag)
    if counter is None:
        counter = ReceiptCounter(device=tag, last_number=0)
        session.add(counter)
    prefix = receipt_number(village_code, tag, 1).rsplit("-", 1)[0] + "-"
    highest = session.scalar(
        select(Receipt.number)
        .where(Receipt.number >= prefix, Receipt.number < prefix[:-1] + ".")
        .order_by(func.length(Receipt.number).desc(), Receipt.number.desc())
        .limit(1)
    )
    if highest is not None:
        used = receipt_counter(highest, village_code=village_code, device=tag) or 0
        counter.last_number = max(counter.last_number, used)
    return counter


def _issued(e: Enrollment, w: Worker, r: Receipt, reprint: bool) -> IssuedReceipt:
    return IssuedReceipt(
        number=r.number, verification_code=r.verification_code, issued_on=r.issued_on,
        worker_id=str(w.id), worker_name=w.full_name, enrollment_id=str(e.id), reprint=reprint,
    )  # fmt: skip


def _latest_enrollment(session: Session, worker_id: uuid.UUID) -> Enrollment | None:
    stmt = (
        select(Enrollment)
        .where(Enrollment.worker_id == worker_id, Enrollment.deleted.is_(False))
        .order_by(Enrollment.start_date.desc(), Enrollment.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def _doc(receipt: Receipt, e: Enrollment, w: Worker, rates: RateSet) -> ReceiptDoc:
    terms = terms_of(e)
    return ReceiptDoc(
        number=receipt.number, verification_code=receipt.verification_code,
        issued_on=receipt.issued_on, name=w.full_name, nik=w.nik, birth_place=w.birth_place,
        birth_date=w.birth_date, sex=w.sex, category=w.category, position=w.position,
        kpj=e.kpj or w.kpj, segment=e.segment, programmes=terms.programmes, wage=e.wage,
        start=e.start_date, payer=e.payer,
        month=compute_month(terms, Period.of(rates.on), rates),
    )  # fmt: skip
