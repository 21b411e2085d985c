"""Pushed ops into the server database: sequence checks, scope, three-way merge, quarantine.

Implements docs/sync-internals.md, "Merge", steps 1-12. One push is one transaction owned by
the caller (the route's session, or `payung-server bundle import`); every op runs in its own
SAVEPOINT so one bad op is quarantined and the others still apply. Logs name devices, sequence
numbers and entities, never values (NIK and names are personal data).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.models import Base, Worker, utcnow
from app.server import tables as t
from app.server.changes import current_seq, write_row
from app.server.logs import log_event
from app.server.merge_rules import (
    OUT_OF_VILLAGE,
    FieldMerge,
    Outcome,
    Rejected,
    canonical,
    check_entity,
    check_required,
    check_scope,
    merge_fields,
    reason_of,
    record_conflict,
)
from app.server.review import resolve_conflict
from app.sync.protocol import CONFLICT_ENTITY, MIN_PUSH_PROTOCOL, Op, OpResult, PushReply
from app.sync.wire import model_of, to_wire

SEQ_REUSED = "urutan perubahan dipakai ulang: database ini disalin atau dipulihkan"


class DeviceLike(Protocol):
    """What the merge needs of the authenticated device (app.server.auth.DeviceContext)."""

    @property
    def device_id(self) -> str: ...

    @property
    def village_id(self) -> uuid.UUID: ...


class SeqGapError(Exception):
    """The ops do not continue at the next expected device_seq; nothing was applied (409)."""

    def __init__(self, expected: int, detail: str | None = None) -> None:
        self.expected = expected
        self.detail = detail or (
            f"Perubahan harus dikirim mulai nomor urut {expected}; kirim ulang dari nomor itu."
        )
        super().__init__(self.detail)


class SeqReused(SeqGapError):
    """A device_seq already applied came back with another op_id (a copied database)."""

    def __init__(self, expected: int) -> None:
        super().__init__(expected, SEQ_REUSED)


class PushTooOld(Exception):
    """A client speaking a protocol older than MIN_PUSH_PROTOCOL tried to push (426)."""

    detail = (
        "Versi Payung Desa di PC ini terlalu lama untuk mengirim perubahan; "
        "perbarui aplikasinya lalu sinkronkan lagi."
    )


@dataclass(frozen=True, slots=True)
class _Push:
    session: Session
    device_id: str
    village_id: uuid.UUID

    @property
    def actor(self) -> str:
        return f"device:{self.device_id}"


def apply_push(session: Session, device: DeviceLike, ops: list[Op], *, protocol: int) -> PushReply:
    """Apply one batch of a device's ops in the caller's transaction (the caller commits).

    Raises PushTooOld, SeqReused or SeqGapError before anything is written. Every other
    failure of an op becomes a quarantined op with result `rejected`.
    """
    if protocol < MIN_PUSH_PROTOCOL:
        raise PushTooOld(PushTooOld.detail)
    push = _Push(session, device.device_id, device.village_id)
    last = _lock_device(session, device.device_id)
    ordered = sorted(ops, key=lambda op: op.device_seq)
    old = [op for op in ordered if op.device_seq <= last]
    new = [op for op in ordered if op.device_seq > last]
    results = _duplicates(push, old, last + 1)
    _check_contiguous(new, last + 1)
    resent = _applied_before(push, new)
    results += [_apply_one(push, op, resent.get(op.op_id)) for op in new]
    if new:
        session.execute(
            update(t.device)
            .where(t.device.c.id == device.device_id)
            .values(last_device_seq=new[-1].device_seq)
        )
    return PushReply(results=results, server_seq=current_seq(session, device.village_id))


def _lock_device(session: Session, device_id: str) -> int:
    """The device's last applied seq, its row locked so two pushes of one device serialise."""
    stmt = select(t.device.c.last_device_seq).where(t.device.c.id == device_id).with_for_update()
    return int(session.scalar(stmt) or 0)


def _duplicates(push: _Push, ops: list[Op], expected: int) -> list[OpResult]:
    if not ops:
        return []
    seqs = [op.device_seq for op in ops]
    stored = {
        row.device_seq: row
        for row in push.session.execute(
            select(t.applied_op).where(
                t.applied_op.c.device_id == push.device_id, t.applied_op.c.device_seq.in_(seqs)
            )
        )
    }
    results: list[OpResult] = []
    for op in ops:
        row = stored.get(op.device_seq)
        if row is None or row.op_id != op.op_id:
            raise SeqReused(expected)
        results.append(
            OpResult(
                device_seq=op.device_seq,
                op_id=op.op_id,
                result="duplicate",
                version=row.version,
                reason=row.reason,
                conflict_id=row.conflict_id,
            )
        )
    return results


def _check_contiguous(ops: list[Op], expected: int) -> None:
    for offset, op in enumerate(ops):
        if op.device_seq != expected + offset:
            raise SeqGapError(expected)


def _applied_before(push: _Push, ops: list[Op]) -> dict[uuid.UUID, Outcome]:
    """Ops of this batch the server applied before under another device_seq (renumbered by a
    reinit after a restore): answered `duplicate` with their first outcome, not re-merged."""
    if not ops:
        return {}
    a = t.applied_op
    rows = push.session.execute(
        select(a.c.op_id, a.c.version, a.c.reason, a.c.conflict_id).where(
            a.c.device_id == push.device_id, a.c.op_id.in_([op.op_id for op in ops])
        )
    )
    return {
        row.op_id: Outcome("duplicate", row.version, row.reason, row.conflict_id) for row in rows
    }


def _apply_one(push: _Push, op: Op, resent: Outcome | None) -> OpResult:
    outcome = resent if resent is not None else _savepoint(push, op)
    push.session.execute(
        insert(t.applied_op).values(
            device_id=push.device_id,
            device_seq=op.device_seq,
            op_id=op.op_id,
            result=outcome.result,
            version=outcome.version,
            reason=outcome.reason,
            conflict_id=outcome.conflict_id,
            applied_at=utcnow(),
        )
    )
    return OpResult(
        device_seq=op.device_seq,
        op_id=op.op_id,
        result=outcome.result,
        version=outcome.version,
        reason=outcome.reason,
        conflict_id=outcome.conflict_id,
    )


def _savepoint(push: _Push, op: Op) -> Outcome:
    savepoint = push.session.begin_nested()
    try:
        outcome = _dispatch(push, op)
    except Exception as exc:  # one bad op must never stop the batch: quarantine it
        savepoint.rollback()
        return _quarantine(push, op, exc)
    savepoint.commit()
    return outcome


def _quarantine(push: _Push, op: Op, exc: Exception) -> Outcome:
    reason = reason_of(exc)
    log_event(  # names only: the op's values and the reason may quote personal data
        "op_quarantined",
        device=push.device_id,
        device_seq=op.device_seq,
        entity=op.entity,
        op=op.op,
        cause=type(exc).__name__,
    )
    push.session.execute(
        insert(t.quarantine).values(
            id=uuid.uuid4(),
            village_id=push.village_id,
            device_id=push.device_id,
            device_seq=op.device_seq,
            entity=op.entity,
            row_id=op.row_id,
            op=op_json(op),
            reason=reason,
            created_at=utcnow(),
            status="open",
        )
    )
    return Outcome("rejected", reason=reason)


def _dispatch(push: _Push, op: Op) -> Outcome:
    if op.entity == CONFLICT_ENTITY:
        return _resolution(push, op)
    check_entity(op.entity)
    fields = dict(op.fields)
    deleted = fields.pop("deleted", None)
    row = push.session.get(model_of(op.entity), op.row_id)
    if row is not None and row.village_id != push.village_id:  # type: ignore[attr-defined]
        raise Rejected(OUT_OF_VILLAGE)
    check_scope(push.session, push.village_id, op.entity, op.row_id, fields)
    new = canonical(op.entity, fields)
    if row is None:
        return _insert_new(push, op, new, deleted)
    if op.op == "delete" or deleted is True:
        return _delete(push, op, row, new)
    if row.deleted:  # type: ignore[attr-defined]
        return _update_deleted(push, op, row, new, deleted)
    merged = merge_fields(op, row, new, known_base=op.op == "update")
    return _write_merge(push, op, row, merged, kind="field")


def _insert_new(push: _Push, op: Op, new: dict[str, Any], deleted: Any) -> Outcome:
    if op.op != "insert":
        raise Rejected("Data yang diubah atau dihapus belum ada di server")
    check_required(op.entity, new)
    new["village_id"] = str(push.village_id)
    version = write_row(
        push.session,
        village_id=push.village_id,
        entity=op.entity,
        row_id=op.row_id,
        values=new,
        actor=push.actor,
        deleted=deleted is True,
    )
    twin = _duplicate_nik(push, op, new) if op.entity == "worker" and deleted is not True else None
    if twin is None:
        return Outcome("applied", version=version)
    nik = new["nik"]
    conflict = {"nik": {"local": nik, "server": nik, "kept": "local"}}
    conflict_id = _conflict(push, op, "duplicate_nik", conflict)
    return Outcome("conflict", version=version, conflict_id=conflict_id)


def _duplicate_nik(push: _Push, op: Op, new: dict[str, Any]) -> uuid.UUID | None:
    return push.session.scalar(
        select(Worker.id)
        .where(
            Worker.village_id == push.village_id,
            Worker.nik == new.get("nik"),
            Worker.deleted.is_(False),
            Worker.id != op.row_id,
        )
        .limit(1)
    )


def _delete(push: _Push, op: Op, row: Base, new: dict[str, Any]) -> Outcome:
    version: int | None = row.version  # type: ignore[attr-defined]
    if row.deleted:  # type: ignore[attr-defined]
        return Outcome("applied", version=version)
    merged = merge_fields(op, row, new, known_base=True)
    if op.base_version == version or _own_write(push, version):
        return _write_merge(push, op, row, merged, kind="field", deleted=True)
    merged.conflicts["deleted"] = {"local": True, "server": False, "kept": "local"}
    return _write_merge(push, op, row, merged, kind="delete_updated", deleted=True)


def _own_write(push: _Push, version: int | None) -> bool:
    """Whether the row's latest version came from this device's own op: its outbox still holds
    the version it had before syncing (None for a row it made), so a delete after its own
    edits must not count those edits as someone else's change."""
    if version is None:
        return False
    stmt = select(t.applied_op.c.device_seq).where(
        t.applied_op.c.device_id == push.device_id, t.applied_op.c.version == version
    )
    return push.session.scalar(stmt.limit(1)) is not None


def _update_deleted(push: _Push, op: Op, row: Base, new: dict[str, Any], deleted: Any) -> Outcome:
    held = {key: to_wire(getattr(row, key)) for key in new}
    fields = {
        key: {"local": value, "server": held[key], "kept": "server"}
        for key, value in new.items()
        if value != held[key]
    }
    if not fields:  # a resent op (after a reinit) that the tombstone already holds
        return Outcome("applied", version=row.version)  # type: ignore[attr-defined]
    if deleted is False and op.op == "update":  # an explicit undelete
        fields["deleted"] = {"local": False, "server": True, "kept": "server"}
    conflict_id = _conflict(push, op, "update_deleted", fields)
    return Outcome("conflict", version=row.version, conflict_id=conflict_id)  # type: ignore[attr-defined]


def _conflict(push: _Push, op: Op, kind: str, fields: dict[str, dict[str, Any]]) -> uuid.UUID:
    return record_conflict(
        push.session,
        village_id=push.village_id,
        device_id=push.device_id,
        op=op,
        kind=kind,
        fields=fields,
    )


def _write_merge(
    push: _Push,
    op: Op,
    row: Base,
    merged: FieldMerge,
    *,
    kind: str,
    deleted: bool | None = None,
) -> Outcome:
    version: int | None = row.version  # type: ignore[attr-defined]
    if merged.changes or deleted is not None:
        version = write_row(
            push.session,
            village_id=push.village_id,
            entity=op.entity,
            row_id=op.row_id,
            values=merged.changes,
            actor=push.actor,
            deleted=deleted,
        )
    if not merged.conflicts:
        return Outcome("applied", version=version)
    conflict_id = _conflict(push, op, kind, merged.conflicts)
    return Outcome("conflict", version=version, conflict_id=conflict_id)


def _resolution(push: _Push, op: Op) -> Outcome:
    choices = op.fields.get("choices")
    if op.op != "update" or not isinstance(choices, dict):
        raise Rejected("Penyelesaian konflik tidak lengkap: pilihan tidak ada")
    version = resolve_conflict(
        push.session,
        village_id=push.village_id,
        conflict_id=op.row_id,
        choices={str(k): str(v) for k, v in choices.items()},
        actor=push.actor,
    )
    return Outcome("applied", version=version)


def op_json(op: Op) -> str:
    """The op as stored in quarantine (kept for the reviewer; never logged)."""
    return json.dumps(op.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
