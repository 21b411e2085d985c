"""USB bundles on the desktop: `payung bundle export --out FILE` and `payung bundle import FILE`.

Export writes this PC's hello and every pending op (the same ops an online push would send)
into a village bundle for the DPMD. Import reads the reply bundle the server wrote and applies
it exactly as an online sync would, in ONE write transaction: op results (acknowledged ops
leave the outbox, rejected ones are marked), every pull page (rows not newer than the local
copy are skipped, pending local ops are re-applied on top, the cursor never moves back) and
the review list. So a reply imported twice, or an old reply after a newer online sync, changes
nothing.

A reply whose hello asks for re-initialisation (a restored or copied database), or whose push
was refused for a gap in the numbering, is handled as the online client does: pending ops are
renumbered from the number the server expects and a note is kept for review; the user then
makes a new bundle. Nothing here logs row values, only counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import SyncOutbox, new_id
from app.sync import apply, review
from app.sync.bundle_format import (
    ReplyBundle,
    VillageBundle,
    open_bundle,
    read_header,
    write_bundle,
)
from app.sync.errors import BundleError, NotConnected
from app.sync.locking import SyncLock
from app.sync.run import check_hello, naive_utc

if TYPE_CHECKING:
    from app.sync.engine import SyncEngine, SyncResult

NOT_CONNECTED = (
    "PC ini belum pernah tersambung ke server kabupaten, jadi belum punya kunci bundel; "
    "sambungkan sekali dengan payung connect --server URL --code KODE (kode dari DPMD)."
)
OTHER_DEVICE = (
    "Bundel ini untuk perangkat/desa lain (kode desa {code}, perangkat {device}); PC ini "
    "perangkat {own} desa {own_code}. Impor bundel balasan yang dibuat untuk PC ini."
)
STALE = (
    "Bundel balasan ini lebih lama dari sinkronisasi terakhir PC ini; hanya data yang lebih "
    "baru yang dipakai, daftar konflik tidak diubah."
)
RESEND = (
    "Server meminta perubahan PC ini dikirim ulang mulai nomor {expected}; {kept} perubahan "
    "sudah diberi nomor baru. Buat bundel baru (payung bundle export) dan kirim ke DPMD."
)


@dataclass(frozen=True)
class BundleSummary:
    ops: int
    path: Path
    village_code: str = ""
    device_id: str = ""

    def __str__(self) -> str:
        return (
            f"Bundel desa ditulis ke {self.path} ({self.ops} perubahan). Serahkan berkas ini ke "
            "DPMD, lalu impor bundel balasannya dengan payung bundle import."
        )


def describe(result: SyncResult) -> str:
    """What `payung bundle import` prints for a result (Indonesian, counts only)."""
    lines = [
        f"Bundel balasan diimpor: {result.pushed} perubahan diterima server, "
        f"{result.pulled} baris data diperbarui; {result.conflicts} konflik dan "
        f"{result.quarantined} perubahan ditolak menunggu ditinjau (payung conflicts)."
    ]
    lines += [f"Perhatian: {warning}" for warning in result.warnings]
    return "\n".join(lines)


def _identity(engine: SyncEngine) -> tuple[str, str, str]:
    found = engine.identity()
    if found is None:
        raise NotConnected(NOT_CONNECTED)
    return found


def _lock(engine: SyncEngine) -> SyncLock:
    """The same lock an online sync holds: a bundle import never interleaves with a sync."""
    data_dir = getattr(engine, "data_dir", None) or engine._data_dir
    return SyncLock(Path(data_dir))


def export_bundle(engine: SyncEngine, out: Path) -> BundleSummary:
    """Write this PC's pending ops and hello into a village bundle at `out` (atomically; a
    folder gets a file named after the village code and the time).

    Raises NotConnected when the PC has no device identity yet. An empty outbox still makes a
    useful bundle: its reply brings the server's changes."""
    device_id, key, code = _identity(engine)
    if out.is_dir():  # a flash disk's root or a folder: name the file ourselves
        stamp = naive_utc(engine.now()).strftime("%Y%m%d-%H%M")
        out = out / f"payung-{code.replace('.', '')}-{stamp}.payung"
    with _lock(engine), engine.sessions.begin() as session:  # one consistent snapshot
        hello = engine.hello_payload(session)
        ops = engine.pending_ops(session)
    write_bundle(
        out,
        kind="village",
        device_id=device_id,
        village_code=code,
        key=key,
        payload=VillageBundle(hello=hello, ops=ops),
    )
    return BundleSummary(ops=len(ops), path=out, village_code=code, device_id=device_id)


def import_bundle(engine: SyncEngine, path: Path) -> SyncResult:
    """Apply a reply bundle from the server in one transaction (see the module docstring).

    Raises NotConnected, BundleError (another device's bundle, damaged, edited, a village
    bundle instead of a reply), Revoked or UpgradeRequired (what the server answered)."""
    from app.sync.engine import SyncResult

    device_id, key, code = _identity(engine)
    header = read_header(path)
    if header.device_id != device_id:
        raise BundleError(
            OTHER_DEVICE.format(
                code=header.village_code, device=header.device_id, own=device_id, own_code=code
            )
        )
    _, reply = open_bundle(path, key, expect_kind="reply")
    check_hello(reply.hello)  # revoked, upgrade_required: the server's own message
    warnings: list[str] = []
    with _lock(engine), engine.sessions.begin() as session:
        state = apply.sync_state(session)
        stale = _is_stale(reply, state.last_server_time, state.last_pulled_seq)
        pushed = _acknowledged(session, reply)
        engine.record_results(session, reply.results)
        pulled = sum(engine.apply_pull_page(session, page) for page in reply.pages)
        if stale:
            warnings.append(STALE)
        else:
            engine.store_review(session, reply.review)
        if _is_fresh(reply, state.last_server_time):  # not this reply again, nor an old one
            renumbered = _resend_from(session, reply, engine)
            if renumbered is not None:
                warnings.append(renumbered)
            state.last_server_time = naive_utc(reply.hello.server_time)
            state.last_sync_at = naive_utc(engine.now())
        conflicts = review.count(session, review.CONFLICT)
        quarantined = review.count(session, review.QUARANTINE)
    return SyncResult(
        pushed=pushed,
        pulled=pulled,
        conflicts=conflicts,
        quarantined=quarantined,
        server_time=reply.hello.server_time,
        warnings=tuple(warnings),
    )


def _is_stale(reply: ReplyBundle, last_server_time: datetime | None, cursor: int) -> bool:
    """A reply made before this PC's latest sync (online, or a newer reply already imported)."""
    if last_server_time is not None and naive_utc(reply.hello.server_time) < last_server_time:
        return True
    newest = max([reply.hello.server_seq] + [page.server_seq for page in reply.pages])
    return newest < cursor


def _is_fresh(reply: ReplyBundle, last_server_time: datetime | None) -> bool:
    """A reply newer than anything this PC has taken in (so its requests are acted on once)."""
    return last_server_time is None or naive_utc(reply.hello.server_time) > last_server_time


def _acknowledged(session: Session, reply: ReplyBundle) -> int:
    """How many of the reply's results still match an op waiting in the outbox (0 when the
    same reply is imported again)."""
    keys = {(r.device_seq, r.op_id) for r in reply.results}
    if not keys:
        return 0
    rows = session.execute(
        select(SyncOutbox.seq, SyncOutbox.op_id).where(
            SyncOutbox.seq.in_([seq for seq, _ in keys]), SyncOutbox.result.is_(None)
        )
    )
    return sum(1 for row in rows if (row.seq, row.op_id) in keys)


def _resend_from(session: Session, reply: ReplyBundle, engine: SyncEngine) -> str | None:
    """Re-initialise like the online client when the server asks for it (a restored or copied
    database) or expects a lower number than this PC's first pending op (a gap): pending ops
    renumbered from the expected number, new instance id, cursor to 0 for a full re-pull."""
    expected = reply.hello.expected_device_seq
    first = session.scalar(select(func.min(SyncOutbox.seq)).where(SyncOutbox.result.is_(None)))
    gap = reply.hello.action == "ok" and first is not None and first > expected
    if reply.hello.action != "reinit_required" and not gap:
        return None
    kept = apply.renumber_pending(session, expected)
    state = apply.sync_state(session)
    if reply.hello.action == "reinit_required":
        state.db_instance_id = new_id()
        state.last_pulled_seq = 0
        state.last_verified_at = None
    message = RESEND.format(expected=expected, kept=kept)
    review.add_note(
        session,
        review.HELD,
        {"at": naive_utc(engine.now()).isoformat(), "kept": kept, "message": message},
    )
    return message
