"""Sinkronisasi: the village's link with the kabupaten server (DESIGN.md 6 and 9).

- Sambungan: server address + one-time enrollment code; once connected, the server, the village
  code and this PC's device id.
- Keadaan: last sync (server time), changes waiting, conflicts, quarantined, held, next try;
  "Sinkronkan sekarang" with stage, progress and Batal. Syncs go through the SyncScheduler, so
  a manual sync never overlaps a timed one.
- Flashdisk: a USB bundle for villages without internet, and reading the DPMD's reply.
- Konflik side by side with a choice per field; Karantina with the server's reasons.

Every engine call runs on a pool thread; errors are shown as the engine's Indonesian message.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSysInfo, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.sync.errors import SyncError
from app.ui.errors import describe
from app.ui.fonts import PAGE_TITLE, set_scaled_font
from app.ui.forms import HINT_STYLE
from app.ui.labels import show_count
from app.ui.pages.sync_bundles import BundleBox
from app.ui.pages.sync_conflicts import ConflictsPanel, QuarantineTable, entity_label, show_moment
from app.ui.sync_scheduler import LazySyncEngine, SyncScheduler
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.sync.engine import (
        ConflictView,
        Progress,
        QuarantineView,
        SyncResult,
        SyncStatus,
    )

BANNER = {
    "info": "background: #e8f0fe; color: #174ea6; padding: 6px; border-radius: 4px;",
    "warning": "background: #fef7e0; color: #7a4f01; padding: 6px; border-radius: 4px;",
    "error": "background: #fce8e6; color: #b3261e; padding: 6px; border-radius: 4px;",
}


class SinkronisasiPage(QWidget):
    """`pulled()` after a bundle import brought rows (syncs report through the scheduler);
    `reviewLoaded()` when the conflict and quarantine lists are on screen."""

    pulled = Signal()
    reviewLoaded = Signal()

    def __init__(
        self,
        engine: LazySyncEngine,
        scheduler: SyncScheduler,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SinkronisasiPage")
        self._engine = engine
        self.scheduler = scheduler
        self._today = today
        self._runner = TaskRunner(self)
        self._read_once = False
        self._review_reads = 0
        self.status: SyncStatus | None = None
        self._build()
        self._connect_signals()
        self._show_status(None)
        self._sync_busy(False)

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Sinkronisasi"))
        set_scaled_font(title, PAGE_TITLE, bold=True)
        self.message = QLabel()
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        boxes = QHBoxLayout()
        boxes.addWidget(self._connection_box(), 4)
        boxes.addWidget(self._state_box(), 4)
        self.bundles = BundleBox(self._engine, self._today)
        boxes.addWidget(self.bundles, 3)
        self.conflicts = ConflictsPanel()
        self.quarantine = QuarantineTable()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.conflicts, "")
        self.tabs.addTab(self.quarantine, "")
        self._name_tabs(0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addLayout(boxes)
        layout.addWidget(self.tabs, 1)

    def _connection_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sambungan ke server kabupaten"))
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("serverUrl")
        self.url_edit.setPlaceholderText("https://payung.ngawikab.go.id")
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("enrollCode")
        self.code_edit.setPlaceholderText("ABCDE-FGHJK")
        self.connect_button = QPushButton(self.tr("Samb&ungkan"))
        self.connect_button.setObjectName("connectButton")
        hint = QLabel(self.tr("Kode pendaftaran dari petugas DPMD berlaku 24 jam, sekali pakai."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        enrol = QWidget()
        form = QFormLayout(enrol)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Alamat server"), self.url_edit)
        form.addRow(self.tr("Kode pendaftaran"), self.code_edit)
        form.addRow(hint)
        form.addRow("", self.connect_button)
        self.server_label, self.village_label, self.device_label = QLabel(), QLabel(), QLabel()
        for value in (self.server_label, self.village_label, self.device_label):
            value.setWordWrap(True)
        self.reconnect_button = QPushButton(self.tr("Sambungkan &ulang…"))
        shown = QWidget()
        facts = QFormLayout(shown)
        facts.setContentsMargins(0, 0, 0, 0)
        facts.addRow(self.tr("Server"), self.server_label)
        facts.addRow(self.tr("Kode desa"), self.village_label)
        facts.addRow(self.tr("Perangkat"), self.device_label)
        facts.addRow("", self.reconnect_button)
        self.connection = QStackedWidget()
        self.connection.addWidget(enrol)
        self.connection.addWidget(shown)
        QVBoxLayout(box).addWidget(self.connection)
        return box

    def _state_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Keadaan"))
        self.state_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        rows = (
            ("last", self.tr("Sinkron terakhir")),
            ("waiting", self.tr("Menunggu dikirim")),
            ("conflicts", self.tr("Konflik perlu ditinjau")),
            ("quarantined", self.tr("Dikarantina")),
            ("held", self.tr("Ditahan")),
            ("next", self.tr("Sinkron berikutnya")),
        )
        for key, caption in rows:
            self.state_labels[key] = QLabel()
            self.state_labels[key].setObjectName(f"state_{key}")
            form.addRow(caption, self.state_labels[key])
        self.stage_label = QLabel()
        self.stage_label.setStyleSheet(HINT_STYLE)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.sync_button = QPushButton(self.tr("Sinkronkan &sekarang"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Batal"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sync_button)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.stage_label)
        layout.addLayout(buttons)
        return box

    def _name_tabs(self, conflicts: int, quarantined: int) -> None:
        self.tabs.setTabText(0, self.tr("Konflik (%1)").replace("%1", show_count(conflicts)))
        self.tabs.setTabText(1, self.tr("Karantina (%1)").replace("%1", show_count(quarantined)))

    def _connect_signals(self) -> None:
        self.connect_button.clicked.connect(self.connect_server)
        self.code_edit.returnPressed.connect(self.connect_server)
        self.reconnect_button.clicked.connect(lambda: self.connection.setCurrentIndex(0))
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button.clicked.connect(self.scheduler.cancel)
        self.bundles.imported.connect(self._bundle_imported)
        self.conflicts.saveRequested.connect(self.resolve)
        scheduler = self.scheduler
        scheduler.started.connect(lambda: self._sync_busy(True))
        scheduler.progressed.connect(self._show_progress)
        scheduler.succeeded.connect(self._synced)
        scheduler.failed.connect(self._sync_failed)
        scheduler.statusChanged.connect(self._show_status)
        scheduler.nextAttemptChanged.connect(lambda _when: self._show_next())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._read_once:
            self._read_once = True
            self.scheduler.refresh_status()
            self.reload_review()

    # -- messages ---------------------------------------------------------------------------
    def say(self, text: str, kind: str = "info") -> None:
        """The message area under the title: results, warnings and errors stay until replaced."""
        self.message.setStyleSheet(BANNER[kind])
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @staticmethod
    def _words(exc: Exception) -> str:
        return exc.message if isinstance(exc, SyncError) else describe(exc)

    # -- state ------------------------------------------------------------------------------
    def _show_status(self, status: SyncStatus | None) -> None:
        self.status = st = status
        connected = st is not None and st.connected
        if st is not None and not connected:
            self.connection.setCurrentIndex(0)
        elif connected and st is not None:
            self.connection.setCurrentIndex(1)
            self.server_label.setText(st.server_url or "")
            self.village_label.setText(st.village_code or "")
            self.bundles.village_code = st.village_code
            self.device_label.setText(st.device_id or "")
        labels = self.state_labels
        if st is None:
            for label in labels.values():
                label.setText("…")
            return
        labels["last"].setText(
            show_moment(st.last_sync_server_time) if st.last_sync_server_time
            else self.tr("belum pernah")
        )  # fmt: skip
        labels["waiting"].setText(self.tr("%1 perubahan").replace("%1", show_count(st.ops_waiting)))
        labels["conflicts"].setText(show_count(st.conflicts_open))
        labels["quarantined"].setText(show_count(st.quarantined_open))
        labels["held"].setText(show_count(st.held))
        self._show_next()
        self._sync_busy(self.scheduler.running)

    def _show_next(self) -> None:
        scheduler, label = self.scheduler, self.state_labels["next"]
        when = scheduler.next_attempt
        if self.status is None or not self.status.connected:
            label.setText(self.tr("belum tersambung ke server"))
        elif scheduler.running:
            label.setText(self.tr("sedang berjalan"))
        elif scheduler.stopped or when is None:
            label.setText(self.tr("berhenti (lihat pesan di atas)") if scheduler.stopped
                          else self.tr("belum dijadwalkan"))  # fmt: skip
        elif scheduler.failures:
            label.setText(self.tr("coba lagi pukul %1").replace("%1", f"{when:%H.%M}"))
        else:
            label.setText(self.tr("pukul %1").replace("%1", f"{when:%H.%M}"))

    # -- connecting -------------------------------------------------------------------------
    def connect_server(self) -> None:
        url, code = self.url_edit.text().strip(), self.code_edit.text().strip()
        if not url or not code:
            self.say(self.tr("Isi alamat server dan kode pendaftaran dari DPMD."), "error")
            return
        engine, label = self._engine, QSysInfo.machineHostName()
        self.connect_button.setEnabled(False)
        self.say(self.tr("Menyambungkan ke %1…").replace("%1", url))
        self._runner.start(
            lambda: engine.connect(url, code, label=label), self._connected, self._connect_failed
        )

    def _connected(self, status: SyncStatus) -> None:
        self.connect_button.setEnabled(True)
        self.code_edit.clear()
        self._show_status(status)
        self.scheduler.status = status
        self.say(self.tr("Tersambung ke server. Sinkron pertama dimulai."))
        self.sync_now()

    def _connect_failed(self, exc: Exception) -> None:
        self.connect_button.setEnabled(True)
        self.say(self._words(exc), "error")

    # -- syncing ----------------------------------------------------------------------------
    def sync_now(self) -> None:
        if not self.scheduler.sync_now():
            self.say(self.tr("Sinkronisasi sedang berjalan."))

    def _sync_busy(self, busy: bool) -> None:
        self.sync_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)
        self.stage_label.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.stage_label.setText(self.tr("Memulai sinkronisasi…"))
            self._show_next()

    def _show_progress(self, step: Progress) -> None:
        if step.total:
            self.progress.setRange(0, step.total)
            self.progress.setValue(min(step.done, step.total))
        else:
            self.progress.setRange(0, 0)
        self.stage_label.setText(self.stage_text(step))

    def stage_text(self, step: Progress) -> str:
        done, total = show_count(step.done), show_count(step.total or 0)
        texts = {
            "hello": self.tr("Menghubungi server…"),
            "push": self.tr("Mengirim perubahan %1 dari %2…"),
            "pull": self.tr("Mengambil perubahan dari server (%1)…"),
            "verify": self.tr("Memeriksa kecocokan data dengan server…"),
            "review": self.tr("Mengambil daftar konflik dan karantina…"),
        }
        return texts.get(step.stage, step.stage).replace("%1", done).replace("%2", total)

    def result_text(self, result: SyncResult) -> str:
        return (
            self.tr("Sinkron selesai: %1 perubahan dikirim, %2 diterima, %3 konflik terbuka, "
                    "%4 dikarantina.")
            .replace("%1", show_count(result.pushed))
            .replace("%2", show_count(result.pulled))
            .replace("%3", show_count(result.conflicts))
            .replace("%4", show_count(result.quarantined))
        )  # fmt: skip

    def _report(self, result: SyncResult) -> None:
        lines = [self.result_text(result), *result.warnings]
        if result.repaired:
            tables = ", ".join(entity_label(name) for name in result.repaired)
            lines.append(self.tr("Data diperbaiki dari server: %1.").replace("%1", tables))
        self.say("\n".join(lines), "warning" if len(lines) > 1 else "info")

    def _synced(self, result: SyncResult) -> None:
        self._sync_busy(False)
        self._report(result)
        self.reload_review()

    def _sync_failed(self, text: str, will_retry: bool) -> None:
        self._sync_busy(False)
        self.say(text, "warning" if will_retry else "error")

    # -- review -----------------------------------------------------------------------------
    def reload_review(self) -> None:
        """Read the conflict and quarantine lists again; an older read still under way is
        dropped when it lands, so the newest lists win."""
        engine = self._engine
        self._review_reads += 1
        generation = self._review_reads
        self._runner.start(
            lambda: (engine.conflicts(), engine.quarantined()),
            lambda review: self._show_review(generation, review),
            self._failed,
        )

    def _show_review(
        self, generation: int, review: tuple[list[ConflictView], list[QuarantineView]]
    ) -> None:
        if generation != self._review_reads:
            return
        conflicts, quarantined = review
        self.conflicts.show_conflicts(conflicts)
        self.quarantine.show_items(quarantined)
        self._name_tabs(len(conflicts), len(quarantined))
        self.reviewLoaded.emit()

    def _failed(self, exc: Exception) -> None:
        self.say(self._words(exc), "error")

    def resolve(self, conflict_id: object, choices: object) -> None:
        """Queue the choices (field -> local | server) on a pool thread, then sync."""
        engine = self._engine
        if not isinstance(conflict_id, uuid.UUID) or not isinstance(choices, dict):
            return
        chosen = {str(field): str(choice) for field, choice in choices.items()}

        def save() -> None:
            engine.resolve(conflict_id, chosen)

        self._runner.start(save, lambda _none: self._resolved(), self._failed)

    def _resolved(self) -> None:
        self.say(self.tr("Pilihan disimpan; dikirim ke server pada sinkron berikutnya."))
        self.reload_review()
        self.scheduler.refresh_status()
        if self.status is not None and self.status.connected:
            self.scheduler.sync_now()

    def _bundle_imported(self, result: SyncResult) -> None:
        self._report(result)
        self.reload_review()
        self.scheduler.refresh_status()
        if result.pulled:
            self.pulled.emit()

    def state_texts(self) -> dict[str, str]:
        """What the state box shows, by key (tests and screenshots)."""
        return {key: label.text() for key, label in self.state_labels.items()}
