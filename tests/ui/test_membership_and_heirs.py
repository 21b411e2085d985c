"""Ending a membership and keeping a worker's heirs, from the Peserta page."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from app.domain.categories import EndReason, WorkerStatus
from app.services.context import AppContext
from app.ui.dialogs.end_membership import EndMembershipDialog
from app.ui.dialogs.heir_form import HeirFormDialog
from app.ui.dialogs.heirs import HeirsDialog
from app.ui.forms import Form
from app.ui.pages.register import RegisterPage

BUDI_NIK = "3521011205800011"


def page_on_budi(qtbot: QtBot, ctx: AppContext) -> RegisterPage:
    page = RegisterPage(ctx.register, ctx.heirs, ctx.today)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.first_page_loaded)
    page.commands.select_row(1)
    assert page.commands.selected_id() == ctx.register.get(BUDI_NIK).id
    return page


def set_field(qtbot: QtBot, form: Form, field: str, value: str) -> None:
    editor = form.rows[field].editor
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(editor.findData(value))
    else:
        assert isinstance(editor, QLineEdit)
        editor.clear()
        qtbot.keyClicks(editor, value)


def test_end_membership_changes_the_status(qtbot: QtBot, three_workers: AppContext) -> None:
    page = page_on_budi(qtbot, three_workers)
    page.end_button.click()
    dialog = page.commands.dialog
    assert isinstance(dialog, EndMembershipDialog)
    assert dialog.form.rows["date"].text() == "21-11-2026"  # today, day first
    assert not dialog.save_button.isEnabled()  # no reason chosen yet
    reasons = dialog.form.rows["reason"].editor
    assert isinstance(reasons, QComboBox)
    assert [reasons.itemText(i) for i in range(1, reasons.count())] == [r.label for r in EndReason]
    set_field(qtbot, dialog.form, "date", "31-10-2026")
    set_field(qtbot, dialog.form, "reason", "resigned")
    with qtbot.waitSignal(page.searchFinished):
        dialog.save_button.click()
    worker = three_workers.register.get(BUDI_NIK)
    assert worker.status is WorkerStatus.ENDED
    assert worker.end_reason is EndReason.RESIGNED
    assert str(worker.end_date) == "2026-10-31"
    assert page.model.index(1, 7).data() == "Berhenti"
    assert not page.end_button.isEnabled()


def test_an_impossible_end_date_is_refused_under_the_field(
    qtbot: QtBot, three_workers: AppContext
) -> None:
    page = page_on_budi(qtbot, three_workers)
    page.end_button.click()
    dialog = page.commands.dialog
    assert isinstance(dialog, EndMembershipDialog)
    set_field(qtbot, dialog.form, "reason", "moved")
    set_field(qtbot, dialog.form, "date", "31-02-2026")
    assert "tidak ada di kalender" in dialog.form.rows["date"].error.text()
    set_field(qtbot, dialog.form, "date", "01-01-1970")  # before Budi was born
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "tidak masuk akal" in dialog.form.rows["date"].error.text())
    assert three_workers.register.get(BUDI_NIK).status is WorkerStatus.ACTIVE


def open_heirs(qtbot: QtBot, page: RegisterPage) -> HeirsDialog:
    page.heirs_button.click()
    dialog = page.commands.dialog
    assert isinstance(dialog, HeirsDialog)
    qtbot.waitUntil(lambda: dialog.message.text() != "")
    return dialog


def add_heir(qtbot: QtBot, heirs: HeirsDialog, name: str, relation: str, nik: str = "") -> None:
    heirs.add_button.click()
    form = heirs.findChild(HeirFormDialog)
    assert form is not None
    set_field(qtbot, form.form, "heir_name", name)
    set_field(qtbot, form.form, "relation", relation)
    if nik:
        set_field(qtbot, form.form, "heir_nik", nik)
    with qtbot.waitSignal(heirs.loaded):
        form.save_button.click()


def test_heirs_are_added_listed_and_removed(qtbot: QtBot, three_workers: AppContext) -> None:
    page = page_on_budi(qtbot, three_workers)
    heirs = open_heirs(qtbot, page)
    assert heirs.table.rowCount() == 0
    add_heir(qtbot, heirs, "Siti Khotijah", "spouse")
    add_heir(qtbot, heirs, "Rizky Santoso", "child")
    assert heirs.table.rowCount() == 2
    assert [heirs.table.item(r, 1).text() for r in range(2)] == ["Suami/Istri", "Anak"]
    heirs.table.selectRow(1)
    heirs.remove_button.click()
    box = heirs.confirm_box
    assert box is not None
    with qtbot.waitSignal(heirs.loaded):
        next(b for b in box.buttons() if b.text() == "Hapus").click()
    worker_id = three_workers.register.get(BUDI_NIK).id
    assert [h.name for h in three_workers.heirs.list(worker_id)] == ["Siti Khotijah"]


def test_heir_form_shows_every_broken_rule(qtbot: QtBot, three_workers: AppContext) -> None:
    page = page_on_budi(qtbot, three_workers)
    heirs = open_heirs(qtbot, page)
    heirs.add_button.click()
    form = heirs.findChild(HeirFormDialog)
    assert form is not None
    set_field(qtbot, form.form, "heir_nik", "12345")
    set_field(qtbot, form.form, "heir_phone", "abc")
    assert "16 angka" in form.form.rows["heir_nik"].error.text()
    assert "Nomor HP" in form.form.rows["heir_phone"].error.text()
    assert not form.save_button.isEnabled()


def test_heir_is_edited(qtbot: QtBot, three_workers: AppContext) -> None:
    page = page_on_budi(qtbot, three_workers)
    heirs = open_heirs(qtbot, page)
    add_heir(qtbot, heirs, "Siti Khotijah", "spouse")
    heirs.table.selectRow(0)
    heirs.edit_button.click()
    form = heirs.findChild(HeirFormDialog)
    assert form is not None
    assert form.form.rows["heir_name"].text() == "Siti Khotijah"
    set_field(qtbot, form.form, "heir_phone", "081299990000")
    with qtbot.waitSignal(heirs.loaded):
        form.save_button.click()
    assert heirs.table.item(0, 4).text() == "081299990000"
