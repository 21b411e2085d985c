"""run_window end to end: the bench hook in a subprocess; first run and storage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from ui_factories import VILLAGE_FORM, make_worker, open_context, sukamaju

from app.config import resolve_paths
from app.ui.first_run import SUMMARY, FirstRunWizard
from app.ui.main import EXIT_AFTER_SHOWN_ENV, run_window

REPO = Path(__file__).resolve().parents[2]


def test_exit_after_shown_prints_one_json_line(tmp_path: Path) -> None:
    ctx = open_context(tmp_path)
    ctx.village.set_up(sukamaju())
    for serial in range(1, 251):  # more than one 200-row block
        ctx.register.add(make_worker(serial))
    ctx.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_AFTER_SHOWN_ENV: "1"}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    event = json.loads(lines[0])
    assert event["event"] == "shown"
    assert event["rows"] == 250
    assert event["maxrss_kb"] > 0


def when_modal(qtbot: QtBot, act: object) -> None:
    """Run act(widget) on the next modal dialog, once run_window has opened it."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, poll)
        else:
            act(widget)  # type: ignore[operator]

    QTimer.singleShot(0, poll)


def test_first_run_cancelled_exits_0(qtbot: QtBot, tmp_path: Path) -> None:
    def cancel(widget: object) -> None:
        assert isinstance(widget, FirstRunWizard)
        widget.reject()

    when_modal(qtbot, cancel)
    assert run_window(resolve_paths(tmp_path)) == 0


def test_first_run_sets_up_then_shows_the_window(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(EXIT_AFTER_SHOWN_ENV, "1")

    def set_up(widget: object) -> None:
        assert isinstance(widget, FirstRunWizard)
        widget.next()
        for field, text in VILLAGE_FORM.items():
            editor = widget.profile.form.rows[field].editor
            assert isinstance(editor, QLineEdit)
            editor.setText(text)
        widget.profile.revalidate()
        while widget.currentId() != SUMMARY:
            widget.next()
        widget.accept()

    when_modal(qtbot, set_up)
    assert run_window(resolve_paths(tmp_path)) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 0
    ctx = open_context(tmp_path)
    try:
        village = ctx.village.get()
        assert village is not None and village.name == "Sukamaju"
    finally:
        ctx.close()


def test_a_damaged_database_is_reported_and_exits_1(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "payung.sqlite3").write_bytes(b"this is not a database" * 100)
    seen: list[str] = []

    def close(widget: object) -> None:
        assert isinstance(widget, QMessageBox)
        seen.append(widget.text())
        widget.done(0)

    when_modal(qtbot, close)
    assert run_window(resolve_paths(tmp_path)) == 1
    assert seen and seen[0].startswith("Masalah pada berkas data:")


def test_the_window_takes_the_daily_backup_after_it_is_shown(tmp_path: Path) -> None:
    from app.services.context import AppContext

    ctx = AppContext.open(resolve_paths(tmp_path), daily_backup=False)
    ctx.village.set_up(sukamaju())
    ctx.close()
    daily = resolve_paths(tmp_path).backups / "daily"
    assert not daily.exists()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_AFTER_SHOWN_ENV: "1"}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    copies = list(daily.glob("payung-*.sqlite3"))
    assert len(copies) == 1
    assert len(list((daily.parent / "weekly").glob("payung-*.sqlite3"))) == 1
