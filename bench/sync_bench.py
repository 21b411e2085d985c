"""Sync figures (DESIGN.md section 10), through the real `payung-server serve` on loopback:

- first sync of a village: the village's data already on the server (seeded in bulk exactly
  as its pushes would have left it: versions, compacted change log, counter), a fresh PC
  connects and `engine.sync()` pulls everything (a fresh PC's first full pull defers its verify
  to the next sync, app.sync.run: that verify's time is in the detail, from the warm-up below);
- incremental sync of one change: on that up-to-date PC, edit one worker and sync (hello, push
  of one op, pull of one row, review; verify not due), `runs` times: median and p95;
- first upload (no budget in DESIGN.md: reported only): a smaller village typed in offline
  (every row an outbox op) connecting for the first time: push of every op through the merge,
  pull back, verify.

The village is `cache.cached_history_database(5000)`: 5,163 workers, 5,000 coverage periods,
66,209 contribution lines and 130 payments (76,503 rows). SQLite server by default; the same
on PostgreSQL when PAYUNG_TEST_PG_URL is set (`scripts/with-postgres.sh`). The server load
figure (200 villages at once) is in bench/sync_load.py.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text, update

from app.config import DB_FILENAME, resolve_paths
from app.models import Contribution, Payment, SyncOutbox, Worker
from app.services.context import AppContext
from app.sync.engine import Progress, SyncEngine, SyncResult
from app.sync.outbox import row_values
from app.sync.secrets import SecretStore
from bench import report, synth
from bench.sync_server import (
    Server,
    add_village,
    count_rows,
    enrollment_code,
    seed_village,
    server_database,
)

BACKEND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass
class Timeline:
    """Stage start times of one sync, from its progress reports."""

    started: float = field(default_factory=time.perf_counter)
    stages: dict[str, float] = field(default_factory=dict)

    def __call__(self, progress: Progress) -> None:
        self.stages.setdefault(progress.stage, time.perf_counter())

    def split(self, ended: float) -> dict[str, float]:
        """Seconds per stage (hello, push, pull, review, verify), in the order they ran."""
        marks = sorted(self.stages.items(), key=lambda item: item[1])
        out: dict[str, float] = {}
        for (stage, at), (_, until) in zip(marks, [*marks[1:], ("end", ended)], strict=True):
            out[stage] = round(until - at, 3)
        return out


@dataclass
class PC:
    ctx: AppContext
    engine: SyncEngine

    def close(self) -> None:
        self.ctx.close()

    def count(self, model: Any) -> int:
        with self.ctx.database.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(model.__table__)) or 0)


def open_pc(folder: Path) -> PC:
    paths = resolve_paths(folder)
    ctx = AppContext.open(paths, today=lambda: synth.AS_OF, daily_backup=False)
    engine = SyncEngine(
        ctx.database.sessions, paths.data_dir, secrets=SecretStore(folder, use_keyring=False)
    )
    return PC(ctx, engine)


def timed_sync(pc: PC) -> tuple[float, SyncResult, dict[str, float]]:
    timeline = Timeline()
    started = time.perf_counter()
    result = pc.engine.sync(progress=timeline)
    ended = time.perf_counter()
    return ended - started, result, timeline.split(ended)


@contextmanager
def _folder(label: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=f"payung-bench-{label}-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _breakdown(split: dict[str, float]) -> str:
    return ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in split.items())


def figures(
    source: Path,
    scale: int,
    *,
    backends: tuple[str, ...] = ("sqlite",),
    runs: int = 20,
    upload: tuple[Path, int] | None = None,
    log: Callable[[str], None] = lambda _m: None,
) -> list[report.Figure]:
    """Every sync figure of the village database in folder `source`, on each backend; the
    first upload on `upload` = (folder, scale), a smaller village: the merge takes ~10 ms per
    op on this machine, so the full village's 86,000 ops would take a quarter of an hour."""
    found: list[report.Figure] = []
    for backend in backends:
        log(f"sync ({BACKEND_NAMES[backend]}): first sync and {runs} incremental syncs")
        found += first_and_incremental(source, scale, backend, runs=runs)
    if upload is not None:
        log(f"sync (SQLite): first upload of an offline village of {upload[1]:,} enrollments")
        found.append(first_upload(upload[0], upload[1], "sqlite"))
    return found


def first_and_incremental(
    source: Path, scale: int, backend: str, *, runs: int
) -> list[report.Figure]:
    name = BACKEND_NAMES[backend]
    with _folder(f"sync-{backend}") as work, server_database(backend, work / "server") as db:
        seeding = time.perf_counter()
        copied = seed_village(db, source / DB_FILENAME, synth.VILLAGE)
        seeded_in = time.perf_counter() - seeding
        total_rows = sum(copied.values()) + 1
        with Server(db, work / "server") as server:
            pc = open_pc(work / "pc")
            try:
                pc.engine.connect(server.url, enrollment_code(db, synth.VILLAGE["code"]))
                seconds, result, split = timed_sync(pc)
                local = {"worker": pc.count(Worker), "contribution": pc.count(Contribution)}
                times, pushed, pulled, verified, warm_up = _incremental(pc, runs)
            finally:
                pc.close()
    if "verify" in split:
        checked = "pulled and verified"
    else:  # deferred (app.sync.run): the warm-up sync after it verified
        checked = f"pulled, verify deferred ({warm_up.get('verify', 0.0):.2f} s in the next sync)"
    wrong = ""
    if result.pulled != total_rows or local["contribution"] != copied["contribution"]:
        wrong = f"; pulled {result.pulled:,} of {total_rows:,} rows!"
    first = report.Figure(
        name=f"{report.FIRST_SYNC_FIGURE} ({name} server)",
        scale=scale,
        value=seconds,
        unit="s",
        budget=report.FIRST_SYNC,
        detail=(
            f"{local['worker']:,} workers + {local['contribution']:,} contributions "
            f"({total_rows:,} rows) {checked}; {_breakdown(split)} s{wrong}"
        ),
        extra={
            "split_s": split,
            "rows": copied,
            "seeded_s": round(seeded_in, 2),
            "next_sync_split_s": warm_up,
        },
    )
    stats = report.spread(times)
    odd = ""
    if pushed != {1} or pulled != {1} or verified:
        odd = f"; pushed {sorted(pushed)}, pulled {sorted(pulled)}, verified {verified}!"
    common = f"hello + push 1 op + pull 1 row + review, no verify; n={len(times)}{odd}"
    incremental = [
        report.Figure(
            name=f"{report.INCREMENTAL_FIGURE} (median, {name} server)",
            scale=1,
            value=stats["p50"] / 1000,
            unit="s",
            budget=report.INCREMENTAL,
            detail=f"p95 {stats['p95']:.0f} ms, max {stats['max']:.0f} ms; {common}",
            extra={"runs_ms": times},
        ),
        report.Figure(
            name=f"{report.INCREMENTAL_FIGURE} (p95, {name} server)",
            scale=1,
            value=stats["p95"] / 1000,
            unit="s",
            budget=report.INCREMENTAL,
            detail=f"p50 {stats['p50']:.0f} ms; {common}",
        ),
    ]
    return [first, *incremental]


def _incremental(
    pc: PC, runs: int
) -> tuple[list[float], set[int], set[int], int, dict[str, float]]:
    """Edit one worker's phone number, sync; `runs` times after one warm-up."""
    with pc.ctx.database.engine.connect() as conn:
        ids = list(conn.scalars(select(Worker.id).order_by(Worker.id).limit(runs + 1)))
    times: list[float] = []
    pushed: set[int] = set()
    pulled: set[int] = set()
    verified = 0
    warm_up: dict[str, float] = {}
    for n, worker_id in enumerate(ids):
        pc.ctx.register.edit(str(worker_id), {"phone": f"0812{n:08d}"})
        seconds, result, split = timed_sync(pc)
        if n == 0:
            warm_up = split
            continue  # warm-up: statements compiled, connections open
        times.append(seconds * 1000)
        pushed.add(result.pushed)
        pulled.add(result.pulled)
        verified += "verify" in split
    return times, pushed, pulled, verified, warm_up


def offline_village(folder: Path) -> int:
    """Turn a copy of the synthetic village into one typed in offline and never synced: every
    row unversioned with its outbox 'insert' (the history lines and payments were bulk-made as
    synced; give them the ops `roster.generate` and `pay` would have queued). Returns the
    pending ops."""
    ctx = AppContext.open(resolve_paths(folder), today=lambda: synth.AS_OF, daily_backup=False)
    try:
        with ctx.database.sessions.begin() as session:
            for entity, model in (("contribution", Contribution), ("payment", Payment)):
                rows = session.scalars(select(model).execution_options(yield_per=5000))
                batch: list[dict[str, Any]] = []
                for row in rows:
                    values = row_values(row)
                    batch.append(
                        {
                            "entity": entity, "row_id": row.id, "op": "insert",
                            "fields": json.dumps(values, ensure_ascii=False, sort_keys=True),
                            "base": "{}", "base_version": None,
                        }
                    )  # fmt: skip
                    if len(batch) >= 5000:
                        session.execute(insert(SyncOutbox), batch)
                        batch = []
                if batch:
                    session.execute(insert(SyncOutbox), batch)
                session.execute(update(model).values(version=None))
                session.expunge_all()
            session.execute(text("UPDATE village SET version = NULL"))
        with ctx.database.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(SyncOutbox)) or 0)
    finally:
        ctx.close()


def first_upload(source: Path, scale: int, backend: str) -> report.Figure:
    """An offline village's first sync: every op pushed through the merge, pulled back,
    verified. Ours: DESIGN.md states no budget for it."""
    name = BACKEND_NAMES[backend]
    with _folder(f"upload-{backend}") as work:
        (work / "pc").mkdir()
        shutil.copy2(source / DB_FILENAME, work / "pc" / DB_FILENAME)
        ops = offline_village(work / "pc")
        with server_database(backend, work / "server") as db:
            add_village(db, synth.VILLAGE)
            with Server(db, work / "server") as server:
                pc = open_pc(work / "pc")
                try:
                    pc.engine.connect(server.url, enrollment_code(db, synth.VILLAGE["code"]))
                    seconds, result, split = timed_sync(pc)
                    waiting = pc.engine.status().ops_waiting
                finally:
                    pc.close()
            on_server = count_rows(db, "contribution")
    wrong = "" if result.pushed == ops and waiting == 0 else f"; pushed {result.pushed:,}!"
    return report.Figure(
        name=f"{report.FIRST_UPLOAD_FIGURE} ({name} server)",
        scale=scale,
        value=seconds,
        unit="s",
        budget=None,
        detail=(
            f"{ops:,} ops pushed ({on_server:,} contributions on the server), "
            f"{result.pulled:,} rows pulled back, {ops / seconds:.0f} ops/s; "
            f"{_breakdown(split)} s{wrong}"
        ),
        extra={"split_s": split, "ops": ops, "ops_per_s": round(ops / seconds, 1)},
    )
