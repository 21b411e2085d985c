"""Builders for merge, pull and review tests: villages, devices, ops, and pushes that commit.

Every helper works on a real server database (the `server_db` fixture: a SQLite file, and
PostgreSQL when PAYUNG_TEST_PG_URL is set). Values are in wire form, like the desktop's outbox.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import new_id, utcnow
from app.server import tables as t
from app.server.auth import DeviceContext
from app.server.changes import write_row
from app.server.db import ServerDatabase
from app.server.merge import apply_push
from app.sync.protocol import PROTOCOL_VERSION, Op, PushReply

_serial = itertools.count(1)


def village_values(code: str) -> dict[str, Any]:
    return {
        "code": code,
        "name": f"Desa {code[-4:]}",
        "kecamatan": "Ngawi",
        "kabupaten": "Ngawi",
        "province": "Jawa Timur",
        "address": None,
        "head_name": "Suparman",
        "secretary_name": "Sri Wahyuni",
        "npp": None,
    }


def add_village(db: ServerDatabase, code: str = "35.21.01.2001") -> uuid.UUID:
    vid = new_id()
    with db.sessions.begin() as session:
        write_row(
            session,
            village_id=vid,
            entity="village",
            row_id=vid,
            values=village_values(code),
            actor="cli",
        )
    return vid


def add_device(db: ServerDatabase, village_id: uuid.UUID) -> DeviceContext:
    device_id = f"dev-{uuid.uuid4().hex[:12]}"
    with db.sessions.begin() as session:
        session.execute(
            insert(t.device).values(
                id=device_id,
                village_id=village_id,
                label="PC kantor",
                token_hash=uuid.uuid4().hex + uuid.uuid4().hex,
                bundle_key="k" * 43,
                created_at=utcnow(),
            )
        )
        code = session.scalar(
            select(t.ENTITY_TABLES["village"].c.code).where(
                t.ENTITY_TABLES["village"].c.id == village_id
            )
        )
    return DeviceContext(
        device_id=device_id, village_id=village_id, village_code=str(code), revoked=False
    )


def make_nik(serial: int | None = None) -> str:
    number = next(_serial) if serial is None else serial
    return f"3521011201{90 + number // 10000 % 10:02d}{number % 10000:04d}"[:16]


def worker_fields(village_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    """Every synced field of a worker insert, as the desktop outbox records it."""
    n = next(_serial)
    fields: dict[str, Any] = {
        "village_id": str(village_id),
        "deleted": False,
        "nik": make_nik(n),
        "no_kk": None,
        "kpj": None,
        "full_name": f"Warga {n}",
        "search_name": f"warga {n}",
        "birth_place": "Ngawi",
        "birth_date": (date(1970, 1, 1) + timedelta(days=n % 9000)).isoformat(),
        "sex": "L",
        "mother_name": None,
        "marital_status": None,
        "address": None,
        "dusun": None,
        "rt": "001",
        "rw": "002",
        "phone": None,
        "category": "perangkat_desa",
        "position": None,
        "status": "active",
        "end_date": None,
        "end_reason": None,
    }
    fields.update(overrides)
    return fields


def heir_fields(village_id: uuid.UUID, worker_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "village_id": str(village_id),
        "deleted": False,
        "worker_id": str(worker_id),
        "name": "Ahli Waris",
        "relation": "child",
        "nik": None,
        "birth_date": None,
        "phone": None,
    }
    fields.update(overrides)
    return fields


def enrollment_fields(village_id: uuid.UUID, worker_id: uuid.UUID) -> dict[str, Any]:
    return {
        "village_id": str(village_id),
        "worker_id": str(worker_id),
        "segment": "BPU",
        "programmes": "JKK,JKM",
        "wage": 1_000_000,
        "risk_class": 1,
        "payer": "apbdes",
        "kpj": None,
        "start_date": "2026-01-01",
        "end_date": None,
        "end_reason": None,
        "status": "active",
        "receipt_no": None,
    }


def contribution_fields(
    village_id: uuid.UUID, worker_id: uuid.UUID, enrollment_id: uuid.UUID, period: str
) -> dict[str, Any]:
    return {
        "village_id": str(village_id),
        "worker_id": str(worker_id),
        "enrollment_id": str(enrollment_id),
        "period": period,
        "payer": "apbdes",
        "segment": "BPU",
        "wage": 1_000_000,
        "amounts": '{"JKK": [0, 10000], "JKM": [0, 6800]}',
        "employer_total": 0,
        "worker_total": 16800,
        "total": 16800,
        "rate_version": "2026-01",
        "status": "draft",
    }


class Ops:
    """Numbers a device's ops like its outbox does (device_seq 1, 2, 3...)."""

    def __init__(self, start: int = 1) -> None:
        self.next_seq = start

    def _op(self, **kwargs: Any) -> Op:
        op = Op(device_seq=self.next_seq, op_id=uuid.uuid4(), **kwargs)
        self.next_seq += 1
        return op

    def insert(self, entity: str, row_id: uuid.UUID, fields: dict[str, Any]) -> Op:
        return self._op(entity=entity, row_id=row_id, op="insert", fields=fields)

    def update(
        self,
        entity: str,
        row_id: uuid.UUID,
        fields: dict[str, Any],
        base: dict[str, Any],
        base_version: int | None,
    ) -> Op:
        return self._op(
            entity=entity,
            row_id=row_id,
            op="update",
            fields=fields,
            base=base,
            base_version=base_version,
        )

    def delete(self, entity: str, row_id: uuid.UUID, base_version: int | None) -> Op:
        return self._op(
            entity=entity,
            row_id=row_id,
            op="delete",
            fields={"deleted": True},
            base={"deleted": False},
            base_version=base_version,
        )

    def resolve(self, conflict_id: uuid.UUID, choices: dict[str, str]) -> Op:
        return self._op(
            entity="sync_conflict",
            row_id=conflict_id,
            op="update",
            fields={"choices": choices},
        )


def push(db: ServerDatabase, device: DeviceContext, ops: list[Op]) -> PushReply:
    """One push in its own committed transaction, like POST /sync/push."""
    with db.sessions.begin() as session:
        return apply_push(session, device, ops, protocol=PROTOCOL_VERSION)


def server_edit(
    db: ServerDatabase, village_id: uuid.UUID, entity: str, row_id: uuid.UUID, **values: Any
) -> int:
    """A DPMD-style server write (a new version) of some fields of a row."""
    with db.sessions.begin() as session:
        return write_row(
            session,
            village_id=village_id,
            entity=entity,
            row_id=row_id,
            values=values,
            actor="operator:tester",
        )


def row_of(db: ServerDatabase, entity: str, row_id: uuid.UUID) -> Any:
    table = t.ENTITY_TABLES[entity]
    with db.read_sessions() as session:
        return session.execute(select(table).where(table.c.id == row_id)).one()


def conflicts_of(session: Session, village_id: uuid.UUID) -> list[Any]:
    c = t.sync_conflict
    return list(session.execute(select(c).where(c.c.village_id == village_id)).all())


def now_utc() -> datetime:
    return datetime.now(UTC)
