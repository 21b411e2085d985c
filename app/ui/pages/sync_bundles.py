"""The Sinkronisasi page's Flashdisk box: USB bundles for villages without a connection.

"Simpan bundel" writes every change waiting to be sent into one encrypted file for the DPMD
(default name `payung-<village code>-<date>.pbundle`, on a USB stick when one is plugged in);
"Baca bundel balasan" applies the DPMD's reply exactly as an online sync would. Both run on a
pool thread; the result or the engine's Indonesian error stays in the box.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.sync.errors import SyncError
from app.ui.errors import describe
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.labels import show_count
from app.ui.removable import removable_drives
from app.ui.sync_scheduler import LazySyncEngine
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.sync.engine import SyncResult

BUNDLE_SUFFIX = ".pbundle"


def bundle_name(village_code: str | None, day: date) -> str:
    """`payung-35.21.01.2001-2026-11-21.pbundle`."""
    return f"payung-{village_code or 'desa'}-{day.isoformat()}{BUNDLE_SUFFIX}"


def export_bundle(engine: LazySyncEngine, out: Path) -> tuple[int, Path]:
    """Pending changes to a USB bundle; (changes, path). Runs on a pool thread."""
    from app.sync import bundle_client  # cryptography: not loaded at window start

    summary = bundle_client.export_bundle(engine.real(), out)
    return summary.ops, summary.path


def import_bundle(engine: LazySyncEngine, path: Path) -> SyncResult:
    from app.sync import bundle_client

    return bundle_client.import_bundle(engine.real(), path)


class BundleBox(QGroupBox):
    """`imported(SyncResult)` after a reply bundle was applied; `done(text)` after any bundle
    work ended (the text is on screen too)."""

    imported = Signal(object)
    done = Signal(str)

    def __init__(
        self, engine: LazySyncEngine, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Flashdisk (tanpa internet)"))
        self._engine = engine
        self._today = today
        self._runner = TaskRunner(self)
        self.village_code: str | None = None  # the page sets it from the sync status
        self.busy = False
        intro = QLabel(self.tr(
            "Simpan perubahan desa ke flashdisk untuk DPMD, lalu baca bundel balasan dari DPMD."
        ))  # fmt: skip
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        self.export_button = QPushButton(self.tr("Simpan bundel ke &flashdisk…"))
        self.import_button = QPushButton(self.tr("Baca bundel &balasan…"))
        self.message = QLabel()
        self.message.setObjectName("bundleMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.export_button)
        layout.addWidget(self.import_button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.export_button.clicked.connect(self.ask_export)
        self.import_button.clicked.connect(self.ask_import)

    def default_path(self) -> Path:
        """On the first removable drive when one is plugged in, else in the home folder."""
        drives = removable_drives()
        folder = Path(drives[0].root) if drives else Path.home()
        return folder / bundle_name(self.village_code, self._today())

    def ask_export(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Simpan bundel untuk DPMD"), str(self.default_path()),
            self.tr("Bundel Payung (*%1)").replace("%1", BUNDLE_SUFFIX),
        )  # fmt: skip
        if chosen:
            path = Path(chosen)
            self.export_to(path if path.suffix else path.with_suffix(BUNDLE_SUFFIX))

    def ask_import(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Baca bundel balasan dari DPMD"), str(self.default_path().parent),
            self.tr("Bundel Payung (*%1);;Semua berkas (*)").replace("%1", BUNDLE_SUFFIX),
        )  # fmt: skip
        if chosen:
            self.import_from(Path(chosen))

    def _set_busy(self, busy: bool, text: str, *, error: bool = False) -> None:
        self.busy = busy
        self.export_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.message.setText(text)

    def export_to(self, path: Path) -> None:
        engine = self._engine
        self._set_busy(True, self.tr("Menyimpan bundel…"))
        self._runner.start(lambda: export_bundle(engine, path), self._exported, self._failed)

    def _exported(self, written: tuple[int, Path]) -> None:
        ops, path = written
        text = (
            self.tr("Bundel berisi %1 perubahan disimpan di %2. Serahkan ke DPMD.")
            .replace("%1", show_count(ops))
            .replace("%2", str(path))
        )
        self._set_busy(False, text)
        self.done.emit(text)

    def import_from(self, path: Path) -> None:
        engine = self._engine
        self._set_busy(True, self.tr("Membaca bundel %1…").replace("%1", path.name))
        self._runner.start(lambda: import_bundle(engine, path), self._imported, self._failed)

    def _imported(self, result: SyncResult) -> None:
        text = self.tr("Bundel balasan dibaca.")
        self._set_busy(False, text)
        self.imported.emit(result)
        self.done.emit(text)

    def _failed(self, exc: Exception) -> None:
        text = exc.message if isinstance(exc, SyncError) else describe(exc)
        self._set_busy(False, text, error=True)
        self.done.emit(text)
