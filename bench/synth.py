"""Reproducible synthetic village registers for benchmarks and UI tests.

    python -m bench.synth --data-dir DIR --workers N [--seed S]

builds a complete village database in DIR through the real migrations (`AppContext.open`), sets
the village up through the service, then bulk-inserts N workers with SQLAlchemy Core together
with the outbox and audit rows the app itself would have written for each (one 'insert' op and
one 'create' audit entry per worker), so the file looks like one typed in through the window.

The people are deterministic for a seed (names, dates, NIKs, categories, phones...); row ids and
timestamps are not (UUIDv7 of the moment of generation), exactly as in the app.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate, islice
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from app.config import resolve_paths
from app.domain.categories import Category, EndReason, MaritalStatus, Sex, WorkerStatus
from app.domain.village import validate_village
from app.domain.worker import WorkerData, WorkerDraft
from app.models import AuditEntry, SyncOutbox, Worker, new_id, utcnow
from app.services.context import AppContext
from app.services.writes import operator_name
from app.sync.outbox import to_wire
from bench import names

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


# -- writing ------------------------------------------------------------------------------------
_WORKER_COLUMNS = [c.key for c in Worker.__table__.columns]
# What the outbox carries for an insert (app.sync.outbox.row_values): all but these.
_NOT_SENT = frozenset({"id", "version", "updated_at_client"})
_SENT_COLUMNS = [key for key in _WORKER_COLUMNS if key not in _NOT_SENT]


def _rows(
    person: SynthWorker, village_id: uuid.UUID, operator: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The worker row and the outbox and audit rows the register service would have written."""
    d = person.data
    now = utcnow()
    worker: dict[str, Any] = {
        "id": new_id(), "village_id": village_id, "version": None, "deleted": False,
        "updated_at_client": now, "nik": d.nik, "no_kk": d.no_kk, "kpj": d.kpj,
        "full_name": d.name, "search_name": d.name.lower(), "birth_place": d.birth_place,
        "birth_date": d.birth_date, "sex": d.sex, "mother_name": d.mother_name,
        "marital_status": d.marital_status, "address": d.address, "dusun": d.dusun,
        "rt": d.rt, "rw": d.rw, "phone": d.phone, "category": d.category,
        "position": d.position, "status": person.status, "end_date": person.end_date,
        "end_reason": person.end_reason,
    }  # fmt: skip
    fields = {key: to_wire(worker.get(key)) for key in _SENT_COLUMNS}
    outbox = {
        "op_id": new_id(), "entity": "worker", "row_id": worker["id"], "op": "insert",
        "fields": json.dumps(fields, ensure_ascii=False, sort_keys=True), "base": "{}",
        "base_version": None, "created_at": now,
    }  # fmt: skip
    audit = {
        "at": now, "operator": operator, "action": "create", "entity": "worker",
        "row_id": worker["id"], "changed": "*",
    }  # fmt: skip
    return worker, outbox, audit


def _open_village(data_dir: Path) -> AppContext:
    ctx = AppContext.open(resolve_paths(data_dir))
    if ctx.village.get() is None:
        ctx.village.set_up(validate_village(**VILLAGE))
    return ctx


def populate(data_dir: Path, workers: int, seed: int = 7) -> None:
    """Create (or extend an empty) village database in data_dir with `workers` synthetic people.

    Raises FileExistsError for a database that already holds workers: the result would not
    be reproducible.
    """
    ctx = _open_village(Path(data_dir))
    try:
        engine = ctx.database.engine
        with engine.connect() as conn:
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
        people = iter(generate(workers, seed))
        while chunk := list(islice(people, CHUNK)):
            rows = [_rows(p, village_id, operator) for p in chunk]
            with engine.begin() as conn:
                conn.execute(insert(Worker), [r[0] for r in rows])
                conn.execute(insert(SyncOutbox), [r[1] for r in rows])
                conn.execute(insert(AuditEntry), [r[2] for r in rows])
    finally:
        ctx.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synth", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--workers", required=True, type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        populate(args.data_dir, args.workers, args.seed)
    except FileExistsError as exc:
        print(f"bench.synth: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"{args.workers} workers (seed {args.seed}) in {args.data_dir} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
