"""Alembic environment: always in-process, on the engine handed over by app.models.migrate."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo

from app import faults
from app.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    raise RuntimeError("run migrations through app.models.migrate, not the alembic command")


def _step_applied(
    ctx: MigrationContext, step: MigrationInfo, heads: Collection[Any], run_args: Mapping[str, Any]
) -> None:
    # Alembic runs each step and stamps its revision in one transaction (SQLite DDL is
    # transactional); this is called inside it, before the commit: a crash test stops here.
    faults.checkpoint("migrate.step")


with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
        on_version_apply=_step_applied,
    )
    with context.begin_transaction():
        context.run_migrations()
