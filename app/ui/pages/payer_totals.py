"""Under the roster: what each payer (sumber dana) is billed for the month, what it paid, and
whether it is short, over or settled."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from app.services.roster import Roster
from app.ui.forms import ERROR_STYLE
from app.ui.labels import balance_text, label, show_count, show_money

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
SETTLED_STYLE = "color: #1e6b34;"
EXCESS_STYLE = "color: #8a5a00;"


class PayerTotals(QFrame):
    """A small grid, one row per payer and a total row; `cells` keeps the texts (tests)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("payerTotals")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(5, 1)
        self.cells: dict[str, list[str]] = {}

    def show_roster(self, roster: Roster | None, counts: Counter[str] | None = None) -> None:
        self._clear()
        if roster is None or not roster.lines:
            self.hide()
            return
        self.show()
        titles = [self.tr("Sumber dana"), self.tr("Peserta"), self.tr("Ditagih"),
                  self.tr("Dibayar"), self.tr("Keterangan")]  # fmt: skip
        for column, title in enumerate(titles):
            self._put(0, column, title, bold=True)
        counts = counts or Counter()
        row = 0
        for row, balance in enumerate(roster.balances, 1):
            name = label(balance.payer)
            if roster.locked:
                note = balance_text(balance.shortfall, balance.excess)
                paid = show_money(balance.paid)
                style = ERROR_STYLE if balance.shortfall else (
                    EXCESS_STYLE if balance.excess else SETTLED_STYLE
                )  # fmt: skip
            else:
                note, paid, style = self.tr("draf, belum dikunci"), "-", ""
            texts = [name, show_count(counts[balance.payer.value]), show_money(balance.billed),
                     paid, note]  # fmt: skip
            self.cells[balance.payer.value] = texts
            for column, text in enumerate(texts):
                self._put(row, column, text, style=style if column == 4 else "")
        paid_total = sum(b.paid for b in roster.balances)
        total = [self.tr("Jumlah"), show_count(len(roster.lines)), show_money(roster.total),
                 show_money(paid_total) if roster.locked else "-", ""]  # fmt: skip
        self.cells["total"] = total
        for column, text in enumerate(total):
            self._put(row + 1, column, text, bold=True)

    def _put(
        self, row: int, column: int, text: str, *, bold: bool = False, style: str = ""
    ) -> None:
        cell = QLabel(text)
        cell.setAlignment(LEFT if column in (0, 4) else RIGHT)
        cell.setStyleSheet(("font-weight: 600;" if bold else "") + style)
        self.grid.addWidget(cell, row, column)

    def _clear(self) -> None:
        self.cells = {}
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
