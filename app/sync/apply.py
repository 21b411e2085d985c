"""Server rows into the local database, and the outbox as the server sees it.

Every function here runs inside a write session the caller owns (`sessions.begin()`): the
caller decides what commits together (a pull page and its cursor, a push reply). Pulled rows
write no outbox and no audit rows: they are the server's, not a user's change.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache, lru_cache, partial
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    Text,
    Uuid,
    bindparam,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import ColumnProperty, Session

from app import faults
from app.models import SyncOutbox, SyncState, utcnow
from app.sync.protocol import CONFLICT_ENTITY, SYNC_ENTITIES, Op, OpResult, RowChange
from app.sync.wire import _convert, model_of, row_hash, to_wire, value_columns

log = logging.getLogger(__name__)

PENDING = None
REJECTED = "rejected"
HELD = "held"
_ORDER = {name: index for index, name in enumerate(SYNC_ENTITIES)}


def defer_foreign_keys(session: Session) -> None:
    """Foreign keys checked at commit: a page may carry a child before the parent it names."""
    session.execute(text("PRAGMA defer_foreign_keys=ON"))


def sync_state(session: Session) -> SyncState:
    """Row 1 of sync_state, created on first use (inside the caller's write session)."""
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1, last_pulled_seq=0, device_seq_floor=0)
        session.add(state)
        session.flush()
    return state


# -- outbox -------------------------------------------------------------------------------


def pending_ops(session: Session, *, limit: int | None = None) -> list[Op]:
    """Pending outbox rows (result NULL) as protocol ops, in device_seq order."""
    stmt = select(SyncOutbox).where(SyncOutbox.result.is_(None)).order_by(SyncOutbox.seq)
    if limit is not None:
        stmt = stmt.limit(limit)
    ops = []
    for row in session.scalars(stmt):
        # Rates are kabupaten reference data seeded on every PC: nothing ever queues them.
        assert row.entity != "rate", "rate rows are never synced"
        ops.append(
            Op(
                device_seq=row.seq,
                op_id=row.op_id,
                entity=row.entity,  # type: ignore[arg-type]
                row_id=row.row_id,
                op=row.op,  # type: ignore[arg-type]
                fields=json.loads(row.fields),
                base=json.loads(row.base),
                base_version=row.base_version,
            )
        )
    return ops


def count_pending(session: Session) -> int:
    stmt = select(func.count()).select_from(SyncOutbox).where(SyncOutbox.result.is_(None))
    return int(session.scalar(stmt) or 0)


def record_results(session: Session, results: Iterable[OpResult]) -> None:
    """Acknowledged ops leave the outbox; rejected ones stay, marked, with the reason."""
    for result in results:
        if result.result == "rejected":
            session.execute(
                update(SyncOutbox)
                .where(SyncOutbox.seq == result.device_seq, SyncOutbox.op_id == result.op_id)
                .values(result=REJECTED, reason=(result.reason or "")[:2000])
            )
        else:
            session.execute(
                delete(SyncOutbox).where(
                    SyncOutbox.seq == result.device_seq, SyncOutbox.op_id == result.op_id
                )
            )


def max_issued_seq(session: Session) -> int:
    """The highest device_seq this database ever handed out (AUTOINCREMENT's memory)."""
    issued = session.execute(
        text("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'")
    ).scalar()
    return int(issued or 0)


def renumber_pending(session: Session, expected: int) -> int:
    """Give the kept ops (pending and held) the numbers expected, expected+1, ... in their
    order, as a fresh server binding wants; rejected rows are dropped (the server keeps them
    in its quarantine list). sqlite_sequence continues right after them. Returns the count."""
    session.execute(delete(SyncOutbox).where(SyncOutbox.result == REJECTED))
    kept = list(session.scalars(select(SyncOutbox.seq).order_by(SyncOutbox.seq)))
    # Two steps through negative numbers so no new number collides with an old one.
    for seq in kept:
        session.execute(update(SyncOutbox).where(SyncOutbox.seq == seq).values(seq=-seq))
    for index, seq in enumerate(kept):
        session.execute(
            update(SyncOutbox)
            .where(SyncOutbox.seq == -seq)
            .values(seq=expected + index, result=None, reason=None)
        )
    last = expected - 1 + len(kept)
    updated = session.execute(
        text("UPDATE sqlite_sequence SET seq = :last WHERE name = 'sync_outbox'"), {"last": last}
    )
    if getattr(updated, "rowcount", 0) == 0:
        session.execute(
            text("INSERT INTO sqlite_sequence (name, seq) VALUES ('sync_outbox', :last)"),
            {"last": last},
        )
    state = sync_state(session)
    state.device_seq_floor = expected - 1
    return len(kept)


# -- rows ---------------------------------------------------------------------------------


def _table(entity: str) -> Table:
    table = model_of(entity).__table__
    assert isinstance(table, Table)
    return table


table_of = _table


def _db_values(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """Wire values to column values; columns this version does not have are ignored (the
    server's schema may be newer: schema changes are additive). Each value gets exactly what
    wire.from_wire's `_convert` gives it (the same value, the same InvalidValue): the common
    well-formed cases take a short path per column type (`_converter`), anything else goes
    through `_convert` itself."""
    columns = _columns_of(entity)
    return {
        columns[key][0]: columns[key][1](value) for key, value in values.items() if key in columns
    }


@cache
def _columns_of(entity: str) -> dict[str, tuple[str, Callable[[Any], Any]]]:
    """Per wire key: the column's attribute key and the value's converter."""
    return {
        key: (prop.columns[0].key, _converter(entity, key, prop))
        for key, prop in value_columns(entity).items()
    }


@lru_cache(maxsize=65536)
def _uuid(raw: str) -> uuid.UUID:
    # A page names the same parents (village, worker, enrollment) over and over.
    return uuid.UUID(raw)


@lru_cache(maxsize=4096)
def _date(raw: str) -> date:
    return date.fromisoformat(raw)


def _converter(entity: str, key: str, prop: ColumnProperty[Any]) -> Callable[[Any], Any]:
    """`_convert(entity, key, prop, raw)`, faster for the values a server sends: a text of
    the right length, an int or bool of the exact type, a UUID or ISO date string, an enum
    code. Speed only: every other value (None, a wrong type, a bad string) takes `_convert`."""
    slow = partial(_convert, entity, key, prop)
    kind = prop.columns[0].type
    if isinstance(kind, SAEnum):
        members = dict(kind.enum_class._value2member_map_) if kind.enum_class else {}

        def enum_value(raw: Any) -> Any:
            if type(raw) is str and raw in members:
                return members[raw]
            return slow(raw)

        return enum_value
    if isinstance(kind, String | Text):
        length: int | None = getattr(kind, "length", None)

        def text_value(raw: Any) -> Any:
            if type(raw) is str and (length is None or len(raw) <= length):
                return raw
            return slow(raw)

        return text_value
    if isinstance(kind, Boolean | Integer):
        wanted = bool if isinstance(kind, Boolean) else int

        def exact_value(raw: Any) -> Any:
            return raw if type(raw) is wanted else slow(raw)

        return exact_value
    if isinstance(kind, Uuid | Date) and not isinstance(kind, DateTime):
        parse: Callable[[str], Any] = _uuid if isinstance(kind, Uuid) else _date

        def parsed_value(raw: Any) -> Any:
            if type(raw) is str:
                try:
                    return parse(raw)
                except ValueError:
                    pass
            return slow(raw)

        return parsed_value
    return slow


def upsert_rows(session: Session, rows: Sequence[RowChange], *, force: bool = False) -> int:
    """Write server rows (parents first). Without `force` a row not newer than the local copy
    is skipped (an old bundle after a newer sync). Pending local ops of the written rows are
    re-applied on top. Returns how many rows were written.

    Per entity, the local versions are read with one `IN (...)` and the rows written with one
    executemany per statement shape inside a SAVEPOINT; when that batch hits a unique clash it
    is rolled back and the entity's rows are written one by one (`_upsert_one`), so a clashing
    row is refused exactly as before and the others still land."""
    written: list[RowChange] = []
    refused: list[RowChange] = []
    ordered = sorted(rows, key=lambda r: _ORDER.get(r.entity, len(_ORDER)))
    for entity, group in groupby(ordered, key=lambda r: r.entity):
        if entity not in _ORDER:
            continue
        changes = list(group)
        before = len(written)
        if not _upsert_batch(session, entity, changes, force, written):
            for change in changes:
                outcome = _upsert_one(session, change, force)
                if outcome is not None:
                    (written if outcome else refused).append(change)
                if outcome and not before and len(written) == 1:
                    faults.checkpoint("pull.apply")
        elif not before and written:
            faults.checkpoint("pull.apply")
    reapply_pending(session, [(c.entity, c.id) for c in written])
    if refused:
        _note_refused(session, refused)
    return len(written)


def _local_versions(session: Session, table: Table, ids: list[uuid.UUID]) -> dict[Any, Any]:
    found: dict[Any, Any] = {}
    for chunk in _chunks(ids, 500):
        stmt = select(table.c.id, table.c.version).where(table.c.id.in_(chunk))
        found.update((row.id, row.version) for row in session.execute(stmt))
    return found


def _upsert_batch(
    session: Session,
    entity: str,
    changes: list[RowChange],
    force: bool,
    written: list[RowChange],
) -> bool:
    """Every row of one entity in one go; False (nothing written) when the batch must be
    redone row by row: an id twice in the batch, or a unique clash."""
    ids = [c.id for c in changes]
    if len(set(ids)) != len(ids):
        return False
    table = _table(entity)
    local = _local_versions(session, table, ids)
    inserts: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    done: list[RowChange] = []
    for change in changes:
        exists = change.id in local
        version = local.get(change.id)
        if not force and exists and version is not None and change.version <= version:
            continue
        values = _db_values(entity, change.values)
        values.update(version=change.version, deleted=change.deleted)
        if exists:
            values["_row_id"] = change.id
            updates.setdefault(tuple(sorted(values)), []).append(values)
        else:
            values.update(id=change.id, updated_at_client=utcnow())
            inserts.setdefault(tuple(sorted(values)), []).append(values)
        done.append(change)
    if not done:
        return True
    connection = session.connection()
    try:
        with session.begin_nested():
            for shape, params in inserts.items():
                _insert_many(connection, table, shape, params)
            stmt = table.update().where(table.c.id == bindparam("_row_id"))
            for params in updates.values():
                connection.execute(stmt, params)
    except IntegrityError:
        return False
    written.extend(done)
    return True


def _insert_many(
    connection: Connection, table: Table, keys: tuple[str, ...], params: list[dict[str, Any]]
) -> None:
    """`connection.execute(table.insert(), params)` (every row has exactly `keys`), with the
    statement and each column's bind processor prepared once per shape: speed only, the same
    rows land. When a column the rows lack has a Python-side default, SQLAlchemy's own path
    fills it in."""
    dialect = connection.dialect
    plan = _insert_plan(table, keys, dialect) if dialect.paramstyle == "qmark" else None
    if plan is None:
        connection.execute(table.insert(), params)
        return
    sql, processors = plan
    pick = itemgetter(*keys)
    rows = []
    for row in params:
        values = list(pick(row))
        for index, process in processors:
            if values[index] is not None:
                values[index] = process(values[index])
        rows.append(tuple(values))
    connection.exec_driver_sql(sql, rows)


@cache
def _insert_plan(
    table: Table, keys: tuple[str, ...], dialect: Dialect
) -> tuple[str, tuple[tuple[int, Callable[[Any], Any]], ...]] | None:
    """The INSERT for rows of `keys` and (position, bind processor) of the columns that have
    one; None when a column left out has a Python-side default."""
    columns = [table.c[key] for key in keys]
    if any(c.default is not None for c in table.c if c.key not in keys):
        return None
    quote = dialect.identifier_preparer.quote
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(table.name),
        ", ".join(quote(c.name) for c in columns),
        ", ".join("?" for _ in columns),
    )
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    return sql, tuple((i, p) for i, p in enumerate(processors) if p is not None)


def _upsert_one(session: Session, change: RowChange, force: bool) -> bool | None:
    """One row in its own SAVEPOINT: True written, False refused (it clashes with a local row
    on a unique column), None skipped (not newer than the local copy)."""
    table = _table(change.entity)
    local = session.execute(select(table.c.version).where(table.c.id == change.id)).first()
    if (
        not force
        and local is not None
        and local.version is not None
        and change.version <= local.version
    ):
        return None
    values = _db_values(change.entity, change.values)
    values.update(version=change.version, deleted=change.deleted)
    try:
        with session.begin_nested():
            if local is None:
                values.update(id=change.id, updated_at_client=utcnow())
                session.execute(table.insert().values(**values))
            else:
                session.execute(table.update().where(table.c.id == change.id).values(**values))
    except IntegrityError:
        return False
    return True


def _note_refused(session: Session, refused: list[RowChange]) -> None:
    """A server row that clashes with a local one on a unique column (a formasi row made
    before ids were shared, a receipt number) is left out instead of blocking every later
    sync; the review list says which rows, without their values."""
    from app.sync.review import HELD, add_note

    log.warning("%d pulled rows clash with local rows and were not stored", len(refused))
    add_note(
        session,
        HELD,
        {
            "at": utcnow().isoformat(),
            "rows": [{"entity": c.entity, "id": str(c.id)} for c in refused],
            "message": (
                f"{len(refused)} baris dari server bentrok dengan data di PC ini (nomor atau "
                "kategori yang sama) dan belum disimpan; hubungi DPMD"
            ),
        },
    )


def reapply_pending(session: Session, rows: Sequence[tuple[str, uuid.UUID]]) -> None:
    """Put this PC's unsent changes back on top of freshly written server rows."""
    if not rows:
        return
    stmt = (
        select(SyncOutbox)
        .where(SyncOutbox.result.is_(None), SyncOutbox.entity != CONFLICT_ENTITY)
        .order_by(SyncOutbox.seq)
    )
    # Speed only: with nothing pending (a first sync, most pages) one probe instead of an
    # IN (...) per 500 written rows.
    if session.execute(stmt.with_only_columns(SyncOutbox.seq).limit(1)).first() is None:
        return
    ids = {row_id for _, row_id in rows}
    for chunk in _chunks(sorted(ids), 500):
        for op in session.scalars(stmt.where(SyncOutbox.row_id.in_(chunk))):
            _apply_op(session, op)


def _apply_op(session: Session, op: SyncOutbox) -> None:
    if op.entity not in _ORDER:
        return
    fields = dict(json.loads(op.fields))
    deleted = fields.pop("deleted", None)
    values = _db_values(op.entity, fields)
    if op.op == "delete":
        deleted = True
    if isinstance(deleted, bool):
        values["deleted"] = deleted
    if not values:
        return
    table = _table(op.entity)
    stmt = table.update().where(table.c.id == op.row_id)
    if op.op == "update" and deleted is not False:
        # An edit is not laid on a row the server has deleted: the server keeps the tombstone
        # as it is (update_deleted conflict, nothing written, the edit kept in the conflict),
        # so this PC must keep exactly the server's tombstone too or it never gets it back.
        stmt = stmt.where(table.c.deleted.is_(False))
    session.execute(stmt.values(**values))


def _chunks(items: list[uuid.UUID], size: int) -> Iterable[list[uuid.UUID]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- verify -------------------------------------------------------------------------------


def local_digests(session: Session) -> dict[str, tuple[int, str]]:
    """Per entity: count and digest of the rows the server has versioned, computed exactly as
    the server does (wire.row_hash over wire.wire_values)."""
    from app.sync.wire import digest

    out: dict[str, tuple[int, str]] = {}
    for entity in SYNC_ENTITIES:
        # Columns, not ORM objects (a first sync verifies ~76,000 rows): the same values
        # wire_values reads through the attributes.
        table = _table(entity)
        keys = list(value_columns(entity))
        columns = [prop.columns[0] for prop in value_columns(entity).values()]
        stmt = select(table.c.id, table.c.version, table.c.deleted, *columns).where(
            table.c.version.is_not(None)
        )
        # Text, number and flag columns come back as str/int/bool/None, which to_wire returns
        # unchanged: they skip the call (speed only, as app.server.pull does).
        convert = [
            isinstance(c.type, SAEnum) or not isinstance(c.type, String | Integer | Boolean)
            for c in columns
        ]
        rows = session.execute(stmt.execution_options(yield_per=2000))
        hashes = (
            row_hash(
                row_id,
                version,
                deleted,
                {
                    key: to_wire(value) if wire else value
                    for key, wire, value in zip(keys, convert, values, strict=True)
                },
            )
            for row_id, version, deleted, *values in rows
        )
        out[entity] = digest(hashes)
        session.expunge_all()
    return out
