"""server schema: entity copies, devices, change log, review

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21 10:15:29.662527
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:  # noqa: PLR0915 (one statement per table and index)
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=40), nullable=True),
        sa.Column("detail", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    op.create_table(
        "operator",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("disabled_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator")),
        sa.UniqueConstraint("username", name=op.f("uq_operator_username")),
    )
    op.create_table(
        "rate_limit",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limit")),
    )
    op.create_table(
        "village",
        sa.Column("code", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kecamatan", sa.String(length=120), nullable=False),
        sa.Column("kabupaten", sa.String(length=120), nullable=False),
        sa.Column("province", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("head_name", sa.String(length=120), nullable=True),
        sa.Column("secretary_name", sa.String(length=120), nullable=True),
        sa.Column("npp", sa.String(length=20), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at_client", sa.DateTime(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_village_village_id_village")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_village")),
        sa.UniqueConstraint("code", name=op.f("uq_village_code")),
    )
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_village_village_id"), ["village_id"], unique=False)

    op.create_table(
        "change_log",
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_change_log_village_id_village")
        ),
        sa.PrimaryKeyConstraint("village_id", "seq", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(
            "ix_change_log_village_id_entity_row_id",
            ["village_id", "entity", "row_id"],
            unique=False,
        )

    op.create_table(
        "device",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.Column("label", sa.String(length=120), server_default="", nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("bundle_key", sa.String(length=64), nullable=False),
        sa.Column("db_instance_id", sa.Uuid(), nullable=True),
        sa.Column("last_device_seq", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_pulled_seq", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("app_version", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_device_village_id_village")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_device_token_hash")),
    )
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_village_id"), ["village_id"], unique=False)

    op.create_table(
        "enrollment_code",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.Column("label", sa.String(length=120), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("device_id", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_enrollment_code_village_id_village")
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrollment_code")),
    )
    with op.batch_alter_table("enrollment_code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrollment_code_village_id"), ["village_id"], unique=False
        )

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
        "position_quota",
        sa.Column(
            "category",
            sa.Enum(
                "kepala_desa",
                "sekretaris_desa",
                "perangkat_desa",
                "bpd",
                "ketua_rt",
                "ketua_rw",
                "kader_posyandu",
                "linmas",
                "guru_ngaji",
                "marbot",
                "petani",
                "buruh_tani",
                "nelayan",
                "pekerja_konstruksi",
                "umkm",
                "lainnya",
                name="category",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at_client", sa.DateTime(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_position_quota_village_id_village")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_position_quota")),
        sa.UniqueConstraint(
            "village_id", "category", name=op.f("uq_position_quota_village_id_category")
        ),
    )
    with op.batch_alter_table("position_quota", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_position_quota_village_id"), ["village_id"], unique=False
        )

    op.create_table(
        "quarantine",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.String(length=40), nullable=True),
        sa.Column("device_seq", sa.Integer(), nullable=True),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=True),
        sa.Column("op", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), server_default="open", nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_quarantine_village_id_village")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
    )
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.create_index(
            "ix_quarantine_village_id_status", ["village_id", "status"], unique=False
        )

    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("device_id", sa.String(length=40), nullable=True),
        sa.Column("device_seq", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), server_default="open", nullable=False),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_sync_conflict_village_id_village")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sync_conflict_village_id_status", ["village_id", "status"], unique=False
        )

    op.create_table(
        "village_counter",
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_village_counter_village_id_village")
        ),
        sa.PrimaryKeyConstraint("village_id", name=op.f("pk_village_counter")),
    )
    op.create_table(
        "worker",
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("no_kk", sa.String(length=16), nullable=True),
        sa.Column("kpj", sa.String(length=11), nullable=True),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("search_name", sa.String(length=120), nullable=False),
        sa.Column("birth_place", sa.String(length=200), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.Enum("L", "P", name="sex", native_enum=False), nullable=False),
        sa.Column("mother_name", sa.String(length=120), nullable=True),
        sa.Column(
            "marital_status",
            sa.Enum(
                "belum_kawin",
                "kawin",
                "cerai_hidup",
                "cerai_mati",
                name="maritalstatus",
                native_enum=False,
                length=12,
            ),
            nullable=True,
        ),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("dusun", sa.String(length=200), nullable=True),
        sa.Column("rt", sa.String(length=3), nullable=True),
        sa.Column("rw", sa.String(length=3), nullable=True),
        sa.Column("phone", sa.String(length=14), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "kepala_desa",
                "sekretaris_desa",
                "perangkat_desa",
                "bpd",
                "ketua_rt",
                "ketua_rw",
                "kader_posyandu",
                "linmas",
                "guru_ngaji",
                "marbot",
                "petani",
                "buruh_tani",
                "nelayan",
                "pekerja_konstruksi",
                "umkm",
                "lainnya",
                name="category",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum("active", "ended", name="workerstatus", native_enum=False, length=8),
            nullable=False,
        ),
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
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at_client", sa.DateTime(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_worker_village_id_village")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker")),
    )
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.create_index("ix_worker_category_status", ["category", "status"], unique=False)
        batch_op.create_index("ix_worker_kpj", ["kpj", "deleted"], unique=False)
        batch_op.create_index("ix_worker_nik", ["nik", "deleted"], unique=False)
        batch_op.create_index(
            "ix_worker_search_name", ["search_name", "id", "deleted"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_worker_village_id"), ["village_id"], unique=False)

    op.create_table(
        "applied_op",
        sa.Column("device_id", sa.String(length=40), nullable=False),
        sa.Column("device_seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("conflict_id", sa.Uuid(), nullable=True),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_applied_op_device_id_device")
        ),
        sa.PrimaryKeyConstraint("device_id", "device_seq", name=op.f("pk_applied_op")),
    )
    with op.batch_alter_table("applied_op", schema=None) as batch_op:
        batch_op.create_index("ix_applied_op_device_id_op_id", ["device_id", "op_id"], unique=False)
        batch_op.create_index(
            "ix_applied_op_device_id_version", ["device_id", "version"], unique=False
        )
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
        "heir",
        sa.Column("worker_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "relation",
            sa.Enum(
                "spouse",
                "child",
                "parent",
                "grandchild",
                "grandparent",
                "sibling",
                "in_law",
                "other",
                name="heirrelation",
                native_enum=False,
                length=12,
            ),
            nullable=False,
        ),
        sa.Column("nik", sa.String(length=16), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("phone", sa.String(length=14), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at_client", sa.DateTime(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["village.id"], name=op.f("fk_heir_village_id_village")
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_heir_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_heir")),
    )
    with op.batch_alter_table("heir", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_heir_village_id"), ["village_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_heir_worker_id"), ["worker_id"], unique=False)

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
    # Children first; dropping a table drops its indexes.
    for table in (
        "receipt",
        "contribution",
        "heir",
        "enrollment",
        "applied_op",
        "worker",
        "village_counter",
        "sync_conflict",
        "quarantine",
        "position_quota",
        "payment",
        "enrollment_code",
        "device",
        "change_log",
        "village",
        "rate_limit",
        "operator",
        "audit",
    ):
        op.drop_table(table)
