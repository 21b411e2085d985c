"""Indonesian (and English) formatting of dates and money, independent of the PC's locale.

Never use `locale`, `strftime('%B')` or Qt's system locale for these: village PCs are often set
to English or to a wrong region, and the printed papers must read the same everywhere.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from app.domain.errors import InvalidField
from app.domain.period import Period

Language = Literal["id", "en"]

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# Common short and old spellings seen in village spreadsheets.
_MONTH_ALIASES: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTHS_ID, 1)},
    **{name.lower(): i for i, name in enumerate(MONTHS_EN, 1)},
    **{name.lower()[:3]: i for i, name in enumerate(MONTHS_ID, 1)},
    **{name.lower()[:3]: i for i, name in enumerate(MONTHS_EN, 1)},
    "agust": 8, "agt": 8, "sept": 9, "nopember": 11, "nop": 11, "pebruari": 2, "peb": 2,
}  # fmt: skip


def format_date(day: date, lang: Language = "id") -> str:
    """`21 November 2026` (id) or `21 November 2026` (en, English month names)."""
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_datetime(moment: datetime, lang: Language = "id") -> str:
    return f"{format_date(moment.date(), lang)} {moment:%H.%M}"


def format_period(period: Period, lang: Language = "id") -> str:
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{months[period.month - 1]} {period.year}"


def format_rupiah(amount: int) -> str:
    """`Rp16.800`: dot as thousands separator, no decimals (rupiah is whole)."""
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError("money is integer rupiah")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


_RUPIAH = re.compile(r"(?:rp\.?)?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?", re.IGNORECASE)


def parse_rupiah(text: str, *, field: str = "amount") -> int:
    """Reads `Rp16.800`, `16.800`, `16800`, `Rp 16.800,00`; never a float."""
    match = _RUPIAH.fullmatch(text.strip())
    if not match:
        raise InvalidField(field, "jumlah uang harus angka rupiah, misalnya 16.800")
    return int(match[1].replace(".", ""))


_TEXT_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})")
_NUMERIC_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text: str, *, field: str = "date") -> date:
    """Reads `YYYY-MM-DD`, `dd-mm-yyyy`, `dd/mm/yyyy` and `12 Mei 1980`; day first, always."""
    raw = text.strip()
    parts: tuple[int, int, int] | None = None
    if match := _ISO.fullmatch(raw):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _NUMERIC_DMY.fullmatch(raw):
        parts = (int(match[3]), int(match[2]), int(match[1]))
    elif (match := _TEXT_DATE.fullmatch(raw)) and match[2].lower() in _MONTH_ALIASES:
        parts = (int(match[3]), _MONTH_ALIASES[match[2].lower()], int(match[1]))
    if parts is None:
        raise InvalidField(field, f"'{raw}' bukan tanggal; tulis YYYY-MM-DD, misalnya 1980-05-12")
    try:
        return date(*parts)
    except ValueError:
        msg = f"tanggal '{raw}' tidak ada di kalender; periksa hari dan bulan"
        raise InvalidField(field, msg) from None
