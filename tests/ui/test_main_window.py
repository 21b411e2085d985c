"""The main window shell: title, navigation, status bar, keyboard, English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.context import AppContext
from app.ui.dialogs.worker import WorkerDialog
from app.ui.i18n import LANGUAGE_ENV, choose_language, install_language
from app.ui.window import MainWindow


def make_window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    village = ctx.village.get()
    assert village is not None
    window = MainWindow(ctx, village)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.register_page.first_page_loaded)
    return window


def test_title_names_the_village(qtbot: QtBot, three_workers: AppContext) -> None:
    assert make_window(qtbot, three_workers).windowTitle() == "Payung Desa - Sukamaju"


def test_navigation_follows_the_design_and_opens_on_beranda(
    qtbot: QtBot, three_workers: AppContext
) -> None:
    window = make_window(qtbot, three_workers)
    assert window.nav_titles() == [
        "Beranda",
        "Peserta",
        "Iuran",
        "Impor",
        "Sinkronisasi",
        "Pengaturan",
    ]
    assert window.pages.currentWidget() is window.beranda_page


@pytest.mark.parametrize(("key", "page"), [(Qt.Key.Key_1, "beranda_page"),
                                           (Qt.Key.Key_2, "register_page"),
                                           (Qt.Key.Key_3, "iuran_page"),
                                           (Qt.Key.Key_4, "impor_page"),
                                           (Qt.Key.Key_5, "sinkronisasi_page"),
                                           (Qt.Key.Key_6, "pengaturan_page")])  # fmt: skip
def test_ctrl_and_a_number_opens_that_page(
    qtbot: QtBot, three_workers: AppContext, key: Qt.Key, page: str
) -> None:
    window = make_window(qtbot, three_workers)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts need the active window
    window.nav.setCurrentRow(1)
    qtbot.keyClick(window.nav, key, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is getattr(window, page)
    assert window.pages.currentIndex() == window.nav.currentRow()


def test_status_bar_shows_village_counts_and_operator(
    qtbot: QtBot, three_workers: AppContext
) -> None:
    window = make_window(qtbot, three_workers)
    qtbot.waitUntil(lambda: window.count_label.text() != "")
    assert window.village_label.text() == "Desa Sukamaju (35.21.01.2001)"
    assert window.count_label.text() == "3 pekerja, 2 aktif"
    assert window.operator_label.text() == "Operator: Siti Aminah"


def test_ctrl_n_opens_the_new_worker_dialog(qtbot: QtBot, three_workers: AppContext) -> None:
    window = make_window(qtbot, three_workers)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_page(window.register_page)
    table = window.register_page.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.register_page.commands.dialog, WorkerDialog))


def test_enter_on_a_row_edits_it(qtbot: QtBot, three_workers: AppContext) -> None:
    window = make_window(qtbot, three_workers)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.register_page
    window.show_page(page)
    page.commands.select_row(2)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(page.commands.dialog, WorkerDialog))
    dialog = page.commands.dialog
    assert isinstance(dialog, WorkerDialog)
    assert dialog.form.rows["name"].text() == "Siti Aminah"


def test_window_speaks_english_with_payung_lang_en(
    qtbot: QtBot, three_workers: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    assert install_language(choose_language("id")), "payung_en.qm missing: run `make setup`"
    window = make_window(qtbot, three_workers)
    assert window.nav_titles() == [
        "Home",
        "Participants",
        "Contributions",
        "Import",
        "Sync",
        "Settings",
    ]
    page = window.register_page
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    assert page.category_filter.itemText(0) == "All categories"
    assert page.model.index(1, 2).data() == "12 May 1980"
    assert page.model.index(1, 4).data() == "Village Official"
    qtbot.waitUntil(lambda: window.count_label.text() != "")
    assert window.count_label.text() == "3 workers, 2 active"
