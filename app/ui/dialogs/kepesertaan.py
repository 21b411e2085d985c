"""The worker dialog's Kepesertaan tab: a worker's coverage periods and what can be done to them.

Every change is written at once (not by the worker dialog's Simpan): add a period, change the
terms of a running one, move it draft -> submitted -> active, end it with a date and a reason.
A period's enrollment receipt can be printed from here, and is offered right after enrolling.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.categories import EndReason, WorkerStatus
from app.domain.contribution import Terms, compute_month
from app.domain.enrollment import EnrollmentDraft, EnrollmentStatus, parse_programmes
from app.domain.errors import DomainError
from app.domain.period import Period
from app.domain.rates import RateRow, RateSet
from app.services.enrollments import EnrollmentInfo, Enrollments
from app.services.rates import Rates
from app.services.receipts import ReceiptService
from app.services.register import Register
from app.ui.dialogs.base import FormDialog
from app.ui.dialogs.end_membership import EndEnrollmentDialog
from app.ui.dialogs.enrollment_form import EnrollmentFormDialog
from app.ui.documents import PdfOpener, file_slug
from app.ui.errors import describe
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.labels import label, show_date, show_money, show_period
from app.ui.tasks import TaskRunner

PROGRAMME_COLUMN = 3
WAGE_COLUMN = 4
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class CoverageServices:
    """What the tab needs from the application context (no receipts: no Cetak button)."""

    enrollments: Enrollments
    rates: Rates
    register: Register
    receipts: ReceiptService | None = None


@dataclass(frozen=True, slots=True)
class _Loaded:
    periods: list[EnrollmentInfo]
    rate_rows: list[RateRow]
    worker_end: date | None
    kpj: str


def programmes_shown(period: EnrollmentInfo) -> str:
    """JKK, JKM, JHT + JKP (otomatis) when the set qualifies for JKP."""
    text = period.programmes.replace(",", ", ")
    if period.jkp_entitled:
        auto = QCoreApplication.translate("KepesertaanPanel", "JKP (otomatis)")
        return f"{text} + {auto}"
    return text


class KepesertaanPanel(QWidget):
    """Coverage periods of one worker. `changed` fires after every write; `loaded` after each
    (re)read. `dialog` is the dialog opened last, `offer_box` the offer to print a receipt
    after enrolling, `pdf.preview` the receipt preview (tests drive them)."""

    changed = Signal()
    loaded = Signal()

    def __init__(
        self,
        *,
        services: CoverageServices,
        worker_id: str,
        worker_name: str,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("KepesertaanPanel")
        self._services = services
        self._worker_id = worker_id
        self._worker_name = worker_name
        self._today = today
        self._runner = TaskRunner(self)
        self._loaded = _Loaded([], [], None, "")
        self.dialog: QDialog | None = None
        self.offer_box: QMessageBox | None = None
        self.pdf = PdfOpener(self)
        heading = QLabel(self.tr("Kepesertaan BPJS Ketenagakerjaan: %1").replace("%1", worker_name))
        heading.setStyleSheet("font-weight: 600;")
        note = QLabel(self.tr("Perubahan di sini langsung tersimpan."))
        note.setStyleSheet(HINT_STYLE)
        self.table = self._make_table()
        self.detail = QLabel()
        self.detail.setObjectName("periodDetail")
        self.detail.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(heading)
        head.addStretch(1)
        head.addWidget(note)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        layout.addLayout(self._make_buttons())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self.edit_period())
        self._update_buttons()
        self.reload()

    @property
    def periods(self) -> list[EnrollmentInfo]:
        return self._loaded.periods

    def _make_buttons(self) -> QHBoxLayout:
        self.add_button = QPushButton(self.tr("&Tambah periode"))
        self.edit_button = QPushButton(self.tr("&Ubah"))
        self.submit_button = QPushButton(self.tr("Aju&kan"))
        self.activate_button = QPushButton(self.tr("Akti&fkan"))
        self.end_button = QPushButton(self.tr("Akhi&ri kepesertaan"))
        self.receipt_button = QPushButton(self.tr("C&etak tanda terima"))
        self.receipt_button.setVisible(self._services.receipts is not None)
        self.receipt_button.clicked.connect(self.print_selected_receipt)
        self.add_button.clicked.connect(self.add_period)
        self.edit_button.clicked.connect(self.edit_period)
        self.submit_button.clicked.connect(lambda: self.move_to(EnrollmentStatus.SUBMITTED))
        self.activate_button.clicked.connect(lambda: self.move_to(EnrollmentStatus.ACTIVE))
        self.end_button.clicked.connect(self.end_period)
        self.submit_button.setToolTip(self.tr("Draf -> Diajukan: sudah didaftarkan ke BPJS"))
        self.activate_button.setToolTip(self.tr("Diajukan -> Aktif: BPJS sudah menerima"))
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.submit_button,
                       self.activate_button, self.end_button):  # fmt: skip
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.receipt_button)
        return row

    def _make_table(self) -> QTableWidget:
        headers = [self.tr("TMT"), self.tr("Berakhir"), self.tr("Segmen"), self.tr("Program"),
                   self.tr("Upah/penghasilan"), self.tr("Sumber dana"), self.tr("KPJ"),
                   self.tr("Status")]  # fmt: skip
        table = QTableWidget(0, len(headers))  # a handful of periods per worker: items are fine
        table.setObjectName("periodTable")
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        return table

    # -- reading ----------------------------------------------------------------------------
    def reload(self) -> None:
        services, worker_id = self._services, self._worker_id

        def read() -> _Loaded:
            worker = services.register.get(worker_id)
            ended = worker.end_date if worker.status is WorkerStatus.ENDED else None
            periods = services.enrollments.list(worker_id)
            return _Loaded(periods, services.rates.rows(), ended, worker.kpj or "")

        self._runner.start(read, self._show, self.show_error)

    def _show(self, loaded: _Loaded) -> None:
        selected = self.selected()
        self._loaded = loaded
        self.table.setRowCount(len(loaded.periods))
        for row, period in enumerate(loaded.periods):
            for column, text in enumerate(self._cells(period)):
                item = QTableWidgetItem(text)
                if column == WAGE_COLUMN:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)
            if selected is not None and period.id == selected.id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 6)
        # Programmes take what is left (JKP's note is long), never less than their text.
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(PROGRAMME_COLUMN, QHeaderView.ResizeMode.Stretch)
        if not loaded.periods:
            self._say(self.tr("Belum ada kepesertaan. Tekan Tambah periode."))
        elif selected is None:
            self.table.selectRow(len(loaded.periods) - 1)  # the latest period
        self._update_buttons()
        self.loaded.emit()

    @staticmethod
    def _cells(period: EnrollmentInfo) -> tuple[str, ...]:
        return (show_date(period.start), show_date(period.end), period.segment.value,
                programmes_shown(period), show_money(period.wage), label(period.payer),
                period.kpj or "", label(period.status))  # fmt: skip

    def selected(self) -> EnrollmentInfo | None:
        rows = self.table.selectionModel().selectedRows()
        periods = self._loaded.periods
        return periods[rows[0].row()] if rows and rows[0].row() < len(periods) else None

    def _update_buttons(self) -> None:
        period = self.selected()
        self.detail.setText(self._describe(period) if period else "")
        status = period.status if period else None
        running = status is not None and status is not EnrollmentStatus.ENDED
        self.edit_button.setEnabled(running)
        self.submit_button.setEnabled(status is EnrollmentStatus.DRAFT)
        self.activate_button.setEnabled(status is EnrollmentStatus.SUBMITTED)
        open_periods = [p for p in self.periods if p.status is not EnrollmentStatus.ENDED]
        # The service ends the worker's latest open period: offer it on that one only.
        self.end_button.setEnabled(running and period == open_periods[-1])
        self.receipt_button.setEnabled(period is not None)

    def _describe(self, period: EnrollmentInfo) -> str:
        """What the selected period costs a month now (or at its start, when it starts later)."""
        if period.status is EnrollmentStatus.ENDED:
            reason = label(period.end_reason) if period.end_reason else ""
            return (
                self.tr("Berakhir %1: %2.")
                .replace("%1", show_date(period.end))
                .replace("%2", reason)
            )
        month = max(Period.of(self._today()), Period.of(period.start))
        terms = Terms(period.segment, parse_programmes(period.programmes), period.wage,
                      period.payer, period.risk_class)  # fmt: skip
        try:
            amount = compute_month(terms, month, RateSet.effective(self._loaded.rate_rows,
                                                                  month.first_day))  # fmt: skip
        except DomainError as exc:
            return describe(exc)
        parts = " + ".join(f"{a.programme.value} {show_money(a.total)}" for a in amount.amounts)
        return (
            self.tr("Iuran %1: %2 (%3), dibayar dari %4")
            .replace("%1", show_period(month))
            .replace("%2", show_money(amount.total))
            .replace("%3", parts)
            .replace("%4", label(period.payer))
        )

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.message.setText(text)

    def show_error(self, exc: Exception) -> None:
        self._say(describe(exc), error=True)

    # -- writing ----------------------------------------------------------------------------
    def add_period(self) -> None:
        enrollments, worker_id = self._services.enrollments, self._worker_id

        def save(draft: EnrollmentDraft, status: EnrollmentStatus) -> EnrollmentInfo:
            return enrollments.enroll(worker_id, draft, status=status)

        form = self._form(save, None)
        self._open(form)
        if self._services.receipts is not None:
            form.saved.connect(self.offer_receipt)

    def edit_period(self) -> None:
        period = self.selected()
        if period is None or period.status is EnrollmentStatus.ENDED:
            return
        enrollments, period_id = self._services.enrollments, period.id

        def save(draft: EnrollmentDraft, _status: EnrollmentStatus) -> EnrollmentInfo:
            return enrollments.edit(period_id, draft)

        self._open(self._form(save, period))

    def _form(
        self,
        save: Callable[[EnrollmentDraft, EnrollmentStatus], EnrollmentInfo],
        period: EnrollmentInfo | None,
    ) -> EnrollmentFormDialog:
        loaded = self._loaded
        return EnrollmentFormDialog(
            save=save, rate_rows=loaded.rate_rows, today=self._today, period=period,
            worker_end=loaded.worker_end, kpj=loaded.kpj, parent=self,
        )  # fmt: skip

    def move_to(self, status: EnrollmentStatus) -> None:
        period = self.selected()
        if period is None:
            return
        enrollments, period_id = self._services.enrollments, period.id
        self._runner.start(
            lambda: enrollments.set_status(period_id, status), self._written, self.show_error
        )

    def end_period(self) -> None:
        if not self.end_button.isEnabled():
            return
        enrollments, worker_id = self._services.enrollments, self._worker_id

        def end(on: date, reason: EndReason) -> EnrollmentInfo:
            return enrollments.end(worker_id, on=on, reason=reason)

        today = self._today()
        self._open(EndEnrollmentDialog(worker_name=self._worker_name, end=end, today=today,
                                       parent=self))  # fmt: skip

    def _open(self, dialog: FormDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._written)
        self.dialog = dialog
        dialog.open()

    def _written(self, _result: object) -> None:
        self._say("")
        self.reload()
        self.changed.emit()

    # -- receipts ---------------------------------------------------------------------------
    def offer_receipt(self, enrolled: object) -> None:
        """Right after enrolling: print the receipt now? (A window-modal question.)"""
        if not isinstance(enrolled, EnrollmentInfo):
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Tanda terima pendaftaran"),
            self.tr(
                "Kepesertaan %1 tersimpan. Cetak tanda terima pendaftarannya sekarang?"
            ).replace("%1", self._worker_name),
            parent=self,
        )
        accept = box.addButton(self.tr("Cetak tanda terima"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Nanti"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(accept)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: object) -> None:
            self.offer_box = None
            if button is accept:
                self.print_receipt(enrolled.id)

        box.buttonClicked.connect(answered)
        self.offer_box = box
        box.open()

    def print_selected_receipt(self) -> None:
        period = self.selected()
        if period is not None:
            self.print_receipt(period.id)

    def print_receipt(self, enrollment_id: str) -> None:
        """The period's receipt in the preview (its number is issued now when it has none)."""
        receipts = self._services.receipts
        if receipts is None:
            return

        def write(out: Path) -> int:
            return receipts.write_pdf(receipts.for_enrollment(enrollment_id), out)

        self.pdf.open(
            title=self.tr("Tanda terima pendaftaran"),
            file_name=f"tanda-terima-{file_slug(self._worker_name)}.pdf",
            write=write,
            on_error=self.show_error,
        )
