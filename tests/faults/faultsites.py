"""Data folders for the fault tests and the checks every killed trial must pass.

Templates are built once per test module through the real services and migrations, then
copied per trial (a copy of a small SQLite file costs far less than building it again).
The checks read files the way a person (or the app, on its next start) would: plain sqlite3
for `PRAGMA integrity_check`, `AppContext.open` for the restart, openpyxl for a workbook,
pypdf for a PDF, `open_bundle` for a USB bundle.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from factories import TODAY, make_nik, make_village, make_worker_draft
from factories_contrib import enroll_draft

from app.config import Paths, resolve_paths
from app.domain.period import Period
from app.services.context import AppContext

DEFAULT_TRIALS = 324  # the random-kill trials of all fault tests together (their defaults)
PERIOD = Period(2026, 11)


def trials(default: int) -> int:
    """This test's share of PAYUNG_FAULT_TRIALS (a long local run: e.g. 2000)."""
    total = int(os.environ.get("PAYUNG_FAULT_TRIALS") or DEFAULT_TRIALS)
    return max(1, round(default * total / DEFAULT_TRIALS))


def open_ctx(paths: Paths) -> AppContext:
    return AppContext.open(paths, today=lambda: TODAY, daily_backup=False)


def copy_site(template: Path, target: Path) -> Paths:
    """A private copy of a closed template data folder."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target)
    return resolve_paths(target)


def village_with_roster(folder: Path, *, workers: int, code: str | None = None) -> Paths:
    """A set-up village with `workers` enrolled workers and the month's roster locked (no
    roster when there are no workers)."""
    paths = resolve_paths(folder)
    ctx = open_ctx(paths)
    try:
        ctx.village.set_up(make_village(**({"code": code} if code else {})))
        for serial in range(1, workers + 1):
            nik = make_nik(date(1970, 1, 1) + timedelta(days=serial), "L", serial=serial)
            person = ctx.register.add(make_worker_draft(nik=nik, category="perangkat_desa"))
            ctx.enrollments.enroll(person.nik, enroll_draft())
        if workers:
            ctx.roster.generate(PERIOD)
            ctx.roster.lock(PERIOD)
    finally:
        ctx.close()
    return paths


# -- checks -----------------------------------------------------------------------------------


def rows(db: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def integrity(db: Path) -> str:
    """PRAGMA integrity_check of a file, 'ok' when sound (run before anything repairs it)."""
    found = rows(db, "PRAGMA integrity_check")
    return "; ".join(str(r[0]) for r in found[:5])


def assert_sound_and_reopens(paths: Paths, where: str) -> None:
    """integrity_check passes and the app starts normally on the folder (quick_check after the
    unclean shutdown, markers cleared, any migration finished)."""
    verdict = integrity(paths.database)
    assert verdict == "ok", f"{where}: integrity_check: {verdict}"
    ctx = open_ctx(paths)
    ctx.close()
    assert not list(paths.data_dir.glob(f"{paths.database.name}.open-*")), where


def unsynced_rows(db: Path, table: str) -> int:
    """Rows of `table` without their insert in the outbox: a transaction cut in half."""
    found = rows(
        db,
        f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o "
        f"WHERE o.row_id = t.id AND o.op = 'insert' AND o.entity = '{table}')",
    )
    return int(str(found[0][0]))


def final_files(folder: Path, pattern: str) -> list[Path]:
    """Files under their final names (never the hidden `.name.part` ones)."""
    return sorted(p for p in folder.glob(pattern) if not p.name.startswith("."))


def xlsx_rows(path: Path) -> list[tuple[object, ...]]:
    """Every row of the first sheet, read back with openpyxl (raises on a damaged file)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def pdf_pages(path: Path) -> int:
    """Page count, parsing every page with pypdf in strict mode (raises on a cut file)."""
    from pypdf import PdfReader

    reader = PdfReader(path, strict=True)
    for page in reader.pages:
        page.extract_text()
    return len(reader.pages)
