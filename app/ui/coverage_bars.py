"""Coverage per category drawn as horizontal bars against formasi (the DPMD's headline figure).

One row per category: its label, a bar filled to active / formasi, and "12 / 15  80,0 %". A
category without formasi shows its count and "formasi belum diisi" where the bar would be. More
people than formasi fills the bar in another colour (the formasi probably needs updating).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.coverage import CoverageLine
from app.ui.labels import label, show_count, show_percent

ROW_GAP = 10
RIGHT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
LEFT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
BAR_COLOUR = QColor("#1a73e8")
FULL_COLOUR = QColor("#188038")
OVER_COLOUR = QColor("#e37400")
TRACK_COLOUR = QColor("#e8eaed")
MUTED_COLOUR = QColor("#5f6368")


def value_text(line: CoverageLine) -> str:
    """12 / 15   80,0 %, or the bare count when the formasi is not set."""
    if line.positions is None or line.percent is None:
        return show_count(line.active)
    return (
        f"{show_count(line.active)} / {show_count(line.positions)}   {show_percent(line.percent)}"
    )


class CoverageBars(QWidget):
    """Paints `lines`; `rows()` gives the texts shown (tests, accessibility)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageBars")
        self._lines: list[CoverageLine] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_lines(self, lines: list[CoverageLine]) -> None:
        self._lines = lines
        self.setAccessibleDescription("; ".join(f"{a}: {b}" for a, b, _ in self.rows()))
        self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, str, str]]:
        """(category, figures, note) per row, as painted."""
        note = self.tr("formasi belum diisi")
        return [(label(line.category), value_text(line), "" if line.positions else note)
                for line in self._lines]  # fmt: skip

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:
        rows = max(len(self._lines), 1)
        return QSize(480, rows * (self._row_height() + ROW_GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        rows = self.rows()
        label_width = max((metrics.horizontalAdvance(r[0]) for r in rows), default=0) + 12
        value_width = max((metrics.horizontalAdvance(r[1]) for r in rows), default=0) + 16
        bar_width = max(self.width() - label_width - value_width, 40)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        height = self._row_height()
        for index, (line, (name, figures, note)) in enumerate(zip(self._lines, rows, strict=True)):
            top = index * (height + ROW_GAP)
            painter.setPen(text_colour)
            painter.drawText(QRectF(0, top, label_width - 12, height), RIGHT, name)
            bar = QRectF(label_width, top + 3, bar_width, height - 6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK_COLOUR)
            painter.drawRoundedRect(bar, 3, 3)
            if note:
                painter.setPen(MUTED_COLOUR)
                painter.drawText(bar.adjusted(8, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, note)
            else:
                self._fill(painter, bar, line)
            painter.setPen(text_colour)
            figures_box = QRectF(label_width + bar_width + 12, top, value_width, height)
            painter.drawText(figures_box, LEFT, figures)
        painter.end()

    @staticmethod
    def _fill(painter: QPainter, bar: QRectF, line: CoverageLine) -> None:
        share = line.active / line.positions if line.positions else 0.0
        colour = OVER_COLOUR if share > 1 else FULL_COLOUR if share == 1 else BAR_COLOUR
        filled = QRectF(bar.left(), bar.top(), bar.width() * min(share, 1.0), bar.height())
        if filled.width() > 0:
            painter.setBrush(colour)
            painter.drawRoundedRect(filled, 3, 3)
