"""Pengaturan, Server: which kabupaten server this PC syncs with and when it last did.

Read from the sync scheduler's status (the same read the status bar shows); connecting and
syncing stay on the Sinkronisasi page, which the button opens (`syncPageRequested`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.forms import HINT_STYLE
from app.ui.labels import show_count
from app.ui.pages.sync_conflicts import show_moment
from app.ui.sync_scheduler import SyncScheduler

if TYPE_CHECKING:
    from app.sync.engine import SyncStatus


class ServerSection(QWidget):
    syncPageRequested = Signal()

    def __init__(self, scheduler: SyncScheduler | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ServerSection")
        self.labels = {key: QLabel() for key in ("state", "server", "village", "last", "waiting")}
        form = QFormLayout()
        captions = (
            ("state", self.tr("Keadaan")),
            ("server", self.tr("Server")),
            ("village", self.tr("Kode desa")),
            ("last", self.tr("Sinkron terakhir")),
            ("waiting", self.tr("Menunggu dikirim")),
        )
        for key, caption in captions:
            self.labels[key].setObjectName(f"server_{key}")
            self.labels[key].setWordWrap(True)
            form.addRow(caption, self.labels[key])
        self.open_button = QPushButton(self.tr("Buka halaman Sinkr&onisasi"))
        self.open_button.setObjectName("openSync")
        self.open_button.clicked.connect(self.syncPageRequested)
        hint = QLabel(self.tr(
            "Menyambungkan komputer ini ke server kabupaten, menyinkronkan, dan memakai "
            "flashdisk dilakukan di halaman Sinkronisasi."
        ))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        button_row = QHBoxLayout()
        button_row.addWidget(self.open_button)
        button_row.addStretch(1)
        self.setMaximumWidth(900)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(button_row)
        layout.addStretch(1)
        self.show_status(scheduler.status if scheduler else None)
        if scheduler is not None:
            scheduler.statusChanged.connect(self.show_status)

    def show_status(self, status: SyncStatus | None) -> None:
        labels = self.labels
        if status is None:
            for value in labels.values():
                value.setText("…")
            return
        if not status.connected:
            labels["state"].setText(self.tr("Belum tersambung ke server kabupaten"))
            for key in ("server", "village", "last", "waiting"):
                labels[key].setText("-")
            return
        labels["state"].setText(self.tr("Tersambung"))
        labels["server"].setText(status.server_url or "")
        labels["village"].setText(status.village_code or "")
        last = status.last_sync_server_time
        labels["last"].setText(show_moment(last) if last else self.tr("belum pernah"))
        labels["waiting"].setText(
            self.tr("%1 perubahan").replace("%1", show_count(status.ops_waiting))
        )
