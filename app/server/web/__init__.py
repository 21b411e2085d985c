"""The DPMD web dashboard: server-rendered pages (Jinja2) next to the sync API.

`mount_dashboard(app)` adds the dashboard's routers, /static, the HTML answers for login
redirects, refusals and errors outside /api (the API keeps its JSON ErrorBody), and the
security headers of every non-API answer.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Awaitable
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.server.middleware import ASGIApp, Message, Receive, Scope, Send
from app.server.web.render import STATIC_DIR, page
from app.server.web.security import (
    ADMIN_ONLY,
    CSRF_REFUSED,
    AdminRequired,
    CsrfRejected,
    LoginRequired,
)

API_PREFIX = "/api/"
ROUTE_MODULES = (
    "app.server.web.routes_auth",
    "app.server.web.routes_admin",
    "app.server.web.routes_bundles",
    "app.server.web.routes_receipts",
    "app.server.web.routes_overview",  # D2
    "app.server.web.routes_village",  # D2
    "app.server.web.routes_roster",  # D3
)
CSP = (
    "default-src 'self'; img-src 'self' data:; script-src 'self'; "
    # Inline style attributes only (coverage bars' widths); no inline scripts at all.
    "style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
HTML_ERRORS = {
    400: "Permintaan tidak dapat dipahami; periksa isian formulir lalu coba lagi.",
    401: "Anda perlu masuk dulu.",
    403: "Anda tidak berhak membuka halaman ini.",
    404: "Halaman ini tidak ada; periksa alamatnya atau kembali ke Ringkasan.",
    405: "Cara membuka halaman ini tidak didukung; kembali ke halaman sebelumnya.",
    413: "Berkas atau isian terlalu besar.",
    429: "Terlalu banyak permintaan; tunggu sebentar lalu coba lagi.",
}
FALLBACK_ERROR = "Terjadi kesalahan di server; coba lagi nanti."
INVALID_FORM = "Isian formulir tidak lengkap atau tidak valid; periksa lalu kirim lagi."


def mount_dashboard(app: FastAPI, *, data_dir: Path | None = None) -> None:
    """Add the dashboard to `app`. `data_dir` is the server's data folder (bundle replies
    are kept under it); None leaves it unset (the bundle page then refuses uploads)."""
    app.state.dashboard_data_dir = data_dir
    for name in ROUTE_MODULES:
        # HTML pages and forms are not part of the API contract (/api/v1/openapi.json): in the
        # schema they claimed 200/422 while answering 303 and 403 (found by schemathesis).
        app.include_router(importlib.import_module(name).router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _install_html_errors(app)
    app.add_middleware(SecurityHeaders)


def is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def error_page(request: Request, status: int, message: str) -> Response:
    return page(request, "error.html", {"status": status, "message": message}, status=status)


def _install_html_errors(app: FastAPI) -> None:
    """Outside /api, errors are HTML pages; inside, the JSON handlers installed before."""
    api_http = app.exception_handlers[StarletteHTTPException]
    api_validation = app.exception_handlers[RequestValidationError]

    async def on_http(request: Request, exc: Exception) -> Response:
        if is_api(request):
            return await _answer(api_http(request, exc))
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else ""
        if not detail or _is_stock_phrase(exc.status_code, detail):
            detail = HTML_ERRORS.get(exc.status_code, FALLBACK_ERROR)
        return error_page(request, exc.status_code, detail)

    async def on_validation(request: Request, exc: Exception) -> Response:
        if is_api(request):
            return await _answer(api_validation(request, exc))
        return error_page(request, 400, INVALID_FORM)

    async def on_login_required(_request: Request, _exc: Exception) -> Response:
        return RedirectResponse("/login", status_code=303)

    async def on_admin_required(request: Request, _exc: Exception) -> Response:
        return error_page(request, 403, ADMIN_ONLY)

    async def on_csrf(request: Request, _exc: Exception) -> Response:
        return error_page(request, 403, CSRF_REFUSED)

    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(LoginRequired, on_login_required)
    app.add_exception_handler(AdminRequired, on_admin_required)
    app.add_exception_handler(CsrfRejected, on_csrf)


async def _answer(result: Response | Awaitable[Response]) -> Response:
    return await result if inspect.isawaitable(result) else result


def _is_stock_phrase(status: int, detail: str) -> bool:
    try:
        return detail == HTTPStatus(status).phrase
    except ValueError:
        return False


class SecurityHeaders:
    """Pure ASGI: CSP, framing, referrer and no-store headers on every non-API answer
    (static files may be cached; pages may show personal data, so they never are)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or path.startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return
        static = path.startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                present = {bytes(k).lower() for k, _v in headers}
                extra = [
                    (b"content-security-policy", CSP.encode("ascii")),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-content-type-options", b"nosniff"),
                ]
                if not static:
                    extra.append((b"cache-control", b"no-store"))
                headers += [(k, v) for k, v in extra if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
