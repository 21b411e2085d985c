"""Rate rows: seeded from resources/rates into the `rate` table, read back as domain RateSets."""

from __future__ import annotations

import logging
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path
from threading import Lock

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.rates import (
    Programme,
    RateBase,
    RateKind,
    RateRow,
    RateSet,
    Segment,
    Share,
    parse_rate_csv,
)
from app.models import Rate
from app.models.engine import Sessions
from app.resources import resource_dir

log = logging.getLogger(__name__)
RATE_NAMESPACE = uuid.UUID("5b0f3f4e-8f7c-4a57-9a59-2f5d0c6b7e10")
_FIELDS = (
    "programme", "segment", "share", "risk_class", "kind", "value", "base", "cap",
    "valid_from", "valid_to", "condition", "enabled", "legal_basis",
)  # fmt: skip


def rate_id(code: str) -> uuid.UUID:
    """Every PC and the server give a rate row the same id."""
    return uuid.uuid5(RATE_NAMESPACE, f"rate:{code}")


def shipped_rates(folder: Path | None = None) -> list[RateRow]:
    rows: list[RateRow] = []
    for path in sorted((folder or resource_dir() / "rates").glob("*.csv")):
        rows.extend(parse_rate_csv(path.read_text(encoding="utf-8"), source=path.name))
    return rows


def _columns(row: RateRow) -> dict[str, object]:
    return {
        "programme": row.programme.value, "segment": row.segment.value, "share": row.share.value,
        "risk_class": row.risk_class, "kind": row.kind.value, "value": str(row.value),
        "base": row.base.value, "cap": row.cap, "valid_from": row.valid_from,
        "valid_to": row.valid_to, "condition": row.condition, "enabled": row.enabled,
        "legal_basis": row.legal_basis,
    }  # fmt: skip


def _domain(row: Rate) -> RateRow:
    return RateRow(
        code=row.code, programme=Programme(row.programme), segment=Segment(row.segment),
        share=Share(row.share), kind=RateKind(row.kind), value=Decimal(row.value),
        base=RateBase(row.base), valid_from=row.valid_from, legal_basis=row.legal_basis,
        risk_class=row.risk_class, cap=row.cap, valid_to=row.valid_to,
        condition=row.condition, enabled=row.enabled,
    )  # fmt: skip


def seed_rates(session: Session, rows: list[RateRow]) -> int:
    """Insert shipped rows that are missing; refresh those never touched by the server
    (version NULL). A row the kabupaten sent through sync wins over the shipped file."""
    existing = {r.code: r for r in session.scalars(select(Rate))}
    changed = 0
    for row in rows:
        values = _columns(row)
        current = existing.get(row.code)
        if current is None:
            session.add(Rate(id=rate_id(row.code), village_id=None, code=row.code, **values))
            changed += 1
        elif current.version is None and any(getattr(current, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            changed += 1
    return changed


class Rates:
    """Read side of the rate table; the rows are cached (they change only at start-up/sync)."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions
        self._rows: list[RateRow] | None = None
        self._lock = Lock()

    def seed(self, rows: list[RateRow] | None = None) -> int:
        with self._sessions.begin() as session:
            changed = seed_rates(session, rows if rows is not None else shipped_rates())
        self.invalidate()
        if changed:
            log.info("rate table: %d rows seeded or refreshed", changed)
        return changed

    def invalidate(self) -> None:
        with self._lock:
            self._rows = None

    def rows(self) -> list[RateRow]:
        with self._lock:
            if self._rows is None:
                with self._sessions() as session:
                    stmt = select(Rate).where(Rate.deleted.is_(False)).order_by(Rate.code)
                    self._rows = [_domain(r) for r in session.scalars(stmt)]
            return self._rows

    def at(self, day: date) -> RateSet:
        return RateSet.effective(self.rows(), day)
