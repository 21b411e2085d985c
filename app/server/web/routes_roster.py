"""Dashboard pages of the monthly jobs: the consolidated roster and the BPJS reconciliation.

- GET /rekap?bulan=YYYY-MM&pembayar=apbd: per-village roster states for that month and payer.
- GET /rekap/unduh?bulan=...&pembayar=...[&profil=NAME]: the consolidated workbook (month
  and payer are not personal data, so they may sit in the URL).
- GET /rekonsiliasi: the upload form; POST /rekonsiliasi (multipart, CSRF): read and analyse,
  keep the analysis server-side (app.server.reconcile_store), redirect to its page.
- GET /rekonsiliasi/{id}: counts, report download (GET .../laporan), and the POST
  .../terapkan button that writes the KPJ fill-ins as DPMD edits.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from app.documents.importing.readers import SPREADSHEET_SUFFIXES, TEXT_SUFFIXES
from app.documents.profiles import ProfileKind
from app.domain.errors import DomainError
from app.domain.period import Period
from app.domain.rates import PAYER_LABELS, Payer
from app.server import reconcile, roster
from app.server.db import ServerDatabase
from app.server.deps import SessionDep, database_of
from app.server.reconcile_file import BpjsPerson, read_bpjs_list
from app.server.reconcile_report import LABELS, write_report
from app.server.reconcile_store import REPORT, AnalysisStore, Stored, document_of
from app.server.tables import audit_entry
from app.server.web.render import page
from app.server.web.security import CsrfChecked, CurrentOperator
from app.sync.protocol import MAX_BODY_BYTES

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = MAX_BODY_BYTES  # the request body cap of every POST (RequestBody)
CHUNK = 1024 * 1024
UPLOAD_SUFFIXES = SPREADSHEET_SUFFIXES | TEXT_SUFFIXES
NO_DATA_DIR = "Folder data server belum diatur; hubungi admin server."
EXPIRED = "Hasil rekonsiliasi ini tidak ada atau sudah kedaluwarsa (disimpan sehari); unggah ulang."


def _data_dir(request: Request) -> Path:
    folder: Path | None = getattr(request.app.state, "dashboard_data_dir", None)
    if folder is None:
        raise HTTPException(503, NO_DATA_DIR)
    return folder


def _choices(bulan: str, pembayar: str) -> tuple[Period, Payer]:
    return Period.parse(bulan, field="bulan"), roster.parse_payer(pembayar, field="pembayar")


def _payers() -> list[tuple[str, str]]:
    return [(p.value, PAYER_LABELS[p]) for p in Payer]


@router.get("/rekap")
def roster_page(
    request: Request,
    _operator: CurrentOperator,
    bulan: str = "",
    pembayar: str = "apbd",
) -> Response:
    context: dict[str, Any] = {
        "bulan": bulan,
        "pembayar": pembayar,
        "payers": _payers(),
        "summary": None,
        "error": None,
    }
    catalog = roster.roster_profiles(_data_dir(request))
    context["profiles"] = sorted(
        p.name for p in catalog.profiles.values() if p.kind is ProfileKind.ROSTER
    )
    context["default_profile"] = roster.ROSTER_PROFILE
    if not bulan:
        return page(request, "roster.html", context)
    try:
        period, payer = _choices(bulan, pembayar)
    except DomainError as exc:
        context["error"] = exc.message
        return page(request, "roster.html", context, status=400)
    # A read session: on SQLite the request's session holds the write lock (sync pushes).
    with database_of(request).read_sessions() as session:
        context["summary"] = roster.summarise(session, period, payer)
    context["payer_label"] = PAYER_LABELS[payer]
    return page(request, "roster.html", context)


@router.get("/rekap/unduh")
def roster_download(
    request: Request,
    session: SessionDep,
    _operator: CurrentOperator,
    bulan: str,
    pembayar: str,
    profil: str = roster.ROSTER_PROFILE,
) -> Response:
    data_dir = _data_dir(request)
    _release(session)
    try:
        period, payer = _choices(bulan, pembayar)
        profile = roster.roster_profiles(data_dir).get(profil, ProfileKind.ROSTER)
        work = Path(tempfile.mkdtemp(prefix="rekap-", dir=_tmp(data_dir)))
        name = f"rekap-iuran-{period}-{payer.value}.xlsx"
        try:
            with database_of(request).read_sessions() as reading:
                roster.export_consolidated(
                    reading, period=period, payer=payer, out=work / name, profile=profile
                )
        except BaseException:
            _remove(work)
            raise
    except DomainError as exc:
        raise HTTPException(
            409 if isinstance(exc, roster.NothingLocked) else 400, exc.message
        ) from None
    return FileResponse(
        work / name, media_type=XLSX, filename=name, background=BackgroundTask(_remove, work)
    )


def _release(session: Session) -> None:
    """End the request's transaction (the login check's) before long work: on SQLite it holds
    the write lock, which device pushes wait for. A later write starts a new one."""
    session.commit()


def _tmp(data_dir: Path) -> Path:
    folder = data_dir / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


@router.get("/rekonsiliasi")
def reconcile_form(request: Request, _operator: CurrentOperator) -> Response:
    return page(request, "reconcile.html", {"error": None, "max_mb": MAX_UPLOAD_BYTES // 2**20})


@router.post("/rekonsiliasi")
async def reconcile_upload(
    request: Request,
    session: SessionDep,
    operator: CsrfChecked,
    berkas: Annotated[UploadFile, File()],
) -> Response:
    store = AnalysisStore(_data_dir(request))
    suffix = Path(berkas.filename or "").suffix.lower()
    source = Path(berkas.filename or "berkas").name[:120]
    if suffix not in UPLOAD_SUFFIXES:
        return _form_error(
            request, "Pilih berkas daftar peserta BPJS: .xlsx, .xls, .ods atau .csv."
        )
    analysis_id, folder = store.new_folder()
    upload = folder / f"unggahan{suffix}"
    try:
        if not await _save_upload(berkas, upload):
            store.discard(folder)
            return _form_error(
                request, f"Berkas lebih besar dari {MAX_UPLOAD_BYTES // 2**20} MB.", 413
            )
        database = database_of(request)
        await run_in_threadpool(_release, session)
        people = await run_in_threadpool(_analyse, database, store, folder, upload, source)
    except DomainError as exc:
        store.discard(folder)
        return _form_error(request, exc.message)
    except BaseException:
        store.discard(folder)
        raise
    session.execute(
        audit_entry(
            actor=operator.actor,
            action="reconcile_read",
            entity="worker",
            detail=f"{len(people)} baris",
        )
    )
    return RedirectResponse(f"/rekonsiliasi/{analysis_id}", status_code=303)


def _analyse(
    database: ServerDatabase, store: AnalysisStore, folder: Path, upload: Path, source: str
) -> list[BpjsPerson]:
    """Read the list (isolated reader process), analyse against a read session (no write
    lock held meanwhile), keep the analysis and its report."""
    people = read_bpjs_list(upload)
    upload.unlink()
    with database.read_sessions() as session:
        result = reconcile.reconcile(session, people, apply=False)
    write_report(folder / REPORT, result, source=source, applied=False)
    document = document_of(
        source,
        people=people,
        counts=result.counts(),
        matched=result.matched,
        to_apply=len(result.to_apply),
    )
    store.save(folder, document)
    return people


async def _save_upload(upload: UploadFile, target: Path) -> bool:
    """Copy the upload to `target`; False (and nothing kept) when it is larger than allowed."""
    size = 0
    with target.open("wb") as fh:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > MAX_UPLOAD_BYTES:
                return False
            fh.write(chunk)
    return True


def _form_error(request: Request, message: str, status: int = 400) -> Response:
    context = {"error": message, "max_mb": MAX_UPLOAD_BYTES // 2**20}
    return page(request, "reconcile.html", context, status=status)


def _stored(request: Request, analysis_id: str) -> Stored:
    stored = AnalysisStore(_data_dir(request)).load(analysis_id)
    if stored is None:
        raise HTTPException(404, EXPIRED)
    return stored


@router.get("/rekonsiliasi/{analysis_id}")
def reconcile_result(request: Request, analysis_id: str, _operator: CurrentOperator) -> Response:
    stored = _stored(request, analysis_id)
    rows = [(LABELS[key], stored.counts.get(key, 0)) for key in LABELS]
    return page(request, "reconcile_result.html", {"stored": stored, "rows": rows})


@router.get("/rekonsiliasi/{analysis_id}/laporan")
def reconcile_report_file(
    request: Request, analysis_id: str, _operator: CurrentOperator
) -> Response:
    stored = _stored(request, analysis_id)
    return FileResponse(stored.report, media_type=XLSX, filename="laporan-rekonsiliasi.xlsx")


@router.post("/rekonsiliasi/{analysis_id}/terapkan")
def reconcile_apply(
    request: Request, analysis_id: str, session: SessionDep, operator: CsrfChecked
) -> Response:
    """Recomputed against the database now and applied in the request's transaction (the
    report is rewritten before the commit: it fails -> nothing applied)."""
    store = AnalysisStore(_data_dir(request))
    stored = _stored(request, analysis_id)
    fresh = stored.folder / f"baru-{REPORT}"
    try:
        result = reconcile.reconcile(session, stored.people, apply=True)
        write_report(fresh, result, source=stored.source, applied=True)
        applied = {"workers": result.applied_workers, "enrollments": result.applied_enrollments}
        session.execute(
            audit_entry(
                actor=operator.actor,
                action="reconcile_apply",
                entity="worker",
                detail=f"kpj pekerja {applied['workers']}, kepesertaan {applied['enrollments']}",
            )
        )
        session.commit()
    except BaseException:
        fresh.unlink(missing_ok=True)
        raise
    os.replace(fresh, stored.report)  # the report and the record follow the commit
    document = document_of(
        stored.source,
        people=stored.people,
        counts=result.counts(),
        matched=result.matched,
        to_apply=0,
        applied=applied,
    )
    store.save(stored.folder, document)
    return RedirectResponse(f"/rekonsiliasi/{analysis_id}", status_code=303)
