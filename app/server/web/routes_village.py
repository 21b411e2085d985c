"""Village pages: `/desa` (list), `/desa/{code}` (coverage, rosters, devices, review) with
conflict resolution and quarantine dismissal, and `/desa/{code}/peserta` (register search).

A village code and a conflict or quarantine id are the only things in a URL; search text goes
in a POST body (a NIK or a name must never reach a URL or a log line). Every operator role may
use these pages; every POST carries the session's CSRF token.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from app.domain.formatting import format_period
from app.models import Village
from app.server.deps import SessionDep
from app.server.merge_rules import Rejected, entity_label, field_label
from app.server.reports import coverage
from app.server.reports_village import (
    NotOpen,
    dismiss_quarantined,
    is_full_nik,
    open_review_counts,
    roster_months,
    search_register,
    village_devices,
)
from app.server.review import open_review, resolve_conflict
from app.server.villages import village_by_code
from app.server.web.render import page
from app.server.web.security import CsrfChecked, CurrentOperator, clock_of
from app.sync.protocol import ConflictItem
from app.sync.wire import InvalidValue

router = APIRouter()

MESSAGES = {
    "konflik": "Konflik diselesaikan. Pilihan ini ikut terkirim ke komputer desa saat sinkron.",
    "karantina": "Perubahan yang dikarantina sudah diabaikan.",
}
KEPT = {"server": "Server (DPMD)", "local": "PC desa"}


async def form_fields(request: Request) -> dict[str, str]:
    """The POSTed form's text fields (files ignored)."""
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


FormFields = Annotated[dict[str, str], Depends(form_fields)]


def _village(session: Session, code: str) -> Village:
    village = village_by_code(session, code)
    if village is None:
        raise HTTPException(404, "Desa dengan kode ini belum terdaftar di server.")
    return village


# ---------------------------------------------------------------- list


@router.get("/desa", response_class=HTMLResponse)
def villages_page(
    request: Request,
    session: SessionDep,
    _operator: CurrentOperator,
    kecamatan: Annotated[str, Query(max_length=120)] = "",
) -> HTMLResponse:
    report = coverage(session, clock_of(request).date())
    names = [k.name for k in report.kecamatan]
    rows = [v for v in report.villages if not kecamatan or v.kecamatan == kecamatan]
    context = {
        "villages": rows,
        "kecamatan_names": names,
        "kecamatan": kecamatan,
        "review": open_review_counts(session),
        "today": report.date,
    }
    return page(request, "villages.html", context)


# ---------------------------------------------------------------- one village


@dataclass(frozen=True, slots=True)
class FieldView:
    name: str
    label: str
    local: Any
    server: Any
    kept: str

    @property
    def kept_label(self) -> str:
        return KEPT.get(self.kept, self.kept)


@dataclass(frozen=True, slots=True)
class ConflictView:
    item: ConflictItem
    fields: list[FieldView]

    @property
    def entity_label(self) -> str:
        return entity_label(self.item.entity)


def _conflict_view(item: ConflictItem) -> ConflictView:
    fields = [
        FieldView(name, field_label(name), value.local, value.server, value.kept)
        for name, value in sorted(item.fields.items())
    ]
    return ConflictView(item, fields)


def _village_page(
    request: Request,
    session: Session,
    village: Village,
    *,
    message: str = "",
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    today = clock_of(request).date()
    report = coverage(session, today, village_id=village.id)
    review = open_review(session, village.id)
    context = {
        "village": village,
        "row": report.villages[0] if report.villages else None,
        "today": today,
        "months": roster_months(session, village.id, today),
        "format_period": format_period,
        "devices": village_devices(session, village.id),
        "conflicts": [_conflict_view(item) for item in review.conflicts],
        "quarantined": review.quarantined,
        "message": message,
        "error": error,
    }
    return page(request, "village.html", context, status=status)


@router.get("/desa/{code}", response_class=HTMLResponse)
def village_page(
    request: Request,
    code: str,
    session: SessionDep,
    _operator: CurrentOperator,
    pesan: Literal["konflik", "karantina", ""] = "",
) -> HTMLResponse:
    village = _village(session, code)
    return _village_page(request, session, village, message=MESSAGES.get(pesan, ""))


@router.post("/desa/{code}/konflik/{conflict_id}", response_model=None)
def resolve(
    request: Request,
    code: str,
    *,
    conflict_id: uuid.UUID,
    session: SessionDep,
    operator: CsrfChecked,
    form: FormFields,
) -> Response:
    """Fields come as `pilih_<field>` = local | server; the chosen values are written through
    the change log (a new version), so the village's PCs pull the resolution."""
    village = _village(session, code)
    choices = {
        key.removeprefix("pilih_"): value for key, value in form.items() if key.startswith("pilih_")
    }
    try:
        if not choices:
            raise Rejected("Pilih nilai yang dipakai untuk setiap kolom yang berbeda.")
        resolve_conflict(
            session,
            village_id=village.id,
            conflict_id=conflict_id,
            choices=choices,
            actor=operator.actor,
        )
    except (Rejected, InvalidValue) as exc:
        session.rollback()
        reason = exc.reason
        return _village_page(request, session, village, error=reason, status=400)
    return RedirectResponse(f"/desa/{village.code}?pesan=konflik", status_code=303)


@router.post("/desa/{code}/karantina/{quarantine_id}/abaikan", response_model=None)
def dismiss(
    request: Request,
    code: str,
    quarantine_id: uuid.UUID,
    session: SessionDep,
    operator: CsrfChecked,
) -> Response:
    village = _village(session, code)
    try:
        dismiss_quarantined(
            session, village_id=village.id, quarantine_id=quarantine_id, actor=operator.actor
        )
    except NotOpen:
        error = "Perubahan ini tidak ada lagi di karantina desa ini; muat ulang halaman."
        return _village_page(request, session, village, error=error, status=400)
    return RedirectResponse(f"/desa/{village.code}?pesan=karantina", status_code=303)


# ---------------------------------------------------------------- register search


def _register_page(
    request: Request, session: Session, village: Village, text: str, page_no: int
) -> HTMLResponse:
    today = clock_of(request).date()
    results = search_register(session, village.id, text, page=page_no, today=today)
    context = {
        "village": village,
        "results": results,
        # A whole NIK is never written back into the page (not even into the search box).
        "query": "" if is_full_nik(text) else text,
        "searched": True,
    }
    return page(request, "village_search.html", context)


@router.get("/desa/{code}/peserta", response_class=HTMLResponse)
def register_form(
    request: Request, code: str, session: SessionDep, _operator: CurrentOperator
) -> HTMLResponse:
    village = _village(session, code)
    context = {"village": village, "results": None, "query": "", "searched": False}
    return page(request, "village_search.html", context)


@router.post("/desa/{code}/peserta", response_class=HTMLResponse)
def register_search(
    request: Request,
    code: str,
    session: SessionDep,
    _operator: CsrfChecked,
    form: FormFields,
) -> HTMLResponse:
    village = _village(session, code)
    text = form.get("cari", "")[:120]
    try:
        page_no = int(form.get("halaman", "1"))
    except ValueError:
        page_no = 1
    return _register_page(request, session, village, text, page_no)
