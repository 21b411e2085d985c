"""Re-keying a village set up offline to the id the server gave the same village.

A PC that ran `payung init` before its first connect made its own village row (a new UUID);
the server has that village under another id. Every row pointing at the local id moves to the
server's, in the caller's transaction, so the register and its unsent changes survive intact.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from app.models import Base, SyncOutbox, Village
from app.sync.apply import defer_foreign_keys
from app.sync.errors import SyncError


class VillageMismatch(SyncError):
    """The code is for another village than the one this database holds."""


def local_village(session: Session) -> Village | None:
    return session.scalars(select(Village).where(Village.deleted.is_(False))).first()


def check_village(session: Session, code: str) -> None:
    """Raises VillageMismatch when this database already holds another village."""
    village = local_village(session)
    if village is not None and village.code != code:
        raise VillageMismatch(
            f"Data di PC ini milik desa {village.code}, tetapi kode sambungan untuk desa {code}; "
            f"minta kode sambungan untuk desa {village.code} ke DPMD"
        )


def rekey_village(session: Session, server_id: uuid.UUID, code: str) -> bool:
    """Move the local village with `code` (if its id differs) to `server_id`. Returns True when
    something moved. Must run inside a write transaction (foreign keys checked at commit)."""
    village = session.scalars(select(Village).where(Village.code == code)).first()
    if village is None or village.id == server_id:
        return False
    old_id = village.id
    session.expunge(village)
    defer_foreign_keys(session)
    for table in Base.metadata.sorted_tables:
        if "village_id" in table.c and table.name != "village":
            session.execute(
                update(table).where(table.c.village_id == old_id).values(village_id=server_id)
            )
    village_table = Village.__table__
    assert isinstance(village_table, Table)
    session.execute(
        update(village_table)
        .where(village_table.c.id == old_id)
        .values(id=server_id, village_id=server_id)
    )
    session.execute(update(SyncOutbox).where(SyncOutbox.row_id == old_id).values(row_id=server_id))
    old_text, new_text = str(old_id), str(server_id)
    session.execute(
        update(SyncOutbox)
        .where(SyncOutbox.fields.contains(old_text) | SyncOutbox.base.contains(old_text))
        .values(
            fields=func.replace(SyncOutbox.fields, old_text, new_text),
            base=func.replace(SyncOutbox.base, old_text, new_text),
        )
    )
    return True
