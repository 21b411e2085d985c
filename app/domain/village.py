"""Validation of a village office's profile."""

from __future__ import annotations

from dataclasses import dataclass, fields

from app.domain.errors import InvalidField
from app.domain.identity import parse_village_code

_LABELS = {
    "village_name": "nama desa",
    "kecamatan": "kecamatan",
    "kabupaten": "kabupaten",
    "province": "provinsi",
}


@dataclass(frozen=True, slots=True)
class VillageData:
    code: str
    name: str
    kecamatan: str
    kabupaten: str
    province: str
    head_name: str | None = None
    secretary_name: str | None = None
    address: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _required(raw: str, field: str) -> str:
    text = " ".join(raw.split())
    if not text:
        raise InvalidField(field, f"{_LABELS[field]} wajib diisi")
    if len(text) > 120:
        raise InvalidField(field, f"{_LABELS[field]} terlalu panjang (paling banyak 120 huruf)")
    return text


def _optional(raw: str | None, field: str) -> str | None:
    text = " ".join((raw or "").split())
    if len(text) > 120:
        raise InvalidField(field, "terlalu panjang (paling banyak 120 huruf)")
    return text or None


def validate_village(
    *,
    code: str,
    name: str,
    kecamatan: str,
    kabupaten: str,
    province: str,
    head_name: str | None = None,
    secretary_name: str | None = None,
    address: str | None = None,
) -> VillageData:
    return VillageData(
        code=parse_village_code(code),
        name=_required(name, "village_name"),
        kecamatan=_required(kecamatan, "kecamatan"),
        kabupaten=_required(kabupaten, "kabupaten"),
        province=_required(province, "province"),
        head_name=_optional(head_name, "head"),
        secretary_name=_optional(secretary_name, "secretary"),
        address=_optional(address, "address"),
    )
