"""`create_app()`: the FastAPI application of the central server.

Nothing is created at import time: the database is handed in (tests, `payung-server serve`)
or opened from the environment (`app_from_env`, uvicorn's factory for several workers).
Layers, outermost first: RequestLog (JSON log line, 500s) -> GZip answers (>= 1000 bytes) ->
RequestBody (protocol header, body cap, gzip requests) -> routes. Every error is an ErrorBody.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from starlette.middleware.gzip import GZipMiddleware

from app import __version__
from app.models import utcnow
from app.server import http_errors, routes_sync
from app.server.auth import CurrentDevice, CurrentDeviceAllowRevoked, DeviceContext
from app.server.db import ServerDatabase, open_server_database, resolve_data_dir
from app.server.deps import SessionDep, get_session
from app.server.devices import EnrollmentRefused, redeem_code
from app.server.logs import configure_logging
from app.server.middleware import RequestBody, RequestLog
from app.server.web import mount_dashboard
from app.sync.protocol import ConnectReply, ConnectRequest, ErrorBody

log = logging.getLogger(__name__)

__all__ = [
    "CurrentDevice",
    "CurrentDeviceAllowRevoked",
    "DeviceContext",
    "SessionDep",
    "app_from_env",
    "create_app",
    "get_session",
]

API_PREFIX = "/api/v1"
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody},
    413: {"model": ErrorBody},
    422: {"model": ErrorBody},
    429: {"model": ErrorBody},
    503: {"model": ErrorBody},
}

router = APIRouter()


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok", "server_time": datetime.now(UTC).isoformat()}


@router.post("/connect", response_model=ConnectReply, responses=ERRORS)
def connect(body: ConnectRequest, request: Request, session: SessionDep) -> ConnectReply:
    client_ip = request.client.host if request.client else "unknown"
    try:
        reply = redeem_code(
            session,
            body.code,
            body.label,
            body.app_version,
            client_ip,
            utcnow(),
            village_code=body.village_code,
        )
    except EnrollmentRefused as exc:
        session.commit()  # the failed attempt counts towards the address's limit
        raise HTTPException(exc.status, exc.message) from None
    request.state.device_id = reply.device_id
    return reply


def create_app(
    database: ServerDatabase | None = None,
    *,
    database_url: str | None = None,
    data_dir: Path | None = None,
    warm_reports: bool = False,
) -> FastAPI:
    """The server app on `database`, or on one opened from database_url / data_dir / the
    environment (then disposed at shutdown). Migrations are not run here (see migrate.py).
    `warm_reports`: fill the dashboard's report cache in the background at start-up (serve)."""
    owned = database is None
    db = database or open_server_database(database_url, resolve_data_dir(data_dir))
    configure_logging()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm_reports:
            # The overview's cache, filled off the request path: at 450 villages the first
            # fill reads every enrollment (tens of seconds); afterwards a view takes ~0.2 s.
            threading.Thread(target=_warm_up, args=(db,), name="warm-up", daemon=True).start()
        yield
        if owned:
            db.dispose()

    app = FastAPI(
        title="Payung Desa server",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json",
    )
    app.state.database = db
    http_errors.install(app)
    app.include_router(router, prefix=API_PREFIX)
    app.include_router(routes_sync.router, prefix=API_PREFIX)
    # The dashboard after the JSON handlers: it answers HTML outside /api and JSON inside.
    mount_dashboard(app, data_dir=resolve_data_dir(data_dir))
    # add_middleware puts each new one outside the previous: RequestLog ends up outermost.
    app.add_middleware(RequestBody)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(RequestLog)
    return app


def _warm_up(db: ServerDatabase) -> None:
    from app.server import reports

    try:
        reports.warm_up(db, date.today())
    except Exception as exc:  # a cold cache only makes the first overview slow
        log.warning("report warm-up failed: %s", type(exc).__name__)


def app_from_env() -> FastAPI:
    """uvicorn factory (`app.server.app:app_from_env`, factory=True) for --workers > 1: reads
    PAYUNG_DATABASE_URL and PAYUNG_SERVER_DATA_DIR, which `payung-server serve` sets."""
    return create_app(warm_reports=True)
