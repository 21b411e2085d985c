"""Applying pulled pages on a real migrated database: skip older, upsert, re-apply pending
local changes on top, and rows + cursor commit together or not at all."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from factories import make_worker_draft
from sqlalchemy import text
from synctools import PC, set_up_village

from app.domain.categories import Category
from app.models import Worker
from app.sync.protocol import PullPage, RowChange
from app.sync.wire import wire_values

CODE = "35.21.01.2001"


def _row(pc: PC, worker_id: str, version: int, **changes: Any) -> RowChange:
    with pc.ctx.database.sessions() as session:
        worker = session.get(Worker, uuid.UUID(worker_id))
        assert worker is not None
        values = wire_values("worker", worker)
    values.update(changes)
    return RowChange(
        entity="worker", id=uuid.UUID(worker_id), version=version, deleted=False, values=values
    )


def _apply(pc: PC, *rows: RowChange, next_since: int = 10) -> int:
    page = PullPage(rows=list(rows), next_since=next_since, has_more=False, server_seq=next_since)
    with pc.ctx.database.sessions.begin() as session:
        return pc.engine.apply_pull_page(session, page)


@pytest.fixture
def pc(pcs: Callable[..., PC]) -> PC:
    made = pcs()
    set_up_village(made, CODE)
    return made


def test_a_row_not_newer_than_the_local_copy_is_skipped(pc: PC) -> None:
    worker = pc.ctx.register.add(make_worker_draft(phone="081200000001"))
    with pc.ctx.database.sessions.begin() as session:
        session.get(Worker, uuid.UUID(worker.id)).version = 5  # type: ignore[union-attr]
    written = _apply(pc, _row(pc, worker.id, 5, phone="089900000000"))
    assert written == 0
    assert pc.ctx.register.get(worker.id).phone == "081200000001"


def test_a_new_server_row_is_inserted_without_outbox_or_audit(pc: PC) -> None:
    worker = pc.ctx.register.add(make_worker_draft())
    outbox = pc.scalar("SELECT count(*) FROM sync_outbox")
    audit = pc.scalar("SELECT count(*) FROM audit")
    other = make_worker_draft()
    incoming = _row(pc, worker.id, 7, nik=other.nik, full_name="Warga Baru",
                    search_name="warga baru")  # fmt: skip
    incoming = incoming.model_copy(update={"id": uuid.uuid4()})
    assert _apply(pc, incoming) == 1
    assert pc.ctx.register.get(str(incoming.id)).name == "Warga Baru"
    assert pc.scalar("SELECT version FROM worker WHERE nik = :n", n=other.nik) == 7
    assert pc.scalar("SELECT count(*) FROM sync_outbox") == outbox
    assert pc.scalar("SELECT count(*) FROM audit") == audit
    assert pc.scalar("SELECT last_pulled_seq FROM sync_state") == 10


def test_pending_local_changes_are_re_applied_on_top_of_a_newer_server_row(pc: PC) -> None:
    worker = pc.ctx.register.add(make_worker_draft())
    with pc.ctx.database.sessions.begin() as session:  # the insert was sent and acknowledged
        session.execute(text("DELETE FROM sync_outbox"))
        session.execute(text("UPDATE worker SET version = 3"))
    pc.ctx.register.edit(worker.id, {"phone": "081277777777"})
    incoming = _row(pc, worker.id, 9, phone="080000000000", address="Dari server")
    assert _apply(pc, incoming) == 1
    detail = pc.ctx.register.get(worker.id)
    assert (detail.phone, detail.address) == ("081277777777", "Dari server")
    assert pc.scalar("SELECT version FROM worker") == 9


def test_the_cursor_never_moves_backwards(pc: PC) -> None:
    _apply(pc, next_since=40)
    _apply(pc, next_since=12)  # an old USB bundle after a newer sync
    assert pc.scalar("SELECT last_pulled_seq FROM sync_state") == 40


def test_a_failure_between_rows_and_cursor_rolls_both_back(pc: PC) -> None:
    worker = pc.ctx.register.add(make_worker_draft(phone="081200000002"))
    _apply(pc, next_since=3)

    def crash() -> None:
        raise RuntimeError("power cut")

    pc.engine._between_apply_and_cursor = crash
    with pytest.raises(RuntimeError):
        _apply(pc, _row(pc, worker.id, 20, phone="089911111111"), next_since=20)
    assert pc.ctx.register.get(worker.id).phone == "081200000002"
    assert pc.scalar("SELECT last_pulled_seq FROM sync_state") == 3
    assert pc.scalar("SELECT version FROM worker") is None


def test_a_row_clashing_with_a_local_unique_value_is_noted_not_blocking(pc: PC) -> None:
    pc.ctx.standing.set_quota(Category.BPD, 5)
    village_id = uuid.UUID(pc.scalar("SELECT id FROM village"))
    clash = RowChange(
        entity="position_quota", id=uuid.uuid4(), version=4, deleted=False,
        values={"village_id": str(village_id), "category": "bpd", "count": 7},
    )  # fmt: skip
    worker = pc.ctx.register.add(make_worker_draft())
    fine = _row(pc, worker.id, 5, phone="081233333333")
    assert _apply(pc, clash, fine, next_since=6) == 1
    assert pc.ctx.standing.quota()[Category.BPD] == 5
    assert pc.scalar("SELECT last_pulled_seq FROM sync_state") == 6
    assert pc.scalar("SELECT count(*) FROM sync_review WHERE kind = 'held'") == 1
