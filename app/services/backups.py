"""Backups on demand, restore, and the health check."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from app.config import Paths
from app.models.backup import (
    BACKUP_KINDS,
    MANUAL_DIR,
    BackupFile,
    backup_to,
    check_restorable,
    list_backups,
    restore,
)
from app.models.engine import sqlite_check, stored_revision
from app.models.migrate import head_revision, known_revisions
from app.services.context import AppContext
from app.services.settings import carried_preferences, put_preferences

__all__ = [  # the window lists and restores through here, never through app.models
    "BACKUP_KINDS",
    "BackupFile",
    "Backups",
    "Health",
    "backup_now",
    "check",
    "restore_from",
    "restore_in_place",
]


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


class Backups:
    """The backups of one data folder, for the Pengaturan page. Thread-safe: every call opens
    its own SQLite connections or only reads the folder."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths

    @property
    def folder(self) -> Path:
        return self.paths.backups

    def list(self) -> list[BackupFile]:
        return list_backups(self.paths.backups)

    def last_automatic(self) -> datetime | None:
        """When the newest daily copy (taken when the window opens) was written."""
        daily = [b.taken_at for b in self.list() if b.kind == "daily"]
        return max(daily, default=None)

    def back_up(self, folder: Path | None, *, label: str) -> Path:
        """A copy now, into `folder` (a USB stick) or the backups folder's manual/."""
        return backup_now(self.paths, folder or self.paths.backups / MANUAL_DIR, label=label)

    @staticmethod
    def check(candidate: Path) -> str:
        """Raises the Indonesian StorageError when candidate cannot be restored (damaged,
        not ours, from a newer version); returns its schema revision."""
        return check_restorable(candidate)


def restore_in_place(context: AppContext, candidate: Path) -> Path | None:
    """Close the context's database, restore `candidate`, open the database again (an older
    backup is migrated after its own pre-migration copy) and put the fresh services into the
    same `context` object, so the window and whoever closes the context at exit (app.ui.main)
    keep working with it. This PC's preferences (operator, language, paper, export defaults)
    are carried over: a restore brings back data, not an older choice of language.

    The caller must have stopped every other user of the database (pool tasks, sync). A file
    that cannot be restored raises before anything is closed. Returns where the replaced file
    went (backups/replaced).
    """
    check_restorable(candidate)
    kept = carried_preferences(context.village)
    context.close()
    try:
        aside = restore_from(context.paths, candidate)
    finally:  # restored or not, the office goes on with an open database
        fresh = AppContext.open(context.paths, today=context.today, daily_backup=False)
        for field in fields(AppContext):
            setattr(context, field.name, getattr(fresh, field.name))
    put_preferences(context.village, kept)
    return aside
