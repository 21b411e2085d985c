"""Documents for the PDF tests, valid by default, every field overridable."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from app.documents.pdf import Letterhead, RecapDoc, RecapGroup, RecapLine, ReceiptDoc
from app.domain.categories import Category, Sex
from app.domain.contribution import Terms, compute_month
from app.domain.period import Period
from app.domain.rates import Payer, Programme, Segment
from app.domain.receipt import verification_code
from app.resources import resource_dir
from tests.factories_contrib import rates_on

FONTS = resource_dir() / "fonts"
ISSUED = date(2026, 11, 21)
NOV = Period(2026, 11)


def make_letterhead(**overrides: Any) -> Letterhead:
    fields: dict[str, Any] = {
        "code": "35.21.01.2001", "name": "Sukamaju", "kecamatan": "Paron", "kabupaten": "Ngawi",
        "province": "Jawa Timur", "address": "Jl. Raya Sukamaju No. 1", "head_name": "Suparman",
        "secretary_name": "Sri Wahyuni",
    }  # fmt: skip
    fields.update(overrides)
    return Letterhead(**fields)


def make_receipt_doc(n: int = 1, **overrides: Any) -> ReceiptDoc:
    """Receipt number n of device A7F3; PU JKK+JKM+JHT on the minimum perangkat siltap."""
    segment = overrides.pop("segment", Segment.PU)
    programmes = overrides.pop(
        "programmes", frozenset({Programme.JKK, Programme.JKM, Programme.JHT})
    )
    wage = overrides.pop("wage", 2_022_200 if segment is Segment.PU else 1_000_000)
    payer = overrides.pop("payer", Payer.APBDES)
    number = overrides.pop("number", f"3521012001-A7F3-{n:06d}")
    nik = overrides.pop("nik", "3521014505800001")
    month = compute_month(Terms(segment, programmes, wage, payer), NOV, rates_on(NOV.first_day))
    fields: dict[str, Any] = {
        "number": number, "verification_code": verification_code(number, nik, ISSUED),
        "issued_on": ISSUED, "name": "Siti Aminah", "nik": nik, "birth_place": "Ngawi",
        "birth_date": date(1980, 5, 5), "sex": Sex.P, "category": Category.KADER_POSYANDU,
        "position": "Kader Posyandu Mawar", "kpj": None, "segment": segment,
        "programmes": programmes, "wage": wage, "start": date(2026, 11, 1), "payer": payer,
        "month": month,
    }  # fmt: skip
    fields.update(overrides)
    return ReceiptDoc(**fields)


def make_recap_line(n: int, **overrides: Any) -> RecapLine:
    fields: dict[str, Any] = {
        "nik": f"352101050575{n:04d}", "name": f"Peserta Nomor {n}", "segment": Segment.PU,
        "wage": 2_022_200, "amounts": {"JKK": 4_853, "JKM": 6_067}, "total": 10_920,
    }  # fmt: skip
    fields.update(overrides)
    return RecapLine(**fields)


def make_recap_doc(**overrides: Any) -> RecapDoc:
    """APBDes: two PU lines; DBHCHT: one BPU line; draft unless `locked=True`."""
    groups = (
        RecapGroup(
            Payer.APBDES,
            (
                make_recap_line(1, name="Budi Santoso", nik="3521011708750002"),
                make_recap_line(
                    2,
                    name="Agus Setiawan",
                    nik="3521010101700003",
                    amounts={"JKK": 4_853, "JKM": 6_067, "JHT": 115_265},
                    total=126_185,
                ),
            ),
            paid=0,
        ),
        RecapGroup(
            Payer.DBHCHT,
            (
                make_recap_line(
                    3,
                    name="Siti Aminah",
                    nik="3521014505800001",
                    segment=Segment.BPU,
                    wage=1_000_000,
                    amounts={"JKK": 10_000, "JKM": 6_800},
                    total=16_800,
                ),
            ),
            paid=16_800,
        ),
    )
    fields: dict[str, Any] = {
        "period": NOV, "locked": False, "groups": groups, "printed_on": ISSUED,
    }  # fmt: skip
    fields.update(overrides)
    return RecapDoc(**fields)


def with_lines(doc: RecapDoc, count: int) -> RecapDoc:
    """One APBDes group of `count` PU lines (for page breaks)."""
    lines = tuple(make_recap_line(n) for n in range(1, count + 1))
    return dataclasses.replace(doc, groups=(RecapGroup(Payer.APBDES, lines, paid=0),))


def write(path: Path, render: Any, *args: Any, **kwargs: Any) -> Path:
    with path.open("wb") as fh:
        render(*args, fh, fonts=FONTS, **kwargs)
    return path
