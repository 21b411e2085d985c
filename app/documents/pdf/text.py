"""Text on a reportlab canvas: one text object per page instead of one per string.

`canvas.drawString` builds and closes a text object for every string (~30 us each); a page of
a receipt has ~40 strings and a batch has 1,000 pages. A `PageText` collects a page's strings
in one text object, emits a font change only when the font changes, and is drawn once, on top
of the page's graphics.
"""

from __future__ import annotations

from typing import Any

from app.documents.pdf.fonts import fitting_size, shorten, text_width


class PageText:
    def __init__(self, canvas: Any) -> None:
        self._canvas = canvas
        self._text = canvas.beginText()
        self._font: tuple[str, float] | None = None

    def font(self, name: str, size: float) -> None:
        if self._font != (name, size):
            self._text.setFont(name, size)
            self._font = (name, size)

    def gray(self, level: float) -> None:
        """Fill gray for the following text: 0 black, 1 white."""
        self._text.setFillGray(level)

    def left(self, x: float, y: float, text: str) -> None:
        self._text.setTextOrigin(x, y)
        self._text.textOut(text)

    def centre(self, x: float, y: float, text: str) -> None:
        assert self._font is not None
        self.left(x - text_width(text, *self._font) / 2, y, text)

    def right(self, x: float, y: float, text: str) -> None:
        assert self._font is not None
        self.left(x - text_width(text, *self._font), y, text)

    def fitted(
        self, x: float, y: float, text: str, *, font: str, size: float, width: float
    ) -> None:
        """`text` at the largest size down to 7 pt that fits `width`, cut with an ellipsis
        when even 7 pt does not fit."""
        fitted = fitting_size(text, font, size, width, smallest=7)
        self.font(font, fitted)
        self.left(x, y, shorten(text, font, fitted, width) if fitted == 7 else text)

    def fitted_centre(
        self, x: float, y: float, text: str, *, font: str, size: float, width: float
    ) -> None:
        fitted = fitting_size(text, font, size, width, smallest=7)
        self.font(font, fitted)
        self.centre(x, y, shorten(text, font, fitted, width) if fitted == 7 else text)

    def draw(self) -> None:
        """Put the collected text on the page (call once, after the page's graphics)."""
        self._canvas.drawText(self._text)
