"""A database that cannot be reached (PostgreSQL restarting, its file gone) is answered 503 with
Retry-After and an Indonesian sentence, never 500: the desktop retries a 503, and an operator
reading the client's message learns it is the database, not their data."""

from __future__ import annotations

import os
import shutil
import uuid

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.server.app import create_app
from app.server.db import ServerDatabase
from app.server.http_errors import UNAVAILABLE
from app.sync.protocol import PROTOCOL_VERSION


def _cut_off(server_db: ServerDatabase) -> None:
    """Make the database unreachable for every new connection, and drop the open ones."""
    url = make_url(server_db.url)
    server_db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        path = url.database
        assert path
        shutil.move(path, f"{path}.away")
        # A folder where the file was: sqlite3 cannot open it ("unable to open database file").
        os.mkdir(path)
        return
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{url.database}" ALLOW_CONNECTIONS false'))
        conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"),
            {"d": url.database},
        )
    admin.dispose()


def test_an_unreachable_database_answers_503_with_retry_after(server_db: ServerDatabase) -> None:
    app = create_app(server_db, warm_reports=False)
    headers = {
        "Authorization": f"Bearer {uuid.uuid4().hex}",
        "X-Payung-Protocol": str(PROTOCOL_VERSION),
    }
    with TestClient(app, raise_server_exceptions=False) as client:
        before = client.get("/api/v1/sync/review", headers=headers)
        assert before.status_code == 401  # reachable: an unknown token is refused
        _cut_off(server_db)
        answer = client.get("/api/v1/sync/review", headers=headers)
    assert answer.status_code == 503, answer.text
    assert int(answer.headers["Retry-After"]) >= 1
    assert answer.json() == {"detail": UNAVAILABLE}
