"""The Iuran page's Tunggakan tab: who is behind with contributions, longest arrears first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.rates import Segment
from app.services.standing import ParticipantStatus, StandingService
from app.ui.arrears_table import COLUMNS, ArrearsFilter, ArrearsTableModel, filter_titles
from app.ui.errors import describe
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.labels import show_count, show_date, show_money
from app.ui.tasks import TaskRunner

COLUMN_SAMPLES = {"nik": "3521017108950001", "segment": "BPU", "payer": "APBDes",
                  "paid_through": "September 2026", "months": "12 bulan",
                  "next_due": "30 September 2026", "state": "Jatuh tempo",
                  "fine": "Rp1.234.567"}  # fmt: skip


Behind = tuple[date, list[ParticipantStatus]]


def _behind(standing: StandingService) -> Behind:
    """On a pool thread: only those with months in arrears travel to the GUI thread, longest
    arrears first (the ones to call on)."""
    overview = standing.overview()
    behind = [p for p in overview.participants if p.months_in_arrears > 0]
    return overview.as_of, sorted(behind, key=lambda p: (-p.months_in_arrears, p.name))


class ArrearsPanel(QWidget):
    """Reads StandingService.overview off the GUI thread. `loaded` fires when the list is in."""

    loaded = Signal()

    def __init__(
        self, standing: StandingService, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ArrearsPanel")
        self._standing = standing
        self._runner = TaskRunner(self)
        self.loading = False
        self._again = False
        self._as_of = today()
        self.model = ArrearsTableModel(self)
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("arrearsFilter")
        for code, title in filter_titles().items():
            self.filter_combo.addItem(title, code.value)
        self.summary = QLabel()
        self.summary.setObjectName("arrearsSummary")
        self.table = self._make_table()
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Tampilkan:")))
        head.addWidget(self.filter_combo)
        head.addStretch(1)
        head.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("arrearsTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        vertical = table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        metrics, bold = table.fontMetrics(), header.fontMetrics()
        for column, name in enumerate(COLUMNS):
            if name == "name":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            title = str(self.model.headerData(column, header.orientation()))
            width = max(metrics.horizontalAdvance(COLUMN_SAMPLES[name]),
                        bold.horizontalAdvance(title) + 8)  # fmt: skip
            table.setColumnWidth(column, width + 20)
        return table

    def set_filter(self, chosen: ArrearsFilter) -> None:
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(chosen.value))

    def _filter_changed(self) -> None:
        self.model.set_filter(ArrearsFilter(self.filter_combo.currentData()))
        self._summarize()

    def reload(self) -> None:
        """Read the overview again; while a read runs, one more is queued, not a pile."""
        if self.loading:
            self._again = True
            return
        self._again = False
        self.loading = True
        standing = self._standing
        self._runner.start(lambda: _behind(standing), self._show, self._failed)

    def _show(self, behind: Behind) -> None:
        self.loading = False
        self._as_of, participants = behind
        self.model.show(participants)
        self._summarize()
        if self._again:
            self.reload()  # something changed while reading: the newer list follows
            return
        self.loaded.emit()

    def _failed(self, exc: Exception) -> None:
        self.loading = False
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(describe(exc))
        if self._again:
            self.reload()

    def _summarize(self) -> None:
        rows = self.model.rows()
        fines = sum(p.fine_estimate for p in rows if p.segment is Segment.PU)
        if not rows:
            text = self.tr("Tidak ada tunggakan per %1.").replace("%1", show_date(self._as_of))
        else:
            text = (
                self.tr("%1 peserta per %2; perkiraan denda PU %3")
                .replace("%1", show_count(len(rows)))
                .replace("%2", show_date(self._as_of))
                .replace("%3", show_money(fines))
            )
        self.summary.setStyleSheet(HINT_STYLE)
        self.summary.setText(text)
