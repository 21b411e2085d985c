"""Rendering dashboard pages: the Jinja2 environment, its Indonesian filters and `page()`.

Templates live in app/server/web/templates and autoescape everything. `page()` adds what every
page's base template needs: `operator` (OperatorContext or None), `csrf_token` (for every POST
form: `<input type="hidden" name="csrf_token" value="{{ csrf_token }}">`) and `nav`, the
menu entries (label, url, active) the operator's role may see.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from app.domain.formatting import format_date, format_rupiah
from app.server.web.security import OperatorContext

TEMPLATES_DIR = Path(__file__).with_name("templates")
STATIC_DIR = Path(__file__).with_name("static")

# (label, url, admin only)
NAV_ITEMS: tuple[tuple[str, str, bool], ...] = (
    ("Ringkasan", "/ringkasan", False),
    ("Desa", "/desa", False),
    ("Rekap iuran", "/rekap", False),
    ("Rekonsiliasi BPJS", "/rekonsiliasi", False),
    ("Bundel USB", "/bundel", False),
    ("Cek tanda terima", "/cek-tanda-terima", False),
    ("Perangkat", "/perangkat", True),
    ("Operator", "/operator", True),
    ("Daftar desa", "/desa-admin", True),
)


def tanggal(value: date | datetime | None) -> str:
    """`21 November 2026`; `-` for None."""
    if value is None:
        return "-"
    return format_date(value.date() if isinstance(value, datetime) else value)


def waktu(value: datetime | None) -> str:
    """A UTC moment as `21 November 2026 14.05` (the server shows UTC, as the CLI does)."""
    if value is None:
        return "-"
    return f"{format_date(value.date())} {value:%H.%M}"


def rupiah(value: int | None) -> str:
    return "-" if value is None else format_rupiah(int(value))


def angka(value: int | None) -> str:
    """`1.234`: dot as the thousands separator."""
    if value is None:
        return "-"
    return f"{int(value):,}".replace(",", ".")


def persen(value: float | None) -> str:
    """A share 0..1 as `82%` (Indonesian spelling: no space); `-` for None (nothing to divide)."""
    if value is None:
        return "-"
    return f"{round(value * 100)}%"


def nik_samar(value: str | None) -> str:
    """`3201********0001`: region and serial stay, birth date and the rest are hidden."""
    if not value:
        return "-"
    text = str(value)
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        tanggal=tanggal, waktu=waktu, rupiah=rupiah, angka=angka, persen=persen, nik_samar=nik_samar
    )
    return env


templates = Jinja2Templates(env=_environment())


def nav_for(operator: OperatorContext | None, path: str) -> list[tuple[str, str, bool]]:
    if operator is None:
        return []
    return [
        (label, url, path == url or path.startswith(url + "/"))
        for label, url, admin_only in NAV_ITEMS
        if operator.is_admin or not admin_only
    ]


def page(
    request: Request, name: str, context: dict[str, Any], *, status: int = 200
) -> HTMLResponse:
    """Render template `name` with `context` plus operator, csrf_token and nav."""
    operator: OperatorContext | None = getattr(request.state, "operator", None)
    full = dict(context)
    full.setdefault("operator", operator)
    full.setdefault("csrf_token", operator.csrf_token if operator else "")
    full.setdefault("nav", nav_for(operator, request.url.path))
    response: HTMLResponse = templates.TemplateResponse(request, name, full, status_code=status)
    return response
