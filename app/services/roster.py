"""The monthly roster: generate the draft, lock it, record payments against it.

A line is a `contribution` row whose id is a UUIDv5 of (enrollment, period), so regenerating
rewrites the same rows and two PCs converge on one line. Locked lines are never recomputed:
history stays what was billed. Lines are written in bulk (a roster can hold 100,000 lines);
each line still gets its outbox row in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    Integer,
    String,
    Table,
    and_,
    bindparam,
    func,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from app.domain.contribution import MonthAmount, Terms, compute_month
from app.domain.enrollment import EnrollmentStatus, parse_programmes
from app.domain.errors import DomainError, InvalidField
from app.domain.formatting import format_rupiah
from app.domain.period import Period
from app.domain.rates import Payer, RateSet, Segment
from app.models import Contribution, Enrollment, Payment, SyncOutbox, Worker, new_id, utcnow
from app.models.engine import Sessions
from app.services import writes
from app.services.rates import Rates
from app.services.village import current_village
from app.sync.outbox import to_wire

LINE_NAMESPACE = uuid.UUID("0c6f1f7a-3f0e-4f5e-8a53-6a4f3c1d2b90")
_LINE_NAMESPACE_BYTES = LINE_NAMESPACE.bytes
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
            computed = _compute(enrollments, period, rates)
            line_ids = _write_lines(session, village.id, period, enrollments, computed)
            writes.audit(session, "roster_generate", "contribution", village.id, str(period))
            return _drafted(session, period, enrollments, computed, line_ids)

    # -- lock -----------------------------------------------------------------------------
    def lock(self, period: Period) -> Roster:
        with self._sessions.begin() as session:
            village = current_village(session)
            if _locked(session, period):
                raise RosterLocked("period", f"iuran {period} sudah dikunci")
            drafts = _refs(session, period, Contribution.status == "draft")
            if not drafts:
                raise InvalidField("period", f"belum ada draf iuran {period}; buat draf dulu")
            _set_status(session, period, drafts, "locked", Contribution.status == "draft")
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
            lines = _refs(session, period, Contribution.payer == payer)
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
            balance = _balance(session, period, payer, sum(line.total for line in lines))
            if balance.paid >= balance.billed:
                _set_status(
                    session,
                    period,
                    [x for x in lines if x.status == "locked"],
                    "paid",
                    Contribution.payer == payer,
                    Contribution.status == "locked",
                )
            return balance

    # -- read -----------------------------------------------------------------------------
    def get(self, period: Period) -> Roster:
        with self._sessions() as session:
            rows = session.execute(
                select(
                    _raw(Contribution.id),
                    _raw(Contribution.worker_id),
                    Worker.nik,
                    Worker.full_name,
                    Contribution.segment,
                    Contribution.payer,
                    Contribution.wage,
                    Contribution.amounts,
                    Contribution.employer_total,
                    Contribution.worker_total,
                    Contribution.total,
                    Contribution.status,
                )
                .join(Worker, Worker.id == Contribution.worker_id)
                .where(Contribution.period == str(period), Contribution.deleted.is_(False))
                .order_by(Contribution.payer, Worker.search_name, Worker.id)
            ).all()
            amounts = _AmountsCache()
            return _roster(session, period, [_line(row, amounts) for row in rows])

    def locked_periods(self) -> list[Period]:
        with self._sessions() as session:
            stmt = (
                select(Contribution.period)
                .where(Contribution.deleted.is_(False), Contribution.status != "draft")
                .distinct()
            )
            return sorted(Period.parse(p) for p in session.scalars(stmt))


# -- helpers ----------------------------------------------------------------------------
# A roster holds up to 100,000 lines. Everything below reads columns rather than ORM objects,
# and the bulk writes (new lines, status changes and their outbox rows) go to the driver's
# executemany with values already in their stored form: UUIDs as the 32 hex digits
# SQLAlchemy's Uuid type stores, enums as their codes, constants (now, the village, False)
# converted once through the column types' own bind processors. Rarely taken paths (a line
# whose terms changed, a tombstone) keep to typed values through SQLAlchemy.
_CONTRIBUTION = cast(Table, Contribution.__table__)
_OUTBOX = cast(Table, SyncOutbox.__table__)
# The columns a line's draft values cover, in the order `_write_lines` compares them.
_VALUE_KEYS = (
    "enrollment_id", "worker_id", "period", "payer", "segment", "wage", "amounts",
    "employer_total", "worker_total", "total", "rate_version", "status", "deleted",
)  # fmt: skip
_INSERT_KEYS = ("id", "village_id", "version", "updated_at_client", *_VALUE_KEYS)
_OUTBOX_KEYS = (
    "op_id", "entity", "row_id", "op", "fields", "base", "base_version", "created_at",
)  # fmt: skip
_ID_MARK, _WORKER_MARK = "{{enrollment_id}}", "{{worker_id}}"  # JSON keeps them as they are


def _insert_sql(table: Table, keys: tuple[str, ...]) -> str:
    return f"INSERT INTO {table.name} ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})"


_INSERT_LINE = _insert_sql(_CONTRIBUTION, _INSERT_KEYS)
_INSERT_OUTBOX = _insert_sql(_OUTBOX, _OUTBOX_KEYS)


def _raw(column: Any) -> Any:
    """The column as stored (a UUID's 32 hex digits, an enum's code), no per-row conversion."""
    return type_coerce(column, String).label(column.key)


def _stored(session: Session, column: Any, value: object) -> object:
    """`value` as the column's type stores it, through the bind processor SQLAlchemy itself
    applies (the dialect's implementation of the type: SQLite's DATETIME formats dates)."""
    dialect = session.get_bind().dialect
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process(value) if process is not None else value


def _text_uuid(raw: str) -> str:
    """str(uuid.UUID(raw)) of a stored UUID, several times cheaper."""
    if len(raw) == 32:
        return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}".lower()
    return str(uuid.UUID(raw))


def _line_hex(enrollment_text: str, period: str) -> str:
    """line_id(...).hex from the enrollment id's text form, without building UUIDs: a UUIDv5
    is the SHA-1 of namespace and name, first 16 bytes, version 5 and RFC 4122 variant set."""
    name = f"{enrollment_text}:{period}".encode()
    digest = bytearray(hashlib.sha1(_LINE_NAMESPACE_BYTES + name, usedforsecurity=False).digest())
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    return digest[:16].hex()


class _AmountsCache:
    """The per-programme totals of a stored `amounts` text, parsed once per distinct text;
    each line gets its own copy."""

    def __init__(self) -> None:
        self._parsed: dict[str, dict[str, int]] = {}

    def __getitem__(self, text: str) -> dict[str, int]:
        parsed = self._parsed.get(text)
        if parsed is None:
            parsed = self._parsed[text] = {k: v[0] + v[1] for k, v in json.loads(text).items()}
        return parsed.copy()


def _locked(session: Session, period: Period) -> bool:
    stmt = (
        select(Contribution.id)
        .where(
            Contribution.period == str(period),
            Contribution.deleted.is_(False),
            Contribution.status != "draft",
        )
        .limit(1)
    )
    return session.execute(stmt).first() is not None


def _refs(session: Session, period: Period, *criteria: Any) -> list[Any]:
    """(id as stored, version, status, total) of the month's live lines matching `criteria`."""
    stmt = select(
        _raw(Contribution.id), Contribution.version, Contribution.status, Contribution.total
    ).where(Contribution.period == str(period), Contribution.deleted.is_(False), *criteria)
    return list(session.execute(stmt).all())


class _Billed(NamedTuple):
    """An enrollment in force in the month, as stored, with its worker's name."""

    id: str
    worker_id: str
    segment: str
    programmes: str
    wage: int
    payer: str
    risk_class: int
    nik: str
    full_name: str
    search_name: str
    id_text: str  # str(uuid.UUID(id))
    worker_text: str


def _billable(session: Session, period: Period) -> list[_Billed]:
    """Enrollments in force on any day of the month (drafts are not billed)."""
    stmt = (
        select(
            _raw(Enrollment.id),
            _raw(Enrollment.worker_id),
            _raw(Enrollment.segment),
            Enrollment.programmes,
            Enrollment.wage,
            _raw(Enrollment.payer),
            Enrollment.risk_class,
            Worker.nik,
            Worker.full_name,
            Worker.search_name,
        )
        .join(Worker, Worker.id == Enrollment.worker_id)
        .where(
            Enrollment.deleted.is_(False),
            Worker.deleted.is_(False),
            Enrollment.status.in_(BILLED),
            Enrollment.start_date <= period.last_day,
            or_(Enrollment.end_date.is_(None), Enrollment.end_date >= period.first_day),
        )
    )
    return [
        _Billed._make((*row, _text_uuid(row[0]), _text_uuid(row[1])))
        for row in session.execute(stmt)
    ]


@dataclass(frozen=True, slots=True)
class _Amount:
    """What a line stores of a MonthAmount."""

    amounts: str
    employer_total: int
    worker_total: int
    total: int
    rate_version: str

    @classmethod
    def of(cls, month: MonthAmount) -> _Amount:
        return cls(
            _amounts_json(month),
            sum(a.employer for a in month.amounts),
            sum(a.worker for a in month.amounts),
            month.total,
            month.rate_version,
        )


def _amounts_json(month: MonthAmount) -> str:
    return json.dumps(
        {a.programme.value: [a.employer, a.worker] for a in month.amounts}, sort_keys=True
    )


def _compute(enrollments: list[_Billed], period: Period, rates: RateSet) -> list[_Amount]:
    """compute_month for each enrollment (in order), once per distinct set of terms: a village
    has a few dozen (the same siltap, bracket and programmes over and over). Raises before
    anything is written when a rate is missing."""
    by_terms: dict[tuple[object, ...], _Amount] = {}
    computed: list[_Amount] = []
    for e in enrollments:
        key = (e.segment, e.programmes, e.wage, e.payer, e.risk_class)
        amount = by_terms.get(key)
        if amount is None:
            terms = Terms(
                Segment(e.segment),
                parse_programmes(e.programmes),
                e.wage,
                Payer(e.payer),
                e.risk_class,
            )
            amount = by_terms[key] = _Amount.of(compute_month(terms, period, rates))
        computed.append(amount)
    return computed


def _typed_values(e: _Billed, month: str, amount: _Amount) -> dict[str, object]:
    """A line's draft values as the ORM holds them (what the outbox and comparisons see)."""
    return {
        "enrollment_id": uuid.UUID(e.id), "worker_id": uuid.UUID(e.worker_id),
        "period": month, "payer": Payer(e.payer), "segment": Segment(e.segment),
        "wage": e.wage, "amounts": amount.amounts, "employer_total": amount.employer_total,
        "worker_total": amount.worker_total, "total": amount.total,
        "rate_version": amount.rate_version, "status": "draft", "deleted": False,
    }  # fmt: skip


class _InsertFields(dict[tuple[object, ...], tuple[str, str, str]]):
    """The outbox `fields` text of a new line, split around its enrollment and worker ids: the
    text is the same for every line sharing payer, segment, wage and amounts, so it is dumped
    once (by the same code as any outbox row) with markers in place of the two ids."""

    def __init__(self, month: str) -> None:
        super().__init__()
        self._month = month

    def text(self, e: _Billed, amount: _Amount) -> str:
        key = (e.payer, e.segment, e.wage, amount)
        parts = self.get(key)
        if parts is None:
            values = _typed_values(e, self._month, amount)
            values.update(enrollment_id=_ID_MARK, worker_id=_WORKER_MARK)
            head, rest = _dump(values).split(_ID_MARK)
            middle, tail = rest.split(_WORKER_MARK)
            parts = self[key] = (head, middle, tail)
        return f"{parts[0]}{e.id_text}{parts[1]}{e.worker_text}{parts[2]}"


def _write_lines(
    session: Session,
    village_id: uuid.UUID,
    period: Period,
    enrollments: list[_Billed],
    computed: list[_Amount],
) -> list[str]:
    """Upsert one draft line per enrollment; tombstone drafts whose enrollment left the month.
    Returns the line ids as stored, in enrollment order.

    The month's existing lines are compared in stored form first; a line that differs there
    is compared again on typed values (exactly what is written and sent), so only real
    changes are written. Outbox rows keep enrollment order, tombstones last."""
    month = str(period)
    now = utcnow()
    now_stored = _stored(session, _CONTRIBUTION.c.updated_at_client, now)
    created_stored = _stored(session, _OUTBOX.c.created_at, now)
    village_stored = _stored(session, _CONTRIBUTION.c.village_id, village_id)
    false_stored = _stored(session, _CONTRIBUTION.c.deleted, False)
    existing = {
        row[0]: row
        for row in session.execute(
            select(
                _raw(Contribution.id),
                Contribution.version,
                *(_raw(getattr(Contribution, k)) for k in _VALUE_KEYS[:-1]),
                type_coerce(Contribution.deleted, Integer).label("deleted"),
            ).where(Contribution.period == month)
        )
    }
    fields = _InsertFields(month)
    inserts: list[tuple[object, ...]] = []
    # In enrollment order: an outbox row ready to write, or a line to compare on typed values.
    pending: list[tuple[object, ...] | tuple[uuid.UUID, dict[str, object]]] = []
    line_ids = [_line_hex(e.id_text, month) for e in enrollments]
    keep = set(line_ids)
    for e, amount, stored_id in zip(enrollments, computed, line_ids, strict=True):
        new = (
            e.id, e.worker_id, month, e.payer, e.segment, e.wage, amount.amounts,
            amount.employer_total, amount.worker_total, amount.total, amount.rate_version,
            "draft", false_stored,
        )  # fmt: skip
        current = existing.get(stored_id)
        if current is None:
            inserts.append((stored_id, village_stored, None, now_stored, *new))
            pending.append(
                (new_id().hex, "contribution", stored_id, "insert", fields.text(e, amount),
                 "{}", None, created_stored)
            )  # fmt: skip
        elif tuple(current[2:]) != new:
            pending.append((uuid.UUID(stored_id), _typed_values(e, month, amount)))
    outbox = _compare_typed(session, pending, now)
    tombstones = [
        (uuid.UUID(stored_id), current.version)
        for stored_id, current in existing.items()
        if stored_id not in keep and not current.deleted and current.status == "draft"
    ]
    for lid, version in tombstones:
        outbox.append(
            _outbox(
                "delete",
                lid,
                fields={"deleted": True},
                base={"deleted": False},
                base_version=version,
                now=now,
            )
        )
    if tombstones:
        session.execute(
            update(_CONTRIBUTION)
            .where(_CONTRIBUTION.c.id == bindparam("_id"))
            .values(deleted=True),
            [{"_id": lid} for lid, _ in tombstones],
        )
    connection = session.connection()
    if inserts:
        connection.exec_driver_sql(_INSERT_LINE, inserts)
    if outbox:
        stored = [row if isinstance(row, tuple) else _outbox_row(session, row) for row in outbox]
        connection.exec_driver_sql(_INSERT_OUTBOX, stored)
    return line_ids


def _compare_typed(
    session: Session,
    pending: list[tuple[object, ...] | tuple[uuid.UUID, dict[str, object]]],
    now: datetime,
) -> list[tuple[object, ...] | dict[str, object]]:
    """Resolve the lines that differed in stored form: update what really changed (typed
    comparison, as the ORM would) and queue their outbox rows, keeping `pending` order."""
    candidates = [item for item in pending if len(item) == 2]
    typed: dict[uuid.UUID, Any] = {}
    ids = [item[0] for item in candidates]
    for at in range(0, len(ids), 500):
        stmt = select(Contribution.id, Contribution.version, *_value_columns()).where(
            Contribution.id.in_(ids[at : at + 500])
        )
        typed.update((row.id, row) for row in session.execute(stmt))
    outbox: list[tuple[object, ...] | dict[str, object]] = []
    updates: dict[tuple[str, ...], list[dict[str, object]]] = defaultdict(list)
    for item in pending:
        if len(item) != 2:
            outbox.append(item)
            continue
        lid, values = cast(tuple[uuid.UUID, dict[str, object]], item)
        current = typed[lid]
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        if not changed:
            continue
        base = {k: getattr(current, k) for k in changed}
        updates[tuple(changed)].append({"_id": lid, "updated_at_client": now, **changed})
        outbox.append(
            _outbox("update", lid, fields=changed, base=base, base_version=current.version, now=now)
        )
    for keys, rows in updates.items():
        session.execute(
            update(_CONTRIBUTION)
            .where(_CONTRIBUTION.c.id == bindparam("_id"))
            .values({k: bindparam(k) for k in (*keys, "updated_at_client")}),
            rows,
        )
    return outbox


def _value_columns() -> list[Any]:
    return [getattr(Contribution, key) for key in _VALUE_KEYS]


def _dump(values: dict[str, object]) -> str:
    return json.dumps({k: to_wire(v) for k, v in values.items()}, sort_keys=True)


def _outbox(
    op: str,
    row_id: uuid.UUID,
    *,
    fields: dict[str, object],
    base: dict[str, object],
    base_version: int | None,
    now: object,
) -> dict[str, object]:
    return {
        "op_id": new_id(), "entity": "contribution", "row_id": row_id, "op": op,
        "fields": _dump(fields), "base": _dump(base), "base_version": base_version,
        "created_at": now,
    }  # fmt: skip


def _outbox_row(session: Session, row: dict[str, object]) -> tuple[object, ...]:
    """An outbox row of typed values in stored form, column by column of _OUTBOX_KEYS."""
    return tuple(_stored(session, _OUTBOX.c[key], row[key]) for key in _OUTBOX_KEYS)


def _set_status(
    session: Session, period: Period, lines: list[Any], status: str, *criteria: Any
) -> None:
    """Move `lines` (the month's live lines matching `criteria`, read in this transaction) to
    `status`: one UPDATE for the lot, one outbox row per line."""
    if not lines:
        return
    now = utcnow()
    now_stored = _stored(session, _OUTBOX.c.created_at, now)
    fields = _dump({"status": status})
    bases: dict[str, str] = {}
    outbox = []
    for line in lines:
        base = bases.get(line.status)
        if base is None:
            base = bases[line.status] = _dump({"status": line.status})
        outbox.append(
            (new_id().hex, "contribution", line.id, "update", fields, base, line.version,
             now_stored)
        )  # fmt: skip
    session.execute(
        update(_CONTRIBUTION)
        .where(
            _CONTRIBUTION.c.period == str(period),
            _CONTRIBUTION.c.deleted.is_(False),
            *criteria,
        )
        .values(status=status, updated_at_client=now)
    )
    session.connection().exec_driver_sql(_INSERT_OUTBOX, outbox)


def _drafted(
    session: Session,
    period: Period,
    enrollments: list[_Billed],
    computed: list[_Amount],
    line_ids: list[str],
) -> Roster:
    """What `get(period)` reads back right after `_write_lines`, built from what was written:
    the month's live lines are then exactly one draft per billed enrollment. Same order as
    get(): payer code, search name, worker id as stored (SQLite compares text bytewise, which
    for UTF-8 is code-point order, as Python does)."""
    amounts = _AmountsCache()
    segments = {s.value: s for s in Segment}
    payers = {p.value: p for p in Payer}
    keys = [(e.payer, e.search_name, e.worker_id) for e in enrollments]
    lines = []
    for i in sorted(range(len(enrollments)), key=keys.__getitem__):
        e, a = enrollments[i], computed[i]
        lines.append(
            RosterLine(
                id=_text_uuid(line_ids[i]), worker_id=e.worker_text, nik=e.nik,
                name=e.full_name, segment=segments[e.segment], payer=payers[e.payer],
                wage=e.wage, amounts=amounts[a.amounts], employer_total=a.employer_total,
                worker_total=a.worker_total, total=a.total, status="draft",
            )
        )  # fmt: skip
    return _roster(session, period, lines)


def _roster(session: Session, period: Period, lines: list[RosterLine]) -> Roster:
    totals: dict[str, int] = defaultdict(int)
    for line in lines:
        totals[line.payer.value] += line.total
    balances = [_balance(session, period, Payer(p), totals[p]) for p in sorted(totals)]
    locked = bool(lines) and all(line.status != "draft" for line in lines)
    return Roster(period, locked, lines, dict(totals), sum(totals.values()), balances)


def _line(row: Any, amounts: _AmountsCache) -> RosterLine:
    lid, wid, nik, name, segment, payer, wage, text, employer, worker, total, status = row
    return RosterLine(
        id=_text_uuid(lid), worker_id=_text_uuid(wid), nik=nik, name=name, segment=segment,
        payer=payer, wage=wage, amounts=amounts[text], employer_total=employer,
        worker_total=worker, total=total, status=status,
    )  # fmt: skip


def _balance(session: Session, period: Period, payer: Payer, billed: int) -> PayerBalance:
    paid = session.scalar(
        select(func.coalesce(func.sum(Payment.amount), 0)).where(
            and_(Payment.period == str(period), Payment.payer == payer, Payment.deleted.is_(False))
        )
    )
    return PayerBalance(payer, billed, int(paid or 0))


def describe_balance(balance: PayerBalance) -> str:
    if balance.shortfall:
        return f"kurang {format_rupiah(balance.shortfall)}"
    if balance.excess:
        return f"lebih {format_rupiah(balance.excess)}"
    return "lunas"
