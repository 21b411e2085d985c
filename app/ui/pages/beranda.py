"""Beranda: the village at a glance. Coverage per category against formasi, who is in arrears
or about to lapse (each figure opens the list), the next due dates and this month's roster."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.coverage import CoverageLine
from app.domain.period import Period
from app.services.roster import RosterService
from app.services.standing import ParticipantStatus, StandingService
from app.ui.arrears_table import ArrearsFilter
from app.ui.coverage_bars import CoverageBars
from app.ui.errors import describe
from app.ui.fonts import FIGURE, PAGE_TITLE, set_scaled_font
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.glance import Glance, MonthTotal, read_glance
from app.ui.labels import label, show_count, show_date, show_money, show_percent, show_period
from app.ui.tasks import TaskRunner

CARD_STYLE = ("QFrame#figureCard { border: 1px solid #dadce0; border-radius: 6px; "
              "background: palette(base); } QFrame#figureCard:hover { border-color: #1a73e8; }"
              "QFrame#figureCard:focus { border: 2px solid #1a73e8; }")  # fmt: skip
NUMBER_STYLE = "color: %s;"


class FigureCard(QFrame):
    """A big number with a caption; click, Enter or Space opens its list."""

    clicked = Signal()

    def __init__(self, caption: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setStyleSheet(CARD_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.number = QLabel("-")
        self.number.setStyleSheet(NUMBER_STYLE % colour)
        set_scaled_font(self.number, FIGURE, bold=True)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("font-weight: 600;")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class BerandaPage(QWidget):
    """`arrearsRequested(ArrearsFilter)` when a figure is clicked; `rosterRequested(Period)`
    for this month's roster. `loaded` fires each time the figures are on screen."""

    arrearsRequested = Signal(object)
    rosterRequested = Signal(object)
    loaded = Signal()

    def __init__(
        self,
        standing: StandingService,
        roster: RosterService,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("BerandaPage")
        self._standing = standing
        self._roster = roster
        self._today = today
        self._runner = TaskRunner(self)
        self.loading = False
        self._again = False
        self.glance: Glance | None = None
        self._build()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Beranda"))
        set_scaled_font(title, PAGE_TITLE, bold=True)
        self.as_of_label = QLabel()
        self.as_of_label.setStyleSheet(HINT_STYLE)
        self.bars = CoverageBars()
        self.coverage_total = QLabel()
        self.coverage_total.setObjectName("coverageTotal")
        self.coverage_empty = QLabel(self.tr(
            "Belum ada peserta aktif dan formasi belum diisi. Isi formasi di Pengaturan; "
            "daftarkan kepesertaan lewat Peserta > Kepesertaan BPJS."
        ))  # fmt: skip
        self.coverage_empty.setWordWrap(True)
        self.coverage_empty.setStyleSheet(HINT_STYLE)
        self.owing_card = FigureCard(self.tr("Menunggak"), "#b3261e")
        self.warning_card = FigureCard(self.tr("Peringatan: hampir terputus"), "#e37400")
        self.lapsed_card = FigureCard(self.tr("Terputus"), "#6b0f0a")
        self.month_card = FigureCard(self.tr("Iuran bulan ini"), "#0b3d75")
        self.owing_card.clicked.connect(lambda: self.arrearsRequested.emit(ArrearsFilter.OWING))
        self.warning_card.clicked.connect(lambda: self.arrearsRequested.emit(ArrearsFilter.WARNING))
        self.lapsed_card.clicked.connect(lambda: self.arrearsRequested.emit(ArrearsFilter.LAPSED))
        self.month_card.clicked.connect(lambda: self.rosterRequested.emit(Period.of(self._today())))
        self.next_due = QLabel()
        self.next_due.setObjectName("nextDue")
        self.next_due.setWordWrap(True)
        self.longest = QLabel()
        self.longest.setObjectName("longestArrears")
        self.longest.setWordWrap(True)
        self.all_arrears_button = QPushButton(self.tr("&Lihat semua tunggakan"))
        self.all_arrears_button.clicked.connect(
            lambda: self.arrearsRequested.emit(ArrearsFilter.ALL)
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._layout(title)

    def _layout(self, title: QLabel) -> None:
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.as_of_label)
        head.addStretch(1)
        coverage = QGroupBox(self.tr("Cakupan kepesertaan per kategori (aktif / formasi)"))
        box = QVBoxLayout(coverage)
        box.addWidget(self.bars)
        box.addWidget(self.coverage_empty)
        box.addWidget(self.coverage_total)
        cards = QGridLayout()
        cards.setSpacing(10)
        cards.addWidget(self.owing_card, 0, 0)
        cards.addWidget(self.warning_card, 0, 1)
        cards.addWidget(self.lapsed_card, 1, 0)
        cards.addWidget(self.month_card, 1, 1)
        due = QGroupBox(self.tr("Jatuh tempo berikutnya"))
        QVBoxLayout(due).addWidget(self.next_due)
        longest = QGroupBox(self.tr("Tunggakan terlama"))
        longest_box = QVBoxLayout(longest)
        longest_box.addWidget(self.longest)
        longest_box.addWidget(self.all_arrears_button, 0, Qt.AlignmentFlag.AlignLeft)
        side = QVBoxLayout()
        side.addLayout(cards)
        side.addWidget(due)
        side.addWidget(longest)
        side.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(coverage, 3, Qt.AlignmentFlag.AlignTop)
        columns.addLayout(side, 2)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addLayout(head)
        inner.addWidget(self.message)
        inner.addLayout(columns)
        inner.addStretch(1)
        scroll = QScrollArea()  # a small screen still reaches every figure
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        QVBoxLayout(self).addWidget(scroll)

    # -- reading ----------------------------------------------------------------------------
    def first_focus(self) -> QWidget:
        """Where Ctrl+1 puts the focus: the first figure (Enter opens its list)."""
        return self.owing_card

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh_if_shown(self) -> None:
        """After a change elsewhere: read now when on screen (else when next shown)."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the figures again. While a read runs, one more is queued, not a pile: on a big
        register a read takes seconds."""
        if self.loading:
            self._again = True
            return
        self._again = False
        self.loading = True
        standing, roster, month = self._standing, self._roster, Period.of(self._today())
        self._runner.start(lambda: read_glance(standing, roster, month), self._show, self._failed)

    def _read_again(self) -> bool:
        self.loading = False
        if self._again:
            self.refresh()
            return True
        return False

    def _failed(self, exc: Exception) -> None:
        if self._read_again():
            return
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(describe(exc))

    def _show(self, glance: Glance) -> None:
        if self._read_again():
            return  # something changed meanwhile: the newer figures follow
        self.glance = glance
        self.message.setText("")
        self.as_of_label.setText(self.tr("per %1").replace("%1", show_date(glance.as_of)))
        self._show_coverage(glance.coverage)
        self._show_figures(glance)
        self._show_month(glance.month)
        self._show_next_due(glance.upcoming)
        self._show_longest(glance.longest)
        self.loaded.emit()

    def _show_coverage(self, lines: list[CoverageLine]) -> None:
        self.bars.set_lines(lines)
        self.bars.setVisible(bool(lines))
        self.coverage_empty.setVisible(not lines)
        counted = [line for line in lines if line.positions]
        active = sum(line.active for line in counted)
        positions = sum(line.positions or 0 for line in counted)
        if positions:
            percent = show_percent(_percent(active, positions))
            self.coverage_total.setText(
                self.tr("Kategori yang formasinya diisi: %1 dari %2 posisi terlindungi (%3)")
                .replace("%1", show_count(active))
                .replace("%2", show_count(positions))
                .replace("%3", percent)
            )
        else:
            self.coverage_total.setText("")

    def _show_figures(self, glance: Glance) -> None:
        self.owing_card.number.setText(show_count(glance.owing))
        self.owing_card.detail.setText(self.tr("iuran lewat jatuh tempo"))
        self.warning_card.number.setText(show_count(glance.warning))
        self.warning_card.detail.setText(
            self.tr("2 bulan atau lebih belum dibayar; BPU terputus sesudah 3 bulan")
        )
        self.lapsed_card.number.setText(show_count(glance.lapsed))
        self.lapsed_card.detail.setText(self.tr("perlindungan BPU berhenti"))

    def _show_month(self, month: MonthTotal) -> None:
        self.month_card.caption.setText(
            self.tr("Iuran %1").replace("%1", show_period(month.period))
        )
        if not month.lines:
            self.month_card.number.setText(self.tr("belum dibuat"))
            self.month_card.detail.setText(self.tr("buka Iuran untuk membuat draf"))
            return
        self.month_card.number.setText(show_money(month.total))
        count = show_count(month.lines)
        if month.locked:
            text = self.tr("%1 peserta, dikunci; dibayar %2").replace("%1", count)
            self.month_card.detail.setText(text.replace("%2", show_money(month.paid)))
        else:
            self.month_card.detail.setText(
                self.tr("%1 peserta, draf belum dikunci").replace("%1", count)
            )

    def _show_next_due(self, upcoming: list[tuple[date, int]]) -> None:
        if not upcoming:
            self.next_due.setText(self.tr("Tidak ada tagihan yang menunggu."))
            return
        lines = [
            self.tr("%1: %2 peserta").replace("%1", show_date(day)).replace("%2", show_count(n))
            for day, n in upcoming
        ]
        self.next_due.setText("\n".join(lines))

    def _show_longest(self, longest: list[ParticipantStatus]) -> None:
        self.all_arrears_button.setEnabled(bool(longest))
        if not longest:
            self.longest.setText(self.tr("Tidak ada tunggakan."))
            return
        lines = [
            self.tr("%1: %2 bulan (%3, %4)")
            .replace("%1", p.name)
            .replace("%2", show_count(p.months_in_arrears))
            .replace("%3", label(p.payer))
            .replace("%4", label(p.state))
            for p in longest
        ]
        self.longest.setText("\n".join(lines))


def _percent(active: int, positions: int) -> Decimal:
    return (Decimal(100 * active) / positions).quantize(Decimal("0.1"), ROUND_HALF_UP)
