"""The kabupaten side of the journey: the real `payung-server` CLI and server in subprocesses,
and the DPMD dashboard read over HTTP the way a browser would.

- `server_database(folder)`: a fresh database URL (PostgreSQL when PAYUNG_TEST_PG_URL is set).
- `Kabupaten.set_up(folder, db_url, ...)`: migrate, `village add`, `operator add` (password on
  stdin), then `serve` on a free loopback port; `.code()` prints a fresh enrollment code.
- `dashboard(url, username, password)`: an httpx client logged in through the real form.
- `check_receipt(client, number, code)`: the receipt check page's text for a printed receipt.
- `cells(html, attribute, value)`: the texts of the table row marked `data-<attribute>=value`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

SERVER_TESTS = Path(__file__).resolve().parents[1] / "server"
for folder in (SERVER_TESTS, SERVER_TESTS / "web"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from servertools import REPO, ServerHandle, server_env  # noqa: E402 - lives in tests/server
from webtools import csrf_of, login  # noqa: E402 - lives in tests/server/web

PG_ENV = "PAYUNG_TEST_PG_URL"
CLI_TIMEOUT = 120  # seconds: a cold start of the server CLI on a busy CI machine


@dataclass(frozen=True)
class VillageProfile:
    """The village as the DPMD registers it and as its office types it at first run."""

    code: str = "35.21.01.2001"
    name: str = "Sukamaju"
    kecamatan: str = "Ngawi"
    kabupaten: str = "Ngawi"
    province: str = "Jawa Timur"
    head: str = "Bambang Sutrisno"
    secretary: str = "Budi Santoso"


class Kabupaten:
    """One kabupaten server: its data folder, its database URL and the running process."""

    def __init__(self, folder: Path, db_url: str) -> None:
        self.folder = folder
        self.db_url = db_url
        self.server = ServerHandle(db_url, folder)

    @classmethod
    def set_up(
        cls, folder: Path, db_url: str, village: VillageProfile, *, operator: str, password: str
    ) -> Kabupaten:
        folder.mkdir(parents=True, exist_ok=True)
        kabupaten = cls(folder, db_url)
        kabupaten.cli("migrate")
        kabupaten.cli(
            "village", "add", "--code", village.code, "--name", village.name,
            "--kecamatan", village.kecamatan, "--kabupaten", village.kabupaten,
            "--province", village.province,
        )  # fmt: skip
        kabupaten.cli("operator", "add", "--username", operator, "--role", "operator",
                      stdin=password + "\n")  # fmt: skip
        kabupaten.server.start()
        return kabupaten

    @property
    def url(self) -> str:
        return str(self.server.url)

    def cli(self, *args: str, stdin: str | None = None) -> str:
        """`payung-server ARGS` as the DPMD types it; its stdout. Fails the test on exit != 0."""
        command = [sys.executable, "-m", "app.server.cli", "--database-url", self.db_url,
                   "--data-dir", str(self.folder), *args]  # fmt: skip
        done = subprocess.run(
            command, cwd=REPO, env=server_env(), input=stdin, capture_output=True, text=True,
            timeout=CLI_TIMEOUT, check=False,
        )  # fmt: skip
        assert done.returncode == 0, (args[:2], done.returncode, done.stderr[-2000:])
        return done.stdout

    def code(self, village_code: str) -> str:
        """A one-time enrollment code, as `device code --json` prints it."""
        printed = json.loads(self.cli("device", "code", "--village", village_code, "--json"))
        assert printed["village"] == village_code
        code = printed["code"]
        assert isinstance(code, str) and re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code), code
        return code

    def stop(self) -> None:
        self.server.stop()


@contextmanager
def server_database(folder: Path) -> Iterator[str]:
    """The URL of a fresh, empty server database: on the PostgreSQL cluster named by
    PAYUNG_TEST_PG_URL when it is set (as production runs, and as CI sets it), else the
    SQLite file `payung-server` uses by default. One journey per run either way: the
    server's storage is tested on both backends by tests/server; this walks the whole way."""
    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        folder.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{folder / 'server.sqlite3'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if admin_url.startswith(("postgresql://", "postgres://")):
        admin_url = "postgresql+psycopg://" + admin_url.split("://", 1)[1]
    name = f"payung_journey_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def dashboard(url: str, username: str, password: str) -> Iterator[httpx.Client]:
    """A client logged in through the login form (CSRF token and all), closed afterwards."""
    with httpx.Client(base_url=url, follow_redirects=False, timeout=60) as client:
        yield login(client, username, password)


def check_receipt(client: httpx.Client, number: str, code: str) -> str:
    """Cek tanda terima with a receipt's number and code; the page's text when they match."""
    form = client.get("/cek-tanda-terima")
    assert form.status_code == 200, form.status_code
    answer = client.post("/cek-tanda-terima", data={
        "nomor": number, "kode": code, "csrf_token": csrf_of(form.text)})  # fmt: skip
    assert answer.status_code == 200, (answer.status_code, answer.text[:500])
    assert 'class="message ok"' in answer.text, answer.text[-3000:]
    return " ".join(re.sub(r"<[^>]+>", " ", answer.text).split())


def cells(html: str, attribute: str, value: str) -> list[str]:
    """The cell texts of the row `<tr data-ATTRIBUTE="VALUE">`, tags removed, spaces folded."""
    marker = f'data-{attribute}="{value}"'
    assert marker in html, f"no row {marker} on the page"
    start = html.index(marker)
    row = html[start : html.index("</tr>", start)]
    found = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in found]
