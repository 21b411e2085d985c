"""Bahasa in Pengaturan: English and back without a restart, remembered for the next start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.context import AppContext
from app.services.settings import LANGUAGE_SETTING
from app.ui.i18n import choose_language, current_language
from app.ui.pages.pengaturan_general import GeneralSection
from app.ui.window import MainWindow

INDONESIAN = ["Beranda", "Peserta", "Iuran", "Impor", "Sinkronisasi", "Pengaturan"]
ENGLISH = ["Home", "Participants", "Contributions", "Import", "Sync", "Settings"]


def open_general(qtbot: QtBot, window: MainWindow) -> GeneralSection:
    page = window.pengaturan_page
    general = page.general
    assert general is not None
    window.show_page(page)
    page.show_section(general)
    qtbot.waitUntil(lambda: general.ready, timeout=10_000)
    return general


def choose(qtbot: QtBot, window: MainWindow, language: str) -> None:
    general = open_general(qtbot, window)
    general.language_box.setCurrentIndex(general.language_box.findData(language))
    old = window.pengaturan_page
    general.save_button.click()
    qtbot.waitUntil(lambda: window.pengaturan_page is not old, timeout=10_000)


def test_english_and_back_without_restart(qtbot: QtBot, three_workers: AppContext) -> None:
    village = three_workers.village.get()
    assert village is not None
    window = MainWindow(three_workers, village)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.count_label.text() == "3 pekerja, 2 aktif")
    assert window.nav_titles() == INDONESIAN
    choose(qtbot, window, "en")
    assert current_language() == "en"
    assert window.nav_titles() == ENGLISH
    assert window.pages.currentWidget() is window.pengaturan_page  # still on Settings
    register = window.register_page
    assert register.model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    qtbot.waitUntil(lambda: window.count_label.text() == "3 workers, 2 active")
    assert window.village_label.text() == "Village Sukamaju (35.21.01.2001)"
    stored = three_workers.village.setting(LANGUAGE_SETTING)
    assert stored == "en" and choose_language(stored) == "en"  # what main.py installs next
    general = open_general(qtbot, window)
    assert general.language_box.currentData() == "en"
    choose(qtbot, window, "id")
    assert current_language() == "id"
    assert window.nav_titles() == INDONESIAN
    qtbot.waitUntil(lambda: window.count_label.text() == "3 pekerja, 2 aktif")
    assert three_workers.village.setting(LANGUAGE_SETTING) == "id"
