"""Participants in arrears (tunggakan) as a Qt table model, with the filters Beranda links to."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.rates import Segment
from app.domain.standing import State
from app.services.standing import ParticipantStatus
from app.ui.labels import label, show_count, show_date, show_money, show_period

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
STATE_BRUSHES = {
    State.DUE: QBrush(QColor("#8a5a00")),
    State.WARNING: QBrush(QColor("#b3261e")),
    State.LAPSED: QBrush(QColor("#6b0f0a")),
}
COLUMNS = ("nik", "name", "segment", "payer", "paid_through", "months", "next_due", "state",
           "fine")  # fmt: skip
RIGHT_COLUMNS = frozenset({"months", "fine"})


class ArrearsFilter(StrEnum):
    """Which participants the list shows; every one of them has months in arrears."""

    ALL = "all"  # every participant with an unpaid month past its due date
    OWING = "owing"  # in arrears and still covered (due or warning): Beranda's "menunggak"
    WARNING = "warning"  # two or more unpaid months: about to lapse (BPU) or fined (PU)
    LAPSED = "lapsed"  # BPU coverage lapsed after more than three unpaid months

    @property
    def states(self) -> frozenset[State] | None:
        """The states kept; None for every state."""
        return _FILTER_STATES[self]

    def select(self, participants: list[ParticipantStatus]) -> list[ParticipantStatus]:
        """Those kept, in order; one pass without a call per person (100,000 of them)."""
        states = self.states
        if states is None:
            return [p for p in participants if p.months_in_arrears > 0]
        return [p for p in participants if p.months_in_arrears > 0 and p.state in states]


_FILTER_STATES: dict[ArrearsFilter, frozenset[State] | None] = {
    ArrearsFilter.ALL: None,
    ArrearsFilter.OWING: frozenset({State.DUE, State.WARNING}),
    ArrearsFilter.WARNING: frozenset({State.WARNING}),
    ArrearsFilter.LAPSED: frozenset({State.LAPSED}),
}


def filter_titles() -> dict[ArrearsFilter, str]:
    translate = QCoreApplication.translate
    return {
        ArrearsFilter.ALL: translate("ArrearsTable", "Semua tunggakan"),
        ArrearsFilter.OWING: translate("ArrearsTable", "Menunggak, masih terlindungi"),
        ArrearsFilter.WARNING: translate("ArrearsTable", "Peringatan: 2 bulan atau lebih"),
        ArrearsFilter.LAPSED: translate("ArrearsTable", "Terputus"),
    }


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("ArrearsTable", "NIK"),
        QCoreApplication.translate("ArrearsTable", "Nama"),
        QCoreApplication.translate("ArrearsTable", "Segmen"),
        QCoreApplication.translate("ArrearsTable", "Sumber dana"),
        QCoreApplication.translate("ArrearsTable", "Lunas s.d."),
        QCoreApplication.translate("ArrearsTable", "Tunggakan"),
        QCoreApplication.translate("ArrearsTable", "Jatuh tempo"),
        QCoreApplication.translate("ArrearsTable", "Status"),
        QCoreApplication.translate("ArrearsTable", "Perkiraan denda"),
    ]


def months_text(months: int) -> str:
    return QCoreApplication.translate("ArrearsTable", "%1 bulan").replace("%1", show_count(months))


def cell_text(p: ParticipantStatus, column: str) -> str:  # noqa: PLR0911 - one case per column
    match column:
        case "nik":
            return p.nik
        case "name":
            return p.name
        case "segment":
            return p.segment.value
        case "payer":
            return label(p.payer)
        case "paid_through":
            return show_period(p.paid_through) or QCoreApplication.translate(
                "ArrearsTable", "belum pernah"
            )
        case "months":
            return months_text(p.months_in_arrears)
        case "next_due":
            return show_date(p.next_due)
        case "state":
            return label(p.state)
        case _:  # the 2 % a month fine applies to PU only
            return show_money(p.fine_estimate) if p.segment is Segment.PU else "-"


class ArrearsTableModel(QAbstractTableModel):
    """Read-only. `show(participants)` keeps those the current filter selects, in the order
    given (the Tunggakan tab sorts longest arrears first, off the GUI thread)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._everyone: list[ParticipantStatus] = []
        self._rows: list[ParticipantStatus] = []
        self._filter = ArrearsFilter.ALL
        self._titles = column_titles()

    @property
    def current_filter(self) -> ArrearsFilter:
        return self._filter

    def show(self, participants: list[ParticipantStatus]) -> None:
        self._everyone = participants
        self._refilter()

    def set_filter(self, chosen: ArrearsFilter) -> None:
        self._filter = chosen
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = self._filter.select(self._everyone)  # in the order given
        self.endResetModel()

    def rows(self) -> list[ParticipantStatus]:
        """The participants shown, in order (a copy is not made: do not change it)."""
        return self._rows

    def participant_at(self, row: int) -> ParticipantStatus | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = COLUMNS[index.column()]
        participant = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(participant, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in RIGHT_COLUMNS else LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return STATE_BRUSHES.get(participant.state)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if COLUMNS[section] in RIGHT_COLUMNS else LEFT
        return None
