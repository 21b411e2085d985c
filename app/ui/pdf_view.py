"""The pages of a PDF one under the other, each painted on white, at a zoom.

Only the pages in view are rendered (a batch of 1,000 receipts is 1,000 pages), and only a few
rendered pages are kept, so memory stays small whatever the document.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.ui.pdf_render import POINTS_PER_INCH, PdfPages

SCREEN_DPI = 96.0  # logical pixels per inch at 100 %; Qt scales for high-DPI screens itself
GAP = 16
BACKDROP = QColor("#6f757c")
SHADOW = QColor(0, 0, 0, 70)
KEPT_PAGES = 8


class PageStrip(QWidget):
    """Sized to hold every page at the zoom; put it in a QScrollArea. `rendered` counts page
    renders (tests)."""

    def __init__(self, pages: PdfPages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageStrip")
        self._pages = pages
        self._zoom = 1.0
        self._rects: list[QRect] = []
        self._tops: list[int] = []
        self._kept: OrderedDict[int, QImage] = OrderedDict()
        self.rendered = 0
        self.set_zoom(1.0)

    @property
    def zoom(self) -> float:
        return self._zoom

    def pixels_per_point(self) -> float:
        return self._zoom * SCREEN_DPI / POINTS_PER_INCH

    def widest_page_points(self) -> float:
        return max((s.width for s in self._pages.sizes), default=595.0)

    def zoom_to_fit(self, width: int) -> float:
        """The zoom at which the widest page fills `width` pixels, gaps included."""
        usable = max(width - 2 * GAP, 100)
        return usable / (self.widest_page_points() * SCREEN_DPI / POINTS_PER_INCH)

    def zoom_to_fit_page(self, width: int, height: int) -> float:
        """The zoom at which the first page shows whole in `width` x `height` pixels."""
        first = self._pages.sizes[0] if self._pages.sizes else None
        if first is None:
            return 1.0
        points = SCREEN_DPI / POINTS_PER_INCH
        across = max(width - 2 * GAP, 100) / (first.width * points)
        down = max(height - 2 * GAP, 100) / (first.height * points)
        return min(across, down)

    def set_zoom(self, zoom: float) -> None:
        self._zoom = max(0.1, min(zoom, 8.0))
        self._kept.clear()
        scale = self.pixels_per_point()
        sizes = [QSize(round(s.width * scale), round(s.height * scale)) for s in self._pages.sizes]
        widest = max((s.width() for s in sizes), default=0)
        self._rects, self._tops = [], []
        top = GAP
        for size in sizes:
            left = GAP + (widest - size.width()) // 2
            self._rects.append(QRect(left, top, size.width(), size.height()))
            self._tops.append(top)
            top += size.height() + GAP
        self.setFixedSize(widest + 2 * GAP, max(top, 2 * GAP))
        self.update()

    def page_rect(self, index: int) -> QRect:
        return self._rects[index]

    def page_at(self, y: int) -> int:
        """The page shown at height `y` (the one above when `y` falls in a gap)."""
        return max(0, bisect.bisect_right(self._tops, y) - 1)

    def image(self, index: int) -> QImage:
        """Page `index` rendered at the current zoom for this screen (kept for a while)."""
        image = self._kept.get(index)
        if image is not None:
            self._kept.move_to_end(index)
            return image
        ratio = self.devicePixelRatioF()
        image = self._pages.render(index, self.pixels_per_point() * ratio)
        image.setDevicePixelRatio(ratio)
        self.rendered += 1
        self._kept[index] = image
        while len(self._kept) > KEPT_PAGES:
            self._kept.popitem(last=False)
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pages.closed:
            return  # the dialog is closing
        area = event.rect()
        painter = QPainter(self)
        painter.fillRect(area, BACKDROP)
        first = self.page_at(area.top())
        for index in range(first, len(self._rects)):
            rect = self._rects[index]
            if rect.top() > area.bottom():
                break
            if not rect.adjusted(0, 0, 4, 4).intersects(area):
                continue
            painter.fillRect(rect.translated(3, 3), SHADOW)
            painter.fillRect(rect, Qt.GlobalColor.white)
            painter.drawImage(rect, self.image(index))
        painter.end()
