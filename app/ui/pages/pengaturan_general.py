"""Pengaturan, Umum: the operator at this PC, the language, the paper and the export defaults.

One Simpan for the lot. A new language is applied by the window (`languageChosen`), which
installs the translation and makes its pages again: no restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.services.exports import ROSTER_PROFILE, Exports, ProfileCatalog, ProfileKind
from app.services.papers import Paper
from app.services.settings import Preferences, read_preferences, save_preferences
from app.services.village import VillageService
from app.ui.errors import describe, field_message
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.i18n import current_language
from app.ui.tasks import TaskRunner


@dataclass(frozen=True, slots=True)
class _Read:
    preferences: Preferences
    profiles: list[tuple[str, str, str]]  # name, title, version (roster profiles only)


def _roster_profiles(catalog: ProfileCatalog) -> list[tuple[str, str, str]]:
    chosen = sorted((p for p in catalog.profiles.values() if p.kind is ProfileKind.ROSTER),
                    key=lambda p: (p.name != ROSTER_PROFILE, p.name))  # fmt: skip
    return [(p.name, p.title or p.name, p.version) for p in chosen]


def hint(text: str) -> QLabel:
    line = QLabel(text)
    line.setWordWrap(True)
    line.setStyleSheet(HINT_STYLE)
    return line


class GeneralSection(QWidget):
    """`loaded` when the stored preferences are on screen; `saved(Preferences)` after Simpan;
    `languageChosen(str)` when the saved language differs from the one on screen."""

    loaded = Signal()
    saved = Signal(object)
    languageChosen = Signal(str)

    def __init__(
        self, village: VillageService, exports: Exports, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("GeneralSection")
        self._village = village
        self._exports = exports
        self._runner = TaskRunner(self)
        self.ready = False  # True once the stored preferences are on screen
        self.operator_edit = QLineEdit()
        self.operator_edit.setObjectName("operatorName")
        self.operator_edit.setMaxLength(120)
        self.operator_edit.setPlaceholderText(self.tr("mis. Siti Aminah"))
        self.operator_error = QLabel()
        self.operator_error.setObjectName("operatorError")
        self.operator_error.setStyleSheet(ERROR_STYLE)
        self.operator_error.hide()
        self.language_box = QComboBox()
        self.language_box.setObjectName("languageBox")
        self.language_box.addItem("Bahasa Indonesia", "id")
        self.language_box.addItem("English", "en")
        self.paper_box = QComboBox()
        self.paper_box.setObjectName("paperBox")
        self.paper_box.addItem(self.tr("A4 (210 × 297 mm)"), Paper.A4.value)
        self.paper_box.addItem(self.tr("F4 / folio (215 × 330 mm)"), Paper.F4.value)
        self.profile_box = QComboBox()
        self.profile_box.setObjectName("exportProfileBox")
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("exportFolder")
        self.folder_edit.setPlaceholderText(self.tr("kosong: folder pribadi pengguna"))
        self.folder_button = QPushButton(self.tr("Pi&lih folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.save_button = QPushButton(self.tr("&Simpan pengaturan"))
        self.save_button.setObjectName("saveGeneral")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._build()

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(4)
        folder = QHBoxLayout()
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(self.folder_button)
        rows: tuple[tuple[str, QWidget | QHBoxLayout, QWidget, str], ...] = (
            (self.tr("Nama &operator"), self.operator_edit, self.operator_edit, self.tr(
                "Orang yang memakai komputer ini. Namanya dicatat pada setiap perubahan data "
                "(riwayat) dan tampil di baris status. Nama sekretaris di profil desa yang "
                "dicetak pada kuitansi dan rekap.")),
            (self.tr("&Bahasa"), self.language_box, self.language_box,
             self.tr("Berlaku segera setelah disimpan, tanpa menutup aplikasi.")),
            (self.tr("&Kertas"), self.paper_box, self.paper_box,
             self.tr("Ukuran kertas bawaan untuk kuitansi dan rekap iuran.")),
            (self.tr("Profil &ekspor"), self.profile_box, self.profile_box,
             self.tr("Ekspor iuran memilih profil ini lebih dulu.")),
            (self.tr("Folder e&kspor"), folder, self.folder_edit, self.tr(
                "Ekspor iuran menyimpan berkas ke folder ini, mis. flashdisk untuk dibawa ke "
                "kantor BPJS.")),
        )  # fmt: skip
        line = 0
        for caption, field, buddy, note in rows:
            label = QLabel(caption)
            label.setBuddy(buddy)
            grid.addWidget(label, line, 0)
            if isinstance(field, QWidget):
                grid.addWidget(field, line, 1)
            else:
                grid.addLayout(field, line, 1)
            if field is self.operator_edit:
                line += 1
                grid.addWidget(self.operator_error, line, 1)
            grid.addWidget(hint(note), line + 1, 1)
            grid.setRowMinimumHeight(line + 2, 10)
            line += 3
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        self.setMaximumWidth(900)  # long lines are hard to read; the rest of the tab stays empty
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setTabOrder(self.operator_edit, self.language_box)
        for first, second in ((self.language_box, self.paper_box),
                              (self.paper_box, self.profile_box),
                              (self.profile_box, self.folder_edit),
                              (self.folder_edit, self.folder_button),
                              (self.folder_button, self.save_button)):  # fmt: skip
            self.setTabOrder(first, second)

    # -- reading ----------------------------------------------------------------------------
    def reload(self) -> None:
        village, exports = self._village, self._exports

        def read() -> _Read:
            return _Read(read_preferences(village), _roster_profiles(exports.profiles()))

        self._runner.start(read, self._show, self._failed)

    def _show(self, read: _Read) -> None:
        self.profile_box.clear()
        for name, title, version in read.profiles:
            text = (self.tr("%1 (%2, versi %3)").replace("%1", title)
                    .replace("%2", name).replace("%3", version))  # fmt: skip
            self.profile_box.addItem(text, name)
        self.show_preferences(read.preferences)
        self.ready = True
        self.loaded.emit()

    def show_preferences(self, prefs: Preferences) -> None:
        self.operator_edit.setText(prefs.operator or "")
        language = prefs.language if prefs.language in ("id", "en") else current_language()
        self.language_box.setCurrentIndex(self.language_box.findData(language))
        self.paper_box.setCurrentIndex(self.paper_box.findData(prefs.paper.value))
        wanted = self.profile_box.findData(prefs.export_profile or ROSTER_PROFILE)
        self.profile_box.setCurrentIndex(max(wanted, 0))
        self.folder_edit.setText(prefs.export_folder or "")

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, DomainError) and exc.field == "operator":
            self.operator_error.setText(field_message(exc))
            self.operator_error.show()
            self.operator_edit.setFocus()
            self._say("")
        elif isinstance(exc, DomainError):  # the export folder: the message names it
            self._say(field_message(exc), error=True)
        else:
            self._say(describe(exc), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.message.setText(text)

    # -- choosing and saving ----------------------------------------------------------------
    def choose_folder(self) -> None:
        start = self.folder_edit.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder ekspor"), start)
        if chosen:
            self.folder_edit.setText(chosen)

    def wanted(self) -> Preferences:
        return Preferences(
            operator=self.operator_edit.text(),
            language=str(self.language_box.currentData()),
            paper=Paper(self.paper_box.currentData()),
            export_profile=str(self.profile_box.currentData() or "") or None,
            export_folder=self.folder_edit.text().strip() or None,
        )

    def save(self) -> None:
        wanted, village = self.wanted(), self._village
        self.operator_error.setText("")
        self.operator_error.hide()
        self.save_button.setEnabled(False)
        self._say(self.tr("Menyimpan…"))
        self._runner.start(lambda: save_preferences(village, wanted), self._saved, self._failed)

    def _saved(self, prefs: Preferences) -> None:
        self.save_button.setEnabled(True)
        self.show_preferences(prefs)
        self._say(self.tr("Pengaturan disimpan."))
        self.saved.emit(prefs)
        if prefs.language in ("id", "en") and prefs.language != current_language():
            self.languageChosen.emit(prefs.language)
