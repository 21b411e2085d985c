"""The contribution figures on a small synthetic village with history, and the service
shortcuts they depend on (the roster generate() returns is the one get() reads back)."""

from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from app.config import resolve_paths
from app.domain.period import Period
from app.services.context import AppContext
from app.services.roster import _line_hex, line_id
from bench import contributions, report
from bench.synth import AS_OF, BENCH_MONTH, populate, workers_for_enrollments

PERIODS = 300


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("village")
    populate(folder, workers_for_enrollments(PERIODS, seed=9), 9, enrollments=True, history=True)
    return folder


def test_roster_figures_generate_every_period_once_then_again(village: Path) -> None:
    first, again = contributions.roster(village, PERIODS, runs=2)
    assert (first.name, again.name) == (report.ROSTER_FIGURE, report.REGENERATE_FIGURE)
    assert first.extra["lines"] == [PERIODS]
    assert first.extra["history_lines"] > 5 * PERIODS
    assert "!" not in first.detail
    assert first.budget == again.budget == report.ROSTER[5_000]
    assert first.value is not None and again.value is not None


def test_status_figure_covers_every_participant(village: Path) -> None:
    figure = contributions.status(village, PERIODS, runs=1)
    assert figure.name == report.STATUS_FIGURE
    assert sum(figure.extra["states"].values()) == PERIODS
    assert figure.budget == report.STATUS[5_000]
    assert figure.budget.source == "ours"


def test_measurements_never_touch_the_cached_database(village: Path) -> None:
    database = village / "payung.sqlite3"
    before = database.read_bytes()
    contributions.roster(village, PERIODS, runs=1)
    contributions.status(village, PERIODS, runs=1)
    assert database.read_bytes() == before


def test_generate_returns_exactly_what_get_reads_back(village: Path, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "payung.sqlite3").write_bytes((village / "payung.sqlite3").read_bytes())
    ctx = AppContext.open(resolve_paths(folder), today=lambda: AS_OF, daily_backup=False)
    try:
        made = ctx.roster.generate(BENCH_MONTH)
        assert made == ctx.roster.get(BENCH_MONTH)
        assert ctx.roster.generate(BENCH_MONTH) == made
        assert len(made.lines) == PERIODS
        assert ctx.roster.generate(Period(2027, 1)) == ctx.roster.get(Period(2027, 1))
    finally:
        ctx.close()


def test_stored_line_ids_are_the_uuid5_line_ids() -> None:
    rng = random.Random(1)
    for _ in range(500):
        enrollment = uuid.UUID(int=rng.getrandbits(128))
        period = Period(rng.randint(2015, 2030), rng.randint(1, 12))
        assert _line_hex(str(enrollment), str(period)) == line_id(enrollment, period).hex


def test_bulk_written_lines_store_times_as_sqlalchemy_does(
    village: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines and outbox rows go to the driver pre-converted: a whole second must still be
    stored with its microseconds, as the DateTime type writes it."""
    import app.services.roster as roster_module

    monkeypatch.setattr(roster_module, "utcnow", lambda: datetime(2026, 11, 21, 8, 0, 0))
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "payung.sqlite3").write_bytes((village / "payung.sqlite3").read_bytes())
    ctx = AppContext.open(resolve_paths(folder), today=lambda: AS_OF, daily_backup=False)
    try:
        ctx.roster.generate(BENCH_MONTH)
        ctx.roster.lock(BENCH_MONTH)
    finally:
        ctx.close()
    conn = sqlite3.connect(folder / "payung.sqlite3")
    try:
        lines = conn.execute(
            "SELECT DISTINCT updated_at_client FROM contribution WHERE period = ?",
            (str(BENCH_MONTH),),
        ).fetchall()
        outbox = conn.execute(
            "SELECT DISTINCT created_at FROM sync_outbox WHERE entity = 'contribution'"
        ).fetchall()
    finally:
        conn.close()
    assert lines == outbox == [("2026-11-21 08:00:00.000000",)]
