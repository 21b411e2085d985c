"""The main window: left navigation, one page per entry, and a status bar.

Pages in DESIGN.md order (Beranda, Peserta, Iuran, ..., Pengaturan last); Ctrl+1, Ctrl+2...
follow the navigation. The window opens on Beranda.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QThreadPool
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStatusBar,
    QWidget,
)

from app.domain.categories import WorkerStatus
from app.domain.period import Period
from app.services.backups import Backups, restore_in_place
from app.services.context import AppContext
from app.services.dto import VillageInfo
from app.services.register import SearchQuery
from app.ui.arrears_table import ArrearsFilter
from app.ui.dialogs.kepesertaan import CoverageServices
from app.ui.documents import DocumentServices
from app.ui.errors import describe
from app.ui.fonts import NAVIGATION, scaled_font
from app.ui.i18n import Language, install_language
from app.ui.keyboard import focus_first, tab_leaves_tables
from app.ui.labels import show_count
from app.ui.mnemonics import assign_mnemonics
from app.ui.pages.beranda import BerandaPage
from app.ui.pages.impor import ImporPage
from app.ui.pages.iuran import IuranPage
from app.ui.pages.pengaturan import PengaturanPage, SettingsServices
from app.ui.pages.register import RegisterPage
from app.ui.pages.sinkronisasi import SinkronisasiPage
from app.ui.sync_scheduler import LazySyncEngine, SyncScheduler, status_bar_text
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.sync.engine import SyncEngine, SyncStatus

Counts = tuple[int, int, str]  # workers, active workers, operator name
Restored = tuple[Path, Path | None, VillageInfo | None]  # backup, file set aside, village


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
        self.restoring = False
        self._jumps: list[QAction] = []
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFont(scaled_font(NAVIGATION))  # follows the system font size
        self.pages = QStackedWidget()
        self._build()
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.central = central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.resize(self._first_size())
        self.nav.setFocus()

    def _first_size(self) -> QSize:
        """1200x760, or less on a smaller screen (1366x768 less the taskbar is common)."""
        wanted = QSize(1200, 760)
        screen = self.screen()
        return wanted if screen is None else wanted.boundedTo(screen.availableGeometry().size())

    def _build(self) -> None:
        """Pages, navigation and status bar over self.context, in the installed language
        (every text is read through tr() when a widget is made: see rebuild)."""
        context = self.context
        self.sync_engine = LazySyncEngine(lambda: _make_sync_engine(context))
        self.sync_scheduler = SyncScheduler(self.sync_engine, self)
        self.setWindowTitle(f"Payung Desa - {self.village.name}")
        self._make_pages(context)
        self._fit_navigation()
        for page in (self.beranda_page, self.register_page, self.iuran_page, self.impor_page,
                     self.sinkronisasi_page, self.pengaturan_page):  # fmt: skip
            assign_mnemonics(page)  # Alt+letter for each labelled field
            tab_leaves_tables(page)
        self.setStatusBar(QStatusBar())
        self._build_status_bar()
        self._connect_pages()
        self.refresh_counts()
        self.sync_scheduler.refresh_status()

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
        more = SettingsServices(Backups(context.paths), context.rates, documents.exports,
                                context.today, self.sync_scheduler)  # fmt: skip
        self.pengaturan_page = PengaturanPage(context.village, context.standing, more=more)
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
        settings = self.pengaturan_page
        settings.operatorChanged.connect(self.refresh_counts)
        settings.languageChosen.connect(self.switch_language)
        settings.restoreRequested.connect(self.restore_backup)
        settings.syncPageRequested.connect(lambda: self.show_page(self.sinkronisasi_page))
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
        if self.restoring:  # the database is being replaced: closing now would lose it
            event.ignore()
            return
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
        self._jumps.append(jump)
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

    # -- a new language, a restored database: the pages are made again ---------------------
    def rebuild(self) -> None:
        """Make the pages, navigation and status bar again over self.context: in the language
        installed now, over the database open now. The page on screen stays on screen (its
        unsaved edits are dropped, as after a restart)."""
        row = self.nav.currentRow()
        self.sync_scheduler.shutdown()
        self.sync_scheduler.deleteLater()
        for jump in self._jumps:
            self.removeAction(jump)
            jump.deleteLater()
        self._jumps.clear()
        self.nav.clear()
        while (page := self.pages.widget(0)) is not None:
            self.pages.removeWidget(page)
            page.deleteLater()  # results still on their way are dropped (TaskRunner)
        self._build()
        self.nav.setCurrentRow(max(row, 0))
        if self._sync_started:
            self.sync_scheduler.start()

    def switch_language(self, language: str) -> None:
        """Install the chosen translation and make the window again: no restart."""
        chosen: Language = "en" if language == "en" else "id"
        install_language(chosen)
        self.rebuild()
        self.pengaturan_page.show_section(self.pengaturan_page.general)
        if self.pengaturan_page.general is not None:
            self.pengaturan_page.general.reload()

    def restore_backup(self, candidate: object) -> None:
        """Stop sync and wait for the reads in flight, close the database, put the backup in
        place, open it again (app.services.backups.restore_in_place) and make the pages anew
        over it. Runs on a private pool, so it can wait for the shared one without blocking
        the GUI thread; the window is disabled meanwhile and refuses to close."""
        if not isinstance(candidate, Path) or self.restoring:
            return
        self.restoring = True
        self.sync_scheduler.shutdown()
        self.central.setEnabled(False)
        self.statusBar().showMessage(self.tr("Memulihkan cadangan…"))
        context = self.context
        self._restore_pool = QThreadPool(self)
        self._restore_pool.setMaxThreadCount(1)

        def restore() -> Restored:
            QThreadPool.globalInstance().waitForDone(-1)  # no read may use the old file
            aside = restore_in_place(context, candidate)
            return candidate, aside, context.village.get()

        TaskRunner(self, self._restore_pool).start(restore, self._restored, self._restore_failed)

    def _after_restore(self) -> None:
        self.restoring = False
        self.central.setEnabled(True)
        self.statusBar().clearMessage()
        self.rebuild()  # the old pages hold the services of the database that was closed
        self.pengaturan_page.show_section(self.pengaturan_page.backups)
        self.show_page(self.pengaturan_page)

    def _restored(self, restored: Restored) -> None:
        candidate, aside, village = restored
        if village is not None:
            self.village = village
        self._after_restore()
        if self.pengaturan_page.backups is not None:
            self.pengaturan_page.backups.restored(candidate, aside)

    def _restore_failed(self, exc: Exception) -> None:
        self._after_restore()
        text = self.tr("Cadangan tidak dipulihkan. %1").replace("%1", describe(exc))
        if self.pengaturan_page.backups is not None:
            self.pengaturan_page.backups.restore_failed(text)
        else:  # pragma: no cover - the window always has the Cadangan tab
            self.statusBar().showMessage(text, 60_000)
