"""Who may call what: EVERY route of the app, for anonymous callers, a village device token, an
operator session and an admin session (SQLite, and PostgreSQL when set).

The routes come from `app.routes`, so a new route fails `test_every_route_is_in_the_table`
until it is added to ROUTES with its kind. Kinds:
- page / page_param: GET for any logged-in operator (200 / authorised, maybe 404 for a sample
  id); anonymous and device tokens are sent to /login (303).
- admin_page: like page, but an operator without the admin role gets 403.
- action / admin_action: POST (sent with the session's CSRF token); anonymous and device tokens
  get 303 to /login; an operator gets 403 on admin actions. Without the CSRF token every
  logged-in POST is 403.
- api_device: the sync API; only a device token passes (401 for sessions and anonymous).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import fastapi.routing
import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from servertools import VILLAGE_CODE, auth, enroll_code, make_village
from starlette.routing import Mount
from webtools import ADMIN, OPERATOR, add_operator, csrf_of, login

from app.models import utcnow
from app.server.db import ServerDatabase
from app.server.devices import redeem_code

PASSES = -1  # authorised: anything but 401, 403 or a redirect to /login
ROLES = ("anonymous", "device", "operator", "admin")

KINDS: dict[str, dict[str, int]] = {
    "home": dict.fromkeys(ROLES, 303),
    "login_form": {"anonymous": 200, "device": 200, "operator": 303, "admin": 303},
    # Without the pre-session cookie and token (the matrix sends none): refused for all.
    "login_post": dict.fromkeys(ROLES, 403),
    "public": dict.fromkeys(ROLES, 200),
    "api_public_post": dict.fromkeys(ROLES, 422),  # /connect: no code in the body
    "api_device": {"anonymous": 401, "device": PASSES, "operator": 401, "admin": 401},
    "page": {"anonymous": 303, "device": 303, "operator": 200, "admin": 200},
    "page_param": {"anonymous": 303, "device": 303, "operator": PASSES, "admin": PASSES},
    "admin_page": {"anonymous": 303, "device": 303, "operator": 403, "admin": 200},
    "logout": dict.fromkeys(ROLES, 303),  # to /login; the session's end: test_auth.py
    "action": {"anonymous": 303, "device": 303, "operator": PASSES, "admin": PASSES},
    "admin_action": {"anonymous": 303, "device": 303, "operator": 403, "admin": PASSES},
}

# (method, path as declared) -> kind. Keep it complete: unknown routes fail.
ROUTES: dict[tuple[str, str], str] = {
    # sync API (issue 5)
    ("GET", "/api/v1/health"): "public",
    ("GET", "/api/v1/openapi.json"): "public",
    ("POST", "/api/v1/connect"): "api_public_post",
    ("POST", "/api/v1/sync/hello"): "api_device",
    ("POST", "/api/v1/sync/reinit"): "api_device",
    ("POST", "/api/v1/sync/push"): "api_device",
    ("GET", "/api/v1/sync/pull"): "api_device",
    ("GET", "/api/v1/sync/verify"): "api_device",
    ("GET", "/api/v1/sync/table/{entity}"): "api_device",
    ("GET", "/api/v1/sync/review"): "api_device",
    # foundation (D1)
    ("GET", "/static"): "public",
    ("GET", "/"): "home",
    ("GET", "/login"): "login_form",
    ("POST", "/login"): "login_post",
    ("POST", "/logout"): "logout",
    ("GET", "/perangkat"): "admin_page",
    ("POST", "/perangkat/kode"): "admin_action",
    ("POST", "/perangkat/cabut"): "admin_action",
    ("GET", "/operator"): "admin_page",
    ("GET", "/desa-admin"): "admin_page",
    ("POST", "/desa-admin"): "admin_action",
    ("GET", "/bundel"): "page",
    ("POST", "/bundel"): "action",
    ("GET", "/bundel/balasan/{reply_id}"): "page_param",
    ("GET", "/cek-tanda-terima"): "page",
    ("POST", "/cek-tanda-terima"): "action",
    # overview and villages (D2)
    ("GET", "/ringkasan"): "page",
    ("GET", "/desa"): "page",
    ("GET", "/desa/{code}"): "page",
    ("POST", "/desa/{code}/konflik/{conflict_id}"): "action",
    ("POST", "/desa/{code}/karantina/{quarantine_id}/abaikan"): "action",
    ("GET", "/desa/{code}/peserta"): "page",
    ("POST", "/desa/{code}/peserta"): "action",
    # roster and reconciliation (D3)
    ("GET", "/rekap"): "page",
    ("GET", "/rekap/unduh"): "page_param",
    ("GET", "/rekonsiliasi"): "page",
    ("POST", "/rekonsiliasi"): "action",
    ("GET", "/rekonsiliasi/{analysis_id}"): "page_param",
    ("GET", "/rekonsiliasi/{analysis_id}/laporan"): "page_param",
    ("POST", "/rekonsiliasi/{analysis_id}/terapkan"): "action",
}

SAMPLES = {
    "code": VILLAGE_CODE,
    "entity": "worker",
    "reply_id": "a" * 32,
    "analysis_id": "b" * 32,
    "conflict_id": str(uuid.UUID(int=1)),
    "quarantine_id": str(uuid.UUID(int=2)),
}
CONCRETE = {
    "/static": "/static/style.css",
    "/rekap/unduh": "/rekap/unduh?bulan=2026-11&pembayar=apbd",
}


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, declared path) of every route, included routers flattened (FastAPI >= 0.13x
    keeps included routers as lazy entries of app.routes: iter_route_contexts opens them)."""
    flatten = getattr(fastapi.routing, "iter_route_contexts", None)
    routes: Iterable[Any] = flatten(app.routes) if flatten is not None else app.routes
    found: set[tuple[str, str]] = set()
    for route in routes:
        path = route.path
        if isinstance(getattr(route, "original_route", route), Mount):
            found.add(("GET", path))
            continue
        found |= {(m, path) for m in route.methods or () if m != "HEAD"}
    return found


def concrete(path: str) -> str:
    if path in CONCRETE:
        return CONCRETE[path]
    for name, value in SAMPLES.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"no sample value for {path}: add it to SAMPLES"
    return path


@dataclass
class Caller:
    role: str
    client: TestClient
    headers: dict[str, str]

    def csrf(self) -> str | None:
        if self.role not in ("operator", "admin"):
            return None
        return csrf_of(self.client.get("/cek-tanda-terima").text)

    def call(self, method: str, path: str, *, with_csrf: bool = True) -> httpx.Response:
        url = concrete(path)
        answer: httpx.Response
        if method == "GET":
            answer = self.client.get(url, headers=self.headers)
        elif path.startswith("/api/"):
            answer = self.client.post(url, headers=self.headers, json={})
        else:
            token = self.csrf() if with_csrf else None
            data = {"csrf_token": token} if token else {}
            answer = self.client.post(url, headers=self.headers, data=data)
        return answer


@pytest.fixture
def callers(web_app: FastAPI, server_db: ServerDatabase) -> Iterator[dict[str, Caller]]:
    make_village(server_db)
    with server_db.sessions.begin() as session:
        reply = redeem_code(session, enroll_code(server_db), "PC", "1.0", "127.0.0.1", utcnow())
    add_operator(server_db, OPERATOR, role="operator")
    add_operator(server_db, ADMIN, role="admin")
    clients = [TestClient(web_app, follow_redirects=False) for _ in ROLES]
    for client in clients:
        client.__enter__()
    try:
        login(clients[2], OPERATOR)
        login(clients[3], ADMIN)
        yield {
            "anonymous": Caller("anonymous", clients[0], {}),
            "device": Caller("device", clients[1], auth(reply.token)),
            "operator": Caller("operator", clients[2], {}),
            "admin": Caller("admin", clients[3], {}),
        }
    finally:
        for client in clients:
            client.__exit__(None, None, None)


def verdict(answer: httpx.Response, expected: int) -> bool:
    if expected != PASSES:
        if answer.status_code != expected:
            return False
        if expected == 303 and answer.headers.get("location") == "/login":
            return True
        return expected != 303 or "location" in answer.headers
    to_login = answer.status_code == 303 and answer.headers.get("location") == "/login"
    return answer.status_code not in (401, 403) and not to_login


def test_every_route_is_in_the_table(web_app: FastAPI) -> None:
    routes = app_routes(web_app)
    missing = sorted(routes - set(ROUTES))
    stale = sorted(set(ROUTES) - routes)
    assert not missing, f"routes without an expected authorization (add to ROUTES): {missing}"
    assert not stale, f"ROUTES names routes the app does not have: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_each_route_answers_each_caller_as_the_table_says(
    web_app: FastAPI, callers: dict[str, Caller], role: str
) -> None:
    caller = callers[role]
    wrong: list[str] = []
    for method, path in sorted(app_routes(web_app) & set(ROUTES)):
        if (method, path) == ("POST", "/logout"):
            continue  # would end the session the other routes need; checked last
        expected = KINDS[ROUTES[(method, path)]][role]
        answer = caller.call(method, path)
        if not verdict(answer, expected):
            wrong.append(f"{method} {path}: {answer.status_code}, expected {expected}")
    logout = caller.call("POST", "/logout")
    if not verdict(logout, KINDS["logout"][role]):
        wrong.append(f"POST /logout: {logout.status_code}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ["operator", "admin"])
def test_every_dashboard_post_needs_the_csrf_token(
    web_app: FastAPI, callers: dict[str, Caller], role: str
) -> None:
    caller = callers[role]
    wrong: list[str] = []
    for method, path in sorted(app_routes(web_app)):
        if method != "POST" or path.startswith("/api/") or path == "/login":
            continue
        answer = caller.call(method, path, with_csrf=False)
        if answer.status_code != 403:
            wrong.append(f"{method} {path}: {answer.status_code}")
    assert not wrong, "\n".join(wrong)


def test_sessions_do_not_open_the_sync_api(callers: dict[str, Caller]) -> None:
    answer: Any = callers["admin"].call("GET", "/api/v1/sync/pull")
    assert answer.status_code == 401
    assert "detail" in answer.json()  # the API keeps answering JSON
