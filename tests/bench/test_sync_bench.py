"""The sync bench's plumbing at a tiny scale (a few seconds): a village of 30 workers with its
history seeded on a SQLite server, first sync, incremental syncs, first upload, and a load of
3 villages x 5 ops. Checks every figure is produced, positive and without a `!` (a count that
did not add up), so `make bench` cannot rot between runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import report, sync_bench, sync_load, synth


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("village")
    synth.populate(folder, 30, 7, enrollments=True, history=True)
    return folder


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAYUNG_KEYRING", "off")


def _sound(figure: report.Figure) -> None:
    assert figure.value is not None and figure.value > 0, figure
    assert "!" not in figure.detail, figure.detail
    assert not figure.failed, figure.detail


def test_first_and_incremental_sync(village: Path) -> None:
    figures = sync_bench.first_and_incremental(village, 30, "sqlite", runs=2)
    names = [f.name for f in figures]
    assert names == [
        f"{report.FIRST_SYNC_FIGURE} (SQLite server)",
        f"{report.INCREMENTAL_FIGURE} (median, SQLite server)",
        f"{report.INCREMENTAL_FIGURE} (p95, SQLite server)",
    ]
    for figure in figures:
        _sound(figure)
        assert figure.budget is not None
    first = figures[0]
    assert first.extra["rows"]["contribution"] > 0
    # A fresh PC's first full pull defers its verify to the next sync (app.sync.run).
    assert "pull" in first.extra["split_s"] and "verify" not in first.extra["split_s"]
    assert "verify" in first.extra["next_sync_split_s"]


def test_first_upload(village: Path) -> None:
    figure = sync_bench.first_upload(village, 30, "sqlite")
    _sound(figure)
    assert figure.extra["ops"] > 30


def test_server_load(tmp_path: Path) -> None:
    figures = sync_load.figures(tmp_path, "sqlite", villages=3, ops=5, server_workers=1)
    total, latency = figures
    _sound(total)
    _sound(latency)
    assert total.extra["applied"] == 15 and total.extra["workers"] == 15
    assert total.verdict in {"ok", "OVER"} and latency.verdict == "-"
