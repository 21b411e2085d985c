"""Villages on the server: `payung-server village add` and what devices pull of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError, InvalidField
from app.domain.village import validate_village
from app.models import Village, new_id
from app.server import changes


@dataclass(frozen=True, slots=True)
class VillageRow:
    id: uuid.UUID
    code: str
    name: str


def add_village(
    session: Session,
    *,
    code: str,
    name: str,
    kecamatan: str,
    kabupaten: str,
    province: str,
    actor: str = "cli",
) -> uuid.UUID:
    """Create a village with its sequence counter, written through the change log (version 1)
    so the village's first device pulls it. Raises a DomainError (InvalidField,
    InvalidVillageCode) with an Indonesian message on bad input or a code already registered."""
    data = validate_village(
        code=code, name=name, kecamatan=kecamatan, kabupaten=kabupaten, province=province
    )
    existing = session.scalar(select(Village).where(Village.code == data.code))
    if existing is not None:
        raise InvalidField(
            "code",
            f"desa dengan kode {data.code} sudah terdaftar ({existing.name}); "
            "periksa kodenya atau lihat desa itu di dasbor",
        )
    vid = new_id()
    # write_row creates the row (village_id = id), its counter (seq 1 = version 1) and the
    # change-log entry, so the village's first device pulls it.
    values = dict(data.as_dict())
    changes.write_row(
        session, village_id=vid, entity="village", row_id=vid, values=values, actor=actor
    )
    return vid


def list_villages(session: Session) -> list[VillageRow]:
    rows = session.execute(
        select(Village.id, Village.code, Village.name)
        .where(Village.deleted.is_(False))
        .order_by(Village.code)
    )
    return [VillageRow(id=r.id, code=r.code, name=r.name) for r in rows]


def village_by_code(session: Session, code: str) -> Village | None:
    """The live village with this code (given with or without dots), or None."""
    from app.domain.identity import parse_village_code

    try:
        normal = parse_village_code(code)
    except DomainError:
        return None
    return session.scalar(select(Village).where(Village.code == normal, Village.deleted.is_(False)))
