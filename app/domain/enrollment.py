"""Coverage periods (enrollments): validation, status transitions, no overlaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.errors import DomainError, InvalidField
from app.domain.formatting import format_date, parse_date, parse_rupiah
from app.domain.identity import parse_kpj
from app.domain.rates import Payer, Programme, RateSet, Segment, check_bracket

REQUIRED_PROGRAMMES = frozenset({Programme.JKK, Programme.JKM})
RISK_CLASSES = range(1, 6)


class EnrollmentStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACTIVE = "active"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return {
            "draft": "Draf",
            "submitted": "Diajukan",
            "active": "Aktif",
            "ended": "Berakhir",
        }[self.value]


# draft -> submitted -> active -> ended; a draft or submitted period may also be ended (cancelled).
TRANSITIONS: dict[EnrollmentStatus, frozenset[EnrollmentStatus]] = {
    EnrollmentStatus.DRAFT: frozenset({EnrollmentStatus.SUBMITTED, EnrollmentStatus.ENDED}),
    EnrollmentStatus.SUBMITTED: frozenset({EnrollmentStatus.ACTIVE, EnrollmentStatus.ENDED}),
    EnrollmentStatus.ACTIVE: frozenset({EnrollmentStatus.ENDED}),
    EnrollmentStatus.ENDED: frozenset(),
}


class OverlappingEnrollment(DomainError):
    code = "enrollment_overlap"


class InvalidTransition(DomainError):
    code = "enrollment_transition"


@dataclass(frozen=True, slots=True)
class EnrollmentDraft:
    """As typed: `programmes` like "JKK,JKM,JHT", `wage` like "2.022.200" or "2022200"."""

    segment: str
    programmes: str
    wage: str
    payer: str
    start: str
    risk_class: str = "1"
    kpj: str = ""


@dataclass(frozen=True, slots=True)
class EnrollmentData:
    segment: Segment
    programmes: frozenset[Programme]
    wage: int
    payer: Payer
    start: date
    risk_class: int
    kpj: str | None


def programmes_text(programmes: frozenset[Programme]) -> str:
    """Stable text form, in the usual order: `JKK,JKM,JHT,JP`."""
    return ",".join(p.value for p in Programme if p in programmes)


def _choice_segment(text: str) -> Segment:
    try:
        return Segment(text.strip().upper())
    except ValueError:
        raise InvalidField("segment", "segmen harus PU (penerima upah) atau BPU") from None


def _choice_payer(text: str) -> Payer:
    try:
        return Payer(text.strip().lower())
    except ValueError:
        codes = ", ".join(p.value for p in Payer)
        raise InvalidField("payer", f"sumber dana '{text}' tidak dikenal; pilih: {codes}") from None


def parse_programmes(text: str) -> frozenset[Programme]:
    chosen: set[Programme] = set()
    for part in text.replace(" ", "").upper().split(","):
        if not part:
            continue
        try:
            programme = Programme(part)
        except ValueError:
            raise InvalidField(
                "programs", f"program '{part}' tidak dikenal; pilih JKK, JKM, JHT, JP"
            ) from None
        if programme is Programme.JKP:
            raise InvalidField(
                "programs", "JKP tidak dipilih: otomatis bagi peserta PU JKK+JKM+JHT"
            )
        chosen.add(programme)
    return frozenset(chosen)


def validate_enrollment(
    draft: EnrollmentDraft, *, rates_at_start: RateSet | None = None, worker_end: date | None = None
) -> EnrollmentData:
    """Check one coverage period. `rates_at_start` (the rate set on the start month's first
    day) checks a BPU income against the brackets; `worker_end` is the worker's membership end."""
    segment = _choice_segment(draft.segment)
    programmes = parse_programmes(draft.programmes)
    if not REQUIRED_PROGRAMMES.issubset(programmes):
        raise InvalidField("programs", "program wajib memuat JKK dan JKM")
    if segment is Segment.BPU and Programme.JP in programmes:
        raise InvalidField("programs", "peserta BPU tidak dapat ikut JP; hapus JP")
    if not draft.wage.strip():
        raise InvalidField("wage", "upah (PU) atau penghasilan (BPU) wajib diisi")
    wage = parse_rupiah(draft.wage, field="wage")
    if wage <= 0:
        raise InvalidField("wage", "upah harus lebih dari Rp0")
    if segment is Segment.BPU and rates_at_start is not None:
        check_bracket(rates_at_start, wage)
    risk_text = draft.risk_class.strip() or "1"
    if not risk_text.isdigit() or int(risk_text) not in RISK_CLASSES:
        raise InvalidField("risk_class", "kelas risiko JKK harus 1 sampai 5 (kantor desa: 1)")
    if not draft.start.strip():
        raise InvalidField("start", "tanggal mulai (TMT) wajib diisi")
    start = parse_date(draft.start, field="start")
    if worker_end is not None and start <= worker_end:
        raise InvalidField(
            "start",
            f"keanggotaan pekerja ini berakhir {format_date(worker_end)}; "
            "tanggal mulai baru harus sesudahnya",
        )
    return EnrollmentData(
        segment=segment,
        programmes=programmes,
        wage=wage,
        payer=_choice_payer(draft.payer),
        start=start,
        risk_class=int(risk_text),
        kpj=parse_kpj(draft.kpj) if draft.kpj.strip() else None,
    )


def check_no_overlap(start: date, end: date | None, others: list[tuple[date, date | None]]) -> None:
    """A worker never has two coverage periods on the same day."""
    for other_start, other_end in others:
        if start <= (other_end or date.max) and other_start <= (end or date.max):
            until = format_date(other_end) if other_end else "sekarang"
            raise OverlappingEnrollment(
                "start",
                f"bertumpang tindih dengan kepesertaan {format_date(other_start)} - {until}; "
                "akhiri kepesertaan itu dulu atau pilih tanggal mulai lain",
            )


def check_transition(current: EnrollmentStatus, target: EnrollmentStatus) -> None:
    if target not in TRANSITIONS[current]:
        raise InvalidTransition(
            "status",
            f"status kepesertaan tidak dapat berubah dari {current.label} ke {target.label}",
        )
