"""Font sizes relative to the application font, so the system's font scaling applies.

Style sheets with `font-size: 16pt` pin a size whatever the person chose in Windows or their
desktop; these helpers scale the application font instead (read when the widget is built).
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

PAGE_TITLE = 1.6  # a page's heading
SECTION_TITLE = 1.3  # a heading inside a page (the import result)
EMPHASIS = 1.15  # counts a person reads first
FIGURE = 2.2  # Beranda's big numbers
NAVIGATION = 1.2  # the page list on the left


def scaled_font(scale: float, *, bold: bool = False) -> QFont:
    """The application font times `scale` (by points, or by pixels when set in pixels)."""
    font = QFont(QApplication.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * scale)))
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    return font


def set_scaled_font(widget: QWidget, scale: float, *, bold: bool = False) -> QWidget:
    widget.setFont(scaled_font(scale, bold=bold))
    return widget
