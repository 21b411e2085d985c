"""Dashboard figures (issue 6, DESIGN.md section 7): a kabupaten of 450 villages x 300 workers
on PostgreSQL (SQLite when PAYUNG_TEST_PG_URL is not set), measured through the real server.

- `seed_kabupaten(db, villages, workers_per_village, months, seed)`: bulk seeding (COPY on
  PostgreSQL, executemany on SQLite) of villages (through the real service), formasi, workers,
  one coverage period per active worker, `months` months of contributions (locked, or paid
  when the payer has paid: the bench/synth.py payment calendar), payments, devices with
  varied last-seen times and a few open conflicts. Every row gets the next version of its
  village counter and a change-log entry, as pushes would have left them. Returns `Kabupaten`
  (what was written, with per-village facts the tests check the pages against).
- `figures(...)`: the overview page (GET /ringkasan with a logged-in session, median and p95)
  and the consolidated roster (`payung-server roster MONTH --payer PAYER --out FILE.xlsx`,
  wall time). With `profile=True` (or when a figure is over budget) each one is profiled
  in-process: the slowest SQL statements and the top functions go to the log.

    python -m bench --only dashboard           (the harness: budget table, results.json)
    python -m bench.dashboard_bench --villages 450 --workers 300 [--profile]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert, text
from sqlalchemy.engine import Connection

from app.domain.categories import Category, WorkerStatus
from app.domain.contribution import Terms, compute_month
from app.domain.enrollment import EnrollmentStatus, programmes_text
from app.domain.period import Period
from app.domain.rates import Payer, RateSet
from app.models import new_id, utcnow
from app.server import tables as t
from app.server import villages as village_service
from app.server.db import ServerDatabase
from app.services.rates import shipped_rates
from app.services.roster import line_id
from bench import report, synth

VILLAGES = 450
WORKERS_PER_VILLAGE = 300
# A year of billing, 2025-11 .. 2026-10 (coverage periods start within it, so each history is
# complete): ~1 million contribution lines, what reports_standing.py was designed for. Paid by
# the bench/synth.py calendar: APBD through September, DBHCHT through June, the rest locked.
MONTHS = 12
ROSTER_MONTH = "2026-09"
ROSTER_PAYER = "apbd"
OVERVIEW_RUNS = 10
SEED_VERSION = 1  # bump when seed_kabupaten writes different rows: the cached dump is rebuilt
OVERVIEW_PATH = "/ringkasan"
OPERATOR = ("bench", "bench-sandi-rahasia-123")

OVERVIEW = report.DASHBOARD_OVERVIEW
ROSTER = report.DASHBOARD_ROSTER
OVERVIEW_FIGURE = report.DASHBOARD_OVERVIEW_FIGURE
ROSTER_FIGURE = report.DASHBOARD_ROSTER_FIGURE

KECAMATAN = (
    "Sine", "Ngrambe", "Jogorogo", "Kendal", "Geneng", "Kwadungan", "Karangjati", "Padas",
    "Ngawi", "Paron", "Kedunggalar", "Widodaren", "Mantingan", "Pangkur", "Bringin", "Pitu",
    "Karanganyar", "Gerih", "Kasreman",
)  # fmt: skip
_PREFIX = (
    "Suka", "Sido", "Karang", "Tegal", "Wono", "Banyu", "Sumber", "Mulyo", "Ngadi", "Jati",
    "Tanjung", "Giri", "Purwo", "Rejo", "Sri", "Tawang", "Kedung", "Watu",
)  # fmt: skip
_SUFFIX = (
    "maju", "rejo", "mulyo", "harjo", "agung", "sari", "asri", "kerto", "makmur", "jaya",
    "wangi", "dadi", "luhur",
)  # fmt: skip


# -- seeding ------------------------------------------------------------------------------------
@dataclass(slots=True)
class VillageFacts:
    """What was seeded for one village (the pages' numbers are checked against these)."""

    id: uuid.UUID
    code: str
    name: str
    kecamatan: str
    formasi: dict[str, int] = field(default_factory=dict)  # category -> posts
    workers: dict[str, int] = field(default_factory=dict)  # category -> active workers
    enrolled: dict[str, int] = field(default_factory=dict)  # category -> ACTIVE enrollments
    submitted: dict[str, int] = field(default_factory=dict)  # category -> SUBMITTED ones
    ended_workers: int = 0
    last_seen_days: float | None = None  # None: no device
    open_conflicts: int = 0
    niks: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # full names, in the order of `niks`


@dataclass(slots=True)
class Kabupaten:
    villages: list[VillageFacts]
    months: list[str]
    counts: Counter[str]
    # (period, payer) -> [(village code, nik, name, total, status)] of the contribution lines
    lines: dict[tuple[str, str], list[tuple[str, str, str, int, str]]]
    seconds: float = 0.0
    seeded_at: datetime | None = None  # naive UTC; devices' last-seen times are relative to it

    def village(self, code: str) -> VillageFacts:
        return next(v for v in self.villages if v.code == code)


def village_code(index: int) -> str:
    kecamatan = index % len(KECAMATAN) + 1
    return f"35.21.{kecamatan:02d}.{2001 + index // len(KECAMATAN):04d}"


def _village_name(index: int) -> str:
    n = index // len(KECAMATAN)
    prefix = _PREFIX[(n * 7 + index) % len(_PREFIX)]
    return prefix + _SUFFIX[n % len(_SUFFIX)]


def seed_kabupaten(
    db: ServerDatabase,
    *,
    villages: int = VILLAGES,
    workers_per_village: int = WORKERS_PER_VILLAGE,
    months: int = MONTHS,
    last_month: Period | None = None,
    all_paid: bool = False,
    seed: int = 7,
    log: Callable[[str], None] = lambda _m: None,
) -> Kabupaten:
    """`months` months of contributions ending with `last_month` (default October 2026, the
    month before bench/synth.py's BENCH_MONTH); coverage periods start in the first of them at
    the earliest. `all_paid`: every line paid (nobody in arrears whatever today is: the tests
    seed up to next month so the pages' figures do not depend on the date)."""
    started = time.perf_counter()
    last = last_month or synth.BENCH_MONTH - 1
    seeder = _Seeder(
        [last - (months - 1) + i for i in range(months)], all_paid, random.Random(seed)
    )
    people = synth.generate(villages * workers_per_village, seed)
    periods = synth.enrollments_for(people, seed)
    log(f"dashboard seed: {len(people):,} people, {len(periods):,} coverage periods generated")
    seeder.register(db, villages)
    log(f"dashboard seed: {villages} villages registered")
    seeder.workers(people, workers_per_village)
    seeder.formasi()
    seeder.enrollments(people, periods, workers_per_village)
    seeder.contributions(people, periods, workers_per_village)
    seeder.devices_and_conflicts()
    log(f"dashboard seed: rows built in {time.perf_counter() - started:.1f} s; writing")
    counts = seeder.write(db)
    seconds = time.perf_counter() - started
    log(f"dashboard seed: {dict(counts)} in {seconds:.1f} s ({db.engine.dialect.name})")
    return Kabupaten(
        seeder.facts, [str(p) for p in seeder.months], counts, dict(seeder.lines), seconds,
        seeder.now,
    )  # fmt: skip


class _Seeder:
    """The rows of a kabupaten, built in memory, then written table by table."""

    def __init__(self, months: list[Period], all_paid: bool, rng: random.Random) -> None:
        self.months = months
        self.earliest = months[0].first_day
        self.all_paid = all_paid
        self.rng = rng
        self.now = utcnow()
        self.facts: list[VillageFacts] = []
        self.seqs: dict[uuid.UUID, int] = {}
        self.change_log: list[dict[str, Any]] = []
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.worker_ids: list[uuid.UUID] = []
        self.enrollment_ids: list[uuid.UUID] = []
        self.lines: dict[tuple[str, str], list[tuple[str, str, str, int, str]]] = defaultdict(list)

    def register(self, db: ServerDatabase, villages: int) -> None:
        for index in range(villages):
            code, name = village_code(index), _village_name(index)
            kecamatan = KECAMATAN[index % len(KECAMATAN)]
            with db.sessions.begin() as session:
                vid = village_service.add_village(
                    session, code=code, name=name, kecamatan=kecamatan, kabupaten="Ngawi",
                    province="Jawa Timur", actor="bench",
                )  # fmt: skip
            self.facts.append(VillageFacts(vid, code, name, kecamatan))
            self.seqs[vid] = 1  # add_village took version 1

    def _synced(self, village_id: uuid.UUID, entity: str, row_id: uuid.UUID) -> dict[str, Any]:
        """The sync columns of a new row: the village's next version and its change-log entry."""
        self.seqs[village_id] += 1
        seq = self.seqs[village_id]
        self.change_log.append(
            {"village_id": village_id, "seq": seq, "entity": entity, "row_id": row_id}
        )
        return {
            "id": row_id, "village_id": village_id, "version": seq, "deleted": False,
            "updated_at_client": self.now,
        }  # fmt: skip

    def workers(self, people: Sequence[synth.SynthWorker], per_village: int) -> None:
        for i, person in enumerate(people):
            v = self.facts[i // per_village]
            d = person.data
            wid = new_id()
            self.worker_ids.append(wid)
            v.niks.append(d.nik)
            v.names.append(d.name)
            if person.status is WorkerStatus.ACTIVE:
                v.workers[d.category.value] = v.workers.get(d.category.value, 0) + 1
            else:
                v.ended_workers += 1
            self.rows["worker"].append({
                **self._synced(v.id, "worker", wid), "nik": d.nik, "no_kk": d.no_kk,
                "kpj": d.kpj, "full_name": d.name, "search_name": d.name.lower(),
                "birth_place": d.birth_place, "birth_date": d.birth_date, "sex": d.sex.value,
                "mother_name": d.mother_name,
                "marital_status": d.marital_status.value if d.marital_status else None,
                "address": d.address, "dusun": d.dusun, "rt": d.rt, "rw": d.rw,
                "phone": d.phone, "category": d.category.value, "position": d.position,
                "status": person.status.value, "end_date": person.end_date,
                "end_reason": person.end_reason.value if person.end_reason else None,
            })  # fmt: skip

    def formasi(self) -> None:
        """Every category the village has people in, with 0-40 % more posts than active
        workers (coverage differs between villages and stays at or under 100 %), and a few
        posts of categories nobody holds yet."""
        for v in self.facts:
            for category in Category:
                held = v.workers.get(category.value, 0)
                if held == 0 and self.rng.random() < 0.85:
                    continue
                posts = max(1, held + round(held * self.rng.uniform(0.0, 0.4)))
                v.formasi[category.value] = posts
                self.rows["position_quota"].append({
                    **self._synced(v.id, "position_quota", new_id()),
                    "category": category.value, "count": posts,
                })  # fmt: skip

    def enrollments(
        self,
        people: Sequence[synth.SynthWorker],
        periods: Sequence[synth.SynthEnrollment],
        per_village: int,
    ) -> None:
        for e in periods:
            v = self.facts[e.worker // per_village]
            category = people[e.worker].data.category.value
            bucket = v.enrolled if e.status is EnrollmentStatus.ACTIVE else v.submitted
            bucket[category] = bucket.get(category, 0) + 1
            eid = new_id()
            self.enrollment_ids.append(eid)
            self.rows["enrollment"].append({
                **self._synced(v.id, "enrollment", eid), "worker_id": self.worker_ids[e.worker],
                "segment": e.segment.value, "programmes": programmes_text(e.programmes),
                "wage": e.wage, "risk_class": 1, "payer": e.payer.value, "kpj": e.kpj,
                "start_date": max(e.start, self.earliest), "end_date": None,
                "end_reason": None, "status": e.status.value, "receipt_no": None,
            })  # fmt: skip

    def _paid(self, payer: Payer, period: Period) -> bool:
        return self.all_paid or synth.settled(payer, period)

    def contributions(
        self,
        people: Sequence[synth.SynthWorker],
        periods: Sequence[synth.SynthEnrollment],
        per_village: int,
    ) -> None:
        all_rates = shipped_rates()
        for period in self.months:
            rates = RateSet.effective(all_rates, period.first_day)
            computed: dict[Terms, dict[str, Any]] = {}
            billed: dict[tuple[int, Payer], int] = defaultdict(int)
            for e, eid in zip(periods, self.enrollment_ids, strict=True):
                if max(e.start, self.earliest) > period.last_day:
                    continue
                index = e.worker // per_village
                v = self.facts[index]
                values = computed.get(e.terms)
                if values is None:
                    values = computed[e.terms] = _amounts(e.terms, period, rates)
                status = "paid" if self._paid(e.payer, period) else "locked"
                self.rows["contribution"].append({
                    **self._synced(v.id, "contribution", line_id(eid, period)),
                    "enrollment_id": eid, "worker_id": self.worker_ids[e.worker],
                    "period": str(period), "payer": e.payer.value, "segment": e.segment.value,
                    "wage": e.wage, **values, "status": status,
                })  # fmt: skip
                person = people[e.worker].data
                self.lines[(str(period), e.payer.value)].append(
                    (v.code, person.nik, person.name, values["total"], status)
                )
                billed[(index, e.payer)] += values["total"]
            for (index, payer), amount in sorted(billed.items()):
                if self._paid(payer, period):
                    self.rows["payment"].append({
                        **self._synced(self.facts[index].id, "payment", new_id()),
                        "period": str(period), "payer": payer.value, "amount": amount,
                        "paid_on": synth.paid_on(payer, period),
                        "reference": synth.reference(payer, period), "note": None,
                    })  # fmt: skip

    def devices_and_conflicts(self) -> None:
        """Most villages synced within the last 3 days, some 10-60 days ago, 5 % never
        enrolled; one open conflict in ~10 % of the villages."""
        for v in self.facts:
            roll = self.rng.random()
            if roll >= 0.05:
                days = self.rng.uniform(0, 3) if roll < 0.85 else self.rng.uniform(10, 60)
                v.last_seen_days = days
                self.rows["device"].append({
                    "id": f"dev-{secrets.token_hex(6)}", "village_id": v.id,
                    "label": "PC kantor desa",
                    "token_hash": hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                    "bundle_key": secrets.token_urlsafe(32)[:43],
                    "db_instance_id": uuid.uuid4(), "last_device_seq": 0,
                    "last_pulled_seq": self.seqs[v.id], "app_version": "1.0.0",
                    "created_at": self.now - timedelta(days=90),
                    "last_seen_at": self.now - timedelta(days=days), "revoked_at": None,
                })  # fmt: skip
        workers = {r["village_id"]: r for r in reversed(self.rows["worker"])}
        for v in self.facts:
            if self.rng.random() < 0.1 and v.id in workers:
                v.open_conflicts = 1
                worker = workers[v.id]
                fields = {"phone": {"local": "081200000000", "server": worker["phone"],
                                    "kept": "server"}}  # fmt: skip
                self.rows["sync_conflict"].append({
                    "id": new_id(), "village_id": v.id, "entity": "worker",
                    "row_id": worker["id"], "kind": "field", "fields": json.dumps(fields),
                    "device_id": None, "device_seq": None, "created_at": self.now,
                    "status": "open", "resolution": None, "resolved_at": None,
                    "resolved_by": None,
                })  # fmt: skip

    def write(self, db: ServerDatabase) -> Counter[str]:
        tables: list[tuple[str, Table]] = [
            ("position_quota", t.ENTITY_TABLES["position_quota"]),
            ("worker", t.ENTITY_TABLES["worker"]),
            ("enrollment", t.ENTITY_TABLES["enrollment"]),
            ("contribution", t.ENTITY_TABLES["contribution"]),
            ("payment", t.ENTITY_TABLES["payment"]),
            ("device", t.device),
            ("sync_conflict", t.sync_conflict),
        ]
        counts: Counter[str] = Counter(villages=len(self.facts))
        with db.engine.begin() as conn:
            for name, table in tables:
                _write(conn, table, self.rows[name])
                counts[name] = len(self.rows[name])
            _write(conn, t.change_log, self.change_log)
            counts["change_log"] = len(self.change_log)
            _set_counters(conn, self.seqs)
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        else:
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        return counts


def _amounts(terms: Terms, period: Period, rates: RateSet) -> dict[str, Any]:
    amount = compute_month(terms, period, rates)
    return {
        "amounts": json.dumps(
            {a.programme.value: [a.employer, a.worker] for a in amount.amounts}, sort_keys=True
        ),
        "employer_total": sum(a.employer for a in amount.amounts),
        "worker_total": sum(a.worker for a in amount.amounts),
        "total": amount.total,
        "rate_version": amount.rate_version,
    }


def _set_counters(conn: Connection, seqs: dict[uuid.UUID, int]) -> None:
    from sqlalchemy import bindparam, update

    counter = t.village_counter
    conn.execute(
        update(counter)
        .where(counter.c.village_id == bindparam("vid"))
        .values(seq=bindparam("new_seq")),
        [{"vid": vid, "new_seq": seq} for vid, seq in seqs.items()],
    )


def _write(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """COPY on PostgreSQL (~10x executemany), executemany elsewhere."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        for start in range(0, len(rows), 5_000):
            conn.execute(insert(table), rows[start : start + 5_000])
        return
    columns = list(rows[0])
    raw = conn.connection.dbapi_connection
    assert raw is not None
    quoted = ", ".join(f'"{c}"' for c in columns)
    statement = f'COPY "{table.name}" ({quoted}) FROM STDIN'
    with raw.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[attr-defined]
        for row in rows:
            copy.write_row([row[c] for c in columns])


# -- measuring ----------------------------------------------------------------------------------
def add_operator(
    db: ServerDatabase, data_dir: Path, username: str, password: str, role: str
) -> None:
    """`payung-server operator add` (D1's command, password on stdin)."""
    done = subprocess.run(
        [sys.executable, "-m", "app.server.cli", "--database-url", db.url, "--data-dir",
         str(data_dir), "operator", "add", "--username", username, "--role", role],
        input=f"{password}\n", capture_output=True, text=True, cwd=synth_repo(), env=_env(),
        timeout=120, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"operator add failed: {done.stderr.strip()}")


def synth_repo() -> Path:
    return Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAYUNG_")}
    env["PYTHONPATH"] = str(synth_repo()) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def login(client: Any, username: str, password: str) -> None:
    """The dashboard's login form through httpx: its CSRF token, then the post."""
    import re

    page = client.get("/login")
    page.raise_for_status()
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page.text
    )
    if found is None:
        raise RuntimeError("login page has no csrf_token field")
    answer = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": found.group(1)},
        follow_redirects=False,  # the overview is fetched (and timed) by the caller
    )
    if answer.status_code != 303 or answer.headers.get("location") != OVERVIEW_PATH:
        raise RuntimeError(f"login refused ({answer.status_code})")


def overview_times(url: str, runs: int = OVERVIEW_RUNS) -> tuple[float, list[float], int]:
    """Seconds of the first GET /ringkasan after the server started (the reports' caches are
    cold), then of `runs` more; the page's size in bytes."""
    import httpx

    with httpx.Client(base_url=url, timeout=600, follow_redirects=True) as client:
        login(client, *OPERATOR)
        started = time.perf_counter()
        client.get(OVERVIEW_PATH).raise_for_status()
        first = time.perf_counter() - started
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            answer = client.get(OVERVIEW_PATH)
            times.append(time.perf_counter() - started)
            answer.raise_for_status()
            if "/login" in str(answer.url):
                raise RuntimeError("overview answered with the login page")
    return first, times, len(answer.content)


def _rss_mb(server: Any) -> float:
    """Resident memory of the server process (psutil), NaN when unknown."""
    try:
        import psutil

        return float(psutil.Process(server._process.pid).memory_info().rss) / 1e6
    except Exception:
        return float("nan")


def roster_time(db: ServerDatabase, data_dir: Path, out: Path) -> tuple[float, float]:
    """Wall time of `payung-server roster MONTH --payer PAYER --out FILE.xlsx` (a subprocess,
    so it includes Python start-up as the DPMD operator sees it) and its CPU seconds (what
    it costs on a quiet machine, roughly, when other work inflates the wall time)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "app.server.cli", "--database-url", db.url, "--data-dir",
         str(data_dir), "roster", ROSTER_MONTH, "--payer", ROSTER_PAYER, "--out", str(out)],
        capture_output=True, text=True, cwd=synth_repo(), env=_env(), timeout=600, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"roster failed: {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def figures(
    db: ServerDatabase,
    data_dir: Path,
    kab: Kabupaten,
    *,
    runs: int = OVERVIEW_RUNS,
    profile: bool = False,
    log: Callable[[str], None] = lambda _m: None,
) -> list[report.Figure]:
    from bench.sync_server import Server

    scale = sum(len(v.niks) for v in kab.villages)
    where = f"{len(kab.villages)} villages, {db.engine.dialect.name}"
    found: list[report.Figure] = []
    add_operator(db, data_dir, *OPERATOR, "operator")
    try:
        with Server(db, data_dir) as server:
            first, times, size = overview_times(server.url, runs)
            rss = _rss_mb(server)
        found.append(report.Figure(
            OVERVIEW_FIGURE.format("first request after start"), scale, first, "s", OVERVIEW,
            detail=f"GET {OVERVIEW_PATH} with the reports' caches cold; server RSS after the "
            f"runs {rss:.0f} MB, {where}",
        ))  # fmt: skip
        ms = [s * 1000 for s in times]
        stats = report.spread(ms)
        for name, value in (("median", stats["p50"]), ("p95", stats["p95"])):
            found.append(report.Figure(
                OVERVIEW_FIGURE.format(name), scale, value / 1000, "s", OVERVIEW,
                detail=f"GET {OVERVIEW_PATH}, {runs} runs, {size / 1e3:.0f} kB page, {where}; "
                f"max {stats['max']:.0f} ms",
                extra={"ms": ms},
            ))  # fmt: skip
    except Exception as exc:  # a page not written yet: n/a, the rest still runs
        log(f"dashboard: overview not measured: {exc}")
        for name in ("first request after start", "median", "p95"):
            found.append(report.Figure(
                OVERVIEW_FIGURE.format(name), scale, None, "s", OVERVIEW, note=str(exc)[:120]
            ))  # fmt: skip
    lines = len(kab.lines.get((ROSTER_MONTH, ROSTER_PAYER), []))
    try:
        with tempfile.TemporaryDirectory(prefix="payung-bench-roster-") as folder:
            out = Path(folder) / "rekap.xlsx"
            seconds, cpu = roster_time(db, data_dir, out)
            size = out.stat().st_size
        found.append(report.Figure(
            ROSTER_FIGURE, scale, seconds, "s", ROSTER,
            detail=f"{ROSTER_MONTH} {ROSTER_PAYER}: {lines:,} lines, {size / 1e6:.1f} MB, "
            f"CPU {cpu:.1f} s, {where}",
            extra={"cpu_seconds": round(cpu, 2)},
        ))  # fmt: skip
    except Exception as exc:
        log(f"dashboard: roster not measured: {exc}")
        found.append(report.Figure(
            ROSTER_FIGURE, scale, None, "s", ROSTER,
            note=str(exc)[:120],
        ))  # fmt: skip
    if profile or any(f.verdict == "OVER" for f in found):
        profile_overview(db, log=log)
        profile_roster(db, data_dir, log=log)
    return found


# -- profiling ----------------------------------------------------------------------------------
class StatementTimer:
    """Times every SQL statement run on `engine` (SQLAlchemy cursor events)."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.engine = engine
        self.spent: list[tuple[float, int, str]] = []  # seconds, rows of params, statement
        self._event = event

    def __enter__(self) -> StatementTimer:
        self._event.listen(self.engine, "before_cursor_execute", self._before)
        self._event.listen(self.engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *_: object) -> None:
        self._event.remove(self.engine, "before_cursor_execute", self._before)
        self._event.remove(self.engine, "after_cursor_execute", self._after)

    def _before(
        self, conn: Any, _cursor: Any, _stmt: str, _params: Any, context: Any, many: bool
    ) -> None:
        conn.info.setdefault("bench_started", []).append(time.perf_counter())

    def _after(
        self, conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any, many: bool
    ) -> None:
        started = conn.info["bench_started"].pop()
        self.spent.append((time.perf_counter() - started, len(params) if many else 1, statement))

    def summary(self, top: int = 8) -> list[str]:
        total = sum(s for s, _, _ in self.spent)
        grouped: dict[str, list[float]] = defaultdict(list)
        for seconds, _n, statement in self.spent:
            grouped[" ".join(statement.split())[:220]].append(seconds)
        ordered = sorted(grouped.items(), key=lambda kv: -sum(kv[1]))[:top]
        head = f"{len(self.spent)} statements, {total * 1000:.0f} ms in the database"
        return [head] + [f"  {sum(v) * 1000:8.0f} ms  x{len(v):<5} {stmt}" for stmt, v in ordered]


def _profile(call: Callable[[], Any], engine: Any, title: str, log: Callable[[str], None]) -> None:
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    with StatementTimer(engine) as timer:
        started = time.perf_counter()
        profiler.enable()
        try:
            call()
        finally:
            profiler.disable()
        wall = time.perf_counter() - started
    log(f"profile of {title}: {wall:.2f} s wall; " + "\n".join(timer.summary()))
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).sort_stats("cumulative")
    stats.print_stats(r"app/|openpyxl|sqlalchemy/engine|jinja2", 25)
    log(f"top functions of {title} (cumulative):\n{_trim(stream.getvalue())}")


def _trim(text_: str) -> str:
    keep = [line for line in text_.splitlines() if line.strip()]
    start = next((i for i, line in enumerate(keep) if "ncalls" in line), 0)
    return "\n".join(keep[start:])


def profile_overview(db: ServerDatabase, *, log: Callable[[str], None]) -> None:
    """What GET /ringkasan computes (app.server.reports.overview), in this process: first with
    the reports' caches cold (this process never read the data), then warm. The route runs
    it on a worker thread, out of cProfile's sight, hence the direct call."""
    try:
        from app.server.reports import overview

        def call() -> None:
            now = utcnow()
            with db.sessions() as session:
                overview(session, now.date(), now)

        for state in ("cold: first call of the process", "warm"):
            _profile(call, db.engine, f"reports.overview ({state})", log)
    except Exception as exc:
        log(f"profile of the overview failed: {exc!r}")


def profile_roster(db: ServerDatabase, data_dir: Path, *, log: Callable[[str], None]) -> None:
    """`payung-server roster` in-process (same code path as the subprocess)."""
    try:
        from sqlalchemy.engine import Engine

        from app.server import cli

        with tempfile.TemporaryDirectory(prefix="payung-bench-roster-") as folder:
            out = Path(folder) / "rekap.xlsx"
            argv = ["--database-url", db.url, "--data-dir", str(data_dir), "roster",
                    ROSTER_MONTH, "--payer", ROSTER_PAYER, "--out", str(out)]  # fmt: skip
            # cli.main opens its own engine: time the statements of every Engine (class events).
            _profile(lambda: cli.main(argv), Engine, "payung-server roster", log)
    except Exception as exc:
        log(f"profile of the roster failed: {exc!r}")


# -- stand-alone, with the seeded database cached as a pg_dump ----------------------------------
def run(
    *, villages: int = VILLAGES, workers: int = WORKERS_PER_VILLAGE, seed: int = 7,
    runs: int = OVERVIEW_RUNS, profile: bool = False, rebuild: bool = False,
    log: Callable[[str], None] = print,
) -> list[report.Figure]:  # fmt: skip
    """Seed (or restore the cached dump of) the kabupaten, then measure. On PostgreSQL the
    seeded database is kept as bench/out/dashboard-*.dump (custom format) with its facts, so
    the next run restores it (pg_restore) instead of seeding again."""
    from bench.sync_server import pg_admin_url, server_database

    with tempfile.TemporaryDirectory(prefix="payung-bench-dash-") as folder:
        data_dir = Path(folder)
        if pg_admin_url() is None:
            log(
                "dashboard: PAYUNG_TEST_PG_URL not set (run under scripts/with-postgres.sh): SQLite"
            )
            with server_database("sqlite", data_dir) as db:
                kab = seed_kabupaten(db, villages=villages, workers_per_village=workers,
                                     seed=seed, log=log)  # fmt: skip
                return _measured(db, data_dir, kab, runs=runs, profile=profile, log=log)
        with pg_database(data_dir) as db:
            kab = cached_kabupaten(db, villages, workers, seed, rebuild=rebuild, log=log)
            return _measured(db, data_dir, kab, runs=runs, profile=profile, log=log)


def _measured(
    db: ServerDatabase, data_dir: Path, kab: Kabupaten, *, runs: int, profile: bool,
    log: Callable[[str], None],
) -> list[report.Figure]:  # fmt: skip
    found = figures(db, data_dir, kab, runs=runs, profile=profile, log=log)
    for f in found:
        f.extra["seed_seconds"] = round(kab.seconds, 1)
    return found


def _pg_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: p.parts[-3])
    if not found:
        raise RuntimeError(f"{name} not found under /usr/lib/postgresql")
    return str(found[-1])


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@contextmanager
def pg_database(data_dir: Path) -> Iterator[ServerDatabase]:
    """An empty (not migrated) database on the PAYUNG_TEST_PG_URL cluster, dropped after."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from app.server.db import open_server_database
    from bench.sync_server import pg_admin_url

    admin_url = pg_admin_url()
    assert admin_url is not None
    name = f"payung_dash_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    db = open_server_database(url, data_dir)
    try:
        yield db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def cache_stem(villages: int, workers: int, seed: int) -> str:
    from app.server.migrate import head_revision
    from bench.cache import generator_version

    return (
        f"dashboard-v{villages}-w{workers}-m{MONTHS}-s{seed}-r{head_revision()}"
        f"-g{generator_version()}-d{SEED_VERSION}"
    )


def cached_kabupaten(
    db: ServerDatabase, villages: int, workers: int, seed: int, *, rebuild: bool,
    log: Callable[[str], None],
) -> Kabupaten:  # fmt: skip
    """Restore bench/out/<stem>.dump into the empty database `db`, or migrate, seed and dump."""
    import pickle

    from app.server import migrate
    from bench.cache import OUT

    stem = cache_stem(villages, workers, seed)
    dump, facts = OUT / f"{stem}.dump", OUT / f"{stem}.facts.pickle"
    if dump.exists() and facts.exists() and not rebuild:
        started = time.perf_counter()
        subprocess.run(
            [_pg_bin("pg_restore"), "--no-owner", "--jobs=2", "-d", _libpq(db.url), str(dump)],
            check=True, capture_output=True, timeout=1800,
        )  # fmt: skip
        kab: Kabupaten = pickle.loads(facts.read_bytes())  # our own cache file
        shift = utcnow() - (kab.seeded_at or utcnow())
        with db.engine.begin() as conn:  # devices seen as long ago as when it was seeded
            conn.execute(
                t.device.update()
                .where(t.device.c.last_seen_at.is_not(None))
                .values(last_seen_at=t.device.c.last_seen_at + shift)
            )
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        log(f"dashboard: restored {dump.name} in {time.perf_counter() - started:.1f} s "
            f"(seeding took {kab.seconds:.0f} s; --rebuild seeds again)")  # fmt: skip
        return kab
    for old in OUT.glob(f"dashboard-v{villages}-w{workers}-*"):
        old.unlink()
    migrate.upgrade(db)
    kab = seed_kabupaten(db, villages=villages, workers_per_village=workers, seed=seed, log=log)
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [_pg_bin("pg_dump"), "-Fc", "--no-owner", "-f", str(dump), _libpq(db.url)],
        check=True, capture_output=True, timeout=1800,
    )  # fmt: skip
    facts.write_bytes(pickle.dumps(kab))
    log(f"dashboard: cached as {dump.name} ({dump.stat().st_size / 1e6:.0f} MB) in "
        f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    return kab


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard_bench")
    parser.add_argument("--villages", type=int, default=VILLAGES)
    parser.add_argument("--workers", type=int, default=WORKERS_PER_VILLAGE)
    parser.add_argument("--runs", type=int, default=OVERVIEW_RUNS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--rebuild", action="store_true", help="seed again, ignore the dump")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    found = run(villages=args.villages, workers=args.workers, seed=args.seed, runs=args.runs,
                profile=args.profile, rebuild=args.rebuild, log=log)  # fmt: skip
    print(report.table(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
