"""The register as a Qt table model, paged from SQL so 100,000 workers stay instant.

rowCount is the total the service counted; rows arrive in blocks of BLOCK_SIZE, fetched on a pool
thread the first time the view asks for a row of that block. At most MAX_BLOCKS blocks are kept
(least recently used go first), so memory does not grow with scrolling. A new query bumps the
generation: blocks of an older query that arrive late are dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.categories import Category, Sex, WorkerStatus
from app.services.dto import Page, WorkerRow
from app.services.register import Register, SearchQuery
from app.ui.labels import label, sex_code, show_date
from app.ui.tasks import TaskRunner

BLOCK_SIZE = 200
MAX_BLOCKS = 50  # 10,000 rows: a few screens of scrolling either way, a few MB at most

Index = QModelIndex | QPersistentModelIndex
ENDED_BRUSH = QBrush(QColor("#80868b"))


COLUMNS = ("nik", "name", "birth_date", "sex", "category", "position", "kpj", "status")


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("WorkerTable", "NIK"),
        QCoreApplication.translate("WorkerTable", "Nama"),
        QCoreApplication.translate("WorkerTable", "Tgl. Lahir"),
        QCoreApplication.translate("WorkerTable", "L/P"),
        QCoreApplication.translate("WorkerTable", "Kategori"),
        QCoreApplication.translate("WorkerTable", "Jabatan"),
        QCoreApplication.translate("WorkerTable", "KPJ"),
        QCoreApplication.translate("WorkerTable", "Status"),
    ]


def column_samples() -> dict[str, list[str]]:
    """The widest text each column usually holds, to size columns without reading rows."""
    return {
        "nik": ["3521017108950001"],
        "birth_date": [show_date(date(2000, 9, 30)), show_date(date(2000, 11, 30))],
        "sex": [sex_code(s) for s in Sex],
        "category": [label(c) for c in Category],
        "position": ["Kasi Kesejahteraan Rakyat"],
        "kpj": ["12345678901"],
        "status": [label(s) for s in WorkerStatus],
    }


def _cell(row: WorkerRow, column: int) -> str:  # noqa: PLR0911 - one case per column
    match COLUMNS[column]:
        case "nik":
            return row.nik
        case "name":
            return row.name
        case "birth_date":
            return show_date(row.birth_date)
        case "sex":
            return sex_code(row.sex)
        case "category":
            return label(row.category)
        case "position":
            return row.position or ""
        case "kpj":
            return row.kpj or ""
        case _:
            return label(row.status)


class WorkerTableModel(QAbstractTableModel):
    """Read-only, paged view of one SearchQuery. Lives on the GUI thread; fetches off it."""

    failed = Signal(object)  # an Exception while fetching a block
    blockLoaded = Signal(int)  # block number, after its rows are in

    def __init__(self, register: Register, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._register = register
        self._runner = TaskRunner(self)
        self._titles = column_titles()
        self._query = SearchQuery()
        self._total = 0
        self._generation = 0
        self._blocks: OrderedDict[int, list[WorkerRow]] = OrderedDict()
        self._pending: set[int] = set()
        self.fetched_blocks = 0  # blocks read from the service since the last reset (tests)

    # -- filling --------------------------------------------------------------------------
    def show_first_page(self, query: SearchQuery, first: Page[WorkerRow]) -> None:
        """Replace everything with the result of a new search (its first block and total)."""
        self.beginResetModel()
        self._generation += 1
        self._query = query
        self._total = first.total
        self._blocks.clear()
        self._pending.clear()
        self._blocks[0] = first.rows
        self.fetched_blocks = 1
        self.endResetModel()

    @property
    def query(self) -> SearchQuery:
        return self._query

    def row_at(self, row: int) -> WorkerRow | None:
        """The worker on a row when its block is loaded; None (and a fetch) otherwise."""
        if not 0 <= row < self._total:
            return None
        block, offset = divmod(row, BLOCK_SIZE)
        rows = self._blocks.get(block)
        if rows is None:
            self._request(block)
            return None
        self._blocks.move_to_end(block)
        return rows[offset] if offset < len(rows) else None

    def _request(self, block: int) -> None:
        if block in self._pending:
            return
        self._pending.add(block)
        generation, query, register = self._generation, self._query, self._register

        def fetch() -> Page[WorkerRow]:
            return register.search(query, offset=block * BLOCK_SIZE, limit=BLOCK_SIZE)

        self._runner.start(
            fetch,
            lambda page: self._arrived(generation, block, page),
            lambda exc: self._fetch_failed(generation, block, exc),
        )

    def _arrived(self, generation: int, block: int, page: Page[WorkerRow]) -> None:
        if generation != self._generation:
            return  # a block of an older query
        self._pending.discard(block)
        self._blocks[block] = page.rows
        self.fetched_blocks += 1
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        first = block * BLOCK_SIZE
        last = min(first + BLOCK_SIZE, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.blockLoaded.emit(block)

    def _fetch_failed(self, generation: int, block: int, exc: Exception) -> None:
        if generation == self._generation:
            self._pending.discard(block)
            self.failed.emit(exc)

    @property
    def cached_blocks(self) -> int:
        return len(self._blocks)

    # -- the model interface ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.row_at(index.row())
            if row is None:
                return "…" if index.column() == 0 else ""
            return _cell(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            row = self.row_at(index.row())
            return ENDED_BRUSH if row and row.status is WorkerStatus.ENDED else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return self._titles[section]
        return str(section + 1)
