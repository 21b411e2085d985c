"""Server soak (issue 8): 450 villages syncing against PostgreSQL with several server workers
for 10 minutes: zero errors, latency per endpoint, server memory, nothing lost.

    python -m bench.soak_server [--villages 450] [--minutes 10] [--workers 4]
                                [--backend postgresql|sqlite] [--shards 2] [--interval 60]

PostgreSQL: a throwaway cluster of its own (bench/pg_cluster.py; fsync off like
scripts/with-postgres.sh). The real `payung-server serve --workers N` on loopback. The
villages are real village PCs (bench/soak_shard.py says why that fits), split over `shards`
client processes. Each village first syncs at the same moment (a storm), then about every
`interval` s with one or two small changes. An error is any failed request (even one the client
retried successfully), any failed sync, or any table the daily verify had to repair. At the end
every PC is compared with the server (bench/soak_parts.compare_with_server: digests of every
synced table, applied_op once per op, each added worker once). Prints a table like
bench/report.py and writes bench/out/soak_server.json. The exit status is 1 when the soak saw
an error or a difference (it is a check as well as a figure).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import report
from bench.cache import OUT
from bench.soak_parts import ServerProcess, Tally, compare_with_server, village_fields
from bench.sync_server import add_village, enrollment_code

RESULTS = OUT / "soak_server.json"
CHANGES_PER_SYNC = 1.3  # soak_shard: one change, a second one three times in ten


@contextmanager
def soak_database(backend: str, work: Path) -> Iterator[Any]:
    """A fresh migrated server database: a throwaway PostgreSQL cluster, or a SQLite file."""
    from app.server.db import open_server_database
    from app.server.migrate import upgrade

    if backend == "sqlite":
        db = open_server_database(f"sqlite:///{work / 'server.sqlite3'}", work)
        upgrade(db)
        try:
            yield db
        finally:
            db.dispose()
        return
    from bench.pg_cluster import PgCluster

    with PgCluster.start() as cluster:
        db = open_server_database(cluster.create_database("payung_soak"), work)
        upgrade(db)
        try:
            yield db
        finally:
            db.dispose()


def _sampler(
    server: ServerProcess, stop: threading.Event, samples: list[float], loads: list[float]
) -> None:
    """Every 5 s: the server's RSS (MB) and the machine's 1-minute load average."""
    while not stop.wait(5.0):
        samples.append(server.rss_mb())
        loads.append(os.getloadavg()[0])


def soak(
    work: Path,
    *,
    villages: int,
    seconds: float,
    server_workers: int,
    backend: str = "postgresql",
    shards: int = 2,
    interval: float = 60.0,
    threads: int = 8,
    seed: int = 7,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Run the soak; the raw outcome (see `figures` for the table)."""
    (work / "server").mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    with soak_database(backend, work / "server") as db:
        server = ServerProcess(db.url, work / "server", workers=server_workers).start()
        try:
            ids: dict[int, uuid.UUID] = {}
            jobs: list[dict[str, Any]] = [{"villages": []} for _ in range(shards)]
            for n in range(villages):
                fields = village_fields(n)
                ids[n] = add_village(db, fields)
                jobs[n % shards]["villages"].append((n, enrollment_code(db, fields["code"])))
            expected_syncs = seconds / interval + 1
            pool = int(villages / shards * expected_syncs * CHANGES_PER_SYNC) + 100
            log(f"{villages} villages registered; starting {shards} client processes")
            outcome = _run_shards(server, jobs, work, seconds, interval, threads, seed, pool, log)
            rss_after = server.rss_mb()
        finally:
            server.stop()
        problems: list[str] = []
        for state in outcome["pcs"]:
            problems += compare_with_server(db, ids[state["index"]], state)
    outcome.update(
        problems=problems,
        rss_after_mb=rss_after,
        load_average=[load_before, os.getloadavg()],
        villages=villages,
        server_workers=server_workers,
        backend=backend,
        interval=interval,
        shards=shards,
    )
    return outcome


def _run_shards(  # noqa: PLR0917 - internal, one caller
    server: ServerProcess,
    jobs: list[dict[str, Any]],
    work: Path,
    seconds: float,
    interval: float,
    threads: int,
    seed: int,
    pool: int,
    log: Callable[[str], None],
) -> dict[str, Any]:
    from bench.soak_shard import run_shard

    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    go = context.Event()
    processes = []
    for n, job in enumerate(jobs):
        job.update(
            url=server.url, work=str(work / f"shard-{n}"), interval=interval, threads=threads,
            seed=seed * 1000 + n, draft_pool=pool, deadline_file=str(work / "deadline"),
        )  # fmt: skip
    ready = 0
    try:
        for job in jobs:
            processes.append(context.Process(target=run_shard, args=(job, queue, go)))
        for process in processes:
            process.start()
        while ready < len(jobs):
            kind, value = queue.get(timeout=1800)
            if kind == "error":
                raise RuntimeError(f"a client process failed during set-up: {value}")
            ready += 1
        log(f"all PCs enrolled and synced once; soak for {seconds:.0f} s")
        samples: list[float] = [server.rss_mb()]
        loads: list[float] = [os.getloadavg()[0]]
        stop = threading.Event()
        sampler = threading.Thread(
            target=_sampler, args=(server, stop, samples, loads), daemon=True
        )
        started = time.time()
        # fixed once everyone is ready; the shards read it when `go` is set
        (work / "deadline").write_text(str(started + seconds))
        sampler.start()
        go.set()
        results = []
        while len(results) < len(jobs):
            kind, value = queue.get(timeout=seconds + 1800)
            if kind == "error":
                raise RuntimeError(f"a client process failed: {value}")
            results.append(value)
        stop.set()
        wall = time.time() - started
    finally:
        for process in processes:
            process.join(timeout=60)
            if process.is_alive():
                process.kill()
    tally = Tally()
    setup = Tally()
    merged: dict[str, Any] = {"pcs": [], "lag_s": [], "repaired": []}
    for result in results:
        tally.merge(result["tally"])
        setup.merge(result["setup"])
        for key in merged:
            merged[key] += result[key]
    soak_seconds = max(result["soak_seconds"] for result in results)
    return {
        **merged, "tally": tally, "setup": setup, "wall_seconds": wall,
        "soak_seconds": soak_seconds, "rss_mb": samples, "loads": loads,
    }  # fmt: skip


def figures(outcome: dict[str, Any]) -> list[report.Figure]:
    tally: Tally = outcome["tally"]
    setup: Tally = outcome["setup"]
    villages = outcome["villages"]
    errors = sum(tally.errors.values()) + sum(tally.failed_syncs.values())
    errors += len(outcome["repaired"]) + sum(setup.errors.values())
    problems = outcome["problems"]
    ops = sum(pc["issued"] for pc in outcome["pcs"])
    minutes = outcome["soak_seconds"] / 60
    drain = (outcome["wall_seconds"] - outcome["soak_seconds"]) / 60
    where = (
        f"{villages} real village PCs in {outcome['shards']} processes, "
        f"{outcome['server_workers']} server workers, {outcome['backend']}"
    )
    lost = "nothing lost" if not problems else f"{len(problems)} differences: {problems[0]}"
    what = "; ".join(f"{n}x {k}" for k, n in (tally.errors + tally.failed_syncs).most_common(4))
    found = [
        report.Figure(
            name="soak: errors (failed requests, syncs, repairs)",
            scale=villages, value=float(errors), unit="", budget=None,
            detail=(
                f"must be 0 (issue 8); {tally.syncs:,} syncs, {tally.requests:,} requests, "
                f"{ops:,} ops in {minutes:.1f} min + {drain:.1f} min drain; {lost}; "
                f"{what or 'no failure'}; {where}"
            ),
            failed=errors > 0 or bool(problems),
            extra={"errors": dict(tally.errors), "failed_syncs": dict(tally.failed_syncs),
                   "repaired": outcome["repaired"], "problems": problems[:50]},
        ),
    ]  # fmt: skip
    everything = [ms for values in tally.latencies.values() for ms in values]
    for kind, values in [("all", everything), *sorted(tally.latencies.items())]:
        if not values:
            continue
        stats = {**report.spread(values), "p99": report.percentile(values, 99)}
        found.append(
            report.Figure(
                name=f"soak: {kind} latency (p95)", scale=villages, value=stats["p95"],
                unit="ms", budget=None,
                detail=(f"p50 {stats['p50']:.0f} ms, p99 {stats['p99']:.0f} ms, max "
                        f"{stats['max']:.0f} ms over {len(values):,} requests"),
                extra=stats,
            )
        )  # fmt: skip
    rss = outcome["rss_mb"]
    lag = report.spread(outcome["lag_s"]) if outcome["lag_s"] else {"p95": 0.0, "max": 0.0}
    load = outcome["load_average"]
    found.append(
        report.Figure(
            name="soak: server RSS (all workers, max)", scale=villages, value=max(rss),
            unit="MB", budget=None,
            detail=(f"start {rss[0]:.0f} MB, end {outcome['rss_after_mb']:.0f} MB; sync start "
                    f"lag p95 {lag['p95']:.1f} s; 1-min load average {load[0][0]:.1f} before, "
                    f"{statistics.median(outcome['loads']):.1f} median during, "
                    f"{load[1][0]:.1f} after"),
            extra={"samples": rss, "lag_s": lag, "load_average_samples": outcome["loads"]},
        )
    )  # fmt: skip
    return found


def write_results(outcome: dict[str, Any], found: list[report.Figure]) -> None:
    keys = ("villages", "server_workers", "backend", "interval", "shards", "wall_seconds",
            "soak_seconds", "load_average")  # fmt: skip
    meta = {k: outcome[k] for k in keys}
    report.write_json(RESULTS, found, {**meta, "cpus": os.cpu_count()})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak_server", description=__doc__)
    parser.add_argument("--villages", type=int, default=450)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=4, help="server worker processes")
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--shards", type=int, default=2, help="client processes")
    parser.add_argument("--threads", type=int, default=8, help="sync threads per process")
    parser.add_argument("--interval", type=float, default=60.0, help="s between syncs")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="payung-soak-"))
    try:
        outcome = soak(
            work, villages=args.villages, seconds=args.minutes * 60,
            server_workers=args.workers, backend=args.backend, shards=args.shards,
            interval=args.interval, threads=args.threads, seed=args.seed,
            log=lambda m: print(f"[soak] {m}", file=sys.stderr, flush=True),
        )  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    found = figures(outcome)
    print(report.table(found))
    write_results(outcome, found)
    print(f"\nwritten to {RESULTS}")
    return 1 if any(f.failed for f in found) else 0


if __name__ == "__main__":
    sys.exit(main())
