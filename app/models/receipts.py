"""Enrollment receipts (synced) and the device's receipt counter (local only)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncedMixin
from app.models.entities import SYNCED_ENTITIES


class Receipt(SyncedMixin, Base):
    """A tanda terima pendaftaran: issued once per enrollment, reprinted with the same number.

    One receipt per enrollment is the receipt service's rule, not a constraint: two PCs may
    each issue one before they sync, and both must be able to arrive here.
    """

    __tablename__ = "receipt"

    number: Mapped[str] = mapped_column(String(40), unique=True)  # app.domain.receipt
    enrollment_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("enrollment.id"), index=True)
    worker_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("worker.id"), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    verification_code: Mapped[str] = mapped_column(String(8))


class ReceiptCounter(Base):
    """The last counter this database used in receipt numbers, per device tag (local only).

    Keyed by the device tag so a database that gets a new identity (a re-initialised sync)
    starts a fresh series under its new tag instead of continuing the old one's.
    """

    __tablename__ = "receipt_counter"

    device: Mapped[str] = mapped_column(String(4), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


SYNCED_ENTITIES["receipt"] = Receipt
