"""Row, outbox and audit are one transaction: when the outbox or the audit row cannot be
written, the change itself is not stored either (a trigger makes that insert fail)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from dbprobe import snapshot
from factories import make_heir_draft, make_worker_draft

from app.domain.categories import EndReason
from app.services.context import AppContext


def _refuse_inserts_into(db: Path, table: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END"
        )
    conn.close()


@pytest.mark.parametrize("table", ["sync_outbox", "audit"])
def test_add_is_not_stored_without_its_outbox_and_audit(ctx: AppContext, table: str) -> None:
    _refuse_inserts_into(ctx.paths.database, table)
    before = snapshot(ctx.paths.database)
    with pytest.raises(Exception, match="simulated"):
        ctx.register.add(make_worker_draft())
    assert snapshot(ctx.paths.database) == before


@pytest.mark.parametrize("table", ["sync_outbox", "audit"])
def test_edit_is_not_stored_without_its_outbox_and_audit(ctx: AppContext, table: str) -> None:
    worker = ctx.register.add(make_worker_draft(phone="081111111111"))
    _refuse_inserts_into(ctx.paths.database, table)
    before = snapshot(ctx.paths.database)
    with pytest.raises(Exception, match="simulated"):
        ctx.register.edit(worker.id, {"phone": "082222222222"})
    assert snapshot(ctx.paths.database) == before
    assert ctx.register.get(worker.id).phone == "081111111111"


def test_end_is_not_stored_without_its_outbox(ctx: AppContext) -> None:
    worker = ctx.register.add(make_worker_draft())
    _refuse_inserts_into(ctx.paths.database, "sync_outbox")
    with pytest.raises(Exception, match="simulated"):
        ctx.register.end(worker.id, on=date(2026, 10, 1), reason=EndReason.DIED)
    assert ctx.register.get(worker.id).status.value == "active"


def test_heir_is_not_stored_without_its_outbox(ctx: AppContext) -> None:
    worker = ctx.register.add(make_worker_draft())
    _refuse_inserts_into(ctx.paths.database, "sync_outbox")
    with pytest.raises(Exception, match="simulated"):
        ctx.heirs.add(worker.id, make_heir_draft())
    assert ctx.heirs.list(worker.id) == []
