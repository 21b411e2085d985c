"""Alembic environment of the server: in-process only, on the engine from app.server.migrate."""

from __future__ import annotations

from alembic import context

from app.server.tables import server_metadata

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    raise RuntimeError("run server migrations through app.server.migrate, not the alembic command")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=server_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
