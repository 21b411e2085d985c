"""Pengaturan, Cadangan: the copies in the backups folder, a copy now, and a restore.

A restore is checked first (integrity, our schema, not from a newer version) on a pool
thread; only a file that passes is offered for confirmation, and the confirmation names the
copy's date. The window does the restore itself (`restoreRequested(Path)`): it stops sync and
background reads, closes the database, restores, opens it again and makes its pages anew.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import format_datetime
from app.services.backups import BACKUP_KINDS, BackupFile, Backups
from app.services.village import VillageService
from app.ui.errors import describe
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.i18n import current_language
from app.ui.labels import show_count
from app.ui.tasks import TaskRunner

Listing = tuple[list[BackupFile], datetime | None]


def kind_label(kind: str) -> str:
    names = {
        "daily": QCoreApplication.translate("BackupKind", "Harian (otomatis)"),
        "weekly": QCoreApplication.translate("BackupKind", "Mingguan (otomatis)"),
        "pre-migration": QCoreApplication.translate("BackupKind", "Sebelum pembaruan aplikasi"),
        "pre-import": QCoreApplication.translate("BackupKind", "Sebelum impor"),
        "manual": QCoreApplication.translate("BackupKind", "Dibuat sendiri"),
        "replaced": QCoreApplication.translate("BackupKind", "Data yang diganti saat pemulihan"),
    }
    return names.get(kind, kind)


def show_moment(moment: datetime) -> str:
    return format_datetime(moment, current_language())


def show_size(size: int) -> str:
    """`1,4 MB` / `1.4 MB`, `820 kB`: enough to see a copy is not empty."""
    if size >= 1_000_000:
        text = f"{size / 1_000_000:.1f}"
        return f"{text if current_language() == 'en' else text.replace('.', ',')} MB"
    return f"{show_count(max(1, round(size / 1000)))} kB"


class BackupsSection(QWidget):
    """`loaded` when the list is on screen; `restoreRequested(Path)` once the person
    confirmed a checked file. `confirm` is the confirmation box opened last (tests click it)."""

    loaded = Signal()
    restoreRequested = Signal(object)

    def __init__(
        self, backups: Backups, village: VillageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("BackupsSection")
        self._backups = backups
        self._village = village
        self._runner = TaskRunner(self)
        self.files: list[BackupFile] = []
        self.confirm: QMessageBox | None = None
        self.busy = False
        self.last_label = QLabel()
        self.last_label.setObjectName("lastAutomatic")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Tanggal"), self.tr("Jenis"), self.tr("Ukuran"), self.tr("Berkas")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.backup_button = QPushButton(self.tr("&Cadangkan sekarang"))
        self.backup_button.setObjectName("backupNow")
        self.backup_elsewhere = QPushButton(self.tr("Cadangkan ke folder &lain…"))
        self.restore_button = QPushButton(self.tr("&Pulihkan…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_file_button = QPushButton(self.tr("Pulihkan dari &berkas…"))
        self.backup_button.clicked.connect(lambda: self.back_up(None))
        self.backup_elsewhere.clicked.connect(self.choose_backup_folder)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.choose_restore_file)
        self.message = QLabel()
        self.message.setObjectName("backupMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build()
        self._update_buttons()

    def _build(self) -> None:
        keep = {kind: n for kind, n in BACKUP_KINDS.items() if n}
        rotation = QLabel(self.tr(
            "Cadangan otomatis dibuat setiap hari saat aplikasi dibuka. Disimpan: %1 harian, "
            "%2 mingguan, %3 sebelum pembaruan aplikasi, %4 sebelum impor; yang lebih lama "
            "dihapus sendiri. Folder cadangan: %5"
        ).replace("%1", str(keep["daily"])).replace("%2", str(keep["weekly"]))
         .replace("%3", str(keep["pre-migration"])).replace("%4", str(keep["pre-import"]))
         .replace("%5", str(self._backups.folder)))  # fmt: skip
        rotation.setWordWrap(True)
        rotation.setStyleSheet(HINT_STYLE)
        rotation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        caption = QLabel(self.tr("&Daftar cadangan"))
        caption.setBuddy(self.table)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.backup_elsewhere):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(rotation)
        layout.addWidget(self.last_label)
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        order = (self.table, self.backup_button, self.backup_elsewhere, self.restore_button,
                 self.restore_file_button)  # fmt: skip
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.message.setText(text)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(not self.busy and self.selected() is not None)
        for button in (self.backup_button, self.backup_elsewhere, self.restore_file_button):
            button.setEnabled(not self.busy)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()

    # -- the list ---------------------------------------------------------------------------
    def reload(self) -> None:
        backups = self._backups
        self._runner.start(lambda: (backups.list(), backups.last_automatic()), self._show,
                           lambda exc: self._say(describe(exc), error=True))  # fmt: skip

    def _show(self, listing: Listing) -> None:
        self.files, last = listing
        self.last_label.setText(
            self.tr("Cadangan otomatis terakhir: %1").replace(
                "%1", show_moment(last) if last else self.tr("belum ada")
            )
        )
        self.table.setRowCount(len(self.files))
        for row, copy in enumerate(self.files):
            size = QTableWidgetItem(show_size(copy.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate((QTableWidgetItem(show_moment(copy.taken_at)),
                                           QTableWidgetItem(kind_label(copy.kind)), size,
                                           QTableWidgetItem(copy.path.name))):  # fmt: skip
                item.setToolTip(str(copy.path))
                self.table.setItem(row, column, item)
        self._update_buttons()
        self.loaded.emit()

    def selected(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.files[rows[0].row()] if rows and rows[0].row() < len(self.files) else None

    # -- a copy now -------------------------------------------------------------------------
    def choose_backup_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Simpan cadangan ke folder"))
        if chosen:
            self.back_up(Path(chosen))

    def back_up(self, folder: Path | None) -> None:
        """A copy into `folder` (None: the backups folder), off the GUI thread."""
        backups, village = self._backups, self._village

        def copy() -> Path:
            profile = village.get()
            return backups.back_up(folder, label=profile.code if profile else "desa")

        self._set_busy(True)
        self._say(self.tr("Mencadangkan…"))
        self._runner.start(copy, self._backed_up, self._failed)

    def _backed_up(self, made: Path) -> None:
        self._set_busy(False)
        self._say(self.tr("Cadangan tersimpan: %1").replace("%1", str(made)))
        self.reload()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._say(describe(exc), error=True)

    # -- restore ----------------------------------------------------------------------------
    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.ask_restore(chosen.path)

    def choose_restore_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Pulihkan dari berkas cadangan"), str(self._backups.folder),
            self.tr("Cadangan Payung Desa (*.sqlite3);;Semua berkas (*)"),
        )  # fmt: skip
        if chosen:
            self.ask_restore(Path(chosen))

    def ask_restore(self, candidate: Path) -> None:
        """Check the file off the GUI thread; a good one is offered for confirmation."""
        check = self._backups.check

        def checked() -> datetime:
            check(candidate)
            return datetime.fromtimestamp(candidate.stat().st_mtime)

        self._set_busy(True)
        self._say(self.tr("Memeriksa berkas cadangan…"))
        self._runner.start(checked, lambda when: self._confirm(candidate, when), self._refused)

    def _refused(self, exc: Exception) -> None:
        self._set_busy(False)
        self._say(self.tr("Cadangan tidak dipulihkan. %1").replace("%1", describe(exc)),
                  error=True)  # fmt: skip

    def _confirm(self, candidate: Path, when: datetime) -> None:
        self._set_busy(False)
        self._say("")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Pulihkan cadangan?"),
                          self.tr("Pulihkan cadangan tanggal %1?").replace("%1", show_moment(when)),
                          parent=self)  # fmt: skip
        aside = str(self._backups.paths.replaced)
        details = self.tr(
            "Data yang sekarang tidak dihapus: disisihkan ke folder %1 dan bisa dipulihkan "
            "lagi dari daftar ini. Perubahan sesudah tanggal cadangan tidak akan tampil lagi."
        ).replace("%1", aside)
        box.setInformativeText(
            details + "\n\n" + self.tr("Berkas: %1").replace("%1", str(candidate))
        )
        box.addButton(self.tr("&Pulihkan"), QMessageBox.ButtonRole.AcceptRole)
        accept = QMessageBox.ButtonRole.AcceptRole
        cancel = box.addButton(self.tr("&Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: (
                self._confirmed(candidate)
                if box.buttonRole(button) == accept
                else self._cancelled()
            )
        )
        self.confirm = box
        box.open()

    def _cancelled(self) -> None:
        self._say(self.tr("Pemulihan dibatalkan; data tidak berubah."))

    def _confirmed(self, candidate: Path) -> None:
        self._set_busy(True)
        self._say(self.tr("Memulihkan…"))
        self.restoreRequested.emit(candidate)

    def restore_failed(self, text: str) -> None:
        """The window could not restore (the message says why); the data is as it was."""
        self._set_busy(False)
        self._say(text, error=True)

    def restored(self, candidate: Path, aside: Path | None) -> None:
        text = self.tr("Cadangan %1 dipulihkan.").replace("%1", candidate.name)
        if aside is not None:
            text += " " + self.tr("Data sebelumnya disimpan di %1").replace("%1", str(aside))
        self._say(text)
