"""Backups with SQLite's online backup API; rotation; restore with checks.

Layout under the backups folder:
  daily/payung-YYYY-MM-DD.sqlite3       7 kept
  weekly/payung-YYYY-Www.sqlite3        4 kept
  pre-migration/payung-<rev>-<stamp>.sqlite3   5 kept
  pre-import/payung-import-<stamp>.sqlite3     10 kept (stamp to the microsecond)
Every copy is written to a `.part` name, fsynced, then renamed, so a power cut or a pulled USB
stick never leaves a half file under a real name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import faults
from app.domain.disk import write_problem
from app.models.engine import sqlite_check, stored_revision
from app.models.errors import BackupFailed, DatabaseCorrupt, NotAPayungDatabase, SchemaTooNew
from app.models.migrate import known_revisions

DAILY_KEEP = 7
WEEKLY_KEEP = 4
PRE_MIGRATION_KEEP = 5
PRE_IMPORT_KEEP = 10
SUFFIX = ".sqlite3"


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def copy_database(source: Path, target: Path) -> Path:
    """Consistent copy of a live database (other connections may keep writing)."""
    part = target.with_name(f".{target.name}.part")
    try:
        # Inside the try: a folder that cannot be made (read-only stick, a file in the way)
        # is a failed backup like any other, never a crash of the caller.
        target.parent.mkdir(parents=True, exist_ok=True)
        part.unlink(missing_ok=True)
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(part)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
        finally:
            dst.close()
            src.close()
        with part.open("rb+") as fh:
            os.fsync(fh.fileno())
        faults.checkpoint("backup.before_rename")
        os.replace(part, target)
        _fsync_dir(target.parent)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):  # the folder itself may be what failed
            part.unlink(missing_ok=True)
        raise BackupFailed(
            f"cadangan gagal ditulis ke {target.parent}: {write_problem(exc)}"
        ) from exc
    return target


def _unused(path: Path) -> Path:
    """path, or path with -2, -3... before the suffix when that name is taken: two copies made
    within one second (a script, a second restore) must never overwrite each other."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _prune(folder: Path, keep: int) -> None:
    copies = sorted(folder.glob(f"payung-*{SUFFIX}"))
    for old in copies[:-keep] if keep else copies:
        old.unlink(missing_ok=True)


def backup_before_migration(db_path: Path, backups: Path, revision: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = copy_database(
        db_path, backups / "pre-migration" / f"payung-{revision}-{stamp}{SUFFIX}"
    )
    _prune(target.parent, PRE_MIGRATION_KEEP)
    return target


def backup_before_import(db_path: Path, backups: Path) -> Path:
    """The copy a spreadsheet import takes before it writes (DESIGN.md section 5). The name
    has microseconds so that pruning, which goes by name, always drops the oldest."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = copy_database(
        db_path, _unused(backups / "pre-import" / f"payung-import-{stamp}{SUFFIX}")
    )
    _prune(target.parent, PRE_IMPORT_KEEP)
    return target


def rotate_daily(db_path: Path, backups: Path, *, now: datetime | None = None) -> list[Path]:
    """Take today's daily copy (and this week's weekly one) if not taken yet; prune old ones."""
    moment = now or datetime.now()
    made: list[Path] = []
    daily = backups / "daily" / f"payung-{moment:%Y-%m-%d}{SUFFIX}"
    if not daily.exists():
        made.append(copy_database(db_path, daily))
        _prune(daily.parent, DAILY_KEEP)
    year, week, _ = moment.isocalendar()
    weekly = backups / "weekly" / f"payung-{year}-W{week:02d}{SUFFIX}"
    if not weekly.exists():
        made.append(_share(daily, weekly) if daily.exists() else copy_database(db_path, weekly))
        _prune(weekly.parent, WEEKLY_KEEP)
    return made


def _share(source: Path, target: Path) -> Path:
    """The weekly copy is today's daily file: a hard link costs nothing (pruning the daily
    name later leaves the weekly one intact); where links are refused, a plain copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        return _raw_copy(source, target)
    _fsync_dir(target.parent)
    return target


def _raw_copy(source: Path, target: Path) -> Path:
    """Byte-for-byte copy through a .part file, fsynced and renamed."""
    part = target.with_name(f".{target.name}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, part)
        with part.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(part, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise BackupFailed(
            f"salinan gagal ditulis ke {target.parent}: {write_problem(exc)}"
        ) from exc
    return target


def backup_to(db_path: Path, folder: Path, *, label: str) -> Path:
    """On-demand copy into any folder (a USB stick); returns the file written."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safe = "".join(ch if ch.isalnum() else "-" for ch in label).strip("-") or "desa"
    return copy_database(db_path, _unused(folder / f"payung-{safe}-{stamp}{SUFFIX}"))


_NOT_OURS = (
    "{name} bukan berkas cadangan Payung Desa; pilih berkas payung-*.sqlite3 dari folder cadangan"
)


def check_restorable(candidate: Path) -> str:
    """Refuse a file that is damaged, not ours, or from a newer version; return its revision."""
    if not candidate.is_file():
        raise NotAPayungDatabase(
            f"berkas {candidate} tidak ditemukan; periksa nama dan folder berkas cadangan"
        )
    with candidate.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise NotAPayungDatabase(_NOT_OURS.format(name=candidate.name))
    verdict = sqlite_check(candidate, quick=False)
    if verdict != "ok":
        raise DatabaseCorrupt(
            f"berkas cadangan {candidate.name} rusak ({verdict}); pilih cadangan lain"
        )
    revision = stored_revision(candidate)
    if revision is None:
        raise NotAPayungDatabase(_NOT_OURS.format(name=candidate.name))
    if revision not in known_revisions():
        raise SchemaTooNew(
            f"{candidate.name} dibuat oleh versi Payung Desa yang lebih baru; "
            "perbarui aplikasi dulu sebelum memulihkan cadangan ini"
        )
    return revision


def restore(candidate: Path, db_path: Path, aside_dir: Path) -> Path | None:
    """Put a checked backup in place of the database; the current file is kept aside.

    The caller must have closed every connection to db_path. Returns where the old file went.
    """
    check_restorable(candidate)
    aside: Path | None = None
    if db_path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = _unused(aside_dir / f"payung-sebelum-pulih-{stamp}{SUFFIX}")
        try:
            # A consistent copy (WAL folded in) is what we keep aside, then the live files go.
            aside = copy_database(db_path, target)
        except BackupFailed:
            # The current file is damaged or not a database at all: keep it byte for byte.
            aside = _raw_copy(db_path, target)
    db_path.parent.mkdir(parents=True, exist_ok=True)  # restoring onto a new PC
    staged = db_path.with_name(f".{db_path.name}.restore")
    shutil.copyfile(candidate, staged)
    with staged.open("rb+") as fh:
        os.fsync(fh.fileno())
    for extra in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        extra.unlink(missing_ok=True)
    os.replace(staged, db_path)
    _fsync_dir(db_path.parent)
    return aside


# -- what the backups folder holds (Pengaturan lists it) -----------------------------------------
MANUAL_DIR = "manual"  # `payung backup` and "Cadangkan sekarang" without a folder of their own
REPLACED_DIR = "replaced"  # the files a restore set aside (config.Paths.replaced)
# Folder under the backups folder -> how many copies the rotation keeps (None: all of them).
BACKUP_KINDS: dict[str, int | None] = {
    "daily": DAILY_KEEP,
    "weekly": WEEKLY_KEEP,
    "pre-migration": PRE_MIGRATION_KEEP,
    "pre-import": PRE_IMPORT_KEEP,
    MANUAL_DIR: None,
    REPLACED_DIR: None,
}


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One copy in the backups folder. `taken_at` is the file's modification time in this
    PC's local time: the moment the copy was written (a weekly copy is a link to the daily
    file of that day, so it carries the daily copy's moment)."""

    path: Path
    kind: str
    taken_at: datetime
    size: int


def list_backups(backups: Path) -> list[BackupFile]:
    """Every finished copy under the backups folder, newest first (half-written `.part`
    files are hidden names and never match)."""
    found: list[BackupFile] = []
    for kind in BACKUP_KINDS:
        for path in (backups / kind).glob(f"payung-*{SUFFIX}"):
            try:
                stat = path.stat()
            except OSError:  # pruned while we looked
                continue
            found.append(
                BackupFile(path, kind, datetime.fromtimestamp(stat.st_mtime), stat.st_size)
            )
    order = list(BACKUP_KINDS)
    # Newest first; a weekly copy is the daily file of the same moment: daily first.
    return sorted(found, key=lambda b: (b.taken_at, -order.index(b.kind)), reverse=True)
