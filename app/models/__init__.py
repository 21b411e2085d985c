"""SQLAlchemy models, the engine with its pragmas, migrations and backups."""

from app.models.base import Base, new_id, utcnow
from app.models.contributions import Contribution, Enrollment, Payment, Rate
from app.models.entities import SYNCED_ENTITIES, Heir, PositionQuota, Village, Worker
from app.models.local import AuditEntry, Setting, SyncOutbox, SyncState
from app.models.receipts import Receipt, ReceiptCounter

__all__ = [
    "SYNCED_ENTITIES",
    "AuditEntry",
    "Base",
    "Contribution",
    "Enrollment",
    "Heir",
    "Payment",
    "PositionQuota",
    "Rate",
    "Receipt",
    "ReceiptCounter",
    "Setting",
    "SyncOutbox",
    "SyncState",
    "Village",
    "Worker",
    "new_id",
    "utcnow",
]
