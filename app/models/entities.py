"""Entity tables shared by the desktop and the server (DESIGN.md section 4)."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import Date, Enum, ForeignKey, Index, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.categories import (
    Category,
    EndReason,
    HeirRelation,
    MaritalStatus,
    Sex,
    WorkerStatus,
)
from app.models.base import Base, SyncedMixin


def enum_column(enum: type[StrEnum], length: int) -> Enum:
    # Stored as the stable code strings, no CHECK constraint: adding a code later needs no
    # table rebuild, and the domain validates before anything is written.
    return Enum(
        enum, native_enum=False, length=length, values_callable=_values, create_constraint=False
    )


def _values(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]


class Village(SyncedMixin, Base):
    __tablename__ = "village"

    code: Mapped[str] = mapped_column(String(13), unique=True)  # PP.KK.CC.DDDD
    name: Mapped[str] = mapped_column(String(120))
    kecamatan: Mapped[str] = mapped_column(String(120))
    kabupaten: Mapped[str] = mapped_column(String(120))
    province: Mapped[str] = mapped_column(String(120))
    address: Mapped[str | None] = mapped_column(String(200))
    head_name: Mapped[str | None] = mapped_column(String(120))
    secretary_name: Mapped[str | None] = mapped_column(String(120))
    npp: Mapped[str | None] = mapped_column(String(20))  # BPJS employer number, text


class PositionQuota(SyncedMixin, Base):
    """Formasi: how many posts of a category exist in the village (denominator of coverage)."""

    __tablename__ = "position_quota"
    __table_args__ = (UniqueConstraint("village_id", "category"),)

    category: Mapped[Category] = mapped_column(enum_column(Category, 24))
    count: Mapped[int] = mapped_column(Integer)


class Worker(SyncedMixin, Base):
    __tablename__ = "worker"
    # NIK is unique per village among live rows, enforced by the register service, not by the
    # schema: the server may deliver two rows with one NIK (a duplicate conflict under review)
    # and the desktop must be able to hold both until someone resolves it.
    # `deleted` rides along in the search indexes so counting matches never reads the table
    # (at 100,000 workers: NIK-prefix count 80-120 ms -> under 10 ms; name count 16 -> 6 ms),
    # and `id` in the name index serves ORDER BY search_name, id without a sort, so a page deep
    # in the list (OFFSET 99,800) costs ~25 ms instead of ~200 ms.
    __table_args__ = (
        Index("ix_worker_nik", "nik", "deleted"),
        Index("ix_worker_search_name", "search_name", "id", "deleted"),
        Index("ix_worker_kpj", "kpj", "deleted"),
        Index("ix_worker_category_status", "category", "status"),
    )

    nik: Mapped[str] = mapped_column(String(16))  # text: leading zeros and all 16 digits matter
    no_kk: Mapped[str | None] = mapped_column(String(16))
    kpj: Mapped[str | None] = mapped_column(String(11))
    full_name: Mapped[str] = mapped_column(String(120))
    # Lower-cased name kept beside full_name so search is index-ordered and case-free.
    search_name: Mapped[str] = mapped_column(String(120))
    birth_place: Mapped[str | None] = mapped_column(String(200))
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[Sex] = mapped_column(enum_column(Sex, 1))
    mother_name: Mapped[str | None] = mapped_column(String(120))
    marital_status: Mapped[MaritalStatus | None] = mapped_column(enum_column(MaritalStatus, 12))
    address: Mapped[str | None] = mapped_column(String(200))
    dusun: Mapped[str | None] = mapped_column(String(200))
    rt: Mapped[str | None] = mapped_column(String(3))
    rw: Mapped[str | None] = mapped_column(String(3))
    phone: Mapped[str | None] = mapped_column(String(14))
    category: Mapped[Category] = mapped_column(enum_column(Category, 24))
    position: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[WorkerStatus] = mapped_column(
        enum_column(WorkerStatus, 8), default=WorkerStatus.ACTIVE
    )
    end_date: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[EndReason | None] = mapped_column(enum_column(EndReason, 12))


class Heir(SyncedMixin, Base):
    """Ahli waris of a worker (for death benefits)."""

    __tablename__ = "heir"

    worker_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("worker.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    relation: Mapped[HeirRelation] = mapped_column(enum_column(HeirRelation, 12))
    nik: Mapped[str | None] = mapped_column(String(16))
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(14))


SYNCED_ENTITIES: dict[str, type[Base]] = {
    "village": Village,
    "position_quota": PositionQuota,
    "worker": Worker,
    "heir": Heir,
}
"""Synced entity tables by name (the contribution tables are added in app.models.contributions)."""
