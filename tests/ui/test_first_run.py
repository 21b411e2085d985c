"""First run: the wizard driven with the keyboard, from nothing to a village set up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QSpinBox, QWidget, QWizard
from pytestqt.qtbot import QtBot
from ui_factories import VILLAGE_FORM, nik_for, open_context

from app.config import resolve_paths
from app.domain.categories import Category
from app.services.context import AppContext
from app.ui.first_run import FORMASI, PROFILE, START, SUMMARY, WELCOME, FirstRunWizard
from app.ui.i18n import LANGUAGE_SETTING, current_language
from app.ui.main import run_window
from app.ui.pages.impor import FILE
from app.ui.window import MainWindow

FIELD_ORDER = ["village_code", "village_name", "kecamatan", "kabupaten", "province", "head",
               "secretary"]  # fmt: skip


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[AppContext]:
    """A data folder through the real migrations, with no village yet."""
    ctx = open_context(tmp_path / "data")
    yield ctx
    ctx.close()


def open_wizard(qtbot: QtBot, ctx: AppContext) -> FirstRunWizard:
    wizard = FirstRunWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key) -> None:
    qtbot.keyClick(focused(), key)


def type_profile(qtbot: QtBot, values: dict[str, str]) -> None:
    """From the code field, type each field and Tab to the next, as a secretary would; the
    last field keeps the focus, so Enter means the wizard's default button."""
    for index, name in enumerate(FIELD_ORDER):
        if index:
            press(qtbot, Qt.Key.Key_Tab)
        assert focused().objectName() == f"field_{name}"
        qtbot.keyClicks(focused(), values.get(name, ""))


def walk_to_summary(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    """Enter on the welcome page, the profile typed, Enter past formasi and Data awal."""
    assert focused().objectName() == "languageBox"
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == PROFILE
    type_profile(qtbot, VILLAGE_FORM)
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == FORMASI
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == START
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SUMMARY


def finish(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)


def test_keys_only_set_up_the_village_with_an_empty_register(
    qtbot: QtBot, fresh: AppContext
) -> None:
    wizard = open_wizard(qtbot, fresh)
    assert wizard.currentId() == WELCOME
    walk_to_summary(qtbot, wizard)
    assert "Sukamaju (35.21.01.2001)" in wizard.summary.summary.text()
    assert "Formasi: belum diisi" in wizard.summary.summary.text()
    finish(qtbot, wizard)
    assert wizard.village is not None and wizard.import_path is None
    stored = fresh.village.get()
    assert stored is not None
    assert (stored.code, stored.name, stored.head_name) == (
        "35.21.01.2001", "Sukamaju", "Bambang Sutrisno")  # fmt: skip
    assert fresh.village.operator() == "Siti Aminah"
    assert fresh.village.setting(LANGUAGE_SETTING) == "id"
    assert fresh.standing.quota() == {}


def test_a_bad_code_is_named_in_indonesian_and_blocks_next(qtbot: QtBot, fresh: AppContext) -> None:
    wizard = open_wizard(qtbot, fresh)
    press(qtbot, Qt.Key.Key_Return)
    type_profile(qtbot, {**VILLAGE_FORM, "village_code": "35.21.01"})
    error = wizard.profile.form.rows["village_code"].error.text()
    assert "PP.KK.CC.DDDD" in error
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == PROFILE
    code = wizard.findChild(QLineEdit, "field_village_code")
    assert code is not None
    code.setFocus()
    qtbot.keyClicks(code, ".2001")
    assert wizard.profile.form.rows["village_code"].error.text() == ""
    assert next_button.isEnabled()


def test_an_empty_name_is_named_and_the_window_asks_no_more(
    qtbot: QtBot, fresh: AppContext
) -> None:
    wizard = open_wizard(qtbot, fresh)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), VILLAGE_FORM["village_code"])
    name = wizard.findChild(QLineEdit, "field_village_name")
    assert name is not None
    qtbot.keyClicks(name, "x")
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    assert wizard.profile.form.rows["village_name"].error.text() == "Nama desa wajib diisi"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_formasi_typed_on_the_way_is_saved(qtbot: QtBot, fresh: AppContext) -> None:
    wizard = open_wizard(qtbot, fresh)
    press(qtbot, Qt.Key.Key_Return)
    type_profile(qtbot, VILLAGE_FORM)
    press(qtbot, Qt.Key.Key_Return)
    assert focused().objectName() == "quota_kepala_desa"
    qtbot.keyClicks(focused(), "1")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().objectName() == "quota_sekretaris_desa"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().objectName() == "quota_perangkat_desa"
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "12")
    spin = wizard.findChild(QSpinBox, "quota_perangkat_desa")
    assert spin is not None and spin.value() == 12
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    assert "Perangkat Desa 12" in wizard.summary.summary.text()
    finish(qtbot, wizard)
    assert fresh.standing.quota() == {Category.KEPALA_DESA: 1, Category.PERANGKAT_DESA: 12}


def test_english_retranslates_the_wizard_at_once_and_is_stored(
    qtbot: QtBot, fresh: AppContext
) -> None:
    wizard = open_wizard(qtbot, fresh)
    assert wizard.windowTitle() == "Payung Desa - Siapkan desa"
    box = wizard.findChild(QComboBox, "languageBox")
    assert box is not None and box.currentData() == "id"
    press(qtbot, Qt.Key.Key_Down)
    assert box.currentData() == "en"
    assert current_language() == "en"
    assert wizard.windowTitle() == "Payung Desa - Set up the village"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Next >"
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Cancel"
    press(qtbot, Qt.Key.Key_Return)
    code = wizard.findChild(QLineEdit, "field_village_code")
    assert code is not None and code.placeholderText() == "PP.KK.CC.DDDD, e.g. 35.21.01.2001"
    caption = wizard.profile.fields.labelForField(wizard.profile.form.rows["kecamatan"].widget)
    assert caption.text().replace("&", "") == "District (kecamatan)"  # type: ignore[union-attr]
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "< &Back"
    type_profile(qtbot, VILLAGE_FORM)
    for _page in (FORMASI, START, SUMMARY):
        press(qtbot, Qt.Key.Key_Return)
    finish(qtbot, wizard)
    assert fresh.village.setting(LANGUAGE_SETTING) == "en"


def test_back_to_indonesian_restores_the_texts(qtbot: QtBot, fresh: AppContext) -> None:
    wizard = open_wizard(qtbot, fresh)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Up)
    assert current_language() == "id"
    assert wizard.windowTitle() == "Payung Desa - Siapkan desa"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Lanjut >"


def test_escape_cancels_and_nothing_is_stored(qtbot: QtBot, fresh: AppContext) -> None:
    wizard = open_wizard(qtbot, fresh)
    press(qtbot, Qt.Key.Key_Return)
    type_profile(qtbot, VILLAGE_FORM)
    with qtbot.waitSignal(wizard.rejected):
        press(qtbot, Qt.Key.Key_Escape)
    assert wizard.village is None
    assert fresh.village.get() is None


def test_import_needs_a_workbook_that_exists(
    qtbot: QtBot, fresh: AppContext, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, fresh)
    press(qtbot, Qt.Key.Key_Return)
    type_profile(qtbot, VILLAGE_FORM)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    assert focused().objectName() == "startEmpty"
    press(qtbot, Qt.Key.Key_Down)  # arrow keys move between radio buttons
    assert focused().objectName() == "startImport"
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().objectName() == "importPath"
    qtbot.keyClicks(focused(), str(tmp_path / "daftar.pdf"))
    assert wizard.start.problem.text() == "Pilih berkas .xlsx, .xls, .ods atau .csv."
    focused().clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(focused(), str(tmp_path / "tidak-ada.xlsx"))
    assert wizard.start.problem.text() == "Berkas ini tidak ada."
    assert not next_button.isEnabled()
    workbook(tmp_path / "tidak-ada.xlsx")
    qtbot.keyClick(focused(), Qt.Key.Key_End)  # any edit checks again
    qtbot.keyClicks(focused(), " ")
    assert next_button.isEnabled()


def workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NIK", "Nama", "Tgl Lahir", "L/P", "Jabatan"])
    born = date(1980, 5, 12)
    sheet.append([nik_for(born, female=False, serial=31), "Budi Santoso", born, "L", "Kaur"])
    book.save(path)
    return path


def when_shown(act: object, kind: type[QWidget]) -> None:
    """Run act(widget) once run_window has shown a top-level widget of `kind`."""

    def poll() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if shown:
            act(shown[0])  # type: ignore[operator]
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_cancelling_the_first_run_exits_0_without_a_village(qtbot: QtBot, tmp_path: Path) -> None:
    when_shown(lambda wizard: wizard.reject(), FirstRunWizard)
    assert run_window(resolve_paths(tmp_path / "data")) == 0
    ctx = open_context(tmp_path / "data")
    try:
        assert ctx.village.get() is None
    finally:
        ctx.close()


def test_run_window_first_run_continues_in_impor_with_the_file_chosen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    book = workbook(tmp_path / "daftar pekerja.xlsx")
    seen: dict[str, object] = {}

    def drive(wizard: FirstRunWizard) -> None:
        wizard.activateWindow()
        qtbot.waitUntil(wizard.isActiveWindow)
        walk_to_summary(qtbot, wizard)
        wizard.back()
        wizard.start.from_file.setFocus()
        qtbot.keyClick(wizard.start.from_file, Qt.Key.Key_Space)
        qtbot.keyClicks(wizard.start.path_edit, str(book))
        press(qtbot, Qt.Key.Key_Return)
        assert wizard.currentId() == SUMMARY
        assert "daftar pekerja.xlsx" in wizard.summary.summary.text()
        press(qtbot, Qt.Key.Key_Return)
        when_shown(check_window, MainWindow)

    def check_window(window: MainWindow) -> None:
        page = window.impor_page
        seen["page"] = window.pages.currentWidget() is page
        seen["path"] = page.path
        seen["shown"] = page.file_step.path_edit.text()
        seen["step"] = page.steps.currentIndex()
        qtbot.waitUntil(lambda: page.preview is not None, timeout=60_000)
        seen["rows"] = page.preview.rows_read if page.preview else None
        window.close()

    when_shown(drive, FirstRunWizard)
    assert run_window(resolve_paths(tmp_path / "data")) == 0
    assert seen == {"page": True, "path": book, "shown": str(book), "step": FILE, "rows": 1}
    ctx = open_context(tmp_path / "data")
    try:
        village = ctx.village.get()
        assert village is not None and village.name == "Sukamaju"
    finally:
        ctx.close()
