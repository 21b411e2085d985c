"""Receipt figures (DESIGN.md section 10): 1,000 enrollment receipts in one PDF, <= 4 s.

    python -m bench.receipt_bench [--scales 5000] [--runs 3] [--seed 7]

Timed end to end through the service, as `payung receipt --since` runs it: the enrollments and
workers read, 1,000 receipt numbers issued in one transaction (counter, receipt rows, their
outbox and audit rows, each enrollment's receipt_no), the monthly contribution computed per
receipt, 1,000 pages drawn (DejaVu embedded, QR codes as vector paths) and the file written
through a part file, fsynced and renamed. "first print" issues every number (a fresh copy of
the database each run); "reprint" prints the same 1,000 again (numbers found, nothing issued).
A monthly recap of the same 1,000 lines is reported beside them, without a DESIGN.md budget.

The register is the cached synthetic village of the smallest scale (at least 1,000 workers);
the first 1,000 workers by id get one active coverage period each, bulk-inserted.
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

from sqlalchemy import insert, select

from app.config import DB_FILENAME, resolve_paths
from app.domain.categories import Category
from app.domain.enrollment import EnrollmentStatus
from app.domain.period import Period
from app.domain.rates import Payer, Segment
from app.models import Enrollment, Worker, new_id, utcnow
from app.services.context import AppContext
from app.services.recap import RecapService
from app.services.receipts import ReceiptService
from bench import report
from bench.cache import cached_database

RECEIPTS = 1_000
START = date(2026, 1, 1)
TODAY = date(2026, 11, 21)
PERIOD = Period(2026, 11)
RECEIPT_BUDGET = report.Budget(4.0, "DESIGN.md")  # seconds for 1,000 receipts in one PDF
RECAP_BUDGET = report.Budget(2.0, "ours")  # seconds for a 1,000-line recap
FIRST_FIGURE = "receipts in one PDF, first print (median)"
REPRINT_FIGURE = "receipts in one PDF, reprint (median)"
RECAP_FIGURE = "monthly recap PDF (median)"
_PU = frozenset({Category.KEPALA_DESA, Category.SEKRETARIS_DESA, Category.PERANGKAT_DESA})


def figures(
    scales: Sequence[int], workdir: Path, *, runs: int = 3, seed: int = 7
) -> list[report.Figure]:
    """The receipt and recap figures at 1,000 receipts (the budget's scale), on a register of
    max(1,000, smallest scale) workers prepared under `workdir`."""
    register = max(RECEIPTS, min(scales))
    cached, _ = cached_database(register, seed)
    prepared = workdir / "receipts-prepared"
    prepared.mkdir(parents=True, exist_ok=True)
    shutil.copy2(cached / DB_FILENAME, prepared / DB_FILENAME)
    ctx = _open(prepared)
    try:
        _enroll(ctx, RECEIPTS)
        ctx.roster.generate(PERIOD)
    finally:
        ctx.close()
    first, stages = _first_prints(prepared, workdir, runs)
    reprint, recap, pages, size = _reprints(prepared, runs)
    detail = (
        f"{pages:,} pages, {size / 1e6:.1f} MB; issue {stages['issue'] * 1000:.0f} ms, "
        f"draw+write {stages['draw'] * 1000:.0f} ms, CPU {stages['cpu']:.2f} s; register of "
        f"{register:,} workers"
    )
    return [
        report.Figure(FIRST_FIGURE, RECEIPTS, first, "s", RECEIPT_BUDGET, detail=detail,
                      extra={"runs": runs, "stages_s": stages, "pages": pages, "bytes": size}),
        report.Figure(REPRINT_FIGURE, RECEIPTS, reprint, "s", RECEIPT_BUDGET,
                      detail="same numbers, nothing issued", extra={"runs": runs}),
        report.Figure(RECAP_FIGURE, RECEIPTS, recap, "s", RECAP_BUDGET,
                      detail=f"{RECEIPTS:,} lines, A4", extra={"runs": runs}),
    ]  # fmt: skip


def _open(folder: Path) -> AppContext:
    return AppContext.open(resolve_paths(folder), today=lambda: TODAY, daily_backup=False)


def _enroll(ctx: AppContext, count: int) -> None:
    """One active period for the first `count` workers (bulk: the service would take long)."""
    with ctx.database.engine.begin() as conn:
        workers = conn.execute(
            select(Worker.id, Worker.village_id, Worker.category).order_by(Worker.id).limit(count)
        ).all()
        now = utcnow()
        conn.execute(
            insert(Enrollment),
            [
                {
                    "id": new_id(),
                    "village_id": village_id,
                    "worker_id": worker_id,
                    "updated_at_client": now,
                    "deleted": False,
                    "risk_class": 1,
                    "segment": Segment.PU if category in _PU else Segment.BPU,
                    "programmes": "JKK,JKM,JHT" if category in _PU else "JKK,JKM",
                    "wage": 2_022_200 if category in _PU else 1_000_000,
                    "payer": Payer.APBDES if category in _PU else Payer.APBD,
                    "start_date": START,
                    "status": EnrollmentStatus.ACTIVE,
                }
                for worker_id, village_id, category in workers
            ],
        )


def _first_prints(prepared: Path, workdir: Path, runs: int) -> tuple[float, dict[str, float]]:
    """Each run on its own fresh copy, so every number is issued inside the timing. The stages
    (and the process CPU time, which other load on the machine inflates less than the wall
    time) are those of the median run."""
    times: list[float] = []
    stages: list[dict[str, float]] = []
    for run in range(runs):
        folder = workdir / f"receipts-run-{run}"
        shutil.copytree(prepared, folder)
        ctx = _open(folder)
        try:
            service = ReceiptService(ctx.database.sessions, ctx.rates, ctx.today)
            started, cpu = time.perf_counter(), time.process_time()
            batch = service.since(START)
            issued = time.perf_counter()
            service.write_pdf(batch, folder / "tanda-terima.pdf")
            done, cpu_done = time.perf_counter(), time.process_time()
        finally:
            ctx.close()
        if len(batch.receipts) != RECEIPTS or any(i.reprint for i in batch.issued):
            raise RuntimeError("the first print did not issue every receipt")
        times.append(done - started)
        stages.append({"issue": issued - started, "draw": done - issued, "cpu": cpu_done - cpu})
        shutil.rmtree(folder, ignore_errors=True)
    middle = times.index(statistics.median_low(times))
    return statistics.median(times), stages[middle]


def _reprints(prepared: Path, runs: int) -> tuple[float, float, int, int]:
    ctx = _open(prepared)
    try:
        receipts = ReceiptService(ctx.database.sessions, ctx.rates, ctx.today)
        out = prepared / "tanda-terima.pdf"
        pages = receipts.write_pdf(receipts.since(START), out)  # issues; later runs reprint
        reprint = _median(runs, lambda: receipts.write_pdf(receipts.since(START), out))
        recaps = RecapService(ctx.database.sessions, ctx.roster, ctx.today)
        recap_out = prepared / "rekap.pdf"
        recap = _median(runs, lambda: recaps.write_pdf(recaps.recap(PERIOD), recap_out))
    finally:
        ctx.close()
    return reprint, recap, pages, out.stat().st_size


def _median(runs: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.receipt_bench", description=__doc__)
    parser.add_argument("--scales", default="5000", help="register sizes; the smallest is used")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    scales = [int(part.replace("_", "")) for part in args.scales.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="payung-bench-receipts-"))
    try:
        found: list[Any] = figures(scales, workdir, runs=args.runs, seed=args.seed)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(report.table(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
