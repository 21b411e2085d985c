"""End a worker's membership, or a coverage period: the date and the reason (died, moved...)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.categories import EndReason
from app.domain.errors import DomainError
from app.domain.formatting import parse_date
from app.ui.dialogs.base import FormDialog
from app.ui.errors import field_message
from app.ui.forms import choice_combo, date_edit, missing_summary, new_form_layout
from app.ui.labels import form_date, label, show_date

EndMembership = Callable[[date, EndReason], object]


class EndMembershipDialog(FormDialog):
    """`end(on, reason)` runs on a pool thread (register.end for one worker)."""

    def __init__(
        self,
        *,
        worker_name: str,
        end: EndMembership,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._end = end
        self.setWindowTitle(self.tr("Akhiri keanggotaan"))
        self.setObjectName("EndMembershipDialog")
        text = self.tr(
            "Keanggotaan %1 diakhiri. Datanya tetap ada di register dengan status Berhenti."
        ).replace("%1", worker_name)
        self._build(text, self.tr("Tanggal berhenti"), today)

    def _build(self, intro_text: str, date_caption: str, today: date) -> None:
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        layout = new_form_layout()
        self.form.add(layout, "date", date_edit(), date_caption)
        reasons = ((r.value, label(r)) for r in EndReason)
        self.form.add(layout, "reason", choice_combo(reasons, self.tr("— pilih —")))
        self.form.rows["date"].set_text(form_date(today))
        outer = self.main_layout(480)
        outer.addWidget(intro)
        outer.addLayout(layout)
        outer.addLayout(self.button_row())
        self.form.on_change(self.revalidate)
        self.revalidate()

    def _check(self) -> tuple[dict[str, str], date | None, EndReason | None]:
        values = self.form.values()
        errors: dict[str, str] = {}
        on: date | None = None
        try:
            on = parse_date(values["date"], field="date")
        except DomainError as exc:
            errors["date"] = field_message(exc)
        reason = EndReason(values["reason"]) if values["reason"] else None
        if reason is None:
            errors["reason"] = self.tr("Pilih alasan berhenti")
        for field, message in self.current_service_errors().items():
            errors.setdefault(field, message)
        return errors, on, reason

    def revalidate(self) -> None:
        errors, on, _reason = self._check()
        hints = {"date": show_date(on)} if on else {}
        self.form.show_errors(errors, hints)
        self.save_button.setEnabled(not errors and not self.saving)
        if not self.saving:
            self.set_footer(missing_summary(errors))

    def save_job(self) -> Callable[[], Any] | None:
        errors, on, reason = self._check()
        self.revalidate()
        if errors or on is None or reason is None:
            return None
        end = self._end
        return lambda: end(on, reason)


class EndEnrollmentDialog(EndMembershipDialog):
    """End a worker's running coverage period: `end(on, reason)` is enrollments.end."""

    def __init__(
        self,
        *,
        worker_name: str,
        end: EndMembership,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        FormDialog.__init__(self, parent)
        self._end = end
        self.setWindowTitle(self.tr("Akhiri kepesertaan"))
        self.setObjectName("EndEnrollmentDialog")
        text = self.tr(
            "Kepesertaan BPJS %1 diakhiri pada tanggal ini (hari terakhir yang dilindungi). "
            "Bulan sesudahnya tidak ditagih lagi."
        ).replace("%1", worker_name)
        self._build(text, self.tr("Tanggal berakhir"), today)
