"""The pages of the first-run wizard (app.ui.first_run): welcome and language, the village
profile, the formasi, how to start (empty or from a workbook), and the summary.

Every page has `retranslate()`: the person may switch to English on the first page, and every
text on screen, including the ones already built, follows at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWizardPage,
)

from app.domain.categories import Category
from app.domain.village import VillageData
from app.services.standing import MAX_POSITIONS
from app.ui.dialogs.setup import add_village_fields, check_village, village_placeholders
from app.ui.forms import ERROR_STYLE, HINT_STYLE, Form, new_form_layout
from app.ui.i18n import Language, current_language
from app.ui.labels import field_label, label

SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")
LANGUAGES: tuple[tuple[Language, str], ...] = (("id", "Bahasa Indonesia"), ("en", "English"))


def _hint(text: str = "") -> QLabel:
    hint = QLabel(text)
    hint.setWordWrap(True)
    hint.setStyleSheet(HINT_STYLE)
    return hint


class WelcomePage(QWizardPage):
    """Selamat datang, and the language of the window (names of languages are not translated)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("welcomePage")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language_box = QComboBox()
        self.language_box.setObjectName("languageBox")
        for code, name in LANGUAGES:
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(self.language_box.findData(current_language()))
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language_box)
        row = QFormLayout()
        row.addRow(self.language_label, self.language_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(1)

    def language(self) -> Language:
        return "en" if self.language_box.currentData() == "en" else "id"

    def retranslate(self) -> None:
        self.setTitle(self.tr("Selamat datang"))
        self.intro.setText(
            QCoreApplication.translate(
                "VillageSetupDialog",
                "Selamat datang. Isi data kantor desa sekali saja; semua data tersimpan di "
                "komputer ini dan tetap bisa dipakai tanpa internet.",
            )
        )
        self.language_label.setText(self.tr("&Bahasa"))

    def initializePage(self) -> None:
        self.language_box.setFocus(Qt.FocusReason.OtherFocusReason)


class ProfilePage(QWizardPage):
    """The village profile: the same fields and checks as Pengaturan. Next stays disabled
    until the domain accepts the fields; errors show once a field has been typed in."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("profilePage")
        self.form = Form()
        self.fields = new_form_layout()
        add_village_fields(self.form, self.fields)
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields)
        layout.addStretch(1)
        self.form.on_change(self.revalidate)

    def data(self) -> VillageData | None:
        return check_village(self.form.values())[0]

    def revalidate(self) -> None:
        _data, errors = check_village(self.form.values())
        self.form.show_errors(errors)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.data() is not None

    def initializePage(self) -> None:
        self.form.focus("village_code")

    def retranslate(self) -> None:
        self.setTitle(self.tr("Profil desa"))
        self.setSubTitle(self.tr("Kode desa dari Kemendagri, wilayah, dan pejabat desa."))
        hints = village_placeholders()
        for name, row in self.form.rows.items():
            caption = self.fields.labelForField(row.widget)
            if isinstance(caption, QLabel):
                caption.setText(field_label(name))
            if isinstance(row.editor, QLineEdit):
                row.editor.setPlaceholderText(hints.get(name, ""))
        self.revalidate()


class FormasiPage(QWizardPage):
    """Optional posts per category; 0 (shown as "belum diisi") means no fixed number."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("formasiPage")
        self.intro = _hint()
        self.spins: dict[Category, QSpinBox] = {}
        self.captions: dict[Category, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        half = (len(Category) + 1) // 2
        for index, category in enumerate(Category):
            spin = QSpinBox()
            spin.setRange(0, MAX_POSITIONS)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setObjectName(f"quota_{category.value}")
            caption = QLabel()
            caption.setBuddy(spin)
            column, row = divmod(index, half)  # down the left column first, as Tab goes
            grid.addWidget(caption, row, column * 2)
            grid.addWidget(spin, row, column * 2 + 1)
            self.spins[category], self.captions[category] = spin, caption
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(grid)
        layout.addStretch(1)

    def quota(self) -> dict[Category, int]:
        """Only the categories given a number."""
        return {c: spin.value() for c, spin in self.spins.items() if spin.value() > 0}

    def initializePage(self) -> None:
        first = next(iter(self.spins.values()))
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        first.selectAll()  # typing a number replaces "belum diisi"

    def retranslate(self) -> None:
        self.setTitle(self.tr("Formasi"))
        self.setSubTitle(self.tr("Boleh dikosongkan dan diisi nanti di Pengaturan."))
        self.intro.setText(self.tr(
            "Jumlah posisi per kategori; Beranda mengukur cakupan kepesertaan terhadap angka "
            "ini. Biarkan \"belum diisi\" untuk kategori tanpa formasi tetap, mis. petani."
        ))  # fmt: skip
        not_set = self.tr("belum diisi")
        for category, spin in self.spins.items():
            spin.setSpecialValueText(not_set)
            self.captions[category].setText(label(category))


class StartPage(QWizardPage):
    """Start with an empty register, or continue into Impor with a chosen workbook."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startPage")
        self.empty = QRadioButton()
        self.empty.setObjectName("startEmpty")
        self.empty.setChecked(True)
        self.from_file = QRadioButton()
        self.from_file.setObjectName("startImport")
        self.group = QButtonGroup(self)
        self.group.addButton(self.empty)
        self.group.addButton(self.from_file)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.browse_button = QPushButton()
        self.browse_button.setObjectName("browseButton")
        self.path_label = QLabel()
        self.path_label.setBuddy(self.path_edit)
        self.problem = _hint()
        self.problem.setObjectName("importProblem")
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        fields = QVBoxLayout()
        fields.setContentsMargins(24, 0, 0, 0)  # under the radio button it belongs to
        fields.addWidget(self.path_label)
        fields.addLayout(file_row)
        fields.addWidget(self.problem)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.from_file)
        layout.addLayout(fields)
        layout.addStretch(1)
        self.group.buttonToggled.connect(lambda _b, _on: self._changed())
        self.path_edit.textChanged.connect(lambda _t: self._changed())
        self.browse_button.clicked.connect(self.ask_file)
        self._changed()

    def import_path(self) -> Path | None:
        """The chosen workbook, or None to start empty (or while the path is not usable)."""
        if not self.from_file.isChecked():
            return None
        text = self.path_edit.text().strip()
        path = Path(text).expanduser() if text else None
        if path is None or path.suffix.lower() not in SPREADSHEET_SUFFIXES:
            return None
        return path if path.is_file() else None

    def _problem_text(self) -> str:
        text = self.path_edit.text().strip()
        if not self.from_file.isChecked() or not text:
            return ""
        path = Path(text).expanduser()
        if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
            return self.tr("Pilih berkas .xlsx, .xls, .ods atau .csv.")
        if not path.is_file():
            return self.tr("Berkas ini tidak ada.")
        return ""

    def _changed(self) -> None:
        importing = self.from_file.isChecked()
        for widget in (self.path_edit, self.browse_button, self.path_label):
            widget.setEnabled(importing)
        problem = self._problem_text()
        self.problem.setStyleSheet(ERROR_STYLE if problem else HINT_STYLE)
        self.problem.setText(problem)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.from_file.isChecked() or self.import_path() is not None

    def ask_file(self) -> None:
        start = self.path_edit.text().strip() or str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Pilih berkas untuk diimpor"), start,
            self.tr("Lembar kerja (%1);;Semua berkas (*)").replace(
                "%1", " ".join(f"*{suffix}" for suffix in SPREADSHEET_SUFFIXES)),
        )  # fmt: skip
        if chosen:
            self.path_edit.setText(chosen)
            self.path_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def initializePage(self) -> None:
        chosen = self.from_file if self.from_file.isChecked() else self.empty
        chosen.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Data awal"))
        self.setSubTitle(self.tr("Daftar pekerja bisa diisi satu per satu atau diimpor."))
        self.empty.setText(self.tr("&Mulai dengan daftar kosong"))
        self.from_file.setText(self.tr("&Impor daftar pekerja dari lembar kerja"))
        self.path_label.setText(self.tr("&Berkas (xlsx, xls, ods, csv):"))
        self.browse_button.setText(QCoreApplication.translate("FileStep", "&Pilih berkas…"))
        self._changed()


class SummaryPage(QWizardPage):
    """What Selesai will save; the error line when saving failed."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("summaryPage")
        self.setFinalPage(True)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setObjectName("saveError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Selesai"))
        self.setSubTitle(self.tr("Periksa lalu tekan Selesai untuk menyimpan."))
