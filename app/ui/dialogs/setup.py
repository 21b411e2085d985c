"""The village profile's fields (Kemendagri code, region names, officials) and their checks,
shared by the first-run wizard (app.ui.first_run) and the Pengaturan page.

The translation context stays "VillageSetupDialog", the name of the dialog these fields were
first written for, so the existing translations keep applying.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout

from app.domain.errors import DomainError
from app.domain.village import VillageData, validate_village
from app.services.dto import VillageInfo
from app.ui.errors import field_message
from app.ui.forms import Form, line_edit

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


def village_placeholders() -> dict[str, str]:
    """Hints shown in the empty fields, in the window's language (read again on a switch)."""
    later = QCoreApplication.translate("VillageSetupDialog", "boleh diisi nanti")
    return {
        "village_code": QCoreApplication.translate(
            "VillageSetupDialog", "PP.KK.CC.DDDD, mis. 35.21.01.2001"
        ),
        "village_name": QCoreApplication.translate("VillageSetupDialog", "mis. Sukamaju"),
        "head": later,
        "secretary": QCoreApplication.translate(
            "VillageSetupDialog", "dipakai sebagai nama operator"
        ),
        "address": QCoreApplication.translate(
            "VillageSetupDialog", "alamat kantor desa, boleh kosong"
        ),
    }


def add_village_fields(form: Form, layout: QFormLayout, *, address: bool = False) -> None:
    """The profile's fields, in the order validate_village checks them."""
    hints = village_placeholders()
    names = ["village_code", "village_name", "kecamatan", "kabupaten", "province", "head",
             "secretary"] + (["address"] if address else [])  # fmt: skip
    for name in names:
        form.add(
            layout, name, line_edit(hints.get(name, ""), 13 if name == "village_code" else 120)
        )


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
