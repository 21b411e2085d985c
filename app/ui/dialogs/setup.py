"""First run: the village office describes itself (Kemendagri code, region names, officials).

The fields and their validation are shared with the Pengaturan page's village profile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.domain.errors import DomainError
from app.domain.village import VillageData, validate_village
from app.services.dto import VillageInfo
from app.ui.dialogs.base import FormDialog
from app.ui.errors import field_message
from app.ui.forms import Form, line_edit, new_form_layout

SetUpVillage = Callable[[VillageData], VillageInfo]

# Form field (the domain's error field) -> keyword of validate_village.
_KEYWORDS = {
    "village_code": "code",
    "village_name": "name",
    "kecamatan": "kecamatan",
    "kabupaten": "kabupaten",
    "province": "province",
    "head": "head_name",
    "secretary": "secretary_name",
    "address": "address",
}


def add_village_fields(form: Form, layout: QFormLayout, *, address: bool = False) -> None:
    """The profile's fields, in the order validate_village checks them."""
    add = form.add
    code_hint = QCoreApplication.translate(
        "VillageSetupDialog", "PP.KK.CC.DDDD, mis. 35.21.01.2001"
    )
    add(layout, "village_code", line_edit(code_hint, 13))
    add(
        layout,
        "village_name",
        line_edit(QCoreApplication.translate("VillageSetupDialog", "mis. Sukamaju"), 120),
    )
    add(layout, "kecamatan", line_edit(max_length=120))
    add(layout, "kabupaten", line_edit(max_length=120))
    add(layout, "province", line_edit(max_length=120))
    later = QCoreApplication.translate("VillageSetupDialog", "boleh diisi nanti")
    add(layout, "head", line_edit(later, 120))
    operator = QCoreApplication.translate("VillageSetupDialog", "dipakai sebagai nama operator")
    add(layout, "secretary", line_edit(operator, 120))
    if address:
        office = QCoreApplication.translate(
            "VillageSetupDialog", "alamat kantor desa, boleh kosong"
        )
        add(layout, "address", line_edit(office, 120))


def village_values(village: VillageInfo) -> dict[str, str]:
    """A stored profile as the form's texts."""
    return {
        "village_code": village.code, "village_name": village.name,
        "kecamatan": village.kecamatan, "kabupaten": village.kabupaten,
        "province": village.province, "head": village.head_name or "",
        "secretary": village.secretary_name or "", "address": village.address or "",
    }  # fmt: skip


def check_village(values: dict[str, str]) -> tuple[VillageData | None, dict[str, str]]:
    """The domain checks the fields in form order and stops at the first broken rule."""
    try:
        data = validate_village(
            **{kw: values[field] for field, kw in _KEYWORDS.items() if field in values}
        )
    except DomainError as exc:
        return None, {exc.field: field_message(exc)}
    return data, {}


class VillageSetupDialog(FormDialog):
    """`set_up` runs on a pool thread (village.set_up); `saved` carries the VillageInfo."""

    def __init__(self, *, set_up: SetUpVillage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._set_up = set_up
        self.setObjectName("VillageSetupDialog")
        self.setWindowTitle(self.tr("Payung Desa - Siapkan desa"))
        heading = QLabel(self.tr("Siapkan kantor desa"))
        heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        intro = QLabel(
            self.tr(
                "Selamat datang. Isi data kantor desa sekali saja; semua data tersimpan di "
                "komputer ini dan tetap bisa dipakai tanpa internet."
            )
        )
        intro.setWordWrap(True)
        layout = new_form_layout()
        add_village_fields(self.form, layout)
        outer = self.main_layout(560)
        outer.addWidget(heading)
        outer.addWidget(intro)
        outer.addSpacing(8)
        outer.addLayout(layout)
        outer.addLayout(self.button_row())
        self.form.on_change(self.revalidate)
        self.revalidate()
        self.form.focus("village_code")

    def _validate(self) -> tuple[VillageData | None, dict[str, str]]:
        return check_village(self.form.values())

    def revalidate(self) -> None:
        _data, errors = self._validate()
        for field, message in self.current_service_errors().items():
            errors.setdefault(field, message)
        self.form.show_errors(errors)
        if not self.saving:
            self.set_footer("")

    def save_job(self) -> Callable[[], Any] | None:
        data, errors = self._validate()
        self.revalidate()
        if data is None:
            self.form.focus(next(iter(errors)))
            return None
        set_up = self._set_up
        return lambda: set_up(data)
