"""The server database schema: copies of the synced entity tables plus the server-only tables.

Defined in Core on their own MetaData (same naming convention as the desktop), so the ORM entity
classes of app.models (Village, Worker...) work unchanged against a server database: the copies
have the same table names, columns, indexes and constraints. Desktop-only tables (sync_outbox,
sync_state, settings, the desktop audit, receipt_counter, rate) are not part of it.
See docs/sync-internals.md, "Server tables".
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Insert,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    insert,
    text,
)

from app.models import Base, utcnow
from app.models.base import NAMING
from app.sync.protocol import SYNC_ENTITIES

server_metadata = MetaData(naming_convention=NAMING)

for _name in SYNC_ENTITIES:
    Base.metadata.tables[_name].to_metadata(server_metadata)

ENTITY_TABLES: dict[str, Table] = {name: server_metadata.tables[name] for name in SYNC_ENTITIES}


def _village_fk() -> ForeignKey:
    return ForeignKey("village.id")


device = Table(
    "device",
    server_metadata,
    Column("id", String(40), primary_key=True),  # dev-<12 hex>
    Column("village_id", Uuid, _village_fk(), nullable=False, index=True),
    Column("label", String(120), nullable=False, server_default=""),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 hex of the token
    Column("bundle_key", String(64), nullable=False),  # urlsafe b64 of 32 bytes
    Column("db_instance_id", Uuid, nullable=True),
    Column("last_device_seq", Integer, nullable=False, server_default=text("0")),
    Column("last_pulled_seq", Integer, nullable=False, server_default=text("0")),
    Column("app_version", String(40), nullable=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=True),
    Column("revoked_at", DateTime, nullable=True),
)

enrollment_code = Table(
    "enrollment_code",
    server_metadata,
    Column("code_hash", String(64), primary_key=True),  # sha256 hex of the normalised code
    Column("village_id", Uuid, _village_fk(), nullable=False, index=True),
    Column("label", String(120), nullable=False, server_default=""),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime, nullable=True),
    Column("device_id", String(40), nullable=True),
)

rate_limit = Table(
    "rate_limit",
    server_metadata,
    Column("key", String(120), primary_key=True),  # e.g. connect:<client ip>
    Column("window_start", DateTime, nullable=False),
    Column("count", Integer, nullable=False),
)

village_counter = Table(
    "village_counter",
    server_metadata,
    Column("village_id", Uuid, _village_fk(), primary_key=True),
    Column("seq", Integer, nullable=False, server_default=text("0")),
)

change_log = Table(
    "change_log",
    server_metadata,
    Column("village_id", Uuid, _village_fk(), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid, nullable=False),
    Index("ix_change_log_village_id_entity_row_id", "village_id", "entity", "row_id"),
)

applied_op = Table(
    "applied_op",
    server_metadata,
    Column("device_id", String(40), ForeignKey("device.id"), primary_key=True),
    Column("device_seq", Integer, primary_key=True, autoincrement=False),
    Column("op_id", Uuid, nullable=False),
    Column("result", String(10), nullable=False),  # applied | duplicate | conflict | rejected
    Column("version", Integer, nullable=True),
    Column("reason", Text, nullable=True),
    Column("conflict_id", Uuid, nullable=True),
    Column("applied_at", DateTime, nullable=False),
    # A renumbered op (after a reinit) is found by its op_id; a delete checks whether the row's
    # last version came from this device. Both per device, without scanning its history.
    Index("ix_applied_op_device_id_op_id", "device_id", "op_id"),
    Index("ix_applied_op_device_id_version", "device_id", "version"),
)

sync_conflict = Table(
    "sync_conflict",
    server_metadata,
    Column("id", Uuid, primary_key=True),
    Column("village_id", Uuid, _village_fk(), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid, nullable=False),
    Column("kind", String(20), nullable=False),  # field | update_deleted | delete_updated | ...
    Column("fields", Text, nullable=False),  # JSON {field: {local, server, kept}}
    Column("device_id", String(40), nullable=True),
    Column("device_seq", Integer, nullable=True),
    Column("created_at", DateTime, nullable=False),
    Column("status", String(10), nullable=False, server_default="open"),  # open | resolved
    Column("resolution", Text, nullable=True),
    Column("resolved_at", DateTime, nullable=True),
    Column("resolved_by", String(120), nullable=True),
    Index("ix_sync_conflict_village_id_status", "village_id", "status"),
)

quarantine = Table(
    "quarantine",
    server_metadata,
    Column("id", Uuid, primary_key=True),
    Column("village_id", Uuid, _village_fk(), nullable=False),
    Column("device_id", String(40), nullable=True),
    Column("device_seq", Integer, nullable=True),
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid, nullable=True),
    Column("op", Text, nullable=False),  # the op as JSON
    Column("reason", Text, nullable=False),  # Indonesian
    Column("created_at", DateTime, nullable=False),
    Column("status", String(10), nullable=False, server_default="open"),  # open | dismissed
    Index("ix_quarantine_village_id_status", "village_id", "status"),
)

operator = Table(
    "operator",
    server_metadata,
    Column("id", Uuid, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(10), nullable=False),  # admin | operator
    Column("created_at", DateTime, nullable=False),
    Column("disabled_at", DateTime, nullable=True),
)

web_session = Table(
    "web_session",
    server_metadata,
    # sha256 hex of the cookie value (256 random bits): a copied database opens no session.
    Column("id", String(64), primary_key=True),
    Column("operator_id", Uuid, ForeignKey("operator.id"), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),  # absolute end (idle end: last_seen_at)
)

server_audit = Table(
    "audit",
    server_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(120), nullable=False),  # device:<id> | operator:<name> | cli
    Column("action", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("row_id", String(40), nullable=True),
    Column("detail", Text, nullable=False, server_default=""),  # field NAMES only, never values
)


def audit_entry(
    *,
    actor: str,
    action: str,
    entity: str,
    row_id: uuid.UUID | str | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> Insert:
    """An INSERT of one audit row. `detail` names fields, never their values (no personal data)."""
    return insert(server_audit).values(
        at=at or utcnow(),
        actor=actor,
        action=action,
        entity=entity,
        row_id=None if row_id is None else str(row_id),
        detail=detail,
    )
