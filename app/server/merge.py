"""Pushed ops into the server database: sequence checks, scope, three-way merge, quarantine.

Implements docs/sync-internals.md, "Merge", steps 1-12. One push is one transaction owned by
the caller (the route's session, or `payung-server bundle import`); every op runs in its own
SAVEPOINT so one bad op is quarantined and the others still apply. Logs name devices, sequence
numbers and entities, never values (NIK and names are personal data).

Speed (the same outcome, fewer statements; see changes.WriteBatch): ops are merged in chunks of
CHUNK. Each chunk first looks up all its rows, foreign-key parents and NIKs with one query per
entity, then runs optimistically inside ONE savepoint with the entity rows flushed at its end;
if anything fails there the chunk is rolled back and replayed with one savepoint per op, so a
bad op still only quarantines itself. Sequence numbers are reserved per chunk with one UPDATE,
change_log, audit and applied_op rows are written with one executemany each.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.models import Base, Worker, utcnow
from app.server import tables as t
from app.server.changes import (
    WriteBatch,
    begin_batch,
    current_seq,
    discard_batch,
    end_batch,
    reserve_seqs,
    write_pending,
    write_row,
)
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
    foreign_keys,
    merge_fields,
    reason_of,
    record_conflict,
)
from app.server.review import resolve_conflict
from app.sync.protocol import (
    CONFLICT_ENTITY,
    MIN_PUSH_PROTOCOL,
    SYNC_ENTITIES,
    Op,
    OpResult,
    PushReply,
)
from app.sync.wire import InvalidValue, model_of, to_wire

SEQ_REUSED = "urutan perubahan dipakai ulang: database ini disalin atau dipulihkan"
CHUNK = 500  # ops merged per optimistic pass (a bundle may carry thousands)
IN_CHUNK = 1000  # ids per IN (...) lookup


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


@dataclass(slots=True)
class _Push:
    session: Session
    device_id: str
    village_id: uuid.UUID
    batch: WriteBatch | None = None
    # Looked up for the current chunk: rows the database does not hold, rows it does (held so
    # the identity map keeps them), foreign-key parents (id -> village_id).
    absent: set[tuple[str, uuid.UUID]] = field(default_factory=set)
    held: list[Base] = field(default_factory=list)
    parents: dict[tuple[str, uuid.UUID], uuid.UUID] = field(default_factory=dict)
    # Optimistic pass only: live workers of the village by NIK (None: ask the database).
    niks: dict[str, set[uuid.UUID]] | None = None
    # applied_op rows not written yet, and their versions (a delete's "own write" check).
    applied: list[dict[str, Any]] = field(default_factory=list)
    own_versions: set[int] = field(default_factory=set)

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
    if not new:
        return PushReply(results=results, server_seq=current_seq(session, device.village_id))
    resent = _applied_before(push, new)
    push.batch = begin_batch(session, push.village_id)
    try:
        for start in range(0, len(new), CHUNK):
            chunk = new[start : start + CHUNK]
            reserve_seqs(session, push.batch, sum(op.op_id not in resent for op in chunk))
            for op, outcome in zip(
                chunk, _merge_chunk(push, push.batch, chunk, resent), strict=True
            ):
                results.append(_result(op, outcome))
            write_pending(session, push.batch)
        session.execute(insert(t.applied_op), push.applied)
        session.execute(
            update(t.device)
            .where(t.device.c.id == device.device_id)
            .values(last_device_seq=new[-1].device_seq)
        )
        server_seq = end_batch(session, push.batch)
    finally:
        discard_batch(session)
    if server_seq is None:
        server_seq = current_seq(session, device.village_id)
    return PushReply(results=results, server_seq=server_seq)


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


def _merge_chunk(
    push: _Push, batch: WriteBatch, ops: list[Op], resent: dict[uuid.UUID, Outcome]
) -> list[Outcome]:
    """The chunk's outcomes: optimistically in one savepoint, else op by op (one savepoint
    each, a failing op quarantined). Both give the same outcomes for ops that do not fail."""
    mark = batch.mark()
    applied = len(push.applied)
    own = set(push.own_versions)
    _look_up(push, ops, optimistic=True)
    batch.defer_flush = True
    optimistic = push.session.begin_nested()
    try:
        outcomes = [_record(push, op, resent.get(op.op_id) or _dispatch(push, op)) for op in ops]
        push.session.flush()
    except Exception:  # replayed op by op below, where the failing op is quarantined alone
        optimistic.rollback()
        _forget_unflushed(push.session)
    else:
        optimistic.commit()
        return outcomes
    finally:
        batch.defer_flush = False
    batch.restore(mark)
    del push.applied[applied:]
    push.own_versions = own
    _look_up(push, ops, optimistic=False)
    return [_record(push, op, resent.get(op.op_id) or _savepoint(push, op)) for op in ops]


def _forget_unflushed(session: Session) -> None:
    """After the optimistic pass is rolled back: drop what it left unflushed (begin_nested
    flushed everything before it, so nothing else is lost) and reload rows when next used."""
    for pending in list(session.new):
        session.expunge(pending)
    session.expire_all()


def _record(push: _Push, op: Op, outcome: Outcome) -> Outcome:
    """Keep the op's applied_op row for the executemany at the end of the push."""
    push.applied.append(
        {
            "device_id": push.device_id,
            "device_seq": op.device_seq,
            "op_id": op.op_id,
            "result": outcome.result,
            "version": outcome.version,
            "reason": outcome.reason,
            "conflict_id": outcome.conflict_id,
            "applied_at": utcnow(),
        }
    )
    if outcome.version is not None:
        push.own_versions.add(outcome.version)
    return outcome


def _result(op: Op, outcome: Outcome) -> OpResult:
    return OpResult(
        device_seq=op.device_seq,
        op_id=op.op_id,
        result=outcome.result,
        version=outcome.version,
        reason=outcome.reason,
        conflict_id=outcome.conflict_id,
    )


def _chunks(ids: Iterable[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    listed = list(ids)
    for start in range(0, len(listed), IN_CHUNK):
        yield listed[start : start + IN_CHUNK]


def _as_uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _look_up(push: _Push, ops: list[Op], *, optimistic: bool) -> None:
    """One query per entity for the chunk's rows, per parent entity for the rows its foreign
    keys name, and (optimistic pass) one for the live workers with the NIKs it inserts."""
    rows, parents, niks = _wanted(ops)
    session = push.session
    push.absent, push.held = set(), []
    for entity, ids in rows.items():
        model: Any = model_of(entity)
        for part in _chunks(ids):
            found = session.scalars(select(model).where(model.id.in_(part))).all()
            push.held.extend(found)
            have = {row.id for row in found}
            push.absent.update((entity, row_id) for row_id in part if row_id not in have)
    for parent, ids in parents.items():
        table = t.ENTITY_TABLES[parent]
        for part in _chunks(ids):
            stmt = select(table.c.id, table.c.village_id).where(table.c.id.in_(part))
            push.parents.update({(parent, r.id): r.village_id for r in session.execute(stmt)})
    push.niks = None
    if not optimistic:
        return
    push.niks = {}
    listed = sorted(niks)
    for start in range(0, len(listed), IN_CHUNK):
        stmt = select(Worker.id, Worker.nik).where(
            Worker.village_id == push.village_id,
            Worker.deleted.is_(False),
            Worker.nik.in_(listed[start : start + IN_CHUNK]),
        )
        for worker_id, nik in session.execute(stmt):
            push.niks.setdefault(nik, set()).add(worker_id)


def _wanted(
    ops: list[Op],
) -> tuple[dict[str, set[uuid.UUID]], dict[str, set[uuid.UUID]], set[str]]:
    """The chunk's row ids per entity, parent ids per parent entity, NIKs of worker inserts."""
    rows: dict[str, set[uuid.UUID]] = {}
    parents: dict[str, set[uuid.UUID]] = {}
    niks: set[str] = set()
    for op in ops:
        if op.entity not in SYNC_ENTITIES:
            continue
        rows.setdefault(op.entity, set()).add(op.row_id)
        for column, parent in foreign_keys(op.entity).items():
            parent_id = _as_uuid(op.fields.get(column))
            if parent_id is not None:
                parents.setdefault(parent, set()).add(parent_id)
        if op.entity == "worker" and op.op == "insert" and op.fields.get("nik") is not None:
            nik = _canonical_nik(op.fields["nik"])
            if nik is not None:
                niks.add(nik)
    return rows, parents, niks


def _canonical_nik(value: Any) -> str | None:
    try:
        nik = canonical("worker", {"nik": value}).get("nik")
    except InvalidValue:
        return None
    return nik if isinstance(nik, str) else None


def _find(push: _Push, entity: str, row_id: uuid.UUID) -> Base | None:
    """The op's row: looked up for the chunk, or created by an earlier op of it."""
    if (entity, row_id) in push.absent:
        return push.batch.created.get((entity, row_id)) if push.batch is not None else None
    return push.session.get(model_of(entity), row_id)


def _known_parent(push: _Push, parent: str, parent_id: uuid.UUID) -> uuid.UUID | None:
    """The village of a parent row already known to exist (None: ask the database)."""
    if push.batch is not None and (parent, parent_id) in push.batch.created:
        return push.village_id
    return push.parents.get((parent, parent_id))


def _savepoint(push: _Push, op: Op) -> Outcome:
    savepoint = push.session.begin_nested()
    mark = push.batch.mark() if push.batch is not None else None
    try:
        outcome = _dispatch(push, op)
    except Exception as exc:  # one bad op must never stop the batch: quarantine it
        savepoint.rollback()
        if push.batch is not None and mark is not None:
            push.batch.restore(mark)
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
        push.niks = None  # a resolution may change any worker: the database answers from now
        return _resolution(push, op)
    check_entity(op.entity)
    fields = dict(op.fields)
    deleted = fields.pop("deleted", None)
    row = _find(push, op.entity, op.row_id)
    if row is not None and row.village_id != push.village_id:  # type: ignore[attr-defined]
        raise Rejected(OUT_OF_VILLAGE)
    if row is not None and op.entity == "worker":
        push.niks = None  # a worker may change NIK or tombstone: the database answers from now
    check_scope(
        push.session,
        push.village_id,
        op.entity,
        op.row_id,
        fields,
        known=lambda parent, parent_id: _known_parent(push, parent, parent_id),
    )
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
        absent=True,  # _dispatch has just found no row with this id
    )
    twin = _duplicate_nik(push, op, new) if op.entity == "worker" and deleted is not True else None
    if twin is None:
        return Outcome("applied", version=version)
    nik = new["nik"]
    conflict = {"nik": {"local": nik, "server": nik, "kept": "local"}}
    conflict_id = _conflict(push, op, "duplicate_nik", conflict)
    return Outcome("conflict", version=version, conflict_id=conflict_id)


def _duplicate_nik(push: _Push, op: Op, new: dict[str, Any]) -> uuid.UUID | None:
    nik = new.get("nik")
    if push.niks is not None and isinstance(nik, str):
        same = push.niks.setdefault(nik, set())
        twin = next((other for other in same if other != op.row_id), None)
        same.add(op.row_id)  # the worker just written is live with this NIK
        return twin
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
    if version in push.own_versions:  # an op of this push, its applied_op row not written yet
        return True
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
    # A conflict always gives the row a new version, even when the server kept every value:
    # the sending PC may already hold this version with its own values re-applied on top (a
    # pull or reply bundle arrived while the op waited), and only a newer version brings the
    # kept values back to it.
    if merged.changes or deleted is not None or merged.conflicts:
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
