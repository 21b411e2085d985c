"""What the Peserta page's buttons and keys do: add, edit, end membership, heirs, receipts.

Dialogs are opened window-modal with open(), not exec(), so no nested event loop blocks the
page while a background search finishes.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from app.domain.categories import EndReason, WorkerStatus
from app.domain.worker import WorkerDraft
from app.services.dto import WorkerDetail, WorkerRow
from app.ui.dialogs.base import FormDialog
from app.ui.dialogs.end_membership import EndMembershipDialog
from app.ui.dialogs.heirs import HeirsDialog
from app.ui.dialogs.kepesertaan import KepesertaanPanel
from app.ui.dialogs.worker import WorkerDialog
from app.ui.documents import PdfOpener, file_slug
from app.ui.tasks import TaskRunner
from app.ui.worker_table import BLOCK_SIZE

if TYPE_CHECKING:
    from app.ui.pages.register import RegisterPage


class RegisterActions(QObject):
    """Owns the page's commands. `dialog` is the dialog opened last, `pdf.preview` the
    receipt preview opened last (tests drive them)."""

    def __init__(self, page: RegisterPage) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: QDialog | None = None
        self._runner = TaskRunner(self)
        self.pdf = PdfOpener(page)
        self.pdf.busyChanged.connect(self.update_buttons)
        page.add_button.clicked.connect(self.add_worker)
        page.receipt_button.clicked.connect(self.print_receipts)
        page.edit_button.clicked.connect(self.edit_worker)
        page.end_button.clicked.connect(self.end_membership)
        page.heirs_button.clicked.connect(self.show_heirs)
        page.coverage_button.clicked.connect(lambda: self.edit_worker(coverage_tab=True))
        page.table.activated.connect(lambda _index: self.edit_worker())  # Enter, double-click
        selection = page.table.selectionModel()
        selection.selectionChanged.connect(lambda *_: self.update_buttons())
        page.model.modelReset.connect(self.update_buttons)
        page.model.blockLoaded.connect(lambda _block: self.update_buttons())
        new = QAction(self.tr("Tambah pekerja"), page)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        new.triggered.connect(self.add_worker)
        page.addAction(new)
        receipt = QAction(self.tr("Cetak tanda terima"), page)
        receipt.setShortcut(QKeySequence.StandardKey.Print)
        receipt.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        receipt.triggered.connect(self.print_receipts)
        page.addAction(receipt)
        self.update_buttons()

    # -- selection --------------------------------------------------------------------------
    def selected_rows(self) -> list[WorkerRow]:
        """Every selected worker, top to bottom (rows not read yet are left out)."""
        indexes = sorted(i.row() for i in self.page.table.selectionModel().selectedRows())
        rows = (self.page.model.row_at(row) for row in indexes)
        return [row for row in rows if row is not None]

    def selected(self) -> WorkerRow | None:
        """The selected worker when exactly one is selected."""
        rows = self.page.table.selectionModel().selectedRows()
        return self.page.model.row_at(rows[0].row()) if len(rows) == 1 else None

    def selected_id(self) -> str | None:
        row = self.selected()
        return row.id if row else None

    def reselect(self, worker_id: str | None) -> None:
        """After a refresh, select the same worker again when it is on the first page."""
        model = self.page.model
        for row in range(min(model.rowCount(), BLOCK_SIZE)):
            worker = model.row_at(row)
            if worker_id is not None and worker is not None and worker.id == worker_id:
                self.select_row(row)
                return

    def select_row(self, row: int) -> None:
        index = self.page.model.index(row, 0)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
        self.page.table.selectionModel().setCurrentIndex(index, flags)
        self.page.table.scrollTo(index)

    def update_buttons(self) -> None:
        row = self.selected()
        for button in (self.page.edit_button, self.page.heirs_button, self.page.coverage_button):
            button.setEnabled(row is not None)
        self.page.end_button.setEnabled(row is not None and row.status is WorkerStatus.ACTIVE)
        self.page.receipt_button.setEnabled(bool(self.selected_rows()) and not self.pdf.busy)

    # -- commands ---------------------------------------------------------------------------
    def add_worker(self) -> None:
        register = self.page.register
        self._open(WorkerDialog(save=register.add, today=self.page.today, parent=self.page))

    def edit_worker(self, *, coverage_tab: bool = False) -> None:
        """The worker dialog; on its Kepesertaan tab with `coverage_tab`."""
        row = self.selected()
        if row is None:
            return
        register, worker_id = self.page.register, row.id
        self._runner.start(
            lambda: register.draft_of(worker_id),
            lambda draft: self._open_edit(worker_id, draft, coverage_tab),
            self.page.show_error,
        )

    def _open_edit(self, worker_id: str, draft: WorkerDraft, coverage_tab: bool = False) -> None:
        register = self.page.register

        def save(changed: WorkerDraft) -> WorkerDetail:
            return register.edit(worker_id, asdict(changed))

        periods = None
        if self.page.coverage is not None:
            periods = KepesertaanPanel(services=self.page.coverage, worker_id=worker_id,
                                       worker_name=draft.name, today=self.page.today)  # fmt: skip
            periods.changed.connect(self._coverage_written)
        dialog = WorkerDialog(save=save, today=self.page.today, draft=draft,
                              kepesertaan=periods, parent=self.page)  # fmt: skip
        if coverage_tab:
            dialog.show_kepesertaan()
        self._open(dialog)

    def _coverage_written(self) -> None:
        self.page.refresh()  # a KPJ given with a period shows in the register
        self.page.coverageChanged.emit()

    def end_membership(self) -> None:
        row = self.selected()
        if row is None or row.status is not WorkerStatus.ACTIVE:
            return
        register, worker_id = self.page.register, row.id

        def end(on: date, reason: EndReason) -> WorkerDetail:
            return register.end(worker_id, on=on, reason=reason)

        today = self.page.today()
        self._open(
            EndMembershipDialog(worker_name=row.name, end=end, today=today, parent=self.page)
        )

    def show_heirs(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = HeirsDialog(
            heirs=self.page.heirs,
            worker_id=row.id,
            worker_name=row.name,
            today=self.page.today,
            parent=self.page,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _open(self, dialog: FormDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._written)
        self.dialog = dialog
        dialog.open()

    def _written(self, _result: object) -> None:
        self.page.refresh()
        self.page.registerChanged.emit()

    # -- receipts ---------------------------------------------------------------------------
    def print_receipts(self) -> None:
        """The receipts of the selected workers' latest coverage periods, in the preview
        (numbers are issued now for those that have none; a reprint keeps its number)."""
        receipts, rows = self.page.receipts, self.selected_rows()
        if receipts is None or not rows:
            return
        ids = [row.id for row in rows]
        if len(rows) == 1:
            name = f"tanda-terima-{file_slug(rows[0].name)}.pdf"
        else:
            name = f"tanda-terima-{len(rows)}-pekerja.pdf"

        def write(out: Path) -> int:
            return receipts.write_pdf(receipts.for_workers(ids), out)

        title = self.tr("Tanda terima pendaftaran")
        self.pdf.open(title=title, file_name=name, write=write, on_error=self.page.show_error)
