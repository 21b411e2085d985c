"""The one way services change synced rows: row, outbox and audit in one transaction."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEntry, Base, Setting, utcnow
from app.sync.outbox import record_insert, record_update, to_wire

OPERATOR_KEY = "operator_name"
DEFAULT_OPERATOR = "operator"


def operator_name(session: Session) -> str:
    name = session.scalar(select(Setting.value).where(Setting.key == OPERATOR_KEY))
    return name or DEFAULT_OPERATOR


def insert(session: Session, entity: str, row: Base, *, action: str = "create") -> None:
    session.add(row)
    session.flush()
    record_insert(session, entity, row)
    _audit(session, action, entity, row, "*")


def update(
    session: Session, entity: str, row: Base, values: dict[str, Any], *, action: str = "edit"
) -> list[str]:
    """Set the attributes that differ; return their names (empty: nothing written)."""
    changed: dict[str, Any] = {}
    base: dict[str, Any] = {}
    for key, new in values.items():
        old = getattr(row, key)
        if old != new:
            base[key] = to_wire(old)
            changed[key] = to_wire(new)
            setattr(row, key, new)
    if not changed:
        return []
    row.updated_at_client = utcnow()  # type: ignore[attr-defined]
    session.flush()
    record_update(session, entity, row, changed, base)
    _audit(session, action, entity, row, ",".join(sorted(changed)))
    return sorted(changed)


def _audit(session: Session, action: str, entity: str, row: Base, changed: str) -> None:
    audit(session, action, entity, row.id, changed)  # type: ignore[attr-defined]


def audit(session: Session, action: str, entity: str, row_id: uuid.UUID, changed: str) -> None:
    """An audit entry for a change that is not one row (a roster generated, a month locked)."""
    session.add(
        AuditEntry(
            operator=operator_name(session),
            action=action,
            entity=entity,
            row_id=row_id,
            changed=changed,
        )
    )
