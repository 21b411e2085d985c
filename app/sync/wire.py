"""Rows to and from their wire form, and table digests: the one conversion both sides use.

The server and the desktop read the same entity models (app.models), so a row turned into wire
values here and back on the other side lands identical, and a digest computed on either side
over the same rows is the same hex string.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, Uuid, inspect
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import ColumnProperty

from app.models import SYNCED_ENTITIES, Base
from app.sync.protocol import SYNC_ENTITIES

# Columns that travel outside `values` (id, version, deleted) or not at all (display only).
NOT_IN_VALUES = frozenset({"id", "version", "deleted", "updated_at_client"})


class InvalidValue(ValueError):
    """A wire value that does not fit its column. `reason` is Indonesian, names the field."""

    def __init__(self, entity: str, field: str, reason: str) -> None:
        super().__init__(f"{entity}.{field}: {reason}")
        self.entity = entity
        self.field = field
        self.reason = reason


def model_of(entity: str) -> type[Base]:
    if entity not in SYNC_ENTITIES:
        raise KeyError(entity)
    return SYNCED_ENTITIES[entity]


def value_columns(entity: str) -> dict[str, ColumnProperty[Any]]:
    """The columns that travel in `values`, by attribute name."""
    mapper = inspect(model_of(entity))
    return {c.key: c for c in mapper.column_attrs if c.key not in NOT_IN_VALUES}


def to_wire(value: object) -> Any:
    """JSON-safe form of a column value: ISO dates, enum codes, UUID strings."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def wire_values(entity: str, row: Base) -> dict[str, Any]:
    """Every value column of a row, wire-ready."""
    return {key: to_wire(getattr(row, key)) for key in value_columns(entity)}


def from_wire(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """Wire values to Python values of the entity's columns. Raises InvalidValue on an unknown
    field, a wrong type or a value that does not fit (too long, not a known code)."""
    columns = value_columns(entity)
    out: dict[str, Any] = {}
    for key, raw in values.items():
        prop = columns.get(key)
        if prop is None:
            raise InvalidValue(entity, key, f"kolom '{key}' tidak dikenal")
        out[key] = _convert(entity, key, prop, raw)
    return out


def _convert(entity: str, key: str, prop: ColumnProperty[Any], raw: Any) -> Any:
    column = prop.columns[0]
    if raw is None:
        if not column.nullable and not column.primary_key:
            raise InvalidValue(entity, key, "tidak boleh kosong")
        return None
    kind = column.type
    if isinstance(kind, String | Text) and not isinstance(kind, SAEnum):
        if not isinstance(raw, str):
            raise InvalidValue(entity, key, f"nilai {raw!r:.40} harus berupa teks")
        length = getattr(kind, "length", None)
        if length is not None and len(raw) > length:
            raise InvalidValue(entity, key, f"lebih dari {length} karakter")
        return raw
    try:
        return _parse(kind, raw)
    except (ValueError, TypeError) as exc:
        raise InvalidValue(entity, key, f"nilai {raw!r:.40} tidak sesuai jenis kolom") from exc


def _parse(kind: object, raw: Any) -> Any:
    """A non-text wire value as its column's Python type; ValueError when it does not fit."""
    if isinstance(kind, SAEnum):
        if kind.enum_class is None:
            raise ValueError(raw)
        return kind.enum_class(raw)
    if isinstance(kind, Uuid):
        return uuid.UUID(str(raw))
    if isinstance(kind, Boolean | Integer):
        wanted = bool if isinstance(kind, Boolean) else int
        if type(raw) is not wanted:
            raise ValueError(raw)
        return raw
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(str(raw))
    if isinstance(kind, Date):
        return date.fromisoformat(str(raw))
    return raw


def row_hash(row_id: uuid.UUID, version: int, deleted: bool, values: dict[str, Any]) -> int:
    text = json.dumps(
        [str(row_id), version, deleted, values],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")


def digest(hashes: Iterable[int]) -> tuple[int, str]:
    """Count and order-free digest (sum of row hashes mod 2**256) of one table's rows."""
    count = 0
    total = 0
    for value in hashes:
        count += 1
        total = (total + value) % (1 << 256)
    return count, f"{total:064x}"
