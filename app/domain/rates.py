"""Contribution rates as dated data rows, and the rate set in force on a date.

Rates are never constants in code (DOMAIN.md section 3): they arrive as rows with a validity
range and a legal basis, and the rate set for a month is the rows valid on its first day.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from app.domain.errors import DomainError, InvalidField

T = TypeVar("T")


class Programme(StrEnum):
    JKK = "JKK"
    JKM = "JKM"
    JHT = "JHT"
    JP = "JP"
    JKP = "JKP"  # an entitlement, never charged to the village


class Segment(StrEnum):
    PU = "PU"
    BPU = "BPU"

    @property
    def label(self) -> str:
        return "Penerima Upah" if self is Segment.PU else "Bukan Penerima Upah"


class Payer(StrEnum):
    APBDES = "apbdes"
    APBD = "apbd"
    DBHCHT = "dbhcht"
    SELF = "self"
    DONOR = "donor"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PAYER_LABELS[self]


PAYER_LABELS = {
    Payer.APBDES: "APBDes",
    Payer.APBD: "APBD",
    Payer.DBHCHT: "DBHCHT",
    Payer.SELF: "Mandiri",
    Payer.DONOR: "Donatur",
    Payer.OTHER: "Lainnya",
}


class Share(StrEnum):
    EMPLOYER = "employer"
    WORKER = "worker"
    PARTICIPANT = "participant"
    GOVERNMENT = "government"
    CAP = "cap"
    BRACKET = "bracket"
    DISCOUNT = "discount"


class RateKind(StrEnum):
    PERCENT = "percent"
    FIXED = "fixed"


class RateBase(StrEnum):
    WAGE = "wage"
    BRACKET = "bracket"
    NONE = "none"


class InvalidRateRow(DomainError):
    code = "rate_invalid"


class MissingRate(DomainError):
    code = "rate_missing"


@dataclass(frozen=True, slots=True)
class RateRow:
    code: str
    programme: Programme
    segment: Segment
    share: Share
    kind: RateKind
    value: Decimal
    base: RateBase
    valid_from: date
    legal_basis: str
    risk_class: int | None = None
    cap: int | None = None
    valid_to: date | None = None
    condition: str | None = None
    enabled: bool = True

    def valid_on(self, day: date) -> bool:
        return (
            self.enabled
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
        )

    def excluded_payers(self) -> frozenset[str]:
        if self.condition and self.condition.startswith("payer_not:"):
            return frozenset(p.strip() for p in self.condition.split(":", 1)[1].split(","))
        return frozenset()


COLUMNS = (
    "code", "programme", "segment", "share", "risk_class", "kind", "value", "base", "cap",
    "valid_from", "valid_to", "condition", "enabled", "legal_basis",
)  # fmt: skip


def parse_rate_csv(text: str, *, source: str) -> list[RateRow]:
    """Rows of one rate file; InvalidRateRow names the file, line and column that is wrong."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise InvalidRateRow(source, f"kolom berkas tarif harus: {', '.join(COLUMNS)}")
        # reader.line_num, not a count of rows: blank lines are skipped but still lines.
        return [_row(raw, f"{source} baris {reader.line_num}") for raw in reader]
    except csv.Error:  # a cell over the csv module's size limit (English text): found by fuzzing
        raise InvalidRateRow(
            f"{source} baris {reader.line_num}", "sel terlalu panjang; periksa tanda kutipnya"
        ) from None


def _row(raw: dict[str | None, str | None], where: str) -> RateRow:
    if None in raw or any(value is None for value in raw.values()):
        raise InvalidRateRow(where, f"baris harus berisi {len(COLUMNS)} kolom")
    cells = {str(k): str(v) for k, v in raw.items()}
    if cells["enabled"] not in ("0", "1"):
        raise InvalidRateRow(where, "kolom enabled harus 1 (berlaku) atau 0 (tidak berlaku)")

    def cell(column: str, parse: Callable[[str], T]) -> T:
        try:
            return parse(cells[column])
        except (ValueError, InvalidOperation):
            raise InvalidRateRow(
                where, f"kolom {column}: nilai '{cells[column]}' tidak sah"
            ) from None

    def optional(column: str, parse: Callable[[str], T]) -> T | None:
        return cell(column, parse) if cells[column] else None

    return RateRow(
        code=_required(cells["code"], where, "code"),
        programme=cell("programme", Programme),
        segment=cell("segment", Segment),
        share=cell("share", Share),
        kind=cell("kind", RateKind),
        value=cell("value", _decimal),
        base=cell("base", RateBase),
        valid_from=cell("valid_from", date.fromisoformat),
        legal_basis=_required(cells["legal_basis"], where, "legal_basis"),
        risk_class=optional("risk_class", int),
        cap=optional("cap", int),
        valid_to=optional("valid_to", date.fromisoformat),
        condition=cells["condition"] or None,
        enabled=cells["enabled"] == "1",
    )


def _decimal(text: str) -> Decimal:
    value = Decimal(text)
    if not value.is_finite():
        raise ValueError(text)
    return value


def _required(value: str, where: str, column: str) -> str:
    if not value.strip():
        raise InvalidRateRow(where, f"kolom {column} wajib diisi")
    return value.strip()


@dataclass(frozen=True, slots=True)
class RateSet:
    """The rows in force on one day (the first day of a month, for a roster)."""

    on: date
    rows: tuple[RateRow, ...]

    @classmethod
    def effective(cls, rows: list[RateRow] | tuple[RateRow, ...], on: date) -> RateSet:
        return cls(on, tuple(sorted((r for r in rows if r.valid_on(on)), key=lambda r: r.code)))

    @property
    def version(self) -> str:
        """Short fingerprint of the rows in force, stored with each computed contribution."""
        digest = hashlib.sha256()
        for r in self.rows:
            digest.update(f"{r.code}|{r.value}|{r.cap}|{r.valid_from}|{r.valid_to};".encode())
        return digest.hexdigest()[:12]

    def find(
        self, programme: Programme, segment: Segment, share: Share, *, risk_class: int | None = None
    ) -> RateRow | None:
        for r in self.rows:
            if (r.programme, r.segment, r.share) == (programme, segment, share) and (
                risk_class is None or r.risk_class == risk_class
            ):
                return r
        return None

    def jp_cap(self) -> int | None:
        row = self.find(Programme.JP, Segment.PU, Share.CAP)
        return int(row.value) if row else None

    def brackets(self) -> list[int]:
        return sorted(int(r.value) for r in self.rows if r.share is Share.BRACKET)


def check_bracket(rates: RateSet, income: int, *, field: str = "wage") -> None:
    """A BPU declared income must be one of the brackets in force."""
    known = rates.brackets()
    if income not in known:
        from app.domain.formatting import format_rupiah

        listed = ", ".join(format_rupiah(b) for b in known) or "-"
        raise InvalidField(
            field, f"penghasilan BPU harus salah satu kelas penghasilan yang berlaku: {listed}"
        )
