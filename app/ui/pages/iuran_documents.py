"""The Iuran page's documents: the month's upload workbook (Ekspor xlsx) and the recap PDF.

Both read the month as stored (draft or locked); neither regenerates it. Every service call
runs on a pool thread; an export of 100,000 lines takes seconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton

from app.domain.errors import DomainError
from app.domain.period import Period
from app.domain.rates import Payer
from app.services.exports import ROSTER_PROFILE, ExportRefused, ProfileKind, RosterExport
from app.services.papers import PAPER_SETTING, Paper
from app.services.settings import Preferences, read_preferences
from app.ui.dialogs.document_options import DocumentOptionsDialog, ProfileChoice
from app.ui.dialogs.export_refused import ExportRefusedDialog
from app.ui.documents import DocumentServices, PdfOpener
from app.ui.errors import describe
from app.ui.labels import show_count, show_period
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.services.exports import Profile, ProfileCatalog
    from app.ui.pages.iuran import IuranPage


def export_file_name(period: Period, payer: Payer | None) -> str:
    return f"iuran-{period}{f'-{payer.value}' if payer else ''}.xlsx"


def recap_file_name(period: Period, payer: Payer | None) -> str:
    return f"rekap-iuran-{period}{f'-{payer.value}' if payer else ''}.pdf"


def paper_of(setting: str | None) -> Paper:
    """The office's paper setting; A4 when none (or an unreadable one) is stored."""
    try:
        return Paper.parse(setting) if setting else Paper.A4
    except DomainError:
        return Paper.A4


class IuranDocuments(QObject):
    """Adds Ekspor xlsx and Rekap PDF to the page. `dialog` is the dialog opened last (options
    or refusal), `pdf.preview` the recap preview (tests drive them); `exported(RosterExport)`
    fires after a workbook was written and checked."""

    exported = Signal(object)

    def __init__(self, page: IuranPage, services: DocumentServices) -> None:
        super().__init__(page)
        self.page = page
        self.services = services
        self.dialog: QDialog | None = None
        self.export_folder = Path.home()  # Pengaturan's export folder once one is set
        self.exporting = False
        self._runner = TaskRunner(self)
        self.pdf = PdfOpener(page)
        self.export_button = QPushButton(self.tr("&Ekspor xlsx…"))
        self.export_button.setToolTip(self.tr("Berkas unggah BPJS untuk bulan ini (.xlsx)"))
        self.recap_button = QPushButton(self.tr("&Rekap PDF…"))
        self.recap_button.setToolTip(self.tr("Rekap iuran untuk ditandatangani kepala desa"))
        self.export_button.clicked.connect(self.start_export)
        self.recap_button.clicked.connect(self.start_recap)
        self.pdf.busyChanged.connect(self.update_buttons)

    def update_buttons(self) -> None:
        roster = None if self.page.loading else self.page.roster
        ready = roster is not None and bool(roster.lines) and not self.page.busy
        self.export_button.setEnabled(ready and not self.exporting)
        self.recap_button.setEnabled(ready and not self.pdf.busy)

    def payers(self) -> list[Payer]:
        """The payers the month on screen has lines for, in their usual order."""
        roster = self.page.roster
        present = {line.payer for line in roster.lines} if roster else set()
        return [payer for payer in Payer if payer in present]

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    # -- export -----------------------------------------------------------------------------
    def start_export(self) -> None:
        """Read the profiles (a DPMD may have added one) and the office's export defaults
        (Pengaturan), then ask profile and payer."""
        if not self.export_button.isEnabled():
            return
        exports, village, period = self.services.exports, self.services.village, self.page.period
        self._runner.start(lambda: (exports.profiles(), read_preferences(village)),
                           lambda got: self._choose_export(period, *got),
                           lambda exc: self.page.say(describe(exc), error=True))  # fmt: skip

    def _choose_export(self, period: Period, catalog: ProfileCatalog, prefs: Preferences) -> None:
        profiles = sorted(
            (p for p in catalog.profiles.values() if p.kind is ProfileKind.ROSTER),
            key=lambda p: (p.name != ROSTER_PROFILE, p.name),
        )
        notes = [
            self.tr("Profil tidak sah, tidak ditawarkan: %1 (%2)")
            .replace("%1", Path(bad.file).name)
            .replace("%2", bad.message)
            for bad in catalog.invalid
        ]
        dialog = DocumentOptionsDialog(
            title=self.tr("Ekspor iuran"),
            intro=self.tr("Ekspor iuran %1 ke berkas .xlsx untuk diunggah ke BPJS.")
            .replace("%1", show_period(period)),
            action=self.tr("Pilih berkas…"),
            payers=self.payers(),
            profiles=[ProfileChoice(p.name, self._profile_text(p)) for p in profiles],
            notes=notes,
            parent=self.page,
        )  # fmt: skip
        preferred = dialog.profile_box.findData(prefs.export_profile or ROSTER_PROFILE)
        dialog.profile_box.setCurrentIndex(max(preferred, 0))
        self.export_folder = Path(prefs.export_folder or Path.home())
        dialog.accepted.connect(lambda: self.ask_export_file(dialog.profile(), dialog.payer()))
        self._open(dialog)

    def _profile_text(self, profile: Profile) -> str:
        return (
            self.tr("%1 (%2, versi %3)")
            .replace("%1", profile.title or profile.name)
            .replace("%2", profile.name)
            .replace("%3", profile.version)
        )

    def ask_export_file(self, profile: str, payer: Payer | None) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self.page, self.tr("Simpan ekspor"),
            str(self.export_folder / export_file_name(self.page.period, payer)),
            self.tr("Buku kerja Excel (*.xlsx)"),
        )  # fmt: skip
        if chosen:
            target = Path(chosen)
            target = target if target.suffix.lower() == ".xlsx" else target.with_suffix(".xlsx")
            self.export_to(target, profile=profile, payer=payer)

    def export_to(self, target: Path, *, profile: str, payer: Payer | None) -> None:
        """Write and check the workbook off the GUI thread; refusals are listed in a dialog."""
        exports, period = self.services.exports, self.page.period
        self.exporting = True
        self.update_buttons()
        self.page.progress.show()
        self.page.say(self.tr("Mengekspor iuran %1…").replace("%1", show_period(period)))
        self._runner.start(
            lambda: exports.export_roster(period, target, payer, profile),
            self._exported,
            self._export_failed,
        )

    def _export_finished(self) -> None:
        self.exporting = False
        if not self.page.busy:
            self.page.progress.hide()
        self.update_buttons()

    def _exported(self, result: RosterExport) -> None:
        self._export_finished()
        text = (
            self.tr("Ekspor tersimpan: %1 (%2 baris, profil %3 versi %4).")
            .replace("%1", str(result.path))
            .replace("%2", show_count(result.rows))
            .replace("%3", result.profile)
            .replace("%4", result.version)
        )
        if not result.locked:
            text += " " + self.tr("Iuran bulan ini masih draf: kunci dulu sebelum diunggah.")
        self.page.say(text)
        self.exported.emit(result)

    def _export_failed(self, exc: Exception) -> None:
        self._export_finished()
        if isinstance(exc, ExportRefused):
            lines = len({p.line for p in exc.problems})
            self.page.say(self.tr("Ekspor ditolak: %1 baris belum lengkap; tidak ada berkas "
                                  "yang ditulis.").replace("%1", show_count(lines)),
                          error=True)  # fmt: skip
            self._open(ExportRefusedDialog(exc.problems, parent=self.page))
            return
        self.page.say(describe(exc), error=True)

    # -- recap ------------------------------------------------------------------------------
    def start_recap(self) -> None:
        """Read the office's paper size, then ask payer and paper."""
        if not self.recap_button.isEnabled():
            return
        village, period = self.services.village, self.page.period
        self._runner.start(lambda: village.setting(PAPER_SETTING),
                           lambda text: self._choose_recap(period, paper_of(text)),
                           lambda exc: self.page.say(describe(exc), error=True))  # fmt: skip

    def _choose_recap(self, period: Period, paper: Paper) -> None:
        dialog = DocumentOptionsDialog(
            title=self.tr("Rekap iuran"),
            intro=self.tr("Rekap iuran %1 per sumber dana, untuk ditandatangani kepala desa.")
            .replace("%1", show_period(period)),
            action=self.tr("Buat rekap"),
            payers=self.payers(),
            paper=paper,
            parent=self.page,
        )  # fmt: skip
        dialog.accepted.connect(lambda: self.recap(dialog.payer(), dialog.paper()))
        self._open(dialog)

    def recap(self, payer: Payer | None, paper: Paper) -> None:
        """Make the recap PDF off the GUI thread and open it in the preview."""
        service, period = self.services.recap, self.page.period

        def write(out: Path) -> int:
            return service.write_pdf(service.recap(period, payer=payer), out, paper=paper)

        self.pdf.open(
            title=self.tr("Rekap iuran %1").replace("%1", show_period(period)),
            file_name=recap_file_name(period, payer),
            write=write,
            on_error=lambda exc: self.page.say(describe(exc), error=True),
        )
