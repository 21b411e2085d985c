"""Spreadsheet import: preview (nothing written), then apply every row without an error in one
transaction, after a backup. All or none: a failure half-way leaves the register as it was.

The UI wizard works with what this module exports:

    imports = Imports.of(ctx)
    preview = imports.preview(path)                    # sheet and mapping detected
    mapping = preview.mapping.with_field(4, Field.BIRTH_DATE)
    preview = imports.preview(path, sheet=preview.sheet, mapping=mapping)
    result = imports.apply(preview)                    # backup, then one transaction
    imports.write_report(result.problems, out)

Every call opens its own session; all of them may run on a worker thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app import faults
from app.documents.importing import (
    LABELS,
    ColumnMapping,
    Field,
    HeaderNotFound,
    ImportPreview,
    ImportRow,
    InvalidMapping,
    Problem,
    Progress,
    Severity,
    UnknownSheet,
    UnreadableFile,
    Workbook,
    header_mapping,
    paused_gc,
    read_preview,
    warm_up,
    write_report,
)
from app.domain.errors import DomainError
from app.domain.rates import RateSet
from app.models import Worker
from app.models.backup import backup_before_import
from app.models.engine import Sessions
from app.services.import_rows import insert_rows
from app.services.rates import Rates
from app.services.village import current_village

if TYPE_CHECKING:
    from app.services.context import AppContext

__all__ = [
    "LABELS",
    "ColumnMapping",
    "Field",
    "HeaderNotFound",
    "ImportFailed",
    "ImportOutdated",
    "ImportPreview",
    "ImportResult",
    "ImportRow",
    "Imports",
    "InvalidMapping",
    "Problem",
    "Progress",
    "Severity",
    "UnknownSheet",
    "UnreadableFile",
    "registered_niks",
]

_LOOKUP_CHUNK = 500  # NIKs per IN (...) query; SQLite allows 999 parameters on old builds
_SCAN_ABOVE = 5_000
# Columns an insert's outbox entry leaves out, as app.sync.outbox.row_values does.
_NOT_SENT = frozenset({"id", "version", "updated_at_client"})


class ImportOutdated(DomainError):
    """The register changed between preview and apply so that a previewed row now clashes."""

    code = "import_outdated"


class ImportFailed(DomainError):
    """The database refused the batch; nothing of it was stored."""

    code = "import_failed"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What apply did. `imported` workers and `enrolled` coverage periods were written;
    `backup` is the copy taken first (None when there was nothing to write)."""

    rows_read: int
    valid: int
    invalid: int
    imported: int
    enrolled: int
    problems: tuple[Problem, ...]
    backup: Path | None


class Imports:
    def __init__(
        self,
        sessions: Sessions,
        *,
        rates: Rates,
        today: Callable[[], date],
        database: Path,
        backups: Path,
    ) -> None:
        self._sessions = sessions
        self._rates = rates
        self._today = today
        self._database = database
        self._backups = backups

    @classmethod
    def of(cls, ctx: AppContext) -> Imports:
        return cls(
            ctx.database.sessions,
            rates=ctx.rates,
            today=ctx.today,
            database=ctx.paths.database,
            backups=ctx.paths.backups,
        )

    # -- reading (writes nothing) ------------------------------------------------------
    @staticmethod
    def sheets(path: Path) -> tuple[str, ...]:
        """Every sheet of the file, for a sheet chooser. Raises UnreadableFile."""
        with Workbook(Path(path), names_only=True) as book:
            return book.sheets

    @staticmethod
    def mapping_at(path: Path, header_row: int, *, sheet: str | None = None) -> ColumnMapping:
        """The mapping with row `header_row` (1-based) taken as the header row."""
        return header_mapping(Path(path), header_row, sheet=sheet)

    def preview(
        self,
        path: Path,
        sheet: str | None = None,
        mapping: ColumnMapping | None = None,
        *,
        progress: Progress | None = None,
    ) -> ImportPreview:
        """Read and check the file; nothing is written. Raises UnreadableFile (field `file`),
        UnknownSheet (`sheet`), InvalidMapping (`mapping`); row problems are in the preview.
        `progress(rows_done, rows_total)` follows the checks, on the calling thread."""
        return read_preview(
            Path(path),
            today=self._today(),
            sheet=sheet,
            mapping=mapping,
            rates_at=self._rates_at,
            registered=self._registered,
            progress=progress,
        )

    @staticmethod
    def warm_up() -> None:
        """Start the spreadsheet reader process now (the import page opening), so the first
        preview does not wait for it. Returns at once."""
        warm_up()

    def _rates_at(self, day: date) -> RateSet:
        return self._rates.at(day)

    def _registered(self, niks: list[str]) -> dict[str, str]:
        with self._sessions() as session:
            return registered_niks(session, niks)

    # -- writing -----------------------------------------------------------------------
    def apply(
        self,
        source: ImportPreview | Path | str,
        *,
        sheet: str | None = None,
        mapping: ColumnMapping | None = None,
    ) -> ImportResult:
        """Write every row of the preview that has no error (warnings allowed), with its
        coverage period, outbox and audit rows, in one transaction after a backup under
        backups/pre-import. A path is previewed first. Raises ImportOutdated when a row
        clashes with the register as it is now, ImportFailed when the database refuses the
        batch, BackupFailed when no backup could be taken; in every case nothing is written."""
        if isinstance(source, ImportPreview):
            preview = source
        else:
            preview = self.preview(Path(source), sheet, mapping)
        accepted = preview.accepted
        backup: Path | None = None
        enrolled = 0
        if accepted:
            backup = backup_before_import(self._database, self._backups)
            enrolled = self._write(accepted, backup)
        return ImportResult(
            rows_read=preview.rows_read,
            valid=preview.valid,
            invalid=preview.invalid,
            imported=len(accepted),
            enrolled=enrolled,
            problems=preview.problems,
            backup=backup,
        )

    def _write(self, rows: list[ImportRow], backup: Path) -> int:
        try:
            with self._sessions.begin() as session, paused_gc():
                village = current_village(session)
                _refuse_changed(session, rows)
                enrolled = insert_rows(session, village.id, rows)
                faults.checkpoint("import.before_commit")
                return enrolled
        except (SQLAlchemyError, sqlite3.Error) as exc:
            reason = " ".join(str(getattr(exc, "orig", exc)).split())[:200]
            raise ImportFailed(
                "database",
                f"impor dibatalkan, tidak ada baris yang disimpan ({reason}); cadangan sebelum "
                f"impor ada di {backup}; periksa ruang disk lalu coba lagi",
            ) from exc

    @staticmethod
    def write_report(problems: Iterable[Problem], path: Path, *, source: str = "") -> Path:
        """The error report workbook (row, column, severity, code, message)."""
        return write_report(problems, Path(path), source=source)


def registered_niks(session: Session, niks: list[str]) -> dict[str, str]:
    """NIK -> full name of the live workers holding those NIKs."""
    found: dict[str, str] = {}
    if len(niks) > _SCAN_ABOVE:  # one pass over the NIK index beats hundreds of IN lists
        wanted = set(niks)
        stmt = select(Worker.nik, Worker.full_name).where(Worker.deleted.is_(False))
        return {nik: name for nik, name in session.execute(stmt) if nik in wanted}
    for start in range(0, len(niks), _LOOKUP_CHUNK):
        chunk = niks[start : start + _LOOKUP_CHUNK]
        stmt = select(Worker.nik, Worker.full_name).where(
            Worker.deleted.is_(False), Worker.nik.in_(chunk)
        )
        found.update({nik: name for nik, name in session.execute(stmt)})
    return found


def _refuse_changed(session: Session, rows: list[ImportRow]) -> None:
    niks = [r.worker.nik for r in rows if r.worker is not None]
    clashes = registered_niks(session, niks)
    if clashes:
        where = ", ".join(
            str(r.row) for r in rows if r.worker is not None and r.worker.nik in clashes
        )
        raise ImportOutdated(
            "file",
            f"sejak pratinjau, NIK di baris {where} sudah masuk register; ulangi pratinjau "
            "lalu impor lagi",
        )
