"""Entities of the contribution slice: rates, coverage periods, monthly lines, payments."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.categories import EndReason
from app.domain.enrollment import EnrollmentStatus
from app.domain.rates import Payer, Segment
from app.models.base import Base, SyncedMixin
from app.models.entities import SYNCED_ENTITIES, enum_column


class Rate(SyncedMixin, Base):
    """A dated rate row (resources/rates). Kabupaten-wide: `village_id` stays NULL and `id` is
    a UUIDv5 of `code`, so every PC and the server name the same row the same way."""

    __tablename__ = "rate"

    village_id: Mapped[uuid.UUID | None] = mapped_column(  # type: ignore[assignment]
        Uuid, ForeignKey("village.id"), index=True, nullable=True
    )
    code: Mapped[str] = mapped_column(String(80), unique=True)
    programme: Mapped[str] = mapped_column(String(4))
    segment: Mapped[str] = mapped_column(String(3))
    share: Mapped[str] = mapped_column(String(12))
    risk_class: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))
    value: Mapped[str] = mapped_column(String(20))  # exact decimal text, never a float
    base: Mapped[str] = mapped_column(String(8))
    cap: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    condition: Mapped[str | None] = mapped_column(String(120))
    enabled: Mapped[bool] = mapped_column(Boolean)
    legal_basis: Mapped[str] = mapped_column(String(300))


class Enrollment(SyncedMixin, Base):
    """One coverage period of a worker."""

    __tablename__ = "enrollment"
    __table_args__ = (Index("ix_enrollment_worker_id_start_date", "worker_id", "start_date"),)

    worker_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("worker.id"))
    segment: Mapped[Segment] = mapped_column(enum_column(Segment, 3))
    programmes: Mapped[str] = mapped_column(String(40))  # "JKK,JKM,JHT"
    wage: Mapped[int] = mapped_column(Integer)  # PU wage or BPU declared bracket, rupiah
    risk_class: Mapped[int] = mapped_column(Integer, default=1)
    payer: Mapped[Payer] = mapped_column(enum_column(Payer, 8))
    kpj: Mapped[str | None] = mapped_column(String(11))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[EndReason | None] = mapped_column(enum_column(EndReason, 12))
    status: Mapped[EnrollmentStatus] = mapped_column(enum_column(EnrollmentStatus, 10))
    receipt_no: Mapped[str | None] = mapped_column(String(40))


class Contribution(SyncedMixin, Base):
    """One month of one enrollment as billed. `id` is a UUIDv5 of (enrollment, period)."""

    __tablename__ = "contribution"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "period"),
        Index("ix_contribution_period_payer", "period", "payer"),
    )

    enrollment_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("enrollment.id"))
    worker_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("worker.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    payer: Mapped[Payer] = mapped_column(enum_column(Payer, 8))
    segment: Mapped[Segment] = mapped_column(enum_column(Segment, 3))
    wage: Mapped[int] = mapped_column(Integer)
    amounts: Mapped[str] = mapped_column(Text)  # {"JKK": [employer, worker], ...}
    employer_total: Mapped[int] = mapped_column(Integer)
    worker_total: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    rate_version: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(6))  # draft | locked | paid | void


class Payment(SyncedMixin, Base):
    """Money paid for a month by one payer."""

    __tablename__ = "payment"
    __table_args__ = (Index("ix_payment_period_payer", "period", "payer"),)

    period: Mapped[str] = mapped_column(String(7))
    payer: Mapped[Payer] = mapped_column(enum_column(Payer, 8))
    amount: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(80))
    note: Mapped[str | None] = mapped_column(String(200))


SYNCED_ENTITIES.update(
    {"rate": Rate, "enrollment": Enrollment, "contribution": Contribution, "payment": Payment}
)
