"""Rules the merge applies to one op: scope, value normalisation, Indonesian labels and reasons.

Kept apart from app.server.merge so the merge reads as the numbered steps of
docs/sync-internals.md ("Merge") and these rules can be reused by review and bundle import.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Base, utcnow
from app.server import tables as t
from app.sync.protocol import IDENTITY_FIELDS, SYNC_ENTITIES, Op, OpOutcome
from app.sync.wire import InvalidValue, from_wire, to_wire, value_columns

ENTITY_LABELS: dict[str, str] = {
    "village": "Desa",
    "position_quota": "Formasi",
    "worker": "Pekerja",
    "heir": "Ahli waris",
    "enrollment": "Kepesertaan",
    "contribution": "Iuran",
    "payment": "Pembayaran",
    "receipt": "Tanda terima",
    "sync_conflict": "Konflik",
}

FIELD_LABELS: dict[str, str] = {
    "village_id": "desa",
    "code": "kode wilayah",
    "name": "nama",
    "kecamatan": "kecamatan",
    "kabupaten": "kabupaten",
    "province": "provinsi",
    "address": "alamat",
    "head_name": "nama kepala desa",
    "secretary_name": "nama sekretaris desa",
    "npp": "NPP",
    "category": "kategori",
    "count": "jumlah formasi",
    "nik": "NIK",
    "no_kk": "nomor KK",
    "kpj": "nomor KPJ",
    "full_name": "nama lengkap",
    "search_name": "nama pencarian",
    "birth_place": "tempat lahir",
    "birth_date": "tanggal lahir",
    "sex": "jenis kelamin",
    "mother_name": "nama ibu kandung",
    "marital_status": "status perkawinan",
    "dusun": "dusun",
    "rt": "RT",
    "rw": "RW",
    "phone": "nomor telepon",
    "position": "jabatan",
    "status": "status",
    "end_date": "tanggal berhenti",
    "end_reason": "alasan berhenti",
    "worker_id": "pekerja",
    "relation": "hubungan",
    "segment": "segmen",
    "programmes": "program",
    "wage": "upah",
    "risk_class": "kelas risiko",
    "payer": "pembayar",
    "start_date": "tanggal mulai",
    "receipt_no": "nomor tanda terima",
    "enrollment_id": "kepesertaan",
    "period": "bulan",
    "amounts": "rincian iuran",
    "employer_total": "iuran pemberi kerja",
    "worker_total": "iuran pekerja",
    "total": "total iuran",
    "rate_version": "versi tarif",
    "amount": "jumlah",
    "paid_on": "tanggal bayar",
    "reference": "referensi",
    "note": "catatan",
    "number": "nomor",
    "issued_on": "tanggal terbit",
    "verification_code": "kode verifikasi",
    "deleted": "status hapus",
}

OUT_OF_VILLAGE = "Data di luar desa perangkat ini"

# Columns computed from another one (worker.search_name = full_name in lower case): the merge
# leaves them to app.server.changes.write_row, which keeps them in step with their source.
DERIVED_FIELDS: dict[str, frozenset[str]] = {"worker": frozenset({"search_name"})}


class Rejected(Exception):
    """An op the server refuses; `reason` is one Indonesian sentence for the review list."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def sentence_label(field: str) -> str:
    """A field label starting a sentence ("Tanggal lahir", "NIK")."""
    label = field_label(field)
    return label[:1].upper() + label[1:]


def reason_of(exc: BaseException) -> str:
    """The Indonesian reason a failed op is quarantined with (never a raw database message)."""
    if isinstance(exc, Rejected):
        return exc.reason
    if isinstance(exc, InvalidValue):
        return f"{sentence_label(exc.field)}: {exc.reason}"
    if isinstance(exc, IntegrityError):
        return "Data bentrok dengan data lain di server (nilai yang harus unik sudah dipakai)"
    return f"Perubahan tidak dapat diterapkan di server ({type(exc).__name__})"


def check_entity(entity: str) -> None:
    if entity not in SYNC_ENTITIES:
        raise Rejected(f"Jenis data '{entity}' tidak disinkronkan")


def check_required(entity: str, values: dict[str, Any]) -> None:
    """A new row must carry every column that has neither a value nor a default."""
    for key, prop in value_columns(entity).items():
        column = prop.columns[0]
        needed = not column.nullable and column.default is None and key != "village_id"
        if needed and values.get(key) is None:
            raise Rejected(f"{sentence_label(key)}: wajib diisi")


def foreign_keys(entity: str) -> dict[str, str]:
    """Value column -> referred entity, for every foreign key but village_id."""
    table = t.ENTITY_TABLES[entity]
    refs: dict[str, str] = {}
    for fk in table.foreign_keys:
        column = fk.parent.name
        if column != "village_id":
            refs[column] = fk.column.table.name
    return refs


KnownParent = Callable[[str, uuid.UUID], "uuid.UUID | None"]
"""(parent entity, id) -> the village of a row known to exist, None when not known (a push
looks its parents up in bulk; the database is asked only about the others)."""


def check_scope(
    session: Session,
    village_id: uuid.UUID,
    entity: str,
    row_id: uuid.UUID,
    fields: dict[str, Any],
    *,
    known: KnownParent | None = None,
) -> None:
    """Step 2: the op may only touch the token's village and refer to rows of it."""
    if entity == "village" and row_id != village_id:
        raise Rejected(OUT_OF_VILLAGE)
    given = fields.get("village_id")
    if given is not None and str(given) != str(village_id):
        raise Rejected(OUT_OF_VILLAGE)
    for column, parent in foreign_keys(entity).items():
        value = fields.get(column)
        if value is not None and not _parent_in_village(session, village_id, parent, value, known):
            raise Rejected(f"{entity_label(parent)} yang dirujuk ({column}) tidak ada di desa ini")


def _parent_in_village(
    session: Session, village_id: uuid.UUID, parent: str, value: Any, known: KnownParent | None
) -> bool:
    try:
        parent_id = uuid.UUID(str(value))
    except ValueError:
        return False
    owner_known = known(parent, parent_id) if known is not None else None
    if owner_known is not None:
        return owner_known == village_id
    table = t.ENTITY_TABLES[parent]
    owner = session.scalar(select(table.c.village_id).where(table.c.id == parent_id))
    return owner == village_id


def canonical(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """Wire values in the form the server writes them (raises InvalidValue when one is bad)."""
    return {key: to_wire(value) for key, value in from_wire(entity, values).items()}


def canonical_base(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """Base values normalised where they parse; an odd base only ever makes a conflict."""
    known = value_columns(entity)
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            continue
        try:
            out.update(canonical(entity, {key: value}))
        except InvalidValue:
            out[key] = value
    return out


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one op (stored in applied_op and answered as an OpResult)."""

    result: OpOutcome
    version: int | None = None
    reason: str | None = None
    conflict_id: uuid.UUID | None = None


@dataclass(slots=True)
class FieldMerge:
    """Fields to write (wire values) and conflicting fields ({field: {local, server, kept}})."""

    changes: dict[str, Any] = field(default_factory=dict)
    conflicts: dict[str, dict[str, Any]] = field(default_factory=dict)


def merge_fields(op: Op, row: Base, new: dict[str, Any], *, known_base: bool) -> FieldMerge:
    """Steps 4-6: three-way merge of the op's fields into the row's current values.

    A field the server still holds at its base value takes the new value; one the server
    already holds at the new value needs nothing; any other is a conflict (both values kept
    for review): identity fields keep the server value, the others take the new one. With
    `known_base` False (an insert of a row the server has) every differing field conflicts,
    except one the server holds empty: the new value fills it (a village set up offline
    brings its kepala desa's name to the row the DPMD created without one).
    """
    base = canonical_base(op.entity, op.base) if known_base else {}
    identity = IDENTITY_FIELDS.get(op.entity, frozenset())
    derived = DERIVED_FIELDS.get(op.entity, frozenset())
    merged = FieldMerge()
    for key, value in new.items():
        if key in derived:  # follows its source field (changes.write_row), never conflicts
            continue
        server = to_wire(getattr(row, key))
        if server == value:
            continue
        if (key in base and base[key] == server) or (not known_base and server is None):
            merged.changes[key] = value
            continue
        kept = "server" if key in identity else "local"
        merged.conflicts[key] = {"local": value, "server": server, "kept": kept}
        if kept == "local":
            merged.changes[key] = value
    return merged


def record_conflict(
    session: Session,
    *,
    village_id: uuid.UUID,
    device_id: str | None,
    op: Op,
    kind: str,
    fields: dict[str, dict[str, Any]],
) -> uuid.UUID:
    """One open sync_conflict row (the review record: it holds both values, never logged)."""
    conflict_id = uuid.uuid4()
    session.execute(
        insert(t.sync_conflict).values(
            id=conflict_id,
            village_id=village_id,
            entity=op.entity,
            row_id=op.row_id,
            kind=kind,
            fields=json.dumps(fields, ensure_ascii=False, sort_keys=True),
            device_id=device_id,
            device_seq=op.device_seq,
            created_at=utcnow(),
            status="open",
        )
    )
    return conflict_id
