"""Export figures (DESIGN.md section 10): a 5,000-line roster to .xlsx, and its ratio to a raw
openpyxl write-only loop writing the same cells.

    python -m bench.export_bench [--scales 5000] [--runs 7] [--seed 7]

`figures(scales, workdir)` returns, per scale:
- export roster xlsx: `Exports.export_roster` end to end, as `payung export` runs it: roster
  lines and workers read from SQLite, every line checked (NIK, required fields), the workbook
  written to a part file, fsynced, read back and compared cell by cell, renamed (budget 1.0 s);
- that time over the raw loop's (budget 1.3x, shown in percent): the raw loop is the floor,
  `Workbook(write_only=True)`, the same header and values appended row by row, `save()`;
  nothing read from the database, nothing checked, nothing read back;
- the writer alone over the raw loop (no budget): `save_verified` on the prepared table, i.e.
  what the file costs beyond the raw loop (atomic write, styles, read-back);
- the new-registrations export of the same village (21 columns; no budget of its own).
Runs are interleaved (export, writer, raw, export, ...) so a busy moment on a shared machine
hits every side alike; each figure is the median. Every worker of the synthetic village gets
one active coverage period, so the roster has as many lines as the scale says.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from app.config import DB_FILENAME, resolve_paths
from app.documents.export_table import Table
from app.documents.xlsx_export import save_verified
from app.domain.categories import Category
from app.domain.enrollment import EnrollmentStatus
from app.domain.period import Period
from app.domain.rates import Payer, Segment
from app.models import Enrollment, Worker, new_id, utcnow
from app.services.context import AppContext
from app.services.exports import Exports
from bench import report
from bench.cache import cached_database

PERIOD = Period(2026, 11)
START = date(2026, 1, 1)
EXPORT = report.Budget(1.0, "DESIGN.md")  # seconds at 5,000 rows
RATIO = report.Budget(130.0, "DESIGN.md")  # percent of the raw write-only loop (1.3x)
EXPORT_FIGURE = "export roster xlsx (median)"
RATIO_FIGURE = "export roster xlsx / raw openpyxl write-only"
WRITER_FIGURE = "export writer alone / raw openpyxl write-only"
NEW_FIGURE = "export new registrations xlsx (median)"
# Perangkat desa are paid a wage (PU, from APBDes); everyone else joins as BPU on the lowest
# bracket, paid from APBD: the mix a kabupaten programme produces.
_PU = frozenset({Category.KEPALA_DESA, Category.SEKRETARIS_DESA, Category.PERANGKAT_DESA})


def figures(
    scales: Sequence[int], workdir: Path, *, runs: int = 7, seed: int = 7
) -> list[report.Figure]:
    """One village per scale under `workdir`; returns the export figures for each scale."""
    found: list[report.Figure] = []
    for scale in scales:
        cached, _ = cached_database(scale, seed)
        folder = workdir / f"export-{scale}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(cached / DB_FILENAME, folder / DB_FILENAME)
        ctx = AppContext.open(resolve_paths(folder), daily_backup=False)
        try:
            _enroll_everyone(ctx)
            ctx.roster.generate(PERIOD)
            found += _measure(ctx, folder, scale, runs)
        finally:
            ctx.close()
    return found


def _enroll_everyone(ctx: AppContext) -> None:
    """One active period per worker, bulk-inserted (the service would take minutes). The
    synthetic register leaves some birth places, mothers' names and addresses out, as real ones
    do; they are filled here so the registration profile (which requires them) has no refusals."""
    with ctx.database.engine.begin() as conn:
        for column, value in (("birth_place", "Ngawi"), ("mother_name", "Sumarni"),
                              ("address", "Jl. Raya Sukamaju")):  # fmt: skip
            conn.execute(
                update(Worker).where(getattr(Worker, column).is_(None)).values({column: value})
            )
        workers = conn.execute(select(Worker.id, Worker.village_id, Worker.category)).all()
        now = utcnow()
        conn.execute(insert(Enrollment), [_period(*worker, now) for worker in workers])


def _period(worker_id: Any, village_id: Any, category: Category, now: Any) -> dict[str, Any]:
    paid_wage = category in _PU
    return {
        "id": new_id(), "village_id": village_id, "worker_id": worker_id,
        "updated_at_client": now, "deleted": False, "risk_class": 1,
        "segment": Segment.PU if paid_wage else Segment.BPU,
        "programmes": "JKK,JKM,JHT" if paid_wage else "JKK,JKM",
        "wage": 2_022_200 if paid_wage else 1_000_000,
        "payer": Payer.APBDES if paid_wage else Payer.APBD,
        "start_date": START, "status": EnrollmentStatus.ACTIVE,
    }  # fmt: skip


def _measure(ctx: AppContext, folder: Path, scale: int, runs: int) -> list[report.Figure]:
    exports = Exports(ctx.database.sessions, user_profiles=None)
    out, raw, new_out = folder / "iuran.xlsx", folder / "raw.xlsx", folder / "baru.xlsx"
    rows = exports.export_roster(PERIOD, out).rows  # warm: statements compiled, file cached
    table, stages = _stages(exports, out)
    prepared = exports.prepare_roster(PERIOD)
    # Interleaved, so a busy moment on the machine hits every side alike. CPU time is kept
    # beside wall time: on a shared machine it shows the ratio without the other load.
    wall: dict[str, list[float]] = {"export": [], "writer": [], "raw": []}
    cpu: dict[str, list[float]] = {"export": [], "writer": [], "raw": []}
    jobs: dict[str, Callable[[], object]] = {
        "export": lambda: exports.export_roster(PERIOD, out),
        "writer": lambda: save_verified(out, prepared.table, prepared.info),
        "raw": lambda: raw_write(raw, table),
    }
    for _ in range(runs):
        for name, job in jobs.items():
            seconds, processor = _timed(job)
            wall[name].append(seconds)
            cpu[name].append(processor)
    export_s, writer_s, raw_s = (statistics.median(wall[k]) for k in ("export", "writer", "raw"))
    cpu_ratio = {k: statistics.median(cpu[k]) / statistics.median(cpu["raw"]) for k in cpu}
    new_rows = exports.export_new(START, new_out).rows
    new_s = statistics.median(
        _timed(lambda: exports.export_new(START, new_out))[0] for _ in range(runs)
    )
    breakdown = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.items())
    export_cpu = statistics.median(cpu["export"])
    detail = (
        f"{rows:,} lines, {len(table.profile.columns)} columns; CPU {export_cpu:.2f} s; "
        f"one run: {breakdown}"
    )
    return [
        report.Figure(EXPORT_FIGURE, scale, export_s, "s", EXPORT, detail=detail,
                      extra={"rows": rows, "stages_s": stages, "runs": runs,
                             "cpu_s": export_cpu}),
        report.Figure(RATIO_FIGURE, scale, 100 * export_s / raw_s, "%", RATIO,
                      detail=f"{export_s / raw_s:.2f}x (CPU {cpu_ratio['export']:.2f}x): export "
                             f"{export_s:.3f} s (read, check, write, verify), raw loop "
                             f"{raw_s:.3f} s",
                      extra={"wall_s": wall, "cpu_s": cpu}),
        report.Figure(WRITER_FIGURE, scale, 100 * writer_s / raw_s, "%", None,
                      detail=f"{writer_s / raw_s:.2f}x (CPU {cpu_ratio['writer']:.2f}x): write, "
                             f"fsync, read back {writer_s:.3f} s, raw loop {raw_s:.3f} s"),
        report.Figure(NEW_FIGURE, scale, new_s, "s", None,
                      detail=f"{new_rows:,} lines, profile bpjs-pendaftaran (21 columns)"),
    ]  # fmt: skip


def _stages(exports: Exports, out: Path) -> tuple[Table, dict[str, float]]:
    """One export taken apart (for the detail): reading and checking, writing and verifying."""
    started = time.perf_counter()
    prepared = exports.prepare_roster(PERIOD)
    checked = time.perf_counter()
    save_verified(out, prepared.table, prepared.info)
    done = time.perf_counter()
    return prepared.table, {"read+check": checked - started, "write+verify": done - checked}


def raw_write(path: Path, table: Table) -> None:
    """The floor: the same cells, appended as plain values to a write-only workbook."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.profile.sheet)
    sheet.append(table.header)
    for row in table.rows:
        sheet.append(row)
    workbook.save(path)


def _timed(job: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    started, processor = time.perf_counter(), time.process_time()
    job()
    return time.perf_counter() - started, time.process_time() - processor


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.export_bench", description=__doc__)
    parser.add_argument("--scales", default="5000", help="roster lines, comma-separated")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    scales = [int(part.replace("_", "")) for part in args.scales.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="payung-bench-export-"))
    try:
        found = figures(scales, workdir, runs=args.runs, seed=args.seed)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(report.table(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
