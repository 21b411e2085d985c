"""Adding and editing a worker: live validation, saving, a duplicate NIK named under the field."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from ui_factories import TODAY, make_worker

from app.services.context import AppContext
from app.services.dto import WorkerDetail
from app.ui.dialogs.worker import WorkerDialog
from app.ui.pages.register import RegisterPage


def new_dialog(qtbot: QtBot, ctx: AppContext) -> WorkerDialog:
    dialog = WorkerDialog(save=ctx.register.add, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    return dialog


def type_into(qtbot: QtBot, dialog: WorkerDialog, field: str, text: str) -> None:
    editor = dialog.form.rows[field].editor
    assert isinstance(editor, QLineEdit)
    editor.clear()
    qtbot.keyClicks(editor, text)


def choose(dialog: WorkerDialog, field: str, code: str) -> None:
    editor = dialog.form.rows[field].editor
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData(code))


def error_of(dialog: WorkerDialog, field: str) -> str:
    return dialog.form.rows[field].error.text()


def fill_valid(qtbot: QtBot, dialog: WorkerDialog, nik: str = "3521015708850042") -> None:
    type_into(qtbot, dialog, "nik", nik)
    type_into(qtbot, dialog, "name", "Sri Wahyuni")
    type_into(qtbot, dialog, "birth_date", "17-08-1985")
    choose(dialog, "sex", "P")
    choose(dialog, "category", "kader_posyandu")
    type_into(qtbot, dialog, "phone", "0812 3456 7890")


def test_the_nik_field_says_at_once_what_is_wrong(qtbot: QtBot, context: AppContext) -> None:
    dialog = new_dialog(qtbot, context)
    qtbot.keyClicks(dialog.form.rows["nik"].editor, "35210")
    assert error_of(dialog, "nik") == "NIK harus 16 angka, yang diketik 5 angka; periksa KTP"
    assert not dialog.save_button.isEnabled()
    assert error_of(dialog, "name") == ""  # untouched fields stay quiet
    assert "NIK" in dialog.footer.text() and "Nama lengkap" in dialog.footer.text()


def test_the_nik_is_checked_against_birth_date_and_sex(qtbot: QtBot, context: AppContext) -> None:
    dialog = new_dialog(qtbot, context)
    fill_valid(qtbot, dialog)
    assert dialog.save_button.isEnabled()
    choose(dialog, "sex", "L")
    assert "perempuan" in error_of(dialog, "nik")
    assert not dialog.save_button.isEnabled()


def test_the_birth_date_is_spelled_out_under_the_field(qtbot: QtBot, context: AppContext) -> None:
    dialog = new_dialog(qtbot, context)
    type_into(qtbot, dialog, "birth_date", "17-08-1985")
    assert error_of(dialog, "birth_date") == "17 Agustus 1985"


def test_a_valid_worker_is_saved(qtbot: QtBot, context: AppContext) -> None:
    dialog = new_dialog(qtbot, context)
    fill_valid(qtbot, dialog)
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    detail = saved.args[0]
    assert isinstance(detail, WorkerDetail)
    stored = context.register.get("3521015708850042")
    assert (stored.name, stored.birth_date, stored.phone) == ("Sri Wahyuni", date(1985, 8, 17),
                                                             "081234567890")  # fmt: skip


def test_a_duplicate_nik_is_named_under_the_nik_field(qtbot: QtBot, context: AppContext) -> None:
    existing = make_worker(42, name="Sri Rahayu", female=True, born=date(1985, 8, 17))
    context.register.add(existing)
    dialog = new_dialog(qtbot, context)
    fill_valid(qtbot, dialog, nik=existing.nik)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "Sri Rahayu" in error_of(dialog, "nik"))
    assert "sudah terdaftar" in error_of(dialog, "nik")
    assert not dialog.save_button.isEnabled()  # until the NIK is changed
    type_into(qtbot, dialog, "nik", "3521015708850043")
    assert error_of(dialog, "nik") == ""
    assert dialog.save_button.isEnabled()


def test_add_from_the_page_shows_the_new_worker(qtbot: QtBot, context: AppContext) -> None:
    page = RegisterPage(context.register, context.heirs, context.today)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.first_page_loaded)
    page.add_button.click()
    dialog = page.commands.dialog
    assert isinstance(dialog, WorkerDialog)
    fill_valid(qtbot, dialog)
    with qtbot.waitSignal(page.searchFinished):
        dialog.save_button.click()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == "Sri Wahyuni"


def test_edit_prefills_and_saves(qtbot: QtBot, three_workers: AppContext) -> None:
    page = RegisterPage(three_workers.register, three_workers.heirs, three_workers.today)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.first_page_loaded)
    page.commands.select_row(1)  # Budi Santoso
    page.edit_button.click()
    qtbot.waitUntil(lambda: isinstance(page.commands.dialog, WorkerDialog))
    dialog = page.commands.dialog
    assert isinstance(dialog, WorkerDialog)
    assert dialog.windowTitle() == "Ubah data pekerja"
    assert dialog.form.rows["name"].text() == "Budi Santoso"
    assert dialog.form.rows["birth_date"].text() == "12-05-1980"
    assert dialog.form.rows["sex"].text() == "L"
    assert dialog.save_button.isEnabled()
    type_into(qtbot, dialog, "position", "Kasi Pemerintahan")
    with qtbot.waitSignal(page.searchFinished):
        dialog.save_button.click()
    assert three_workers.register.get("3521011205800011").position == "Kasi Pemerintahan"
    assert page.model.index(1, 5).data() == "Kasi Pemerintahan"
