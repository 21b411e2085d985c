"""Ending membership: date and reason, recorded like every write; never twice, never before
the person was born."""

from __future__ import annotations

from datetime import date

import pytest
from dbprobe import audit, outbox, snapshot, uuid_hex
from factories import make_worker_draft
from wording import assert_indonesian_with_fix

from app.domain.categories import EndReason, WorkerStatus
from app.domain.errors import InvalidField, NotFound, WorkerAlreadyEnded
from app.services.context import AppContext
from app.services.dto import WorkerDetail


@pytest.fixture
def worker(ctx: AppContext) -> WorkerDetail:
    return ctx.register.add(make_worker_draft(birth_date="1970-03-01"))


def test_end_sets_status_date_and_reason(ctx: AppContext, worker: WorkerDetail) -> None:
    ctx.register.end(worker.nik, on=date(2026, 10, 31), reason=EndReason.TERM_ENDED)
    stored = ctx.register.get(worker.id)
    assert (stored.status, stored.end_date, stored.end_reason) == (
        WorkerStatus.ENDED,
        date(2026, 10, 31),
        EndReason.TERM_ENDED,
    )


def test_end_writes_its_outbox_update_and_audit(ctx: AppContext, worker: WorkerDetail) -> None:
    ctx.register.end(worker.id, on=date(2026, 10, 31), reason=EndReason.DIED)
    last = outbox(ctx.paths.database)[-1]
    assert (last["op"], last["row_id"], last["fields"], last["base"]) == (
        "update",
        uuid_hex(worker.id),
        {"status": "ended", "end_date": "2026-10-31", "end_reason": "died"},
        {"status": "active", "end_date": None, "end_reason": None},
    )
    assert audit(ctx.paths.database)[-1]["action"] == "end"


def test_ending_twice_is_refused_and_writes_nothing(ctx: AppContext, worker: WorkerDetail) -> None:
    ctx.register.end(worker.id, on=date(2026, 10, 31), reason=EndReason.MOVED)
    before = snapshot(ctx.paths.database)
    with pytest.raises(WorkerAlreadyEnded) as caught:
        ctx.register.end(worker.id, on=date(2026, 11, 1), reason=EndReason.DIED)
    assert snapshot(ctx.paths.database) == before
    assert_indonesian_with_fix(caught.value.message)


def test_end_before_birth_is_refused(ctx: AppContext, worker: WorkerDetail) -> None:
    before = snapshot(ctx.paths.database)
    with pytest.raises(InvalidField) as caught:
        ctx.register.end(worker.id, on=date(1969, 12, 31), reason=EndReason.OTHER)
    assert caught.value.field == "date"
    assert snapshot(ctx.paths.database) == before


def test_end_far_in_the_future_is_refused(ctx: AppContext, worker: WorkerDetail) -> None:
    with pytest.raises(InvalidField):
        ctx.register.end(worker.id, on=date(2030, 1, 1), reason=EndReason.RESIGNED)


def test_ended_worker_stays_on_the_register(ctx: AppContext, worker: WorkerDetail) -> None:
    ctx.register.end(worker.id, on=date(2026, 10, 31), reason=EndReason.RESIGNED)
    assert ctx.register.get(worker.nik).name == worker.name


def test_end_of_an_unknown_worker_is_not_found(ctx: AppContext) -> None:
    with pytest.raises(NotFound):
        ctx.register.end("3521010101010001", on=date(2026, 1, 1), reason=EndReason.OTHER)
