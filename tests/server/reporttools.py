"""Realistic coverage data for several villages, straight into a server database.

- `Scale(villages, workers, months, today, seed)`: what to make; deterministic per seed.
- `generate(scale)`: the rows, parents first, as (entity, values) with Python values (UUIDs,
  dates, enum code strings): villages in kecamatan of ~24, formasi (every 5th village has none),
  workers by category, one enrollment each (PU + APBDes for kepala, sekretaris and perangkat;
  BPU otherwise, payer by category; a few ended, a few drafts), a contribution per month from
  the start month to this month (mostly paid; some stop paying 2 months ago (warning), 5 months
  ago (lapsed when BPU) or skip one month (arrears)), and one payment per village, payer and
  paid month.
- `seed_rows(db, scale)`: through `app.server.changes.write_row` (versions, change log, audit
  like any server write): for tests, a few villages.
- `bulk_seed(db, scale, change_log=True)`: the same rows by bulk insert (COPY on PostgreSQL,
  executemany on SQLite) with versions, change-log rows and village counters set as write_row
  would: for the bench (450 villages x 300 workers: ~1.4 M contributions).
- `add_device_seen(db, village_id, last_seen_at)`: a device of the village seen at that time.
- `hand_made(db)`: three small villages in two kecamatan whose figures on 21 November 2026
  are worked out by hand in comments (tests of the reports and of the pages).
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.domain.categories import Category
from app.domain.period import Period
from app.models import new_id
from app.server import tables as t
from app.server.changes import write_row
from app.server.db import ServerDatabase
from app.sync.wire import to_wire

KECAMATAN = (
    "Bringin", "Geneng", "Gerih", "Jogorogo", "Karanganyar", "Karangjati", "Kasreman",
    "Kedunggalar", "Kendal", "Kwadungan", "Mantingan", "Ngawi", "Ngrambe", "Padas",
    "Pangkur", "Paron", "Pitu", "Sine", "Widodaren",
)  # fmt: skip
# Formasi of a typical village: the posts the DPMD counts coverage against.
FORMASI: dict[Category, int] = {
    Category.KEPALA_DESA: 1,
    Category.SEKRETARIS_DESA: 1,
    Category.PERANGKAT_DESA: 9,
    Category.BPD: 7,
    Category.KETUA_RT: 24,
    Category.KETUA_RW: 6,
    Category.KADER_POSYANDU: 15,
    Category.LINMAS: 12,
    Category.GURU_NGAJI: 6,
    Category.MARBOT: 4,
}
INFORMAL = (Category.PETANI, Category.BURUH_TANI, Category.NELAYAN, Category.UMKM)
PU_CATEGORIES = (Category.KEPALA_DESA, Category.SEKRETARIS_DESA, Category.PERANGKAT_DESA)
PU_WAGE, BPU_BRACKET = 2_022_200, 1_000_000
PU_TOTAL = 10_920  # JKK 0.24 % + JKM 0.30 % of the minimum siltap
BPU_TOTAL = 16_800  # JKK 1 % of the lowest bracket + JKM Rp 6.800


@dataclass(frozen=True, slots=True)
class Scale:
    villages: int = 3
    workers: int = 40
    months: int = 12
    today: date = date(2026, 11, 21)
    seed: int = 7


def village_code(index: int) -> str:
    kecamatan, number = divmod(index, 24)
    return f"35.21.{kecamatan % 99 + 1:02d}.{2001 + number:04d}"


def _payer(category: Category) -> str:
    if category in PU_CATEGORIES:
        return "apbdes"
    if category in (Category.PETANI, Category.BURUH_TANI):
        return "dbhcht"
    if category is Category.UMKM:
        return "self"
    return "apbd"


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def __call__(self) -> uuid.UUID:
        return uuid.UUID(int=self._rng.getrandbits(128), version=4)


def generate(scale: Scale) -> Iterator[tuple[str, dict[str, Any]]]:
    rng = random.Random(scale.seed)
    ids = _Ids(rng)
    for index in range(scale.villages):
        yield from _village(scale, index, rng, ids)


def _village(
    scale: Scale, index: int, rng: random.Random, ids: _Ids
) -> Iterator[tuple[str, dict[str, Any]]]:
    vid = ids()
    code = village_code(index)
    yield "village", {
        "id": vid, "village_id": vid, "code": code, "name": f"Desa {code[-4:]}",
        "kecamatan": KECAMATAN[index // 24 % len(KECAMATAN)], "kabupaten": "Ngawi",
        "province": "Jawa Timur", "address": None, "head_name": "Suparman",
        "secretary_name": "Sri Wahyuni", "npp": None,
    }  # fmt: skip
    if index % 5 != 4:
        for category, count in FORMASI.items():
            yield "position_quota", {
                "id": ids(), "village_id": vid, "category": category.value, "count": count,
            }  # fmt: skip
    gen = _Gen(scale, rng, ids, vid)
    for n, category in enumerate(_categories(scale.workers, rng)):
        yield from _worker(gen, index * 100_000 + n, category)
    for (payer, period), amount in sorted(gen.paid_months.items()):
        yield "payment", {
            "id": ids(), "village_id": vid, "period": period, "payer": payer, "amount": amount,
            "paid_on": Period.parse(period).first_day.replace(day=14), "reference": "SP2D",
            "note": None,
        }  # fmt: skip


def _categories(workers: int, rng: random.Random) -> list[Category]:
    chosen: list[Category] = []
    for category, count in FORMASI.items():
        chosen += [category] * max(1 if count == 1 else 0, round(count * rng.uniform(0.7, 1.0)))
    while len(chosen) < workers:
        chosen.append(rng.choice(INFORMAL))
    return chosen[:workers]


@dataclass(slots=True)
class _Gen:
    scale: Scale
    rng: random.Random
    ids: _Ids
    vid: uuid.UUID
    paid_months: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))


def _worker(gen: _Gen, serial: int, category: Category) -> Iterator[tuple[str, dict[str, Any]]]:
    scale, rng, ids, vid, paid_months = gen.scale, gen.rng, gen.ids, gen.vid, gen.paid_months
    wid = ids()
    sex = rng.choice("LP")
    born = date(1960 + serial % 40, 1 + serial % 12, 1 + serial % 28)
    day = born.day + (40 if sex == "P" else 0)
    nik = f"352101{day:02d}{born.month:02d}{born.year % 100:02d}{serial % 10000:04d}"
    name = f"Warga {serial}"
    yield "worker", {
        "id": wid, "village_id": vid, "nik": nik, "no_kk": None,
        "kpj": f"{serial % 10**11:011d}" if serial % 3 else None, "full_name": name,
        "search_name": name.lower(), "birth_place": "Ngawi", "birth_date": born, "sex": sex,
        "mother_name": None, "marital_status": None, "address": None, "dusun": None,
        "rt": "001", "rw": "002", "phone": None, "category": category.value, "position": None,
        "status": "active", "end_date": None, "end_reason": None,
    }  # fmt: skip
    roll = rng.random()
    if roll < 0.04:
        return  # registered, not enrolled yet
    this_month = Period.of(scale.today)
    back = scale.months - 1 if rng.random() < 0.6 else rng.randrange(0, scale.months)
    start = (this_month - back).first_day
    ended = roll > 0.96
    end = (this_month - rng.randrange(1, 3)).last_day if ended and back > 3 else None
    pu = category in PU_CATEGORIES
    eid = ids()
    payer = _payer(category)
    yield "enrollment", {
        "id": eid, "village_id": vid, "worker_id": wid, "segment": "PU" if pu else "BPU",
        "programmes": "JKK,JKM", "wage": PU_WAGE if pu else BPU_BRACKET, "risk_class": 1,
        "payer": payer, "kpj": None, "start_date": start, "end_date": end,
        "end_reason": "term_ended" if end else None,
        "status": "draft" if roll < 0.06 else ("ended" if end else "active"),
        "receipt_no": None,
    }  # fmt: skip
    stop = _stop_paying(rng)
    last = Period.of(end) if end else this_month
    month = Period.of(start)
    while month <= last:
        age = month.months_until(this_month)  # 0 = this month
        status = _status(age, stop, rng, pu=pu)
        total = PU_TOTAL if pu else BPU_TOTAL
        if status == "paid":
            paid_months[(payer, str(month))] += total
        yield "contribution", {
            "id": ids(), "village_id": vid, "enrollment_id": eid, "worker_id": wid,
            "period": str(month), "payer": payer, "segment": "PU" if pu else "BPU",
            "wage": PU_WAGE if pu else BPU_BRACKET,
            "amounts": '{"JKK": [0, 10000], "JKM": [0, 6800]}',
            "employer_total": total if pu else 0, "worker_total": 0 if pu else total,
            "total": total, "rate_version": "2026-01", "status": status,
        }  # fmt: skip
        month += 1


def _stop_paying(rng: random.Random) -> tuple[str, int]:
    roll = rng.random()
    if roll < 0.08:
        return ("stopped", 2)  # unpaid from 2 months ago: a warning
    if roll < 0.13:
        return ("stopped", 5)  # unpaid from 5 months ago: BPU lapses
    if roll < 0.18:
        return ("skipped", rng.randrange(2, 7))  # one month missed
    return ("paying", 0)


def _status(age: int, stop: tuple[str, int], rng: random.Random, *, pu: bool) -> str:
    kind, months = stop
    if age == 0 and (pu or kind != "paying" or rng.random() < 0.15):
        return "locked" if rng.random() < 0.5 else "draft"  # PU: due next month
    if (kind == "stopped" and age <= months) or (kind == "skipped" and age == months):
        return "locked"
    if age == 1 and rng.random() < 0.02:
        return "void"
    return "paid"


# ---------------------------------------------------------------- writing


def seed_rows(db: ServerDatabase, scale: Scale) -> list[uuid.UUID]:
    """Every generated row through write_row (one transaction). Returns the village ids."""
    villages: list[uuid.UUID] = []
    with db.sessions.begin() as session:
        for entity, values in generate(scale):
            row_id, vid = values["id"], values["village_id"]
            if entity == "village":
                villages.append(vid)
            wire = {k: to_wire(v) for k, v in values.items() if k not in ("id", "village_id")}
            write_row(
                session, village_id=vid, entity=entity, row_id=row_id, values=wire, actor="cli"
            )
    return villages


def bulk_seed(db: ServerDatabase, scale: Scale, *, change_log: bool = True) -> list[uuid.UUID]:
    """Every generated row by bulk insert, with versions, counters and (optionally) change-log
    rows as write_row would leave them. Returns the village ids."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    log: list[dict[str, Any]] = []
    seq: dict[uuid.UUID, int] = defaultdict(int)
    for entity, values in generate(scale):
        vid = values["village_id"]
        seq[vid] += 1
        rows[entity].append({**values, "version": seq[vid], "deleted": False})
        if change_log:
            log.append(
                {"village_id": vid, "seq": seq[vid], "entity": entity, "row_id": values["id"]}
            )
    counters = [{"village_id": vid, "seq": n} for vid, n in seq.items()]
    with db.sessions.begin() as session:
        for entity in (
            "village",
            "position_quota",
            "worker",
            "enrollment",
            "contribution",
            "payment",
        ):
            _bulk(session, t.ENTITY_TABLES[entity], rows[entity])
        _bulk(session, t.village_counter, counters)
        _bulk(session, t.change_log, log)
    if not db.is_sqlite:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    return list(seq)


def _bulk(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        for start in range(0, len(rows), 20_000):
            session.execute(insert(table), rows[start : start + 20_000])
        return
    columns = [c.name for c in table.columns if c.name in rows[0] or c.name == "updated_at_client"]
    now = datetime(2026, 11, 1)
    raw: Any = session.connection().connection.dbapi_connection  # a psycopg 3 connection
    with raw.cursor() as cursor:
        names = ", ".join(f'"{c}"' for c in columns)
        with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(
                    [row.get(c, now) if c == "updated_at_client" else row[c] for c in columns]
                )


def add_device_seen(
    db: ServerDatabase, village_id: uuid.UUID, last_seen_at: datetime | None
) -> str:
    device_id = f"dev-{uuid.uuid4().hex[:12]}"
    with db.sessions.begin() as session:
        session.execute(
            insert(t.device).values(
                id=device_id, village_id=village_id, label="PC kantor desa",
                token_hash=uuid.uuid4().hex + uuid.uuid4().hex, bundle_key="k" * 43,
                created_at=datetime(2026, 1, 5), last_seen_at=last_seen_at,
            )
        )  # fmt: skip
    return device_id


# ---------------------------------------------------------------- hand-made villages


class HandVillage:
    """Writes one village's rows through write_row, like synced data."""

    def __init__(self, session: Session, code: str, kecamatan: str, name: str) -> None:
        self.session = session
        self.id = new_id()
        self._write(
            "village", self.id, code=code, name=name, kecamatan=kecamatan,
            kabupaten="Ngawi", province="Jawa Timur",
        )  # fmt: skip
        self._serial = 0

    def _write(self, entity: str, row_id: uuid.UUID, **values: Any) -> None:
        write_row(
            self.session, village_id=self.id, entity=entity, row_id=row_id, values=values,
            actor="cli",
        )  # fmt: skip

    def formasi(self, category: Category, count: int) -> None:
        self._write("position_quota", new_id(), category=category.value, count=count)

    def person(
        self,
        category: Category,
        *,
        segment: str = "BPU",
        payer: str = "apbd",
        start: str | None = None,
        end: str | None = None,
        status: str = "active",
        months: dict[str, str] | None = None,
    ) -> uuid.UUID:
        """A worker; with `start` an enrollment and a contribution per listed month."""
        self._serial += 1
        wid = new_id()
        name = f"Warga {self._serial}"
        self._write(
            "worker", wid, nik=f"35210112019{self._serial:05d}", full_name=name,
            search_name=name.lower(), birth_date="1990-01-12", sex="L",
            category=category.value, status="active", kpj=None,
        )  # fmt: skip
        if start is None:
            return wid
        eid = new_id()
        self._write(
            "enrollment", eid, worker_id=str(wid), segment=segment, programmes="JKK,JKM",
            wage=1_000_000, risk_class=1, payer=payer, start_date=start, end_date=end,
            status=status,
        )  # fmt: skip
        total = 16_800 if segment == "BPU" else 10_920
        for period, line_status in (months or {}).items():
            self._write(
                "contribution", new_id(), enrollment_id=str(eid), worker_id=str(wid),
                period=period, payer=payer, segment=segment, wage=1_000_000, amounts="{}",
                employer_total=0, worker_total=total, total=total, rate_version="2026-01",
                status=line_status,
            )  # fmt: skip
        return wid


def _months(first: str, last: str, status: str) -> dict[str, str]:
    start, end = Period.parse(first), Period.parse(last)
    return {str(start + i): status for i in range(start.months_until(end) + 1)}


def hand_made(db: ServerDatabase) -> dict[str, uuid.UUID]:
    """Two kecamatan, three villages; the figures of each test are worked out in comments."""
    pc = Category.PERANGKAT_DESA
    with db.sessions.begin() as session:
        a = HandVillage(session, "35.21.01.2001", "Bringin", "Sukamaju")
        a.formasi(pc, 4)
        a.formasi(Category.KETUA_RT, 3)
        # A: PU paid Jan-Oct, Nov locked (due 15 Dec): ok, active.
        a.person(
            pc,
            segment="PU",
            payer="apbdes",
            start="2026-01-01",
            months=_months("2026-01", "2026-10", "paid") | {"2026-11": "locked"},
        )
        # B: PU paid Jun-Jul, Aug-Oct locked; Oct is due 16 Nov (15th is a Sunday): 3 months
        # overdue -> warning; PU never lapses -> active.
        a.person(
            pc,
            segment="PU",
            payer="apbdes",
            start="2026-06-01",
            months=_months("2026-06", "2026-07", "paid") | _months("2026-08", "2026-10", "locked"),
        )
        # C: BPU paid Mar-Jun, Jul-Nov unpaid (Nov due 16 Nov): 5 in a row -> lapsed.
        a.person(
            Category.KETUA_RT,
            start="2026-03-01",
            months=_months("2026-03", "2026-06", "paid") | _months("2026-07", "2026-11", "locked"),
        )
        # D: BPU paid May-Nov: ok, active.
        a.person(
            Category.KETUA_RT, start="2026-05-01", months=_months("2026-05", "2026-11", "paid")
        )
        # E: petani (no formasi), Oct void -> 1 month overdue: arrears, active.
        a.person(
            Category.PETANI,
            payer="dbhcht",
            start="2026-09-01",
            months={"2026-09": "paid", "2026-10": "void", "2026-11": "paid"},
        )
        # F: petani registered, not enrolled: counts in the worker fallback only.
        a.person(Category.PETANI)
        # G: perangkat ended 30 June, everything paid: ended, not active.
        a.person(
            pc,
            segment="PU",
            payer="apbdes",
            start="2025-01-01",
            end="2026-06-30",
            status="ended",
            months=_months("2025-01", "2026-06", "paid"),
        )
        # H: perangkat with a draft enrollment: not a participant.
        a.person(pc, segment="PU", payer="apbdes", start="2026-11-01", status="draft")
        b = HandVillage(session, "35.21.01.2002", "Bringin", "Karangasri")
        b.formasi(Category.BPD, 5)
        b.person(Category.BPD, start="2026-10-01", months=_months("2026-10", "2026-11", "paid"))
        c = HandVillage(session, "35.21.02.2001", "Paron", "Gelung")
        c.formasi(Category.BPD, 4)
    add_device_seen(db, a.id, datetime(2026, 11, 20, 8, 15))
    add_device_seen(db, b.id, datetime(2026, 11, 1, 9, 0))
    return {"a": a.id, "b": b.id, "c": c.id}


def village_ids(session: Session) -> dict[str, uuid.UUID]:
    v = t.ENTITY_TABLES["village"]
    return {code: vid for code, vid in session.execute(select(v.c.code, v.c.id))}


__all__ = [
    "HandVillage",
    "Scale",
    "add_device_seen",
    "bulk_seed",
    "generate",
    "hand_made",
    "seed_rows",
    "village_ids",
]
