"""First run: a wizard from nothing to a village set up, optionally straight into Impor.

Pages: Selamat datang (language), Profil desa, Formasi (optional), Data awal (empty or a
workbook), Selesai (summary). Nothing is written before Selesai: then the village is set up,
the formasi and the language are saved, on a pool thread. Cancelling leaves the database
without a village, and the next start runs the wizard again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget, QWizard

from app.domain.categories import Category
from app.domain.village import VillageData
from app.services.context import AppContext
from app.services.dto import VillageInfo
from app.ui.errors import describe
from app.ui.first_run_pages import (
    LANGUAGES,
    FormasiPage,
    ProfilePage,
    StartPage,
    SummaryPage,
    WelcomePage,
)
from app.ui.i18n import LANGUAGE_SETTING, Language, install_language
from app.ui.labels import label, show_count
from app.ui.mnemonics import assign_mnemonics, mnemonic_of
from app.ui.tasks import TaskRunner

WELCOME, PROFILE, FORMASI, START, SUMMARY = range(5)
_BUTTONS = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)  # fmt: skip


class FirstRunWizard(QWizard):
    """After `exec()` returns Accepted, `village` is the stored profile and `import_path` the
    workbook to continue with in Impor (None: start with an empty register)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FirstRunWizard")
        self._context = context
        self._runner = TaskRunner(self)
        self.village: VillageInfo | None = None
        self.import_path: Path | None = None
        self.saving = False
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same on every system
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.welcome, self.profile, self.formasi = WelcomePage(), ProfilePage(), FormasiPage()
        self.start, self.summary = StartPage(), SummaryPage()
        for page_id, page in enumerate(
            (self.welcome, self.profile, self.formasi, self.start, self.summary)
        ):
            self.setPage(page_id, page)
        self.setStartId(WELCOME)
        self.welcome.language_box.currentIndexChanged.connect(lambda _i: self._language_chosen())
        self.currentIdChanged.connect(self._page_shown)
        self.retranslate()
        line = self.fontMetrics().height()  # follows the system font size
        self.resize(40 * line, 30 * line)

    # -- language ---------------------------------------------------------------------------
    def language(self) -> Language:
        return self.welcome.language()

    def _language_chosen(self) -> None:
        if not install_language(self.language()):  # no English file: stay in Indonesian
            box = self.welcome.language_box
            box.blockSignals(True)
            box.setCurrentIndex(box.findData(LANGUAGES[0][0]))
            box.blockSignals(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the wizard in the current language (buttons, titles, fields)."""
        self.setWindowTitle(
            QCoreApplication.translate("VillageSetupDialog", "Payung Desa - Siapkan desa")
        )
        texts = {
            QWizard.WizardButton.BackButton: QCoreApplication.translate("ImporPage", "< &Kembali"),
            QWizard.WizardButton.NextButton: QCoreApplication.translate("ImporPage", "&Lanjut >"),
            QWizard.WizardButton.FinishButton: self.tr("&Selesai"),
            QWizard.WizardButton.CancelButton: QCoreApplication.translate("ImporPage", "Batal"),
        }
        for button, text in texts.items():
            self.setButtonText(button, text)
        reserved = [mnemonic_of(text) for text in texts.values()]
        for page_id in self.pageIds():
            page = self.page(page_id)
            page.retranslate()  # type: ignore[attr-defined]
            assign_mnemonics(page, [letter for letter in reserved if letter])
        if self.currentId() == SUMMARY:
            self._show_summary()

    # -- pages ------------------------------------------------------------------------------
    def _page_shown(self, page_id: int) -> None:
        if page_id == SUMMARY:
            self._show_summary()

    def _show_summary(self) -> None:
        data = self.profile.data()
        if data is None:
            return
        self.summary.summary.setText(summary_text(data, self.formasi.quota(),
                                                  self.start.import_path()))  # fmt: skip

    # -- finishing --------------------------------------------------------------------------
    def accept(self) -> None:
        """Selesai: save on a pool thread; the wizard closes once the village is stored."""
        if self.village is not None:
            super().accept()
            return
        data = self.profile.data()
        if data is None or self.saving:
            return
        self.saving = True
        self.summary.error.setText("")
        self._enable_buttons(False)
        context, quota, language = self._context, self.formasi.quota(), self.language()

        def save() -> VillageInfo:
            village = context.village.set_up(data)
            for category, count in quota.items():
                context.standing.set_quota(category, count)
            context.village.set_setting(LANGUAGE_SETTING, language)
            return village

        self._runner.start(save, self._saved, self._failed)

    def _saved(self, village: VillageInfo) -> None:
        self.saving = False
        self.village = village
        self.import_path = self.start.import_path()
        super().accept()

    def _failed(self, exc: Exception) -> None:
        self.saving = False
        self._enable_buttons(True)
        self.summary.error.setText(describe(exc))

    def _enable_buttons(self, enabled: bool) -> None:
        for which in _BUTTONS:
            self.button(which).setEnabled(enabled)

    def reject(self) -> None:
        if not self.saving:  # a half-done save finishes; it is one short transaction
            super().reject()


def summary_text(data: VillageData, quota: dict[Category, int], path: Path | None) -> str:
    """The summary page's lines, in the window's language."""
    translate = QCoreApplication.translate
    lines = [f"{data.name} ({data.code})", f"{data.kecamatan}, {data.kabupaten}, {data.province}"]
    if data.head_name:
        lines.append(translate("FirstRunWizard", "Kepala desa: %1").replace("%1", data.head_name))
    if data.secretary_name:
        text = translate("FirstRunWizard", "Sekretaris desa (operator): %1")
        lines.append(text.replace("%1", data.secretary_name))
    lines.append("")
    if quota:
        parts = ", ".join(f"{label(c)} {show_count(n)}" for c, n in quota.items())
        lines.append(translate("FirstRunWizard", "Formasi: %1").replace("%1", parts))
    else:
        lines.append(
            translate("FirstRunWizard", "Formasi: belum diisi (bisa diisi nanti di Pengaturan)")
        )
    if path is None:
        lines.append(translate("FirstRunWizard", "Data awal: daftar kosong"))
    else:
        text = translate("FirstRunWizard", "Data awal: impor %1, dilanjutkan di halaman Impor")
        lines.append(text.replace("%1", path.name))
    return "\n".join(lines)
