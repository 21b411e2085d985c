"""sync client: outbox with AUTOINCREMENT and results, sync state, review list

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 10:30:00

The outbox is rebuilt (SQLite cannot add AUTOINCREMENT to a table): its rows keep their seq,
and sqlite_sequence starts at the highest of them, so a device_seq is never handed out twice.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table(
        "sync_outbox", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.add_column(sa.Column("result", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("village_code", sa.String(length=13), nullable=True))
        batch_op.add_column(sa.Column("last_server_time", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("device_seq_floor", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("last_verified_at", sa.DateTime(), nullable=True))
    op.create_table(
        "sync_review",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("resolution_pending", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_review")),
    )


def downgrade() -> None:
    op.drop_table("sync_review")
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("last_verified_at")
        batch_op.drop_column("device_seq_floor")
        batch_op.drop_column("last_server_time")
        batch_op.drop_column("village_code")
    with op.batch_alter_table("sync_outbox", recreate="always") as batch_op:
        batch_op.drop_column("reason")
        batch_op.drop_column("result")
