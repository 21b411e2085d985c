"""`Period`: one calendar month, the unit of contributions and rosters."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from app.domain.errors import InvalidPeriod

_PERIOD = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, order=True, slots=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 9999:
            raise InvalidPeriod("period", f"bulan {self.year}-{self.month} tidak ada")

    @classmethod
    def parse(cls, text: str, *, field: str = "period") -> Period:
        match = _PERIOD.fullmatch(text.strip())
        if not match:
            raise InvalidPeriod(field, "bulan harus berbentuk YYYY-MM, misalnya 2026-11")
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise InvalidPeriod(field, f"bulan {month:02d} tidak ada; isi 01 sampai 12")
        return cls(year, month)

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and (day.year, day.month) == (self.year, self.month)

    def __add__(self, months: int) -> Period:
        index = self.year * 12 + (self.month - 1) + months
        return Period(index // 12, index % 12 + 1)

    def __sub__(self, months: int) -> Period:
        return self + (-months)

    def months_until(self, other: Period) -> int:
        """How many months from self to other (negative when other is earlier)."""
        return (other.year - self.year) * 12 + (other.month - self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
