"""Drivers of the desktop window for the journey test: each does what a village secretary
does with the mouse and keyboard on one page, waits for the background work it starts, and
leaves the page as the person would see it. Nothing here calls a service behind the UI's back,
except where a step's page does not exist yet (marked so, one helper each).

Waits are generous (WAIT ms): the machine is shared and the pool threads take their time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.ui.dialogs.base import FormDialog
from app.ui.dialogs.document_options import DocumentOptionsDialog
from app.ui.dialogs.enrollment_form import EnrollmentFormDialog
from app.ui.dialogs.payment import PaymentDialog
from app.ui.dialogs.pdf_preview import PdfPreviewDialog
from app.ui.dialogs.worker import WorkerDialog
from app.ui.documents import PdfOpener
from app.ui.pages.impor import PREVIEW, RESULT
from app.ui.window import MainWindow

WAIT = 60_000  # ms


# -- forms ----------------------------------------------------------------------------------
def fill(qtbot: QtBot, dialog: FormDialog, values: dict[str, str]) -> None:
    """Type into line edits (as keystrokes, so live checks run) and pick combo entries."""
    for field, value in values.items():
        editor = dialog.form.rows[field].editor
        if isinstance(editor, QComboBox):
            index = editor.findData(value)
            assert index >= 0, f"{field}: no choice {value!r}"
            editor.setCurrentIndex(index)
        else:
            assert isinstance(editor, QLineEdit), field
            editor.selectAll()
            editor.clear()
            qtbot.keyClicks(editor, value)


def button(box: QMessageBox, text: str) -> QPushButton:
    found = [b for b in box.buttons() if b.text().replace("&", "") == text]
    assert found, f"no button {text!r} in {[b.text() for b in box.buttons()]}"
    chosen = found[0]
    assert isinstance(chosen, QPushButton)
    return chosen


def save_file_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """The next "Simpan sebagai" file dialog answers `target` (no native dialog offscreen)."""

    def answer(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))


# -- first run and the window ---------------------------------------------------------------
def show(qtbot: QtBot, window: MainWindow, page: Any, *, loaded: Any = None) -> None:
    """Click the page in the navigation; wait for `loaded` when the page reads on show."""
    row = window.pages.indexOf(page)
    if loaded is None:
        window.nav.setCurrentRow(row)
    else:
        with qtbot.waitSignal(loaded, timeout=WAIT):
            window.nav.setCurrentRow(row)
    assert window.pages.currentWidget() is page


# -- Sinkronisasi ---------------------------------------------------------------------------
def connect(qtbot: QtBot, window: MainWindow, url: str, code: str) -> None:
    """Address and code typed, Sambungkan; the first sync follows by itself."""
    page = window.sinkronisasi_page
    show(qtbot, window, page)
    qtbot.waitUntil(lambda: page.status is not None, timeout=WAIT)
    qtbot.keyClicks(page.url_edit, url)
    qtbot.keyClicks(page.code_edit, code)
    with qtbot.waitSignal(page.scheduler.succeeded, timeout=WAIT):
        page.connect_button.click()
    qtbot.waitUntil(lambda: page.connection.currentIndex() == 1, timeout=WAIT)


def sync_now(qtbot: QtBot, window: MainWindow) -> None:
    """Sinkronkan sekarang, until the result and the review lists read after it are shown."""
    page = window.sinkronisasi_page
    show(qtbot, window, page)
    qtbot.waitUntil(page.sync_button.isEnabled, timeout=WAIT)
    # The review lists are read after the sync succeeds: wait for both, in either order.
    with (
        qtbot.waitSignal(page.reviewLoaded, timeout=WAIT),
        qtbot.waitSignal(page.scheduler.succeeded, timeout=WAIT),
    ):
        page.sync_button.click()
    page.scheduler.refresh_status()
    qtbot.waitUntil(lambda: page.status is not None and page.status.ops_waiting == 0, timeout=WAIT)


# -- Impor ----------------------------------------------------------------------------------
def preview_import(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    """Choose the file on Impor and walk to the preview (the mapping as detected)."""
    page = window.impor_page
    show(qtbot, window, page)
    with qtbot.waitSignal(page.previewed, timeout=WAIT):
        page.choose_file(path)  # what Pilih berkas… does once the file dialog answers
    walk_to_preview(window)


def walk_to_preview(window: MainWindow) -> None:
    """Lanjut twice: from the file read to its preview, the detected mapping kept."""
    page = window.impor_page
    page.next_button.click()
    page.next_button.click()
    assert page.steps.currentIndex() == PREVIEW


def preview_lines(window: MainWindow) -> list[tuple[int, str, str, str, str]]:
    """(row, name, column, kind, problem) of every line of the preview table, as shown."""
    model = window.impor_page.preview_step.model

    def text(n: int, column: int) -> str:
        return str(model.index(n, column).data() or "")

    return [
        (model.line_at(n).row, text(n, 2), text(n, 3), text(n, 4), text(n, 5))
        for n in range(model.rowCount())
    ]


def apply_import(qtbot: QtBot, window: MainWindow) -> None:
    page = window.impor_page
    with qtbot.waitSignal(page.imported, timeout=WAIT):
        page.import_button.click()
    assert page.steps.currentIndex() == RESULT
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)


def save_import_report(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path
) -> None:
    """Simpan laporan kesalahan… on the last step, saved as `target`."""
    page = window.impor_page
    save_file_as(monkeypatch, target)
    with qtbot.waitSignal(page.reportSaved, timeout=WAIT):
        page.result_step.report_button.click()


def import_again(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    """Impor berkas lain, then the (corrected) file, walked to the preview."""
    window.impor_page.result_step.again_button.click()
    preview_import(qtbot, window, path)


# -- Peserta --------------------------------------------------------------------------------
def names_listed(window: MainWindow) -> list[str]:
    model = window.register_page.model
    return [str(model.index(row, 1).data()) for row in range(model.rowCount())]


def select_worker(qtbot: QtBot, window: MainWindow, name: str) -> None:
    page = window.register_page
    show(qtbot, window, page)
    qtbot.waitUntil(lambda: name in names_listed(window), timeout=WAIT)
    row = names_listed(window).index(name)
    page.commands.select_row(row)
    selected = page.table.selectionModel().selectedRows()
    assert [index.row() for index in selected] == [row]


def add_worker(qtbot: QtBot, window: MainWindow, values: dict[str, str]) -> None:
    """Tambah, the worker's data typed in, Simpan; the register lists the new name."""
    page = window.register_page
    show(qtbot, window, page)
    page.add_button.click()
    dialog = page.commands.dialog
    assert isinstance(dialog, WorkerDialog)
    fill(qtbot, dialog, values)
    assert dialog.save_button.isEnabled(), dialog.footer.text()
    with qtbot.waitSignal(page.registerChanged, timeout=WAIT):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: values["name"] in names_listed(window), timeout=WAIT)


def enroll(
    qtbot: QtBot,
    window: MainWindow,
    name: str,
    terms: dict[str, str],
    *,
    receipt_to: tuple[pytest.MonkeyPatch, Path] | None = None,
) -> int:
    """Kepesertaan BPJS on the selected worker: Tambah, the terms, Simpan; then answer the
    offer to print the receipt. With `receipt_to` the receipt's preview is saved as that PDF
    and closed. The worker dialog is closed (Tutup). Returns the preview's page count (0
    when the offer was declined)."""
    page = window.register_page
    select_worker(qtbot, window, name)
    before = page.commands.dialog  # the dialog opened last, e.g. the previous worker's
    page.coverage_button.click()
    qtbot.waitUntil(lambda: page.commands.dialog is not before, timeout=WAIT)
    dialog = page.commands.dialog
    assert isinstance(dialog, WorkerDialog) and dialog.kepesertaan is not None
    panel = dialog.kepesertaan
    qtbot.waitUntil(lambda: "Belum ada kepesertaan" in panel.message.text(), timeout=WAIT)
    panel.add_button.click()
    form = panel.dialog
    assert isinstance(form, EnrollmentFormDialog)
    fill(qtbot, form, terms)
    assert form.save_button.isEnabled(), form.footer.text()
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        form.save_button.click()
    qtbot.waitUntil(lambda: panel.offer_box is not None, timeout=WAIT)
    box = panel.offer_box
    assert isinstance(box, QMessageBox) and name in box.text()
    pages = 0
    if receipt_to is not None:
        button(box, "Cetak tanda terima").click()
        preview = wait_preview(qtbot, panel.pdf)
        pages = preview.pages.page_count
        save_pdf(qtbot, preview, *receipt_to)
    else:
        button(box, "Nanti").click()
    dialog.cancel_button.click()  # Tutup: periods were written at once
    return pages


def wait_preview(qtbot: QtBot, opener: PdfOpener) -> PdfPreviewDialog:
    with qtbot.waitSignal(opener.opened, timeout=WAIT) as opened:
        pass
    preview = opened.args[0]
    assert isinstance(preview, PdfPreviewDialog)
    return preview


def save_pdf(
    qtbot: QtBot, preview: PdfPreviewDialog, monkeypatch: pytest.MonkeyPatch, target: Path
) -> None:
    """Simpan sebagai… in the preview, to `target`; the preview is closed afterwards."""
    save_file_as(monkeypatch, target)
    with qtbot.waitSignal(preview.saved, timeout=WAIT):
        preview.save_button.click()
    preview.close_button.click()


# -- Iuran ----------------------------------------------------------------------------------
def open_iuran(qtbot: QtBot, window: MainWindow) -> None:
    page = window.iuran_page
    show(qtbot, window, page)
    qtbot.waitUntil(lambda: not page.loading and not page.busy, timeout=WAIT)


def generate_and_lock(qtbot: QtBot, window: MainWindow) -> str:
    """Buat draf, then Kunci with its confirmation; returns the confirmation's text."""
    page = window.iuran_page
    open_iuran(qtbot, window)
    with qtbot.waitSignal(page.rosterChanged, timeout=WAIT):
        page.generate_button.click()
    qtbot.waitUntil(page.lock_button.isEnabled, timeout=WAIT)
    page.lock_button.click()
    box = page.confirm_box
    assert isinstance(box, QMessageBox)
    question = box.text()
    with qtbot.waitSignal(page.rosterChanged, timeout=WAIT):
        button(box, "Kunci").click()
    qtbot.waitUntil(lambda: not page.busy and page.pay_button.isEnabled(), timeout=WAIT)
    return question


def roster_column(window: MainWindow, column: int) -> list[str]:
    model = window.iuran_page.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def export_upload(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    target: Path,
    *,
    payer: str,
) -> None:
    """Ekspor xlsx…, the BPJS profile and one payer chosen, the file saved as `target`."""
    documents = window.iuran_page.documents
    assert documents is not None
    open_iuran(qtbot, window)
    qtbot.waitUntil(documents.export_button.isEnabled, timeout=WAIT)
    documents.export_button.click()
    qtbot.waitUntil(lambda: isinstance(documents.dialog, DocumentOptionsDialog), timeout=WAIT)
    options = documents.dialog
    assert isinstance(options, DocumentOptionsDialog)
    options.payer_box.setCurrentIndex(options.payer_box.findData(payer))
    save_file_as(monkeypatch, target)
    with qtbot.waitSignal(documents.exported, timeout=WAIT):
        options.accept()


def record_payment(
    qtbot: QtBot, window: MainWindow, *, payer: str, amount: str, reference: str
) -> PaymentDialog:
    page = window.iuran_page
    open_iuran(qtbot, window)
    page.pay_button.click()
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog)
    fill(qtbot, dialog, {"payer": payer, "amount": amount, "reference": reference})
    assert dialog.save_button.isEnabled(), dialog.footer.text()
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        dialog.save_button.click()
    return dialog
