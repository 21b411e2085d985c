"""Contribution rates as dated data rows, and the rate set in force on a date.

Rates are never constants in code (DOMAIN.md section 3): they arrive as rows with a validity
range and a legal basis, and the rate set for a month is the rows valid on its first day.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from app.domain.errors import DomainError, InvalidField


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
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise InvalidRateRow(source, f"kolom berkas tarif harus: {', '.join(COLUMNS)}")
    return [_row(raw, source, line) for line, raw in enumerate(reader, start=2)]


def _row(raw: dict[str, str], source: str, line: int) -> RateRow:
    where = f"{source} baris {line}"
    try:
        return RateRow(
            code=_required(raw["code"], where, "code"),
            programme=Programme(raw["programme"]),
            segment=Segment(raw["segment"]),
            share=Share(raw["share"]),
            kind=RateKind(raw["kind"]),
            value=Decimal(raw["value"]),
            base=RateBase(raw["base"]),
            valid_from=date.fromisoformat(raw["valid_from"]),
            legal_basis=_required(raw["legal_basis"], where, "legal_basis"),
            risk_class=int(raw["risk_class"]) if raw["risk_class"] else None,
            cap=int(raw["cap"]) if raw["cap"] else None,
            valid_to=date.fromisoformat(raw["valid_to"]) if raw["valid_to"] else None,
            condition=raw["condition"] or None,
            enabled=raw["enabled"] == "1",
        )
    except (ValueError, InvalidOperation) as exc:
        raise InvalidRateRow(where, f"nilai tidak sah ({exc})") from None


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
