"""initial register schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21 07:35:02.306428
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("changed", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("base", sa.Text(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("op_id", name=op.f("uq_sync_outbox_op_id")),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("db_instance_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.Column("server_url", sa.String(length=300), nullable=True),
        sa.Column("last_pulled_seq", sa.Integer(), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
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
        batch_op.create_index(
            "ix_worker_search_name", ["search_name", "id", "deleted"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_worker_village_id"), ["village_id"], unique=False)
        batch_op.create_index("ix_worker_nik", ["nik", "deleted"], unique=False)

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


def downgrade() -> None:

    with op.batch_alter_table("heir", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_heir_worker_id"))
        batch_op.drop_index(batch_op.f("ix_heir_village_id"))

    op.drop_table("heir")
    with op.batch_alter_table("worker", schema=None) as batch_op:
        batch_op.drop_index("ix_worker_nik")
        batch_op.drop_index(batch_op.f("ix_worker_village_id"))
        batch_op.drop_index("ix_worker_search_name")
        batch_op.drop_index("ix_worker_kpj")
        batch_op.drop_index("ix_worker_category_status")

    op.drop_table("worker")
    with op.batch_alter_table("position_quota", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_position_quota_village_id"))

    op.drop_table("position_quota")
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_village_village_id"))

    op.drop_table("village")
    op.drop_table("sync_state")
    op.drop_table("sync_outbox")
    op.drop_table("settings")
    op.drop_table("audit")
