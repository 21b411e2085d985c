"""Outbox capture: every user write records what changed, in the same transaction.

Services call `record_insert` / `record_update` inside their session before committing, so an
edit is either stored together with its outbox row or not at all; a power cut can never leave
a change the sync would not see.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.models import Base, SyncOutbox

# Columns the server owns or that travel outside `fields`.
_NOT_SENT = frozenset({"id", "version", "updated_at_client"})


def to_wire(value: object) -> Any:
    """JSON-safe form of a column value: ISO dates, enum codes, UUID strings."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def row_values(row: Base) -> dict[str, Any]:
    """The synced column values of a row, wire-ready."""
    mapper = inspect(type(row))
    return {
        column.key: to_wire(getattr(row, column.key))
        for column in mapper.column_attrs
        if column.key not in _NOT_SENT
    }


def _dump(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def record_insert(session: Session, entity: str, row: Base) -> None:
    session.add(
        SyncOutbox(
            entity=entity,
            row_id=row.id,  # type: ignore[attr-defined]
            op="insert",
            fields=_dump(row_values(row)),
            base="{}",
            base_version=None,
        )
    )


def record_update(
    session: Session,
    entity: str,
    row: Base,
    changed: dict[str, Any],
    base: dict[str, Any],
) -> None:
    """`changed` new values and `base` old values of the changed fields only (wire form)."""
    session.add(
        SyncOutbox(
            entity=entity,
            row_id=row.id,  # type: ignore[attr-defined]
            op="delete" if changed.get("deleted") is True else "update",
            fields=_dump(changed),
            base=_dump(base),
            base_version=row.version,  # type: ignore[attr-defined]
        )
    )
