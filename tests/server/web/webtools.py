"""Helpers of the dashboard tests (also used by the browser tests).

- `add_operator(db, username, password, role)`: an operator through the real service.
- `login(client, username, password) -> client`: the real login form (GET for the pre-session
  CSRF token, then POST); works with a TestClient and with an httpx.Client on a live server.
- `csrf_of(html)`: the value of the first `csrf_token` hidden field of a page.
- `qr_text_of_svg(svg, folder)`: what zbarimg reads from a segno inline SVG (rasterised here,
  no ImageMagick needed); None when zbarimg is not installed.
- `Clock`: a settable clock for `app.state.web_clock` (naive UTC, like utcnow()).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import uuid
import zlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import httpx

from app.models import utcnow
from app.server.db import ServerDatabase
from app.server.web.security import add_operator as _add_operator

PASSWORD = "kata-sandi-rahasia-1"
ADMIN = "admin1"
OPERATOR = "operator1"

_CSRF = re.compile(r'name="csrf_token"\s+value="([^"]*)"')
ClientT = TypeVar("ClientT", bound=httpx.Client)


def add_operator(
    db: ServerDatabase, username: str, password: str = PASSWORD, role: str = "operator"
) -> uuid.UUID:
    with db.sessions.begin() as session:
        return _add_operator(session, username=username, password=password, role=role, now=utcnow())


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match is not None, "page has no csrf_token field"
    return match[1]


def login(client: ClientT, username: str, password: str = PASSWORD) -> ClientT:
    """Log `client` in through the form; asserts the redirect to the overview."""
    form = client.get("/login", follow_redirects=False)
    assert form.status_code == 200, form.status_code
    answer = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, (answer.status_code, answer.text[:500])
    assert answer.headers["location"] == "/ringkasan"
    return client


class Clock:
    """A clock the test moves: `clock.now`, `clock.advance(minutes=31)`."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def svg_modules(svg: str) -> list[list[bool]]:
    """The dark modules of segno's inline SVG: one path of `M`/`m` moves and `h` runs drawn
    with a 1-unit stroke through the middle of each row; the size includes the quiet zone."""
    path = re.search(r'<path[^>]*\bd="([^"]+)"', svg)
    width = re.search(r'width="(\d+)"', svg)
    scale = re.search(r"scale\(([\d.]+)\)", svg)
    assert path and width and scale, "not a segno SVG"
    size = round(int(width[1]) / float(scale[1]))
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([MmhH])(-?[\d.]+)(?:\s+(-?[\d.]+))?", path[1]):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b or 0)
        else:
            run = float(a) if command == "h" else float(a) - x
            for i in range(round(run)):
                grid[int(y)][int(x) + i] = True
            x += run
    return grid


def _png(grid: list[list[bool]], path: Path, pixels: int = 4) -> None:
    rows = []
    for row in grid:
        line = bytes(0 if dark else 255 for dark in row for _ in range(pixels))
        rows += [b"\0" + line] * pixels
    size = len(grid) * pixels

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def qr_text_of_svg(svg: str, folder: Path) -> str | None:
    """Decode a QR code shown as segno inline SVG with zbarimg (None without zbarimg)."""
    if shutil.which("zbarimg") is None:
        return None
    png = folder / "qr.png"
    _png(svg_modules(svg), png)
    result = subprocess.run(
        ["zbarimg", "-q", "--raw", str(png)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.strip()
