"""Backups on demand, restore, and the health check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.config import Paths
from app.models.backup import backup_to, restore
from app.models.engine import sqlite_check, stored_revision
from app.models.migrate import head_revision, known_revisions


@dataclass(frozen=True, slots=True)
class Health:
    database: str
    exists: bool
    integrity: str
    schema_revision: str | None
    schema_head: str
    schema_status: str  # current | outdated | newer | missing

    @property
    def healthy(self) -> bool:
        return self.exists and self.integrity == "ok" and self.schema_status == "current"


def check(paths: Paths) -> Health:
    """Full integrity check and schema status, without migrating or writing anything."""
    path = paths.database
    head = head_revision()
    if not path.exists():
        return Health(str(path), False, "missing", None, head, "missing")
    integrity = sqlite_check(path, quick=False)
    revision = stored_revision(path)
    if revision == head:
        status = "current"
    elif revision is None:
        status = "missing"
    elif revision in known_revisions():
        status = "outdated"
    else:
        status = "newer"
    return Health(str(path), True, integrity, revision, head, status)


def backup_now(paths: Paths, folder: Path, *, label: str) -> Path:
    return backup_to(paths.database, folder, label=label)


def restore_from(paths: Paths, candidate: Path) -> Path | None:
    """Restore a backup; the caller has closed the database. Returns where the old file went."""
    return restore(candidate, paths.database, paths.replaced)
