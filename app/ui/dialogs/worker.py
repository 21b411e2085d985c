"""Add or edit a worker, with live validation: every keystroke runs the domain's check_worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QWidget

from app.domain.categories import Category, MaritalStatus, Sex
from app.domain.errors import DomainError
from app.domain.formatting import parse_date
from app.domain.worker import WorkerDraft, check_worker
from app.services.dto import WorkerDetail
from app.ui.dialogs.base import FormDialog
from app.ui.dialogs.kepesertaan import KepesertaanPanel
from app.ui.errors import field_message
from app.ui.forms import choice_combo, date_edit, line_edit, missing_summary, new_form_layout
from app.ui.labels import form_date, label, show_date

SaveWorker = Callable[[WorkerDraft], WorkerDetail]


def draft_for_form(draft: WorkerDraft) -> WorkerDraft:
    """Stored values as the form shows them (the birth date day first)."""
    try:
        born = form_date(parse_date(draft.birth_date)) if draft.birth_date else ""
    except DomainError:
        born = draft.birth_date
    return WorkerDraft(**{**asdict(draft), "birth_date": born})


class WorkerDialog(FormDialog):
    """`save` runs on a pool thread and returns the stored worker (register.add or edit).

    Two tabs: Data diri (this form; Simpan saves it) and Kepesertaan (`kepesertaan`, the
    worker's coverage periods, written at once; only for a worker already on the register).
    """

    def __init__(
        self,
        *,
        save: SaveWorker,
        today: Callable[[], date],
        draft: WorkerDraft | None = None,
        kepesertaan: KepesertaanPanel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._today = today
        self.kepesertaan = kepesertaan
        self.setWindowTitle(self.tr("Ubah data pekerja") if draft else self.tr("Tambah pekerja"))
        self.setObjectName("WorkerDialog")
        self._build()
        if draft is not None:
            for name, value in asdict(draft_for_form(draft)).items():
                self.form.rows[name].set_text(value)
            self.form.touch_all()  # stored data: show what is wrong with it at once
        self.form.on_change(self.revalidate)
        self.revalidate()
        self.form.focus("nik")

    def _build(self) -> None:
        left, right = new_form_layout(), new_form_layout()
        add = self.form.add
        add(left, "nik", line_edit(self.tr("16 angka dari KTP"), 24))
        add(left, "name", line_edit(self.tr("seperti tertulis di KTP"), 120))
        add(left, "birth_place", line_edit())
        add(left, "birth_date", date_edit())
        add(left, "sex", choice_combo(((s.value, label(s)) for s in Sex), self.tr("— pilih —")))
        add(left, "mother_name", line_edit(max_length=120))
        add(left, "no_kk", line_edit(self.tr("16 angka dari Kartu Keluarga"), 24))
        statuses = ((m.value, label(m)) for m in MaritalStatus)
        add(left, "marital_status", choice_combo(statuses, self.tr("— tidak diisi —")))
        categories = ((c.value, label(c)) for c in Category)
        add(right, "category", choice_combo(categories, self.tr("— pilih —")))
        add(right, "position", line_edit(self.tr("mis. Kasi Pemerintahan")))
        add(right, "kpj", line_edit(self.tr("11 angka kartu BPJS TK, bila sudah ada"), 16))
        add(right, "phone", line_edit(self.tr("mis. 0812 3456 7890"), 20))
        add(right, "address", line_edit())
        add(right, "dusun", line_edit())
        add(right, "rt", line_edit(self.tr("mis. 003"), 3))
        add(right, "rw", line_edit(self.tr("mis. 001"), 3))
        personal = QWidget()
        columns = QHBoxLayout(personal)
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(personal, self.tr("&Data diri"))
        coverage = self.kepesertaan or QWidget()
        index = self.tabs.addTab(coverage, self.tr("&Kepesertaan"))
        if self.kepesertaan is None:
            self.tabs.setTabEnabled(index, False)
            self.tabs.setTabToolTip(index, self.tr("Simpan data diri dulu; lalu buka Ubah."))
        self.tabs.currentChanged.connect(self._tab_changed)
        outer = self.main_layout(980)  # room for a coverage period's columns
        outer.addWidget(self.tabs, 1)
        outer.addLayout(self.button_row())

    def show_kepesertaan(self) -> None:
        if self.kepesertaan is not None:
            self.tabs.setCurrentWidget(self.kepesertaan)

    def _tab_changed(self, index: int) -> None:
        """Periods are written at once; on their tab the way out is Tutup, not Batal."""
        on_periods = self.kepesertaan is not None and self.tabs.widget(index) is self.kepesertaan
        self.cancel_button.setText(self.tr("Tutup") if on_periods else self.tr("Batal"))

    def draft(self) -> WorkerDraft:
        return WorkerDraft(**self.form.values())

    def revalidate(self) -> None:
        """Run every rule on what is typed now; show errors under their fields."""
        _data, problems = check_worker(self.draft(), today=self._today())
        errors: dict[str, str] = {}
        for problem in problems:
            errors.setdefault(problem.field, field_message(problem))
        for field, message in self.current_service_errors().items():
            errors.setdefault(field, message)
        self.form.show_errors(errors, self._hints(errors))
        self.save_button.setEnabled(not errors and not self.saving)
        if not self.saving:
            self.set_footer(missing_summary(errors), error=any(
                self.form.rows[f].touched for f in errors
            ))  # fmt: skip

    def _hints(self, errors: dict[str, str]) -> dict[str, str]:
        """The birth date as words under the field, so a swapped day and month shows."""
        text = self.form.rows["birth_date"].text()
        if "birth_date" in errors or not text.strip():
            return {}
        return {"birth_date": show_date(parse_date(text))}

    def save_job(self) -> Callable[[], Any] | None:
        self.revalidate()
        if not self.save_button.isEnabled():
            return None
        draft, save = self.draft(), self._save
        return lambda: save(draft)
