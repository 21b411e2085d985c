"""Login, sessions, CSRF, lock-out, cookies, headers and the operator CLI of the dashboard."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from servertools import REPO, VILLAGE_CODE, make_village, server_env
from sqlalchemy import func, select
from webtools import ADMIN, OPERATOR, PASSWORD, Clock, add_operator, csrf_of, login

from app.server.db import ServerDatabase
from app.server.tables import operator, server_audit, web_session
from app.server.web.security import (
    CSRF_REFUSED,
    LOGIN_CSRF_COOKIE,
    MAX_ADDRESS_FAILURES,
    MAX_LOGIN_FAILURES,
    SESSION_COOKIE,
    WRONG_LOGIN,
)

PAGE = "/bundel"  # a page of this module's owner that any operator may open


def _post_login(client: TestClient, username: str, password: str) -> Any:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def _count(db: ServerDatabase, table: Any) -> int:
    with db.read_sessions() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_login_opens_a_session_and_the_page_names_the_operator(
    anon: TestClient, server_db: ServerDatabase
) -> None:
    add_operator(server_db, OPERATOR)
    login(anon, OPERATOR)
    answer = anon.get(PAGE)
    assert answer.status_code == 200
    assert OPERATOR in answer.text and "Keluar" in answer.text
    assert _count(server_db, web_session) == 1


def test_wrong_password_and_unknown_user_get_the_same_answer(
    anon: TestClient, server_db: ServerDatabase
) -> None:
    add_operator(server_db, OPERATOR)
    wrong = _post_login(anon, OPERATOR, "bukan-kata-sandinya")
    unknown = _post_login(anon, "tidak-ada", PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert WRONG_LOGIN in wrong.text and WRONG_LOGIN in unknown.text
    assert SESSION_COOKIE not in anon.cookies
    assert anon.get(PAGE).status_code == 303


def test_five_failures_lock_the_username_for_fifteen_minutes(
    anon: TestClient, server_db: ServerDatabase, clock: Clock
) -> None:
    add_operator(server_db, OPERATOR)
    for _ in range(5):
        assert _post_login(anon, OPERATOR, "salah-salah-salah").status_code == 401
    locked = _post_login(anon, OPERATOR, PASSWORD)  # even the right password now
    assert locked.status_code == 429
    assert "coba lagi setelah pukul" in locked.text and "15 menit" in locked.text
    clock.advance(minutes=15, seconds=1)
    login(anon, OPERATOR)


def test_one_persons_mistakes_do_not_lock_out_the_office_behind_one_address(
    web_app: FastAPI, server_db: ServerDatabase
) -> None:
    add_operator(server_db, OPERATOR)
    with TestClient(web_app, follow_redirects=False) as client:
        for number in range(MAX_LOGIN_FAILURES):
            _post_login(client, f"tebakan{number}", "salah-salah-salah")
        assert _post_login(client, OPERATOR, PASSWORD).status_code == 303  # still lets in


def test_many_failures_from_one_address_lock_every_username(
    web_app: FastAPI, server_db: ServerDatabase
) -> None:
    add_operator(server_db, OPERATOR)
    with TestClient(web_app, follow_redirects=False) as client:
        for number in range(MAX_ADDRESS_FAILURES):
            _post_login(client, f"tebakan{number}", "salah-salah-salah")
        assert _post_login(client, OPERATOR, PASSWORD).status_code == 429


def test_disabled_operator_cannot_log_in_and_loses_open_sessions(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    result = _cli(server_db, "operator", "disable", OPERATOR)
    assert result.returncode == 0, result.stderr
    assert operator_client.get(PAGE).status_code == 303
    assert _post_login(operator_client, OPERATOR, PASSWORD).status_code == 401


def test_session_ends_after_thirty_idle_minutes(operator_client: TestClient, clock: Clock) -> None:
    clock.advance(minutes=29)
    assert operator_client.get(PAGE).status_code == 200  # activity moves the idle clock
    clock.advance(minutes=29)
    assert operator_client.get(PAGE).status_code == 200
    clock.advance(minutes=30, seconds=1)
    answer = operator_client.get(PAGE)
    assert answer.status_code == 303 and answer.headers["location"] == "/login"


def test_session_ends_after_twelve_hours_even_when_busy(
    operator_client: TestClient, clock: Clock
) -> None:
    for _ in range(12 * 2 - 1):
        clock.advance(minutes=29, seconds=59)
        assert operator_client.get(PAGE).status_code == 200
    clock.advance(minutes=30)
    assert operator_client.get(PAGE).status_code == 303


def test_logout_deletes_the_session_and_its_cookie_no_longer_works(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    cookie = operator_client.cookies[SESSION_COOKIE]
    token = csrf_of(operator_client.get(PAGE).text)
    answer = operator_client.post("/logout", data={"csrf_token": token})
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert _count(server_db, web_session) == 0
    operator_client.cookies.set(SESSION_COOKIE, cookie)
    assert operator_client.get(PAGE).status_code == 303


def test_logins_and_logouts_are_audited_with_the_operator(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    token = csrf_of(operator_client.get(PAGE).text)
    operator_client.post("/logout", data={"csrf_token": token})
    with server_db.read_sessions() as session:
        rows = session.execute(
            select(server_audit.c.actor, server_audit.c.action).where(
                server_audit.c.entity == "operator"
            )
        ).all()
    assert (f"operator:{OPERATOR}", "login") in rows
    assert (f"operator:{OPERATOR}", "logout") in rows


def _session_cookie_header(answer: Any) -> str:
    headers = [v for v in answer.headers.get_list("set-cookie") if v.startswith(SESSION_COOKIE)]
    assert len(headers) == 1, headers
    return str(headers[0]).lower()


def _login_answer(client: TestClient) -> Any:
    """Login by hand: the pre-session cookie may be Secure while the test talks plain http
    (as behind the proxy), so it is sent explicitly."""
    form = client.get("/login")
    token = csrf_of(form.text)
    answer = client.post(
        "/login",
        data={"username": OPERATOR, "password": PASSWORD, "csrf_token": token},
        headers={"Cookie": f"{LOGIN_CSRF_COOKIE}={token}"},
    )
    assert answer.status_code == 303
    return answer


def test_session_cookie_is_httponly_strict_and_for_the_whole_site(
    anon: TestClient, server_db: ServerDatabase
) -> None:
    add_operator(server_db, OPERATOR)
    header = _session_cookie_header(_login_answer(anon))
    assert "httponly" in header and "samesite=strict" in header and "path=/;" in header + ";"
    assert "secure" not in header  # plain http on a test host: a Secure cookie would be lost


@pytest.mark.parametrize("how", ["https", "proxy", "env"])
def test_session_cookie_is_secure_behind_https(
    web_app: FastAPI, server_db: ServerDatabase, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    add_operator(server_db, OPERATOR)
    options: dict[str, Any] = {"follow_redirects": False}
    if how == "https":
        options["base_url"] = "https://dpmd.example"
    if how == "proxy":
        options |= {"client": ("127.0.0.1", 40000), "headers": {"X-Forwarded-Proto": "https"}}
    if how == "env":
        monkeypatch.setenv("PAYUNG_SECURE_COOKIES", "1")
    with TestClient(web_app, **options) as client:
        assert "secure" in _session_cookie_header(_login_answer(client))


def test_forwarded_proto_is_trusted_only_from_the_local_proxy(
    web_app: FastAPI, server_db: ServerDatabase
) -> None:
    add_operator(server_db, OPERATOR)
    with TestClient(
        web_app,
        follow_redirects=False,
        client=("10.1.2.3", 40000),
        headers={"X-Forwarded-Proto": "https"},
    ) as client:
        assert "secure" not in _session_cookie_header(_login_answer(client))


def test_pages_carry_the_security_headers(operator_client: TestClient) -> None:
    answer = operator_client.get(PAGE)
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["cache-control"] == "no-store"
    assert "<script" not in answer.text


def test_login_form_needs_its_pre_session_token(
    anon: TestClient, server_db: ServerDatabase
) -> None:
    add_operator(server_db, OPERATOR)
    anon.get("/login")
    data = {"username": OPERATOR, "password": PASSWORD}
    assert anon.post("/login", data=data).status_code == 403
    assert anon.post("/login", data=data | {"csrf_token": "x" * 43}).status_code == 403
    anon.cookies.clear()
    answer = anon.post("/login", data=data | {"csrf_token": "x" * 43})
    assert answer.status_code == 403 and CSRF_REFUSED in answer.text


# Every POST of routes_auth/admin/bundles/receipts, with otherwise valid fields.
OWN_POSTS: list[tuple[str, dict[str, str]]] = [
    ("/logout", {}),
    ("/perangkat/kode", {"village": VILLAGE_CODE, "label": "PC"}),
    ("/perangkat/cabut", {"device_id": "dev-000000000000"}),
    (
        "/desa-admin",
        {
            "code": "35.21.01.2002",
            "name": "Sukamulya",
            "kecamatan": "Ngawi",
            "kabupaten": "Ngawi",
            "province": "Jawa Timur",
        },
    ),
    ("/bundel", {}),
    ("/cek-tanda-terima", {"nomor": "3521012001-A7F3-000123", "kode": "8S4VNHD2"}),
]


@pytest.mark.parametrize(("path", "data"), OWN_POSTS, ids=[p for p, _ in OWN_POSTS])
@pytest.mark.parametrize("token", ["missing", "wrong", "other session"])
def test_posts_without_the_session_csrf_token_are_refused(  # noqa: PLR0917 (fixtures)
    admin_client: TestClient,
    web_app: FastAPI,
    server_db: ServerDatabase,
    path: str,
    data: dict[str, str],
    token: str,
) -> None:
    make_village(server_db)
    if token == "wrong":
        data = data | {"csrf_token": "A" * 43}
    if token == "other session":  # a token stolen from another operator's page
        add_operator(server_db, "admin2", role="admin")
        with TestClient(web_app, follow_redirects=False) as other:
            data = data | {"csrf_token": csrf_of(login(other, "admin2").get(PAGE).text)}
    answer = admin_client.post(path, data=data)
    assert answer.status_code == 403
    assert CSRF_REFUSED in answer.text
    assert admin_client.get(PAGE).status_code == 200  # still logged in: nothing happened
    with server_db.read_sessions() as session:
        actions = set(session.scalars(select(server_audit.c.action)))
    assert not actions & {"code_create", "device_revoke", "bundle_import", "logout"}


def test_csrf_token_in_the_header_is_accepted(admin_client: TestClient) -> None:
    token = csrf_of(admin_client.get(PAGE).text)
    answer = admin_client.post("/logout", headers={"X-CSRF-Token": token})
    assert answer.status_code == 303


def test_request_log_names_no_secret_and_no_person(
    anon: TestClient, server_db: ServerDatabase, caplog: pytest.LogCaptureFixture
) -> None:
    add_operator(server_db, OPERATOR)
    with caplog.at_level(logging.INFO, logger="payung.server"):
        login(anon, OPERATOR)
        token = csrf_of(anon.get(PAGE).text)
        anon.post(
            "/cek-tanda-terima",
            data={"nomor": "3521012001-A7F3-000123", "kode": "8S4VNHD2", "csrf_token": token},
        )
    lines = [json.dumps(getattr(r, "fields", {})) for r in caplog.records]
    text = "\n".join(lines) + caplog.text
    assert '"path": "/login"' in text
    for secret in (PASSWORD, OPERATOR, token, anon.cookies[SESSION_COOKIE], "8S4VNHD2", "000123"):
        assert secret not in text


# ---------------------------------------------------------------- operator CLI


def _cli(db: ServerDatabase, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.server.cli", "--database-url", db.url, *args],
        check=False,
        cwd=REPO,
        env=server_env(),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _operators(db: ServerDatabase) -> list[tuple[str, str]]:
    with db.read_sessions() as session:
        return [(r.username, r.role) for r in session.execute(select(operator))]


def test_cli_adds_an_operator_with_the_password_from_stdin(
    server_db: ServerDatabase, web_app: FastAPI
) -> None:
    result = _cli(
        server_db, "operator", "add", "--username", "Budi", "--role", "admin", stdin="rahasia-123\n"
    )
    assert result.returncode == 0, result.stderr
    assert "rahasia-123" not in result.stdout + result.stderr
    assert _operators(server_db) == [("budi", "admin")]
    with TestClient(web_app, follow_redirects=False) as client:
        assert login(client, "budi", "rahasia-123").get("/perangkat").status_code == 200


def test_cli_refuses_a_short_password(server_db: ServerDatabase) -> None:
    result = _cli(server_db, "operator", "add", "--username", "budi", stdin="pendek\n")
    assert result.returncode == 1
    assert "paling sedikit 10 karakter" in result.stderr
    assert _operators(server_db) == []


def test_cli_refuses_a_duplicate_username(server_db: ServerDatabase) -> None:
    add_operator(server_db, "budi")
    result = _cli(server_db, "operator", "add", "--username", "BUDI", stdin="rahasia-lain-1\n")
    assert result.returncode == 1
    assert "sudah dipakai" in result.stderr
    assert len(_operators(server_db)) == 1


def test_cli_lists_operators_as_json(server_db: ServerDatabase) -> None:
    add_operator(server_db, ADMIN, role="admin")
    add_operator(server_db, OPERATOR)
    result = _cli(server_db, "operator", "list", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [(o["username"], o["role"], o["disabled_at"]) for o in listed] == [
        (ADMIN, "admin", None),
        (OPERATOR, "operator", None),
    ]
    assert "password" not in result.stdout


def test_cli_disable_of_an_unknown_operator_fails(server_db: ServerDatabase) -> None:
    result = _cli(server_db, "operator", "disable", "siapa")
    assert result.returncode == 1 and "tidak ada" in result.stderr


def test_operator_cli_module_is_found_by_the_server_cli(tmp_path: Path) -> None:
    from app.server.cli import build_parser

    args = build_parser().parse_args(["operator", "list"])
    assert args.command == "operator" and args.operator_command == "list"


# ---------------------------------------------------------------- refusals and error pages


def test_anonymous_page_request_goes_to_login_without_any_data_in_the_url(
    anon: TestClient,
) -> None:
    answer = anon.get("/cek-tanda-terima?nomor=3521012001-A7F3-000123")
    assert answer.status_code == 303 and answer.headers["location"] == "/login"


def test_operator_on_an_admin_page_gets_the_admin_only_page(operator_client: TestClient) -> None:
    answer = operator_client.get("/perangkat")
    assert answer.status_code == 403
    assert "Halaman ini hanya untuk admin" in answer.text
    assert answer.headers["content-type"].startswith("text/html")


def test_admin_sees_the_admin_menu_and_operator_does_not(
    admin_client: TestClient, operator_client: TestClient
) -> None:
    assert 'href="/perangkat"' in admin_client.get(PAGE).text
    menu = operator_client.get(PAGE).text
    assert 'href="/perangkat"' not in menu and 'href="/operator"' not in menu
    assert 'href="/ringkasan"' in menu and 'href="/rekonsiliasi"' in menu


def test_unknown_page_is_an_html_page_and_the_api_keeps_json(anon: TestClient) -> None:
    page = anon.get("/tidak-ada")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="id">' in page.text and "Halaman ini tidak ada" in page.text
    api = anon.get("/api/v1/tidak-ada")
    assert api.status_code == 404
    assert api.headers["content-type"].startswith("application/json")
    assert "detail" in api.json()
