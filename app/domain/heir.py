"""Validation of an heir (ahli waris)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from app.domain.categories import HeirRelation
from app.domain.errors import InvalidField
from app.domain.formatting import parse_date
from app.domain.identity import parse_nik
from app.domain.worker import NAME_MAX, normalize_phone


@dataclass(frozen=True, slots=True)
class HeirDraft:
    name: str = ""
    relation: str = ""
    nik: str = ""
    birth_date: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class HeirData:
    name: str
    relation: HeirRelation
    nik: str | None
    birth_date: date | None
    phone: str | None

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def validate_heir(draft: HeirDraft, *, today: date) -> HeirData:
    name = " ".join(draft.name.split())
    if not name:
        raise InvalidField("heir_name", "nama ahli waris wajib diisi")
    if len(name) > NAME_MAX or any(ch.isdigit() for ch in name):
        raise InvalidField("heir_name", "nama ahli waris tidak sah; tulis seperti di KTP/KK")
    relation_text = draft.relation.strip().lower()
    relation = next((r for r in HeirRelation if relation_text in (r.value, r.label.lower())), None)
    if relation is None:
        codes = ", ".join(r.value for r in HeirRelation)
        raise InvalidField("relation", f"hubungan ahli waris wajib dipilih: {codes}")
    born: date | None = None
    if draft.birth_date.strip():
        born = parse_date(draft.birth_date, field="heir_birth_date")
        if born > today or born.year < 1900:
            raise InvalidField(
                "heir_birth_date", "tanggal lahir ahli waris tidak masuk akal; periksa tahunnya"
            )
    nik = None
    if draft.nik.strip():
        nik = parse_nik(draft.nik, birth_date=born, field="heir_nik").value
    return HeirData(
        name=name,
        relation=relation,
        nik=nik,
        birth_date=born,
        phone=normalize_phone(draft.phone, field="heir_phone"),
    )
