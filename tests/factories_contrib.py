"""Factories for the contribution tests: a village database, workers, enrollment drafts.

Everything is valid by default and every field can be overridden. `make_worker_draft()` builds a
NIK that agrees with the draft's birth date and sex (DOMAIN.md section 6: PPKKCC DDMMYY SSSS,
day + 40 for women) with a serial that is new on every call, so any number of workers fit in one
register. `village_context()` opens a copy of a village database that went through the real
migrations once per test process: copying a closed SQLite folder is several times faster than
migrating again, which keeps the property tests (a fresh database per example) quick.
"""

from __future__ import annotations

import atexit
import functools
import itertools
import shutil
import sqlite3
import tempfile
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.config import resolve_paths
from app.domain.enrollment import EnrollmentDraft
from app.domain.rates import RateRow, RateSet, parse_rate_csv
from app.domain.village import VillageData, validate_village
from app.domain.worker import WorkerDraft
from app.models import Enrollment, SyncOutbox
from app.services import writes
from app.services.context import AppContext
from app.services.dto import WorkerDetail
from app.services.enrollments import EnrollmentInfo

TODAY = date(2026, 11, 21)  # a Saturday
RATES_DIR = Path(__file__).parents[1] / "resources" / "rates"
REGION = "352101"  # Jawa Timur, Ngawi, kecamatan 01
VILLAGE_CODE = "35.21.01.2001"

NAMES = (
    "Siti Aminah", "Budi Santoso", "Sri Rahayu", "Agus Setiawan", "Dewi Lestari",
    "Slamet Riyadi", "Nur Hidayah", "Bambang Sugiarto", "Endang Susilowati", "Joko Purnomo",
)  # fmt: skip

_calls = itertools.count()
_template: Path | None = None


def make_village(**overrides: str | None) -> VillageData:
    fields: dict[str, str | None] = {
        "code": VILLAGE_CODE,
        "name": "Sukamaju",
        "kecamatan": "Ngawi",
        "kabupaten": "Ngawi",
        "province": "Jawa Timur",
        "head_name": "Suparman",
        "secretary_name": "Sri Wahyuni",
    }
    fields.update(overrides)
    return validate_village(**fields)  # type: ignore[arg-type]


@functools.cache
def rate_rows() -> tuple[RateRow, ...]:
    """Every row of the shipped rate files, parsed by the domain parser alone."""
    rows: list[RateRow] = []
    for path in sorted(RATES_DIR.glob("*.csv")):
        rows.extend(parse_rate_csv(path.read_text(encoding="utf-8"), source=path.name))
    return tuple(rows)


def rates_on(day: date) -> RateSet:
    return RateSet.effective(rate_rows(), day)


def make_nik(birth_date: date, sex: str, serial: int) -> str:
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"{REGION}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"


def make_worker_draft(**overrides: str) -> WorkerDraft:
    """A valid worker; the NIK follows the (possibly overridden) birth date and sex."""
    n = next(_calls)
    fields: dict[str, str] = {
        "name": NAMES[n % len(NAMES)],
        "birth_date": (date(1965, 1, 1) + timedelta(days=(n * 211) % 14000)).isoformat(),
        "sex": "P" if n % 2 else "L",
        "category": "perangkat_desa",
    }
    fields.update(overrides)
    if "nik" not in overrides:
        born = date.fromisoformat(fields["birth_date"])
        fields["nik"] = make_nik(born, fields["sex"], n % 9999 + 1)
    return WorkerDraft(**fields)


def enroll_draft(**overrides: str) -> EnrollmentDraft:
    """A PU JKK+JKM period on the minimum perangkat siltap, paid from APBDes, from 1 Jan 2026."""
    fields: dict[str, str] = {
        "segment": "PU",
        "programmes": "JKK,JKM",
        "wage": "2022200",
        "payer": "apbdes",
        "start": "2026-01-01",
        "risk_class": "1",
        "kpj": "",
    }
    fields.update(overrides)
    return EnrollmentDraft(**fields)


def bpu_draft(**overrides: str) -> EnrollmentDraft:
    """A BPU JKK+JKM period on the lowest bracket (Rp16.800 a month)."""
    return enroll_draft(**{"segment": "BPU", "wage": "1000000", **overrides})


def _build_template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="payung-contrib-template-"))
    atexit.register(shutil.rmtree, folder, True)
    ctx = AppContext.open(resolve_paths(folder / "data"), today=lambda: TODAY)
    try:
        ctx.village.set_up(make_village())
    finally:
        ctx.close()
    return folder / "data"


def village_context(folder: Path, *, today: date = TODAY) -> AppContext:
    """An open context on a new village database in `folder` (which must not exist yet)."""
    global _template  # noqa: PLW0603 - one migrated template per test process
    if _template is None:
        _template = _build_template()
    shutil.copytree(_template, folder)
    return AppContext.open(resolve_paths(folder), today=lambda: today)


def fresh_village_context(folder: Path, *, today: date = TODAY) -> AppContext:
    """Like village_context, but migrating from nothing (for tests of the set-up itself)."""
    ctx = AppContext.open(resolve_paths(folder), today=lambda: today)
    ctx.village.set_up(make_village())
    return ctx


def add_worker(ctx: AppContext, **overrides: str) -> WorkerDetail:
    return ctx.register.add(make_worker_draft(**overrides))


def enroll_new_worker(
    ctx: AppContext, *, worker: Mapping[str, str] | None = None, **draft: str
) -> tuple[WorkerDetail, EnrollmentInfo]:
    """A new worker with one active coverage period (PU JKK+JKM unless overridden)."""
    person = add_worker(ctx, **(worker or {}))
    return person, ctx.enrollments.enroll(person.nik, enroll_draft(**draft))


def enroll_new_bpu(
    ctx: AppContext, *, worker: Mapping[str, str] | None = None, **draft: str
) -> tuple[WorkerDetail, EnrollmentInfo]:
    """A new worker with one active BPU period on the lowest bracket (Rp16.800 a month)."""
    person = add_worker(ctx, **(worker or {}))
    return person, ctx.enrollments.enroll(person.nik, bpu_draft(**draft))


def edit_enrollment(ctx: AppContext, enrollment_id: str, **values: object) -> None:
    """Change stored enrollment fields the way a synced edit does (row, outbox, audit).

    The Enrollments service has no edit operation yet; this stands in for a wage change that
    arrives from the kabupaten server or a future edit dialog.
    """
    import uuid

    with ctx.database.sessions.begin() as session:
        row = session.get(Enrollment, uuid.UUID(enrollment_id))
        assert row is not None
        writes.update(session, "enrollment", row, values)


def outbox_count(ctx: AppContext, entity: str | None = None) -> int:
    with ctx.database.sessions() as session:
        stmt = select(func.count()).select_from(SyncOutbox)
        if entity is not None:
            stmt = stmt.where(SyncOutbox.entity == entity)
        return session.scalar(stmt) or 0


def table_rows(database: Path, table: str, where: str = "1=1") -> list[tuple[object, ...]]:
    """Every stored column of the matching rows, as SQLite holds them (for byte-identity)."""
    conn = sqlite3.connect(database)
    try:
        return conn.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY rowid").fetchall()
    finally:
        conn.close()


def period_rows(ctx: AppContext, period: str) -> list[tuple[object, ...]]:
    return table_rows(ctx.paths.database, "contribution", f"period = '{period}'")
