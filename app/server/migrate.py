"""Alembic migrations of the server database, run in-process (`payung-server migrate`, `serve`).

Alembic is imported only when needed. The shipped revisions are listed here, like the desktop's
app.models.migrate; a test checks the list against the scripts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.server.db import ServerDatabase

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
REVISIONS = ("0001", "0002")  # oldest first; the last one is the head


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    return REVISIONS[-1]


def script_revisions() -> list[str]:
    """The revisions of the shipped scripts, oldest first (read through Alembic)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(db: ServerDatabase) -> str | None:
    """The revision the database is at, None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(db: ServerDatabase) -> bool:
    return current_revision(db) == head_revision()


def upgrade(db: ServerDatabase) -> None:
    """Bring the database to the head revision (a no-op when it is there already)."""
    from alembic import command

    command.upgrade(alembic_config(db.engine), "head")
