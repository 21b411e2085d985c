"""In-process figures of the contribution slice: generating a month's roster, and the status
overview, on a village with `scale` coverage periods and their whole billing history.

The database (`cache.cached_history_database`) holds one period per active worker, TMT spread
over 2024-2026, every month since each TMT billed, locked and mostly paid (about 13 lines per
participant: 1.3 M lines at 100,000). Every run works on its own copy of it.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from pathlib import Path

from app.config import resolve_paths
from app.services.context import AppContext
from bench import report
from bench.cache import workspace
from bench.synth import AS_OF, BENCH_MONTH


def _open(folder: Path) -> AppContext:
    # No daily backup: a copy of a 900 MB file is not what is measured (the window takes it in
    # the background anyway).
    return AppContext.open(resolve_paths(folder), today=lambda: AS_OF, daily_backup=False)


def roster(cached: Path, scale: int, *, runs: int) -> list[report.Figure]:
    """`roster.generate(BENCH_MONTH)` on a fresh copy (the month's first generation: every line
    inserted with its outbox row, then the roster read back), then again on the same copy
    (nothing changed: every line compared, nothing written). Median of `runs` copies."""
    first: list[float] = []
    again: list[float] = []
    lines: set[int] = set()
    history = 0
    for run in range(runs):
        with workspace(cached, f"roster-{scale}-{run}") as folder:
            ctx = _open(folder)
            try:
                if not history:
                    history = _history_lines(ctx)
                started = time.perf_counter()
                made = ctx.roster.generate(BENCH_MONTH)
                first.append(time.perf_counter() - started)
                started = time.perf_counter()
                ctx.roster.generate(BENCH_MONTH)
                again.append(time.perf_counter() - started)
                lines.add(len(made.lines))
            finally:
                ctx.close()
    count = ", ".join(f"{n:,}" for n in sorted(lines))
    wrong = "" if lines == {scale} else f"; lines {count} != {scale:,}!"
    budget = report.budget_at(report.ROSTER, scale)
    return [
        report.Figure(
            name=report.ROSTER_FIGURE,
            scale=scale,
            value=statistics.median(first),
            unit="s",
            budget=budget,
            detail=(
                f"{count} lines + outbox rows, over {history:,} lines of history; "
                f"max {max(first):.2f} s, n={len(first)} fresh copies{wrong}"
            ),
            extra={"runs_s": first, "lines": sorted(lines), "history_lines": history},
        ),
        report.Figure(
            name=report.REGENERATE_FIGURE,
            scale=scale,
            value=statistics.median(again),
            unit="s",
            budget=budget,
            detail=f"same month, nothing changed: nothing written; max {max(again):.2f} s",
            extra={"runs_s": again},
        ),
    ]


def status(cached: Path, scale: int, *, runs: int) -> report.Figure:
    """`standing.overview(AS_OF)`: every participant's paid-through month, arrears, next due
    date and state, and coverage per category. Each run on a newly opened context (what the
    Beranda page costs when the window opens); median of `runs` on one copy (it only reads)."""
    times: list[float] = []
    states: Counter[str] = Counter()
    with workspace(cached, f"status-{scale}") as folder:
        history = 0
        for _ in range(runs):
            ctx = _open(folder)
            try:
                history = history or _history_lines(ctx)
                started = time.perf_counter()
                overview = ctx.standing.overview(AS_OF)
                times.append(time.perf_counter() - started)
            finally:
                ctx.close()
            states = Counter(p.state.value for p in overview.participants)
    people = sum(states.values())
    mix = ", ".join(f"{state} {n:,}" for state, n in states.most_common())
    wrong = "" if people == scale else f"; participants {people:,} != {scale:,}!"
    return report.Figure(
        name=report.STATUS_FIGURE,
        scale=scale,
        value=statistics.median(times),
        unit="s",
        budget=report.budget_at(report.STATUS, scale),
        detail=(
            f"{people:,} participants over {history:,} lines ({mix}); "
            f"max {max(times):.2f} s, n={len(times)}{wrong}"
        ),
        extra={"runs_s": times, "states": dict(states), "history_lines": history},
    )


def _history_lines(ctx: AppContext) -> int:
    with ctx.database.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM contribution").scalar() or 0)
