"""Importing a village's USB bundle on the server and writing the reply bundle.

`payung-server bundle import FILE --reply OUT` calls `import_bundle_file`. A bundle goes through
the same code as an online sync: hello checks, `apply_push` (one transaction, a savepoint per
op), then every pull page from the village's cursor and the review lists, written back as a
reply bundle encrypted with the same device key.

Trust: the clear header names the device, the device's key opens the file, and the AES-GCM tag
covers the header; so a file edited to claim another device simply fails to open. The village
is always the device's (never a value from the payload), so a bundle can never write into
another village. Importing the same bundle twice gives `duplicate` for every op, changes
nothing and writes the same kind of reply again.

Order: the push is committed BEFORE the reply is written. A reply that exists always describes
committed work; if writing the reply fails (stick full or pulled out), importing the same
bundle again is safe and writes it.

Logs and audit name the device and counts only, never row values.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Village
from app.server import tables as t
from app.server.auth import DeviceContext
from app.server.db import ServerDatabase
from app.server.merge import PushTooOld, SeqGapError, SeqReused, apply_push
from app.server.pull import read_pull
from app.server.review import open_review
from app.server.routes_sync import hello_reply
from app.sync.bundle_format import (
    ReplyBundle,
    VillageBundle,
    open_bundle,
    read_header,
    write_bundle,
)
from app.sync.errors import BundleError
from app.sync.protocol import (
    BATCH_SIZE,
    OpResult,
    PullPage,
)

log = logging.getLogger("payung.server.bundles")

UNKNOWN_DEVICE = (
    "Bundel ini dari perangkat yang tidak dikenal server ini (perangkat {device}); pastikan "
    "bundel diimpor di server kabupaten yang sama dengan tempat PC desa itu disambungkan."
)
REVOKED_DEVICE = (
    "Perangkat {device} sudah dicabut oleh DPMD, jadi bundelnya tidak diimpor; sambungkan ulang "
    "PC desa itu dengan kode baru lalu buat bundel baru."
)
REPLY_NOT_WRITTEN = (
    "Perubahan dari bundel sudah diterapkan, tetapi berkas balasan tidak dapat ditulis ke "
    "'{reply}'; periksa flashdisk atau folder tujuan, lalu impor bundel yang sama sekali lagi "
    "untuk menulis balasannya (perubahan tidak akan diterapkan dua kali)."
)
SAME_PATH = "Berkas balasan harus berbeda dari berkas bundel desa; pilih nama lain untuk --reply."


@dataclass(frozen=True, slots=True)
class BundleImportSummary:
    device_id: str
    village_code: str
    applied: int
    duplicates: int
    conflicts: int
    rejected: int
    pages: int
    rows: int = 0  # rows in the reply's pull pages
    action: str = "ok"  # the hello action written into the reply
    expected_device_seq: int | None = None  # set when the ops were NOT applied (seq gap)
    message: str | None = None  # Indonesian, when the ops were not applied: why
    reply: str = ""  # where the reply bundle was written

    def __str__(self) -> str:
        """What `payung-server bundle import` prints (Indonesian, no personal data)."""
        lines = [
            f"Bundel perangkat {self.device_id} (desa {self.village_code}) diimpor: "
            f"{self.applied} diterapkan, {self.duplicates} sudah pernah diterima, "
            f"{self.conflicts} konflik, {self.rejected} ditolak (karantina).",
        ]
        if self.message:
            lines.append(f"Perhatian: {self.message}")
        lines.append(
            f"Bundel balasan ({self.rows} baris data) ditulis ke {self.reply}; serahkan ke desa "
            "untuk diimpor dengan payung bundle import."
        )
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _BundleDevice:
    """The device named in a bundle header; satisfies merge's DeviceLike."""

    device_id: str
    village_id: uuid.UUID
    village_code: str
    bundle_key: str


def import_bundle_file(db: ServerDatabase, path: Path, reply: Path) -> BundleImportSummary:
    """Apply a village bundle and write the reply bundle to `reply`.

    Raises BundleError (Indonesian message) for a file that is not a bundle, damaged, edited,
    of an unknown or revoked device, or a reply bundle; nothing is applied then. A seq gap
    (an earlier bundle never arrived) applies nothing but still writes a reply whose hello
    names the expected number, so the village re-sends from there."""
    if reply.resolve() == path.resolve():
        raise BundleError(SAME_PATH)
    header = read_header(path)
    with db.read_sessions.begin() as session:
        dev = _device(session, header.device_id)
    _, bundle = open_bundle(path, dev.bundle_key, expect_kind="village")
    if bundle.hello.device_id != dev.device_id:
        raise BundleError(
            "Isi bundel tidak cocok dengan perangkat di kepalanya; minta bundel baru dari PC desa."
        )
    with db.sessions.begin() as session:
        dev = _device(session, header.device_id)  # again, inside the write transaction
        answer, summary = _apply(session, dev, bundle, reply)
    try:
        write_bundle(
            reply,
            kind="reply",
            device_id=dev.device_id,
            village_code=dev.village_code,
            key=dev.bundle_key,
            payload=answer,
        )
    except BundleError as exc:
        raise BundleError(REPLY_NOT_WRITTEN.format(reply=reply)) from exc
    log.info(
        "bundle imported device=%s ops=%d applied=%d duplicates=%d conflicts=%d rejected=%d "
        "pages=%d action=%s",
        dev.device_id,
        len(bundle.ops),
        summary.applied,
        summary.duplicates,
        summary.conflicts,
        summary.rejected,
        summary.pages,
        summary.action,
    )
    return summary


def _device(session: Session, device_id: str) -> _BundleDevice:
    row = session.execute(
        select(
            t.device.c.id,
            t.device.c.village_id,
            t.device.c.bundle_key,
            t.device.c.revoked_at,
            Village.code,
        )
        .join(Village, Village.id == t.device.c.village_id)
        .where(t.device.c.id == device_id)
    ).first()
    if row is None:
        raise BundleError(UNKNOWN_DEVICE.format(device=device_id))
    if row.revoked_at is not None:
        raise BundleError(REVOKED_DEVICE.format(device=device_id))
    return _BundleDevice(
        device_id=row.id,
        village_id=row.village_id,
        village_code=row.code,
        bundle_key=row.bundle_key,
    )


def _apply(
    session: Session, dev: _BundleDevice, bundle: VillageBundle, reply_path: Path
) -> tuple[ReplyBundle, BundleImportSummary]:
    """Hello, push, pull and review inside the caller's transaction."""
    context = DeviceContext(
        device_id=dev.device_id,
        village_id=dev.village_id,
        village_code=dev.village_code,
        revoked=False,
    )
    hello = hello_reply(session, context, bundle.hello)  # the same answer as POST /sync/hello
    results: list[OpResult] = []
    message: str | None = None
    gap: int | None = None
    if hello.action == "ok":
        try:
            with session.begin_nested():  # nothing of a refused push may stay behind
                reply = apply_push(
                    session, context, bundle.ops, protocol=bundle.hello.protocol_version
                )
            results = reply.results
        except SeqReused as exc:
            message = exc.detail
            hello = hello.model_copy(
                update={"action": "reinit_required", "message": _reinit_text()}
            )
        except SeqGapError as exc:
            gap = exc.expected
            message = exc.detail
            hello = hello.model_copy(
                update={"expected_device_seq": exc.expected, "message": exc.detail}
            )
        except PushTooOld:
            message = PushTooOld.detail
            hello = hello.model_copy(
                update={"action": "upgrade_required", "message": PushTooOld.detail}
            )
        else:
            hello = hello.model_copy(
                update={"expected_device_seq": _last_device_seq(session, dev.device_id) + 1}
            )
    pages = (
        _pages(session, dev.village_id, bundle.hello.last_pulled_seq)
        if hello.action == "ok"
        else []
    )
    if pages:
        hello = hello.model_copy(update={"server_seq": pages[-1].server_seq})
    review = open_review(session, dev.village_id)
    session.execute(
        t.audit_entry(
            actor=f"device:{dev.device_id}",
            action="bundle_import",
            entity="device",
            row_id=dev.device_id,
            detail=f"ops={len(bundle.ops)} results={len(results)} pages={len(pages)}",
        )
    )
    counts = {outcome: 0 for outcome in ("applied", "duplicate", "conflict", "rejected")}
    for result in results:
        counts[result.result] += 1
    summary = BundleImportSummary(
        device_id=dev.device_id,
        village_code=dev.village_code,
        applied=counts["applied"],
        duplicates=counts["duplicate"],
        conflicts=counts["conflict"],
        rejected=counts["rejected"],
        pages=len(pages),
        rows=sum(len(page.rows) for page in pages),
        action=hello.action,
        expected_device_seq=gap,
        message=message if message is not None else hello.message,
        reply=str(reply_path),
    )
    return ReplyBundle(hello=hello, results=results, pages=pages, review=review), summary


def _pages(session: Session, village_id: uuid.UUID, since: int) -> list[PullPage]:
    pages: list[PullPage] = []
    while True:
        page = read_pull(session, village_id, since, BATCH_SIZE)
        pages.append(page)
        if not page.has_more or page.next_since <= since:
            return pages
        since = page.next_since


def _last_device_seq(session: Session, device_id: str) -> int:
    seq = session.scalar(select(t.device.c.last_device_seq).where(t.device.c.id == device_id))
    return int(seq or 0)


def _reinit_text() -> str:
    return (
        "Database PC desa ini salinan atau hasil pemulihan cadangan; sambungkan PC itu ke "
        "internet sekali untuk menyelaraskan ulang, atau hubungi DPMD."
    )
