"""Choosing a month: previous / next buttons around a spin box that reads "November 2026"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSpinBox, QToolButton, QWidget

from app.domain.errors import DomainError
from app.domain.formatting import MONTHS_EN, MONTHS_ID, parse_date
from app.domain.period import Period
from app.ui.labels import show_period

FIRST = Period(2015, 1)  # BPJS Ketenagakerjaan programmes as the rate files know them
LAST = Period(2099, 12)


def month_index(period: Period) -> int:
    return period.year * 12 + period.month - 1


def period_of(index: int) -> Period:
    return Period(index // 12, index % 12 + 1)


def read_month(text: str) -> Period | None:
    """2026-11, 11-2026, November 2026, Nov 2026 (either language); None when unreadable."""
    raw = text.strip()
    try:
        return Period.parse(raw)
    except DomainError:
        pass
    parts = raw.replace("/", "-").split("-") if "-" in raw or "/" in raw else raw.split()
    if len(parts) != 2 or not parts[1].isdigit():
        return None
    first, year = parts[0].lower(), int(parts[1])
    for months in (MONTHS_ID, MONTHS_EN):
        for number, name in enumerate(months, 1):
            if len(first) >= 3 and name.lower().startswith(first):
                return _bounded(year, number)
    try:
        return Period.of(parse_date(f"01-{first}-{year}")) if first.isdigit() else None
    except DomainError:
        return None


def _bounded(year: int, month: int) -> Period | None:
    try:
        return Period(year, month)
    except DomainError:
        return None


class MonthSpin(QSpinBox):
    """A spin box over months; its text is the month in words, typing 2026-11 works too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(month_index(FIRST), month_index(LAST))
        self.setWrapping(False)
        self.setAccelerated(True)

    def textFromValue(self, value: int) -> str:
        return show_period(period_of(value))

    def valueFromText(self, text: str) -> int:
        period = read_month(text)
        return month_index(period) if period else self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        period = read_month(text)
        if period is not None and FIRST <= period <= LAST:
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos


class MonthPicker(QWidget):
    """`periodChanged(Period)` fires whenever the month shown changes."""

    periodChanged = Signal(object)

    def __init__(self, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.setToolTip(self.tr("Bulan sebelumnya (Alt+Kiri)"))
        self.previous_button.setShortcut("Alt+Left")
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip(self.tr("Bulan berikutnya (Alt+Kanan)"))
        self.next_button.setShortcut("Alt+Right")
        self.spin = MonthSpin()
        self.spin.setObjectName("monthSpin")
        self.spin.setMinimumWidth(self.spin.fontMetrics().horizontalAdvance("September 2026") + 48)
        self.spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.spin.setValue(month_index(period))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.spin)
        layout.addWidget(self.next_button)
        self.previous_button.clicked.connect(lambda: self.spin.stepBy(-1))
        self.next_button.clicked.connect(lambda: self.spin.stepBy(1))
        self.spin.valueChanged.connect(lambda value: self.periodChanged.emit(period_of(value)))

    def period(self) -> Period:
        return period_of(self.spin.value())

    def set_period(self, period: Period) -> None:
        self.spin.setValue(month_index(period))
