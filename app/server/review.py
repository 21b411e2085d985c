"""Open conflicts and quarantined ops of a village, and resolving a conflict.

Shared by the sync API (GET /sync/review, resolution ops in a push), USB reply bundles and the
DPMD dashboard. Summaries name the entity and field labels, never a value: the values are in
`fields` for the people who review them.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from app.models import utcnow
from app.server import tables as t
from app.server.changes import write_row
from app.server.merge_rules import Rejected, entity_label, field_label
from app.sync.protocol import ConflictItem, FieldConflict, QuarantineItem, ReviewReply
from app.sync.wire import model_of, to_wire

_KIND_TEXT = {
    "field": "diubah di dua tempat",
    "update_deleted": "diubah di PC padahal datanya sudah dihapus",
    "delete_updated": "dihapus di PC padahal datanya sudah diubah",
    "duplicate_nik": "NIK sama dengan pekerja lain di desa ini",
}
UNKNOWN_CONFLICT = "Konflik yang dipilih tidak ada di desa ini"


def open_review(session: Session, village_id: uuid.UUID) -> ReviewReply:
    """The village's open conflicts and open quarantined ops, oldest first."""
    c = t.sync_conflict
    conflicts = session.execute(
        select(c)
        .where(c.c.village_id == village_id, c.c.status == "open")
        .order_by(c.c.created_at, c.c.id)
    )
    q = t.quarantine
    quarantined = session.execute(
        select(q)
        .where(q.c.village_id == village_id, q.c.status == "open")
        .order_by(q.c.created_at, q.c.id)
    )
    return ReviewReply(
        conflicts=[conflict_item(row) for row in conflicts],
        quarantined=[quarantine_item(row) for row in quarantined],
    )


def conflict_item(row: Row[Any]) -> ConflictItem:
    fields: dict[str, dict[str, Any]] = json.loads(row.fields)
    return ConflictItem(
        id=row.id,
        entity=row.entity,
        row_id=row.row_id,
        kind=row.kind,
        fields={key: FieldConflict(**value) for key, value in fields.items()},
        device_id=row.device_id,
        created_at=row.created_at,
        summary=summary(row.entity, row.kind, list(fields)),
    )


def quarantine_item(row: Row[Any]) -> QuarantineItem:
    return QuarantineItem(
        id=row.id,
        device_id=row.device_id,
        device_seq=row.device_seq,
        entity=row.entity,
        row_id=row.row_id,
        reason=row.reason,
        created_at=row.created_at,
    )


def summary(entity: str, kind: str, fields: list[str]) -> str:
    """E.g. "Pekerja: nama lengkap, tanggal lahir diubah di dua tempat" (labels, no values)."""
    names = [field_label(name) for name in sorted(fields) if name != "deleted"]
    subject = ", ".join(names) if names and kind == "field" else "data"
    if kind == "duplicate_nik":
        return f"{entity_label(entity)}: {_KIND_TEXT[kind]}"
    return f"{entity_label(entity)}: {subject} {_KIND_TEXT.get(kind, 'berbeda')}"


def resolve_conflict(
    session: Session,
    *,
    village_id: uuid.UUID,
    conflict_id: uuid.UUID,
    choices: dict[str, str],
    actor: str,
) -> int | None:
    """Apply the chosen side of each listed field and mark the conflict resolved.

    `choices` maps conflicting fields to "local" or "server". A chosen value the row does not
    hold yet is written as a server write (new version); choosing "local" on an update of a
    deleted row brings the row back, "server" on a deleted-while-edited row undeletes it.
    Resolving an already resolved conflict changes nothing. Raises Rejected (Indonesian) for
    an unknown conflict, one of another village or a field that did not conflict. Returns the
    row's version afterwards.
    """
    c = t.sync_conflict
    conflict = session.execute(
        select(c).where(c.c.id == conflict_id).with_for_update()
    ).one_or_none()
    if conflict is None or conflict.village_id != village_id:
        raise Rejected(UNKNOWN_CONFLICT)
    row = session.get(model_of(conflict.entity), conflict.row_id)
    if row is None or row.village_id != village_id:  # type: ignore[attr-defined]
        raise Rejected(UNKNOWN_CONFLICT)
    version: int | None = row.version  # type: ignore[attr-defined]
    if conflict.status != "open":
        return version
    values, deleted = _chosen(conflict, row, choices)
    if values or deleted is not None:
        version = write_row(
            session,
            village_id=village_id,
            entity=conflict.entity,
            row_id=conflict.row_id,
            values=values,
            actor=actor,
            deleted=deleted,
        )
    _close(session, conflict_id, choices, actor)
    return version


def _close(session: Session, conflict_id: uuid.UUID, choices: dict[str, str], actor: str) -> None:
    c = t.sync_conflict
    session.execute(
        update(c)
        .where(c.c.id == conflict_id)
        .values(
            status="resolved",
            resolution=json.dumps(choices, sort_keys=True),
            resolved_at=utcnow(),
            resolved_by=actor,
        )
    )


def _chosen(
    conflict: Row[Any], row: Any, choices: dict[str, str]
) -> tuple[dict[str, Any], bool | None]:
    """Values to write and the deleted flag to set (None: leave it) for the given choices."""
    fields: dict[str, dict[str, Any]] = json.loads(conflict.fields)
    values: dict[str, Any] = {}
    deleted: bool | None = None
    for name, choice in choices.items():
        if name not in fields or choice not in ("local", "server"):
            raise Rejected(f"Pilihan untuk {field_label(name)} tidak sesuai dengan konflik ini")
        target = fields[name][choice]
        if name == "deleted":
            deleted = bool(target) if bool(target) != row.deleted else None
        elif to_wire(getattr(row, name)) != target:
            values[name] = target
    if conflict.kind == "update_deleted" and "local" in choices.values() and row.deleted:
        deleted = False
    return values, deleted
