"""Connect re-keys a village set up offline to the server's id; another village is refused."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from factories import make_worker_draft
from synctools import PC, Village, set_up_village

from app.sync.errors import SyncError
from app.sync.rekey import VillageMismatch, check_village


def test_connect_moves_the_local_village_and_its_rows_to_the_server_id(
    village: Village, pcs: Callable[..., PC]
) -> None:
    pc = pcs()
    set_up_village(pc, village.code)
    pc.ctx.register.add(make_worker_draft())
    old = uuid.UUID(pc.scalar("SELECT id FROM village"))
    pc.engine.connect(village.url, village.enrollment())
    new_hex = village.id.hex
    assert old != village.id
    assert pc.scalar("SELECT id FROM village") == new_hex
    assert pc.scalar("SELECT village_id FROM worker") == new_hex
    assert pc.scalar("SELECT count(*) FROM sync_outbox WHERE row_id = :o", o=old.hex) == 0
    assert pc.scalar("SELECT count(*) FROM sync_outbox WHERE fields LIKE :o", o=f"%{old}%") == 0
    assert pc.scalar("SELECT count(*) FROM sync_outbox WHERE fields LIKE :n",
                     n=f"%{village.id}%") >= 1  # fmt: skip
    result = pc.engine.sync()
    assert (result.quarantined, pc.engine.status().ops_waiting) == (0, 0)
    assert pc.scalar("PRAGMA foreign_key_check") is None


def test_a_code_for_another_village_is_refused_naming_both(
    village: Village, pcs: Callable[..., PC]
) -> None:
    pc = pcs()
    set_up_village(pc, "35.21.09.2999")
    code = village.enrollment()
    with pytest.raises(SyncError) as caught:
        pc.engine.connect(village.url, code)
    assert "35.21.09.2999" in caught.value.message
    assert village.code in caught.value.message
    assert not pc.engine.status().connected
    # Refused before it was used up: the right PC can still connect with the same code.
    right = pcs("pc2")
    assert right.engine.connect(village.url, code).village_code == village.code


def test_the_local_check_refuses_a_village_the_server_names_differently(
    village: Village, pcs: Callable[..., PC]
) -> None:
    pc = pcs()
    set_up_village(pc, "35.21.09.2999")
    with pc.ctx.database.sessions() as session, pytest.raises(VillageMismatch) as caught:
        check_village(session, village.code)
    assert "35.21.09.2999" in caught.value.message


def test_a_pc_without_a_village_connects_and_pulls_it(
    village: Village, pcs: Callable[..., PC]
) -> None:
    pc = pcs()
    status = pc.engine.connect(village.url, village.enrollment())
    assert (status.connected, status.village_code) == (True, village.code)
    assert pc.engine.identity() is not None
    pc.engine.sync()
    info = pc.ctx.village.get()
    assert info is not None and info.code == village.code
