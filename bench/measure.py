"""In-process figures: register search to first page, and add-worker latency."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from app.config import resolve_paths
from app.services.context import AppContext
from app.services.register import PAGE_SIZE
from bench import report, synth
from bench.cache import workspace
from bench.queries import Probe, probes

PASSES = 3


def search(cached: Path, scale: int, *, count: int, seed: int) -> report.Figure:
    """p95 of `register.search(query, offset=0, limit=200)` over a realistic query set.

    One untimed pass first: the office PC has the file in its page cache and SQLAlchemy has
    compiled its statements by the time a secretary types. Then PASSES timed passes; a query's
    figure is its median over them, so one scheduler hiccup (the bench shares the machine)
    does not become the p95.
    """
    queries = probes(cached, count=count, seed=seed)
    with workspace(cached, f"search-{scale}") as folder:
        ctx = AppContext.open(resolve_paths(folder))
        try:
            for probe in queries:
                ctx.register.search(probe.query, offset=0, limit=PAGE_SIZE)
            runs: list[list[float]] = [[] for _ in queries]
            for _ in range(PASSES):
                for probe, ms in zip(queries, runs, strict=True):
                    ms.append(_time_search(ctx, probe))
            timed = [
                (probe, statistics.median(ms)) for probe, ms in zip(queries, runs, strict=True)
            ]
        finally:
            ctx.close()
    values = [ms for _, ms in timed]
    stats = report.spread(values)
    by_kind = _by_kind(timed)
    slowest = sorted(timed, key=lambda item: -item[1])[:5]
    return report.Figure(
        name=report.SEARCH_FIGURE,
        scale=scale,
        value=stats["p95"],
        unit="ms",
        budget=report.SEARCH_P95,
        detail=f"p50 {stats['p50']:.1f} ms, max {stats['max']:.1f} ms, n={len(values)} queries",
        extra={
            **stats,
            "passes": PASSES,
            "by_kind": by_kind,
            "slowest": [{"query": p.label, "ms": round(ms, 2)} for p, ms in slowest],
        },
    )


def _time_search(ctx: AppContext, probe: Probe) -> float:
    started = time.perf_counter()
    ctx.register.search(probe.query, offset=0, limit=PAGE_SIZE)
    return (time.perf_counter() - started) * 1000


def _by_kind(timed: list[tuple[Probe, float]]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[float]] = defaultdict(list)
    for probe, ms in timed:
        groups[probe.kind].append(ms)
        groups["with category" if probe.query.category else "no category"].append(ms)
    return {kind: report.spread(values) for kind, values in sorted(groups.items())}


def add_worker(cached: Path, scale: int, *, count: int, seed: int) -> report.Figure:
    """p50/p95 of `register.add(draft)` on a copy of the database (synchronous=FULL: fsync)."""
    drafts = synth.make_drafts(count + 1, seed)
    with workspace(cached, f"add-{scale}") as folder:
        ctx = AppContext.open(resolve_paths(folder))
        try:
            ctx.register.add(drafts[0])  # warm-up: statement compilation, first WAL frames
            values = []
            for draft in drafts[1:]:
                started = time.perf_counter()
                ctx.register.add(draft)
                values.append((time.perf_counter() - started) * 1000)
        finally:
            ctx.close()
    stats = report.spread(values)
    return report.Figure(
        name=report.ADD_FIGURE,
        scale=scale,
        value=stats["p95"],
        unit="ms",
        budget=report.ADD_P95,
        detail=f"p50 {stats['p50']:.1f} ms, max {stats['max']:.1f} ms, n={len(values)}",
        extra=dict[str, Any](stats),
    )
