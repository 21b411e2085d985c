"""Validation of a worker's fields: what a form, the CLI or an import typed, in, clean data out.

Field names are the CLI option names (`nik`, `name`, `birth_date`, ...) so every front end can
point at the exact input that is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import TypeVar

from app.domain.categories import Category, MaritalStatus, Sex
from app.domain.errors import DomainError, InvalidField
from app.domain.formatting import parse_date
from app.domain.identity import parse_kk, parse_kpj, parse_nik

E = TypeVar("E", Sex, Category, MaritalStatus)

NAME_MAX = 120
TEXT_MAX = 200
OLDEST_BIRTH_YEAR = 1900
YOUNGEST_AGE = 10  # nobody younger works in a village post; a guard against typos in the year


@dataclass(frozen=True, slots=True)
class WorkerDraft:
    """What the user typed, as text. Empty string means 'not given'."""

    nik: str = ""
    name: str = ""
    birth_date: str = ""
    sex: str = ""
    category: str = ""
    birth_place: str = ""
    position: str = ""
    phone: str = ""
    address: str = ""
    dusun: str = ""
    rt: str = ""
    rw: str = ""
    mother_name: str = ""
    no_kk: str = ""
    kpj: str = ""
    marital_status: str = ""


@dataclass(frozen=True, slots=True)
class WorkerData:
    """Checked and normalised worker fields, ready to store."""

    nik: str
    name: str
    birth_date: date
    sex: Sex
    category: Category
    birth_place: str | None = None
    position: str | None = None
    phone: str | None = None
    address: str | None = None
    dusun: str | None = None
    rt: str | None = None
    rw: str | None = None
    mother_name: str | None = None
    no_kk: str | None = None
    kpj: str | None = None
    marital_status: MaritalStatus | None = None

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _name(raw: str, field: str, what: str, *, required: bool) -> str | None:
    text = " ".join(raw.split())
    if not text:
        if required:
            raise InvalidField(field, f"{what} wajib diisi")
        return None
    if len(text) > NAME_MAX:
        raise InvalidField(field, f"{what} terlalu panjang (paling banyak {NAME_MAX} huruf)")
    if any(ch.isdigit() for ch in text):
        raise InvalidField(field, f"{what} tidak boleh berisi angka; tulis nama seperti di KTP")
    return text


def _text(raw: str, field: str, what: str) -> str | None:
    text = " ".join(raw.split())
    if len(text) > TEXT_MAX:
        raise InvalidField(field, f"{what} terlalu panjang (paling banyak {TEXT_MAX} huruf)")
    return text or None


def normalize_phone(raw: str, *, field: str = "phone") -> str | None:
    """Indonesian numbers, stored as typed digits starting with 0 (text: the leading 0 matters)."""
    digits = re.sub(r"[\s.\-()]", "", raw)
    if not digits:
        return None
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62") and len(digits) > 10:
        digits = "0" + digits[2:]
    if not digits.isascii() or not digits.isdigit() or not digits.startswith("0"):
        raise InvalidField(field, "nomor HP hanya angka dan diawali 0 atau +62, misalnya 0812...")
    if not 9 <= len(digits) <= 14:
        raise InvalidField(field, "nomor HP harus 9 sampai 14 angka; periksa kembali")
    return digits


def normalize_rt_rw(raw: str, *, field: str) -> str | None:
    text = raw.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 999:
        label = field.upper()
        raise InvalidField(field, f"{label} harus angka 1 sampai 999, misalnya 001")
    return f"{int(text):03d}"


def _birth_date(raw: str, today: date) -> date:
    if not raw.strip():
        raise InvalidField("birth_date", "tanggal lahir wajib diisi (YYYY-MM-DD)")
    born = parse_date(raw, field="birth_date")
    if born.year < OLDEST_BIRTH_YEAR or born > today:
        raise InvalidField("birth_date", "tanggal lahir tidak masuk akal; periksa tahunnya")
    if (today.year - born.year) < YOUNGEST_AGE:
        raise InvalidField(
            "birth_date", f"umur kurang dari {YOUNGEST_AGE} tahun; periksa tahun lahir"
        )
    return born


def _choice(enum: type[E], raw: str, field: str, what: str, *, required: bool) -> E | None:
    text = raw.strip()
    if not text:
        if required:
            raise InvalidField(field, f"{what} wajib dipilih")
        return None
    lowered = text.lower()
    for member in enum:
        if lowered in (member.value.lower(), member.label.lower()):
            return member
    codes = ", ".join(m.value for m in enum)
    raise InvalidField(field, f"{what} '{text}' tidak dikenal; pilih salah satu: {codes}")


_STEPS = (
    "name", "birth_date", "sex", "nik", "category", "birth_place", "position", "phone",
    "address", "dusun", "rt", "rw", "mother_name", "no_kk", "kpj", "marital_status",
)  # fmt: skip


def check_worker(draft: WorkerDraft, *, today: date) -> tuple[WorkerData | None, list[DomainError]]:
    """Check every field; return clean data, or None and every error (for live form feedback)."""
    values: dict[str, object] = {}
    errors: list[DomainError] = []
    for step in _STEPS:
        try:
            values[step] = _check_one(step, draft, values, today)
        except DomainError as exc:
            errors.append(exc)
    if errors:
        return None, errors
    return WorkerData(**values), []  # type: ignore[arg-type]


def validate_worker(draft: WorkerDraft, *, today: date) -> WorkerData:
    """Like check_worker, raising the first error (for the CLI and imports)."""
    data, errors = check_worker(draft, today=today)
    if errors:
        raise errors[0]
    assert data is not None
    return data


def _check_one(  # noqa: PLR0911 - one flat dispatch reads better than a table of lambdas
    step: str, d: WorkerDraft, seen: dict[str, object], today: date
) -> object:
    match step:
        case "name":
            return _name(d.name, "name", "nama", required=True)
        case "birth_date":
            return _birth_date(d.birth_date, today)
        case "sex":
            return _choice(Sex, d.sex, "sex", "jenis kelamin (L/P)", required=True)
        case "nik":
            born = seen.get("birth_date")
            sex = seen.get("sex")
            nik = parse_nik(
                d.nik,
                birth_date=born if isinstance(born, date) else None,
                sex=sex if isinstance(sex, Sex) else None,
            )
            return nik.value
        case "category":
            return _choice(Category, d.category, "category", "kategori", required=True)
        case "mother_name":
            return _name(d.mother_name, "mother_name", "nama ibu kandung", required=False)
        case "phone":
            return normalize_phone(d.phone)
        case "rt" | "rw":
            return normalize_rt_rw(getattr(d, step), field=step)
        case "no_kk":
            return parse_kk(d.no_kk) if d.no_kk.strip() else None
        case "kpj":
            return parse_kpj(d.kpj) if d.kpj.strip() else None
        case "marital_status":
            return _choice(
                MaritalStatus, d.marital_status, "marital_status", "status kawin", required=False
            )
        case _:
            labels = {"birth_place": "tempat lahir", "position": "jabatan", "address": "alamat",
                      "dusun": "dusun"}  # fmt: skip
            return _text(getattr(d, step), step, labels[step])
