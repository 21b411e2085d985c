"""Parts of the server soak (bench/soak_server.py) and the server fault tests
(tests/faults_server/): the real server with several workers that can be SIGKILLed and started
again on the same port, real village PCs (app.sync clients on real migrated SQLite files), a
transport that times every request per endpoint, and the end-of-run comparison of a PC with
the server (digests of every synced table, rows, applied_op).

Nothing here logs names or NIKs: only counts, codes and ids.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.config import resolve_paths
from app.domain.village import validate_village
from app.domain.worker import WorkerDraft
from app.server import tables as t
from app.server.db import ServerDatabase
from app.server.pull import verify_tables
from app.services.context import AppContext
from app.sync import apply
from app.sync.engine import SyncEngine, SyncResult
from app.sync.errors import SyncError
from app.sync.secrets import SecretStore
from app.sync.transport import Transport
from bench.sync_server import API, REPO, free_port

TODAY = date(2026, 11, 21)


# -- the server ---------------------------------------------------------------------------------


class ServerProcess:
    """`payung-server serve --workers N` in its own process group on a fixed loopback port:
    `kill()` SIGKILLs the whole group (the master and its workers, like a power cut of the
    server machine); `start()` again serves on the same port, so clients keep their URL."""

    def __init__(self, db_url: str, data_dir: Path, *, workers: int = 2) -> None:
        self.db_url = db_url
        self.data_dir = data_dir
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = data_dir / "server.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 90.0) -> ServerProcess:
        import httpx

        env = {k: v for k, v in os.environ.items() if not k.startswith("PAYUNG_")}
        env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
        command = [
            sys.executable, "-m", "app.server.cli", "--database-url", self.db_url,
            "--data-dir", str(self.data_dir), "serve", "--host", "127.0.0.1",
            "--port", str(self.port), "--workers", str(self.workers),
        ]  # fmt: skip
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        healthy = 0
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"payung-server ended early; see {self.log_path}")
            try:
                if httpx.get(f"{self.url}{API}/health", timeout=2).status_code == 200:
                    healthy += 1  # with several workers: let the others come up too
                    if healthy >= (1 if self.workers == 1 else 10):
                        return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.kill()
        raise TimeoutError(f"payung-server at {self.url} did not answer in {timeout:.0f} s")

    def _signal_group(self, sig: signal.Signals) -> None:
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, sig)  # our own session: pgid == the master's pid

    def kill(self) -> None:
        """SIGKILL the master and every worker, then reap the master."""
        if self._process is None:
            return
        self._signal_group(signal.SIGKILL)
        self._process.wait(timeout=30)
        self._wait_group_gone()

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            self._signal_group(signal.SIGKILL)  # orphaned workers, if any
            return
        self._signal_group(signal.SIGTERM)
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._signal_group(signal.SIGKILL)
            self._process.wait(timeout=30)
        self._wait_group_gone()

    def _wait_group_gone(self) -> None:
        for _ in range(100):
            if not self.group_pids():
                return
            time.sleep(0.05)

    def group_pids(self) -> list[int]:
        """Live processes of the server's process group (master and workers)."""
        if self._process is None:
            return []
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[2]) == self._process.pid and fields[0] != "Z":
                pids.append(int(entry.name))
        return pids

    def rss_mb(self) -> float:
        """Resident memory of the master and its workers together, MB."""
        total = 0
        for pid in self.group_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        return total / 1024


# -- timing every request -------------------------------------------------------------------------


@dataclass
class Tally:
    """Latency per endpoint (ms, successful requests) and failures per endpoint and kind."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    syncs: int = 0
    failed_syncs: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, kind: str, ms: float) -> None:
        with self._lock:
            self.latencies.setdefault(kind, []).append(ms)

    def fail(self, what: str) -> None:
        with self._lock:
            self.errors[what] += 1

    def merge(self, other: dict[str, Any]) -> None:
        for kind, values in other["latencies"].items():
            self.latencies.setdefault(kind, []).extend(values)
        self.errors.update(other["errors"])
        self.failed_syncs.update(other["failed_syncs"])
        self.syncs += other["syncs"]

    def reset(self) -> dict[str, Any]:
        """What was tallied so far (as_dict), then start from zero."""
        with self._lock:
            before = self.as_dict()
            self.latencies, self.errors, self.failed_syncs = {}, Counter(), Counter()
            self.syncs = 0
        return before

    def as_dict(self) -> dict[str, Any]:
        return {
            "latencies": self.latencies,
            "errors": dict(self.errors),
            "failed_syncs": dict(self.failed_syncs),
            "syncs": self.syncs,
        }

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + sum(self.errors.values())


class TimedTransport(Transport):
    """The real Transport; every request's latency (or failure) goes to the tally."""

    def __init__(self, base_url: str, token: str | None, tally: Tally) -> None:
        super().__init__(base_url, token)
        self.tally = tally

    def _timed(self, kind: str, call: Any, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            answer = call(*args)
        except SyncError as exc:
            self.tally.fail(f"{kind}: {type(exc).__name__}")
            raise
        self.tally.add(kind, (time.perf_counter() - started) * 1000)
        return answer

    def hello(self, hello: Any) -> Any:
        return self._timed("hello", super().hello, hello)

    def reinit(self, db_instance_id: Any) -> Any:
        return self._timed("reinit", super().reinit, db_instance_id)

    def push(self, request: Any) -> Any:
        return self._timed("push", super().push, request)

    def pull(self, since: int, limit: int) -> Any:
        return self._timed("pull", super().pull, since, limit)

    def verify(self) -> Any:
        return self._timed("verify", super().verify)

    def table(self, entity: str, after: Any, limit: int) -> Any:
        return self._timed("table", super().table, entity, after, limit)

    def review(self) -> Any:
        return self._timed("review", super().review)


# -- a village PC ---------------------------------------------------------------------------------


def village_fields(n: int) -> dict[str, str]:
    """Village n (0-based) as the server registers it; codes unique up to 9,999 villages."""
    return {
        "code": f"35.21.{1 + n // 100:02d}.{2001 + n % 100:04d}",
        "name": f"Desa Soak {n + 1}",
        "kecamatan": "Paron",
        "kabupaten": "Ngawi",
        "province": "Jawa Timur",
    }


@dataclass
class VillagePC:
    """One village office PC: real AppContext on its own folder, real SyncEngine."""

    index: int
    data_dir: Path
    ctx: AppContext
    engine: SyncEngine
    workers: list[str] = field(default_factory=list)  # ids this PC added
    changes: int = 0  # service calls that queued ops (adds and edits)

    @classmethod
    def open(cls, index: int, data_dir: Path, tally: Tally) -> VillagePC:
        paths = resolve_paths(data_dir)
        ctx = AppContext.open(paths, today=lambda: TODAY, daily_backup=False)
        engine = SyncEngine(
            ctx.database.sessions,
            paths.data_dir,
            transport_factory=lambda url, token: TimedTransport(url, token, tally),
            secrets=SecretStore(paths.data_dir, use_keyring=False),
        )
        return cls(index, data_dir, ctx, engine)

    def connect(self, url: str, enrollment: str) -> None:
        """Set the village up offline exactly as the server knows it, then enroll."""
        fields = village_fields(self.index)
        self.ctx.village.set_up(
            validate_village(**fields, head_name=None, secretary_name=None)  # type: ignore[arg-type]
        )
        self.engine.connect(url, enrollment, label="PC soak")

    def change(self, rng: random.Random, draft: WorkerDraft | None) -> None:
        """A small office change: a new worker (when a draft is given) or a phone edit."""
        if draft is not None or not self.workers:
            if draft is None:
                return
            self.workers.append(self.ctx.register.add(draft).id)
        else:
            ref = rng.choice(self.workers)
            self.ctx.register.edit(ref, {"phone": f"0812{rng.randrange(10**7, 10**8)}"})
        self.changes += 1

    def sync(self, tally: Tally, *, verify: bool = False) -> SyncResult | None:
        """One sync; a SyncError is counted (by class) and returned as None."""
        try:
            result = self.engine.sync(verify=verify)
        except SyncError as exc:
            with tally._lock:
                tally.failed_syncs[type(exc).__name__] += 1
            return None
        with tally._lock:
            tally.syncs += 1
        return result

    def pending(self) -> int:
        with self.ctx.database.sessions() as session:
            return apply.count_pending(session)

    def state(self) -> dict[str, Any]:
        """What the end comparison needs from this PC (no personal data)."""
        with self.ctx.database.sessions() as session:
            digests = apply.local_digests(session)
            state = apply.sync_state(session)
            return {
                "index": self.index,
                "device_id": state.device_id,
                "cursor": state.last_pulled_seq,
                "pending": apply.count_pending(session),
                "issued": apply.max_issued_seq(session),
                "digests": {k: list(v) for k, v in digests.items()},
                "workers": sorted(self.workers),
            }

    def close(self) -> None:
        self.ctx.close()


def compare_with_server(db: ServerDatabase, village_id: uuid.UUID, pc: dict[str, Any]) -> list[str]:
    """Every way the PC (its `state()`) differs from the server; [] when they agree: the same
    digest and count of every synced table, nothing left to send, every op the PC issued
    recorded once as applied, and each worker it added on the server exactly once."""
    problems: list[str] = []
    where = f"village {pc['index']}"
    with db.read_sessions.begin() as session:
        remote = verify_tables(session, village_id)
        ops = session.execute(
            select(t.applied_op.c.result, func.count())
            .where(t.applied_op.c.device_id == pc["device_id"])
            .group_by(t.applied_op.c.result)
        ).all()
        worker = t.ENTITY_TABLES["worker"]
        on_server = session.scalars(
            select(worker.c.id).where(worker.c.village_id == village_id)
        ).all()
    if pc["pending"]:
        problems.append(f"{where}: {pc['pending']} ops still in the outbox")
    for entity, digest in remote.tables.items():
        mine = tuple(pc["digests"].get(entity, ()))
        if (digest.count, digest.digest) != mine:
            problems.append(f"{where}: {entity} differs (server {digest.count} rows, PC {mine})")
    results = {str(r): int(n) for r, n in ops}
    if results != {"applied": pc["issued"]} and not (pc["issued"] == 0 and not results):
        problems.append(f"{where}: applied_op {results}, the PC issued {pc['issued']} ops")
    server_ids = Counter(uuid.UUID(str(x)).hex for x in on_server)
    added = [uuid.UUID(str(x)).hex for x in pc["workers"]]
    if any(server_ids[w] != 1 for w in added) or len(server_ids) != len(added):
        problems.append(f"{where}: server holds {len(server_ids)} workers, PC added {len(added)}")
    return problems
