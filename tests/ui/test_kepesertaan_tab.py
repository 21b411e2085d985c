"""The worker dialog's Kepesertaan tab: periods listed, added with live errors, moved, ended."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from ui_factories import TODAY, make_worker, pu_terms

from app.domain.categories import EndReason
from app.domain.enrollment import EnrollmentStatus
from app.services.context import AppContext
from app.ui.dialogs.end_membership import EndEnrollmentDialog
from app.ui.dialogs.enrollment_form import EnrollmentFormDialog
from app.ui.dialogs.kepesertaan import CoverageServices, KepesertaanPanel
from app.ui.dialogs.worker import WorkerDialog
from app.ui.forms import CheckGroup, Form
from app.ui.pages.register import RegisterPage


@pytest.fixture
def budi(context: AppContext) -> str:
    """One worker on the register, no coverage period yet; returns the id."""
    return context.register.add(make_worker(11, name="Budi Santoso", female=False)).id


def services(ctx: AppContext) -> CoverageServices:
    return CoverageServices(ctx.enrollments, ctx.rates, ctx.register)


def open_panel(qtbot: QtBot, ctx: AppContext, worker_id: str) -> KepesertaanPanel:
    panel = KepesertaanPanel(
        services=services(ctx), worker_id=worker_id, worker_name="Budi Santoso", today=ctx.today
    )
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded):
        pass
    return panel


def cells(panel: KepesertaanPanel, row: int = 0) -> list[str]:
    table = panel.table
    return [table.item(row, column).text() for column in range(table.columnCount())]


def set_field(qtbot: QtBot, form: Form, field: str, value: str) -> None:
    editor = form.rows[field].editor
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(editor.findData(value))
    elif isinstance(editor, CheckGroup):
        editor.setText(value)
        editor.textEdited.emit(value)
    else:
        assert isinstance(editor, QLineEdit)
        editor.clear()
        qtbot.keyClicks(editor, value)


def new_period_form(qtbot: QtBot, panel: KepesertaanPanel) -> EnrollmentFormDialog:
    panel.add_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, EnrollmentFormDialog)
    return dialog


def error_of(dialog: EnrollmentFormDialog, field: str) -> str:
    return dialog.form.rows[field].error.text()


def test_a_new_worker_has_no_kepesertaan_tab_yet(qtbot: QtBot, context: AppContext) -> None:
    dialog = WorkerDialog(save=context.register.add, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(2)] == ["&Data diri", "&Kepesertaan"]
    assert not dialog.tabs.isTabEnabled(1)


def test_the_register_opens_the_worker_on_kepesertaan(
    qtbot: QtBot, context: AppContext, budi: str
) -> None:
    page = RegisterPage(context.register, context.heirs, context.today, coverage=services(context))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.first_page_loaded)
    page.commands.select_row(0)
    page.coverage_button.click()
    qtbot.waitUntil(lambda: isinstance(page.commands.dialog, WorkerDialog))
    dialog = page.commands.dialog
    assert isinstance(dialog, WorkerDialog) and dialog.kepesertaan is not None
    assert dialog.tabs.currentWidget() is dialog.kepesertaan
    assert dialog.cancel_button.text() == "Tutup"  # periods are written at once
    qtbot.waitUntil(lambda: "Belum ada kepesertaan" in dialog.kepesertaan.message.text())


def test_a_period_needs_jkk_jkm_and_a_real_wage(
    qtbot: QtBot, context: AppContext, budi: str
) -> None:
    dialog = new_period_form(qtbot, open_panel(qtbot, context, budi))
    assert dialog.form.values()["programs"] == "JKK,JKM"  # the required pair, ticked
    assert not dialog.save_button.isEnabled()  # no wage, no payer yet
    set_field(qtbot, dialog.form, "wage", "dua juta")
    assert error_of(dialog, "wage") == "Jumlah uang harus angka rupiah, misalnya 16.800"
    dialog.programmes.boxes["JKM"].click()
    assert error_of(dialog, "programs") == "Program wajib memuat JKK dan JKM"
    assert "Program" in dialog.footer.text() and "Upah/penghasilan" in dialog.footer.text()
    assert not dialog.save_button.isEnabled()


def test_bpu_cannot_take_jp(qtbot: QtBot, context: AppContext, budi: str) -> None:
    dialog = new_period_form(qtbot, open_panel(qtbot, context, budi))
    jp = dialog.programmes.boxes["JP"]
    jp.click()
    assert jp.isChecked() and jp.isEnabled()
    set_field(qtbot, dialog.form, "segment", "BPU")
    assert not jp.isChecked() and not jp.isEnabled()
    assert not dialog.form.rows["risk_class"].editor.isEnabled()
    set_field(qtbot, dialog.form, "programs", "JKK,JKM,JP")  # e.g. stored before the rule
    assert error_of(dialog, "programs") == "Peserta BPU tidak dapat ikut JP; hapus JP"
    assert not dialog.save_button.isEnabled()


def test_a_bpu_income_must_be_a_bracket(qtbot: QtBot, context: AppContext, budi: str) -> None:
    dialog = new_period_form(qtbot, open_panel(qtbot, context, budi))
    set_field(qtbot, dialog.form, "segment", "BPU")
    set_field(qtbot, dialog.form, "wage", "1.500.000")
    assert "Rp1.000.000" in error_of(dialog, "wage")


def test_a_valid_period_is_saved_and_listed(qtbot: QtBot, context: AppContext, budi: str) -> None:
    panel = open_panel(qtbot, context, budi)
    dialog = new_period_form(qtbot, panel)
    set_field(qtbot, dialog.form, "wage", "2.022.200")
    set_field(qtbot, dialog.form, "payer", "apbdes")
    set_field(qtbot, dialog.form, "start", "01-01-2026")
    assert error_of(dialog, "wage") == "Rp2.022.200 per bulan"
    assert error_of(dialog, "start") == "1 Januari 2026"
    assert dialog.preview.text() == "Iuran per bulan: Rp10.920"
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(panel.changed), qtbot.waitSignal(panel.loaded):
        dialog.save_button.click()
    assert cells(panel) == ["1 Januari 2026", "", "PU", "JKK, JKM", "Rp2.022.200", "APBDes",
                            "", "Aktif"]  # fmt: skip
    assert panel.detail.text() == (
        "Iuran November 2026: Rp10.920 (JKK Rp4.853 + JKM Rp6.067), dibayar dari APBDes"
    )
    assert context.enrollments.list(budi)[0].wage == 2_022_200


def test_jkp_is_shown_as_an_automatic_entitlement(
    qtbot: QtBot, context: AppContext, budi: str
) -> None:
    context.enrollments.enroll(budi, pu_terms(programmes="JKK,JKM,JHT"))
    panel = open_panel(qtbot, context, budi)
    assert cells(panel)[3] == "JKK, JKM, JHT + JKP (otomatis)"
    panel.edit_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, EnrollmentFormDialog)
    assert error_of(dialog, "programs") == "JKP (otomatis): tanpa iuran tambahan"


def test_an_overlapping_period_is_refused_under_the_tmt(
    qtbot: QtBot, context: AppContext, budi: str
) -> None:
    context.enrollments.enroll(budi, pu_terms())
    panel = open_panel(qtbot, context, budi)
    dialog = new_period_form(qtbot, panel)
    set_field(qtbot, dialog.form, "segment", "BPU")
    set_field(qtbot, dialog.form, "wage", "1.000.000")
    set_field(qtbot, dialog.form, "payer", "self")
    set_field(qtbot, dialog.form, "start", "01-06-2026")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "tumpang tindih" in error_of(dialog, "start"))
    assert error_of(dialog, "start").startswith("Bertumpang tindih dengan kepesertaan 1 Januari")
    assert dialog.isVisible() and not dialog.save_button.isEnabled()
    set_field(qtbot, dialog.form, "start", "01-07-2026")  # another value: the error goes
    assert "tumpang tindih" not in error_of(dialog, "start")
    assert len(context.enrollments.list(budi)) == 1


def test_running_terms_are_edited(qtbot: QtBot, context: AppContext, budi: str) -> None:
    context.enrollments.enroll(budi, pu_terms())
    panel = open_panel(qtbot, context, budi)
    panel.edit_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, EnrollmentFormDialog)
    assert dialog.form.values()["wage"] == "2.022.200"
    assert "status" not in dialog.form.rows  # the status moves with its own buttons
    set_field(qtbot, dialog.form, "wage", "2.500.000")
    with qtbot.waitSignal(panel.loaded):
        dialog.save_button.click()
    assert cells(panel)[4] == "Rp2.500.000"
    assert context.enrollments.list(budi)[0].wage == 2_500_000


def test_a_draft_is_submitted_activated_then_ended(
    qtbot: QtBot, context: AppContext, budi: str
) -> None:
    context.enrollments.enroll(budi, pu_terms(), status=EnrollmentStatus.DRAFT)
    panel = open_panel(qtbot, context, budi)
    assert cells(panel)[7] == "Draf"
    assert panel.submit_button.isEnabled() and not panel.activate_button.isEnabled()
    with qtbot.waitSignal(panel.loaded):
        panel.submit_button.click()
    assert cells(panel)[7] == "Diajukan"
    assert panel.activate_button.isEnabled() and not panel.submit_button.isEnabled()
    with qtbot.waitSignal(panel.loaded):
        panel.activate_button.click()
    assert cells(panel)[7] == "Aktif"
    panel.end_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, EndEnrollmentDialog)
    assert dialog.form.values()["date"] == "21-11-2026"
    set_field(qtbot, dialog.form, "date", "31-12-2026")
    set_field(qtbot, dialog.form, "reason", EndReason.TERM_ENDED.value)
    with qtbot.waitSignal(panel.changed), qtbot.waitSignal(panel.loaded):
        dialog.save_button.click()
    assert cells(panel)[1] == "31 Desember 2026"
    assert panel.detail.text() == "Berakhir 31 Desember 2026: Masa jabatan berakhir."
    assert cells(panel)[7] == "Berakhir"
    assert not panel.end_button.isEnabled() and not panel.edit_button.isEnabled()
    assert context.enrollments.list(budi)[0].end == date(2026, 12, 31)
