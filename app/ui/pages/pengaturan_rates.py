"""Pengaturan, Tarif iuran: the rate rows in force today, read-only, each with its regulation.

The rows come from the rate table (seeded from resources/rates/*.csv, updated by the kabupaten
through sync), so what is shown is what the roster computes with.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.rates import Programme, RateBase, RateKind, RateRow, Segment, Share
from app.services.rates import Rates
from app.ui.errors import describe
from app.ui.forms import ERROR_STYLE, HINT_STYLE
from app.ui.i18n import current_language
from app.ui.labels import label, show_date, show_money
from app.ui.tasks import TaskRunner

RatesRead = tuple[list[RateRow], list[RateRow]]  # in force today, not (yet) in force


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if current_language() == "en" else text.replace(".", ",")


def share_label(share: Share) -> str:
    names = {
        Share.EMPLOYER: QCoreApplication.translate("RateText", "Pemberi kerja (desa)"),
        Share.WORKER: QCoreApplication.translate("RateText", "Pekerja"),
        Share.PARTICIPANT: QCoreApplication.translate("RateText", "Peserta"),
        Share.GOVERNMENT: QCoreApplication.translate("RateText", "Pemerintah"),
        Share.CAP: QCoreApplication.translate("RateText", "Batas atas upah"),
        Share.BRACKET: QCoreApplication.translate("RateText", "Kelas penghasilan"),
        Share.DISCOUNT: QCoreApplication.translate("RateText", "Potongan"),
    }
    return names[share]


def rate_text(row: RateRow) -> str:
    """`0,24% dari upah`, `1% dari penghasilan`, `Rp6.800 per bulan`, `Rp10.547.400`."""
    if row.kind is RateKind.PERCENT:
        amount = _number(row.value) + "%"
        if row.base is RateBase.WAGE:
            return QCoreApplication.translate("RateText", "%1 dari upah").replace("%1", amount)
        if row.base is RateBase.BRACKET:
            return QCoreApplication.translate("RateText", "%1 dari penghasilan").replace(
                "%1", amount
            )
        return amount
    money = show_money(int(row.value))
    if row.share in (Share.CAP, Share.BRACKET):
        return money
    return QCoreApplication.translate("RateText", "%1 per bulan").replace("%1", money)


def programme_text(row: RateRow) -> str:
    if row.risk_class is None:
        return row.programme.value
    return (QCoreApplication.translate("RateText", "%1 risiko %2")
            .replace("%1", row.programme.value).replace("%2", str(row.risk_class)))  # fmt: skip


_PROGRAMMES = list(Programme)


def display_order(row: RateRow) -> tuple[int, int, bool, int, str]:
    """Contributions first (programme, then segment, then risk class), limits last."""
    limit = row.share in (Share.CAP, Share.BRACKET)
    return (int(limit), _PROGRAMMES.index(row.programme), row.segment is not Segment.PU,
            row.risk_class or 0, row.share.value)  # fmt: skip


class RatesSection(QWidget):
    """`loaded` when the rows are on screen. Reads on a pool thread (the rows are cached)."""

    loaded = Signal()
    HEADERS = ("Program", "Segmen", "Ditanggung", "Tarif", "Berlaku sejak", "Dasar hukum")

    def __init__(
        self, rates: Rates, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RatesSection")
        self._rates = rates
        self._today = today
        self._runner = TaskRunner(self)
        self.rows: list[RateRow] = []
        self.on_label = QLabel()
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("ratesTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Program"), self.tr("Segmen"), self.tr("Ditanggung"), self.tr("Tarif"),
            self.tr("Berlaku sejak"), self.tr("Dasar hukum"),
        ])  # fmt: skip
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)  # a long legal basis is in the tooltip
        header = self.table.horizontalHeader()
        for column in range(len(self.HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.later = QLabel()
        self.later.setObjectName("ratesNotInForce")
        self.later.setWordWrap(True)
        self.later.setStyleSheet(HINT_STYLE)
        caption = QLabel(self.tr("&Tarif yang berlaku"))
        caption.setBuddy(self.table)
        intro = QLabel(self.tr(
            "Hanya untuk dibaca: tarif berasal dari peraturan dan diperbarui oleh kabupaten "
            "lewat sinkronisasi atau pembaruan aplikasi."
        ))  # fmt: skip
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.on_label)
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.later)

    def reload(self) -> None:
        rates, day = self._rates, self._today()

        def read() -> RatesRead:
            every = rates.rows()
            now = sorted(rates.at(day).rows, key=display_order)
            return now, [r for r in every if (not r.enabled or r.valid_from > day)]

        self._runner.start(read, lambda got: self._show(day, got), self._failed)

    def _failed(self, exc: Exception) -> None:
        self.later.setStyleSheet(ERROR_STYLE)
        self.later.setText(describe(exc))

    def _show(self, day: date, read: RatesRead) -> None:
        self.rows, later = read
        self.on_label.setText(self.tr("Berlaku pada %1:").replace("%1", show_date(day)))
        self.table.setRowCount(len(self.rows))
        for line, row in enumerate(self.rows):
            cells = (programme_text(row), label(row.segment), share_label(row.share),
                     rate_text(row), show_date(row.valid_from), row.legal_basis)  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)  # fmt: skip
                self.table.setItem(line, column, item)
        self.later.setStyleSheet(HINT_STYLE)
        self.later.setText(self._later_text(later))
        self.loaded.emit()

    def _later_text(self, later: list[RateRow]) -> str:
        if not later:
            return ""
        seen: dict[str, str] = {}
        for row in later:
            why = (self.tr("tidak diaktifkan") if not row.enabled
                   else self.tr("mulai %1").replace("%1", show_date(row.valid_from)))  # fmt: skip
            seen.setdefault(row.legal_basis, why)
        listed = "; ".join(f"{basis} ({why})" for basis, why in seen.items())
        return self.tr("Tidak berlaku hari ini: %1").replace("%1", listed)
