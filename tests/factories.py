"""Factories for test data: valid by default, every field overridable.

`make_worker_draft()` builds a NIK that agrees with the draft's birth date and sex (DOMAIN.md
section 6: PPKKCC DDMMYY SSSS, day + 40 for women) with a serial that is new on every call,
so any number of drafts can go into one register without a duplicate NIK.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from app.domain.errors import InvalidField, InvalidNik
from app.domain.formatting import parse_date
from app.domain.heir import HeirDraft
from app.domain.identity import parse_nik
from app.domain.village import VillageData, validate_village
from app.domain.worker import WorkerDraft

REGION = "352101"  # Jawa Timur, Ngawi, kecamatan 01
VILLAGE_CODE = "35.21.01.2001"
SECRETARY = "Sri Wahyuni"
TODAY = date(2026, 11, 21)

NAMES = (
    "Siti Aminah", "Budi Santoso", "Sri Rahayu", "Agus Setiawan", "Dewi Lestari",
    "Slamet Riyadi", "Nur Hidayah", "Bambang Sugiarto", "Endang Susilowati", "Joko Purnomo",
    "Wahyu Hidayat", "Ani Suryani", "Eko Prasetyo", "Tri Wulandari", "Heru Kurniawan",
)  # fmt: skip

_calls = itertools.count()


def next_serial() -> int:
    """1..9999, different on consecutive calls (NIK serials never are 0000)."""
    return next(_calls) % 9999 + 1


def make_nik(
    birth_date: date, sex: str = "L", *, serial: int | None = None, region: str = REGION
) -> str:
    """A NIK that is valid for this birth date and sex ('L' or 'P')."""
    day = birth_date.day + (40 if sex == "P" else 0)
    number = next_serial() if serial is None else serial
    return f"{region}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{number:04d}"


def _sex_code(text: str) -> str:
    return "P" if text.strip().upper() in {"P", "PEREMPUAN"} else "L"


def _identity_of(nik: str) -> dict[str, str]:
    """Birth date and sex that agree with a given NIK (nothing when it is not a valid NIK)."""
    try:
        parsed = parse_nik(nik)
    except InvalidNik:
        return {}
    return {"birth_date": parsed.birth_date(today=TODAY).isoformat(), "sex": parsed.sex.value}


def make_worker_draft(**overrides: str) -> WorkerDraft:
    """A valid draft. A NIK is built from the (possibly overridden) birth date and sex; a given
    NIK sets the birth date and sex it encodes unless those are overridden too."""
    n = next(_calls)
    default_birth = date(1965, 1, 1) + timedelta(days=(n * 211) % 14000)
    fields: dict[str, str] = {
        "name": NAMES[n % len(NAMES)],
        "birth_date": default_birth.isoformat(),
        "sex": "P" if n % 2 else "L",
        "category": "perangkat_desa",
    }
    if "nik" in overrides:
        fields.update(_identity_of(overrides["nik"]))
    fields.update(overrides)
    if "nik" not in overrides:
        try:
            born = parse_date(fields["birth_date"])
        except InvalidField:  # a test of a bad birth date: the NIK alone stays well-formed
            born = default_birth
        fields["nik"] = make_nik(born, _sex_code(fields["sex"]), serial=n % 9999 + 1)
    return WorkerDraft(**fields)


# Every optional field given, as a secretary would type them (separators, +62, short RT).
FULL_EXTRAS: dict[str, str] = {
    "birth_place": "Ngawi",
    "position": "Kaur Keuangan",
    "phone": "+62 812-3456-7890",
    "address": "Jl. Raya Sukamaju No. 5",
    "dusun": "Krajan",
    "rt": "3",
    "rw": "12",
    "mother_name": "Suminah",
    "no_kk": "3521.0112.3456.0001",
    "kpj": "123-4567-8901",
    "marital_status": "kawin",
}


def make_full_worker_draft(**overrides: str) -> WorkerDraft:
    return make_worker_draft(**{**FULL_EXTRAS, **overrides})


def make_heir_draft(**overrides: str) -> HeirDraft:
    fields = {"name": "Ahmad Fauzi", "relation": "child", "birth_date": "2001-03-04"}
    fields.update(overrides)
    return HeirDraft(**fields)


def make_village(**overrides: str | None) -> VillageData:
    fields: dict[str, str | None] = {
        "code": VILLAGE_CODE,
        "name": "Sukamaju",
        "kecamatan": "Ngawi",
        "kabupaten": "Ngawi",
        "province": "Jawa Timur",
        "head_name": "Suparman",
        "secretary_name": SECRETARY,
    }
    fields.update(overrides)
    return validate_village(**fields)  # type: ignore[arg-type]
