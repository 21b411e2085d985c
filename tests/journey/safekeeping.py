"""Back up and restore in the journey, behind two functions so the steps can move to the
Pengaturan page's "Cadangkan sekarang" / "Pulihkan" once that page has them.

Until then both go through app.services.backups, as the CLI does: `back_up` copies the open
database; `restore` closes the window and the database as quitting the app would, puts the copy
back, and opens the app again on the same data folder (a new context and window).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from drivers import open_window
from pytestqt.qtbot import QtBot

from app.services import backups
from app.services.context import AppContext
from app.ui.tasks import wait_for_background_work
from app.ui.window import MainWindow


def back_up(qtbot: QtBot, window: MainWindow) -> Path:
    """A backup copy taken now; returns its file."""
    paths = window.context.paths
    copy = backups.backup_now(paths, paths.backups, label="sebelum-tambah")
    assert copy.is_file() and copy.stat().st_size > 0
    return copy


def restore(
    qtbot: QtBot, window: MainWindow, copy: Path, *, today: Callable[[], date]
) -> tuple[AppContext, MainWindow]:
    """Put `copy` back and start the app again; returns the new context and window."""
    context = window.context
    paths = context.paths
    window.close()
    wait_for_background_work()  # no pool thread may still use the database
    context.close()
    replaced = backups.restore_from(paths, copy)
    assert replaced is None or replaced.exists()  # the file it replaced is kept aside
    reopened = AppContext.open(paths, today=today, daily_backup=False)
    village = reopened.village.get()
    assert village is not None
    return reopened, open_window(qtbot, reopened, village)
