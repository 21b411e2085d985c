"""The main window: left navigation, one page per entry, and a status bar.

Pages in DESIGN.md order (Beranda, Peserta, Iuran, ..., Pengaturan last); Ctrl+1, Ctrl+2...
follow the navigation. The window opens on Beranda.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
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
from app.domain.period import Period
from app.services.context import AppContext
from app.services.dto import VillageInfo
from app.services.register import SearchQuery
from app.ui.arrears_table import ArrearsFilter
from app.ui.dialogs.kepesertaan import CoverageServices
from app.ui.documents import DocumentServices
from app.ui.errors import describe
from app.ui.fonts import NAVIGATION, scaled_font
from app.ui.keyboard import focus_first, tab_leaves_tables
from app.ui.labels import show_count
from app.ui.mnemonics import assign_mnemonics
from app.ui.pages.beranda import BerandaPage
from app.ui.pages.impor import ImporPage
from app.ui.pages.iuran import IuranPage
from app.ui.pages.pengaturan import PengaturanPage
from app.ui.pages.register import RegisterPage
from app.ui.pages.sinkronisasi import SinkronisasiPage
from app.ui.sync_scheduler import LazySyncEngine, SyncScheduler, status_bar_text
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.sync.engine import SyncEngine, SyncStatus

Counts = tuple[int, int, str]  # workers, active workers, operator name


def _make_sync_engine(context: AppContext) -> SyncEngine:
    """On a pool thread at first use: the import costs a third of a second of start-up."""
    from app.sync.engine import SyncEngine

    return SyncEngine(context.database.sessions, context.paths.data_dir)


class MainWindow(QMainWindow):
    """One village's window. The caller owns the context and closes it after the window."""

    def __init__(self, context: AppContext, village: VillageInfo) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.context = context
        self.village = village
        self._runner = TaskRunner(self)
        self._sync_started = False
        self.sync_engine = LazySyncEngine(lambda: _make_sync_engine(context))
        self.sync_scheduler = SyncScheduler(self.sync_engine, self)
        self.setWindowTitle(f"Payung Desa - {village.name}")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFont(scaled_font(NAVIGATION))  # follows the system font size
        self.pages = QStackedWidget()
        self._make_pages(context)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self._fit_navigation()
        for page in (self.beranda_page, self.register_page, self.iuran_page, self.impor_page,
                     self.sinkronisasi_page, self.pengaturan_page):  # fmt: skip
            assign_mnemonics(page)  # Alt+letter for each labelled field
            tab_leaves_tables(page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._connect_pages()
        self.refresh_counts()
        self.sync_scheduler.refresh_status()
        self.resize(1200, 760)
        self.nav.setFocus()

    def _make_pages(self, context: AppContext) -> None:
        documents = DocumentServices.of(context)
        coverage = CoverageServices(context.enrollments, context.rates, context.register,
                                    receipts=documents.receipts)  # fmt: skip
        self.beranda_page = BerandaPage(context.standing, context.roster, context.today)
        self.register_page = RegisterPage(
            context.register, context.heirs, context.today, coverage=coverage,
            receipts=documents.receipts,
        )  # fmt: skip
        self.iuran_page = IuranPage(context.roster, context.standing, context.today,
                                    documents=documents)  # fmt: skip
        self.impor_page = ImporPage(documents.imports)
        self.sinkronisasi_page = SinkronisasiPage(self.sync_engine, self.sync_scheduler,
                                                  context.today)  # fmt: skip
        self.pengaturan_page = PengaturanPage(context.village, context.standing)
        self._add_page(self.tr("Beranda"), self.beranda_page)
        self._add_page(self.tr("Peserta"), self.register_page)
        self._add_page(self.tr("Iuran"), self.iuran_page)
        self._add_page(self.tr("Impor"), self.impor_page)
        self._add_page(self.tr("Sinkronisasi"), self.sinkronisasi_page)
        self._add_page(self.tr("Pengaturan"), self.pengaturan_page)

    def _connect_pages(self) -> None:
        self.register_page.registerChanged.connect(self.refresh_counts)
        self.register_page.registerChanged.connect(self._data_changed)
        self.register_page.coverageChanged.connect(self._data_changed)
        self.impor_page.imported.connect(lambda _result: self._imported())
        self.iuran_page.rosterChanged.connect(self.beranda_page.refresh_if_shown)
        self.pengaturan_page.quotaChanged.connect(self.beranda_page.refresh_if_shown)
        self.pengaturan_page.villageChanged.connect(self.village_changed)
        self.beranda_page.arrearsRequested.connect(self.show_arrears)
        self.beranda_page.rosterRequested.connect(self.show_roster)
        self._connect_sync()

    def _connect_sync(self) -> None:
        """Status bar after each sync and local edit; other pages read again after a pull."""
        scheduler = self.sync_scheduler
        scheduler.statusChanged.connect(self._show_sync_status)
        scheduler.succeeded.connect(self._synced)
        self.sinkronisasi_page.pulled.connect(self._imported)
        for changed in (self.register_page.registerChanged, self.register_page.coverageChanged,
                        self.iuran_page.rosterChanged, self.pengaturan_page.quotaChanged,
                        self.pengaturan_page.villageChanged, self.impor_page.imported):  # fmt: skip
            changed.connect(lambda *_args: scheduler.refresh_status())

    def _synced(self, result: object) -> None:
        if getattr(result, "pulled", 0):
            self._imported()

    def _show_sync_status(self, status: SyncStatus) -> None:
        self.sync_label.setText(status_bar_text(status))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sync_started:
            self._sync_started = True  # the first timed sync comes 20 s after the window shows
            self.sync_scheduler.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync_scheduler.shutdown()  # a running sync stops at its next step
        super().closeEvent(event)

    def _data_changed(self) -> None:
        """Beranda and Iuran read again when shown; the one on screen reads at once. (Iuran
        reads again after its own writes; Beranda after anyone's.)"""
        self.beranda_page.refresh_if_shown()
        if self.iuran_page.isVisible():
            self.iuran_page.refresh()

    def _imported(self) -> None:
        self.register_page.refresh()
        self.refresh_counts()
        self._data_changed()

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(page))

    def open_import(self, path: Path) -> None:
        """Impor on screen with `path` chosen and its preview started (after the first run)."""
        self.jump_to(self.impor_page)
        self.impor_page.choose_file(path)

    def show_arrears(self, chosen: object) -> None:
        if isinstance(chosen, ArrearsFilter):
            self.iuran_page.show_arrears(chosen)
        self.show_page(self.iuran_page)

    def show_roster(self, period: object) -> None:
        if isinstance(period, Period):
            self.iuran_page.picker.set_period(period)
        self.iuran_page.tabs.setCurrentIndex(0)
        self.show_page(self.iuran_page)

    def village_changed(self, village: object) -> None:
        if isinstance(village, VillageInfo):
            self.village = village
            self.setWindowTitle(f"Payung Desa - {village.name}")
            self.village_label.setText(self._village_text())

    def _add_page(self, title: str, page: QWidget) -> None:
        item = QListWidgetItem(title)
        item.setSizeHint(QSize(0, self.nav.fontMetrics().height() + 16))
        self.nav.addItem(item)
        self.pages.addWidget(page)
        number = self.nav.count()
        # Ctrl+1, Ctrl+2... jump to a page without the mouse, into its first field.
        jump = QAction(title, self)
        jump.setShortcut(QKeySequence(f"Ctrl+{number}"))
        jump.triggered.connect(lambda: self.jump_to(page))
        self.addAction(jump)
        item.setToolTip(jump.shortcut().toString(QKeySequence.SequenceFormat.NativeText))

    def jump_to(self, page: QWidget) -> None:
        """Show `page` with the focus on its first useful field (Ctrl+<n>)."""
        self.show_page(page)
        focus_first(page)

    def _fit_navigation(self) -> None:
        widest = max(self.nav.fontMetrics().horizontalAdvance(self.nav.item(i).text())
                     for i in range(self.nav.count()))  # fmt: skip
        self.nav.setFixedWidth(max(widest + 48, 150))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.village_label = QLabel(self._village_text())
        self.count_label = QLabel()
        self.operator_label = QLabel()
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncStatus")
        for widget in (self.village_label, self.count_label, self.operator_label, self.sync_label):
            widget.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(widget)
        bar.setSizeGripEnabled(True)

    def _village_text(self) -> str:
        return (
            self.tr("Desa %1 (%2)")
            .replace("%1", self.village.name)
            .replace("%2", self.village.code)
        )

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
