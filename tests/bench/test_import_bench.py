"""The import bench measures what it says: every synthetic row is valid and imported, with its
coverage period, and the figures carry DESIGN.md's budgets at 5,000 and 100,000 rows."""

from __future__ import annotations

from pathlib import Path

from bench import import_bench


def test_a_small_run_imports_every_row(tmp_path: Path) -> None:
    figures = import_bench.figures((60,), tmp_path)
    assert [f.name for f in figures] == [
        import_bench.IMPORT_FIGURE, import_bench.PREVIEW_FIGURE, import_bench.APPLY_FIGURE,
    ]  # fmt: skip
    total = figures[0]
    assert total.value is not None and total.budget is None  # no budget below 5,000
    assert total.extra["enrolled"] == 60
    assert "60 workers + 60 periods, 0 problems" in total.detail


def test_budgets_are_design_md_section_10() -> None:
    assert {rows: b.value for rows, b in import_bench.BUDGETS.items()} == {
        5_000: 2.0, 100_000: 25.0,
    }  # fmt: skip
