"""Admin pages: devices (enrollment codes with QR, revocation), operators and villages.

Every route here needs the admin role (AdminOperator); every POST also its CSRF token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

import segno
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.models import Village
from app.server import devices
from app.server.deps import SessionDep
from app.server.tables import device, operator
from app.server.villages import add_village, village_by_code
from app.server.web.render import page
from app.server.web.security import AdminOperator, CsrfChecked, clock_of

router = APIRouter()


@dataclass(frozen=True, slots=True)
class DeviceLine:
    id: str
    village_code: str
    village_name: str
    label: str
    app_version: str | None
    created_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class VillageLine:
    code: str
    name: str
    kecamatan: str
    kabupaten: str
    devices: int


@dataclass(frozen=True, slots=True)
class OperatorLine:
    username: str
    role: str
    created_at: datetime
    disabled_at: datetime | None


def device_lines(session: Session) -> list[DeviceLine]:
    rows = session.execute(
        select(device, Village.code.label("village_code"), Village.name.label("village_name"))
        .join(Village, Village.id == device.c.village_id)
        .order_by(Village.code, device.c.created_at, device.c.id)
    )
    return [
        DeviceLine(
            id=r.id,
            village_code=r.village_code,
            village_name=r.village_name,
            label=r.label,
            app_version=r.app_version,
            created_at=r.created_at,
            last_seen_at=r.last_seen_at,
            revoked_at=r.revoked_at,
        )
        for r in rows
    ]


def village_lines(session: Session) -> list[VillageLine]:
    live = (
        select(device.c.village_id, func.count().label("n"))
        .where(device.c.revoked_at.is_(None))
        .group_by(device.c.village_id)
        .subquery()
    )
    rows = session.execute(
        select(Village.code, Village.name, Village.kecamatan, Village.kabupaten, live.c.n)
        .outerjoin(live, live.c.village_id == Village.id)
        .where(Village.deleted.is_(False))
        .order_by(Village.code)
    )
    return [
        VillageLine(
            code=r.code, name=r.name, kecamatan=r.kecamatan, kabupaten=r.kabupaten, devices=r.n or 0
        )
        for r in rows
    ]


def qr_svg(text: str) -> Markup:
    """`text` as a QR code, inline SVG (no script, no external reference; CSP allows it)."""
    qr = segno.make_qr(text, error="m")
    return Markup(qr.svg_inline(scale=8, border=4, title=f"Kode QR {text}"))


@router.get("/perangkat")
def devices_page(
    request: Request, session: SessionDep, _admin: AdminOperator, dicabut: str = ""
) -> Response:
    return _devices_page(request, session, revoked=dicabut[:40])


def _devices_page(
    request: Request, session: Session, *, revoked: str = "", error: str = "", status: int = 200
) -> Response:
    return page(
        request,
        "devices.html",
        {
            "devices": device_lines(session),
            "villages": village_lines(session),
            "revoked": revoked,
            "error": error,
        },
        status=status,
    )


@router.post("/perangkat/kode")
def create_code(
    *,
    request: Request,
    session: SessionDep,
    admin: AdminOperator,
    _checked: CsrfChecked,
    village: Annotated[str, Form(max_length=20)] = "",
    label: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    """A new enrollment code, shown once: as text and as a QR code (never in a URL)."""
    found = village_by_code(session, village)
    if found is None:
        return _devices_page(
            request, session, error="Pilih desa yang sudah terdaftar di server.", status=400
        )
    now = clock_of(request)
    code, expires_at = devices.create_code(
        session, found.code, label.strip(), now, actor=admin.actor
    )
    return page(
        request,
        "device_code.html",
        {
            "code": code,
            "qr": qr_svg(code),
            "expires_at": expires_at,
            "village": found,
            "label": label.strip(),
        },
    )


@router.post("/perangkat/cabut")
def revoke(
    *,
    request: Request,
    session: SessionDep,
    admin: AdminOperator,
    _checked: CsrfChecked,
    device_id: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    now = clock_of(request)
    try:
        devices.revoke_device(session, device_id, now, actor=admin.actor)
    except DomainError:
        return _devices_page(request, session, error="Perangkat itu tidak ada.", status=404)
    return RedirectResponse(f"/perangkat?dicabut={device_id.strip()}", status_code=303)


@router.get("/operator")
def operators_page(request: Request, session: SessionDep, _admin: AdminOperator) -> Response:
    rows = session.execute(
        select(
            operator.c.username, operator.c.role, operator.c.created_at, operator.c.disabled_at
        ).order_by(operator.c.username)
    )
    lines = [OperatorLine(r.username, r.role, r.created_at, r.disabled_at) for r in rows]
    return page(request, "operators.html", {"operators": lines})


@router.get("/desa-admin")
def villages_page(
    request: Request, session: SessionDep, _admin: AdminOperator, ditambah: str = ""
) -> Response:
    return _villages_page(request, session, added=ditambah[:20])


def _villages_page(
    request: Request,
    session: Session,
    *,
    added: str = "",
    error: str = "",
    form: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    return page(
        request,
        "villages_admin.html",
        {"villages": village_lines(session), "added": added, "error": error, "form": form or {}},
        status=status,
    )


@router.post("/desa-admin")
def add_village_form(
    *,
    request: Request,
    session: SessionDep,
    admin: AdminOperator,
    _checked: CsrfChecked,
    code: Annotated[str, Form(max_length=20)] = "",
    name: Annotated[str, Form(max_length=120)] = "",
    kecamatan: Annotated[str, Form(max_length=120)] = "",
    kabupaten: Annotated[str, Form(max_length=120)] = "",
    province: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    form = {
        "code": code,
        "name": name,
        "kecamatan": kecamatan,
        "kabupaten": kabupaten,
        "province": province,
    }
    try:
        with session.begin_nested():
            add_village(session, **form, actor=admin.actor)
    except DomainError as exc:
        return _villages_page(request, session, error=exc.message, form=form, status=400)
    added = village_by_code(session, code)
    return RedirectResponse(f"/desa-admin?ditambah={added.code if added else ''}", status_code=303)
