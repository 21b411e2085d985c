"""Pages of a village's changes since a cursor, per-table digests and whole-table pages.

docs/sync-internals.md, "Pull". The change log holds one entry per row (compacted on every
write), ordered by the village's sequence, so a page is "the next `limit` entries after the
cursor" and each row is read as it is now. Rows are fetched per entity with `id IN (...)` in
chunks, never one query per row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Integer, String, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from app.server import tables as t
from app.server.changes import current_seq
from app.server.merge_rules import foreign_keys
from app.sync.protocol import (
    SYNC_ENTITIES,
    PullPage,
    RowChange,
    TableDigest,
    TablePage,
    VerifyReply,
)
from app.sync.wire import digest, row_hash, to_wire, value_columns

CHUNK = 900  # ids per IN (...): far below SQLite's and PostgreSQL's parameter limits

Key = tuple[str, uuid.UUID]


class UnknownEntity(LookupError):
    """A table name that is not synced; `message` is Indonesian."""

    def __init__(self, entity: str) -> None:
        self.message = f"Tabel '{entity}' tidak disinkronkan"
        super().__init__(self.message)


def read_pull(session: Session, village_id: uuid.UUID, since: int, limit: int) -> PullPage:
    """The village's rows changed after `since`, at most `limit` change-log entries of them.

    Parents first: a row's parent (any foreign key, village included) changed after `since`
    and not in this page is added ahead of it, recursively, so a client applying pages in order
    never holds a child without its parent. `next_since` is the last entry scanned.
    """
    log = t.change_log
    entries = session.execute(
        select(log.c.seq, log.c.entity, log.c.row_id)
        .where(log.c.village_id == village_id, log.c.seq > since)
        .order_by(log.c.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(entries) > limit
    entries = entries[:limit]
    keys = [(str(e.entity), e.row_id) for e in entries]
    rows = _fetch(session, keys)
    rows.update(_parents(session, rows, since))
    ordered = _parents_first([key for key in keys if key in rows], rows)
    return PullPage(
        rows=[rows[key].change for key in ordered],
        next_since=entries[-1].seq if entries else since,
        has_more=has_more,
        server_seq=current_seq(session, village_id),
    )


@dataclass(frozen=True, slots=True)
class _Shape:
    """How an entity's rows are selected and read: id, version, deleted, then the values."""

    columns: tuple[ColumnElement[Any], ...]
    keys: tuple[str, ...]
    refs: tuple[tuple[int, str], ...]  # (position among the values, parent entity)
    # The values that go through to_wire. Text, number and flag columns come back as
    # str/int/bool/None, which to_wire returns unchanged: they skip the call (speed only).
    wired: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Read:
    change: RowChange
    parents: tuple[Key, ...]


@cache
def _shape(entity: str) -> _Shape:
    table = t.ENTITY_TABLES[entity]
    keys = tuple(value_columns(entity))
    parents = {"village_id": "village", **foreign_keys(entity)}
    refs = tuple((keys.index(column), parent) for column, parent in parents.items())
    columns = (table.c.id, table.c.version, table.c.deleted, *(table.c[k] for k in keys))
    wired = tuple(k for k in keys if _needs_to_wire(table.c[k].type))
    return _Shape(columns, keys, refs, wired)


def _needs_to_wire(kind: TypeEngine[Any]) -> bool:
    if isinstance(kind, SAEnum):
        return True
    return not isinstance(kind, String | Integer | Boolean)


def _read(entity: str, raw: Sequence[Any]) -> _Read:
    """A selected row as it travels (values through app.sync.wire.to_wire) and its parents."""
    shape = _shape(entity)
    row_id = raw[0]
    values = dict(zip(shape.keys, raw[3:], strict=True))
    for key in shape.wired:
        values[key] = to_wire(values[key])
    parents = []
    for pos, parent in shape.refs:
        ref = raw[3 + pos]
        if ref is not None and not (parent == entity and ref == row_id):
            parents.append((parent, ref))
    # model_construct: the values come from the database through to_wire, nothing to check,
    # and validating the 65,000 rows of a first pull would cost more than reading them.
    change = RowChange.model_construct(
        entity=entity, id=row_id, version=raw[1], deleted=bool(raw[2]), values=values
    )
    return _Read(change, tuple(parents))


def _fetch(session: Session, keys: Iterable[Key], *, since: int | None = None) -> dict[Key, _Read]:
    """Rows by (entity, id); with `since`, only rows whose version is newer.

    Primary-key lookups in chunks: the plan stays good even before PostgreSQL has statistics
    of a freshly pushed village (a join with change_log did not, measured at 65,000 rows).
    """
    wanted: dict[str, list[uuid.UUID]] = {}
    for entity, row_id in keys:
        wanted.setdefault(entity, []).append(row_id)
    found: dict[Key, _Read] = {}
    for entity, ids in wanted.items():
        shape = _shape(entity)
        table = t.ENTITY_TABLES[entity]
        for start in range(0, len(ids), CHUNK):
            stmt = select(*shape.columns).where(table.c.id.in_(ids[start : start + CHUNK]))
            if since is not None:
                stmt = stmt.where(table.c.version > since)
            for raw in session.execute(stmt):
                found[(entity, raw[0])] = _read(entity, raw)
    return found


def _parents(session: Session, rows: dict[Key, _Read], since: int) -> dict[Key, _Read]:
    """Parents (recursively) changed after `since` that the page does not hold yet."""
    extra: dict[Key, _Read] = {}
    frontier = rows
    while frontier:
        needed = {
            key
            for read in frontier.values()
            for key in read.parents
            if key not in rows and key not in extra
        }
        frontier = _fetch(session, needed, since=since)
        extra.update(frontier)
    return extra


def _parents_first(keys: list[Key], rows: dict[Key, _Read]) -> list[Key]:
    ordered: list[Key] = []
    placed: set[Key] = set()

    def place(key: Key) -> None:
        if key in placed:
            return
        placed.add(key)
        for parent in rows[key].parents:
            if parent in rows:
                place(parent)
        ordered.append(key)

    for key in keys:
        place(key)
    return ordered


def _village_rows(session: Session, village_id: uuid.UUID, entity: str) -> Iterator[RowChange]:
    table = t.ENTITY_TABLES[entity]
    stmt = select(*_shape(entity).columns).where(
        table.c.village_id == village_id, table.c.version.is_not(None)
    )
    for raw in session.execute(stmt.execution_options(yield_per=2000)):
        yield _read(entity, raw).change


def verify_tables(session: Session, village_id: uuid.UUID) -> VerifyReply:
    """Per synced table: how many versioned rows the village has and their order-free digest."""
    tables: dict[str, TableDigest] = {}
    for entity in SYNC_ENTITIES:
        hashes = (
            row_hash(row.id, row.version, row.deleted, row.values)
            for row in _village_rows(session, village_id, entity)
        )
        count, hexdigest = digest(hashes)
        tables[entity] = TableDigest(count=count, digest=hexdigest)
    return VerifyReply(tables=tables, server_seq=current_seq(session, village_id))


def table_page(
    session: Session, village_id: uuid.UUID, entity: str, after: uuid.UUID | None, limit: int
) -> TablePage:
    """Rows of one table of the village ordered by id, after `after` (targeted re-pull)."""
    if entity not in SYNC_ENTITIES:
        raise UnknownEntity(entity)
    table = t.ENTITY_TABLES[entity]
    stmt = select(*_shape(entity).columns).where(
        table.c.village_id == village_id, table.c.version.is_not(None)
    )
    if after is not None:
        stmt = stmt.where(table.c.id > after)
    rows = session.execute(stmt.order_by(table.c.id).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return TablePage(
        rows=[_read(entity, row).change for row in rows],
        next_after=rows[-1].id if more and rows else None,
    )
