"""Documents from the window: the month's export and recap on Iuran, receipts from Peserta and
right after enrolling, each through the real services on a real village database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from ui_factories import make_worker, pu_terms

from app.domain.period import Period
from app.services.context import AppContext
from app.services.papers import PAPER_SETTING, Paper
from app.ui.dialogs.document_options import DocumentOptionsDialog
from app.ui.dialogs.enrollment_form import EnrollmentFormDialog
from app.ui.dialogs.export_refused import ExportRefusedDialog
from app.ui.dialogs.kepesertaan import CoverageServices, KepesertaanPanel
from app.ui.dialogs.pdf_preview import PdfPreviewDialog
from app.ui.documents import DocumentServices, PdfOpener, made_pdf
from app.ui.i18n import install_language
from app.ui.pages.iuran import IuranPage
from app.ui.pages.iuran_documents import IuranDocuments
from app.ui.pages.register import RegisterPage

NOV = Period(2026, 11)
A4_WIDTH, F4_WIDTH = 595.28, 609.45  # points


@pytest.fixture
def november(context: AppContext) -> AppContext:
    """Budi and Siti (PU, APBDes) and Agus (PU, from the APBD), November's draft generated."""
    add, enroll = context.register.add, context.enrollments.enroll
    for serial, name, payer in ((11, "Budi Santoso", "apbdes"), (12, "Siti Aminah", "apbdes"),
                                (13, "Agus Salim", "apbd")):  # fmt: skip
        enroll(add(make_worker(serial, name=name)).id, pu_terms(payer=payer))
    context.roster.generate(NOV)
    return context


def open_iuran(qtbot: QtBot, ctx: AppContext) -> tuple[IuranPage, IuranDocuments]:
    page = IuranPage(ctx.roster, ctx.standing, ctx.today, documents=DocumentServices.of(ctx))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    assert page.documents is not None
    return page, page.documents


def wait_preview(qtbot: QtBot, opener: PdfOpener) -> PdfPreviewDialog:
    with qtbot.waitSignal(opener.opened, timeout=10_000) as opened:
        pass
    dialog = opened.args[0]
    assert isinstance(dialog, PdfPreviewDialog)
    return dialog


# -- export -----------------------------------------------------------------------------------
def test_export_offers_the_roster_profiles_and_the_month_s_payers(
    qtbot: QtBot, november: AppContext
) -> None:
    _page, documents = open_iuran(qtbot, november)
    assert documents.export_button.isEnabled()
    documents.export_button.click()
    qtbot.waitUntil(lambda: isinstance(documents.dialog, DocumentOptionsDialog))
    dialog = documents.dialog
    assert isinstance(dialog, DocumentOptionsDialog)
    profiles = [dialog.profile_box.itemData(i) for i in range(dialog.profile_box.count())]
    assert profiles[0] == "bpjs-iuran" and "bpjs-pendaftaran" not in profiles
    payers = [dialog.payer_box.itemText(i) for i in range(dialog.payer_box.count())]
    assert payers == ["Semua sumber dana", "APBDes", "APBD"]
    dialog.reject()


def test_export_writes_a_readable_workbook(
    qtbot: QtBot, november: AppContext, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    page, documents = open_iuran(qtbot, november)
    target = tmp_path / "iuran-2026-11.xlsx"
    with qtbot.waitSignal(documents.exported, timeout=10_000):
        documents.export_to(target, profile="bpjs-iuran", payer=None)
    book = load_workbook(target, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    header = list(rows[0])
    niks = [row[header.index("NIK")] for row in rows[1:]]
    expected = {make_worker(serial).nik for serial in (11, 12, 13)}
    assert set(niks) == expected and all(isinstance(nik, str) for nik in niks)
    assert "3 baris" in page.message.text() and "masih draf" in page.message.text()
    assert documents.export_button.isEnabled() and page.progress.isHidden()


def test_a_line_without_a_valid_nik_refuses_the_export(
    qtbot: QtBot, november: AppContext, tmp_path: Path
) -> None:
    from sqlalchemy import update

    from app.models import Worker

    budi = make_worker(11, name="Budi Santoso")
    with november.database.sessions.begin() as session:  # as a bad sync left it
        session.execute(update(Worker).where(Worker.nik == budi.nik).values(nik="35210112"))
    page, documents = open_iuran(qtbot, november)
    target = tmp_path / "iuran.xlsx"
    documents.export_to(target, profile="bpjs-iuran", payer=None)
    qtbot.waitUntil(lambda: isinstance(documents.dialog, ExportRefusedDialog), timeout=10_000)
    dialog = documents.dialog
    assert isinstance(dialog, ExportRefusedDialog)
    [reason] = dialog.reasons()
    assert reason.startswith("1: ") or reason.split(":")[0].isdigit()
    assert dialog.table.item(0, 1).text() == "35210112"  # type: ignore[union-attr]
    assert dialog.table.item(0, 2).text() == "Budi Santoso"  # type: ignore[union-attr]
    assert "Ekspor ditolak" in page.message.text()
    assert not target.exists()


# -- recap ------------------------------------------------------------------------------------
def test_recap_proposes_the_office_paper(qtbot: QtBot, november: AppContext) -> None:
    november.village.set_setting(PAPER_SETTING, "F4")
    _page, documents = open_iuran(qtbot, november)
    documents.recap_button.click()
    qtbot.waitUntil(lambda: isinstance(documents.dialog, DocumentOptionsDialog))
    dialog = documents.dialog
    assert isinstance(dialog, DocumentOptionsDialog)
    assert dialog.paper() is Paper.F4
    assert dialog.profile_box.count() == 0
    dialog.reject()


def test_recap_opens_a_preview_with_its_pages(
    qtbot: QtBot, november: AppContext, tmp_path: Path
) -> None:
    service = DocumentServices.of(november).recap
    expected = service.write_pdf(service.recap(NOV), tmp_path / "rekap.pdf", paper=Paper.F4)
    _page, documents = open_iuran(qtbot, november)
    documents.recap(None, Paper.F4)
    preview = wait_preview(qtbot, documents.pdf)
    assert preview.pages.page_count == expected >= 1
    assert preview.pages.sizes[0].width == pytest.approx(F4_WIDTH, abs=0.5)
    assert preview.file_name == "rekap-iuran-2026-11.pdf"
    assert "November 2026" in preview.windowTitle()


# -- receipts ---------------------------------------------------------------------------------
def open_register(qtbot: QtBot, ctx: AppContext) -> RegisterPage:
    page = RegisterPage(ctx.register, ctx.heirs, ctx.today,
                        receipts=DocumentServices.of(ctx).receipts)  # fmt: skip
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.first_page_loaded)
    return page


def select(page: RegisterPage, *names: str) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in range(page.model.rowCount()):
        worker = page.model.row_at(row)
        if worker is not None and worker.name in names:
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.select(page.model.index(row, 0), flags)


def test_receipts_of_the_selected_workers(qtbot: QtBot, november: AppContext) -> None:
    page = open_register(qtbot, november)
    select(page, "Budi Santoso", "Siti Aminah")
    assert page.receipt_button.isEnabled() and not page.edit_button.isEnabled()
    page.receipt_button.click()
    preview = wait_preview(qtbot, page.commands.pdf)
    assert preview.pages.page_count == 2
    assert preview.pages.sizes[0].width == pytest.approx(A4_WIDTH, abs=0.5)
    assert preview.file_name == "tanda-terima-2-pekerja.pdf"


def test_a_worker_without_coverage_gets_no_receipt(qtbot: QtBot, context: AppContext) -> None:
    context.register.add(make_worker(21, name="Dewi Lestari"))
    page = open_register(qtbot, context)
    select(page, "Dewi Lestari")
    page.receipt_button.click()
    qtbot.waitUntil(lambda: "belum punya kepesertaan" in page.result_label.text())
    assert page.commands.pdf.preview is None


def test_a_receipt_is_offered_right_after_enrolling(qtbot: QtBot, context: AppContext) -> None:
    worker = context.register.add(make_worker(22, name="Eko Saputra"))
    services = CoverageServices(context.enrollments, context.rates, context.register,
                                receipts=DocumentServices.of(context).receipts)  # fmt: skip
    panel = KepesertaanPanel(services=services, worker_id=worker.id, worker_name="Eko Saputra",
                             today=context.today)  # fmt: skip
    qtbot.addWidget(panel)
    panel.add_button.click()
    form = panel.dialog
    assert isinstance(form, EnrollmentFormDialog)
    for field, text in (("wage", "2.022.200"), ("start", "01-01-2026")):
        editor = form.form.rows[field].editor
        assert isinstance(editor, QLineEdit)
        qtbot.keyClicks(editor, text)
    payer = form.form.rows["payer"].editor
    assert isinstance(payer, QComboBox)
    payer.setCurrentIndex(payer.findData("apbdes"))
    form.save_button.click()
    qtbot.waitUntil(lambda: panel.offer_box is not None, timeout=10_000)
    box = panel.offer_box
    assert isinstance(box, QMessageBox) and "Eko Saputra" in box.text()
    accept = next(b for b in box.buttons() if b.text() == "Cetak tanda terima")
    accept.click()
    preview = wait_preview(qtbot, panel.pdf)
    assert preview.pages.page_count == 1
    assert preview.file_name == "tanda-terima-eko-saputra.pdf"
    assert panel.receipt_button.isEnabled()  # a reprint from the tab keeps the number


def test_the_pages_speak_english(qtbot: QtBot, november: AppContext) -> None:
    assert install_language("en")
    _page, documents = open_iuran(qtbot, november)
    assert documents.export_button.text() == "&Export xlsx…"
    assert documents.recap_button.text() == "&Recap PDF…"
    register = open_register(qtbot, november)
    assert register.receipt_button.text() == "Print &receipt"
    service = DocumentServices.of(november).recap
    data = made_pdf(lambda out: service.write_pdf(service.recap(NOV), out), "r.pdf")
    preview = PdfPreviewDialog(data, title="Recap", file_name="r.pdf")
    qtbot.addWidget(preview)
    assert preview.print_button.text() == "&Print…"
    assert preview.page_label.text() == "Page 1 of 1"
