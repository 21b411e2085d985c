"""Browser tests of the DPMD dashboard: the real `payung-server serve` on 127.0.0.1 over a
seeded database (SQLite, and PostgreSQL when PAYUNG_TEST_PG_URL is set), driven by Debian's
headless chromium through Playwright (never a downloaded browser).

- `site` (module, per backend): a migrated database seeded by bench.dashboard_bench
  (`SITE_VILLAGES` villages x `SITE_WORKERS` workers, every month paid up to next month so the
  pages' figures do not depend on the day the suite runs), one more empty village for the
  USB-bundle test, an admin and an operator, and the server. `.url`, `.db`, `.kab` (what was
  seeded, per village), `.bundle_village`, `.logs()`.
- `browser` (module): chromium; `page`: a fresh context (1366x768, downloads allowed) per test.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from servertools import ServerHandle, make_village, start_server
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.domain.period import Period
from app.models import utcnow
from app.server.db import ServerDatabase, open_server_database
from app.server.migrate import upgrade
from bench.dashboard_bench import Kabupaten, seed_kabupaten

CHROMIUM = Path("/usr/bin/chromium")
PG_ENV = "PAYUNG_TEST_PG_URL"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(PG_ENV) else [])
SITE_VILLAGES = 4
SITE_WORKERS = 30
BUNDLE_VILLAGE = "35.21.19.2099"
ADMIN = "admin.dpmd"
OPERATOR = "operator.dpmd"
PASSWORD = "sandi-uji-dasbor-2026"
VIEWPORT = {"width": 1366, "height": 768}
TIMEOUT_MS = 15_000

# synctools (village PCs, for the bundle test) and webtools (operators) live next door.
for _folder in (
    Path(__file__).resolve().parents[2] / "sync",
    Path(__file__).resolve().parents[1] / "web",
):
    if str(_folder) not in sys.path:
        sys.path.append(str(_folder))


@dataclass
class Site:
    backend: str
    url: str
    db: ServerDatabase
    kab: Kabupaten
    data_dir: Path
    server: ServerHandle
    bundle_village: str = BUNDLE_VILLAGE
    admin: str = ADMIN
    operator: str = OPERATOR
    password: str = PASSWORD

    def logs(self) -> str:
        return self.server.logs()

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.db.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()


def _pg_admin_url() -> str:
    raw = os.environ[PG_ENV]
    if raw.startswith("postgresql://") or raw.startswith("postgres://"):
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


@pytest.fixture(scope="module", params=BACKENDS)
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    from webtools import add_operator

    backend: str = request.param
    data_dir = tmp_path_factory.mktemp(f"dashboard-{backend}")
    admin = drop = None
    if backend == "sqlite":
        url = f"sqlite:///{data_dir / 'server.sqlite3'}"
    else:
        name = f"payung_browser_{uuid.uuid4().hex[:12]}"
        admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        drop = name
        url = make_url(_pg_admin_url()).set(database=name).render_as_string(hide_password=False)
    db = open_server_database(url, data_dir)
    try:
        upgrade(db)
        kab = seed_kabupaten(
            db,
            villages=SITE_VILLAGES,
            workers_per_village=SITE_WORKERS,
            months=3,
            last_month=Period.of(utcnow().date()) + 1,
            all_paid=True,
        )
        make_village(db, code=BUNDLE_VILLAGE)  # Sukamaju, as the village PC sets itself up
        add_operator(db, ADMIN, PASSWORD, role="admin")
        add_operator(db, OPERATOR, PASSWORD, role="operator")
        server = start_server(db.url, data_dir)
        try:
            yield Site(backend, server.url, db, kab, data_dir, server)
        finally:
            server.stop()
    finally:
        db.dispose()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{drop}" WITH (FORCE)'))
            admin.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (scripts/ensure-system.sh test installs chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()
