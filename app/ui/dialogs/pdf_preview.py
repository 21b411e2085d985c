"""The in-app preview of a receipt or recap PDF: pages on white, zoom, print, save, USB stick.

The document is held in memory (`data`); saving and copying write those same bytes through a
temporary name, fsync and rename, so a pulled USB stick never leaves half a PDF behind.
Printing renders each page with pdfium and draws it on the printer, off the GUI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.papers import write_pdf
from app.ui.errors import describe
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.labels import show_count
from app.ui.pdf_render import PdfPages, chosen_pages, prepare_printer, print_pages
from app.ui.pdf_view import PageStrip
from app.ui.removable import Volume, removable_drives
from app.ui.tasks import Progress, TaskRunner

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FIT_WIDTH = 0.0
FIT_PAGE = -1.0
DRIVE_POLL_MS = 3000


def free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `name (2)`, `name (3)`... when a file of that name is there."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while target.exists():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target


class PdfPreviewDialog(QDialog):
    """Shows `data` (a PDF). `file_name` is proposed when saving or copying.

    `saved(str)` fires with the path after a save or a copy; `printed(int)` with the pages sent.
    Raises PdfUnreadable when `data` is not a readable PDF."""

    saved = Signal(str)
    printed = Signal(int)

    def __init__(
        self, data: bytes, *, title: str, file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PdfPreviewDialog")
        self.setWindowTitle(title)
        self.file_name = file_name
        self.pages = pages = PdfPages(data)
        self.destroyed.connect(pages.close)  # also when the dialog goes with its parent
        self.data = data
        self.drives: list[Volume] = []
        self.printing = False
        self._cancel_print = threading.Event()
        self._runner = TaskRunner(self)
        self.strip = PageStrip(self.pages)
        self._build()
        self._drive_timer = QTimer(self, interval=DRIVE_POLL_MS)
        self._drive_timer.timeout.connect(self.refresh_drives)
        self.refresh_drives()
        self._show_page_number()
        self.resize(900, 900)

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("pdfScroll")
        self.scroll_area.setWidget(self.strip)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setBackgroundRole(self.strip.backgroundRole())
        self.scroll_area.setStyleSheet("QScrollArea { background: #6f757c; border: none; }")
        self.scroll_area.verticalScrollBar().valueChanged.connect(
            lambda _v: self._show_page_number()
        )
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoomBox")
        self.zoom_box.addItem(self.tr("Pas lebar"), FIT_WIDTH)
        self.zoom_box.addItem(self.tr("Satu halaman"), FIT_PAGE)
        for zoom in ZOOMS:
            self.zoom_box.addItem(f"{round(zoom * 100)} %", zoom)
        self.zoom_box.currentIndexChanged.connect(lambda _i: self.apply_zoom())
        self.zoom_out, self.zoom_in = QToolButton(), QToolButton()
        self.zoom_out.setText("−")
        self.zoom_in.setText("+")
        self.zoom_out.setToolTip(self.tr("Perkecil (Ctrl+-)"))
        self.zoom_in.setToolTip(self.tr("Perbesar (Ctrl++)"))
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(+1))
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.usb_button = QPushButton(self.tr("Salin ke &flashdisk"))
        self.usb_button.setObjectName("usbButton")
        self.usb_button.clicked.connect(self._usb_clicked)
        self.save_button = QPushButton(self.tr("&Simpan sebagai…"))
        self.print_button = QPushButton(self.tr("&Cetak…"))
        self.print_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Tutup"))
        self.save_button.clicked.connect(self.ask_save)
        self.print_button.clicked.connect(self.ask_print)
        self.close_button.clicked.connect(self.reject)
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.cancel_print_button = QPushButton(self.tr("Batalkan cetak"))
        self.cancel_print_button.clicked.connect(self._cancel_print.set)
        self.cancel_print_button.hide()
        self._layout()
        self._shortcuts()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_box)
        bar.addWidget(self.zoom_in)
        bar.addSpacing(12)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        for button in (self.usb_button, self.save_button, self.print_button, self.close_button):
            bar.addWidget(button)
        foot = QHBoxLayout()
        foot.addWidget(self.message, 1)
        foot.addWidget(self.progress)
        foot.addWidget(self.cancel_print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(foot)

    def _shortcuts(self) -> None:
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.ask_print),
            (QKeySequence.StandardKey.Save, self.ask_save),
            (QKeySequence.StandardKey.ZoomIn, lambda: self.step_zoom(+1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.step_zoom(-1)),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.addAction(action)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._drive_timer.start()
        QTimer.singleShot(0, self, self.apply_zoom)  # the viewport has its size now

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if float(self.zoom_box.currentData() or FIT_WIDTH) <= FIT_WIDTH:
            self.apply_zoom()  # a fitted zoom follows the window

    def closeEvent(self, event: QCloseEvent) -> None:
        self._cancel_print.set()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._drive_timer.stop()
        self._cancel_print.set()
        if not self.pages.closed:
            self.pages.close()
        super().done(result)

    # -- zoom and pages ---------------------------------------------------------------------
    def apply_zoom(self) -> None:
        chosen = float(self.zoom_box.currentData() or FIT_WIDTH)
        viewport = self.scroll_area.viewport().size()
        if chosen == FIT_WIDTH:
            bar = self.scroll_area.verticalScrollBar().sizeHint().width()
            chosen = self.strip.zoom_to_fit(viewport.width() - bar)
        elif chosen == FIT_PAGE:
            chosen = self.strip.zoom_to_fit_page(viewport.width(), viewport.height())
        self.strip.set_zoom(chosen)
        self._show_page_number()

    def step_zoom(self, step: int) -> None:
        current = self.strip.zoom
        if step > 0:
            bigger = [z for z in ZOOMS if z > current + 0.01]
            target = bigger[0] if bigger else ZOOMS[-1]
        else:
            smaller = [z for z in ZOOMS if z < current - 0.01]
            target = smaller[-1] if smaller else ZOOMS[0]
        self.zoom_box.setCurrentIndex(self.zoom_box.findData(target))

    def current_page(self) -> int:
        middle = (
            self.scroll_area.verticalScrollBar().value() + self.scroll_area.viewport().height() // 3
        )
        return self.strip.page_at(middle)

    def _show_page_number(self) -> None:
        self.page_label.setText(
            self.tr("Halaman %1 dari %2")
            .replace("%1", show_count(self.current_page() + 1))
            .replace("%2", show_count(self.pages.page_count))
        )

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.message.setText(text)

    # -- save and copy ----------------------------------------------------------------------
    def ask_save(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Simpan PDF"), str(Path.home() / self.file_name),
            self.tr("Dokumen PDF (*.pdf)"),
        )  # fmt: skip
        if chosen:
            target = Path(chosen)
            self.save_to(target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf"))

    def save_to(self, target: Path) -> None:
        """Write the PDF to `target` off the GUI thread; `saved` fires when it is there."""
        data = self.data

        def write() -> Path:
            return write_pdf(target, lambda fh: fh.write(data))

        self.say(self.tr("Menyimpan…"))
        self._runner.start(write, self._saved, lambda exc: self.say(describe(exc), error=True))

    def _saved(self, path: Path) -> None:
        self.say(self.tr("Tersimpan: %1").replace("%1", str(path)))
        self.saved.emit(str(path))

    def refresh_drives(self) -> None:
        self.drives = removable_drives()
        self.usb_button.setVisible(bool(self.drives))
        if len(self.drives) == 1:
            drive = self.drives[0]
            tip = self.tr("Salin ke %1 (%2)").replace("%1", drive.name)
            self.usb_button.setToolTip(tip.replace("%2", drive.root))

    def _usb_clicked(self) -> None:
        if len(self.drives) == 1:
            self.copy_to_drive(self.drives[0])
            return
        menu = QMenu(self)
        for drive in self.drives:
            action = menu.addAction(f"{drive.name} ({drive.root})")
            action.triggered.connect(lambda _c=False, d=drive: self.copy_to_drive(d))
        menu.popup(self.usb_button.mapToGlobal(self.usb_button.rect().bottomLeft()))

    def copy_to_drive(self, drive: Volume) -> None:
        """Copy the PDF to the drive's top folder under a name not taken there yet."""
        target = free_name(Path(drive.root), self.file_name)
        data = self.data

        def write() -> Path:
            return write_pdf(target, lambda fh: fh.write(data))

        def copied(path: Path) -> None:
            self.say(self.tr("Tersalin ke %1: %2. Lepaskan flashdisk dengan aman (Eject) "
                             "sebelum mencabutnya.").replace("%1", drive.name)
                     .replace("%2", path.name))  # fmt: skip
            self.saved.emit(str(path))

        self.say(self.tr("Menyalin ke %1…").replace("%1", drive.name))
        self._runner.start(write, copied, lambda exc: self.say(describe(exc), error=True))

    # -- printing ---------------------------------------------------------------------------
    def ask_print(self) -> None:
        if self.printing:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.pages)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.pages.page_count)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_with(printer)

    def print_with(self, printer: QPrinter) -> None:
        """Send the chosen pages to `printer` on a pool thread, with progress and cancel."""
        indexes = chosen_pages(printer, self.pages.page_count)
        data, cancel = self.data, self._cancel_print
        cancel.clear()
        self.printing = True
        self.print_button.setEnabled(False)
        self.progress.setRange(0, len(indexes))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_print_button.show()
        self.say(self.tr("Mencetak…"))

        def job(progress: Progress) -> int:
            pages = PdfPages(data)  # its own copy: the dialog may close while this runs
            try:
                return print_pages(pages, printer, indexes, progress=progress,
                                   cancelled=cancel.is_set)  # fmt: skip
            finally:
                pages.close()

        def step(done: int, _total: int) -> None:
            self.progress.setValue(done)

        self._runner.start_with_progress(job, self._printed, self._print_failed, step)

    def _print_finished(self) -> None:
        self.printing = False
        self.print_button.setEnabled(True)
        self.progress.hide()
        self.cancel_print_button.hide()

    def _printed(self, sent: int) -> None:
        self._print_finished()
        self.say(self.tr("%1 halaman dikirim ke printer.").replace("%1", show_count(sent)))
        self.printed.emit(sent)

    def _print_failed(self, exc: Exception) -> None:
        self._print_finished()
        self.say(describe(exc), error=True)
