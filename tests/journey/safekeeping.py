"""Back up and restore in the journey, on Pengaturan's Cadangan tab: "Cadangkan sekarang",
the copy in the list, "Pulihkan…" with its confirmation. The window restores in place (no
restart): it closes the database, puts the copy back, opens it again in the same context and
makes its pages anew.
"""

from __future__ import annotations

from pathlib import Path

from drivers import WAIT, button
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.ui.pages.pengaturan_backups import BackupsSection
from app.ui.window import MainWindow

MADE = "Cadangan tersimpan: "


def open_backups(qtbot: QtBot, window: MainWindow) -> BackupsSection:
    page = window.pengaturan_page
    section = page.backups
    assert section is not None
    window.show_page(page)
    page.show_section(section)
    qtbot.waitUntil(lambda: section.last_label.text() != "", timeout=WAIT)  # the list is read
    return section


def back_up(qtbot: QtBot, window: MainWindow) -> Path:
    """Cadangkan sekarang; returns the copy the message names, once it is in the list."""
    section = open_backups(qtbot, window)
    section.backup_button.click()
    qtbot.waitUntil(lambda: section.message.text().startswith(MADE), timeout=WAIT)
    made = Path(section.message.text().removeprefix(MADE))
    qtbot.waitUntil(lambda: made in [copy.path for copy in section.files], timeout=WAIT)
    row = [copy.path for copy in section.files].index(made)
    assert section.table.item(row, 1).text() == "Dibuat sendiri"  # type: ignore[union-attr]
    assert made.is_file() and made.stat().st_size > 0
    return made


def restore(qtbot: QtBot, window: MainWindow, copy: Path) -> None:
    """The copy chosen in the list, Pulihkan…, confirmed; waits for the pages made anew."""
    section = open_backups(qtbot, window)
    qtbot.waitUntil(lambda: copy in [c.path for c in section.files], timeout=WAIT)
    section.table.selectRow([c.path for c in section.files].index(copy))
    assert section.restore_button.isEnabled()
    section.restore_button.click()
    qtbot.waitUntil(lambda: section.confirm is not None and section.confirm.isVisible(),
                    timeout=WAIT)  # fmt: skip
    box = section.confirm
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("Pulihkan cadangan tanggal ")
    old_page = window.pengaturan_page
    button(box, "Pulihkan").click()
    qtbot.waitUntil(lambda: window.pengaturan_page is not old_page, timeout=WAIT)
    assert not window.restoring and window.central.isEnabled()
    restored = window.pengaturan_page.backups
    assert restored is not None
    assert restored.message.text().startswith(f"Cadangan {copy.name} dipulihkan.")
