"""PDF pages as images, with pypdfium2: the preview paints them, printing draws them on paper.

QtPdf is not part of PySide6-Essentials (it ships in the 418 MB PySide6-Addons, and the
separate PySide6-Pdf wheel exists only for 6.12, which crashes on CPython 3.11), so the window
draws pages with pdfium through pypdfium2, imported on first use (it loads a large library).

pdfium is not thread-safe, not even across documents: every call into it holds PDFIUM_LOCK.
The preview renders on the GUI thread; printing renders on a pool thread, one page at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from app.ui.errors import PdfUnreadable, PrintFailed

PDFIUM_LOCK = threading.Lock()
POINTS_PER_INCH = 72.0
MAX_PRINT_DPI = 300  # an A4 page at 300 dpi is 35 MB of pixels; at 1200 dpi it would be 560 MB


@dataclass(frozen=True, slots=True)
class PageSize:
    """A page's size in PDF points (1/72 inch), as it shows (rotation applied)."""

    width: float
    height: float


class PdfPages:
    """An open PDF held in memory (so no file stays locked on Windows). Close when done."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2

        self.data = data
        with PDFIUM_LOCK:
            try:
                self._doc: Any = pypdfium2.PdfDocument(data)
            except pypdfium2.PdfiumError as exc:
                raise PdfUnreadable(type(exc).__name__) from None
            self.sizes: tuple[PageSize, ...] = tuple(
                PageSize(*self._doc.get_page_size(i)) for i in range(len(self._doc))
            )

    @property
    def page_count(self) -> int:
        return len(self.sizes)

    def render(self, index: int, scale: float) -> QImage:
        """Page `index` at `scale` pixels per point, on white. Any thread."""
        with PDFIUM_LOCK:
            page = self._doc[index]
            try:
                bitmap = page.render(scale=scale, prefer_bgrx=True, fill_color=(255, 255, 255, 255))
                try:
                    # BGRx in memory is Qt's RGB32 on little- and big-endian alike (0xffRRGGBB).
                    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                                   QImage.Format.Format_RGB32).copy()  # fmt: skip
                finally:
                    bitmap.close()
            finally:
                page.close()
        return image

    @property
    def closed(self) -> bool:
        return self._doc is None

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._doc is not None:
                self._doc.close()
                self._doc = None


def page_size_of(size: PageSize) -> QPageSize:
    return QPageSize(QSizeF(size.width, size.height), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)  # fmt: skip


def prepare_printer(printer: QPrinter, pages: PdfPages) -> None:
    """Paper and orientation of the first page, so the print dialog proposes the right ones."""
    if not pages.sizes:
        return
    first = pages.sizes[0]
    orientation = (QPageLayout.Orientation.Landscape if first.width > first.height
                   else QPageLayout.Orientation.Portrait)  # fmt: skip
    portrait = PageSize(min(first.width, first.height), max(first.width, first.height))
    printer.setPageSize(page_size_of(portrait))
    printer.setPageOrientation(orientation)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    printer.setFullPage(True)  # the PDF has its own margins; draw it on the whole sheet


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """0-based page indexes the print dialog asked for (all when no range was chosen)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return list(range(count))
    return list(range(first - 1, min(last, count)))


def print_pages(
    pages: PdfPages,
    printer: QPrinter,
    indexes: Sequence[int],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Draw the pages on `printer`, each rendered at the printer's resolution (at most
    MAX_PRINT_DPI) and fitted to the sheet. Runs on a pool thread (QPainter may paint on a
    QPrinter from any thread). Returns the pages sent; stops early when `cancelled()`."""
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(printer.printerName())
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    sent = 0
    try:
        for number, index in enumerate(indexes):
            if cancelled():
                printer.abort()
                break
            if number:
                printer.newPage()
            image = pages.render(index, dpi / POINTS_PER_INCH)
            sheet = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            painter.drawImage(fitted(sheet, image.width(), image.height()), image)
            sent += 1
            if progress is not None:
                progress(sent, len(indexes))
    finally:
        painter.end()
    return sent


def fitted(sheet: QRectF, width: float, height: float) -> QRectF:
    """The largest rectangle of width:height inside `sheet`, centred across, at the top."""
    scale = min(sheet.width() / width, sheet.height() / height)
    w, h = width * scale, height * scale
    return QRectF(sheet.left() + (sheet.width() - w) / 2, sheet.top(), w, h)
