"""AppContext: opening a village database for a front end."""

from __future__ import annotations

from factories import TODAY

from app.config import Paths
from app.services.context import AppContext


def test_open_takes_the_daily_and_weekly_backup(data_paths: Paths) -> None:
    AppContext.open(data_paths, today=lambda: TODAY).close()
    made = sorted(
        p.relative_to(data_paths.backups).parts[0] for p in data_paths.backups.rglob("*.sqlite3")
    )
    assert made == ["daily", "weekly"]


def test_a_failing_daily_backup_does_not_stop_the_office(data_paths: Paths) -> None:
    data_paths.data_dir.mkdir(parents=True)
    data_paths.backups.write_text("not a folder")  # backups cannot be written
    context = AppContext.open(data_paths, today=lambda: TODAY)
    try:
        village = context.village.get()
    finally:
        context.close()
    assert village is None


def test_close_marks_a_clean_shutdown(data_paths: Paths) -> None:
    AppContext.open(data_paths, today=lambda: TODAY).close()
    assert list(data_paths.data_dir.glob("payung.sqlite3.open-*")) == []
