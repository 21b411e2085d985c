"""Tables that live only on the village PC: outbox, sync state, settings, audit."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text, Uuid, false
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, new_id, utcnow


class SyncOutbox(Base):
    """One user change waiting for the server, written in the same transaction as the change.

    `seq` is the device sequence (ascending, gap-free per device as the server sees it);
    `fields` holds the new values of the changed fields only, `base` their values before the
    change, both as JSON objects; `base_version` is the row's server version when edited.
    """

    __tablename__ = "sync_outbox"
    # AUTOINCREMENT: a device_seq is never handed out twice, even after the rows holding the
    # highest numbers were deleted (acknowledged by the server).
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, default=new_id, unique=True)
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    op: Mapped[str] = mapped_column(String(8))  # insert | update | delete
    fields: Mapped[str] = mapped_column(Text)
    base: Mapped[str] = mapped_column(Text)
    base_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # NULL: pending (sent at the next sync); "rejected": the server quarantined it (`reason`
    # says why), kept for the record and never re-sent; "held": kept back, not sent.
    result: Mapped[str | None] = mapped_column(String(8))
    reason: Mapped[str | None] = mapped_column(Text)


class SyncState(Base):
    """A single row (id = 1): who this database is to the server and how far it has pulled."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    db_instance_id: Mapped[uuid.UUID] = mapped_column(Uuid, default=new_id)
    device_id: Mapped[str | None] = mapped_column(String(64))
    server_url: Mapped[str | None] = mapped_column(String(300))
    last_pulled_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime)
    village_code: Mapped[str | None] = mapped_column(String(13))
    last_server_time: Mapped[datetime | None] = mapped_column(DateTime)  # naive UTC, server's
    # The highest device_seq the server is known to have from this database (set at connect
    # and re-initialisation): hello's max_device_seq never reports less than this.
    device_seq_floor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_verified_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncReview(Base):
    """What the server lists for the village to review, replaced at each sync (conflicts,
    quarantined ops), plus local notes (`held`: changes kept and re-sent after a re-init).

    `payload` is the JSON of a protocol ConflictItem / QuarantineItem, or of the note.
    """

    __tablename__ = "sync_review"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(12))  # conflict | quarantine | held
    payload: Mapped[str] = mapped_column(Text)
    resolution_pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


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
