"""Helpers of the server tests, shared with the sync and client tests.

- `make_village(db_or_session, code=...)`: a village through the real service (change log too).
- `enroll_code(db, village_code)`: a fresh single-use enrollment code, shown form.
- `connect(url, code)`: POST /connect over HTTP; the ConnectReply as a dict.
- `start_server(db_url, data_dir)`: the real `payung-server serve` in a subprocess on a free
  loopback port; `.url`, `.stop()`, `.restart()`, `.logs()` (its stderr: JSON lines).
- `serve_app(app)`: any ASGI app under uvicorn in a thread on loopback (for test-only routes).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.orm import Session

from app.models import utcnow
from app.server import devices, villages
from app.server.db import ServerDatabase

REPO = Path(__file__).resolve().parents[2]
VILLAGE_CODE = "35.21.01.2001"
API = "/api/v1"


def make_village(
    target: ServerDatabase | Session,
    *,
    code: str = VILLAGE_CODE,
    name: str = "Sukamaju",
    kecamatan: str = "Ngawi",
    kabupaten: str = "Ngawi",
    province: str = "Jawa Timur",
) -> uuid.UUID:
    """A village (version 1, counter at 1). With a session the caller commits."""
    fields: dict[str, str] = {
        "code": code,
        "name": name,
        "kecamatan": kecamatan,
        "kabupaten": kabupaten,
        "province": province,
    }
    if isinstance(target, Session):
        return villages.add_village(target, **fields)
    with target.sessions.begin() as session:
        return villages.add_village(session, **fields)


def enroll_code(db: ServerDatabase, village_code: str = VILLAGE_CODE, label: str = "") -> str:
    with db.sessions.begin() as session:
        code, _expires = devices.create_code(session, village_code, label, utcnow())
    return code


def connect(url: str, code: str, *, label: str = "PC kantor desa") -> dict[str, Any]:
    """Redeem a code over HTTP; raises on a non-200 answer."""
    answer = httpx.post(f"{url}{API}/connect", json={"code": code, "label": label}, timeout=30)
    answer.raise_for_status()
    reply: dict[str, Any] = answer.json()
    return reply


def enroll_device(db: ServerDatabase, url: str, village_code: str = VILLAGE_CODE) -> dict[str, Any]:
    """Code + connect in one step: the ConnectReply dict (device_id, token, bundle_key...)."""
    return connect(url, enroll_code(db, village_code))


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Payung-Protocol": "2"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_healthy(url: str, *, timeout: float = 30.0, alive: Any = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            raise RuntimeError("server process ended before answering")
        try:
            if httpx.get(f"{url}{API}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"server at {url} did not answer within {timeout} s")


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAYUNG_")}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("LANG", "C.UTF-8")
    return env


class ServerHandle:
    """`payung-server serve` in a subprocess. Its stderr goes to `log_path` (kept across
    restarts); `restart()` keeps the port, so clients keep their URL."""

    def __init__(self, db_url: str, data_dir: Path, port: int | None = None) -> None:
        self.db_url = db_url
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.data_dir / "server-stderr.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> ServerHandle:
        command = [
            sys.executable, "-m", "app.server.cli",
            "--database-url", self.db_url, "--data-dir", str(self.data_dir),
            "serve", "--host", "127.0.0.1", "--port", str(self.port),
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command, cwd=REPO, env=server_env(), stdout=log, stderr=log
            )
        process = self._process
        wait_healthy(self.url, alive=lambda: process.poll() is None)
        return self

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=15)
        self._process = None

    def restart(self) -> ServerHandle:
        self.stop()
        return self.start()

    def logs(self) -> str:
        return self.log_path.read_text(encoding="utf-8") if self.log_path.exists() else ""


def start_server(db_url: str, data_dir: Path, port: int | None = None) -> ServerHandle:
    return ServerHandle(db_url, data_dir, port).start()


class ThreadServer:
    """uvicorn serving an app object in a background thread of this process."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, access_log=False, log_level="warning"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> ThreadServer:
        self._thread.start()
        wait_healthy(self.url, alive=self._thread.is_alive)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)


@contextmanager
def serve_app(app: Any) -> Iterator[ThreadServer]:
    server = ThreadServer(app).start()
    try:
        yield server
    finally:
        server.stop()
