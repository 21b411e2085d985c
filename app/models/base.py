"""Declarative base, naming convention and the sync columns every entity carries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import uuid6
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, MetaData, Uuid, false
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Named constraints: Alembic batch mode on SQLite needs names to alter a table later.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def new_id() -> uuid.UUID:
    """UUIDv7: made where the row is created, time-ordered so inserts stay index-friendly."""
    value: uuid.UUID = uuid6.uuid7()
    return uuid.UUID(bytes=value.bytes)


def utcnow() -> datetime:
    """Naive UTC: SQLite has no time zones; every stored moment is UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


class SyncedMixin:
    """Columns of every synced row (DESIGN.md section 4).

    `version` is assigned by the server and NULL until the row is first synced; `deleted` is a
    tombstone (synced rows are never hard-deleted); `updated_at_client` is for display only.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    version: Mapped[int | None] = mapped_column(Integer, default=None)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at_client: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @declared_attr
    def village_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(Uuid, ForeignKey("village.id"), index=True)
