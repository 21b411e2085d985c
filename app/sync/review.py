"""The review list kept locally: open conflicts and quarantined ops the server reported at the
last sync, plus local notes. Read by the window without a connection."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.models import SyncOutbox
from app.models.local import SyncReview
from app.sync.protocol import CONFLICT_ENTITY, ConflictItem, QuarantineItem, ReviewReply

CONFLICT = "conflict"
QUARANTINE = "quarantine"
HELD = "held"


@dataclass(frozen=True)
class ConflictView:
    """One open conflict. `fields`: field -> (value this PC sent, server's value, which one the
    row holds now: "local" | "server"). No personal data goes to logs from here."""

    id: uuid.UUID
    entity: str
    row_id: uuid.UUID
    kind: str
    summary: str
    fields: dict[str, tuple[Any, Any, str]]
    created_at: datetime
    resolution_pending: bool


@dataclass(frozen=True)
class QuarantineView:
    id: uuid.UUID
    entity: str
    reason: str
    created_at: datetime
    device_seq: int | None


def store_review(session: Session, review: ReviewReply) -> None:
    """Replace the conflict and quarantine lists with the server's. A conflict whose resolution
    is still in the outbox stays marked resolution_pending."""
    session.execute(delete(SyncReview).where(SyncReview.kind.in_((CONFLICT, QUARANTINE))))
    waiting = _resolutions_waiting(session)
    for conflict in review.conflicts:
        session.add(
            SyncReview(
                id=conflict.id,
                kind=CONFLICT,
                payload=conflict.model_dump_json(),
                resolution_pending=conflict.id in waiting,
            )
        )
    for item in review.quarantined:
        session.add(SyncReview(id=item.id, kind=QUARANTINE, payload=item.model_dump_json()))
    session.flush()


def add_note(session: Session, kind: str, payload: dict[str, Any]) -> None:
    session.add(SyncReview(kind=kind, payload=json.dumps(payload, ensure_ascii=False)))


def _resolutions_waiting(session: Session) -> set[uuid.UUID]:
    stmt = select(SyncOutbox.row_id).where(
        SyncOutbox.entity == CONFLICT_ENTITY, SyncOutbox.result.is_(None)
    )
    return set(session.scalars(stmt))


def count(session: Session, kind: str) -> int:
    stmt = select(func.count()).select_from(SyncReview).where(SyncReview.kind == kind)
    return int(session.scalar(stmt) or 0)


def conflicts(session: Session) -> list[ConflictView]:
    rows = session.scalars(select(SyncReview).where(SyncReview.kind == CONFLICT))
    views = []
    for row in rows:
        item = ConflictItem.model_validate_json(row.payload)
        views.append(
            ConflictView(
                id=item.id,
                entity=item.entity,
                row_id=item.row_id,
                kind=item.kind,
                summary=item.summary,
                fields={k: (f.local, f.server, f.kept) for k, f in item.fields.items()},
                created_at=item.created_at,
                resolution_pending=row.resolution_pending,
            )
        )
    return sorted(views, key=lambda v: (v.created_at, str(v.id)))


def quarantined(session: Session) -> list[QuarantineView]:
    rows = session.scalars(select(SyncReview).where(SyncReview.kind == QUARANTINE))
    views = []
    for row in rows:
        item = QuarantineItem.model_validate_json(row.payload)
        views.append(
            QuarantineView(
                id=item.id,
                entity=item.entity,
                reason=item.reason,
                created_at=item.created_at,
                device_seq=item.device_seq,
            )
        )
    return sorted(views, key=lambda v: (v.created_at, str(v.id)))


def conflict_item(session: Session, conflict_id: uuid.UUID) -> tuple[SyncReview, ConflictItem]:
    row = session.get(SyncReview, conflict_id)
    if row is None or row.kind != CONFLICT:
        raise KeyError(conflict_id)
    return row, ConflictItem.model_validate_json(row.payload)
