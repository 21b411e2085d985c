"""Register.edit: only the changed fields go to the outbox, with their base values; nothing is
written for an edit that changes nothing or is refused."""

from __future__ import annotations

import sqlite3

import pytest
from dbprobe import audit, outbox, snapshot, uuid_hex
from factories import SECRETARY, make_full_worker_draft, make_worker_draft

from app.domain.errors import DomainError, DuplicateNik, InvalidField, NotFound
from app.services.context import AppContext
from app.services.dto import WorkerDetail


@pytest.fixture
def worker(ctx: AppContext) -> WorkerDetail:
    return ctx.register.add(make_full_worker_draft(name="Siti Aminah", phone="081111111111"))


def test_edit_changes_the_stored_value(ctx: AppContext, worker: WorkerDetail) -> None:
    edited = ctx.register.edit(worker.nik, {"phone": "+62 822 2222 3333"})
    assert (edited.phone, ctx.register.get(worker.id).phone) == ("082222223333", "082222223333")


def test_edit_writes_an_update_with_only_the_changed_field_and_its_base(
    ctx: AppContext, worker: WorkerDetail
) -> None:
    ctx.register.edit(worker.id, {"phone": "082222223333", "dusun": "Krajan"})  # dusun unchanged
    last = outbox(ctx.paths.database)[-1]
    assert (last["entity"], last["op"], last["row_id"]) == ("worker", "update", uuid_hex(worker.id))
    assert (last["fields"], last["base"]) == ({"phone": "082222223333"}, {"phone": "081111111111"})


def test_edit_records_the_base_version_of_the_row(ctx: AppContext, worker: WorkerDetail) -> None:
    conn = sqlite3.connect(ctx.paths.database)
    with conn:  # as if the server had acknowledged the row as version 7
        conn.execute("UPDATE worker SET version = 7 WHERE id = ?", (uuid_hex(worker.id),))
    conn.close()
    ctx.register.edit(worker.id, {"position": "Kasi Pemerintahan"})
    assert outbox(ctx.paths.database)[-1]["base_version"] == 7


def test_unsynced_row_has_no_base_version(ctx: AppContext, worker: WorkerDetail) -> None:
    ctx.register.edit(worker.id, {"position": "Kasi Pemerintahan"})
    assert outbox(ctx.paths.database)[-1]["base_version"] is None


def test_edit_of_the_name_sends_the_name_and_its_search_form(
    ctx: AppContext, worker: WorkerDetail
) -> None:
    ctx.register.edit(worker.id, {"name": "Siti Aminah Rahayu"})
    last = outbox(ctx.paths.database)[-1]
    assert last["fields"] == {
        "full_name": "Siti Aminah Rahayu",
        "search_name": "siti aminah rahayu",
    }
    assert last["base"] == {"full_name": "Siti Aminah", "search_name": "siti aminah"}


def test_edit_writes_an_audit_row_with_the_changed_fields(
    ctx: AppContext, worker: WorkerDetail
) -> None:
    ctx.register.edit(worker.id, {"phone": "082222223333", "rt": "9"})
    last = audit(ctx.paths.database)[-1]
    assert (last["operator"], last["action"], last["row_id"], last["changed"]) == (
        SECRETARY,
        "edit",
        uuid_hex(worker.id),
        "phone,rt",
    )


def test_edit_that_changes_nothing_writes_nothing(ctx: AppContext, worker: WorkerDetail) -> None:
    before = snapshot(ctx.paths.database)
    # Same values, typed differently: +62 for 0, RT without its zeros, separators in the KK.
    ctx.register.edit(
        worker.id, {"phone": "+62 811-1111-1111", "rt": "3", "no_kk": "3521 0112 3456 0001"}
    )
    assert snapshot(ctx.paths.database) == before


def test_edit_to_another_workers_nik_is_refused_naming_them(ctx: AppContext) -> None:
    other = ctx.register.add(
        make_worker_draft(name="Budi Santoso", birth_date="1975-08-17", sex="L")
    )
    mover = ctx.register.add(
        make_worker_draft(name="Agus Setiawan", birth_date="1975-08-17", sex="L")
    )
    with pytest.raises(DuplicateNik) as caught:
        ctx.register.edit(mover.id, {"nik": other.nik})
    assert (caught.value.existing_name, caught.value.existing_id) == ("Budi Santoso", other.id)


def test_refused_duplicate_edit_writes_nothing(ctx: AppContext) -> None:
    other = ctx.register.add(make_worker_draft(birth_date="1975-08-17", sex="L"))
    mover = ctx.register.add(make_worker_draft(birth_date="1975-08-17", sex="L"))
    before = snapshot(ctx.paths.database)
    with pytest.raises(DuplicateNik):
        ctx.register.edit(mover.id, {"nik": other.nik})
    assert snapshot(ctx.paths.database) == before


def test_edit_keeping_its_own_nik_is_not_a_duplicate(ctx: AppContext, worker: WorkerDetail) -> None:
    edited = ctx.register.edit(worker.id, {"nik": worker.nik, "position": "Kaur Umum"})
    assert edited.position == "Kaur Umum"


@pytest.mark.parametrize(
    "changes",
    [{"phone": "abc"}, {"name": ""}, {"birth_date": "1980-13-01"}, {"sex": "X"}, {"rt": "0"}],
)
def test_refused_invalid_edit_writes_nothing(
    ctx: AppContext, worker: WorkerDetail, changes: dict[str, str]
) -> None:
    before = snapshot(ctx.paths.database)
    with pytest.raises(DomainError):
        ctx.register.edit(worker.id, changes)
    assert snapshot(ctx.paths.database) == before


def test_edit_that_breaks_nik_consistency_is_refused(ctx: AppContext, worker: WorkerDetail) -> None:
    other_sex = "L" if worker.sex.value == "P" else "P"
    with pytest.raises(DomainError) as caught:
        ctx.register.edit(worker.id, {"sex": other_sex})
    assert caught.value.field == "nik"


def test_edit_of_an_unknown_field_is_refused(ctx: AppContext, worker: WorkerDetail) -> None:
    with pytest.raises(InvalidField) as caught:
        ctx.register.edit(worker.id, {"status": "ended"})
    assert caught.value.field == "status"


@pytest.mark.parametrize(
    "ref", ["3521019999990001", "01a1fd13-2002-76bc-a007-14c791e2810e", "siti"]
)
def test_edit_of_an_unknown_worker_is_not_found(ctx: AppContext, ref: str) -> None:
    with pytest.raises(NotFound):
        ctx.register.edit(ref, {"position": "Kaur"})


def test_draft_of_gives_the_stored_values_as_form_text(
    ctx: AppContext, worker: WorkerDetail
) -> None:
    draft = ctx.register.draft_of(worker.id)
    assert (draft.nik, draft.name, draft.birth_date, draft.phone, draft.rt, draft.sex) == (
        worker.nik,
        "Siti Aminah",
        worker.birth_date.isoformat(),
        "081111111111",
        "003",
        worker.sex.value,
    )
