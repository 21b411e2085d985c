"""Figures, their budgets (DESIGN.md section 10) and the printed table / results.json."""

from __future__ import annotations

import json
import math
import platform
import sqlite3
import statistics
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Budget:
    value: float
    source: str  # "DESIGN.md" or "ours" (proposed here, not in DESIGN.md)


# DESIGN.md section 10 states these at 100,000 workers; a smaller register must meet them too.
COLD_START = Budget(1.0, "DESIGN.md")  # seconds
SEARCH_P95 = Budget(50.0, "DESIGN.md")  # milliseconds
MEMORY = Budget(350.0, "DESIGN.md")  # MB RSS
ADD_P95 = Budget(100.0, "ours")  # milliseconds: a click should feel immediate
# Generate month roster: <= 0.3 s at 5,000 and <= 5 s at 100,000 enrollments (DESIGN.md);
# the status overview has no budget there: ours mirrors the roster's (the Beranda page runs
# it with the month's roster, over every billed month of every participant).
ROSTER = {5_000: Budget(0.3, "DESIGN.md"), 100_000: Budget(5.0, "DESIGN.md")}
STATUS = {5_000: Budget(0.3, "ours"), 100_000: Budget(5.0, "ours")}
# Sync (DESIGN.md): a village's first sync (5,000 workers + 60,000 contributions) on loopback,
# one change, and 200 villages x 50 ops pushed at once against PostgreSQL with zero errors.
FIRST_SYNC = Budget(20.0, "DESIGN.md")  # seconds
INCREMENTAL = Budget(0.3, "DESIGN.md")  # seconds
LOAD_TOTAL = Budget(30.0, "DESIGN.md")  # seconds, and zero errors

# The DPMD dashboard at 450 villages x 300 workers (issue 6; DESIGN.md section 10 has no row):
# the overview page through the real server, and the consolidated roster of one month/payer.
DASHBOARD_OVERVIEW = Budget(1.0, "issue 6")  # seconds, median and p95 of GET /ringkasan
DASHBOARD_ROSTER = Budget(10.0, "issue 6")  # seconds, `payung-server roster` wall time

COLD_START_FIGURE = "window shown, cold start (median)"
FIRST_START_FIGURE = "window shown, first start of the day"
CRASH_START_FIGURE = "window shown, after a crash"
MEMORY_FIGURE = "memory, window shown (max RSS)"
SEARCH_FIGURE = "register search to first page (p95)"
ADD_FIGURE = "add worker (p95)"
ROSTER_FIGURE = "generate month roster, first time"
REGENERATE_FIGURE = "generate month roster, again"
STATUS_FIGURE = "status overview (all participants)"
FIRST_SYNC_FIGURE = "first sync of a village"
INCREMENTAL_FIGURE = "incremental sync, 1 change"
FIRST_UPLOAD_FIGURE = "first upload of an offline village"
LOAD_FIGURE = "server load, 200 villages x 50 ops at once"
LOAD_LATENCY_FIGURE = "server load, request latency (p95)"
DASHBOARD_OVERVIEW_FIGURE = "dashboard overview page ({})"  # median | p95
DASHBOARD_ROSTER_FIGURE = "consolidated roster xlsx (payung-server roster)"
ORDER = (
    COLD_START_FIGURE, FIRST_START_FIGURE, CRASH_START_FIGURE, MEMORY_FIGURE, SEARCH_FIGURE,
    ADD_FIGURE, ROSTER_FIGURE, REGENERATE_FIGURE, STATUS_FIGURE,
)  # fmt: skip


def budget_at(budgets: dict[int, Budget], scale: int) -> Budget:
    """The budget stated for `scale`; between two stated scales, linear between them (marked
    interpolated); outside them, the nearest one's."""
    if scale in budgets:
        return budgets[scale]
    scales = sorted(budgets)
    if scale < scales[0]:
        return budgets[scales[0]]
    if scale > scales[-1]:
        return budgets[scales[-1]]
    low = max(s for s in scales if s < scale)
    high = min(s for s in scales if s > scale)
    share = (scale - low) / (high - low)
    value = budgets[low].value + share * (budgets[high].value - budgets[low].value)
    return Budget(round(value, 3), f"{budgets[low].source}, interpolated")


@dataclass(slots=True)
class Figure:
    """One measured figure. `value` is None when it could not be measured (see `note`)."""

    name: str
    scale: int
    value: float | None
    unit: str
    budget: Budget | None
    detail: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    failed: bool = False  # a condition of the budget besides the number broke (errors)

    @property
    def ratio(self) -> float | None:
        if self.value is None or self.budget is None:
            return None
        return self.value / self.budget.value

    @property
    def verdict(self) -> str:
        ratio = self.ratio
        if self.value is None:
            return "n/a"
        if self.failed:
            return "OVER"
        if ratio is None:
            return "-"
        return "ok" if ratio <= 1.0 else "OVER"


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 200 values is the 190th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def spread(values_ms: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(values_ms),
        "p50": statistics.median(values_ms),
        "p95": percentile(values_ms, 95),
        "max": max(values_ms),
    }


def _number(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.0f} {unit}"


def _budget_text(figure: Figure) -> str:
    if figure.budget is None:
        return "—"
    text = f"<= {_number(figure.budget.value, figure.unit)}"
    source = figure.budget.source
    if source == "DESIGN.md":
        return text
    return f"{text} (ours)" if source == "ours" else f"{text} ({source.split(', ')[-1]})"


def table(figures: Sequence[Figure]) -> str:
    header = ("figure", "scale", "measured", "budget", "ratio", "verdict", "detail")
    rows = [header]
    for f in figures:
        measured = "—" if f.value is None else _number(f.value, f.unit)
        ratio = "—" if f.ratio is None else f"{f.ratio:.2f}"
        detail = f.detail if f.value is not None else f.note
        rows.append((f.name, f"{f.scale:,}", measured, _budget_text(f), ratio, f.verdict, detail))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        lines.append(" | ".join([*cells, row[-1]]).rstrip())
        if n == 0:
            lines.append("-+-".join("-" * w for w in widths) + "-+-" + "-" * 20)
    return "\n".join(lines)


def write_json(path: Path, figures: Sequence[Figure], meta: dict[str, Any]) -> None:
    document = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": sys.version.split()[0],
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
        },
        **meta,
        "figures": [
            {
                **{k: v for k, v in asdict(f).items() if k != "budget"},
                "budget": None if f.budget is None else asdict(f.budget),
                "ratio": f.ratio,
                "verdict": f.verdict,
            }
            for f in figures
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
