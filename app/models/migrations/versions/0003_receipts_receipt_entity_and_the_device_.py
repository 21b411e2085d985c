"""receipts: receipt entity and the device receipt counter

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 08:34:43.095503
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receipt_counter",
        sa.Column("device", sa.String(length=4), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("device", name=op.f("pk_receipt_counter")),
    )
    op.create_table(
        "receipt",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("enrollment_id", sa.Uuid(), nullable=False),
        sa.Column("worker_id", sa.Uuid(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("verification_code", sa.String(length=8), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at_client", sa.DateTime(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrollment_id"], ["enrollment.id"], name=op.f("fk_receipt_enrollment_id_enrollment")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_receipt_village_id_village")
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_receipt_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt")),
        sa.UniqueConstraint("number", name=op.f("uq_receipt_number")),
    )
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_receipt_enrollment_id"), ["enrollment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_receipt_village_id"), ["village_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipt_worker_id"), ["worker_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_worker_id"))
        batch_op.drop_index(batch_op.f("ix_receipt_village_id"))
        batch_op.drop_index(batch_op.f("ix_receipt_enrollment_id"))

    op.drop_table("receipt")
    op.drop_table("receipt_counter")
