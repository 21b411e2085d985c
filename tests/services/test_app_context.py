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


def test_open_can_leave_the_daily_backup_to_the_caller(data_paths: Paths) -> None:
    context = AppContext.open(data_paths, today=lambda: TODAY, daily_backup=False)
    try:
        before = sorted(data_paths.backups.rglob("*.sqlite3"))
        problem = context.daily_backup()
        after = sorted(p.parent.name for p in data_paths.backups.rglob("*.sqlite3"))
    finally:
        context.close()
    assert (before, problem, after) == ([], None, ["daily", "weekly"])


def test_failed_daily_backup_is_reported_in_indonesian(data_paths: Paths) -> None:
    data_paths.data_dir.mkdir(parents=True)
    data_paths.backups.write_text("not a folder")
    context = AppContext.open(data_paths, today=lambda: TODAY, daily_backup=False)
    try:
        problem = context.daily_backup()
    finally:
        context.close()
    assert problem is not None and "cadangan gagal" in problem
