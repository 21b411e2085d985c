"""The first run as app.ui.main plays it: the FirstRunWizard on an empty data folder, then the
window, on Impor with the workbook chosen in the wizard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drivers import WAIT
from PySide6.QtWidgets import QComboBox, QLineEdit, QRadioButton, QSpinBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from app.services.context import AppContext
from app.services.dto import VillageInfo
from app.ui.first_run import FORMASI, PROFILE, START, SUMMARY, WELCOME, FirstRunWizard
from app.ui.window import MainWindow


def first_run(
    qtbot: QtBot,
    context: AppContext,
    profile: dict[str, str],
    *,
    formasi: dict[str, int],
    workbook: Path | None,
) -> tuple[VillageInfo, Path | None]:
    """The first-run wizard as a new office meets it: Indonesian on the welcome page, the
    profile typed, the formasi, "Data awal" from a workbook; Selesai. Returns the village and
    the workbook to continue with in Impor (app.ui.main runs it with exec(); shown here)."""
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == WELCOME
    languages = wizard.findChild(QComboBox, "languageBox")
    assert languages is not None and languages.currentData() == "id"
    steps: list[tuple[int, Callable[[], None]]] = [
        (PROFILE, lambda: type_profile(qtbot, wizard, profile)),
        (FORMASI, lambda: set_quota(wizard, formasi)),
        (START, lambda: choose_start(qtbot, wizard, workbook)),
    ]
    for page, act in steps:
        wizard.button(QWizard.WizardButton.NextButton).click()
        assert wizard.currentId() == page
        act()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == SUMMARY
    summary = wizard.summary.summary.text()
    assert f"{profile['village_name']} ({profile['village_code']})" in summary, summary
    with qtbot.waitSignal(wizard.accepted, timeout=WAIT):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.village is not None
    return wizard.village, wizard.import_path


def type_profile(qtbot: QtBot, wizard: QWidget, profile: dict[str, str]) -> None:
    for field, value in profile.items():
        editor = wizard.findChild(QLineEdit, f"field_{field}")
        assert editor is not None, field
        qtbot.keyClicks(editor, value)


def set_quota(wizard: QWidget, formasi: dict[str, int]) -> None:
    for category, count in formasi.items():
        spin = wizard.findChild(QSpinBox, f"quota_{category}")
        assert spin is not None, category
        spin.setValue(count)


def choose_start(qtbot: QtBot, wizard: QWizard, workbook: Path | None) -> None:
    name = "startEmpty" if workbook is None else "startImport"
    radio = wizard.findChild(QRadioButton, name)
    assert radio is not None
    radio.click()
    if workbook is not None:
        path = wizard.findChild(QLineEdit, "importPath")
        assert path is not None
        qtbot.keyClicks(path, str(workbook))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def open_window(
    qtbot: QtBot, context: AppContext, village: VillageInfo, import_path: Path | None = None
) -> MainWindow:
    """The window as app.ui.main opens it after the first run: shown on Beranda, then on
    Impor with the workbook chosen in the wizard (its preview read), then the daily backup."""
    window = MainWindow(context, village)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.beranda_page.loaded, timeout=WAIT):
        window.show()  # opens on Beranda, which reads its figures when shown
    if import_path is not None:
        with qtbot.waitSignal(window.impor_page.previewed, timeout=WAIT):
            window.open_import(import_path)
        assert window.pages.currentWidget() is window.impor_page
        assert window.impor_page.file_step.path_edit.text() == str(import_path)
    window.take_daily_backup()
    qtbot.waitUntil(lambda: window.register_page.first_page_loaded, timeout=WAIT)
    return window
