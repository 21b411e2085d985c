"""The monthly roster: generate the draft, lock it, record payments against it.

A line is a `contribution` row whose id is a UUIDv5 of (enrollment, period), so regenerating
rewrites the same rows and two PCs converge on one line. Locked lines are never recomputed:
history stays what was billed. Lines are written in bulk (a roster can hold 100,000 lines);
each line still gets its outbox row in the same transaction.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.domain.contribution import MonthAmount, compute_month
from app.domain.enrollment import EnrollmentStatus
from app.domain.errors import DomainError, InvalidField
from app.domain.formatting import format_rupiah
from app.domain.period import Period
from app.domain.rates import Payer, Segment
from app.models import Contribution, Enrollment, Payment, SyncOutbox, Worker, new_id, utcnow
from app.models.engine import Sessions
from app.services import writes
from app.services.enrollments import terms_of
from app.services.rates import Rates
from app.services.village import current_village

LINE_NAMESPACE = uuid.UUID("0c6f1f7a-3f0e-4f5e-8a53-6a4f3c1d2b90")
BILLED = (EnrollmentStatus.SUBMITTED, EnrollmentStatus.ACTIVE, EnrollmentStatus.ENDED)


class RosterLocked(DomainError):
    code = "roster_locked"


class RosterNotLocked(DomainError):
    code = "roster_not_locked"


def line_id(enrollment_id: uuid.UUID, period: Period) -> uuid.UUID:
    return uuid.uuid5(LINE_NAMESPACE, f"{enrollment_id}:{period}")


@dataclass(frozen=True, slots=True)
class RosterLine:
    id: str
    worker_id: str
    nik: str
    name: str
    segment: Segment
    payer: Payer
    wage: int
    amounts: dict[str, int]
    employer_total: int
    worker_total: int
    total: int
    status: str


@dataclass(frozen=True, slots=True)
class PayerBalance:
    payer: Payer
    billed: int
    paid: int

    @property
    def shortfall(self) -> int:
        return max(self.billed - self.paid, 0)

    @property
    def excess(self) -> int:
        return max(self.paid - self.billed, 0)


@dataclass(frozen=True, slots=True)
class Roster:
    period: Period
    locked: bool
    lines: list[RosterLine]
    totals_by_payer: dict[str, int]
    total: int
    balances: list[PayerBalance]


class RosterService:
    def __init__(self, sessions: Sessions, rates: Rates, today: Callable[[], date]) -> None:
        self._sessions = sessions
        self._rates = rates
        self._today = today

    # -- generate -------------------------------------------------------------------------
    def generate(self, period: Period) -> Roster:
        """Build or rebuild the draft for `period`; RosterLocked when the month is locked."""
        rates = self._rates.at(period.first_day)
        with self._sessions.begin() as session:
            village = current_village(session)
            if _locked(session, period):
                raise RosterLocked(
                    "period",
                    f"iuran {period} sudah dikunci; bulan yang dikunci tidak dapat dihitung ulang",
                )
            enrollments = _billable(session, period)
            computed = {e.id: compute_month(terms_of(e), period, rates) for e in enrollments}
            _write_lines(session, village.id, period, enrollments, computed)
            writes.audit(session, "roster_generate", "contribution", village.id, str(period))
        return self.get(period)

    # -- lock -----------------------------------------------------------------------------
    def lock(self, period: Period) -> Roster:
        with self._sessions.begin() as session:
            village = current_village(session)
            if _locked(session, period):
                raise RosterLocked("period", f"iuran {period} sudah dikunci")
            drafts = list(
                session.scalars(_lines_stmt(period).where(Contribution.status == "draft"))
            )
            if not drafts:
                raise InvalidField("period", f"belum ada draf iuran {period}; buat draf dulu")
            _set_status(session, drafts, "locked")
            writes.audit(session, "roster_lock", "contribution", village.id, str(period))
        return self.get(period)

    # -- pay ------------------------------------------------------------------------------
    def pay(
        self,
        period: Period,
        payer: Payer,
        *,
        amount: int,
        paid_on: date,
        reference: str,
        note: str | None = None,
    ) -> PayerBalance:
        """Record a payment; the payer's lines become paid once payments cover them in full.
        A short or excess payment is kept and reported, never silently absorbed."""
        if amount <= 0:
            raise InvalidField("amount", "jumlah pembayaran harus lebih dari Rp0")
        if not reference.strip():
            raise InvalidField("reference", "nomor bukti/referensi pembayaran wajib diisi")
        # Not today.replace(year=+1): that raises on 29 February.
        if paid_on - self._today() > timedelta(days=366):
            raise InvalidField("date", "tanggal bayar tidak masuk akal; periksa tahunnya")
        with self._sessions.begin() as session:
            village = current_village(session)
            lines = list(session.scalars(_lines_stmt(period).where(Contribution.payer == payer)))
            if not lines:
                raise InvalidField(
                    "payer", f"tidak ada iuran {period} dengan sumber dana {payer.value}"
                )
            if any(line.status == "draft" for line in lines):
                raise RosterNotLocked(
                    "period", f"kunci iuran {period} dulu sebelum mencatat pembayaran"
                )
            payment = Payment(
                village_id=village.id, period=str(period), payer=payer, amount=amount,
                paid_on=paid_on, reference=reference.strip(), note=(note or "").strip() or None,
            )  # fmt: skip
            writes.insert(session, "payment", payment)
            balance = _balance(session, period, payer, lines)
            if balance.paid >= balance.billed:
                _set_status(session, [x for x in lines if x.status == "locked"], "paid")
            return balance

    # -- read -----------------------------------------------------------------------------
    def get(self, period: Period) -> Roster:
        with self._sessions() as session:
            rows = session.execute(
                select(Contribution, Worker.nik, Worker.full_name)
                .join(Worker, Worker.id == Contribution.worker_id)
                .where(Contribution.period == str(period), Contribution.deleted.is_(False))
                .order_by(Contribution.payer, Worker.search_name, Worker.id)
            ).all()
            lines = [_line(c, nik, name) for c, nik, name in rows]
            totals: dict[str, int] = defaultdict(int)
            for line in lines:
                totals[line.payer.value] += line.total
            balances = [
                _balance(session, period, Payer(p), [c for c, _, _ in rows if c.payer.value == p])
                for p in sorted(totals)
            ]
            locked = bool(lines) and all(line.status != "draft" for line in lines)
            return Roster(period, locked, lines, dict(totals), sum(totals.values()), balances)

    def locked_periods(self) -> list[Period]:
        with self._sessions() as session:
            stmt = (
                select(Contribution.period)
                .where(Contribution.deleted.is_(False), Contribution.status != "draft")
                .distinct()
            )
            return sorted(Period.parse(p) for p in session.scalars(stmt))


# -- helpers ----------------------------------------------------------------------------
def _lines_stmt(period: Period):  # type: ignore[no-untyped-def]
    return select(Contribution).where(
        Contribution.period == str(period), Contribution.deleted.is_(False)
    )


def _locked(session: Session, period: Period) -> bool:
    stmt = (
        select(func.count())
        .select_from(Contribution)
        .where(
            Contribution.period == str(period),
            Contribution.deleted.is_(False),
            Contribution.status != "draft",
        )
    )
    return bool(session.scalar(stmt))


def _billable(session: Session, period: Period) -> list[Enrollment]:
    """Enrollments in force on any day of the month (drafts are not billed)."""
    stmt = (
        select(Enrollment)
        .join(Worker, Worker.id == Enrollment.worker_id)
        .where(
            Enrollment.deleted.is_(False),
            Worker.deleted.is_(False),
            Enrollment.status.in_(BILLED),
            Enrollment.start_date <= period.last_day,
            or_(Enrollment.end_date.is_(None), Enrollment.end_date >= period.first_day),
        )
    )
    return list(session.scalars(stmt))


def _amounts_json(month: MonthAmount) -> str:
    return json.dumps(
        {a.programme.value: [a.employer, a.worker] for a in month.amounts}, sort_keys=True
    )


def _write_lines(
    session: Session,
    village_id: uuid.UUID,
    period: Period,
    enrollments: list[Enrollment],
    computed: dict[uuid.UUID, MonthAmount],
) -> None:
    """Upsert one draft line per enrollment; tombstone drafts whose enrollment left the month."""
    existing = {
        c.id: c
        for c in session.scalars(select(Contribution).where(Contribution.period == str(period)))
    }
    now = utcnow()
    inserts: list[dict[str, object]] = []
    outbox: list[dict[str, object]] = []
    keep: set[uuid.UUID] = set()
    for e in enrollments:
        month = computed[e.id]
        lid = line_id(e.id, period)
        keep.add(lid)
        values: dict[str, object] = {
            "enrollment_id": e.id, "worker_id": e.worker_id, "period": str(period),
            "payer": e.payer, "segment": e.segment, "wage": e.wage,
            "amounts": _amounts_json(month),
            "employer_total": sum(a.employer for a in month.amounts),
            "worker_total": sum(a.worker for a in month.amounts), "total": month.total,
            "rate_version": month.rate_version, "status": "draft", "deleted": False,
        }  # fmt: skip
        current = existing.get(lid)
        if current is None:
            inserts.append(
                {"id": lid, "village_id": village_id, "updated_at_client": now, **values}
            )
            outbox.append(
                _outbox("insert", lid, fields=values, base={}, base_version=None, now=now)
            )
        else:
            changed = {k: v for k, v in values.items() if getattr(current, k) != v}
            if changed:
                base = {k: getattr(current, k) for k in changed}
                for key, value in changed.items():
                    setattr(current, key, value)
                current.updated_at_client = now
                outbox.append(
                    _outbox(
                        "update",
                        lid,
                        fields=changed,
                        base=base,
                        base_version=current.version,
                        now=now,
                    )
                )
    for lid, current in existing.items():
        if lid not in keep and not current.deleted and current.status == "draft":
            current.deleted = True
            outbox.append(
                _outbox(
                    "delete",
                    lid,
                    fields={"deleted": True},
                    base={"deleted": False},
                    base_version=current.version,
                    now=now,
                )
            )
    if inserts:
        session.execute(insert(Contribution), inserts)
    if outbox:
        session.execute(insert(SyncOutbox), outbox)


def _outbox(
    op: str,
    row_id: uuid.UUID,
    *,
    fields: dict[str, object],
    base: dict[str, object],
    base_version: int | None,
    now: object,
) -> dict[str, object]:
    from app.sync.outbox import to_wire

    def dump(values: dict[str, object]) -> str:
        return json.dumps({k: to_wire(v) for k, v in values.items()}, sort_keys=True)

    return {
        "op_id": new_id(), "entity": "contribution", "row_id": row_id, "op": op,
        "fields": dump(fields), "base": dump(base), "base_version": base_version,
        "created_at": now,
    }  # fmt: skip


def _set_status(session: Session, lines: list[Contribution], status: str) -> None:
    now = utcnow()
    outbox = [
        _outbox(
            "update",
            line.id,
            fields={"status": status},
            base={"status": line.status},
            base_version=line.version,
            now=now,
        )
        for line in lines
    ]
    ids = [line.id for line in lines]
    for chunk in range(0, len(ids), 500):
        session.execute(
            update(Contribution)
            .where(Contribution.id.in_(ids[chunk : chunk + 500]))
            .values(status=status, updated_at_client=now)
            .execution_options(synchronize_session=False)
        )
    for line in lines:
        session.expire(line)
    if outbox:
        session.execute(insert(SyncOutbox), outbox)


def _balance(
    session: Session, period: Period, payer: Payer, lines: list[Contribution]
) -> PayerBalance:
    paid = session.scalar(
        select(func.coalesce(func.sum(Payment.amount), 0)).where(
            and_(Payment.period == str(period), Payment.payer == payer, Payment.deleted.is_(False))
        )
    )
    return PayerBalance(payer, sum(line.total for line in lines), int(paid or 0))


def _line(c: Contribution, nik: str, name: str) -> RosterLine:
    amounts = {k: v[0] + v[1] for k, v in json.loads(c.amounts).items()}
    return RosterLine(
        id=str(c.id), worker_id=str(c.worker_id), nik=nik, name=name, segment=c.segment,
        payer=c.payer, wage=c.wage, amounts=amounts, employer_total=c.employer_total,
        worker_total=c.worker_total, total=c.total, status=c.status,
    )  # fmt: skip


def describe_balance(balance: PayerBalance) -> str:
    if balance.shortfall:
        return f"kurang {format_rupiah(balance.shortfall)}"
    if balance.excess:
        return f"lebih {format_rupiah(balance.excess)}"
    return "lunas"
