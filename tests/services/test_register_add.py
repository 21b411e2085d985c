"""Register.add: stored clean, one outbox insert and one audit row in the same transaction;
duplicates and bad input refused with nothing written."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from dbprobe import audit, count, outbox, snapshot, uuid_hex
from factories import SECRETARY, make_full_worker_draft, make_worker_draft

from app.domain.categories import Category, MaritalStatus, Sex, WorkerStatus
from app.domain.errors import DomainError, DuplicateNik, VillageNotSetUp
from app.services.context import AppContext


def test_add_returns_the_clean_stored_worker(ctx: AppContext) -> None:
    draft = make_full_worker_draft(birth_date="12 Mei 1980", sex="P", category="kader_posyandu")
    added = ctx.register.add(draft)
    assert (added.birth_date, added.sex, added.category, added.status) == (
        date(1980, 5, 12),
        Sex.P,
        Category.KADER_POSYANDU,
        WorkerStatus.ACTIVE,
    )
    assert (added.phone, added.rt, added.rw, added.kpj, added.marital_status) == (
        "081234567890",
        "003",
        "012",
        "12345678901",
        MaritalStatus.KAWIN,
    )


def test_added_worker_is_found_by_id_and_by_nik(ctx: AppContext) -> None:
    added = ctx.register.add(make_full_worker_draft())
    spaced = f"{added.nik[:4]} {added.nik[4:8]}.{added.nik[8:12]}-{added.nik[12:]}"
    assert ctx.register.get(added.id) == ctx.register.get(spaced) == added


def test_add_writes_one_outbox_insert_with_the_row_fields(ctx: AppContext) -> None:
    before = len(outbox(ctx.paths.database))
    added = ctx.register.add(make_full_worker_draft(name="Siti Aminah"))
    rows = outbox(ctx.paths.database)[before:]
    assert [(r["entity"], r["op"], r["row_id"]) for r in rows] == [
        ("worker", "insert", uuid_hex(added.id))
    ]
    fields = rows[0]["fields"]
    assert (fields["nik"], fields["full_name"], fields["birth_date"], fields["phone"]) == (
        added.nik,
        "Siti Aminah",
        added.birth_date.isoformat(),
        "081234567890",
    )
    assert (rows[0]["base"], rows[0]["base_version"]) == ({}, None)


def test_outbox_insert_does_not_send_server_owned_columns(ctx: AppContext) -> None:
    ctx.register.add(make_worker_draft())
    fields = outbox(ctx.paths.database)[-1]["fields"]
    assert {"id", "version", "updated_at_client"} & set(fields) == set()


def test_add_writes_an_audit_row_naming_the_operator(ctx: AppContext) -> None:
    added = ctx.register.add(make_worker_draft())
    last = audit(ctx.paths.database)[-1]
    assert (last["operator"], last["action"], last["entity"], last["row_id"]) == (
        SECRETARY,
        "create",
        "worker",
        uuid_hex(added.id),
    )


def test_new_worker_ids_are_uuid7(ctx: AppContext) -> None:
    import uuid

    added = ctx.register.add(make_worker_draft())
    assert uuid.UUID(added.id).version == 7


def test_duplicate_nik_is_refused_naming_the_existing_person(ctx: AppContext) -> None:
    first = ctx.register.add(make_worker_draft(name="Siti Aminah"))
    with pytest.raises(DuplicateNik) as caught:
        ctx.register.add(make_worker_draft(nik=first.nik, name="Sri Rahayu"))
    assert (caught.value.existing_name, caught.value.existing_id) == ("Siti Aminah", first.id)
    assert "Siti Aminah" in caught.value.message


def test_duplicate_nik_typed_with_separators_is_still_a_duplicate(ctx: AppContext) -> None:
    first = ctx.register.add(make_worker_draft())
    typed = f"{first.nik[:6]} {first.nik[6:12]} {first.nik[12:]}"
    draft = make_worker_draft(nik=typed, birth_date=first.birth_date.isoformat(), sex=first.sex)
    with pytest.raises(DuplicateNik):
        ctx.register.add(draft)


def test_refused_duplicate_writes_nothing(ctx: AppContext) -> None:
    first = ctx.register.add(make_worker_draft())
    before = snapshot(ctx.paths.database)
    with pytest.raises(DuplicateNik):
        ctx.register.add(
            make_worker_draft(nik=first.nik, birth_date=first.birth_date.isoformat(), sex=first.sex)
        )
    assert snapshot(ctx.paths.database) == before


def test_refused_invalid_worker_writes_nothing(ctx: AppContext) -> None:
    before = snapshot(ctx.paths.database)
    with pytest.raises(DomainError):
        ctx.register.add(replace(make_worker_draft(), phone="nomor saya"))
    assert snapshot(ctx.paths.database) == before


def test_tombstoned_worker_does_not_block_its_nik(ctx: AppContext) -> None:
    gone = ctx.register.add(make_worker_draft(name="Siti Aminah"))
    conn = sqlite3.connect(ctx.paths.database)
    with conn:
        conn.execute("UPDATE worker SET deleted = 1 WHERE id = ?", (uuid_hex(gone.id),))
    conn.close()
    again = ctx.register.add(
        make_worker_draft(nik=gone.nik, birth_date=gone.birth_date.isoformat(), sex=gone.sex)
    )
    assert (again.nik, again.id != gone.id, ctx.register.get(gone.nik).id) == (
        gone.nik,
        True,
        again.id,
    )


def test_add_before_the_village_is_set_up_is_refused(bare_ctx: AppContext) -> None:
    with pytest.raises(VillageNotSetUp):
        bare_ctx.register.add(make_worker_draft())
    assert count(bare_ctx.paths.database, "worker") == 0
