"""Iuran: a month's roster. Generate (and regenerate) the draft, lock it, record payments, and
see who is in arrears. A locked month is shown as such and cannot be generated again. With
document services, the month is exported (xlsx) and its recap printed (iuran_documents).

Every service call runs on a pool thread; a roster of 100,000 lines takes seconds to generate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.period import Period
from app.domain.rates import Payer
from app.services.roster import PayerBalance, Roster, RosterService
from app.services.standing import StandingService
from app.ui.arrears_table import ArrearsFilter
from app.ui.dialogs.payment import PaymentDialog
from app.ui.documents import DocumentServices
from app.ui.errors import describe
from app.ui.fonts import PAGE_TITLE, set_scaled_font
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.labels import balance_text, label, show_count, show_money, show_period
from app.ui.month_picker import MonthPicker
from app.ui.pages.arrears_panel import ArrearsPanel
from app.ui.pages.iuran_documents import IuranDocuments
from app.ui.pages.payer_totals import PayerTotals
from app.ui.roster_table import COLUMNS, RosterTableModel
from app.ui.tasks import TaskRunner

Loaded = tuple[Roster, Counter[str]]
LOCKED_STYLE = ("background: #e3ecf7; color: #0b3d75; border: 1px solid #9db7d8; "
                "border-radius: 4px; padding: 6px 10px; font-weight: 600;")  # fmt: skip
DRAFT_STYLE = ("background: #fff4d6; color: #5c4300; border: 1px solid #e6cf8f; "
               "border-radius: 4px; padding: 6px 10px;")  # fmt: skip
EMPTY_STYLE = ("background: #f1f3f4; color: #3c4043; border: 1px solid #dadce0; "
               "border-radius: 4px; padding: 6px 10px;")  # fmt: skip
COLUMN_SAMPLES = {"nik": "3521017108950001", "segment": "BPU", "payer": "APBDes",
                  "wage": "Rp10.547.400", "JKK": "Rp25.314", "JKM": "Rp31.642",
                  "JHT": "Rp601.202", "JP": "Rp316.422", "total": "Rp1.000.000"}  # fmt: skip


def _read(roster: RosterService, period: Period, *, generate: bool) -> Loaded:
    """On a pool thread: the roster (generated first when asked) and its lines per payer."""
    result = roster.generate(period) if generate else roster.get(period)
    return result, Counter(line.payer.value for line in result.lines)


class IuranPage(QWidget):
    """`rosterChanged` fires after a generate, lock or payment; `loaded` when a month's roster
    is on screen. `dialog` and `confirm_box` are the ones opened last (tests drive them)."""

    rosterChanged = Signal()
    loaded = Signal()

    def __init__(
        self,
        roster: RosterService,
        standing: StandingService,
        today: Callable[[], date],
        parent: QWidget | None = None,
        *,
        documents: DocumentServices | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("IuranPage")
        self._service = roster
        self._today = today
        self._runner = TaskRunner(self)
        self._generation = 0
        self.roster: Roster | None = None
        self.loading = False
        self._loading: Period | None = None  # the month being read
        self._again = False
        self.busy = False
        self.dialog: PaymentDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.model = RosterTableModel(self)
        self.arrears = ArrearsPanel(standing, today)
        self.documents = IuranDocuments(self, documents) if documents else None
        self._build()
        self.picker.periodChanged.connect(self._month_changed)
        self._update()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Iuran"))
        set_scaled_font(title, PAGE_TITLE, bold=True)
        self.picker = MonthPicker(Period.of(self._today()))
        self.message = QLabel()
        self.message.setObjectName("iuranMessage")
        self.banner = QLabel()
        self.banner.setObjectName("rosterBanner")
        self.banner.setWordWrap(True)
        self.generate_button = QPushButton(self.tr("&Buat draf"))
        self.lock_button = QPushButton(self.tr("&Kunci"))
        self.pay_button = QPushButton(self.tr("Catat &pembayaran"))
        self.generate_button.clicked.connect(self.generate)
        self.lock_button.clicked.connect(self.confirm_lock)
        self.pay_button.clicked.connect(self.record_payment)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the service reports no steps: a busy bar
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.table = self._make_table()
        self.totals = PayerTotals()
        self.tabs = QTabWidget()
        roster_tab = QWidget()
        roster_layout = QVBoxLayout(roster_tab)
        roster_layout.addWidget(self.table, 1)
        roster_layout.addWidget(self.totals)
        self.tabs.addTab(roster_tab, self.tr("Daftar iuran"))
        self.tabs.addTab(self.arrears, self.tr("Tunggakan"))
        self._layout(title)

    def _layout(self, title: QLabel) -> None:
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.picker)
        head.addStretch(1)
        head.addWidget(self.message)
        buttons = QHBoxLayout()
        for widget in (self.generate_button, self.lock_button, self.pay_button):
            buttons.addWidget(widget)
        if self.documents is not None:
            buttons.addSpacing(16)
            buttons.addWidget(self.documents.export_button)
            buttons.addWidget(self.documents.recap_button)
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("rosterTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        vertical = table.verticalHeader()  # fixed heights: never measure 100,000 rows
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        metrics, bold = table.fontMetrics(), header.fontMetrics()
        for column, name in enumerate(COLUMNS):
            if name == "name":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(COLUMN_SAMPLES[name]),
                        bold.horizontalAdvance(title) + 8)  # fmt: skip
            table.setColumnWidth(column, width + 20)
        return table

    # -- reading ----------------------------------------------------------------------------
    @property
    def period(self) -> Period:
        return self.picker.period()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read the month's roster and the arrears list again (page shown, data changed)."""
        self.load()
        self.arrears.reload()

    def _month_changed(self, _period: object) -> None:
        self.say("")  # the last message was about the month before
        self.load()

    def load(self) -> None:
        if self.busy:
            return  # a generate or lock is running; its result shows the roster
        period = self.period
        if self.loading and self._loading == period:
            self._again = True  # a read of this month runs: one more after it, not a pile
            return
        self._generation += 1
        self.loading, self._loading, self._again = True, period, False
        self._update()
        generation, service = self._generation, self._service
        self._runner.start(
            lambda: _read(service, period, generate=False),
            lambda loaded: self._loaded(generation, loaded),
            lambda exc: self._failed(generation, exc),
        )

    def _loaded(self, generation: int, loaded: Loaded) -> None:
        if generation != self._generation:
            return  # an older month, or the page read again meanwhile
        roster, counts = loaded
        self.loading, self._loading = False, None
        self.roster = roster
        self.model.show(roster.lines)
        self.totals.show_roster(roster, counts)
        self._update()
        if self._again:
            self.load()  # changed while it was read: the newer roster follows
            return
        self.loaded.emit()

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self.loading = self.busy = False
        self._loading = None
        self.progress.hide()
        self._update()
        self.say(describe(exc), error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.message.setText(text)

    def _update(self) -> None:
        roster = None if self.loading else self.roster
        has_lines = roster is not None and bool(roster.lines)
        locked = roster is not None and roster.locked
        idle = not self.busy and not self.loading
        self.generate_button.setEnabled(idle and not locked)
        self.generate_button.setText(
            self.tr("&Hitung ulang draf") if has_lines and not locked else self.tr("&Buat draf")
        )
        self.lock_button.setEnabled(idle and has_lines and not locked)
        self.pay_button.setEnabled(idle and locked)
        if self.documents is not None:
            self.documents.update_buttons()
        self._show_banner(roster)

    def _show_banner(self, roster: Roster | None) -> None:
        month = show_period(self.period)
        if roster is None:
            text, style = self.tr("Membaca iuran %1…").replace("%1", month), EMPTY_STYLE
        elif roster.locked:
            text = (
                self.tr("Iuran %1 sudah dikunci").replace("%1", month)
                + " - "
                + self.tr("tagihan tidak dihitung ulang; catat pembayaran yang masuk.")
            )
            style = LOCKED_STYLE
        elif roster.lines:
            text = self.tr(
                "Draf iuran %1, belum dikunci: periksa, hitung ulang bila perlu, lalu Kunci."
            ).replace("%1", month)
            style = DRAFT_STYLE
        else:
            text = self.tr("Belum ada iuran %1. Tekan Buat draf untuk menghitungnya.").replace(
                "%1", month
            )
            style = EMPTY_STYLE
        self.banner.setText(text)
        self.banner.setStyleSheet(style)

    # -- writing ----------------------------------------------------------------------------
    def generate(self) -> None:
        """Build or rebuild the month's draft. Never for a locked month."""
        if self.busy or self.loading or self.roster is None or self.roster.locked:
            return
        service, period = self._service, self.period
        self._start(
            self.tr("Menghitung iuran %1…").replace("%1", show_period(period)),
            lambda: _read(service, period, generate=True),
            self._generated,
        )

    def _generated(self, loaded: Loaded) -> None:
        roster = loaded[0]
        self._finished(loaded)
        self.say(
            self.tr("Draf dihitung: %1 peserta, %2")
            .replace("%1", show_count(len(roster.lines)))
            .replace("%2", show_money(roster.total))
        )

    def confirm_lock(self) -> None:
        roster = self.roster
        if roster is None or roster.locked or not roster.lines or self.busy:
            return
        month = show_period(roster.period)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Kunci iuran"),
            self.tr(
                "Kunci iuran %1: %2 peserta, jumlah %3?\n\nSesudah dikunci, iuran bulan ini "
                "tidak dapat dihitung ulang; perubahan kepesertaan berlaku untuk bulan berikutnya."
            )
            .replace("%1", month)
            .replace("%2", show_count(len(roster.lines)))
            .replace("%3", show_money(roster.total)),
            parent=self,
        )
        confirm = box.addButton(self.tr("Kunci"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: object) -> None:
            self.confirm_box = None
            if button is confirm:
                self.lock()

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()

    def lock(self) -> None:
        service, period = self._service, self.period

        def lock() -> Loaded:
            service.lock(period)
            return _read(service, period, generate=False)

        self._start(self.tr("Mengunci iuran %1…").replace("%1", show_period(period)), lock,
                    self._locked)  # fmt: skip

    def _locked(self, loaded: Loaded) -> None:
        self._finished(loaded)
        self.say(self.tr("Iuran %1 dikunci.").replace("%1", show_period(loaded[0].period)))

    def _start(self, text: str, job: Callable[[], Loaded], done: Callable[[Loaded], None]) -> None:
        self.busy = True
        self._generation += 1  # a read still running must not overwrite what this returns
        generation = self._generation
        self.progress.show()
        self.say(text)
        self._update()
        self._runner.start(job, done, lambda exc: self._failed(generation, exc))

    def _finished(self, loaded: Loaded) -> None:
        self.busy = False
        self.progress.hide()
        if loaded[0].period == self.period:
            self._loaded(self._generation, loaded)
        else:
            self.load()  # the person moved to another month meanwhile
        self.arrears.reload()
        self.rosterChanged.emit()

    def record_payment(self) -> None:
        roster = self.roster
        if roster is None or not roster.locked or self.busy:
            return
        service, period = self._service, roster.period

        def pay(
            payer: Payer, amount: int, paid_on: date, reference: str, note: str
        ) -> PayerBalance:
            return service.pay(period, payer, amount=amount, paid_on=paid_on,
                               reference=reference, note=note)  # fmt: skip

        dialog = PaymentDialog(roster=roster, pay=pay, today=self._today(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._paid)
        self.dialog = dialog
        dialog.open()

    def _paid(self, balance: object) -> None:
        if isinstance(balance, PayerBalance):
            self.say(
                self.tr("Pembayaran %1 dicatat: %2")
                .replace("%1", label(balance.payer))
                .replace("%2", balance_text(balance.shortfall, balance.excess))
            )
        self.load()
        self.arrears.reload()
        self.rosterChanged.emit()

    def show_arrears(self, chosen: ArrearsFilter) -> None:
        """The Tunggakan tab with `chosen` (Beranda's figures link here)."""
        self.tabs.setCurrentWidget(self.arrears)
        self.arrears.set_filter(chosen)
