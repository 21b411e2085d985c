"""Reproducible synthetic village registers for benchmarks and UI tests.

    python -m bench.synth --data-dir DIR --workers N [--seed S]
                          [--enrollments [--months N | --history]]

builds a complete village database in DIR through the real migrations (`AppContext.open`), sets
the village up through the service, then bulk-inserts N workers with SQLAlchemy Core together
with the outbox and audit rows the app itself would have written for each (one 'insert' op and
one 'create' audit entry per worker), so the file looks like one typed in through the window.

`--enrollments` gives every active worker one coverage period the same way (enrollment row,
outbox 'insert', audit 'create'): perangkat, sekretaris and kepala desa as PU on their siltap,
paid from APBDes; BPD, RT, RW, kader and linmas as BPU on the lowest bracket, paid by the
kabupaten (APBD); farmers, fishers and the rest as BPU paid from APBD, DBHCHT or by themselves;
TMT spread over 2024-2026. The calendar is fixed (AS_OF, 21 November 2026) so a database is
the same whatever day it is built.

History for the status overview, up to the month before BENCH_MONTH, in one of two ways:
- `--months N`: the last N months through the real services (`roster.generate`, `lock`, `pay`),
  with every row, outbox row and audit entry they write; slow at 100,000 (minutes);
- `--history`: every month from each TMT, bulk-inserted: the contribution and payment rows the
  services would have left (same ids, amounts, rate versions, statuses), as already synced to
  the server (version 1, no outbox or audit rows); ~1.3 M lines at 100,000 in well under a minute.
Both follow one payment calendar (`paid_through`): APBDes pays monthly and has not yet paid
October, the kabupaten pays quarterly, DBHCHT by semester (so its BPU participants lapse),
self-payers keep up.

The people and their periods are deterministic for a seed (names, dates, NIKs, categories,
phones, terms...); row ids and timestamps are not (UUIDv7 of the moment of generation), exactly
as in the app.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate, islice
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, insert, select

from app.config import resolve_paths
from app.domain.categories import Category, EndReason, MaritalStatus, Sex, WorkerStatus
from app.domain.contribution import Terms, compute_month
from app.domain.enrollment import EnrollmentDraft, EnrollmentStatus, programmes_text
from app.domain.period import Period
from app.domain.rates import Payer, Programme, Segment
from app.domain.village import validate_village
from app.domain.worker import WorkerData, WorkerDraft
from app.models import (
    AuditEntry,
    Contribution,
    Enrollment,
    Payment,
    SyncOutbox,
    Worker,
    new_id,
    utcnow,
)
from app.services.context import AppContext
from app.services.roster import line_id
from app.services.writes import operator_name
from app.sync.outbox import to_wire
from bench import names

_T = TypeVar("_T")
CHUNK = 5_000
VILLAGE = {
    "code": "35.21.01.2001",
    "name": "Sukamaju",
    "kecamatan": "Paron",
    "kabupaten": "Ngawi",
    "province": "Jawa Timur",
    "head_name": "Suparman",
    "secretary_name": "Sri Wahyuni",
}
# NIK serials (last 4 digits) of populated workers stay below this; make_drafts uses the rest,
# so a draft never collides with a populated NIK whatever the seeds.
DRAFT_SERIAL_FLOOR = 9_000
_DRAFT_SEED_SALT = 0x5EED_D7AF
_ENROLL_SEED_SALT = 0x0E_2011
# The bench's calendar, fixed so a database does not depend on the day it is built: status is
# taken as of AS_OF, BENCH_MONTH is the month whose roster the bench generates for the first
# time, history covers the months before it.
AS_OF = date(2026, 11, 21)
BENCH_MONTH = Period(2026, 11)
LAST_TMT = date(2026, 10, 31)


@dataclass(frozen=True, slots=True)
class SynthWorker:
    """One synthetic person: the validated fields plus membership status."""

    data: WorkerData
    status: WorkerStatus = WorkerStatus.ACTIVE
    end_date: date | None = None
    end_reason: EndReason | None = None


class _Pool:
    """Weighted choice over (word, weight) pairs, precomputed for speed."""

    def __init__(self, pairs: Sequence[tuple[str, int]]) -> None:
        self.words = [word for word, _ in pairs]
        self.cum = list(accumulate(weight for _, weight in pairs))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.words, cum_weights=self.cum)[0]


_FIRST = {Sex.L: _Pool(names.MALE_FIRST), Sex.P: _Pool(names.FEMALE_FIRST)}
_REST = {Sex.L: _Pool(names.MALE_REST), Sex.P: _Pool(names.FEMALE_REST)}
_SINGLE = {Sex.L: _Pool(names.MALE_SINGLE), Sex.P: _Pool(names.FEMALE_SINGLE)}
_BIRTH_PLACES = _Pool(names.BIRTH_PLACES)

# category, weight (per mille), share of women, oldest and youngest birth year
_CATEGORIES: tuple[tuple[Category, int, float, int, int], ...] = (
    (Category.KEPALA_DESA, 2, 0.15, 1960, 1990),
    (Category.SEKRETARIS_DESA, 3, 0.35, 1965, 1995),
    (Category.PERANGKAT_DESA, 60, 0.30, 1960, 2000),
    (Category.BPD, 90, 0.25, 1955, 1998),
    (Category.KETUA_RT, 170, 0.08, 1950, 1995),
    (Category.KETUA_RW, 60, 0.05, 1950, 1990),
    (Category.KADER_POSYANDU, 150, 0.97, 1960, 2005),
    (Category.LINMAS, 70, 0.10, 1960, 2002),
    (Category.GURU_NGAJI, 50, 0.45, 1950, 2003),
    (Category.MARBOT, 30, 0.02, 1950, 2000),
    (Category.PETANI, 150, 0.30, 1950, 2000),
    (Category.BURUH_TANI, 80, 0.40, 1950, 2005),
    (Category.NELAYAN, 8, 0.05, 1955, 2003),
    (Category.PEKERJA_KONSTRUKSI, 30, 0.02, 1960, 2005),
    (Category.UMKM, 30, 0.65, 1955, 2005),
    (Category.LAINNYA, 17, 0.50, 1950, 2005),
)
_CATEGORY_CUM = list(accumulate(row[1] for row in _CATEGORIES))
# Position titles per category; {dusun}, {rt} and {rw} are the person's own.
_POSITIONS: dict[Category, tuple[str, ...]] = {
    Category.KEPALA_DESA: ("Kepala Desa",),
    Category.SEKRETARIS_DESA: ("Sekretaris Desa",),
    Category.PERANGKAT_DESA: (
        "Kaur Keuangan", "Kaur Umum dan Perencanaan", "Kaur Tata Usaha dan Umum",
        "Kasi Pemerintahan", "Kasi Kesejahteraan", "Kasi Pelayanan", "Kepala Dusun {dusun}",
        "Kepala Dusun {dusun}", "Staf Desa",
    ),
    Category.BPD: ("Ketua BPD", "Wakil Ketua BPD", "Sekretaris BPD", "Anggota BPD", "Anggota BPD"),
    Category.KETUA_RT: ("Ketua RT {rt}",),
    Category.KETUA_RW: ("Ketua RW {rw}",),
    Category.KADER_POSYANDU: tuple(f"Kader Posyandu {p}" for p in names.POSYANDU),
    Category.LINMAS: ("Anggota Linmas",) * 9 + ("Kasatlinmas",),
    Category.GURU_NGAJI: tuple(f"Guru TPQ {m}" for m in names.MASJID),
    Category.MARBOT: tuple(f"Marbot Masjid {m}" for m in names.MASJID),
}  # fmt: skip
_END_REASONS = (EndReason.TERM_ENDED, EndReason.DIED, EndReason.MOVED, EndReason.RESIGNED,
                EndReason.OTHER)  # fmt: skip
_END_REASON_CUM = (45, 65, 80, 95, 100)


class _People:
    """Deterministic stream of villagers. NIK serials start above serial_floor."""

    def __init__(self, seed: int, *, serial_floor: int = 0, serial_ceiling: int = 9_999) -> None:
        self.rng = random.Random(seed)
        self._floor = serial_floor
        self._ceiling = serial_ceiling
        self._serials: dict[str, int] = {}
        self._kpj: set[str] = set()
        self._recent_kk: list[str] = []

    def __iter__(self) -> Iterator[SynthWorker]:
        while True:
            yield self.person()

    def person(self) -> SynthWorker:
        rng = self.rng
        category, _, women, oldest, youngest = rng.choices(_CATEGORIES, cum_weights=_CATEGORY_CUM)[
            0
        ]
        sex = Sex.P if rng.random() < women else Sex.L
        born = date(rng.randint(oldest, youngest), 1, 1) + timedelta(days=rng.randrange(365))
        dusun = rng.choice(names.DUSUN)
        rt, rw = f"{rng.randint(1, 40):03d}", f"{rng.randint(1, 12):03d}"
        data = WorkerData(
            nik=self._nik(born, sex),
            name=self._name(sex, born.year),
            birth_date=born,
            sex=sex,
            category=category,
            birth_place=_BIRTH_PLACES.pick(rng) if rng.random() < 0.8 else None,
            position=self._position(category, dusun, rt, rw),
            phone=self._phone() if rng.random() < 0.7 else None,
            address=f"Dsn. {dusun} RT {rt} RW {rw}" if rng.random() < 0.6 else None,
            dusun=dusun,
            rt=rt,
            rw=rw,
            mother_name=self._name(Sex.P, born.year - 25) if rng.random() < 0.4 else None,
            no_kk=self._kk() if rng.random() < 0.35 else None,
            kpj=self._kpj_number() if rng.random() < 0.6 else None,
            marital_status=self._marital(born.year) if rng.random() < 0.8 else None,
        )
        if rng.random() < 0.03:
            ended = date(2019, 1, 1) + timedelta(days=rng.randrange(7 * 365))
            reason = rng.choices(_END_REASONS, cum_weights=_END_REASON_CUM)[0]
            return SynthWorker(data, WorkerStatus.ENDED, ended, reason)
        return SynthWorker(data)

    def _name(self, sex: Sex, born_year: int) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < (0.5 if born_year < 1965 else 0.12):
            return _SINGLE[sex].pick(rng)
        words = [_FIRST[sex].pick(rng)]
        for _ in range(2 if roll > 0.75 else 1):
            word = _REST[sex].pick(rng)
            if word not in words:
                words.append(word)
        return " ".join(words)

    def _nik(self, born: date, sex: Sex) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.7:
            region = names.HOME_REGION
        elif roll < 0.88:
            region = rng.choice(names.NGAWI_REGIONS)
        else:
            region = rng.choice(names.BOJONEGORO_REGIONS)
        day = born.day + 40 if sex is Sex.P else born.day
        prefix = f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}"
        last = self._serials.get(prefix, self._floor + rng.randint(0, 30))
        serial = last + rng.randint(1, 4)
        if serial > self._ceiling:
            raise RuntimeError(f"NIK serials exhausted for {prefix}")
        self._serials[prefix] = serial
        return f"{prefix}{serial:04d}"

    def _position(self, category: Category, dusun: str, rt: str, rw: str) -> str | None:
        templates = _POSITIONS.get(category)
        if templates is None:
            return None
        return self.rng.choice(templates).format(dusun=dusun, rt=rt, rw=rw)

    def _phone(self) -> str:
        rng = self.rng
        tail = rng.randint(6, 8)
        return rng.choice(names.PHONE_PREFIXES) + f"{rng.randrange(10**tail):0{tail}d}"

    def _kk(self) -> str:
        rng = self.rng
        if self._recent_kk and rng.random() < 0.2:  # a household: two workers on one KK
            return rng.choice(self._recent_kk)
        issued = date(2005, 1, 1) + timedelta(days=rng.randrange(18 * 365))
        kk = f"{names.HOME_REGION}{issued:%d%m%y}{rng.randint(1, 9999):04d}"
        self._recent_kk = [*self._recent_kk[-49:], kk]
        return kk

    def _kpj_number(self) -> str:
        rng = self.rng
        while True:
            kpj = f"{rng.choice('12')}{rng.randrange(10**10):010d}"
            if kpj not in self._kpj:
                self._kpj.add(kpj)
                return kpj

    def _marital(self, born_year: int) -> MaritalStatus:
        roll = self.rng.random()
        if born_year > 1998 and roll < 0.6:
            return MaritalStatus.BELUM_KAWIN
        if born_year < 1965 and roll < 0.25:
            return MaritalStatus.CERAI_MATI
        return MaritalStatus.KAWIN if roll < 0.93 else MaritalStatus.CERAI_HIDUP


def generate(workers: int, seed: int = 7) -> list[SynthWorker]:
    """The first `workers` people of the seed's stream (what populate inserts)."""
    stream = _People(seed, serial_ceiling=DRAFT_SERIAL_FLOOR - 1)
    return list(islice(stream, workers))


def to_draft(person: SynthWorker) -> WorkerDraft:
    """The person as a form would have typed them (text fields)."""
    d = person.data
    return WorkerDraft(
        nik=d.nik, name=d.name, birth_date=d.birth_date.isoformat(), sex=d.sex.value,
        category=d.category.value, birth_place=d.birth_place or "", position=d.position or "",
        phone=d.phone or "", address=d.address or "", dusun=d.dusun or "", rt=d.rt or "",
        rw=d.rw or "", mother_name=d.mother_name or "", no_kk=d.no_kk or "", kpj=d.kpj or "",
        marital_status=d.marital_status.value if d.marital_status else "",
    )  # fmt: skip


def make_drafts(n: int, seed: int = 7) -> list[WorkerDraft]:
    """n fresh valid drafts whose NIKs never collide with populated ones (serials >= 9000)."""
    stream = _People(seed ^ _DRAFT_SEED_SALT, serial_floor=DRAFT_SERIAL_FLOOR)
    return [to_draft(p) for p in islice(stream, n)]


def workers_for_enrollments(enrollments: int, seed: int = 7) -> int:
    """How many people of the seed's stream hold `enrollments` active workers (each of whom
    `--enrollments` gives one period): a database with exactly that many periods."""
    active = 0
    for seen, person in enumerate(_People(seed, serial_ceiling=DRAFT_SERIAL_FLOOR - 1)):
        if active == enrollments:
            return seen
        active += person.status is WorkerStatus.ACTIVE
    raise AssertionError("unreachable: the stream is endless")


# -- coverage periods ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SynthEnrollment:
    """One coverage period of the person at `worker` (index into `generate(...)`)."""

    worker: int
    segment: Segment
    programmes: frozenset[Programme]
    wage: int
    payer: Payer
    start: date
    status: EnrollmentStatus
    kpj: str | None

    @property
    def terms(self) -> Terms:
        return Terms(self.segment, self.programmes, self.wage, self.payer, 1)

    def draft(self) -> EnrollmentDraft:
        """The period as the Kepesertaan tab would have typed it."""
        return EnrollmentDraft(
            segment=self.segment.value, programmes=programmes_text(self.programmes),
            wage=str(self.wage), payer=self.payer.value, start=self.start.isoformat(),
            kpj=self.kpj or "",
        )  # fmt: skip


# Siltap (penghasilan tetap, PP 11/2019): kepala desa 120 %, sekretaris 110 %, perangkat 100 %
# of a civil servant II/a's base pay.
SILTAP = {
    Category.KEPALA_DESA: 2_426_640,
    Category.SEKRETARIS_DESA: 2_224_420,
    Category.PERANGKAT_DESA: 2_022_200,
}
BPU_BRACKET = 1_000_000  # the lowest (and only shipped) BPU income bracket
_JKK_JKM = frozenset({Programme.JKK, Programme.JKM})
_WITH_JHT = _JKK_JKM | {Programme.JHT}
_WITH_JP = _WITH_JHT | {Programme.JP}
_JP_FROM = date(2024, 3, 1)  # the first JP wage cap in the rate files
_PAID_BY_KABUPATEN = frozenset({Category.BPD, Category.KETUA_RT, Category.KETUA_RW,
                                Category.KADER_POSYANDU, Category.LINMAS})  # fmt: skip
_RELIGIOUS = frozenset({Category.GURU_NGAJI, Category.MARBOT})
_FARMING = frozenset({Category.PETANI, Category.BURUH_TANI})
# Who pays for the other BPU participants, (payer, weight) by group.
_BPU_PAYERS: dict[str, tuple[tuple[Payer, int], ...]] = {
    "kabupaten": ((Payer.APBD, 92), (Payer.APBDES, 8)),
    "religious": ((Payer.APBD, 60), (Payer.DBHCHT, 25), (Payer.SELF, 15)),
    "farming": ((Payer.DBHCHT, 50), (Payer.APBD, 30), (Payer.SELF, 20)),
    "other": ((Payer.SELF, 50), (Payer.APBD, 35), (Payer.DBHCHT, 15)),
}
# TMT year weights: a few villages enrolled in 2024, most in 2025-2026 (mean ~13 months billed
# before BENCH_MONTH, so --history holds ~1.3 M lines at 100,000 participants).
_TMT_YEARS = ((2024, 15), (2025, 40), (2026, 45))


def _bpu_group(category: Category) -> str:
    if category in _PAID_BY_KABUPATEN:
        return "kabupaten"
    if category in _RELIGIOUS:
        return "religious"
    return "farming" if category in _FARMING else "other"


def _weighted(rng: random.Random, pairs: Sequence[tuple[_T, int]]) -> _T:
    return rng.choices([item for item, _ in pairs], weights=[w for _, w in pairs])[0]


def _tmt(rng: random.Random) -> date:
    year = _weighted(rng, _TMT_YEARS)
    last_month = LAST_TMT.month if year == LAST_TMT.year else 12
    month = rng.randint(1, last_month)
    if rng.random() < 0.6:  # BPJS usually starts coverage on the 1st
        return date(year, month, 1)
    return Period(year, month).first_day + timedelta(days=rng.randrange(28))


def _period_of(rng: random.Random, index: int, person: SynthWorker) -> SynthEnrollment:
    d = person.data
    start = _tmt(rng)
    siltap = SILTAP.get(d.category)
    if siltap is not None:
        segment = Segment.PU
        wage = siltap if rng.random() < 0.7 else rng.randrange(2_022_200, 2_426_641) // 1000 * 1000
        roll = rng.random()
        programmes = _JKK_JKM if roll < 0.55 else _WITH_JHT if roll < 0.95 else _WITH_JP
        if programmes is _WITH_JP:
            start = max(start, _JP_FROM)
        payer = Payer.APBDES
    else:
        segment, wage = Segment.BPU, BPU_BRACKET
        payer = _weighted(rng, _BPU_PAYERS[_bpu_group(d.category)])
        programmes = _WITH_JHT if payer is Payer.SELF and rng.random() < 0.3 else _JKK_JKM
    recent = start >= LAST_TMT.replace(day=1)
    status = (
        EnrollmentStatus.SUBMITTED if recent and rng.random() < 0.3 else EnrollmentStatus.ACTIVE
    )
    return SynthEnrollment(index, segment, programmes, wage, payer, start, status, d.kpj)


def enrollments_for(people: Sequence[SynthWorker], seed: int = 7) -> list[SynthEnrollment]:
    """One period for every active worker, deterministic for (people, seed)."""
    rng = random.Random(seed ^ _ENROLL_SEED_SALT)
    return [
        _period_of(rng, i, person)
        for i, person in enumerate(people)
        if person.status is WorkerStatus.ACTIVE
    ]


# -- the payment calendar -----------------------------------------------------------------------
# The last month each payer has paid by AS_OF, and when. APBDes pays month by month and
# October's SP2D is not out yet; the kabupaten pays by quarter, DBHCHT by semester (its BPU
# participants lapse: more than three unpaid months), self-payers at the counter in the month.
_PAID_THROUGH = {
    Payer.APBDES: Period(2026, 9),
    Payer.APBD: Period(2026, 9),
    Payer.DBHCHT: Period(2026, 6),
    Payer.SELF: Period(2026, 10),
}
_PAID_EVERY = {Payer.APBDES: 1, Payer.APBD: 3, Payer.DBHCHT: 6, Payer.SELF: 1}


def paid_through(payer: Payer) -> Period:
    return _PAID_THROUGH.get(payer, BENCH_MONTH - 2)


def settled(payer: Payer, period: Period) -> bool:
    return period <= paid_through(payer)


def paid_on(payer: Payer, period: Period) -> date:
    """The day a settled month was paid: after its quarter or semester for grouped payers."""
    every = _PAID_EVERY.get(payer, 1)
    block_end = Period(period.year, (period.month - 1) // every * every + every)
    if payer is Payer.SELF:
        return date(period.year, period.month, 12)
    return (block_end + 1).first_day + timedelta(days=9 if every == 1 else 19)


def reference(payer: Payer, period: Period) -> str:
    prefix = "STS" if payer is Payer.SELF else "SP2D"
    return f"{prefix}/{payer.value.upper()}/{period}"


def history_months(enrollments: Sequence[SynthEnrollment], months: int | None) -> list[Period]:
    """The months before BENCH_MONTH that history covers: the last `months`, or (None) all
    since the earliest TMT."""
    if months is None:
        if not enrollments:
            return []
        first = Period.of(min(e.start for e in enrollments))
    else:
        first = BENCH_MONTH - months
    return [first + i for i in range(first.months_until(BENCH_MONTH))]


# -- writing ------------------------------------------------------------------------------------
_WORKER_COLUMNS = [c.key for c in Worker.__table__.columns]
# What the outbox carries for an insert (app.sync.outbox.row_values): all but these.
_NOT_SENT = frozenset({"id", "version", "updated_at_client"})
_SENT_COLUMNS = [key for key in _WORKER_COLUMNS if key not in _NOT_SENT]


def _created(
    entity: str, row: dict[str, Any], sent: Sequence[str], operator: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The outbox 'insert' and audit 'create' rows `writes.insert` makes for a new row."""
    now = row["updated_at_client"]
    fields = {key: to_wire(row.get(key)) for key in sent}
    outbox = {
        "op_id": new_id(), "entity": entity, "row_id": row["id"], "op": "insert",
        "fields": json.dumps(fields, ensure_ascii=False, sort_keys=True), "base": "{}",
        "base_version": None, "created_at": now,
    }  # fmt: skip
    audit = {
        "at": now, "operator": operator, "action": "create", "entity": entity,
        "row_id": row["id"], "changed": "*",
    }  # fmt: skip
    return outbox, audit


def _rows(
    person: SynthWorker, village_id: uuid.UUID, operator: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The worker row and the outbox and audit rows the register service would have written."""
    d = person.data
    worker: dict[str, Any] = {
        "id": new_id(), "village_id": village_id, "version": None, "deleted": False,
        "updated_at_client": utcnow(), "nik": d.nik, "no_kk": d.no_kk, "kpj": d.kpj,
        "full_name": d.name, "search_name": d.name.lower(), "birth_place": d.birth_place,
        "birth_date": d.birth_date, "sex": d.sex, "mother_name": d.mother_name,
        "marital_status": d.marital_status, "address": d.address, "dusun": d.dusun,
        "rt": d.rt, "rw": d.rw, "phone": d.phone, "category": d.category,
        "position": d.position, "status": person.status, "end_date": person.end_date,
        "end_reason": person.end_reason,
    }  # fmt: skip
    return worker, *_created("worker", worker, _SENT_COLUMNS, operator)


_ENROLLMENT_SENT = [c.key for c in Enrollment.__table__.columns if c.key not in _NOT_SENT]


def _enrollment_rows(
    e: SynthEnrollment, worker_id: uuid.UUID, village_id: uuid.UUID, operator: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The enrollment row and the outbox and audit rows `Enrollments.enroll` writes."""
    row: dict[str, Any] = {
        "id": new_id(), "village_id": village_id, "version": None, "deleted": False,
        "updated_at_client": utcnow(), "worker_id": worker_id, "segment": e.segment,
        "programmes": programmes_text(e.programmes), "wage": e.wage, "risk_class": 1,
        "payer": e.payer, "kpj": e.kpj, "start_date": e.start, "end_date": None,
        "end_reason": None, "status": e.status, "receipt_no": None,
    }  # fmt: skip
    return row, *_created("enrollment", row, _ENROLLMENT_SENT, operator)


def _open_village(data_dir: Path) -> AppContext:
    ctx = AppContext.open(resolve_paths(data_dir), today=lambda: AS_OF)
    if ctx.village.get() is None:
        ctx.village.set_up(validate_village(**VILLAGE))
    return ctx


def _insert_created(
    ctx: AppContext, table: type[Worker] | type[Enrollment], rows: list[Any]
) -> None:
    with ctx.database.engine.begin() as conn:
        conn.execute(insert(table), [r[0] for r in rows])
        conn.execute(insert(SyncOutbox), [r[1] for r in rows])
        conn.execute(insert(AuditEntry), [r[2] for r in rows])


def populate(
    data_dir: Path,
    workers: int,
    seed: int = 7,
    *,
    enrollments: bool = False,
    months: int = 0,
    history: bool = False,
) -> None:
    """Create (or extend an empty) village database in data_dir with `workers` synthetic people;
    with `enrollments`, a coverage period for each active one, and history either through the
    services (`months` > 0: the last `months` months) or bulk (`history`: all since each TMT).

    Raises FileExistsError for a database that already holds workers: the result would not
    be reproducible.
    """
    if (months or history) and not enrollments:
        raise ValueError("history needs enrollments")
    if months and history:
        raise ValueError("choose --months (through the services) or --history (bulk), not both")
    ctx = _open_village(Path(data_dir))
    try:
        with ctx.database.engine.connect() as conn:
            present = conn.scalar(select(func.count()).select_from(Worker.__table__)) or 0
        if present:
            raise FileExistsError(
                f"{data_dir} already holds {present} workers; use an empty folder"
            )
        village = ctx.village.get()
        assert village is not None
        village_id = uuid.UUID(village.id)
        with ctx.database.sessions() as session:
            operator = operator_name(session)
        people = generate(workers, seed)
        worker_ids: list[uuid.UUID] = []
        for at in range(0, len(people), CHUNK):
            rows = [_rows(p, village_id, operator) for p in people[at : at + CHUNK]]
            _insert_created(ctx, Worker, rows)
            worker_ids += [r[0]["id"] for r in rows]
        if not enrollments:
            return
        periods = enrollments_for(people, seed)
        enrollment_ids: list[uuid.UUID] = []
        for at in range(0, len(periods), CHUNK):
            rows = [
                _enrollment_rows(e, worker_ids[e.worker], village_id, operator)
                for e in periods[at : at + CHUNK]
            ]
            _insert_created(ctx, Enrollment, rows)
            enrollment_ids += [r[0]["id"] for r in rows]
        if months:
            service_history(ctx, history_months(periods, months))
        elif history:
            bulk_history(ctx, periods, enrollment_ids, worker_ids, village_id)
    finally:
        ctx.close()


def service_history(ctx: AppContext, months: Sequence[Period]) -> None:
    """Each month through the app's own services: generate, lock, pay the settled payers."""
    for period in months:
        if not ctx.roster.generate(period).lines:
            continue
        for balance in ctx.roster.lock(period).balances:
            if settled(balance.payer, period):
                ctx.roster.pay(
                    period,
                    balance.payer,
                    amount=balance.billed,
                    paid_on=paid_on(balance.payer, period),
                    reference=reference(balance.payer, period),
                )


def bulk_history(
    ctx: AppContext,
    periods: Sequence[SynthEnrollment],
    enrollment_ids: Sequence[uuid.UUID],
    worker_ids: Sequence[uuid.UUID],
    village_id: uuid.UUID,
) -> None:
    """What `service_history` over every month since the earliest TMT leaves in the contribution
    and payment tables, written directly (one transaction per month), as synced rows."""
    now = utcnow()
    terms = [e.terms for e in periods]
    computed: dict[tuple[Terms, str], dict[str, Any]] = {}
    for period in history_months(periods, None):
        rates = ctx.rates.at(period.first_day)
        version = rates.version  # a property hashing the whole set: once a month
        month, last_day = str(period), period.last_day
        lines: list[dict[str, Any]] = []
        billed: dict[Payer, int] = defaultdict(int)
        for e, eid, e_terms in zip(periods, enrollment_ids, terms, strict=True):
            if e.start > last_day:
                continue
            key = (e_terms, version)
            values = computed.get(key)
            if values is None:
                amount = compute_month(e_terms, period, rates)
                values = computed[key] = {
                    "amounts": json.dumps(
                        {a.programme.value: [a.employer, a.worker] for a in amount.amounts},
                        sort_keys=True,
                    ),
                    "employer_total": sum(a.employer for a in amount.amounts),
                    "worker_total": sum(a.worker for a in amount.amounts),
                    "total": amount.total,
                    "rate_version": amount.rate_version,
                }
            lines.append({
                "id": line_id(eid, period), "village_id": village_id, "version": 1,
                "deleted": False, "updated_at_client": now, "enrollment_id": eid,
                "worker_id": worker_ids[e.worker], "period": month, "payer": e.payer,
                "segment": e.segment, "wage": e.wage, **values,
                "status": "paid" if settled(e.payer, period) else "locked",
            })  # fmt: skip
            billed[e.payer] += values["total"]
        payments = [
            _payment(village_id, now, period, payer, amount)
            for payer, amount in sorted(billed.items())
            if settled(payer, period)
        ]
        if not lines:
            continue
        with ctx.database.engine.begin() as conn:
            conn.execute(insert(Contribution), lines)
            if payments:
                conn.execute(insert(Payment), payments)


def _payment(
    village_id: uuid.UUID, now: object, period: Period, payer: Payer, amount: int
) -> dict[str, Any]:
    return {
        "id": new_id(), "village_id": village_id, "version": 1, "deleted": False,
        "updated_at_client": now, "period": str(period), "payer": payer, "amount": amount,
        "paid_on": paid_on(payer, period), "reference": reference(payer, period), "note": None,
    }  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synth", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--workers", required=True, type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--enrollments", action="store_true", help="one coverage period per active worker"
    )
    history = parser.add_mutually_exclusive_group()
    history.add_argument(
        "--months", type=int, default=0, metavar="N",
        help=f"the N months before {BENCH_MONTH} through roster generate/lock/pay",
    )  # fmt: skip
    history.add_argument(
        "--history", action="store_true",
        help=f"every month from each TMT to before {BENCH_MONTH}, bulk-inserted as synced rows",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if (args.months or args.history) and not args.enrollments:
        parser.error("--months and --history need --enrollments")
    if args.months < 0:
        parser.error("--months: a number of months, 0 or more")
    started = time.perf_counter()
    try:
        populate(
            args.data_dir, args.workers, args.seed, enrollments=args.enrollments,
            months=args.months, history=args.history,
        )  # fmt: skip
    except FileExistsError as exc:
        print(f"bench.synth: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    extra = " with coverage periods" if args.enrollments else ""
    if args.months:
        extra += f" and {args.months} months of rosters"
    elif args.history:
        extra += " and their history"
    print(f"{args.workers} workers{extra} (seed {args.seed}) in {args.data_dir} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
