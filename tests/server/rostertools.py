"""Builders for the consolidated-roster and reconciliation tests: villages, workers with an
active coverage period and one month's contribution line, written straight into a migrated
server database (Core inserts, so 135,000 rows take seconds; `version` 1, no change log).

`person(...)` makes one worker (+ enrollment + contribution); `seed_bulk(...)` makes many
villages of many workers with executemany for the timing runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from servertools import REPO, server_env
from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import new_id, utcnow
from app.server import tables as t
from app.server.db import ServerDatabase

PERIOD = "2026-11"
BPU_AMOUNTS = {"JKK": [0, 10000], "JKM": [0, 6800]}
PU_AMOUNTS = {"JKK": [5000, 0], "JKM": [6000, 0], "JHT": [74000, 40000]}


def nik_for(n: int, *, female: bool = False, region: str = "352101") -> str:
    """A valid, unique NIK for every n < 67 million (birth date encoded, 40 added for women)."""
    day = 1 + n % 28 + (40 if female else 0)
    month = 1 + (n // 28) % 12
    year = 80 + (n // 336) % 20
    serial = 1 + (n // 6720) % 9999
    return f"{region}{day:02d}{month:02d}{year:02d}{serial:04d}"


def birth_of(n: int) -> date:
    return date(1900 + 80 + (n // 336) % 20, 1 + (n // 28) % 12, 1 + n % 28)


def village_row(code: str, name: str, kecamatan: str, npp: str | None = None) -> dict[str, Any]:
    return {
        "id": new_id(),
        "village_id": None,
        "version": 1,
        "deleted": False,
        "updated_at_client": utcnow(),
        "code": code,
        "name": name,
        "kecamatan": kecamatan,
        "kabupaten": "Ngawi",
        "province": "Jawa Timur",
        "address": None,
        "head_name": None,
        "secretary_name": None,
        "npp": npp,
    }


def add_village(
    session: Session, code: str, name: str, kecamatan: str = "Ngawi", npp: str | None = None
) -> uuid.UUID:
    row = village_row(code, name, kecamatan, npp)
    row["village_id"] = row["id"]
    session.execute(insert(t.ENTITY_TABLES["village"]).values(**row))
    return uuid.UUID(str(row["id"]))


@dataclass(frozen=True)
class Person:
    village_id: uuid.UUID
    worker_id: uuid.UUID
    enrollment_id: uuid.UUID
    contribution_id: uuid.UUID | None
    nik: str
    name: str


def _sync(village_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": new_id(),
        "village_id": village_id,
        "version": 1,
        "deleted": False,
        "updated_at_client": utcnow(),
    }


def worker_row(village_id: uuid.UUID, n: int, **over: Any) -> dict[str, Any]:
    name = over.pop("name", f"Warga {n}")
    row = {
        **_sync(village_id),
        "nik": nik_for(n),
        "no_kk": None,
        "kpj": None,
        "full_name": name,
        "search_name": name.lower(),
        "birth_place": "Ngawi",
        "birth_date": birth_of(n),
        "sex": "L",
        "mother_name": "Sumiati",
        "marital_status": "kawin",
        "address": "Jl. Raya 5",
        "dusun": "Krajan",
        "rt": "003",
        "rw": "012",
        "phone": "081234567890",
        "category": "ketua_rt",
        "position": "Ketua RT",
        "status": "active",
        "end_date": None,
        "end_reason": None,
    }
    row.update(over)
    return row


def enrollment_row(village_id: uuid.UUID, worker_id: uuid.UUID, **over: Any) -> dict[str, Any]:
    row = {
        **_sync(village_id),
        "worker_id": worker_id,
        "segment": "BPU",
        "programmes": "JKK,JKM",
        "wage": 1_000_000,
        "risk_class": 1,
        "payer": "apbd",
        "kpj": None,
        "start_date": date(2026, 1, 1),
        "end_date": None,
        "end_reason": None,
        "status": "active",
        "receipt_no": None,
    }
    row.update(over)
    return row


def contribution_row(
    village_id: uuid.UUID, worker_id: uuid.UUID, enrollment_id: uuid.UUID, **over: Any
) -> dict[str, Any]:
    amounts = over.pop("amounts", BPU_AMOUNTS)
    employer = sum(v[0] for v in amounts.values())
    worker = sum(v[1] for v in amounts.values())
    row = {
        **_sync(village_id),
        "enrollment_id": enrollment_id,
        "worker_id": worker_id,
        "period": PERIOD,
        "payer": "apbd",
        "segment": "BPU",
        "wage": 1_000_000,
        "amounts": json.dumps(amounts),
        "employer_total": employer,
        "worker_total": worker,
        "total": employer + worker,
        "rate_version": "2026-01",
        "status": "locked",
    }
    row.update(over)
    return row


def person(
    session: Session,
    village_id: uuid.UUID,
    n: int,
    *,
    contribution: dict[str, Any] | None = None,
    enrollment: dict[str, Any] | None = None,
    billed: bool = True,
    **worker: Any,
) -> Person:
    """One worker with an active coverage period and (when `billed`) a contribution line;
    keyword overrides go to the worker row, `enrollment` / `contribution` to theirs."""
    w = worker_row(village_id, n, **worker)
    e = enrollment_row(village_id, w["id"], **(enrollment or {}))
    session.execute(insert(t.ENTITY_TABLES["worker"]).values(**w))
    session.execute(insert(t.ENTITY_TABLES["enrollment"]).values(**e))
    cid = None
    if billed:
        c = contribution_row(village_id, w["id"], e["id"], **(contribution or {}))
        session.execute(insert(t.ENTITY_TABLES["contribution"]).values(**c))
        cid = c["id"]
    return Person(village_id, w["id"], e["id"], cid, w["nik"], w["full_name"])


def seed_bulk(
    db: ServerDatabase,
    villages: int,
    workers: int,
    *,
    status: str = "locked",
    statuses: Sequence[str] | None = None,
) -> None:
    """`villages` villages of `workers` billed workers each (apbd, PERIOD). `statuses`, when
    given, sets each village's contribution status in turn."""
    n = 0
    for v in range(villages):
        with db.sessions.begin() as session:
            vid = add_village(
                session,
                f"35.21.{1 + v // 900:02d}.{2001 + v % 900}",
                f"Desa {v}",
                f"Kecamatan {v % 19}",
            )
            w_rows, e_rows, c_rows = [], [], []
            state = statuses[v % len(statuses)] if statuses else status
            for _ in range(workers):
                n += 1
                w = worker_row(vid, n)
                e = enrollment_row(vid, w["id"])
                w_rows.append(w)
                e_rows.append(e)
                c_rows.append(contribution_row(vid, w["id"], e["id"], status=state))
            session.execute(insert(t.ENTITY_TABLES["worker"]), w_rows)
            session.execute(insert(t.ENTITY_TABLES["enrollment"]), e_rows)
            session.execute(insert(t.ENTITY_TABLES["contribution"]), c_rows)


def run_cli(db: ServerDatabase, *args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`payung-server --database-url URL --data-dir DIR ARGS...` in a subprocess."""
    command = [
        sys.executable,
        "-m",
        "app.server.cli",
        "--database-url",
        db.url,
        "--data-dir",
        str(data_dir),
        *args,
    ]
    return subprocess.run(
        command,
        check=False,
        cwd=REPO,
        env=server_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
