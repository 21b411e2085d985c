"""`make bench`: the figures of DESIGN.md section 10 that exist so far, at 5,000 and 100,000.

    python -m bench [--scales 5000,100000] [--quick] [--seed 7] [--rebuild]
                    [--only register|contributions|documents|sync|dashboard|soak]
                    [--soak-minutes N]

Register figures (window start, memory, search, add) run on a register of `scale` workers;
contribution figures (generate the month roster, status overview) on a village of `scale`
coverage periods with their whole billing history (bench/contributions.py). Sync figures
(bench/sync_bench.py, bench/sync_load.py) run at the sizes DESIGN.md states whatever --scales
says: a 5,000-worker village with its history through the real server on loopback (SQLite, and
PostgreSQL when PAYUNG_TEST_PG_URL is set: `make bench` runs under scripts/with-postgres.sh),
and 200 villages x 50 ops at once. Dashboard figures (bench/dashboard_bench.py) seed a
kabupaten of 450 villages x 300 workers with a year of contributions into PostgreSQL (SQLite
without it) and time the overview page through the real server and `payung-server roster`.

The server soak (bench/soak_server.py: 450 real village PCs syncing against PostgreSQL with 4
server workers) takes 10 minutes and more, so it runs only when asked: `--only soak`, or
`--soak-minutes N` (which adds it to a full run and sets its length).

Prints `figure | scale | measured | budget | ratio | verdict | detail` and writes the same to
bench/out/results.json. Budgets are a report, not a test: the exit status is 0 even when a figure
is OVER (non-zero only when the harness itself breaks).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import contributions, measure, report, startup
from bench.cache import OUT, cached_database, cached_history_database, generator_version

PARTS = ("register", "contributions", "documents", "sync", "dashboard")
EXPORT_SCALE = 5000  # DESIGN.md section 10 budgets the export at 5,000 rows
SYNC_SCALE = 5000  # first sync: a village of 5,000 workers + ~60,000 contributions
UPLOAD_SCALE = 500  # first upload of an offline village (no budget): ~8,600 ops


@dataclass(frozen=True, slots=True)
class Plan:
    scales: tuple[int, ...]
    start_runs: int
    queries: int
    adds: int
    seed: int
    rebuild: bool
    roster_runs: int = 3
    status_runs: int = 3
    parts: tuple[str, ...] = PARTS
    sync_runs: int = 20
    soak_minutes: float = 10.0


def _plan(argv: Sequence[str] | None) -> Plan:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="5000,100000", help="worker counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="5000 only, fewer repetitions")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="regenerate cached databases")
    parser.add_argument("--only", choices=(*PARTS, "soak"), help="one group of figures")
    parser.add_argument(
        "--soak-minutes", type=float, help="add the server soak (450 villages) of N minutes"
    )
    args = parser.parse_args(argv)
    parts = (args.only,) if args.only else PARTS + (("soak",) if args.soak_minutes else ())
    soak = args.soak_minutes or 10.0
    if args.quick:
        return Plan(
            (5000,), 3, 100, 50, args.seed, args.rebuild, 1, 2, parts, sync_runs=10,
            soak_minutes=soak,
        )  # fmt: skip
    try:
        scales = tuple(int(part.replace("_", "")) for part in args.scales.split(","))
    except ValueError:
        parser.error(f"--scales: numbers separated by commas, not {args.scales!r}")
    return Plan(scales, 5, 200, 200, args.seed, args.rebuild, parts=parts, soak_minutes=soak)


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(plan: Plan) -> list[report.Figure]:
    figures: list[report.Figure] = []
    if "register" in plan.parts and not startup.window_available():
        _log("app/ui/main.py is missing: window start and memory are reported as n/a")
    for scale in plan.scales:
        if "register" in plan.parts:
            figures += _register(plan, scale)
        if "contributions" in plan.parts:
            figures += _contributions(plan, scale)
    if "documents" in plan.parts:
        figures += _documents(plan)
    if "sync" in plan.parts:
        figures += _sync(plan)
    if "dashboard" in plan.parts:
        figures += _dashboard(plan)
    if "soak" in plan.parts:
        figures += _soak(plan)
    return figures


def _soak(plan: Plan) -> list[report.Figure]:
    """bench/soak_server.py at its defaults (450 villages, 4 server workers, PostgreSQL) for
    plan.soak_minutes; also written to bench/out/soak_server.json."""
    import tempfile

    from bench import soak_server

    _log(f"soak: 450 villages for {plan.soak_minutes:g} min (PostgreSQL cluster of its own)")
    with tempfile.TemporaryDirectory(prefix="payung-soak-") as folder:
        outcome = soak_server.soak(
            Path(folder), villages=450, seconds=plan.soak_minutes * 60, server_workers=4,
            seed=plan.seed, log=_log,
        )  # fmt: skip
    found = soak_server.figures(outcome)
    soak_server.write_results(outcome, found)
    return found


def _dashboard(plan: Plan) -> list[report.Figure]:
    """The DPMD dashboard at kabupaten scale (450 villages x 300 workers): overview page and
    consolidated roster. Seeded once (bulk COPY, minutes), then restored from its pg_dump under
    bench/out/ (--rebuild seeds again)."""
    from bench import dashboard_bench

    runs = 5 if plan.start_runs <= 3 else dashboard_bench.OVERVIEW_RUNS
    return dashboard_bench.run(seed=plan.seed, runs=runs, rebuild=plan.rebuild, log=_log)


def _sync(plan: Plan) -> list[report.Figure]:
    """First sync, incremental sync (SQLite and PostgreSQL servers), first upload, and the
    server load of 200 villages on PostgreSQL (SQLite when PostgreSQL is not available)."""
    import tempfile

    from bench import sync_bench, sync_load
    from bench.sync_server import pg_admin_url

    backends = ("sqlite", "postgresql") if pg_admin_url() else ("sqlite",)
    if len(backends) == 1:
        _log("sync: PAYUNG_TEST_PG_URL not set (run under scripts/with-postgres.sh): SQLite only")
    cached, built_in = cached_history_database(SYNC_SCALE, plan.seed, rebuild=plan.rebuild)
    origin = "cached" if built_in is None else f"generated in {built_in:.1f} s"
    _log(f"sync: village of {SYNC_SCALE:,} enrollments with history: {cached.name} ({origin})")
    small, _built = cached_history_database(UPLOAD_SCALE, plan.seed, rebuild=plan.rebuild)
    found = sync_bench.figures(
        cached,
        SYNC_SCALE,
        backends=backends,
        runs=plan.sync_runs,
        upload=(small, UPLOAD_SCALE),
        log=_log,
    )
    load_backend = backends[-1]
    _log(f"sync: server load, 200 villages x 50 ops at once ({load_backend})")
    with tempfile.TemporaryDirectory(prefix="payung-bench-load-") as folder:
        found += sync_load.figures(Path(folder), load_backend, seed=plan.seed)
    return found


def _documents(plan: Plan) -> list[report.Figure]:
    """Import at every scale, export at 5,000 rows, 1,000 receipts (DESIGN.md section 10)."""
    import tempfile

    from bench import export_bench, import_bench, receipt_bench

    with tempfile.TemporaryDirectory(prefix="payung-bench-docs-") as folder:
        work = Path(folder)
        _log("documents: import")
        found = import_bench.figures(plan.scales, work / "import", seed=plan.seed)
        _log("documents: export")
        found += export_bench.figures((EXPORT_SCALE,), work / "export", seed=plan.seed)
        _log("documents: receipts")
        found += receipt_bench.figures(plan.scales, work / "receipts", seed=plan.seed)
    return found


def _register(plan: Plan, scale: int) -> list[report.Figure]:
    cached, built_in = cached_database(scale, plan.seed, rebuild=plan.rebuild)
    origin = "cached" if built_in is None else f"generated in {built_in:.1f} s"
    _log(f"{scale:,} workers: {cached.name} ({origin})")
    _log(f"{scale:,}: cold starts ({1 + plan.start_runs} runs)")
    figures = startup.measure(cached, scale, runs=plan.start_runs)
    _log(f"{scale:,}: {plan.queries} searches")
    figures.append(measure.search(cached, scale, count=plan.queries, seed=plan.seed))
    _log(f"{scale:,}: {plan.adds} adds")
    figures.append(measure.add_worker(cached, scale, count=plan.adds, seed=plan.seed))
    return figures


def _contributions(plan: Plan, scale: int) -> list[report.Figure]:
    cached, built_in = cached_history_database(scale, plan.seed, rebuild=plan.rebuild)
    origin = "cached" if built_in is None else f"generated in {built_in:.1f} s"
    _log(f"{scale:,} enrollments with history: {cached.name} ({origin})")
    _log(f"{scale:,}: month roster ({plan.roster_runs} copies)")
    figures = contributions.roster(cached, scale, runs=plan.roster_runs)
    _log(f"{scale:,}: status overview ({plan.status_runs} runs)")
    figures.append(contributions.status(cached, scale, runs=plan.status_runs))
    return figures


def _order(figures: list[report.Figure]) -> list[report.Figure]:
    """Grouped by figure in the order of report.ORDER, then by scale."""
    names = [*report.ORDER, *(f.name for f in figures if f.name not in report.ORDER)]
    return sorted(figures, key=lambda f: (names.index(f.name), f.scale))


def main(argv: Sequence[str] | None = None) -> int:
    plan = _plan(argv)
    started, load_before = time.perf_counter(), _load()
    figures = _order(run(plan))
    elapsed, load_after = time.perf_counter() - started, _load()
    print(report.table(figures))
    over = [f for f in figures if f.verdict == "OVER"]
    if over:
        print(f"\nOVER budget: {', '.join(f'{f.name} at {f.scale:,}' for f in over)}")
    _print_search_breakdown(figures)
    results = OUT / "results.json"
    meta = {
        "seed": plan.seed,
        "generator": generator_version(),
        "seconds": round(elapsed, 1),
        "cpus": os.cpu_count(),
        "load_average": [load_before, load_after],
    }
    report.write_json(results, figures, meta)
    print(
        f"\n{len(figures)} figures in {elapsed:.0f} s on {os.cpu_count()} CPUs, 1-min load average"
        f" {load_before:.1f} before and {load_after:.1f} after (other work on the machine"
        f" inflates the figures); written to {results}"
    )
    return 0


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def _print_search_breakdown(figures: list[report.Figure]) -> None:
    for f in figures:
        if f.name != report.SEARCH_FIGURE or not f.extra:
            continue
        kinds = ", ".join(
            f"{kind} p95 {stats['p95']:.1f} ms (n={stats['n']:.0f})"
            for kind, stats in f.extra["by_kind"].items()
        )
        print(f"\nsearch at {f.scale:,} by kind: {kinds}")
        slowest = "; ".join(f"{s['query']} {s['ms']:.0f} ms" for s in f.extra["slowest"])
        print(f"  slowest: {slowest}")


if __name__ == "__main__":
    sys.exit(main())
