"""Brute force against the real server process, in parallel: many wrong enrollment codes and
many wrong passwords at once from one address. However the requests interleave, no more
guesses are judged than the limit allows (the rest are 429), and afterwards even the correct
code or password is refused with 429 until the window has passed (the window's end is
proven by tests/server/test_enrollment_auth.py and tests/server/web/test_auth.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from app.server.db import ServerDatabase
from app.server.devices import MAX_FAILURES
from app.server.web.security import MAX_LOGIN_FAILURES
from tests.hostile.conftest import CODE_A, open_db
from tests.server.servertools import ServerHandle, enroll_code, make_village, start_server
from tests.server.web.webtools import PASSWORD, add_operator, csrf_of

THREADS = 8


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[ServerDatabase, ServerHandle]]:
    db = open_db(tmp_path / "server")
    make_village(db, code=CODE_A)
    handle = start_server(db.url, tmp_path / "server")
    try:
        yield db, handle
    finally:
        handle.stop()
        db.dispose()


def _connect(url: str, code: str) -> int:
    answer = httpx.post(f"{url}/api/v1/connect", json={"code": code}, timeout=60)
    assert answer.status_code < 500, answer.text
    return answer.status_code


def test_parallel_code_guesses_are_capped_and_then_the_right_code_is_refused(
    server: tuple[ServerDatabase, ServerHandle],
) -> None:
    db, handle = server
    good = enroll_code(db, CODE_A)
    guesses = [f"ZZZZZ-{n:05d}" for n in range(MAX_FAILURES * 4)]
    with ThreadPoolExecutor(THREADS) as pool:
        answers = Counter(pool.map(lambda code: _connect(handle.url, code), guesses))
    assert set(answers) <= {400, 429}, answers
    assert answers[400] <= MAX_FAILURES, f"more guesses judged than allowed: {answers}"
    assert answers[429] >= len(guesses) - MAX_FAILURES
    assert _connect(handle.url, good) == 429  # the right code, inside the window


def _login(url: str, username: str, password: str) -> int:
    with httpx.Client(base_url=url, follow_redirects=False, timeout=120) as client:
        form = client.get("/login")
        answer = client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": csrf_of(form.text)},
        )
    assert answer.status_code < 500, answer.text[:300]
    return answer.status_code


def test_parallel_password_guesses_are_capped_and_then_the_right_password_is_refused(
    server: tuple[ServerDatabase, ServerHandle],
) -> None:
    db, handle = server
    add_operator(db, "operator1", role="operator")
    guesses = [f"tebakan-{n}" for n in range(MAX_LOGIN_FAILURES * 4)]
    with ThreadPoolExecutor(THREADS) as pool:
        answers = Counter(pool.map(lambda p: _login(handle.url, "operator1", p), guesses))
    assert set(answers) <= {401, 429}, answers
    assert answers[401] <= MAX_LOGIN_FAILURES, f"more guesses judged than allowed: {answers}"
    assert _login(handle.url, "operator1", PASSWORD) == 429
