"""Factories for UI tests: valid worker drafts with real NIKs (no mocks, no fixture files)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.config import resolve_paths
from app.domain.enrollment import EnrollmentDraft
from app.domain.village import VillageData, validate_village
from app.domain.worker import WorkerDraft
from app.services.context import AppContext

TODAY = date(2026, 11, 21)
BIG_REGISTER_SIZE = 6000
REGION = "352101"  # Ngawi, Kec. Ngawi
FIRST_NAMES = ("Agus", "Budi", "Dewi", "Eko", "Fitri", "Hadi", "Indah", "Joko", "Kartini",
               "Lestari", "Mulyono", "Nur", "Purwanto", "Rina", "Slamet", "Tri", "Wahyu",
               "Yanti")  # fmt: skip
LAST_NAMES = ("Santoso", "Wibowo", "Lestari", "Saputra", "Rahayu", "Setiawan", "Hidayat",
              "Kusuma", "Pratama", "Wulandari", "Susanto", "Nugroho")  # fmt: skip
WOMEN = frozenset({"Dewi", "Fitri", "Indah", "Kartini", "Lestari", "Rina", "Yanti"})


def nik_for(born: date, *, female: bool, serial: int, region: str = REGION) -> str:
    """PPKKCC + DDMMYY (day + 40 for women) + 4-digit serial."""
    day = born.day + 40 if female else born.day
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def make_worker(
    serial: int,
    *,
    name: str | None = None,
    female: bool | None = None,
    born: date | None = None,
    category: str = "perangkat_desa",
    **fields: str,
) -> WorkerDraft:
    """A valid worker; `serial` (1..9999) makes the NIK unique."""
    first = FIRST_NAMES[serial % len(FIRST_NAMES)]
    last = LAST_NAMES[(serial // len(FIRST_NAMES)) % len(LAST_NAMES)]
    full_name = name or f"{first} {last}"
    is_female = (first in WOMEN) if female is None else female
    birth = born or date(1960 + serial % 40, 1 + (serial // 40) % 12, 1 + (serial // 480) % 28)
    return WorkerDraft(
        nik=nik_for(birth, female=is_female, serial=serial),
        name=full_name,
        birth_date=birth.isoformat(),
        sex="P" if is_female else "L",
        category=category,
        **fields,
    )


# The set-up dialog's fields, filled as an office would.
VILLAGE_FORM = {
    "village_code": "35.21.01.2001",
    "village_name": "Sukamaju",
    "kecamatan": "Ngawi",
    "kabupaten": "Ngawi",
    "province": "Jawa Timur",
    "head": "Bambang Sutrisno",
    "secretary": "Siti Aminah",
}


def sukamaju() -> VillageData:
    return validate_village(
        code="35.21.01.2001",
        name="Sukamaju",
        kecamatan="Ngawi",
        kabupaten="Ngawi",
        province="Jawa Timur",
        head_name="Bambang Sutrisno",
        secretary_name="Siti Aminah",
    )


def _today() -> date:
    return TODAY


def open_context(data_dir: Path) -> AppContext:
    """The real services over a real SQLite file (created and migrated when new)."""
    return AppContext.open(resolve_paths(data_dir), today=_today)


def pu_terms(**fields: str) -> EnrollmentDraft:
    """A PU JKK+JKM period on the perangkat siltap from APBDes, from 1 January 2026:
    Rp4.853 + Rp6.067 = Rp10.920 a month."""
    values = {"segment": "PU", "programmes": "JKK,JKM", "wage": "2022200", "payer": "apbdes",
              "start": "2026-01-01"}  # fmt: skip
    return EnrollmentDraft(**{**values, **fields})


def bpu_terms(**fields: str) -> EnrollmentDraft:
    """A BPU JKK+JKM period on the lowest bracket paid by the kabupaten: Rp16.800 a month."""
    return pu_terms(**{"segment": "BPU", "wage": "1000000", "payer": "apbd", **fields})
