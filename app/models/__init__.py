"""SQLAlchemy models, the engine with its pragmas, migrations and backups."""

from app.models.base import Base, new_id, utcnow
from app.models.entities import SYNCED_ENTITIES, Heir, PositionQuota, Village, Worker
from app.models.local import AuditEntry, Setting, SyncOutbox, SyncState

__all__ = [
    "SYNCED_ENTITIES",
    "AuditEntry",
    "Base",
    "Heir",
    "PositionQuota",
    "Setting",
    "SyncOutbox",
    "SyncState",
    "Village",
    "Worker",
    "new_id",
    "utcnow",
]
