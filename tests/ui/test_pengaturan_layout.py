"""Pengaturan at 1366x768 (the commonest office screen) and with the keyboard only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from app.services.context import AppContext
from app.ui.pages.pengaturan import PengaturanPage
from app.ui.window import MainWindow

# 768 pixels less a title bar and a taskbar: what the window really gets on such a screen.
WIDTH, HEIGHT = 1366, 768 - 70


def settings_window(qtbot: QtBot, ctx: AppContext) -> tuple[MainWindow, PengaturanPage]:
    village = ctx.village.get()
    assert village is not None
    window = MainWindow(ctx, village)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    page = window.pengaturan_page
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        window.show_page(page)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, page


def tab_walk(qtbot: QtBot, start: QWidget, stop: QWidget, limit: int = 60) -> list[QWidget]:
    """The widgets Tab visits from `start` until it reaches `stop`."""
    start.setFocus()
    visited: list[QWidget] = []
    for _ in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        if now is stop:
            return visited
        visited.append(now)
    raise AssertionError("Tab never left the tab")


def test_every_tab_fits_without_scrolling_or_cut_text(
    qtbot: QtBot, three_workers: AppContext
) -> None:
    window, page = settings_window(qtbot, three_workers)
    assert window.minimumSizeHint().width() <= WIDTH
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        area = page.tabs.widget(index)
        assert isinstance(area, QScrollArea)
        content = area.widget()
        assert content is not None
        qtbot.waitUntil(content.isVisible)
        need, have = content.minimumSizeHint(), area.viewport().size()
        name = page.tabs.tabText(index)
        assert need.width() <= have.width() and need.height() <= have.height(), name
        for button in content.findChildren(QAbstractButton):
            if button.isVisible():
                assert button.width() >= button.sizeHint().width(), button.text()


def test_tab_visits_every_control_in_reading_order(qtbot: QtBot, three_workers: AppContext) -> None:
    window, page = settings_window(qtbot, three_workers)
    general, backups, rates, server = page.general, page.backups, page.rates, page.server
    assert general and backups and rates and server
    bar = page.tabs.tabBar()
    page.show_section(general)
    assert tab_walk(qtbot, bar, window.nav) == [
        general.operator_edit, general.language_box, general.paper_box, general.profile_box,
        general.folder_edit, general.folder_button, general.save_button,
    ]  # fmt: skip
    page.show_section(backups)
    qtbot.waitUntil(lambda: backups.table.rowCount() > 0)
    backups.table.selectRow(0)
    assert tab_walk(qtbot, bar, window.nav) == [
        backups.table, backups.backup_button, backups.backup_elsewhere,
        backups.restore_button, backups.restore_file_button,
    ]  # fmt: skip
    page.show_section(rates)
    assert tab_walk(qtbot, bar, window.nav) == [rates.table]
    page.show_section(server)
    assert tab_walk(qtbot, bar, window.nav) == [server.open_button]
    page.tabs.setCurrentIndex(0)
    desa = tab_walk(qtbot, bar, window.nav)
    assert desa[: len(page.form.rows)] == [row.editor for row in page.form.rows.values()]
    assert desa[len(page.form.rows)] is page.profile_button
    assert desa[len(page.form.rows) + 1 : -1] == list(page.spins.values())
    assert desa[-1] is page.quota_button  # the formasi table no longer traps Tab


def test_mnemonics_reach_the_tabs_and_fields(qtbot: QtBot, three_workers: AppContext) -> None:
    _window, page = settings_window(qtbot, three_workers)
    general = page.general
    assert general is not None
    page.tabs.tabBar().setFocus()
    qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentIndex() == 1
    qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is general.paper_box
    qtbot.keyClick(general.paper_box, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is general.operator_edit
