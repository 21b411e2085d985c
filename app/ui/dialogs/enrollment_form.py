"""Add a coverage period, or change the terms of a running one, with live validation.

Every change runs the domain's validate_enrollment with the rate set in force on the start
month (a BPU income must be one of its brackets), so errors show under their fields while
typing; what only the service can know (an overlapping period) comes back under its field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.contribution import Terms, compute_month, jkp_entitled
from app.domain.enrollment import (
    EnrollmentData,
    EnrollmentDraft,
    EnrollmentStatus,
    validate_enrollment,
)
from app.domain.errors import DomainError
from app.domain.formatting import parse_date, parse_rupiah
from app.domain.period import Period
from app.domain.rates import Payer, Programme, RateRow, RateSet, Segment
from app.services.enrollments import EnrollmentInfo
from app.ui.dialogs.base import FormDialog
from app.ui.errors import field_message
from app.ui.forms import (
    HINT_STYLE,
    CheckGroup,
    choice_combo,
    date_edit,
    line_edit,
    missing_summary,
    new_form_layout,
)
from app.ui.labels import form_date, label, show_date, show_money

SavePeriod = Callable[[EnrollmentDraft, EnrollmentStatus], object]
PROGRAMMES = (Programme.JKK, Programme.JKM, Programme.JHT, Programme.JP)
NEW_STATUSES = (EnrollmentStatus.DRAFT, EnrollmentStatus.SUBMITTED, EnrollmentStatus.ACTIVE)
_ATTRIBUTES = {  # form field (the domain's error field) -> EnrollmentDraft attribute
    "segment": "segment",
    "programs": "programmes",
    "wage": "wage",
    "risk_class": "risk_class",
    "start": "start",
    "payer": "payer",
    "kpj": "kpj",
}


def rupiah_digits(amount: int) -> str:
    """2.022.200: how a wage is typed back into its field."""
    return f"{amount:,}".replace(",", ".")


def rates_for(rows: list[RateRow], start_text: str, today: date) -> RateSet:
    """The rate set on the first day of the start month (today's month while unreadable)."""
    try:
        start = parse_date(start_text, field="start")
    except DomainError:
        start = today
    return RateSet.effective(rows, Period.of(start).first_day)


def enrollment_errors(
    draft: EnrollmentDraft, rates: RateSet, worker_end: date | None
) -> tuple[EnrollmentData | None, dict[str, str]]:
    """Every field's error, not only the first one the domain meets (it stops at the first)."""
    brackets = rates.brackets()
    passing = {
        "segment": "PU", "programmes": "JKK,JKM", "wage": str(brackets[0] if brackets else 1),
        "risk_class": "1", "payer": Payer.APBDES.value, "kpj": "",
        "start": (worker_end + timedelta(days=1)).isoformat() if worker_end else "2000-01-01",
    }  # fmt: skip
    errors: dict[str, str] = {}
    for _ in _ATTRIBUTES:
        try:
            data = validate_enrollment(draft, rates_at_start=rates, worker_end=worker_end)
        except DomainError as exc:
            if exc.field not in _ATTRIBUTES or exc.field in errors:
                errors.setdefault(exc.field, field_message(exc))
                return None, errors
            errors[exc.field] = field_message(exc)
            attribute = _ATTRIBUTES[exc.field]
            draft = replace(draft, **{attribute: passing[attribute]})
        else:
            return (None if errors else data), errors
    return None, errors


class EnrollmentFormDialog(FormDialog):
    """`save(draft, status)` runs on a pool thread: enrollments.enroll, or .edit for `period`.

    `rate_rows` are the rate table's rows (read before the dialog opens, off the GUI thread);
    `worker_end` is the end of the worker's membership when it has ended.
    """

    def __init__(
        self,
        *,
        save: SavePeriod,
        rate_rows: list[RateRow],
        today: Callable[[], date],
        period: EnrollmentInfo | None = None,
        worker_end: date | None = None,
        kpj: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._rows = rate_rows
        self._today = today
        self._worker_end = worker_end
        self._period = period
        self.setObjectName("EnrollmentFormDialog")
        self.setWindowTitle(
            self.tr("Ubah kepesertaan") if period else self.tr("Tambah periode kepesertaan")
        )
        self._build(edit=period is not None)
        self._fill(period, kpj)
        self.form.on_change(self.revalidate)
        self.segment_combo.currentIndexChanged.connect(self._segment_changed)
        self._segment_changed()
        self.form.focus("wage" if period else "segment")

    def _build(self, *, edit: bool) -> None:
        layout = new_form_layout()
        add, pick = self.form.add, self.tr("— pilih —")
        segments = [("PU", self.tr("PU - Penerima Upah")),
                    ("BPU", self.tr("BPU - Bukan Penerima Upah"))]  # fmt: skip
        self.segment_combo = choice_combo(segments, None)
        add(layout, "segment", self.segment_combo)
        self.programmes = CheckGroup((p.value, p.value) for p in PROGRAMMES)
        add(layout, "programs", self.programmes)
        add(layout, "wage", line_edit(self.tr("rupiah per bulan, mis. 2.022.200"), 20))
        risks = [("1", self.tr("1 - sangat rendah (kantor desa)")), ("2", self.tr("2 - rendah")),
                 ("3", self.tr("3 - sedang")), ("4", self.tr("4 - tinggi")),
                 ("5", self.tr("5 - sangat tinggi"))]  # fmt: skip
        add(layout, "risk_class", choice_combo(risks, None))
        add(layout, "payer", choice_combo(((p.value, label(p)) for p in Payer), pick))
        add(layout, "start", date_edit(), self.tr("TMT (mulai)"))
        add(layout, "kpj", line_edit(self.tr("11 angka kartu BPJS TK, bila sudah ada"), 16))
        if not edit:
            statuses = ((s.value, label(s)) for s in NEW_STATUSES)
            add(layout, "status", choice_combo(statuses, None))
        self.preview = QLabel()
        self.preview.setObjectName("monthlyPreview")
        self.preview.setStyleSheet(HINT_STYLE)
        outer = self.main_layout(560)
        outer.addLayout(layout)
        outer.addWidget(self.preview)
        outer.addLayout(self.button_row())

    def _fill(self, period: EnrollmentInfo | None, kpj: str) -> None:
        if period is None:
            today = self._today()
            values = {"segment": "PU", "programs": "JKK,JKM", "risk_class": "1",
                      "start": form_date(date(today.year, today.month, 1)), "kpj": kpj,
                      "status": EnrollmentStatus.ACTIVE.value}  # fmt: skip
        else:
            values = {
                "segment": period.segment.value, "programs": period.programmes,
                "wage": rupiah_digits(period.wage), "risk_class": str(period.risk_class),
                "payer": period.payer.value, "start": form_date(period.start),
                "kpj": period.kpj or "",
            }  # fmt: skip
        for name, value in values.items():
            self.form.rows[name].set_text(value)
        if period is not None:
            self.form.touch_all()  # stored terms: show at once what is wrong with them

    def _segment_changed(self) -> None:
        """BPU takes neither JP nor a JKK risk class: those editors are switched off."""
        bpu = self.form.rows["segment"].text() == Segment.BPU.value
        if bpu and self.programmes.boxes[Programme.JP.value].isChecked():
            self.programmes.boxes[Programme.JP.value].setChecked(False)
        self.programmes.set_option_enabled(Programme.JP.value, not bpu)
        self.form.rows["risk_class"].editor.setEnabled(not bpu)
        if bpu:
            self.form.rows["risk_class"].set_text("1")
        self.revalidate()

    def draft(self) -> EnrollmentDraft:
        values = self.form.values()
        return EnrollmentDraft(**{attr: values[field] for field, attr in _ATTRIBUTES.items()})

    def _check(self) -> tuple[EnrollmentData | None, dict[str, str], RateSet]:
        draft = self.draft()
        rates = rates_for(self._rows, draft.start, self._today())
        data, errors = enrollment_errors(draft, rates, self._worker_end)
        for field, message in self.current_service_errors().items():
            errors.setdefault(field, message)
        return (None if errors else data), errors, rates

    def revalidate(self) -> None:
        data, errors, rates = self._check()
        self.form.show_errors(errors, self._hints(errors))
        self.preview.setText(self._monthly(data, rates))
        self.save_button.setEnabled(not errors and not self.saving)
        if not self.saving:
            touched = any(self.form.rows[f].touched for f in errors if f in self.form.rows)
            self.set_footer(missing_summary(errors), error=touched)

    def _hints(self, errors: dict[str, str]) -> dict[str, str]:
        values = self.form.values()
        hints: dict[str, str] = {}
        if "start" not in errors and values["start"].strip():
            hints["start"] = show_date(parse_date(values["start"]))
        if "wage" not in errors and values["wage"].strip():
            wage = show_money(parse_rupiah(values["wage"], field="wage"))
            hints["wage"] = self.tr("%1 per bulan").replace("%1", wage)
        if "programs" not in errors:
            programmes = frozenset(Programme(p) for p in values["programs"].split(",") if p)
            terms = Terms(Segment(values["segment"]), programmes, 0, Payer.APBDES)
            if jkp_entitled(terms):
                hints["programs"] = self.tr("JKP (otomatis): tanpa iuran tambahan")
        return hints

    def _monthly(self, data: EnrollmentData | None, rates: RateSet) -> str:
        """The month's contribution these terms cost, as a preview before saving."""
        if data is None:
            return ""
        terms = Terms(data.segment, data.programmes, data.wage, data.payer, data.risk_class)
        try:
            month = compute_month(terms, Period.of(data.start), rates)
        except DomainError:
            return ""
        return self.tr("Iuran per bulan: %1").replace("%1", show_money(month.total))

    def save_job(self) -> Callable[[], Any] | None:
        self.revalidate()
        if not self.save_button.isEnabled():
            return None
        draft, save = self.draft(), self._save
        if self._period is not None:
            status = self._period.status
        else:
            status = EnrollmentStatus(self.form.rows["status"].text())
        return lambda: save(draft, status)
