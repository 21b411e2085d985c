"""contributions: rates, enrollments, monthly lines, payments

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 07:41:59.151317
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "payment",
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column(
            "payer",
            sa.Enum(
                "apbdes",
                "apbd",
                "dbhcht",
                "self",
                "donor",
                "other",
                name="payer",
                native_enum=False,
                length=8,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=80), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at_client", sa.DateTime(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_payment_village_id_village")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index("ix_payment_period_payer", ["period", "payer"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_village_id"), ["village_id"], unique=False)

    op.create_table(
        "rate",
        sa.Column("village_id", sa.Uuid(), nullable=True),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("programme", sa.String(length=4), nullable=False),
        sa.Column("segment", sa.String(length=3), nullable=False),
        sa.Column("share", sa.String(length=12), nullable=False),
        sa.Column("risk_class", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("value", sa.String(length=20), nullable=False),
        sa.Column("base", sa.String(length=8), nullable=False),
        sa.Column("cap", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("condition", sa.String(length=120), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("legal_basis", sa.String(length=300), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at_client", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_rate_village_id_village")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate")),
        sa.UniqueConstraint("code", name=op.f("uq_rate_code")),
    )
    with op.batch_alter_table("rate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rate_village_id"), ["village_id"], unique=False)

    op.create_table(
        "enrollment",
        sa.Column("worker_id", sa.Uuid(), nullable=False),
        sa.Column(
            "segment", sa.Enum("PU", "BPU", name="segment", native_enum=False), nullable=False
        ),
        sa.Column("programmes", sa.String(length=40), nullable=False),
        sa.Column("wage", sa.Integer(), nullable=False),
        sa.Column("risk_class", sa.Integer(), nullable=False),
        sa.Column(
            "payer",
            sa.Enum(
                "apbdes",
                "apbd",
                "dbhcht",
                "self",
                "donor",
                "other",
                name="payer",
                native_enum=False,
                length=8,
            ),
            nullable=False,
        ),
        sa.Column("kpj", sa.String(length=11), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column(
            "end_reason",
            sa.Enum(
                "died",
                "term_ended",
                "moved",
                "resigned",
                "other",
                name="endreason",
                native_enum=False,
                length=12,
            ),
            nullable=True,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "active",
                "ended",
                name="enrollmentstatus",
                native_enum=False,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column("receipt_no", sa.String(length=40), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at_client", sa.DateTime(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_enrollment_village_id_village")
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_enrollment_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollment")),
    )
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrollment_village_id"), ["village_id"], unique=False)
        batch_op.create_index(
            "ix_enrollment_worker_id_start_date", ["worker_id", "start_date"], unique=False
        )

    op.create_table(
        "contribution",
        sa.Column("enrollment_id", sa.Uuid(), nullable=False),
        sa.Column("worker_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column(
            "payer",
            sa.Enum(
                "apbdes",
                "apbd",
                "dbhcht",
                "self",
                "donor",
                "other",
                name="payer",
                native_enum=False,
                length=8,
            ),
            nullable=False,
        ),
        sa.Column(
            "segment", sa.Enum("PU", "BPU", name="segment", native_enum=False), nullable=False
        ),
        sa.Column("wage", sa.Integer(), nullable=False),
        sa.Column("amounts", sa.Text(), nullable=False),
        sa.Column("employer_total", sa.Integer(), nullable=False),
        sa.Column("worker_total", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("rate_version", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=6), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at_client", sa.DateTime(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollment.id"],
            name=op.f("fk_contribution_enrollment_id_enrollment"),
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_contribution_village_id_village")
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_contribution_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contribution")),
        sa.UniqueConstraint(
            "enrollment_id", "period", name=op.f("uq_contribution_enrollment_id_period")
        ),
    )
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.create_index("ix_contribution_period_payer", ["period", "payer"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contribution_village_id"), ["village_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contribution_worker_id"), ["worker_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contribution_worker_id"))
        batch_op.drop_index(batch_op.f("ix_contribution_village_id"))
        batch_op.drop_index("ix_contribution_period_payer")

    op.drop_table("contribution")
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.drop_index("ix_enrollment_worker_id_start_date")
        batch_op.drop_index(batch_op.f("ix_enrollment_village_id"))

    op.drop_table("enrollment")
    with op.batch_alter_table("rate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_village_id"))

    op.drop_table("rate")
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_village_id"))
        batch_op.drop_index("ix_payment_period_payer")

    op.drop_table("payment")
