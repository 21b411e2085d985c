"""Request-scoped dependencies shared by every route: one database session per request.

`SessionDep` commits when the route returns and rolls back when it raises; it is closed before
the answer is sent (FastAPI's function scope), so a client never sees a success whose commit
failed. A route that must keep something despite refusing (a counted failed code) commits
itself before raising.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.server.db import ServerDatabase


def database_of(request: Request) -> ServerDatabase:
    database: ServerDatabase = request.app.state.database
    return database


def get_session(request: Request) -> Iterator[Session]:
    session = database_of(request).sessions()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
