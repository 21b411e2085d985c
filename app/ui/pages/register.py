"""Peserta: the register of village workers. Search as you type, filters, add/edit, end, heirs."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.categories import Category, WorkerStatus
from app.services.dto import Page, WorkerRow
from app.services.heirs import Heirs
from app.services.receipts import ReceiptService
from app.services.register import Register, SearchQuery
from app.ui.dialogs.kepesertaan import CoverageServices
from app.ui.errors import describe
from app.ui.fonts import PAGE_TITLE, set_scaled_font
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.labels import label, show_count
from app.ui.pages.register_actions import RegisterActions
from app.ui.tasks import TaskRunner
from app.ui.worker_table import BLOCK_SIZE, COLUMNS, WorkerTableModel, column_samples

SEARCH_DEBOUNCE_MS = 150
MAX_COLUMN_CHARS = 26  # a long category label in English must not squeeze the names


class RegisterPage(QWidget):
    """The Peserta page. Every service call runs on a pool thread.

    searchFinished(total) fires when a search's first page is in the table; `searching` is True
    from the moment a search starts until then. registerChanged fires after any write;
    coverageChanged after a coverage period was added or changed (worker dialog, Kepesertaan).
    Without `coverage` the worker dialog has no Kepesertaan tab; without `receipts` there is
    no Cetak tanda terima.
    """

    searchFinished = Signal(int)
    registerChanged = Signal()
    coverageChanged = Signal()

    def __init__(
        self,
        register: Register,
        heirs: Heirs,
        today: Callable[[], date],
        parent: QWidget | None = None,
        *,
        coverage: CoverageServices | None = None,
        receipts: ReceiptService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RegisterPage")
        self.register = register
        self.heirs = heirs
        self.today = today
        self.coverage = coverage
        self.receipts = receipts
        self._runner = TaskRunner(self)
        self._generation = 0
        self.searching = False
        self.first_page_loaded = False
        self.stale_discarded = 0  # results of superseded searches thrown away (tests)
        self.model = WorkerTableModel(register, self)
        self._build()
        self.commands = RegisterActions(self)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.search_box.textChanged.connect(lambda _text: self._debounce.start())
        self.category_filter.currentIndexChanged.connect(lambda _i: self.search_now())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.search_now())
        self.model.failed.connect(self.show_error)
        self._install_shortcuts()
        self.search_now()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Peserta"))
        set_scaled_font(title, PAGE_TITLE, bold=True)
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Cari nama, NIK atau KPJ…  (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.category_filter = QComboBox()
        self.category_filter.addItem(self.tr("Semua kategori"), None)
        for category in Category:
            self.category_filter.addItem(label(category), category.value)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("Semua status"), None)
        for status in WorkerStatus:
            self.status_filter.addItem(label(status), status.value)
        self.table = self._make_table()
        self.add_button = QPushButton(self.tr("&Tambah"))
        self.edit_button = QPushButton(self.tr("&Ubah"))
        self.end_button = QPushButton(self.tr("&Akhiri keanggotaan"))
        self.heirs_button = QPushButton(self.tr("Ahli &waris"))
        self.coverage_button = QPushButton(self.tr("Ke&pesertaan BPJS"))
        self.coverage_button.setVisible(self.coverage is not None)
        self.receipt_button = QPushButton(self.tr("Cetak tanda te&rima"))
        self.receipt_button.setToolTip(
            self.tr("Tanda terima pendaftaran BPJS untuk pekerja yang dipilih (Ctrl+P)")
        )
        self.receipt_button.setVisible(self.receipts is not None)
        self._layout(title)

    def _layout(self, title: QLabel) -> None:
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.result_label)
        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 3)
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.status_filter)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.coverage_button, self.end_button,
                       self.heirs_button, self.receipt_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        order = [self.search_box, self.category_filter, self.status_filter, self.table,
                 self.add_button, self.edit_button, self.coverage_button, self.end_button,
                 self.heirs_button, self.receipt_button]  # fmt: skip
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("registerTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several workers at once for a batch of receipts; edit and heirs need exactly one.
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        # Never size by contents: that would read all 100,000 rows.
        vertical = table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        self._size_columns(table)
        return table

    def _size_columns(self, table: QTableView) -> None:
        """Fit each column to its widest usual text; the name column takes what is left."""
        metrics, header = table.fontMetrics(), table.horizontalHeader()
        bold_header = header.fontMetrics()
        samples = column_samples()
        cap = metrics.averageCharWidth() * MAX_COLUMN_CHARS
        for column, name in enumerate(COLUMNS):
            if name == "name":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(metrics.horizontalAdvance(text) for text in samples[name])
            needed = max(min(widest, cap), bold_header.horizontalAdvance(title) + 8)
            table.setColumnWidth(column, needed + 16)

    def _install_shortcuts(self) -> None:
        find = QAction(self.tr("Cari"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # -- searching --------------------------------------------------------------------------
    def current_query(self) -> SearchQuery:
        category, status = self.category_filter.currentData(), self.status_filter.currentData()
        return SearchQuery(
            text=self.search_box.text(),
            category=Category(category) if category else None,
            status=WorkerStatus(status) if status else None,
        )

    def search_now(self) -> None:
        """Count and read the first page for the current query, off the GUI thread."""
        self._debounce.stop()
        self._generation += 1
        self.searching = True
        generation, query, register = self._generation, self.current_query(), self.register

        def first_page() -> Page[WorkerRow]:
            return register.search(query, offset=0, limit=BLOCK_SIZE)

        self._runner.start(
            first_page,
            lambda page: self._search_done(generation, query, page),
            lambda exc: self._search_failed(generation, exc),
        )

    def refresh(self) -> None:
        """Search again with the same query (after a write); the selection is kept when the
        worker is on the first page."""
        self.search_now()

    def _search_done(self, generation: int, query: SearchQuery, page: Page[WorkerRow]) -> None:
        if generation != self._generation:
            self.stale_discarded += 1  # an older search finished after a newer one began
            return
        selected = self.commands.selected_id()
        self.model.show_first_page(query, page)
        self.searching = False
        self.first_page_loaded = True
        self._show_result_count(page.total, query)
        self.commands.reselect(selected)
        self.searchFinished.emit(page.total)

    def _search_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            self.stale_discarded += 1
            return
        self.searching = False
        self.show_error(exc)
        self.searchFinished.emit(-1)

    def _show_result_count(self, total: int, query: SearchQuery) -> None:
        filtered = (
            bool(query.text.strip()) or query.category is not None or query.status is not None
        )
        if total == 0:
            text = (self.tr("Tidak ada yang cocok dengan pencarian") if filtered
                    else self.tr("Belum ada pekerja. Tekan Tambah (Ctrl+N)."))  # fmt: skip
        elif filtered:
            text = self.tr("%1 pekerja cocok").replace("%1", show_count(total))
        else:
            text = self.tr("%1 pekerja").replace("%1", show_count(total))
        self.result_label.setStyleSheet(HINT_STYLE)
        self.result_label.setText(text)

    def show_error(self, exc: object) -> None:
        self.result_label.setStyleSheet(ERROR_STYLE)
        self.result_label.setText(describe(exc) if isinstance(exc, Exception) else str(exc))
