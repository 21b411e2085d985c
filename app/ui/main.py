"""`payung` with no command: start Qt, open the village database, set up or show the window.

Bench hook (the bench harness relies on this exact contract): with PAYUNG_EXIT_AFTER_SHOWN=1,
once the main window is shown and the register's first page is in the table, one JSON line
`{"event": "shown", "rows": N, "maxrss_kb": K}` goes to stdout and the app quits with 0.
"""

from __future__ import annotations

import json
import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.config import Paths
from app.resources import icon_file
from app.services.context import AppContext
from app.services.errors import StorageError
from app.ui.errors import describe, title_for
from app.ui.first_run import FirstRunWizard
from app.ui.i18n import LANGUAGE_ENV, LANGUAGE_SETTING, choose_language, install_language
from app.ui.tasks import wait_for_background_work
from app.ui.window import MainWindow

APP_NAME = "Payung Desa"
EXIT_AFTER_SHOWN_ENV = "PAYUNG_EXIT_AFTER_SHOWN"

log = logging.getLogger(__name__)


def run_window(paths: Paths) -> int:
    """Run the desktop app until its window closes; returns the process exit code."""
    _log_to_file(paths)
    app = _application()
    if os.environ.get(LANGUAGE_ENV):  # known before the database opens: errors in that language
        install_language(choose_language(None))
    try:
        context = AppContext.open(paths, daily_backup=False)  # taken once the window shows
    except (StorageError, OSError) as exc:
        _show_error(None, exc)
        return 1
    try:
        install_language(choose_language(context.village.setting(LANGUAGE_SETTING)))
        village = context.village.get()
        import_path = None
        if village is None:
            wizard = FirstRunWizard(context)
            if wizard.exec() != QDialog.DialogCode.Accepted or wizard.village is None:
                return 0  # the person cancelled the first set-up
            village, import_path = wizard.village, wizard.import_path
        window = MainWindow(context, village)
        window.show()
        if import_path is not None:  # first run chose a workbook: continue in Impor
            window.open_import(import_path)
        window.take_daily_backup()
        if os.environ.get(EXIT_AFTER_SHOWN_ENV) == "1":
            _exit_when_first_page_shown(app, window)
        return app.exec()
    finally:
        wait_for_background_work()  # no pool thread may still use the database
        context.close()


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("PayungDesa")
    icon = icon_file()
    if icon is not None:  # the umbrella in the title bar and task bar (packaging/icons)
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _exit_when_first_page_shown(app: QApplication, window: MainWindow) -> None:
    page = window.register_page

    def report() -> None:
        line = {"event": "shown", "rows": page.model.rowCount(), "maxrss_kb": _maxrss_kb()}
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()
        app.exit(0)  # not quit(): that asks every window to close, asynchronously

    def after_first_page() -> None:
        # One more turn of the event loop so the table has really been painted.
        QTimer.singleShot(0, report)

    if page.first_page_loaded:
        after_first_page()
    else:
        page.searchFinished.connect(lambda _total: after_first_page())


def _maxrss_kb() -> int:
    try:
        import resource
    except ImportError:  # Windows has no getrusage; the bench runs on Linux
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _show_error(parent: QWidget | None, exc: BaseException) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title_for(exc), describe(exc), parent=parent)
    box.addButton(QCoreApplication.translate("Main", "Tutup"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def _log_to_file(paths: Paths) -> None:
    """Warnings and errors go to <data>/logs/payung.log (stdout stays clean for the bench)."""
    root = logging.getLogger()
    if root.handlers:
        return
    try:
        paths.logs.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(paths.logs / "payung.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
