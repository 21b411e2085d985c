"""The main window: left navigation, one page per entry, and a status bar."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.domain.categories import WorkerStatus
from app.services.context import AppContext
from app.services.dto import VillageInfo
from app.services.register import SearchQuery
from app.ui.errors import describe
from app.ui.labels import show_count
from app.ui.pages.register import RegisterPage
from app.ui.tasks import TaskRunner

Counts = tuple[int, int, str]  # workers, active workers, operator name


class MainWindow(QMainWindow):
    """One village's window. The caller owns the context and closes it after the window."""

    def __init__(self, context: AppContext, village: VillageInfo) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.context = context
        self.village = village
        self._runner = TaskRunner(self)
        self.setWindowTitle(f"Payung Desa - {village.name}")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.pages = QStackedWidget()
        self.register_page = RegisterPage(context.register, context.heirs, context.today)
        self._add_page(self.tr("Peserta"), self.register_page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self._fit_navigation()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self.register_page.registerChanged.connect(self.refresh_counts)
        self.refresh_counts()
        self.resize(1200, 760)
        self.register_page.search_box.setFocus()

    def _add_page(self, title: str, page: QWidget) -> None:
        item = QListWidgetItem(title)
        item.setSizeHint(QSize(0, self.nav.fontMetrics().height() + 16))
        self.nav.addItem(item)
        self.pages.addWidget(page)
        number = self.nav.count()
        # Ctrl+1, Ctrl+2... jump to a page without the mouse.
        jump = QAction(title, self)
        jump.setShortcut(QKeySequence(f"Ctrl+{number}"))
        jump.triggered.connect(lambda: self.nav.setCurrentRow(number - 1))
        self.addAction(jump)

    def _fit_navigation(self) -> None:
        widest = max(self.nav.fontMetrics().horizontalAdvance(self.nav.item(i).text())
                     for i in range(self.nav.count()))  # fmt: skip
        self.nav.setFixedWidth(max(widest + 48, 150))
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; }")

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.village_label = QLabel(
            self.tr("Desa %1 (%2)")
            .replace("%1", self.village.name)
            .replace("%2", self.village.code)
        )
        self.count_label = QLabel()
        self.operator_label = QLabel()
        for widget in (self.village_label, self.count_label, self.operator_label):
            widget.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(widget)
        bar.setSizeGripEnabled(True)

    def refresh_counts(self) -> None:
        register, village = self.context.register, self.context.village

        def counts() -> Counts:
            active = SearchQuery(status=WorkerStatus.ACTIVE)
            return register.count(SearchQuery()), register.count(active), village.operator()

        self._runner.start(counts, self._show_counts, self._counts_failed)

    def _show_counts(self, counts: Counts) -> None:
        workers, active, operator = counts
        self.count_label.setText(
            self.tr("%1 pekerja, %2 aktif")
            .replace("%1", show_count(workers))
            .replace("%2", show_count(active))
        )
        self.operator_label.setText(self.tr("Operator: %1").replace("%1", operator))

    def _counts_failed(self, exc: Exception) -> None:
        self.statusBar().showMessage(describe(exc), 10_000)

    def take_daily_backup(self) -> None:
        """The day's backup copy, in the background once the window is up: on a big register
        it takes a second or more, which the person should not wait for at start."""
        self._runner.start(self.context.daily_backup, self._daily_backup_done, self._counts_failed)

    def _daily_backup_done(self, problem: str | None) -> None:
        if problem is not None:
            text = self.tr("Cadangan harian gagal: %1").replace("%1", problem)
            self.statusBar().showMessage(text, 60_000)

    def nav_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]
