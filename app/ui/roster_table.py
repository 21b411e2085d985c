"""A month's roster as a Qt table model over the service's list of lines.

The roster of a big kabupaten can hold 100,000 lines: the model keeps the plain list the service
returned and makes a cell's text only when the view asks for it (visible rows only); there is no
widget item per cell. Money is Rp16.800, right-aligned; a programme not taken is left empty.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.domain.rates import Programme
from app.services.roster import RosterLine
from app.ui.labels import label, show_money

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

COLUMNS = ("nik", "name", "segment", "payer", "wage", "JKK", "JKM", "JHT", "JP", "total")
MONEY_COLUMNS = frozenset({"wage", "JKK", "JKM", "JHT", "JP", "total"})
PROGRAMME_COLUMNS = tuple(p.value for p in (Programme.JKK, Programme.JKM, Programme.JHT,
                                            Programme.JP))  # fmt: skip


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("RosterTable", "NIK"),
        QCoreApplication.translate("RosterTable", "Nama"),
        QCoreApplication.translate("RosterTable", "Segmen"),
        QCoreApplication.translate("RosterTable", "Sumber dana"),
        QCoreApplication.translate("RosterTable", "Upah"),
        "JKK",
        "JKM",
        "JHT",
        "JP",
        QCoreApplication.translate("RosterTable", "Jumlah"),
    ]


def cell_text(line: RosterLine, column: str) -> str:  # noqa: PLR0911 - one case per column
    if column == "nik":
        return line.nik
    if column == "name":
        return line.name
    if column == "segment":
        return line.segment.value
    if column == "payer":
        return label(line.payer)
    if column == "wage":
        return show_money(line.wage)
    if column == "total":
        return show_money(line.total)
    amount = line.amounts.get(column)
    return show_money(amount) if amount is not None else ""


class RosterTableModel(QAbstractTableModel):
    """Read-only; `show(lines)` replaces everything (the page reads rosters off the GUI thread)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[RosterLine] = []
        self._titles = column_titles()

    def show(self, lines: list[RosterLine]) -> None:
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def line_at(self, row: int) -> RosterLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(self._lines[index.row()], column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in MONEY_COLUMNS else LEFT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if COLUMNS[section] in MONEY_COLUMNS else LEFT
        return None
