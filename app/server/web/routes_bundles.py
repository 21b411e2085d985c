"""USB bundles on the dashboard: upload a village's bundle, apply it, download the reply.

The upload is written to a temporary file under <data dir>/bundles/incoming, applied with
`import_bundle_file` (the same code as `payung-server bundle import`) and deleted. The reply is
kept under <data dir>/bundles/replies/<random id>.pbundle for REPLY_KEEP and handed out only to
logged-in operators; the id is random (not guessable, no personal data in the URL) and older
replies are swept on every upload and download.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, Response

from app.server.bundles import import_bundle_file
from app.server.deps import SessionDep, database_of
from app.server.tables import audit_entry
from app.server.web.render import page
from app.server.web.security import CsrfChecked, CurrentOperator, clock_of
from app.sync.errors import BundleError
from app.sync.protocol import MAX_BODY_BYTES

router = APIRouter()

# The request body cap (RequestBody middleware) holds the whole form; leave room for its parts.
MAX_BUNDLE_BYTES = MAX_BODY_BYTES - 64 * 1024
REPLY_KEEP = timedelta(hours=24)
CHUNK = 64 * 1024
_REPLY_ID = re.compile(r"[A-Za-z0-9_-]{20,40}")
TOO_LARGE = "Berkas terlalu besar (paling banyak {mb} MB); periksa bahwa ini bundel Payung Desa."
EMPTY = "Pilih berkas bundel dari flashdisk desa dulu."
NO_DATA_DIR = "Folder data server belum diatur; jalankan server dengan --data-dir."
REPLY_GONE = (
    "Bundel balasan ini sudah tidak ada (disimpan {hours} jam); impor bundel desa yang sama "
    "sekali lagi untuk membuat balasan baru (perubahan tidak diterapkan dua kali)."
)


def bundles_dir(request: Request) -> Path:
    data_dir: Path | None = getattr(request.app.state, "dashboard_data_dir", None)
    if data_dir is None:
        raise HTTPException(503, NO_DATA_DIR)
    return Path(data_dir) / "bundles"


def sweep_replies(replies: Path, *, keep: timedelta = REPLY_KEEP) -> None:
    """Delete replies older than `keep` (by file time)."""
    if not replies.is_dir():
        return
    oldest = time.time() - keep.total_seconds()
    for path in replies.glob("*.pbundle"):
        try:
            if path.stat().st_mtime < oldest:
                path.unlink()
        except FileNotFoundError:  # another worker swept it first
            continue


@router.get("/bundel")
def bundle_form(request: Request, _operator: CurrentOperator) -> Response:
    return page(request, "bundles.html", {"summary": None, "error": ""})


@router.post("/bundel")
async def upload_bundle(
    request: Request,
    session: SessionDep,
    operator: CsrfChecked,
    berkas: Annotated[UploadFile | None, File()] = None,
) -> Response:
    if berkas is None or not berkas.filename:
        return page(request, "bundles.html", {"summary": None, "error": EMPTY}, status=400)
    base = bundles_dir(request)
    incoming = base / "incoming"
    replies = base / "replies"
    for folder in (incoming, replies):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    sweep_replies(replies)
    fd, name = tempfile.mkstemp(prefix="upload-", suffix=".part", dir=incoming)
    upload = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            size = 0
            while chunk := await berkas.read(CHUNK):
                size += len(chunk)
                if size > MAX_BUNDLE_BYTES:
                    message = TOO_LARGE.format(mb=MAX_BUNDLE_BYTES // (1024 * 1024))
                    return page(
                        request, "bundles.html", {"summary": None, "error": message}, status=413
                    )
                out.write(chunk)
        if size == 0:
            return page(request, "bundles.html", {"summary": None, "error": EMPTY}, status=400)
        reply_id = secrets.token_urlsafe(24)
        reply = replies / f"{reply_id}.pbundle"
        # The import opens its own transactions: end this request's first (on SQLite it holds
        # the write lock since the session check stamped last_seen_at).
        await run_in_threadpool(session.commit)
        try:
            summary = await run_in_threadpool(
                import_bundle_file, database_of(request), upload, reply
            )
        except BundleError as exc:
            return page(
                request, "bundles.html", {"summary": None, "error": exc.message}, status=400
            )
    finally:
        upload.unlink(missing_ok=True)
    session.execute(
        audit_entry(
            actor=operator.actor,
            action="bundle_import",
            entity="device",
            row_id=summary.device_id,
            detail=f"applied={summary.applied} conflicts={summary.conflicts} "
            f"rejected={summary.rejected} pages={summary.pages}",
            at=clock_of(request),
        )
    )
    stamp = clock_of(request).strftime("%Y%m%d-%H%M")
    return page(
        request,
        "bundles.html",
        {
            "summary": summary,
            "error": "",
            "reply_id": reply_id,
            "reply_name": f"balasan-{summary.village_code.replace('.', '')}-{stamp}.payung",
            "keep_hours": int(REPLY_KEEP.total_seconds() // 3600),
        },
    )


@router.get("/bundel/balasan/{reply_id}")
def download_reply(
    request: Request, reply_id: str, _operator: CurrentOperator, nama: str = ""
) -> Response:
    replies = bundles_dir(request) / "replies"
    sweep_replies(replies)
    path = replies / f"{reply_id}.pbundle"
    if not _REPLY_ID.fullmatch(reply_id) or not path.is_file():
        hours = int(REPLY_KEEP.total_seconds() // 3600)
        raise HTTPException(404, REPLY_GONE.format(hours=hours))
    filename = nama if re.fullmatch(r"[A-Za-z0-9_.-]{1,80}", nama) else "balasan.payung"
    return FileResponse(path, media_type="application/octet-stream", filename=filename)
