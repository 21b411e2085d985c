"""Every server write to an entity row goes through here: next sequence, row, change log, audit.

The village counter row is the only source of versions (docs/sync-internals.md, "Server
tables"): `next_seq` increments it inside the caller's transaction, so the row lock orders
commits exactly as it orders sequence numbers and a pull cursor can never skip a row. Merge,
`payung-server village add`, reconciliation and the DPMD dashboard all use `write_row`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.models import Base, utcnow
from app.server import tables as t
from app.server.merge_rules import OUT_OF_VILLAGE, Rejected
from app.sync.wire import from_wire, model_of

BATCH_KEY = "payung_write_batch"


@dataclass(slots=True)
class WriteBatch:
    """Writes of one push, made cheaper without changing what ends up in the database.

    - Sequence numbers: `reserve_seqs` takes a block of the village counter with ONE
      `UPDATE ... SET seq = seq + n` (the row lock is the same one `next_seq` takes); `next_seq`
      hands them out in order and `end_batch` gives unused ones back (the lock is still held, so
      nobody took a number in between): versions stay gap-free, exactly as one UPDATE per write.
    - change_log entries and audit rows are kept here and written with one executemany each by
      `end_batch` (nothing reads them inside the push; a second write of the same row in the
      batch replaces its pending entry, which is the compaction).
    - `defer_flush`: entity rows are flushed once at the end instead of after every write (the
      merge's optimistic pass; any error there replays the batch op by op).
    `mark`/`restore` undo what a rolled-back savepoint wrote here, so a quarantined op takes no
    version, exactly as before.
    """

    village_id: uuid.UUID
    next: int = 0
    end: int = -1  # the counter value in the database as this transaction holds it
    log: dict[tuple[str, uuid.UUID], dict[str, Any]] = field(default_factory=dict)
    audit: list[dict[str, Any]] = field(default_factory=list)
    created: dict[tuple[str, uuid.UUID], Base] = field(default_factory=dict)
    defer_flush: bool = False

    def mark(self) -> BatchMark:
        return BatchMark(self.next, self.end, dict(self.log), len(self.audit), dict(self.created))

    def restore(self, mark: BatchMark) -> None:
        self.next, self.end = mark.next, mark.end
        self.log, self.created = dict(mark.log), dict(mark.created)
        del self.audit[mark.audit :]


@dataclass(frozen=True, slots=True)
class BatchMark:
    """A WriteBatch as it was when a savepoint began (WriteBatch.mark)."""

    next: int
    end: int
    log: dict[tuple[str, uuid.UUID], dict[str, Any]]
    audit: int
    created: dict[tuple[str, uuid.UUID], Base]


def begin_batch(session: Session, village_id: uuid.UUID) -> WriteBatch:
    """Start collecting the writes of one push of `village_id` (see WriteBatch)."""
    batch = WriteBatch(village_id)
    session.info[BATCH_KEY] = batch
    return batch


def batch_of(session: Session) -> WriteBatch | None:
    batch: WriteBatch | None = session.info.get(BATCH_KEY)
    return batch


def reserve_seqs(session: Session, batch: WriteBatch, count: int) -> None:
    """Take `count` sequence numbers of the batch's village with one statement (the counter row
    stays locked until commit, as with next_seq). No counter row: nothing reserved."""
    if count <= 0:
        return
    counter = t.village_counter
    end = session.execute(
        update(counter)
        .where(counter.c.village_id == batch.village_id)
        .values(seq=counter.c.seq + count)
        .returning(counter.c.seq)
    ).scalar_one_or_none()
    if end is None:
        return
    if batch.end < 0:
        batch.next = int(end) - count + 1
    batch.end = int(end)  # numbers left from an earlier reservation are handed out first


def end_batch(session: Session, batch: WriteBatch) -> int | None:
    """Write the pending change_log and audit rows, give back unused sequence numbers; returns
    the village's current seq when known (None: ask current_seq). Stops collecting."""
    session.info.pop(BATCH_KEY, None)
    write_pending(session, batch)
    if batch.end < 0:
        return None
    if batch.next <= batch.end:
        counter = t.village_counter
        session.execute(
            update(counter)
            .where(counter.c.village_id == batch.village_id)
            .values(seq=batch.next - 1)
        )
        batch.end = batch.next - 1
    return batch.end


def write_pending(session: Session, batch: WriteBatch) -> None:
    """Write the pending change_log and audit rows now (one executemany each) and forget the
    rows created so far (they are flushed: the database answers for them from here on)."""
    if batch.log:
        session.execute(insert(t.change_log), list(batch.log.values()))
    if batch.audit:
        session.execute(insert(t.server_audit), batch.audit)
    batch.log, batch.audit, batch.created = {}, [], {}


def discard_batch(session: Session) -> None:
    """Stop collecting without writing (the transaction is being rolled back)."""
    session.info.pop(BATCH_KEY, None)


def next_seq(session: Session, village_id: uuid.UUID) -> int:
    """The village's next sequence number, taken inside the caller's transaction.

    The UPDATE locks the counter row until commit, so a transaction holding seq N commits
    before any other one can take N + 1. A village without a counter row gets one (seq 1).
    Inside a push (WriteBatch) the numbers come from the block it reserved.
    """
    batch = batch_of(session)
    if batch is not None and batch.village_id == village_id and batch.next <= batch.end:
        batch.next += 1
        return batch.next - 1
    counter = t.village_counter
    seq = session.execute(
        update(counter)
        .where(counter.c.village_id == village_id)
        .values(seq=counter.c.seq + 1)
        .returning(counter.c.seq)
    ).scalar_one_or_none()
    if seq is None:
        session.execute(insert(counter).values(village_id=village_id, seq=1))
        return 1
    if batch is not None and batch.village_id == village_id and batch.end >= 0:
        batch.end = batch.next = int(seq)
        batch.next += 1
    return int(seq)


def current_seq(session: Session, village_id: uuid.UUID) -> int:
    """The village's latest sequence number (0 before its first write)."""
    counter = t.village_counter
    seq = session.scalar(select(counter.c.seq).where(counter.c.village_id == village_id))
    return int(seq or 0)


def write_row(
    session: Session,
    *,
    village_id: uuid.UUID,
    entity: str,
    row_id: uuid.UUID,
    values: dict[str, Any],
    actor: str,
    deleted: bool | None = None,
    absent: bool = False,
) -> int:
    """Create or update one entity row of `village_id` and give it the next version.

    `values` are wire values (app.sync.wire) of any subset of the row's value columns; a new
    row needs all required ones. `village_id` is always the given one. Raises InvalidValue on
    a value that does not fit and Rejected (Indonesian reason) for a row of another village.
    Returns the row's new version. The audit row names the changed fields, never values.
    `absent=True`: the caller has just looked the row up in this session and it does not
    exist (saves looking again).
    """
    model = model_of(entity)
    converted = from_wire(entity, values)
    converted.pop("village_id", None)
    row = None if absent else session.get(model, row_id)
    action = "update"
    if row is None:
        action = "insert"
        row = model(id=row_id, village_id=village_id, deleted=bool(deleted), **converted)
        if entity != "village":
            # Speed only: the version is taken first so the INSERT carries it (no UPDATE after
            # it). A village row must exist before its counter row, which refers to it.
            seq = next_seq(session, village_id)
            row.version = seq  # type: ignore[attr-defined]
            session.add(row)
            batch = batch_of(session)
            if batch is not None:
                batch.created[(entity, row_id)] = row
            _flush(session)
            return stamp(
                session, village_id, entity, row, actor=actor, action=action, fields=values,
                seq=seq,
            )  # fmt: skip
        session.add(row)
    elif row.village_id != village_id:  # type: ignore[attr-defined]
        raise Rejected(OUT_OF_VILLAGE)
    else:
        for key, value in converted.items():
            setattr(row, key, value)
        if deleted is not None:
            row.deleted = deleted  # type: ignore[attr-defined]
        _keep_search_name(entity, row)
    if action == "update" and deleted is not None:
        action = "delete" if deleted else "undelete"
    if entity == "village":
        session.flush()  # a new village row exists before its counter row refers to it
    else:
        _flush(session)
    return stamp(session, village_id, entity, row, actor=actor, action=action, fields=values)


def _keep_search_name(entity: str, row: Base) -> None:
    """A worker's search_name is its full_name in lower case everywhere in the app (the
    register searches and sorts by it). Keep it so whatever changed the name: a DPMD edit of
    full_name alone, or a merge that kept the server's name (identity field) while taking the
    village's search name."""
    if entity != "worker":
        return
    name = getattr(row, "full_name", None)
    if name is not None and getattr(row, "search_name", None) != name.lower():
        row.search_name = name.lower()  # type: ignore[attr-defined]


def stamp(
    session: Session,
    village_id: uuid.UUID,
    entity: str,
    row: Base,
    *,
    actor: str,
    action: str,
    fields: dict[str, Any],
    seq: int | None = None,
) -> int:
    """Give a written row the next version (or `seq`, already taken by the caller for it),
    compact its change-log entry, audit field names."""
    if seq is None:
        seq = next_seq(session, village_id)
    if row.version != seq:  # type: ignore[attr-defined]
        row.version = seq  # type: ignore[attr-defined]
    row_id: uuid.UUID = row.id  # type: ignore[attr-defined]
    log = t.change_log
    detail = ",".join(sorted(fields)) if action != "insert" else "*"
    batch = batch_of(session)
    if batch is not None and batch.village_id == village_id:
        key = (entity, row_id)
        # Compaction: an entry still pending (written earlier in this push) is replaced; the
        # row's entry in the database, if any, is deleted the first time only.
        if action != "insert" and key not in batch.log:
            _delete_log_entry(session, village_id, entity, row_id)
        batch.log[key] = {"village_id": village_id, "seq": seq, "entity": entity, "row_id": row_id}
        batch.audit.append(
            {"at": utcnow(), "actor": actor, "action": action, "entity": entity,
             "row_id": str(row_id), "detail": detail}
        )  # fmt: skip
        _flush(session)
        return seq
    if action != "insert":  # a row created just now has no change-log entry to compact
        _delete_log_entry(session, village_id, entity, row_id)
    session.execute(
        insert(log).values(village_id=village_id, seq=seq, entity=entity, row_id=row_id)
    )
    session.execute(
        t.audit_entry(actor=actor, action=action, entity=entity, row_id=row_id, detail=detail)
    )
    session.flush()
    return seq


def _delete_log_entry(
    session: Session, village_id: uuid.UUID, entity: str, row_id: uuid.UUID
) -> None:
    log = t.change_log
    session.execute(
        delete(log).where(
            log.c.village_id == village_id, log.c.entity == entity, log.c.row_id == row_id
        )
    )


def _flush(session: Session) -> None:
    """Flush written rows now, unless the push's optimistic pass flushes them all at its end."""
    batch = batch_of(session)
    if batch is None or not batch.defer_flush:
        session.flush()


def dpmd_edit(
    session: Session,
    *,
    village_id: uuid.UUID,
    entity: str,
    row_id: uuid.UUID,
    values: dict[str, Any],
    operator: str,
    deleted: bool | None = None,
) -> int:
    """A DPMD operator's edit of a village row (dashboard): `write_row` as operator:<name>."""
    return write_row(
        session,
        village_id=village_id,
        entity=entity,
        row_id=row_id,
        values=values,
        actor=f"operator:{operator}",
        deleted=deleted,
    )
