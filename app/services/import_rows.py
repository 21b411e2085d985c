"""Writing accepted import rows in bulk: the rows Register.add and Enrollments.enroll would
write, row by row, for each person - worker, coverage period, one outbox entry and one audit
entry per inserted row - built as plain values and inserted with executemany.

Why not the ORM and app.services.writes: one flush per person makes 100,000 rows take minutes,
and even SQLAlchemy's executemany spends most of its time converting every value (DESIGN.md
section 10 gives 25 s for 100,000 rows, reading included). So values are converted here to
what SQLAlchemy stores on SQLite (UUIDs as 32 hex digits, dates ISO, moments
`YYYY-MM-DD HH:MM:SS.ffffff`, enums as their codes, booleans 0/1) and go through the DBAPI
cursor of the caller's session, inside its transaction. tests/services/test_imports.py
compares every stored column with what the services store for the same person.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable
from datetime import datetime
from enum import Enum as PyEnum
from typing import Any, cast

from sqlalchemy import Boolean, ColumnDefault, Date, DateTime, Enum, Table, Uuid
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from app.documents.importing import ImportRow
from app.domain.categories import WorkerStatus
from app.domain.enrollment import EnrollmentStatus, programmes_text
from app.domain.rates import Programme
from app.models import AuditEntry, Enrollment, SyncOutbox, Worker, new_id, utcnow
from app.services import writes
from app.sync.outbox import to_wire

# Columns an insert's outbox entry leaves out, as app.sync.outbox.row_values does.
_NOT_SENT = frozenset({"id", "version", "updated_at_client"})
_MOMENT = "%Y-%m-%d %H:%M:%S.%f"
_CACHE_KIB = 128 * 1024  # page cache while inserting (negative PRAGMA values are KiB)


def insert_rows(session: Session, village_id: uuid.UUID, rows: list[ImportRow]) -> int:
    """Insert the workers (and periods) of `rows` in the session's transaction, each with
    its outbox and audit entries; returns how many periods were written."""
    operator = writes.operator_name(session)
    now = utcnow()
    worker_table, period_table = _table(Worker), _table(Enrollment)
    workers = _completed(worker_table, [_worker_values(r, village_id, now) for r in rows])
    periods = _completed(
        period_table,
        [
            _period_values(r, village_id, worker["id"], now)
            for r, worker in zip(rows, workers, strict=True)
            if r.enrollment is not None
        ],
    )
    period_of = {p["worker_id"]: p for p in periods}
    worker_op, period_op = _Outbox("worker", worker_table), _Outbox("enrollment", period_table)
    outbox: list[dict[str, Any]] = []
    audit: list[dict[str, Any]] = []
    for worker in workers:
        # Each worker's insert, then its period's: the order Register.add + enroll give.
        outbox.append(worker_op.entry(worker, now))
        audit.append(_audit("worker", worker["id"], operator, now))
        if (period := period_of.get(worker["id"])) is not None:
            outbox.append(period_op.entry(period, now))
            audit.append(_audit("enrollment", period["id"], operator, now))
    cursor = session.connection().connection.driver_connection
    assert cursor is not None
    # The indexes (name, NIK, KPJ...) take rows in no useful order: with SQLite's default 2 MB
    # page cache, 100,000 rows spend most of their time re-reading index pages.
    (cache,) = cursor.execute("PRAGMA cache_size").fetchone()
    cursor.execute(f"PRAGMA cache_size = {min(int(cache), -_CACHE_KIB)}")
    try:
        for table, values in (
            (worker_table, workers),
            (period_table, periods),
            (_table(SyncOutbox), outbox),
            (_table(AuditEntry), audit),
        ):
            if values:
                keys = list(values[0])
                names = ", ".join(table.columns[key].name for key in keys)
                sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(keys))})"
                cursor.executemany(sql, _stored_rows(table, keys, values))
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(cache)}")
    return len(periods)


def _stored_rows(table: Table, keys: list[str], rows: list[dict[str, Any]]) -> list[tuple[Any]]:
    """The rows as SQLAlchemy's column types store them on SQLite, converted column by column
    (a conversion per cell in a loop costs more than the inserts)."""
    columns = []
    for key in keys:
        column = [row[key] for row in rows]
        convert = _storage(table.columns[key].type)
        if convert is not None:
            column = [None if v is None else convert(v) for v in column]
        columns.append(column)
    return list(zip(*columns, strict=True))


def _storage(kind: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """UUIDs as 32 hex digits, moments `YYYY-MM-DD HH:MM:SS.ffffff`, dates ISO, enums as
    their codes, booleans 0/1; everything else as it is."""
    if isinstance(kind, Uuid):
        return lambda v: v.hex
    if isinstance(kind, DateTime):
        moments: dict[datetime, str] = {}  # one `now` for the whole batch: format it once
        return lambda v: moments.get(v) or moments.setdefault(v, v.strftime(_MOMENT))
    if isinstance(kind, Date):
        return lambda v: v.isoformat()
    if isinstance(kind, Boolean):
        return int
    if isinstance(kind, Enum):
        return lambda v: v.value if isinstance(v, PyEnum) else v
    return None


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def _completed(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every column in every row: one a later migration adds gets its scalar default (or
    NULL), as an ORM insert would, so the row and its outbox entry agree."""
    if not rows:
        return rows
    missing = {
        c.key: (
            c.default.arg if isinstance(c.default, ColumnDefault) and c.default.is_scalar else None
        )
        for c in table.columns
        if c.key not in rows[0]
    }
    if missing:
        for row in rows:
            row.update(missing)
    return rows


def _synced(village_id: uuid.UUID, now: datetime) -> dict[str, Any]:
    return {
        "id": new_id(), "village_id": village_id, "version": None, "deleted": False,
        "updated_at_client": now,
    }  # fmt: skip


def _worker_values(r: ImportRow, village_id: uuid.UUID, now: datetime) -> dict[str, Any]:
    w = r.worker
    assert w is not None
    return {
        **_synced(village_id, now), "nik": w.nik, "no_kk": w.no_kk, "kpj": w.kpj,
        "full_name": w.name, "search_name": w.name.lower(), "birth_place": w.birth_place,
        "birth_date": w.birth_date, "sex": w.sex, "mother_name": w.mother_name,
        "marital_status": w.marital_status, "address": w.address, "dusun": w.dusun, "rt": w.rt,
        "rw": w.rw, "phone": w.phone, "category": w.category, "position": w.position,
        "status": WorkerStatus.ACTIVE, "end_date": None, "end_reason": None,
    }  # fmt: skip


@functools.lru_cache(maxsize=64)
def _programmes(chosen: frozenset[Programme]) -> str:
    return programmes_text(chosen)


def _period_values(
    r: ImportRow, village_id: uuid.UUID, worker_id: uuid.UUID, now: datetime
) -> dict[str, Any]:
    e = r.enrollment
    assert e is not None
    return {
        **_synced(village_id, now), "worker_id": worker_id, "segment": e.segment,
        "programmes": _programmes(e.programmes), "wage": e.wage,
        "risk_class": e.risk_class, "payer": e.payer, "kpj": e.kpj, "start_date": e.start,
        "end_date": None, "end_reason": None, "status": EnrollmentStatus.ACTIVE,
        "receipt_no": None,
    }  # fmt: skip


class _Outbox:
    """The outbox entry of an inserted row: every synced column but id, version and
    updated_at_client, in wire form (app.sync.outbox.row_values), as sorted JSON."""

    _JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps makes one a call

    def __init__(self, entity: str, table: Table) -> None:
        self.entity = entity
        sent = [c for c in table.columns if c.key not in _NOT_SENT]
        self._keys = sorted(c.key for c in sent)
        self._converted = [
            (c.key, convert) for c in sent if (convert := _wire_form(c.type)) is not None
        ]

    def entry(self, values: dict[str, Any], now: datetime) -> dict[str, Any]:
        fields = {key: values[key] for key in self._keys}  # sorted: the JSON keys are too
        for key, convert in self._converted:
            if (value := fields[key]) is not None:
                fields[key] = convert(value)
        return {
            "op_id": new_id(), "entity": self.entity, "row_id": values["id"], "op": "insert",
            "fields": self._JSON.encode(fields), "base": "{}", "base_version": None,
            "created_at": now,
        }  # fmt: skip


def _wire_form(kind: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """What app.sync.outbox.to_wire makes of a value of this column type."""
    if isinstance(kind, Enum):
        return lambda v: v.value if isinstance(v, PyEnum) else v
    if isinstance(kind, Uuid | DateTime | Date):
        return to_wire
    return None


def _audit(entity: str, row_id: uuid.UUID, operator: str, now: datetime) -> dict[str, Any]:
    return {
        "at": now, "operator": operator, "action": "create", "entity": entity,
        "row_id": row_id, "changed": "*",
    }  # fmt: skip
