"""Heirs of a worker: add, edit, remove (tombstone), each with its outbox row."""

from __future__ import annotations

import uuid

import pytest
from dbprobe import audit, outbox, snapshot, uuid_hex
from factories import make_heir_draft, make_worker_draft

from app.domain.categories import HeirRelation
from app.domain.errors import DomainError, NotFound
from app.services.context import AppContext
from app.services.dto import HeirInfo, WorkerDetail


@pytest.fixture
def worker(ctx: AppContext) -> WorkerDetail:
    return ctx.register.add(make_worker_draft())


@pytest.fixture
def heir(ctx: AppContext, worker: WorkerDetail) -> HeirInfo:
    return ctx.heirs.add(worker.id, make_heir_draft(name="Ahmad Fauzi", relation="child"))


def test_added_heir_is_listed_for_the_worker(
    ctx: AppContext, worker: WorkerDetail, heir: HeirInfo
) -> None:
    assert ctx.heirs.list(worker.id) == [heir]
    assert (heir.worker_id, heir.relation, heir.name) == (
        worker.id,
        HeirRelation.CHILD,
        "Ahmad Fauzi",
    )


def test_add_writes_an_outbox_insert_and_audit(ctx: AppContext, heir: HeirInfo) -> None:
    last = outbox(ctx.paths.database)[-1]
    assert (last["entity"], last["op"], last["row_id"]) == ("heir", "insert", uuid_hex(heir.id))
    assert last["fields"]["name"] == "Ahmad Fauzi"
    assert (audit(ctx.paths.database)[-1]["entity"], audit(ctx.paths.database)[-1]["action"]) == (
        "heir",
        "create",
    )


def test_invalid_heir_is_refused_and_nothing_written(ctx: AppContext, worker: WorkerDetail) -> None:
    before = snapshot(ctx.paths.database)
    with pytest.raises(DomainError) as caught:
        ctx.heirs.add(worker.id, make_heir_draft(relation="tetangga"))
    assert caught.value.field == "relation"
    assert snapshot(ctx.paths.database) == before


@pytest.mark.parametrize("ref", [str(uuid.UUID(int=1)), "bukan-id"])
def test_heir_of_an_unknown_worker_is_refused(ctx: AppContext, ref: str) -> None:
    with pytest.raises(NotFound):
        ctx.heirs.add(ref, make_heir_draft())


def test_edit_sends_only_the_changed_fields(ctx: AppContext, heir: HeirInfo) -> None:
    edited = ctx.heirs.edit(heir.id, make_heir_draft(name="Ahmad Fauzi", relation="spouse"))
    last = outbox(ctx.paths.database)[-1]
    assert edited.relation is HeirRelation.SPOUSE
    assert (last["op"], last["fields"], last["base"]) == (
        "update",
        {"relation": "spouse"},
        {"relation": "child"},
    )


def test_remove_hides_the_heir(ctx: AppContext, worker: WorkerDetail, heir: HeirInfo) -> None:
    ctx.heirs.remove(heir.id)
    assert ctx.heirs.list(worker.id) == []


def test_remove_is_a_tombstone_with_a_delete_op(ctx: AppContext, heir: HeirInfo) -> None:
    ctx.heirs.remove(heir.id)
    last = outbox(ctx.paths.database)[-1]
    assert (last["op"], last["row_id"], last["fields"], last["base"]) == (
        "delete",
        uuid_hex(heir.id),
        {"deleted": True},
        {"deleted": False},
    )
    assert audit(ctx.paths.database)[-1]["action"] == "delete"


def test_removed_heir_row_stays_for_sync(ctx: AppContext, heir: HeirInfo) -> None:
    from dbprobe import query

    ctx.heirs.remove(heir.id)
    rows = query(ctx.paths.database, "SELECT deleted FROM heir WHERE id = ?", (uuid_hex(heir.id),))
    assert rows == [{"deleted": 1}]


def test_removed_heir_cannot_be_removed_or_edited_again(ctx: AppContext, heir: HeirInfo) -> None:
    ctx.heirs.remove(heir.id)
    with pytest.raises(NotFound):
        ctx.heirs.remove(heir.id)
    with pytest.raises(NotFound):
        ctx.heirs.edit(heir.id, make_heir_draft())
