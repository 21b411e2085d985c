"""Tables that live only on the village PC: outbox, sync state, settings, audit."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, new_id, utcnow


class SyncOutbox(Base):
    """One user change waiting for the server, written in the same transaction as the change.

    `seq` is the device sequence (ascending, gap-free per device as the server sees it);
    `fields` holds the new values of the changed fields only, `base` their values before the
    change, both as JSON objects; `base_version` is the row's server version when edited.
    """

    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, default=new_id, unique=True)
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    op: Mapped[str] = mapped_column(String(8))  # insert | update | delete
    fields: Mapped[str] = mapped_column(Text)
    base: Mapped[str] = mapped_column(Text)
    base_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SyncState(Base):
    """A single row (id = 1): who this database is to the server and how far it has pulled."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    db_instance_id: Mapped[uuid.UUID] = mapped_column(Uuid, default=new_id)
    device_id: Mapped[str | None] = mapped_column(String(64))
    server_url: Mapped[str | None] = mapped_column(String(300))
    last_pulled_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """Who changed what, when. Field names only: the values live in the row and the outbox."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    operator: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    changed: Mapped[str] = mapped_column(Text, default="")
