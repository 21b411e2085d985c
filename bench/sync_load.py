"""Server load (DESIGN.md section 10): 200 villages x 50 ops pushed at once, PostgreSQL,
<= 30 s and zero errors.

Setup (not timed): `villages` villages registered on a fresh server database, one enrolled
device each (POST /connect over HTTP), `ops` new workers per village as protocol-2 insert ops
(the outbox rows the register would have queued). Then every device does what a sync does, all
at the same moment (asyncio + httpx, one connection per device): hello, push of its ops in one
batch, pull from 0 until done. Timed: from the start signal until the last device finished;
every request's latency; an error is any non-200 answer, any failed request or any op whose
result is not `applied`. Afterwards the server database must hold exactly villages x ops
applied ops and as many workers of those villages.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app import __version__
from app.models import new_id
from app.models.migrate import head_revision
from app.server import tables as t
from app.server.db import ServerDatabase
from app.sync.protocol import PROTOCOL_VERSION, Hello, Op, PushRequest
from bench import report, synth
from bench.sync_server import (
    API,
    Server,
    add_village,
    enrollment_code,
    server_database,
)

BACKEND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass
class Device:
    village_id: uuid.UUID
    device_id: str
    token: str
    hello: bytes
    push: bytes
    ops: int


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    applied: int = 0

    def add(self, kind: str, ms: float) -> None:
        self.latencies.setdefault(kind, []).append(ms)

    @property
    def all_ms(self) -> list[float]:
        return [ms for values in self.latencies.values() for ms in values]


def _village(n: int) -> dict[str, str]:
    return {
        "code": f"35.21.{1 + n // 100:02d}.{2001 + n % 100:04d}",
        "name": f"Desa Uji {n + 1}",
        "kecamatan": "Paron",
        "kabupaten": "Ngawi",
        "province": "Jawa Timur",
    }


def _ops(people: list[synth.SynthWorker], village_id: uuid.UUID) -> list[Op]:
    ops = []
    for seq, person in enumerate(people, start=1):
        worker, outbox, _audit = synth._rows(person, village_id, "Operator Desa")
        ops.append(
            Op(
                device_seq=seq,
                op_id=new_id(),
                entity="worker",
                row_id=worker["id"],
                op="insert",
                fields=json.loads(outbox["fields"]),
                base={},
                base_version=None,
            )
        )
    return ops


def _body(model: Any) -> bytes:
    return gzip.compress(model.model_dump_json().encode("utf-8"), compresslevel=6)


def prepare(db: ServerDatabase, url: str, villages: int, ops: int, seed: int) -> list[Device]:
    import httpx

    people = synth.generate(villages * ops, seed)
    devices: list[Device] = []
    with httpx.Client(base_url=url + API, timeout=60) as client:
        for n in range(villages):
            village = _village(n)
            village_id = add_village(db, village)
            answer = client.post(
                "/connect",
                json={"code": enrollment_code(db, village["code"]), "label": "bench"},
                headers={"X-Payung-Protocol": str(PROTOCOL_VERSION)},
            )
            answer.raise_for_status()
            reply = answer.json()
            batch = _ops(people[n * ops : (n + 1) * ops], village_id)
            hello = Hello(
                device_id=reply["device_id"],
                db_instance_id=new_id(),
                protocol_version=PROTOCOL_VERSION,
                schema_version=head_revision(),
                app_version=__version__,
                max_device_seq=len(batch),
                last_pulled_seq=0,
                client_time=datetime.now(UTC),
            )
            devices.append(
                Device(
                    village_id, reply["device_id"], reply["token"], _body(hello),
                    _body(PushRequest(ops=batch)), len(batch),
                )
            )  # fmt: skip
    return devices


async def _device_sync(client: Any, device: Device, start: asyncio.Event, tally: Tally) -> None:
    headers = {
        "Authorization": f"Bearer {device.token}",
        "X-Payung-Protocol": str(PROTOCOL_VERSION),
        "Accept-Encoding": "gzip",
    }
    posting = {**headers, "Content-Type": "application/json", "Content-Encoding": "gzip"}
    await start.wait()

    async def call(kind: str, method: str, path: str, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            answer = await client.request(method, path, **kwargs)
        except Exception as exc:  # every failure counts: the budget is zero errors
            tally.errors[f"{kind}: {type(exc).__name__}"] += 1
            return None
        tally.add(kind, (time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            tally.errors[f"{kind}: HTTP {answer.status_code}"] += 1
            return None
        return answer.json()

    if await call("hello", "POST", "/sync/hello", content=device.hello, headers=posting) is None:
        return
    pushed = await call("push", "POST", "/sync/push", content=device.push, headers=posting)
    if pushed is None:
        return
    results = Counter(r["result"] for r in pushed["results"])
    tally.applied += results.get("applied", 0)
    if results.get("applied", 0) != device.ops:
        tally.errors[f"push: results {dict(results)}"] += 1
    since = 0
    while True:
        page = await call("pull", "GET", "/sync/pull", params={"since": since}, headers=headers)
        if page is None or not page["has_more"]:
            return
        since = page["next_since"]


async def _storm(url: str, devices: list[Device]) -> tuple[float, Tally]:
    import httpx

    tally = Tally()
    # uvicorn closes a connection idle for 5 s (timeout_keep_alive) and httpx keeps one for
    # 5 s too (keepalive_expiry): a request sent on a connection at that very moment is cut
    # (ReadError) before the server reads it. Reuse only connections idle for under 2 s.
    limits = httpx.Limits(
        max_connections=len(devices),
        max_keepalive_connections=len(devices),
        keepalive_expiry=2.0,
    )
    timeout = httpx.Timeout(120.0, connect=30.0)
    async with httpx.AsyncClient(base_url=url + API, limits=limits, timeout=timeout) as client:
        start = asyncio.Event()
        tasks = [asyncio.create_task(_device_sync(client, d, start, tally)) for d in devices]
        await asyncio.sleep(0.2)  # every task waiting at the start line
        started = time.perf_counter()
        start.set()
        await asyncio.gather(*tasks)
        return time.perf_counter() - started, tally


def _held(db: ServerDatabase, devices: list[Device]) -> tuple[int, int]:
    """(applied ops of the devices, workers of their villages) in the server database."""
    ids = [d.device_id for d in devices]
    villages = [d.village_id for d in devices]
    worker = t.ENTITY_TABLES["worker"]
    with db.engine.connect() as conn:
        applied = conn.scalar(
            select(func.count())
            .select_from(t.applied_op)
            .where(t.applied_op.c.device_id.in_(ids), t.applied_op.c.result == "applied")
        )
        workers = conn.scalar(
            select(func.count()).select_from(worker).where(worker.c.village_id.in_(villages))
        )
    return int(applied or 0), int(workers or 0)


def figures(
    work: Path,
    backend: str,
    *,
    villages: int = 200,
    ops: int = 50,
    server_workers: int = 2,
    seed: int = 7,
) -> list[report.Figure]:
    name = BACKEND_NAMES[backend]
    with server_database(backend, work / "server") as db:
        with Server(db, work / "server", workers=server_workers) as server:
            devices = prepare(db, server.url, villages, ops, seed)
            seconds, tally = asyncio.run(_storm(server.url, devices))
        applied, workers = _held(db, devices)
    expected = villages * ops
    errors = sum(tally.errors.values())
    held_ok = applied == expected and workers == expected
    stats = report.spread(tally.all_ms) if tally.all_ms else {"p50": 0.0, "p95": 0.0, "max": 0.0}
    by_kind = {kind: report.spread(ms) for kind, ms in tally.latencies.items()}
    kinds = ", ".join(f"{k} p95 {s['p95']:.0f} ms" for k, s in by_kind.items())
    problems = "; ".join(f"{n}x {what}" for what, n in tally.errors.most_common(5))
    held = f"server holds {applied:,} applied ops and {workers:,} workers"
    if not held_ok:
        held += f" (expected {expected:,})!"
    scale = villages * ops
    where = f"{villages} devices, {server_workers} server workers, {name}"
    return [
        report.Figure(
            name=f"{report.LOAD_FIGURE} ({name})",
            scale=scale,
            value=seconds,
            unit="s",
            budget=report.LOAD_TOTAL,
            detail=(
                f"{errors} errors{': ' + problems if problems else ''}; {held}; "
                f"hello + push {ops} ops + pull per device; {where}"
            ),
            failed=errors > 0 or not held_ok,
            extra={
                "errors": dict(tally.errors),
                "applied": applied,
                "workers": workers,
                "latency_ms": by_kind,
                "server_workers": server_workers,
            },
        ),
        report.Figure(
            name=f"{report.LOAD_LATENCY_FIGURE} ({name})",
            scale=scale,
            value=stats["p95"],
            unit="ms",
            budget=None,
            detail=(
                f"p50 {stats['p50']:.0f} ms, max {stats['max']:.0f} ms over "
                f"{len(tally.all_ms):,} requests; {kinds}"
            ),
            extra=dict(stats),
        ),
    ]


def main() -> None:  # pragma: no cover - manual runs: python -m bench.sync_load [backend]
    import shutil
    import sys
    import tempfile

    backend = sys.argv[1] if len(sys.argv) > 1 else "postgresql"
    server_workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    work = Path(tempfile.mkdtemp(prefix="payung-bench-load-"))
    try:
        print(report.table(figures(work, backend, server_workers=server_workers)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
