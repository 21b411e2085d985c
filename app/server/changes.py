"""Every server write to an entity row goes through here: next sequence, row, change log, audit.

The village counter row is the only source of versions (docs/sync-internals.md, "Server
tables"): `next_seq` increments it inside the caller's transaction, so the row lock orders
commits exactly as it orders sequence numbers and a pull cursor can never skip a row. Merge,
`payung-server village add`, reconciliation and the DPMD dashboard all use `write_row`.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.models import Base
from app.server import tables as t
from app.server.merge_rules import OUT_OF_VILLAGE, Rejected
from app.sync.wire import from_wire, model_of


def next_seq(session: Session, village_id: uuid.UUID) -> int:
    """The village's next sequence number, taken inside the caller's transaction.

    The UPDATE locks the counter row until commit, so a transaction holding seq N commits
    before any other one can take N + 1. A village without a counter row gets one (seq 1).
    """
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
) -> int:
    """Create or update one entity row of `village_id` and give it the next version.

    `values` are wire values (app.sync.wire) of any subset of the row's value columns; a new
    row needs all required ones. `village_id` is always the given one. Raises InvalidValue on
    a value that does not fit and Rejected (Indonesian reason) for a row of another village.
    Returns the row's new version. The audit row names the changed fields, never values.
    """
    model = model_of(entity)
    converted = from_wire(entity, values)
    converted.pop("village_id", None)
    row = session.get(model, row_id)
    action = "update"
    if row is None:
        action = "insert"
        row = model(id=row_id, village_id=village_id, deleted=bool(deleted), **converted)
        session.add(row)
    elif row.village_id != village_id:  # type: ignore[attr-defined]
        raise Rejected(OUT_OF_VILLAGE)
    else:
        for key, value in converted.items():
            setattr(row, key, value)
        if deleted is not None:
            row.deleted = deleted  # type: ignore[attr-defined]
    if action == "update" and deleted is not None:
        action = "delete" if deleted else "undelete"
    session.flush()  # a new village row exists before its counter row refers to it
    return stamp(session, village_id, entity, row, actor=actor, action=action, fields=values)


def stamp(
    session: Session,
    village_id: uuid.UUID,
    entity: str,
    row: Base,
    *,
    actor: str,
    action: str,
    fields: dict[str, Any],
) -> int:
    """Give a written row the next version, compact its change-log entry, audit field names."""
    seq = next_seq(session, village_id)
    row.version = seq  # type: ignore[attr-defined]
    row_id: uuid.UUID = row.id  # type: ignore[attr-defined]
    log = t.change_log
    session.execute(
        delete(log).where(
            log.c.village_id == village_id, log.c.entity == entity, log.c.row_id == row_id
        )
    )
    session.execute(
        insert(log).values(village_id=village_id, seq=seq, entity=entity, row_id=row_id)
    )
    detail = ",".join(sorted(fields)) if action != "insert" else "*"
    session.execute(
        t.audit_entry(actor=actor, action=action, entity=entity, row_id=row_id, detail=detail)
    )
    session.flush()
    return seq


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
