"""Pengaturan, in tabs so that every section fits a 1366x768 screen:

- Desa: the village profile (the set-up form, now editable) and the formasi, the number of
  posts per category that Beranda's coverage bars are measured against (this module);
- Umum: operator, language, paper, export defaults (pengaturan_general);
- Cadangan: the backups, a copy now, a restore (pengaturan_backups);
- Tarif iuran: the rates in force with their regulation (pengaturan_rates);
- Server: the sync connection, with a way to the Sinkronisasi page (pengaturan_server).
The last four need `SettingsServices`; without them the page has the Desa tab only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.categories import Category
from app.domain.errors import DomainError
from app.domain.village import VillageData
from app.services.backups import Backups
from app.services.dto import VillageInfo
from app.services.exports import Exports
from app.services.rates import Rates
from app.services.standing import MAX_POSITIONS, StandingService
from app.services.village import VillageService
from app.ui.dialogs.setup import add_village_fields, check_village, village_values
from app.ui.errors import describe, field_message
from app.ui.fonts import PAGE_TITLE, set_scaled_font
from app.ui.forms import ERROR_STYLE, HINT_STYLE, Form, missing_summary, new_form_layout
from app.ui.labels import label
from app.ui.pages.pengaturan_backups import BackupsSection
from app.ui.pages.pengaturan_general import GeneralSection
from app.ui.pages.pengaturan_rates import RatesSection
from app.ui.pages.pengaturan_server import ServerSection
from app.ui.sync_scheduler import SyncScheduler
from app.ui.tasks import TaskRunner


@dataclass(frozen=True, slots=True)
class _Settings:
    village: VillageInfo | None
    quota: dict[Category, int]


@dataclass(frozen=True, slots=True)
class SettingsServices:
    """What the tabs after Desa read; every call is thread-safe."""

    backups: Backups
    rates: Rates
    exports: Exports
    today: Callable[[], date]
    scheduler: SyncScheduler | None = None


def scrolled(content: QWidget) -> QScrollArea:
    """A tab's content that scrolls rather than being squeezed on a small screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the first field
    area.setWidget(content)
    return area


class PengaturanPage(QWidget):
    """`villageChanged(VillageInfo)` after the profile is saved; `quotaChanged` after the
    formasi is saved; `loaded` when both are on screen. With `more`: `languageChosen(str)`,
    `restoreRequested(Path)` and `syncPageRequested()` for the window, `operatorChanged` after
    the Umum tab was saved. Service calls run on pool threads."""

    villageChanged = Signal(object)
    quotaChanged = Signal()
    loaded = Signal()
    languageChosen = Signal(str)
    restoreRequested = Signal(object)
    syncPageRequested = Signal()
    operatorChanged = Signal()

    def __init__(
        self,
        village: VillageService,
        standing: StandingService,
        parent: QWidget | None = None,
        *,
        more: SettingsServices | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PengaturanPage")
        self._village = village
        self._standing = standing
        self._runner = TaskRunner(self)
        self._quota: dict[Category, int] = {}
        self.saving = False
        self._read_once = False
        # Errors the service found (a different village code): field -> (value then, message).
        self.service_errors: dict[str, tuple[str, str]] = {}
        self.form = Form()
        self.spins: dict[Category, QSpinBox] = {}
        title = QLabel(self.tr("Pengaturan"))
        set_scaled_font(title, PAGE_TITLE, bold=True)
        desa = QWidget()
        columns = QHBoxLayout(desa)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(self._profile_box(), 1)
        columns.addWidget(self._quota_box(), 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(scrolled(desa), self.tr("&Desa"))
        self.general: GeneralSection | None = None
        self.backups: BackupsSection | None = None
        self.rates: RatesSection | None = None
        self.server: ServerSection | None = None
        if more is not None:
            self._add_sections(village, more)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.form.on_change(self.revalidate)

    def _add_sections(self, village: VillageService, more: SettingsServices) -> None:
        self.general = GeneralSection(village, more.exports)
        self.backups = BackupsSection(more.backups, village)
        self.rates = RatesSection(more.rates, more.today)
        self.server = ServerSection(more.scheduler)
        self.tabs.addTab(scrolled(self.general), self.tr("&Umum"))
        self.tabs.addTab(scrolled(self.backups), self.tr("Cada&ngan"))
        self.tabs.addTab(scrolled(self.rates), self.tr("&Tarif iuran"))
        self.tabs.addTab(scrolled(self.server), self.tr("Se&rver"))
        self.general.languageChosen.connect(self.languageChosen)
        self.general.saved.connect(lambda _prefs: self.operatorChanged.emit())
        self.backups.restoreRequested.connect(self.restoreRequested)
        self.server.syncPageRequested.connect(self.syncPageRequested)
        self.tabs.currentChanged.connect(self._tab_shown)

    def _tab_shown(self, index: int) -> None:
        """The backups list is read again each time it is shown (a copy may have been made)."""
        if self.backups is not None and self._holds(index, self.backups):
            self.backups.reload()

    def _holds(self, index: int, section: QWidget) -> bool:
        tab = self.tabs.widget(index)
        return tab is not None and tab.isAncestorOf(section)

    def show_section(self, section: QWidget | None) -> None:
        for index in range(self.tabs.count()):
            if section is not None and self._holds(index, section):
                self.tabs.setCurrentIndex(index)

    def _profile_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Profil desa"))
        fields = new_form_layout()
        add_village_fields(self.form, fields, address=True)
        secretary = self.form.rows["secretary"].editor
        if isinstance(secretary, QLineEdit):  # the operator has its own field (Umum)
            secretary.setPlaceholderText(self.tr("dicetak pada kuitansi dan rekap"))
        self.profile_button = QPushButton(self.tr("Simpan &profil"))
        self.profile_button.clicked.connect(self.save_profile)
        self.profile_message = QLabel()
        self.profile_message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.profile_message, 1)
        buttons.addWidget(self.profile_button)
        layout = QVBoxLayout(box)
        layout.addLayout(fields)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return box

    def _quota_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Formasi: jumlah posisi per kategori"))
        intro = QLabel(self.tr(
            "Beranda mengukur cakupan kepesertaan terhadap angka ini. Biarkan 0 (belum diisi) "
            "untuk kategori yang tidak punya formasi tetap, mis. petani."
        ))  # fmt: skip
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        self.quota_table = QTableWidget(len(Category), 2)
        self.quota_table.setObjectName("quotaTable")
        self.quota_table.setHorizontalHeaderLabels([self.tr("Kategori"), self.tr("Formasi")])
        self.quota_table.verticalHeader().hide()
        self.quota_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.quota_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab goes from spin box to spin box and on to Simpan formasi: a focusable table with
        # Tab navigation kept the keyboard going round between its cells and the spin boxes.
        self.quota_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.quota_table.setTabKeyNavigation(False)
        header = self.quota_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        not_set = self.tr("belum diisi")
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.quota_table.setColumnWidth(1, self.fontMetrics().horizontalAdvance(not_set) + 64)
        for row, category in enumerate(Category):
            self.quota_table.setItem(row, 0, QTableWidgetItem(label(category)))
            spin = QSpinBox()
            spin.setRange(0, MAX_POSITIONS)
            spin.setSpecialValueText(not_set)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setObjectName(f"quota_{category.value}")
            self.spins[category] = spin
            self.quota_table.setCellWidget(row, 1, spin)
        self.quota_table.resizeRowsToContents()
        self.quota_button = QPushButton(self.tr("Simpan &formasi"))
        self.quota_button.clicked.connect(self.save_quota)
        self.quota_message = QLabel()
        self.quota_message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quota_message, 1)
        buttons.addWidget(self.quota_button)
        layout = QVBoxLayout(box)
        layout.addWidget(intro)
        layout.addWidget(self.quota_table, 1)
        layout.addLayout(buttons)
        return box

    # -- reading ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._read_once:  # later shows keep what the person typed and did not save
            self._read_once = True
            self.reload()

    def reload(self) -> None:
        village, standing = self._village, self._standing
        self._runner.start(
            lambda: _Settings(village.get(), standing.quota()), self._show, self._read_failed
        )
        for section in (self.general, self.backups, self.rates):
            if section is not None:
                section.reload()

    def _show(self, settings: _Settings) -> None:
        if settings.village is not None:
            for name, value in village_values(settings.village).items():
                self.form.rows[name].set_text(value)
        self._quota = settings.quota
        for category, spin in self.spins.items():
            spin.setValue(settings.quota.get(category, 0))
        self.service_errors.clear()
        self.revalidate()
        self.loaded.emit()

    def _read_failed(self, exc: Exception) -> None:
        self._say(self.profile_message, describe(exc), error=True)

    @staticmethod
    def _say(where: QLabel, text: str, *, error: bool = False) -> None:
        where.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        where.setText(text)

    # -- the profile ------------------------------------------------------------------------
    def _check(self) -> tuple[VillageData | None, dict[str, str]]:
        data, errors = check_village(self.form.values())
        values = self.form.values()
        for field, (value, message) in self.service_errors.items():
            if values.get(field) == value:
                errors.setdefault(field, message)
        return (None if errors else data), errors

    def revalidate(self) -> None:
        _data, errors = self._check()
        self.form.show_errors(errors)
        self.profile_button.setEnabled(not errors and not self.saving)
        if not self.saving and errors:
            self._say(self.profile_message, missing_summary(errors), error=True)
        elif not self.saving and self.profile_message.styleSheet() == ERROR_STYLE:
            self._say(self.profile_message, "")

    def save_profile(self) -> None:
        self.form.touch_all()
        data, _errors = self._check()
        self.revalidate()
        if data is None or self.saving:
            return
        self.saving = True
        self.profile_button.setEnabled(False)
        self._say(self.profile_message, self.tr("Menyimpan…"))
        set_up = self._village.set_up
        self._runner.start(lambda: set_up(data), self._profile_saved, self._profile_failed)

    def _profile_saved(self, village: VillageInfo) -> None:
        self.saving = False
        self.revalidate()
        self._say(self.profile_message, self.tr("Profil desa disimpan."))
        self.villageChanged.emit(village)

    def _profile_failed(self, exc: Exception) -> None:
        self.saving = False
        if isinstance(exc, DomainError) and exc.field in self.form.rows:
            self.service_errors[exc.field] = (self.form.values()[exc.field], field_message(exc))
            self.revalidate()
            self.form.focus(exc.field)
            return
        self.revalidate()
        self._say(self.profile_message, describe(exc), error=True)

    # -- formasi ----------------------------------------------------------------------------
    def quota_values(self) -> dict[Category, int]:
        return {category: spin.value() for category, spin in self.spins.items()}

    def save_quota(self) -> None:
        wanted = self.quota_values()
        changed = {c: n for c, n in wanted.items() if n != self._quota.get(c, 0)}
        if not changed:
            self._say(self.quota_message, self.tr("Tidak ada perubahan formasi."))
            return
        standing = self._standing
        self.quota_button.setEnabled(False)

        def save() -> dict[Category, int]:
            for category, count in changed.items():
                standing.set_quota(category, count)
            return standing.quota()

        self._runner.start(save, self._quota_saved, self._quota_failed)

    def _quota_saved(self, quota: dict[Category, int]) -> None:
        self._quota = quota
        self.quota_button.setEnabled(True)
        self._say(self.quota_message, self.tr("Formasi disimpan."))
        self.quotaChanged.emit()

    def _quota_failed(self, exc: Exception) -> None:
        self.quota_button.setEnabled(True)
        self._say(self.quota_message, describe(exc), error=True)
