"""Impor: bring a village's spreadsheet of workers into the register, as a wizard.

1 Berkas: choose the file (and sheet); it is read and checked at once, nothing is written.
2 Kolom: the detected meaning of each column; changing one checks the file again.
3 Pratinjau: every row with its problems beside it; Impor writes the rows without errors.
4 Selesai: what was written (one transaction, after a backup), and the error report.

Reading, checking and writing run on pool threads with a busy bar; a read can be abandoned
(Batal), a write cannot (it is all or nothing and short).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.imports import (
    ColumnMapping,
    Field,
    ImportPreview,
    ImportResult,
    Imports,
    UnreadableFile,
)
from app.ui.errors import describe
from app.ui.fonts import PAGE_TITLE, set_scaled_font
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.import_table import PreviewLines, preview_lines
from app.ui.labels import show_count
from app.ui.pages.impor_steps import FileStep, MappingStep, PreviewStep, ResultStep, say
from app.ui.tasks import Progress, TaskRunner

FILE, MAPPING, PREVIEW, RESULT = range(4)
SPREADSHEETS = "*.xlsx *.xls *.ods *.csv"
Previewed = tuple[ImportPreview, PreviewLines]


class ImporPage(QWidget):
    """The Impor page. `previewed` fires when a preview is on screen, `failed(text)` when a
    read or write failed (the text is on screen too), `imported(ImportResult)` after rows were
    written, `reportSaved(str)` with the report's path."""

    previewed = Signal()
    failed = Signal(str)
    imported = Signal(object)
    reportSaved = Signal(str)

    def __init__(self, imports: Imports, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImporPage")
        self._imports = imports
        self._runner = TaskRunner(self)
        self._generation = 0
        self.busy = False
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.lines: PreviewLines | None = None
        self.result: ImportResult | None = None
        self._warmed = False
        self._build()
        self._connect()
        self.show_step(FILE)

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Impor"))
        set_scaled_font(title, PAGE_TITLE, bold=True)
        self.trail = QLabel()
        self.trail.setObjectName("stepTrail")
        self.file_step, self.mapping_step = FileStep(), MappingStep()
        self.preview_step, self.result_step = PreviewStep(), ResultStep()
        self.steps = QStackedWidget()
        for step in (self.file_step, self.mapping_step, self.preview_step, self.result_step):
            self.steps.addWidget(step)
        self.message = QLabel()
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the services report no steps: a busy bar
        self.progress.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.back_button = QPushButton(self.tr("< &Kembali"))
        self.next_button = QPushButton(self.tr("&Lanjut >"))
        self.import_button = QPushButton()
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.trail, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.message, 1)
        for widget in (self.progress, self.cancel_button, self.back_button, self.next_button,
                       self.import_button):  # fmt: skip
            foot.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.steps, 1)
        layout.addLayout(foot)

    def _connect(self) -> None:
        self.file_step.browse_button.clicked.connect(self.ask_file)
        self.file_step.sheet_box.currentIndexChanged.connect(lambda _i: self._sheet_chosen())
        self.mapping_step.fieldChosen.connect(self.choose_field)
        self.cancel_button.clicked.connect(self.cancel)
        self.back_button.clicked.connect(lambda: self.show_step(self.steps.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.show_step(self.steps.currentIndex() + 1))
        self.import_button.clicked.connect(self.accept_import)
        self.result_step.report_button.clicked.connect(self.ask_report_file)
        self.result_step.again_button.clicked.connect(self.restart)

    def first_focus(self) -> QWidget:
        """Where Ctrl+4 puts the focus: the step's main action, not the read-only path."""
        step = self.steps.currentIndex()
        if step == FILE:
            return self.file_step.browse_button
        if step == RESULT:
            return self.result_step.again_button
        return self.import_button if step == PREVIEW else self.next_button

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._warmed:
            self._warmed = True
            self._imports.warm_up()  # the reader process starts while a file is chosen

    # -- steps ------------------------------------------------------------------------------
    def show_step(self, step: int) -> None:
        step = max(FILE, min(step, RESULT))
        self.steps.setCurrentIndex(step)
        names = [self.tr("1 Berkas"), self.tr("2 Kolom"), self.tr("3 Pratinjau"),
                 self.tr("4 Selesai")]  # fmt: skip
        self.trail.setText("  ›  ".join(
            f"<b>{name}</b>" if n == step else f"<span style='color:#80868b'>{name}</span>"
            for n, name in enumerate(names)
        ))  # fmt: skip
        self._update_buttons()

    def _update_buttons(self) -> None:
        step, preview, busy = self.steps.currentIndex(), self.preview, self.busy
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy and step != PREVIEW)
        self.back_button.setVisible(step in (MAPPING, PREVIEW))
        self.back_button.setEnabled(not busy)
        self.next_button.setVisible(step in (FILE, MAPPING))
        self.next_button.setEnabled(not busy and preview is not None)
        self.import_button.setVisible(step == PREVIEW)
        valid = preview.valid if preview else 0
        self.import_button.setText(self.tr("&Impor %1 baris").replace("%1", show_count(valid)))
        self.import_button.setEnabled(not busy and valid > 0)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        if text:
            self.say(text)
        self._update_buttons()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.message.setText(text)

    def counts_text(self) -> str:
        preview, lines = self.preview, self.lines
        if preview is None or lines is None:
            return ""
        return (
            self.tr("%1 baris dibaca: %2 siap diimpor, %3 ditolak, %4 peringatan.")
            .replace("%1", show_count(preview.rows_read))
            .replace("%2", show_count(preview.valid))
            .replace("%3", show_count(preview.invalid))
            .replace("%4", show_count(lines.warnings))
        )

    # -- reading ----------------------------------------------------------------------------
    def ask_file(self) -> None:
        start = str(self.path.parent if self.path else Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Pilih berkas untuk diimpor"), start,
            self.tr("Lembar kerja (%1);;Semua berkas (*)").replace("%1", SPREADSHEETS),
        )  # fmt: skip
        if chosen:
            self.choose_file(Path(chosen))

    def choose_file(self, path: Path) -> None:
        """Read and check `path` (its first sheet with a header) off the GUI thread."""
        self.path, self.preview, self.lines, self.result = path, None, None, None
        self.file_step.path_edit.setText(str(path))
        self.file_step.show_sheets([], "")
        self.file_step.summary.setText("")
        self.file_step.error.setText("")
        self.show_step(FILE)
        self.run_preview()

    def _sheet_chosen(self) -> None:
        sheet = self.file_step.sheet_box.currentText()
        if self.path is not None and sheet:
            self.run_preview(sheet=sheet)

    def choose_field(self, column: int, field: object) -> None:
        """Read `column` as `field` (None: not imported) and check the file again."""
        preview = self.preview
        if preview is None or not (field is None or isinstance(field, Field)):
            return
        self.run_preview(sheet=preview.sheet, mapping=preview.mapping.with_field(column, field))

    def run_preview(
        self, *, sheet: str | None = None, mapping: ColumnMapping | None = None
    ) -> None:
        path, imports = self.path, self._imports
        if path is None:
            return
        self._generation += 1
        generation = self._generation

        def read(progress: Progress) -> Previewed:
            preview = imports.preview(path, sheet, mapping, progress=progress)
            return preview, preview_lines(preview)

        self.progress.setRange(0, 0)  # busy until the checks report how far they are
        self._set_busy(True, self.tr("Membaca %1…").replace("%1", path.name))
        self._runner.start_with_progress(
            read,
            lambda done: self._previewed(generation, done),
            lambda exc: self._read_failed(generation, exc),
            lambda done, total: self._checking(generation, done, total),
        )

    def _checking(self, generation: int, done: int, total: int) -> None:
        if generation != self._generation or not self.busy:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.say(
            self.tr("Memeriksa baris %1 dari %2…")
            .replace("%1", show_count(done))
            .replace("%2", show_count(total))
        )

    def _previewed(self, generation: int, done: Previewed) -> None:
        if generation != self._generation:
            return  # abandoned, or a newer read started
        preview, lines = done
        self.preview, self.lines = preview, lines
        self.file_step.show_sheets(preview.sheets, preview.sheet)
        self.file_step.error.setText("")
        counts = self.counts_text()
        self.file_step.summary.setText(
            self.tr('Lembar "%1": %2').replace("%1", preview.sheet).replace("%2", counts)
        )
        self.mapping_step.show_preview(preview, counts)
        self.preview_step.counts.setText(counts)
        self.preview_step.blocked.setText(
            self.tr("Kolom NIK dan Nama harus ada: pilih kolomnya di langkah 2 (Kolom).")
            if preview.blocked else ""
        )  # fmt: skip
        self.preview_step.blocked.setVisible(preview.blocked)
        self.preview_step.model.show_lines(lines.lines)
        self._set_busy(False)
        self.say("")
        self.previewed.emit()

    def _read_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        text = describe(exc)
        self._set_busy(False)
        if isinstance(exc, UnreadableFile) or self.preview is None:
            self.preview, self.lines = None, None
            self.show_step(FILE)
            say(self.file_step.error, text, error=True)
            self.file_step.summary.setText("")
            self.say("")
        else:
            self.say(text, error=True)  # e.g. a mapping the file cannot take: fix and go on
        self._update_buttons()
        self.failed.emit(text)

    def cancel(self) -> None:
        """Abandon the read running now (its result is thrown away when it comes)."""
        if not self.busy or self.steps.currentIndex() == PREVIEW:
            return
        self._generation += 1
        self._set_busy(False)
        self.say(self.tr("Pembacaan dibatalkan."))

    # -- writing ----------------------------------------------------------------------------
    def accept_import(self) -> None:
        """Write every row without an error, off the GUI thread, all or none."""
        preview, imports = self.preview, self._imports
        if preview is None or preview.valid == 0 or self.busy:
            return
        self.progress.setRange(0, 0)
        self._set_busy(True, self.tr("Mengimpor %1 baris (cadangan dibuat dulu)…")
                       .replace("%1", show_count(preview.valid)))  # fmt: skip
        self._runner.start(lambda: imports.apply(preview), self._imported, self._import_failed)

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        self._set_busy(False)
        self.say("")
        self.result_step.show_result(result)
        self.show_step(RESULT)
        self.imported.emit(result)

    def _import_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        text = describe(exc) + " " + self.tr("Tidak ada baris yang disimpan.")
        self.say(text, error=True)
        self.failed.emit(text)

    def ask_report_file(self) -> None:
        name = f"laporan-impor-{self.path.stem if self.path else 'berkas'}.xlsx"
        folder = self.path.parent if self.path else Path.home()
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Simpan laporan kesalahan"), str(folder / name),
            self.tr("Buku kerja Excel (*.xlsx)"),
        )  # fmt: skip
        if chosen:
            target = Path(chosen)
            self.save_report(target if target.suffix.lower() == ".xlsx"
                             else target.with_suffix(".xlsx"))  # fmt: skip

    def save_report(self, target: Path) -> None:
        """Write the error report workbook of the last import off the GUI thread."""
        result, imports = self.result, self._imports
        if result is None:
            return
        source = self.path.name if self.path else ""
        message = self.result_step.report_message

        def saved(path: Path) -> None:
            say(message, self.tr("Laporan tersimpan: %1").replace("%1", str(path)))
            self.reportSaved.emit(str(path))

        say(message, self.tr("Menyimpan laporan…"))
        self._runner.start(
            lambda: imports.write_report(result.problems, target, source=source),
            saved,
            lambda exc: say(message, describe(exc), error=True),
        )

    def restart(self) -> None:
        self._generation += 1
        self.path, self.preview, self.lines, self.result = None, None, None, None
        self.file_step.path_edit.clear()
        self.file_step.show_sheets([], "")
        self.file_step.summary.setText("")
        self.file_step.error.setText("")
        self.preview_step.model.show_lines(())
        self.say("")
        self.show_step(FILE)
