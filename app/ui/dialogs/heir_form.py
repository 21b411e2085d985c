"""Add or edit one heir (ahli waris): name, relation, NIK, birth date, phone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from app.domain.categories import HeirRelation
from app.domain.errors import DomainError
from app.domain.formatting import parse_date
from app.domain.heir import HeirDraft, validate_heir
from app.services.dto import HeirInfo
from app.ui.dialogs.base import FormDialog
from app.ui.errors import field_message
from app.ui.forms import choice_combo, date_edit, line_edit, missing_summary, new_form_layout
from app.ui.labels import form_date, label, show_date

SaveHeir = Callable[[HeirDraft], HeirInfo]

# Form field (the domain's error field) -> HeirDraft attribute, and a value that always passes,
# used to look past the first error: validate_heir stops at the first broken rule.
_FIELDS = {
    "heir_name": ("name", "Ahli Waris"),
    "relation": ("relation", HeirRelation.OTHER.value),
    "heir_birth_date": ("birth_date", ""),
    "heir_nik": ("nik", ""),
    "heir_phone": ("phone", ""),
}


def heir_errors(draft: HeirDraft, today: date) -> dict[str, str]:
    """Every field's error, not only the first one the domain meets."""
    errors: dict[str, str] = {}
    for _ in _FIELDS:
        try:
            validate_heir(draft, today=today)
        except DomainError as exc:
            if exc.field not in _FIELDS or exc.field in errors:
                errors.setdefault(exc.field, field_message(exc))
                break
            errors[exc.field] = field_message(exc)
            attribute, passing = _FIELDS[exc.field]
            draft = replace(draft, **{attribute: passing})
        else:
            break
    return errors


class HeirFormDialog(FormDialog):
    """`save` runs on a pool thread (heirs.add for a worker, or heirs.edit for an heir)."""

    def __init__(
        self,
        *,
        save: SaveHeir,
        today: Callable[[], date],
        heir: HeirInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._today = today
        self.setWindowTitle(self.tr("Ubah ahli waris") if heir else self.tr("Tambah ahli waris"))
        self.setObjectName("HeirFormDialog")
        layout = new_form_layout()
        add = self.form.add
        add(layout, "heir_name", line_edit(self.tr("seperti tertulis di KK"), 120), self.tr("Nama"))
        relations = ((r.value, label(r)) for r in HeirRelation)
        add(layout, "relation", choice_combo(relations, self.tr("— pilih —")))
        add(layout, "heir_nik", line_edit(self.tr("16 angka, bila ada"), 24), self.tr("NIK"))
        add(layout, "heir_birth_date", date_edit(), self.tr("Tanggal lahir"))
        add(layout, "heir_phone", line_edit(self.tr("mis. 0812 3456 7890"), 20), self.tr("No. HP"))
        if heir is not None:
            self._fill(heir)
        outer = self.main_layout(520)
        outer.addLayout(layout)
        outer.addLayout(self.button_row())
        self.form.on_change(self.revalidate)
        self.revalidate()

    def _fill(self, heir: HeirInfo) -> None:
        values = {
            "heir_name": heir.name,
            "relation": heir.relation.value,
            "heir_nik": heir.nik or "",
            "heir_birth_date": form_date(heir.birth_date),
            "heir_phone": heir.phone or "",
        }
        for name, value in values.items():
            self.form.rows[name].set_text(value)
        self.form.touch_all()

    def draft(self) -> HeirDraft:
        values = self.form.values()
        return HeirDraft(**{attr: values[field] for field, (attr, _ok) in _FIELDS.items()})

    def revalidate(self) -> None:
        errors = heir_errors(self.draft(), self._today())
        for field, message in self.current_service_errors().items():
            errors.setdefault(field, message)
        hints: dict[str, str] = {}
        born = self.form.rows["heir_birth_date"].text()
        if born.strip() and "heir_birth_date" not in errors:
            hints["heir_birth_date"] = show_date(parse_date(born))
        self.form.show_errors(errors, hints)
        self.save_button.setEnabled(not errors and not self.saving)
        if not self.saving:
            self.set_footer(missing_summary(errors))

    def save_job(self) -> Callable[[], Any] | None:
        self.revalidate()
        if not self.save_button.isEnabled():
            return None
        draft, save = self.draft(), self._save
        return lambda: save(draft)
