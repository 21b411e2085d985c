"""Village set-up and profile edit; the operator named in the audit trail."""

from __future__ import annotations

import pytest
from dbprobe import audit, outbox, snapshot, uuid_hex
from factories import SECRETARY, make_village, make_worker_draft

from app.domain.errors import InvalidField
from app.services.context import AppContext
from app.services.writes import DEFAULT_OPERATOR, OPERATOR_KEY


def test_no_village_before_set_up(bare_ctx: AppContext) -> None:
    assert bare_ctx.village.get() is None


def test_set_up_stores_the_profile(bare_ctx: AppContext) -> None:
    info = bare_ctx.village.set_up(make_village())
    assert bare_ctx.village.get() == info
    assert (info.code, info.name, info.secretary_name) == ("35.21.01.2001", "Sukamaju", SECRETARY)


def test_set_up_writes_the_village_insert_to_the_outbox(bare_ctx: AppContext) -> None:
    info = bare_ctx.village.set_up(make_village())
    rows = outbox(bare_ctx.paths.database)
    assert [(r["entity"], r["op"], r["row_id"]) for r in rows] == [
        ("village", "insert", uuid_hex(info.id))
    ]
    assert rows[0]["fields"]["code"] == "35.21.01.2001"


def test_secretary_becomes_the_operator_of_the_audit_trail(bare_ctx: AppContext) -> None:
    bare_ctx.village.set_up(make_village())
    assert bare_ctx.village.operator() == SECRETARY
    assert [(a["operator"], a["action"]) for a in audit(bare_ctx.paths.database)] == [
        (SECRETARY, "setup")
    ]


def test_without_a_secretary_the_operator_is_generic(bare_ctx: AppContext) -> None:
    bare_ctx.village.set_up(make_village(secretary_name=None))
    assert audit(bare_ctx.paths.database)[-1]["operator"] == DEFAULT_OPERATOR


def test_changed_operator_signs_later_writes(ctx: AppContext) -> None:
    ctx.village.set_operator("  Joko   Purnomo ")
    ctx.register.add(make_worker_draft())
    assert (ctx.village.setting(OPERATOR_KEY), audit(ctx.paths.database)[-1]["operator"]) == (
        "Joko Purnomo",
        "Joko Purnomo",
    )


def test_blank_operator_is_refused(ctx: AppContext) -> None:
    with pytest.raises(InvalidField) as caught:
        ctx.village.set_operator("   ")
    assert caught.value.field == "operator"


def test_edit_of_the_profile_sends_only_what_changed(ctx: AppContext) -> None:
    ctx.village.set_up(make_village(name="Sukamaju Baru"))
    last = outbox(ctx.paths.database)[-1]
    assert (last["entity"], last["op"], last["fields"], last["base"]) == (
        "village",
        "update",
        {"name": "Sukamaju Baru"},
        {"name": "Sukamaju"},
    )


def test_set_up_again_with_the_same_profile_writes_nothing(ctx: AppContext) -> None:
    before = snapshot(ctx.paths.database)
    ctx.village.set_up(make_village())
    assert snapshot(ctx.paths.database) == before


def test_a_different_village_code_is_refused_and_nothing_changes(ctx: AppContext) -> None:
    before = snapshot(ctx.paths.database)
    with pytest.raises(InvalidField) as caught:
        ctx.village.set_up(make_village(code="35.21.02.2003", name="Desa Lain"))
    assert caught.value.field == "village_code"
    assert "35.21.01.2001" in caught.value.message
    assert snapshot(ctx.paths.database) == before


def test_village_row_is_its_own_village(ctx: AppContext) -> None:
    from dbprobe import query

    rows = query(ctx.paths.database, "SELECT id, village_id FROM village")
    assert len(rows) == 1 and rows[0]["id"] == rows[0]["village_id"]


def test_settings_round_trip(ctx: AppContext) -> None:
    ctx.village.set_setting("paper", "F4")
    ctx.village.set_setting("paper", "A4")
    assert (ctx.village.setting("paper"), ctx.village.setting("absent")) == ("A4", None)
