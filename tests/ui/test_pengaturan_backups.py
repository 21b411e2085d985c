"""Pengaturan, Cadangan: a copy now, and a restore with confirmation in the running window
(no restart), over real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from ui_factories import make_worker

from app.services.backups import Backups
from app.services.context import AppContext
from app.services.register import SearchQuery
from app.ui.pages.pengaturan_backups import BackupsSection
from app.ui.window import MainWindow


def make_window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    village = ctx.village.get()
    assert village is not None
    window = MainWindow(ctx, village)
    qtbot.addWidget(window)
    window.show()
    return window


def open_backups(qtbot: QtBot, window: MainWindow) -> BackupsSection:
    page = window.pengaturan_page
    section = page.backups
    assert section is not None
    with qtbot.waitSignal(section.loaded, timeout=10_000):
        window.show_page(page)
        page.show_section(section)
    return section


def workers(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM worker").fetchone()[0])
    finally:
        conn.close()


def confirm_box(qtbot: QtBot, section: BackupsSection) -> QMessageBox:
    qtbot.waitUntil(lambda: section.confirm is not None and section.confirm.isVisible())
    assert section.confirm is not None
    return section.confirm


def button(box: QMessageBox, text: str) -> QPushButton:
    [found] = [b for b in box.findChildren(QPushButton) if b.text() == text]
    return found


def select_copy(section: BackupsSection, path: Path) -> None:
    section.table.selectRow([copy.path for copy in section.files].index(path))
    assert section.restore_button.isEnabled()


def test_back_up_now_writes_an_intact_copy_and_lists_it(
    qtbot: QtBot, three_workers: AppContext
) -> None:
    section = open_backups(qtbot, make_window(qtbot, three_workers))
    last = section.last_label.text()  # the context took its daily copy when it opened
    assert last.startswith("Cadangan otomatis terakhir: ") and not last.endswith("belum ada")
    section.backup_button.click()
    qtbot.waitUntil(lambda: any(copy.kind == "manual" for copy in section.files), timeout=10_000)
    [made] = (three_workers.paths.backups / "manual").iterdir()
    assert section.message.text() == f"Cadangan tersimpan: {made}"
    conn = sqlite3.connect(made)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert workers(made) == 3
    row = [copy.path for copy in section.files].index(made)
    assert section.table.item(row, 1).text() == "Dibuat sendiri"  # type: ignore[union-attr]
    assert section.table.item(row, 3).text() == made.name  # type: ignore[union-attr]


def test_restore_brings_back_the_earlier_data_without_a_restart(
    qtbot: QtBot, three_workers: AppContext
) -> None:
    ctx = three_workers
    made = Backups(ctx.paths).back_up(None, label="35.21.01.2001")
    ctx.register.add(make_worker(14, name="Dewi Lestari"))
    window = make_window(qtbot, ctx)
    qtbot.waitUntil(lambda: window.count_label.text() == "4 pekerja, 3 aktif")
    section = open_backups(qtbot, window)
    select_copy(section, made)
    section.restore_button.click()
    box = confirm_box(qtbot, section)
    assert box.text().startswith("Pulihkan cadangan tanggal ")
    assert str(ctx.paths.replaced) in box.informativeText()
    old_page = window.pengaturan_page
    button(box, "&Pulihkan").click()
    qtbot.waitUntil(lambda: window.pengaturan_page is not old_page, timeout=20_000)
    assert not window.restoring and window.central.isEnabled()
    assert ctx.register.count(SearchQuery()) == 3  # Dewi, added after the copy, is gone
    qtbot.waitUntil(lambda: window.count_label.text() == "3 pekerja, 2 aktif")
    assert window.pages.currentWidget() is window.pengaturan_page
    restored = window.pengaturan_page.backups
    assert restored is not None
    assert restored.message.text().startswith(f"Cadangan {made.name} dipulihkan.")
    [aside] = ctx.paths.replaced.iterdir()
    assert workers(aside) == 4 and str(aside) in restored.message.text()
    register = window.register_page
    qtbot.waitUntil(lambda: register.first_page_loaded, timeout=10_000)
    names = {register.model.index(r, 1).data() for r in range(register.model.rowCount())}
    assert "Dewi Lestari" not in names and "Budi Santoso" in names


def test_cancel_changes_nothing(qtbot: QtBot, three_workers: AppContext) -> None:
    ctx = three_workers
    made = Backups(ctx.paths).back_up(None, label="desa")
    ctx.register.add(make_worker(14, name="Dewi Lestari"))
    window = make_window(qtbot, ctx)
    section = open_backups(qtbot, window)
    select_copy(section, made)
    section.restore_button.click()
    button(confirm_box(qtbot, section), "&Batal").click()
    assert section.message.text() == "Pemulihan dibatalkan; data tidak berubah."
    assert window.pengaturan_page.backups is section and section.restore_button.isEnabled()
    assert ctx.register.count(SearchQuery()) == 4
    assert not ctx.paths.replaced.exists()


def test_a_foreign_or_damaged_file_is_refused_in_indonesian(
    qtbot: QtBot, three_workers: AppContext, tmp_path: Path
) -> None:
    ctx = three_workers
    section = open_backups(qtbot, make_window(qtbot, ctx))
    notes = tmp_path / "catatan.sqlite3"
    notes.write_text("bukan basis data", encoding="utf-8")
    section.ask_restore(notes)
    qtbot.waitUntil(lambda: section.message.text().startswith("Cadangan tidak dipulihkan."))
    assert "catatan.sqlite3 bukan berkas cadangan Payung Desa" in section.message.text()
    damaged = Backups(ctx.paths).back_up(tmp_path, label="desa")
    data = bytearray(damaged.read_bytes())
    data[4096 : 4096 * 3] = b"\xff" * (4096 * 2)
    damaged.write_bytes(bytes(data))
    section.ask_restore(damaged)
    qtbot.waitUntil(lambda: "rusak" in section.message.text())
    assert section.message.text().startswith("Cadangan tidak dipulihkan.")
    assert section.confirm is None  # never offered
    assert workers(ctx.paths.database) == 3
    assert ctx.register.count(SearchQuery()) == 3 and not ctx.paths.replaced.exists()


def test_a_restore_that_fails_half_way_leaves_the_window_working(
    qtbot: QtBot, three_workers: AppContext
) -> None:
    ctx = three_workers
    made = Backups(ctx.paths).back_up(None, label="desa")
    ctx.register.add(make_worker(14, name="Dewi Lestari"))
    ctx.paths.replaced.write_text("a file where the folder should be", encoding="utf-8")
    window = make_window(qtbot, ctx)
    section = open_backups(qtbot, window)
    select_copy(section, made)
    section.restore_button.click()
    old_page = window.pengaturan_page
    button(confirm_box(qtbot, section), "&Pulihkan").click()
    qtbot.waitUntil(lambda: window.pengaturan_page is not old_page, timeout=20_000)
    again = window.pengaturan_page.backups
    assert again is not None
    assert again.message.text().startswith("Cadangan tidak dipulihkan. Masalah pada berkas data")
    assert window.central.isEnabled() and not window.restoring
    assert ctx.register.count(SearchQuery()) == 4  # the database in place, open again
    qtbot.waitUntil(lambda: window.count_label.text() == "4 pekerja, 3 aktif")
