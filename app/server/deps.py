"""Request-scoped dependencies shared by every route: one database session per request.

`SessionDep` commits when the route returns and rolls back when it raises; it is closed before
the answer is sent (FastAPI's function scope), so a client never sees a success whose commit
failed. A route that must keep something despite refusing (a counted failed code) commits
itself before raising.

Before the session exists the request takes one of the process's database slots (as many as the
pool has connections, `ServerDatabase.connections`) and gives it back after the session is
closed: when 200 villages sync at once the others wait here, in the event loop, instead of
holding a thread while the pool makes them time out. A request that waits longer than
SLOT_WAIT_S is answered 503 with Retry-After (the client retries).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.server.db import ServerDatabase
from app.server.http_errors import ServerBusy

SLOT_WAIT_S = 40.0  # under the client's 60 s read timeout, with room for the work itself


def database_of(request: Request) -> ServerDatabase:
    database: ServerDatabase = request.app.state.database
    return database


def _slots(request: Request) -> asyncio.Semaphore:
    state = request.app.state
    slots: asyncio.Semaphore | None = getattr(state, "database_slots", None)
    if slots is None:
        slots = asyncio.Semaphore(max(1, database_of(request).connections))
        state.database_slots = slots
    return slots


async def database_slot(request: Request) -> AsyncIterator[None]:
    """Hold one of the process's database slots for the request's session (see above)."""
    slots = _slots(request)
    try:
        async with asyncio.timeout(SLOT_WAIT_S):
            await slots.acquire()
    except TimeoutError:
        raise ServerBusy from None
    try:
        yield
    finally:
        slots.release()


def get_session(
    request: Request, _slot: Annotated[None, Depends(database_slot, scope="function")]
) -> Iterator[Session]:
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
