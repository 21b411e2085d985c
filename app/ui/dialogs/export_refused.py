"""Why an export was refused: every line that cannot be exported, with its reasons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.labels import show_count

MESSAGE_COLUMN = 4
MAX_SHOWN = 1000  # a table item per cell: a whole register of refused lines would crawl


class Reason(Protocol):
    """One reason a line cannot be exported (app.services.exports.ExportProblem)."""

    @property
    def line(self) -> int: ...
    @property
    def nik(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def column(self) -> str: ...
    @property
    def message(self) -> str: ...


class ExportRefusedDialog(QDialog):
    """Lists `reasons`; nothing was written. The person fixes the workers and exports again."""

    def __init__(self, reasons: Sequence[Reason], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportRefusedDialog")
        self.setWindowTitle(self.tr("Ekspor ditolak"))
        lines = len({r.line for r in reasons})
        intro = QLabel(
            self.tr(
                "Tidak ada berkas yang ditulis: %1 baris tidak dapat diekspor. Perbaiki data "
                "pekerja ini di Peserta (NIK, isian wajib), hitung ulang draf bila perlu, lalu "
                "ekspor lagi."
            ).replace("%1", show_count(lines))
        )
        intro.setWordWrap(True)
        shown = reasons[:MAX_SHOWN]
        self.table = QTableWidget(len(shown), 5)
        self.table.setObjectName("reasonTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Baris"),
                self.tr("NIK"),
                self.tr("Nama"),
                self.tr("Kolom"),
                self.tr("Alasan"),
            ]
        )
        for row, reason in enumerate(shown):
            cells = (str(reason.line), reason.nik or "-", reason.name, reason.column,
                     reason.message)  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch
        )
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Tutup"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        if len(reasons) > len(shown):
            more = QLabel(self.tr("… dan %1 alasan lainnya.")
                          .replace("%1", show_count(len(reasons) - len(shown))))  # fmt: skip
            layout.addWidget(more)
        layout.addWidget(buttons)
        self.resize(860, 420)

    def reasons(self) -> list[str]:
        """Each reason as shown: "line: message" (tests)."""

        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [f"{text(r, 0)}: {text(r, MESSAGE_COLUMN)}" for r in range(self.table.rowCount())]
