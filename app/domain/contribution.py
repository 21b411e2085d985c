"""What one enrollment owes for one month, per programme, from the rate set in force.

Rounding (DOMAIN.md section 3, [C]): each share of each programme per person to whole rupiah,
half up. PU keeps employer and worker shares apart; BPU pays everything as the participant.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.period import Period
from app.domain.rates import (
    MissingRate,
    Payer,
    Programme,
    RateBase,
    RateKind,
    RateRow,
    RateSet,
    Segment,
    Share,
)

CHARGED = (Programme.JKK, Programme.JKM, Programme.JHT, Programme.JP)
JKP_NEEDS = frozenset({Programme.JKK, Programme.JKM, Programme.JHT})


@dataclass(frozen=True, slots=True)
class Terms:
    """The money-relevant part of an enrollment."""

    segment: Segment
    programmes: frozenset[Programme]
    wage: int  # PU: reported monthly wage; BPU: declared income bracket
    payer: Payer
    risk_class: int = 1


@dataclass(frozen=True, slots=True)
class ProgrammeAmount:
    programme: Programme
    employer: int  # PU employer share; BPU: the participant's whole amount
    worker: int  # PU worker share; 0 for BPU

    @property
    def total(self) -> int:
        return self.employer + self.worker


@dataclass(frozen=True, slots=True)
class MonthAmount:
    period: Period
    amounts: tuple[ProgrammeAmount, ...]
    rate_version: str
    jkp_entitled: bool

    @property
    def total(self) -> int:
        return sum(a.total for a in self.amounts)

    def by_programme(self) -> dict[str, int]:
        return {a.programme.value: a.total for a in self.amounts}


def round_rupiah(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def jkp_entitled(terms: Terms) -> bool:
    """JKP (job loss) comes free to PU participants in JKK+JKM+JHT (PP 6/2025)."""
    return terms.segment is Segment.PU and JKP_NEEDS.issubset(terms.programmes)


def compute_month(terms: Terms, period: Period, rates: RateSet) -> MonthAmount:
    """Raise MissingRate when the rate set lacks a row the terms need."""
    amounts = tuple(
        _programme(terms, programme, rates)
        for programme in CHARGED
        if programme in terms.programmes
    )
    return MonthAmount(period, amounts, rates.version, jkp_entitled(terms))


def _programme(terms: Terms, programme: Programme, rates: RateSet) -> ProgrammeAmount:
    if terms.segment is Segment.BPU:
        row = _need(rates, programme, Segment.BPU, Share.PARTICIPANT, None)
        amount = _apply(row, terms.wage, cap=None)
        return ProgrammeAmount(programme, _discounted(amount, programme, terms, rates), 0)
    risk = terms.risk_class if programme is Programme.JKK else None
    cap = rates.jp_cap() if programme is Programme.JP else None
    if programme is Programme.JP and cap is None:
        raise MissingRate("rates", "batas atas upah JP untuk bulan ini belum ada di tabel tarif")
    employer = _need(rates, programme, Segment.PU, Share.EMPLOYER, risk)
    worker = rates.find(programme, Segment.PU, Share.WORKER)
    return ProgrammeAmount(
        programme,
        _apply(employer, terms.wage, cap=cap),
        _apply(worker, terms.wage, cap=cap) if worker else 0,
    )


def _need(
    rates: RateSet, programme: Programme, segment: Segment, share: Share, risk: int | None
) -> RateRow:
    row = rates.find(programme, segment, share, risk_class=risk)
    if row is None:
        what = f"{programme.value} {segment.value}" + (f" kelas risiko {risk}" if risk else "")
        raise MissingRate("rates", f"tarif {what} yang berlaku {rates.on} tidak ada di tabel tarif")
    return row


def _apply(row: RateRow, base_amount: int, *, cap: int | None) -> int:
    if row.kind is RateKind.FIXED:
        return round_rupiah(row.value)
    base = base_amount if row.base is not RateBase.NONE else 0
    limits = [c for c in (cap, row.cap) if c is not None]
    if limits:
        base = min(base, *limits)
    return round_rupiah(Decimal(base) * row.value / 100)


def _discounted(amount: int, programme: Programme, terms: Terms, rates: RateSet) -> int:
    row = rates.find(programme, Segment.BPU, Share.DISCOUNT)
    if row is None or terms.payer.value in row.excluded_payers():
        return amount
    return amount - round_rupiah(Decimal(amount) * row.value / 100)
