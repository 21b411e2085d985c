"""The bench table: percentiles, ratios and verdicts."""

from __future__ import annotations

import pytest

from bench.report import (
    COLD_START,
    ROSTER,
    SEARCH_P95,
    STATUS,
    Budget,
    Figure,
    budget_at,
    percentile,
    table,
)


def test_p95_of_200_values_is_the_190th_smallest() -> None:
    values = [float(v) for v in range(1, 201)]
    assert percentile(values, 95) == 190.0
    assert percentile(values, 50) == 100.0


def test_a_figure_over_its_budget_says_over_with_its_ratio() -> None:
    figure = Figure("search", 100_000, 75.0, "ms", SEARCH_P95)
    assert figure.ratio == 1.5
    assert figure.verdict == "OVER"


def test_a_figure_within_budget_is_ok_and_an_unmeasured_one_is_na() -> None:
    assert Figure("start", 5_000, 0.4, "s", COLD_START).verdict == "ok"
    assert Figure("start", 5_000, None, "s", COLD_START, note="no window").verdict == "n/a"


def test_the_table_has_one_line_per_figure_with_budget_ratio_and_verdict() -> None:
    text = table(
        [
            Figure("search", 100_000, 75.0, "ms", SEARCH_P95, detail="p50 20 ms"),
            Figure("start", 100_000, 0.62, "s", COLD_START),
        ]
    )
    rows = [[cell.strip() for cell in line.split("|")] for line in text.splitlines()]
    assert rows[0] == ["figure", "scale", "measured", "budget", "ratio", "verdict", "detail"]
    assert rows[2] == ["search", "100,000", "75.0 ms", "<= 50.0 ms", "1.50", "OVER", "p50 20 ms"]
    assert rows[3][:6] == ["start", "100,000", "0.62 s", "<= 1.00 s", "0.62", "ok"]


def test_budgets_stated_per_scale_are_interpolated_between_and_clamped_outside() -> None:
    assert budget_at(ROSTER, 5_000) == Budget(0.3, "DESIGN.md")
    assert budget_at(ROSTER, 100_000) == Budget(5.0, "DESIGN.md")
    assert budget_at(ROSTER, 1_000) == Budget(0.3, "DESIGN.md")
    assert budget_at(ROSTER, 200_000) == Budget(5.0, "DESIGN.md")
    between = budget_at(ROSTER, 52_500)
    assert between.value == pytest.approx(2.65)
    assert between.source == "DESIGN.md, interpolated"


def test_the_table_says_where_a_budget_comes_from() -> None:
    text = table(
        [
            Figure("roster", 52_500, 1.0, "s", budget_at(ROSTER, 52_500)),
            Figure("status", 100_000, 1.0, "s", budget_at(STATUS, 100_000)),
            Figure("roster", 100_000, 6.0, "s", budget_at(ROSTER, 100_000)),
        ]
    )
    budgets = [line.split("|")[3].strip() for line in text.splitlines()[2:]]
    assert budgets == ["<= 2.65 s (interpolated)", "<= 5.00 s (ours)", "<= 5.00 s"]
