"""What the DPMD sees of one village: roster months, devices, register search, open review
counts, and dismissing a quarantined op. Plain dataclasses out; nothing here logs values.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import false, func, or_, select, update
from sqlalchemy.orm import Session

from app.domain.categories import Category, WorkerStatus
from app.domain.period import Period
from app.domain.rates import Payer
from app.domain.standing import State
from app.server import tables as t
from app.server.reports_standing import enrollment_standings

MONTHS_SHOWN = 12
PAGE_SIZE = 50
WORKER = t.ENTITY_TABLES["worker"]
CONTRIBUTION = t.ENTITY_TABLES["contribution"]


@dataclass(slots=True)
class RosterMonth:
    """One month of one payer's lines in the village."""

    period: Period
    payer: Payer
    lines: int = 0
    draft: int = 0
    locked: int = 0
    paid: int = 0
    void: int = 0
    total: int = 0  # not void
    paid_total: int = 0

    @property
    def payer_label(self) -> str:
        return self.payer.label


def roster_months(session: Session, village_id: uuid.UUID, today: date) -> list[RosterMonth]:
    """The last 12 months (this one included), newest first, one entry per payer billed."""
    c = CONTRIBUTION
    since = str(Period.of(today) - (MONTHS_SHOWN - 1))
    stmt = (
        select(c.c.period, c.c.payer, c.c.status, func.count(), func.sum(c.c.total))
        .where(c.c.village_id == village_id, c.c.deleted == false(), c.c.period >= since)
        .group_by(c.c.period, c.c.payer, c.c.status)
    )
    months: dict[tuple[str, str], RosterMonth] = {}
    for period, payer, status, count, total in session.execute(stmt):
        key = (period, Payer(payer).value)
        month = months.setdefault(key, RosterMonth(Period.parse(period), Payer(payer)))
        month.lines += int(count)
        if status in ("draft", "locked", "paid", "void"):
            setattr(month, status, getattr(month, status) + int(count))
        if status != "void":
            month.total += int(total or 0)
        if status == "paid":
            month.paid_total += int(total or 0)
    order = {payer.value: i for i, payer in enumerate(Payer)}
    return sorted(months.values(), key=lambda m: (-m.period.year, -m.period.month, order[m.payer]))


@dataclass(frozen=True, slots=True)
class DeviceRow:
    id: str
    label: str
    app_version: str | None
    created_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None


def village_devices(session: Session, village_id: uuid.UUID) -> list[DeviceRow]:
    d = t.device
    stmt = (
        select(d.c.id, d.c.label, d.c.app_version, d.c.created_at, d.c.last_seen_at, d.c.revoked_at)
        .where(d.c.village_id == village_id)
        .order_by(d.c.created_at, d.c.id)
    )
    return [DeviceRow(*row) for row in session.execute(stmt)]


@dataclass(frozen=True, slots=True)
class ReviewCounts:
    conflicts: int = 0
    quarantined: int = 0


def open_review_counts(session: Session) -> dict[uuid.UUID, ReviewCounts]:
    """Open conflicts and open quarantined ops per village (villages with none are absent)."""
    found: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0])
    for i, table in enumerate((t.sync_conflict, t.quarantine)):
        stmt = (
            select(table.c.village_id, func.count())
            .where(table.c.status == "open")
            .group_by(table.c.village_id)
        )
        for vid, count in session.execute(stmt):
            found[vid][i] = int(count)
    return {vid: ReviewCounts(*counts) for vid, counts in found.items()}


class NotOpen(Exception):
    """The quarantined op is not open in this village (unknown, other village, dismissed)."""


def dismiss_quarantined(
    session: Session, *, village_id: uuid.UUID, quarantine_id: uuid.UUID, actor: str
) -> None:
    """Mark an open quarantined op of the village dismissed, audited under `actor`.
    Raises NotOpen when there is no such open op in the village."""
    q = t.quarantine
    done = session.execute(
        update(q)
        .where(q.c.id == quarantine_id, q.c.village_id == village_id, q.c.status == "open")
        .values(status="dismissed")
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise NotOpen
    session.execute(
        t.audit_entry(
            actor=actor,
            action="dismiss",
            entity="quarantine",
            row_id=quarantine_id,
            detail="status",
        )
    )


# ---------------------------------------------------------------- register search

_LIKE_SPECIAL = re.compile(r"([\\%_])")
_DIGITS = re.compile(r"[\d\s.\-]+")


@dataclass(frozen=True, slots=True)
class RegisterRow:
    worker_id: uuid.UUID
    full_name: str
    nik: str  # shown only through the nik_samar filter
    category: Category
    status: WorkerStatus
    kpj: str | None
    coverage: State | None  # None: not enrolled (or only a draft)

    @property
    def category_label(self) -> str:
        return self.category.label

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def coverage_label(self) -> str:
        return "Belum terdaftar" if self.coverage is None else self.coverage.label


@dataclass(frozen=True, slots=True)
class RegisterPage:
    rows: list[RegisterRow]
    total: int
    page: int  # 1-based
    pages: int
    size: int = PAGE_SIZE
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def first(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.size + 1

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.size)


def _like(text: str) -> str:
    return _LIKE_SPECIAL.sub(r"\\\1", text)


def search_register(
    session: Session, village_id: uuid.UUID, text: str, *, page: int, today: date
) -> RegisterPage:
    """Live workers of the village matching `text` (NIK or KPJ prefix when it is a number,
    else a part of the name; empty: everyone), by name, `PAGE_SIZE` a page, with each one's
    coverage state on `today`."""
    w = WORKER
    query = text.strip()
    stmt = select(w.c.id, w.c.full_name, w.c.nik, w.c.category, w.c.status, w.c.kpj).where(
        w.c.village_id == village_id, w.c.deleted == false()
    )
    if query and _DIGITS.fullmatch(query):
        digits = re.sub(r"\D", "", query)
        stmt = stmt.where(
            or_(w.c.nik.like(f"{digits}%", escape="\\"), w.c.kpj.like(f"{digits}%", escape="\\"))
        )
    elif query:
        stmt = stmt.where(w.c.search_name.like(f"%{_like(query.lower())}%", escape="\\"))
    total = int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    found = session.execute(
        stmt.order_by(w.c.search_name, w.c.id).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    ).all()
    states = {s.worker_id: s.state for s in enrollment_standings(session, today, village_id)}
    rows = [
        RegisterRow(
            worker_id=r.id,
            full_name=r.full_name,
            nik=r.nik,
            category=Category(r.category),
            status=WorkerStatus(r.status),
            kpj=r.kpj,
            coverage=states.get(r.id),
        )
        for r in found
    ]
    return RegisterPage(rows, total, page, pages)


def is_full_nik(text: str) -> bool:
    """A search text that is a whole NIK (16 digits): never written back into a page."""
    return len(re.sub(r"\D", "", text)) >= 16 and bool(_DIGITS.fullmatch(text.strip()))


__all__ = [
    "DeviceRow",
    "NotOpen",
    "RegisterPage",
    "RegisterRow",
    "ReviewCounts",
    "RosterMonth",
    "dismiss_quarantined",
    "is_full_nik",
    "open_review_counts",
    "roster_months",
    "search_register",
    "village_devices",
]
