"""The four steps of the Impor wizard, as widgets that show what they are given.

They hold no service and start no work: app.ui.pages.impor drives them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.imports import Field, ImportPreview, ImportResult, Problem
from app.ui.fonts import EMPHASIS, SECTION_TITLE, set_scaled_font
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.import_table import COLUMNS, ImportLinesModel, Show, cell_text, field_name
from app.ui.labels import show_count

FIELD_COLUMN = 3
SAMPLE_ROWS = 5


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as the spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _label(
    text: str = "", style: str = "", *, wrap: bool = True, scale: float = 1.0, bold: bool = False
) -> QLabel:
    label = QLabel(text)
    if scale != 1.0 or bold:
        set_scaled_font(label, scale, bold=bold)
    label.setWordWrap(wrap)
    if style:
        label.setStyleSheet(style)
    return label


def say(label: QLabel, text: str, *, error: bool = False) -> None:
    label.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
    label.setText(text)


def problem_lines(problems: Sequence[Problem]) -> str:
    return "\n".join(f"• {p.message}" for p in problems)


class FileStep(QWidget):
    """Step 1: the file and, when it has several, the sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.intro = _label(self.tr(
            "Pilih berkas daftar pekerja: Excel (.xlsx, .xls), LibreOffice (.ods) atau CSV. "
            "Baris judul di atas tabel dan baris JUMLAH di bawahnya dilewati. Tidak ada yang "
            "disimpan sebelum Anda memeriksa pratinjau dan menekan Impor."
        ))  # fmt: skip
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("Belum ada berkas dipilih"))
        self.browse_button = QPushButton(self.tr("&Pilih berkas…"))
        self.sheet_box = QComboBox()
        self.sheet_box.setObjectName("sheetBox")
        self.sheet_box.setMinimumContentsLength(20)
        self.sheet_box.setEnabled(False)
        self.summary = _label(scale=EMPHASIS)
        self.summary.setObjectName("fileSummary")
        self.error = _label(style=ERROR_STYLE)
        self.error.setObjectName("fileError")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        sheet = QHBoxLayout()
        caption = QLabel(self.tr("Le&mbar"))
        caption.setBuddy(self.sheet_box)
        sheet.addWidget(caption)
        sheet.addWidget(self.sheet_box)
        sheet.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addLayout(sheet)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def show_sheets(self, sheets: Sequence[str], current: str) -> None:
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        self.sheet_box.addItems(list(sheets))
        self.sheet_box.setCurrentIndex(max(self.sheet_box.findText(current), 0))
        self.sheet_box.setEnabled(len(sheets) > 1)
        self.sheet_box.blockSignals(False)


class MappingStep(QWidget):
    """Step 2: each column of the file and the field it is read as; a change is a new
    preview. `fieldChosen(column, Field | None)` fires when the person changes a combo."""

    fieldChosen = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.intro = _label(self.tr(
            "Periksa arti setiap kolom. Ubah pilihan bila kolom terbaca salah, atau pilih "
            "\"tidak diimpor\" untuk kolom yang tidak dipakai."
        ))  # fmt: skip
        self.where = _label(style=HINT_STYLE)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kolom"),
                self.tr("Judul di berkas"),
                self.tr("Contoh isi"),
                self.tr("Dibaca sebagai"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems = _label(style=ERROR_STYLE)
        self.problems.setObjectName("mappingProblems")
        self.counts = _label(scale=EMPHASIS)
        self.counts.setObjectName("mappingCounts")
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.where)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.counts)

    def show_preview(self, preview: ImportPreview, counts: str) -> None:
        mapping = preview.mapping
        self.where.setText(
            self.tr('Lembar "%1": judul kolom di baris %2, data mulai baris %3.')
            .replace("%1", preview.sheet)
            .replace("%2", str(mapping.header_row))
            .replace("%3", str(mapping.data_row))
        )
        samples = [r.cells for r in preview.rows[:SAMPLE_ROWS]]
        if len(self.combos) != len(mapping.headers):
            self._make_rows(len(mapping.headers))
        for column, header in enumerate(mapping.headers):
            sample = next((cell_text(cells[column]) for cells in samples
                           if column < len(cells) and cell_text(cells[column])), "")  # fmt: skip
            self.table.setItem(column, 0, QTableWidgetItem(column_letter(column)))
            self.table.setItem(column, 1, QTableWidgetItem(header))
            self.table.setItem(column, 2, QTableWidgetItem(sample))
            combo = self.combos[column]
            combo.blockSignals(True)
            field = mapping.fields[column]
            combo.setCurrentIndex(combo.findData(field.value if field else ""))
            combo.blockSignals(False)
        about_sheet = [p for p in preview.problems if p.row == mapping.header_row]
        self.problems.setText(problem_lines(about_sheet))
        self.counts.setText(counts)

    def _make_rows(self, count: int) -> None:
        self.table.setRowCount(count)
        self.combos = []
        for column in range(count):
            combo = QComboBox()
            combo.addItem(self.tr("— tidak diimpor —"), "")
            for field in Field:
                combo.addItem(field_name(field), field.value)
            combo.currentIndexChanged.connect(
                lambda _i, c=column, box=combo: self.fieldChosen.emit(
                    c, Field(box.currentData()) if box.currentData() else None
                )
            )
            self.combos.append(combo)
            self.table.setCellWidget(column, FIELD_COLUMN, combo)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(FIELD_COLUMN, 240)
        self.table.verticalHeader().setDefaultSectionSize(
            max(self.combos[0].sizeHint().height() + 4, 24) if self.combos else 24
        )

    def choose(self, column: int, field: Field | None) -> None:
        """Choose `field` for `column` as the person would (fires fieldChosen)."""
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(field.value if field else ""))


class PreviewStep(QWidget):
    """Step 3: every row with its problems beside it, and the counts."""

    def __init__(self) -> None:
        super().__init__()
        self.counts = _label(scale=EMPHASIS)
        self.counts.setObjectName("previewCounts")
        self.blocked = _label(style=ERROR_STYLE)
        self.blocked.setObjectName("previewBlocked")
        self.show_box = QComboBox()
        self.show_box.setObjectName("showBox")
        self.show_box.addItem(self.tr("Semua baris"), Show.ALL.value)
        self.show_box.addItem(self.tr("Hanya baris bermasalah"), Show.PROBLEMS.value)
        self.show_box.addItem(self.tr("Hanya baris yang ditolak"), Show.ERRORS.value)
        self.model = ImportLinesModel(self)
        self.show_box.currentIndexChanged.connect(
            lambda _i: self.model.set_filter(Show(self.show_box.currentData()))
        )
        self.table = self._make_table()
        self.detail = _label(style=HINT_STYLE)
        self.detail.setObjectName("problemDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_detail(current.row())
        )
        self.model.modelReset.connect(lambda: self.detail.setText(""))
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        caption = QLabel(self.tr("&Tampilkan"))
        caption.setBuddy(self.show_box)
        top.addWidget(caption)
        top.addWidget(self.show_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.blocked)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

    def show_detail(self, row: int) -> None:
        """The whole message of the line `row` under the table (a long one is cut in it)."""
        if not 0 <= row < self.model.rowCount():
            self.detail.setText("")
            return
        line = self.model.line_at(row)
        problem = line.problem
        if problem is None:
            text = self.tr("Baris %1 siap diimpor.").replace("%1", str(line.row))
        elif problem.column:
            text = (self.tr("Baris %1, kolom %2: %3").replace("%1", str(line.row))
                    .replace("%2", problem.column).replace("%3", problem.message))  # fmt: skip
        else:
            text = (
                self.tr("Baris %1: %2").replace("%1", str(line.row)).replace("%2", problem.message)
            )
        self.detail.setText(text)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("previewTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        vertical = table.verticalHeader()  # fixed heights: never measure 100,000 rows
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        widths = {"row": "999999", "nik": "3521011205800001", "name": "Sri Wahyuningsih Utami",
                  "column": "Tanggal Lahir", "severity": "Peringatan"}  # fmt: skip
        for column, name in enumerate(COLUMNS):
            if name == "message":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                table.setColumnWidth(column, metrics.horizontalAdvance(widths[name]) + 28)
        return table


class ResultStep(QWidget):
    """Step 4: what was imported, and the error report."""

    def __init__(self) -> None:
        super().__init__()
        self.title = _label(scale=SECTION_TITLE, bold=True)
        self.title.setObjectName("resultTitle")
        self.detail = _label()
        self.detail.setObjectName("resultDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_button = QPushButton(self.tr("Simpan &laporan kesalahan…"))
        self.again_button = QPushButton(self.tr("Impor &berkas lain"))
        self.report_message = _label(style=HINT_STYLE)
        self.report_message.setObjectName("reportMessage")
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addWidget(self.report_message)
        layout.addStretch(1)

    def show_result(self, result: ImportResult) -> None:
        self.title.setText(
            self.tr("%1 pekerja masuk register.").replace("%1", show_count(result.imported))
        )
        parts = [
            self.tr("%1 baris dibaca; %2 kepesertaan BPJS dibuat.")
            .replace("%1", show_count(result.rows_read))
            .replace("%2", show_count(result.enrolled))
        ]
        if result.invalid:
            parts.append(
                self.tr("%1 baris tidak diimpor karena ada kesalahan: simpan laporannya, "
                        "perbaiki berkasnya, lalu impor baris itu lagi.")
                .replace("%1", show_count(result.invalid))
            )  # fmt: skip
        if result.backup is not None:
            parts.append(self.tr("Cadangan sebelum impor: %1").replace("%1", str(result.backup)))
        self.detail.setText("\n".join(parts))
        self.report_button.setEnabled(bool(result.problems))
        self.report_message.setText("")
