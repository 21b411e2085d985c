"""The Sinkronisasi page's review lists: conflicts side by side, and quarantined changes.

A conflict shows, field by field, the value on this PC and the one on the server, with a choice
per field that starts at what the server kept. Saving the choices is the page's job (it calls
the engine on a pool thread); these widgets only show and collect.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import format_datetime
from app.ui.forms import HINT_STYLE
from app.ui.i18n import current_language
from app.ui.labels import field_label
from app.ui.sync_scheduler import as_local

if TYPE_CHECKING:
    from app.sync.engine import ConflictView, QuarantineView

CHOICES = ("local", "server")
# Synced column names whose label the forms already have under another name.
FORM_FIELD = {
    "full_name": "name",
    "head_name": "head",
    "secretary_name": "secretary",
    "start_date": "start",
    "programmes": "programs",
    "end_reason": "reason",
    "paid_on": "date",
}


def column_label(field: str) -> str:
    """A synced column's name for people (the form's label where there is one)."""
    translate = QCoreApplication.translate
    own = {
        "end_date": translate("SyncText", "Tanggal berakhir"),
        "deleted": translate("SyncText", "Terhapus"),
        "npp": translate("SyncText", "NPP"),
        "receipt_no": translate("SyncText", "No. tanda terima"),
        "code": translate("SyncText", "Kode"),
    }
    return own.get(field) or field_label(FORM_FIELD.get(field, field))


def entity_label(entity: str) -> str:
    """What kind of record a synced row is, for people."""
    translate = QCoreApplication.translate
    labels = {
        "village": translate("SyncText", "Profil desa"),
        "position_quota": translate("SyncText", "Formasi"),
        "worker": translate("SyncText", "Pekerja"),
        "heir": translate("SyncText", "Ahli waris"),
        "enrollment": translate("SyncText", "Kepesertaan"),
        "contribution": translate("SyncText", "Iuran"),
        "payment": translate("SyncText", "Pembayaran"),
        "receipt": translate("SyncText", "Tanda terima"),
        "sync_conflict": translate("SyncText", "Pilihan konflik"),
    }
    return labels.get(entity, entity)


def kind_label(kind: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        "field": translate("SyncText", "Isian berbeda"),
        "update_deleted": translate("SyncText", "Diubah di PC ini, sudah dihapus di server"),
        "delete_updated": translate("SyncText", "Dihapus di PC ini, sudah diubah di server"),
        "duplicate_nik": translate("SyncText", "NIK yang sama dicatat dua kali"),
    }
    return labels.get(kind, kind)


def show_value(value: Any) -> str:
    """A wire value (text, number, true/false, empty) as a cell text."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("SyncText", "Ya")
        return QCoreApplication.translate("SyncText", "Tidak")
    return str(value)


def show_moment(moment: datetime) -> str:
    """`21 November 2026 14.05` in the window's language, in this PC's time zone (a moment
    without a zone is the server's UTC, as sync stores it)."""
    return format_datetime(as_local(moment), current_language())


class ConflictsPanel(QWidget):
    """List of open conflicts; the chosen one side by side. `saveRequested(id, choices)`."""

    saveRequested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflicts: list[ConflictView] = []
        self._fields: list[str] = []  # the table's rows, in order
        self.list = QListWidget()
        self.list.setObjectName("conflictList")
        self.list.setWordWrap(True)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: 600;")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Isian"), self.tr("Nilai di PC ini"), self.tr("Nilai di server"),
             self.tr("Pilihan")]
        )  # fmt: skip
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(HINT_STYLE)
        self.save_button = QPushButton(self.tr("Simpan &pilihan"))
        self.save_button.setObjectName("saveChoices")
        self.save_button.clicked.connect(self._save)
        self.list.currentRowChanged.connect(self._show_selected)
        self._build()
        self.show_conflicts([])

    def _build(self) -> None:
        detail = QWidget()
        foot = QHBoxLayout()
        foot.addWidget(self.note, 1)
        foot.addWidget(self.save_button)
        right = QVBoxLayout(detail)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.heading)
        right.addWidget(self.table, 1)
        right.addLayout(foot)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def show_conflicts(self, conflicts: list[ConflictView]) -> None:
        """Replace the list; the one chosen before stays chosen when it is still open."""
        chosen = self.current()
        self.conflicts = list(conflicts)
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self.conflicts:
            when = show_moment(conflict.created_at)
            text = f"{conflict.summary}\n{kind_label(conflict.kind)} · {when}"
            item = QListWidgetItem(text)
            item.setToolTip(text)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [c.id for c in self.conflicts]
        row = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
        self.list.setCurrentRow(row if self.conflicts else -1)
        self._show_selected(self.list.currentRow())

    def current(self) -> ConflictView | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show_selected(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.table.setRowCount(0)
        self._fields = list(conflict.fields) if conflict is not None else []
        if conflict is None:
            self.heading.setText(self.tr("Tidak ada konflik yang perlu ditinjau."))
            self.note.setText("")
            self.save_button.setEnabled(False)
            return
        self.heading.setText(f"{conflict.summary} · {kind_label(conflict.kind)}")
        self.table.setRowCount(len(conflict.fields))
        for line, (field, (local, server, kept)) in enumerate(conflict.fields.items()):
            self._fill_row(line, field, local, server, kept)
        self.table.resizeRowsToContents()
        pending = conflict.resolution_pending
        self.save_button.setEnabled(not pending and bool(conflict.fields))
        self.note.setText(
            self.tr("Pilihan sudah disimpan dan menunggu dikirim ke server.")
            if pending
            else self.tr("Pilihan awal adalah nilai yang kini dipakai server.")
        )

    def _fill_row(self, line: int, field: str, local: Any, server: Any, kept: str) -> None:
        name = QTableWidgetItem(column_label(field))
        self.table.setItem(line, 0, name)
        for column, value in ((1, local), (2, server)):
            cell = QTableWidgetItem(show_value(value))
            cell.setToolTip(show_value(value))
            self.table.setItem(line, column, cell)
        if local != server:
            bold = name.font()
            bold.setBold(True)
            name.setFont(bold)
        choice = QComboBox()
        choice.setObjectName(f"choice_{field}")
        choice.addItem(self.tr("Pakai nilai PC ini"), "local")
        choice.addItem(self.tr("Pakai nilai server"), "server")
        choice.setCurrentIndex(CHOICES.index(kept) if kept in CHOICES else 1)
        self.table.setCellWidget(line, 3, choice)
        # A cell widget's width is not part of ResizeToContents: make room for the whole text.
        wanted = choice.sizeHint().width() + 8
        if self.table.columnWidth(3) < wanted:
            self.table.setColumnWidth(3, wanted)

    def choices(self) -> dict[str, str]:
        """field -> "local" | "server", as chosen in the table."""
        chosen: dict[str, str] = {}
        for line, field in enumerate(self._fields):
            box = self.table.cellWidget(line, 3)
            if isinstance(box, QComboBox):
                chosen[field] = str(box.currentData())
        return chosen

    def choose(self, field: str, choice: str) -> None:
        """Set one field's choice (keyboard users and tests)."""
        if field in self._fields:
            box = self.table.cellWidget(self._fields.index(field), 3)
            if isinstance(box, QComboBox):
                box.setCurrentIndex(CHOICES.index(choice))

    def _save(self) -> None:
        conflict = self.current()
        if conflict is not None:
            self.save_button.setEnabled(False)
            self.saveRequested.emit(conflict.id, self.choices())

    def conflict_ids(self) -> list[uuid.UUID]:
        return [c.id for c in self.conflicts]


class QuarantineTable(QTableWidget):
    """Changes the server refused, each with its reason (the DPMD sorts them out)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("quarantineTable")
        self.shown: list[QuarantineView] = []
        self.setHorizontalHeaderLabels(
            [self.tr("Data"), self.tr("Alasan"), self.tr("Waktu"), self.tr("No. perubahan")]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

    def show_items(self, items: list[QuarantineView]) -> None:
        self.shown = list(items)
        self.setRowCount(len(self.shown))
        for row, item in enumerate(self.shown):
            seq = "" if item.device_seq is None else str(item.device_seq)
            texts = (entity_label(item.entity), item.reason, show_moment(item.created_at), seq)
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.setItem(row, column, cell)
        self.resizeRowsToContents()

    def reasons(self) -> list[str]:
        return [item.reason for item in self.shown]
