"""Plain rows handed out by services: frozen dataclasses, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from app.domain.categories import (
    Category,
    EndReason,
    HeirRelation,
    MaritalStatus,
    Sex,
    WorkerStatus,
)
from app.models import Heir, Village, Worker

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class VillageInfo:
    id: str
    code: str
    name: str
    kecamatan: str
    kabupaten: str
    province: str
    head_name: str | None
    secretary_name: str | None
    address: str | None

    @classmethod
    def of(cls, v: Village) -> VillageInfo:
        return cls(
            id=str(v.id), code=v.code, name=v.name, kecamatan=v.kecamatan, kabupaten=v.kabupaten,
            province=v.province, head_name=v.head_name, secretary_name=v.secretary_name,
            address=v.address,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class WorkerRow:
    """One line of the register table."""

    id: str
    nik: str
    name: str
    birth_date: date
    sex: Sex
    category: Category
    position: str | None
    kpj: str | None
    status: WorkerStatus

    @classmethod
    def of(cls, w: Worker) -> WorkerRow:
        return cls(
            id=str(w.id), nik=w.nik, name=w.full_name, birth_date=w.birth_date, sex=w.sex,
            category=w.category, position=w.position, kpj=w.kpj, status=w.status,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class WorkerDetail:
    """Every field of a worker, named as the CLI options (`name`, not `full_name`)."""

    id: str
    nik: str
    name: str
    birth_date: date
    birth_place: str | None
    sex: Sex
    category: Category
    position: str | None
    phone: str | None
    address: str | None
    dusun: str | None
    rt: str | None
    rw: str | None
    mother_name: str | None
    no_kk: str | None
    kpj: str | None
    marital_status: MaritalStatus | None
    status: WorkerStatus
    end_date: date | None
    end_reason: EndReason | None
    updated_at: datetime

    @classmethod
    def of(cls, w: Worker) -> WorkerDetail:
        return cls(
            id=str(w.id), nik=w.nik, name=w.full_name, birth_date=w.birth_date,
            birth_place=w.birth_place, sex=w.sex, category=w.category, position=w.position,
            phone=w.phone, address=w.address, dusun=w.dusun, rt=w.rt, rw=w.rw,
            mother_name=w.mother_name, no_kk=w.no_kk, kpj=w.kpj,
            marital_status=w.marital_status, status=w.status, end_date=w.end_date,
            end_reason=w.end_reason, updated_at=w.updated_at_client,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class HeirInfo:
    id: str
    worker_id: str
    name: str
    relation: HeirRelation
    nik: str | None
    birth_date: date | None
    phone: str | None

    @classmethod
    def of(cls, h: Heir) -> HeirInfo:
        return cls(
            id=str(h.id), worker_id=str(h.worker_id), name=h.name, relation=h.relation,
            nik=h.nik, birth_date=h.birth_date, phone=h.phone,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    rows: list[T]
    offset: int
    total: int


def to_json(obj: Any) -> Any:
    """JSON form of a dto (dates ISO, enums as codes); used by the CLI's --json."""
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: to_json(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, list):
        return [to_json(item) for item in obj]
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if hasattr(obj, "value"):
        return obj.value
    return obj
