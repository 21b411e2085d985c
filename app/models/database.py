"""Opening the village database: crash check, backup, migrations, then sessions."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from app.models.backup import backup_before_migration
from app.models.engine import Sessions, make_engine, make_sessions, sqlite_check, stored_revision
from app.models.errors import DatabaseCorrupt, NotAPayungDatabase, SchemaTooNew
from app.models.migrate import head_revision, known_revisions, upgrade

log = logging.getLogger(__name__)


def _pid_alive(pid: int) -> bool:
    if os.name != "posix":
        return False  # cannot tell cheaply; a needless quick_check is harmless
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Database:
    """An open village database. Close it to mark a clean shutdown."""

    path: Path
    engine: Engine
    sessions: Sessions
    checked_after_crash: bool = False
    migrated_from: str | None = None
    _marker: Path | None = field(default=None, repr=False)

    def close(self) -> None:
        self.engine.dispose()
        if self._marker is not None:
            self._marker.unlink(missing_ok=True)
            self._marker = None


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _markers(path: Path) -> list[Path]:
    return list(path.parent.glob(f"{path.name}.open-*"))


def _stale_markers(path: Path) -> list[Path]:
    """Markers of processes that had the database open and died without closing it."""
    stale: list[Path] = []
    for marker in _markers(path):
        pid_text = marker.name.rsplit("-", 1)[-1]
        if not pid_text.isdigit() or not _pid_alive(int(pid_text)):
            stale.append(marker)
    return stale


def open_database(path: Path, *, backups: Path) -> Database:
    """Open (creating or migrating as needed) the database at path.

    Raises DatabaseCorrupt after an unclean shutdown that left damage, SchemaTooNew when the
    file was written by a newer version. Before any migration of an existing file a backup is
    taken under backups/pre-migration.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    exists = path.exists() and path.stat().st_size > 0
    if exists and not _is_sqlite(path):
        raise NotAPayungDatabase(
            f"{path} bukan basis data Payung Desa (berkas lain atau rusak); "
            "pindahkan berkas itu lalu pulihkan dari cadangan dengan `payung restore`"
        )
    checked = False
    stale = _stale_markers(path) if exists else []
    if stale:
        verdict = sqlite_check(path, quick=True)
        checked = True
        log.warning("unclean shutdown detected; quick_check: %s", verdict)
        if verdict != "ok":
            # The markers stay: every later start must refuse this file too, until a restore.
            raise DatabaseCorrupt(
                f"basis data {path.name} rusak setelah listrik padam atau aplikasi mati "
                f"mendadak ({verdict}); pulihkan dari cadangan dengan `payung restore`"
            )
        for marker in stale:
            marker.unlink(missing_ok=True)
    current = stored_revision(path) if exists else None
    head = head_revision()
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            f"basis data {path.name} dibuat oleh versi Payung Desa yang lebih baru; "
            "perbarui aplikasi ini"
        )
    engine = make_engine(path)
    if current != head:
        if exists:
            backup_before_migration(path, backups, current or "none")
        upgrade(engine)
        log.info("database migrated from %s to %s", current, head)
    marker = path.with_name(f"{path.name}.open-{os.getpid()}")
    marker.touch()
    return Database(
        path=path,
        engine=engine,
        sessions=make_sessions(engine),
        checked_after_crash=checked,
        migrated_from=current if current != head else None,
        _marker=marker,
    )
