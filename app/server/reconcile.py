"""Reconciling the BPJS branch's participant list with every village's register.

Matched by NIK against every live worker of every live village. Five findings (DESIGN.md
section 7): KPJ numbers to fill in, membership status differences, people only BPJS has,
people only the villages have (with an active coverage period), and names or birth dates that
differ (compared normalised: case, spaces, punctuation, accents). Applying writes the KPJ
fill-ins, and nothing else, as DPMD edits (app.server.changes.dpmd_edit, operator
"rekonsiliasi") in the caller's transaction, so they reach the villages through sync.

A fill-in is not applied when the person's name or birth date differs too (the NIK may be
mistyped on one side) or when the KPJ already belongs to a worker with another NIK: such rows
stay in the report as "periksa dulu". Everything is recomputed against the database at the
time of applying, so a second apply finds nothing left to fill.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enrollment import EnrollmentStatus
from app.models import Enrollment, Village, Worker
from app.server.changes import dpmd_edit
from app.server.reconcile_file import BpjsPerson, normalize_name

OPERATOR = "rekonsiliasi"
FETCH_BATCH = 10_000
PRELOAD_CHUNK = 900  # ids per IN (...): far below SQLite's and PostgreSQL's limits


@dataclass(frozen=True, slots=True)
class VillageWorker:
    worker_id: uuid.UUID
    village_id: uuid.UUID
    village_code: str
    village_name: str
    kecamatan: str
    nik: str
    name: str
    birth_date: date | None
    kpj: str | None
    enrollment_id: uuid.UUID | None  # the active coverage period, if any
    enrollment_kpj: str | None

    @property
    def active(self) -> bool:
        return self.enrollment_id is not None


@dataclass(frozen=True, slots=True)
class KpjFill:
    person: BpjsPerson
    worker: VillageWorker
    fill_worker: bool  # worker.kpj differs from BPJS
    fill_enrollment: bool  # the active period's kpj differs from BPJS
    blocked: str | None  # why it is not applied automatically (Indonesian), else None

    @property
    def action(self) -> str:
        current = {self.worker.kpj, self.worker.enrollment_kpj} - {None}
        return "ganti" if current - {self.person.kpj} else "isi"


@dataclass(frozen=True, slots=True)
class StatusDifference:
    person: BpjsPerson
    worker: VillageWorker

    @property
    def note(self) -> str:
        if self.person.active is None:
            return "status BPJS tidak dikenal; periksa"
        if self.person.active:
            return "BPJS: aktif; desa: tidak ada kepesertaan aktif"
        return "BPJS: tidak aktif; desa: kepesertaan masih aktif"


@dataclass(frozen=True, slots=True)
class IdentityDifference:
    person: BpjsPerson
    worker: VillageWorker
    name: bool
    birth_date: bool

    @property
    def what(self) -> str:
        return ", ".join(
            w for w, d in (("nama", self.name), ("tanggal lahir", self.birth_date)) if d
        )


@dataclass(slots=True)
class Reconciliation:
    people: int  # rows of the BPJS list
    matched: int  # of them, found in at least one village
    kpj: list[KpjFill] = field(default_factory=list)
    status: list[StatusDifference] = field(default_factory=list)
    only_bpjs: list[BpjsPerson] = field(default_factory=list)
    only_villages: list[VillageWorker] = field(default_factory=list)
    identity: list[IdentityDifference] = field(default_factory=list)
    applied_workers: int = 0
    applied_enrollments: int = 0

    @property
    def to_apply(self) -> list[KpjFill]:
        return [f for f in self.kpj if f.blocked is None]

    def counts(self) -> dict[str, int]:
        return {
            "kpj": len(self.kpj),
            "status": len(self.status),
            "only_bpjs": len(self.only_bpjs),
            "only_villages": len(self.only_villages),
            "identity": len(self.identity),
        }


def load_workers(session: Session) -> list[VillageWorker]:
    """Every live worker of every live village with its active period (two streamed queries)."""
    active: dict[uuid.UUID, tuple[uuid.UUID | None, str | None]] = {}
    periods = (
        select(Enrollment.worker_id, Enrollment.id, Enrollment.kpj)
        .where(Enrollment.status == EnrollmentStatus.ACTIVE, Enrollment.deleted.is_(False))
        .order_by(Enrollment.start_date, Enrollment.id)  # the latest active period wins
        .execution_options(yield_per=FETCH_BATCH)
    )
    # Core rows (no ORM work per row); yield_per on the statements only, never on the
    # session's connection (the fill-ins' UPDATEs follow on it).
    connection = session.connection()
    for worker_id, period_id, kpj in connection.execute(periods):
        active[worker_id] = (period_id, kpj)
    workers = (
        select(
            Worker.id,
            Worker.village_id,
            Village.code,
            Village.name,
            Village.kecamatan,
            Worker.nik,
            Worker.full_name,
            Worker.birth_date,
            Worker.kpj,
        )
        .join(Village, Village.id == Worker.village_id)
        .where(Worker.deleted.is_(False), Village.deleted.is_(False))
        .order_by(Village.code, Worker.search_name, Worker.id)
        .execution_options(yield_per=FETCH_BATCH)
    )
    found = []
    for wid, vid, code, vname, kecamatan, nik, name, birth, kpj in connection.execute(workers):
        enrollment_id, enrollment_kpj = active.get(wid, (None, None))
        found.append(
            VillageWorker(
                wid,
                vid,
                code,
                vname,
                kecamatan,
                nik,
                name,
                birth,
                kpj or None,
                enrollment_id,
                enrollment_kpj or None,
            )
        )
    return found


def analyse(people: Sequence[BpjsPerson], workers: Sequence[VillageWorker]) -> Reconciliation:
    by_nik: dict[str, list[VillageWorker]] = {}
    niks_of_kpj: dict[str, set[str]] = {}
    for worker in workers:
        by_nik.setdefault(worker.nik, []).append(worker)
        for kpj in (worker.kpj, worker.enrollment_kpj):
            if kpj:
                niks_of_kpj.setdefault(kpj, set()).add(worker.nik)
    result = Reconciliation(people=len(people), matched=0)
    listed = set()
    for person in people:
        listed.add(person.nik)
        matches = by_nik.get(person.nik, [])
        if not matches:
            result.only_bpjs.append(person)
            continue
        result.matched += 1
        for worker in matches:
            _compare(person, worker, result, niks_of_kpj)
    result.only_villages = [w for w in workers if w.active and w.nik not in listed]
    return result


def _compare(
    person: BpjsPerson,
    worker: VillageWorker,
    result: Reconciliation,
    niks_of_kpj: dict[str, set[str]],
) -> None:
    name_differs = bool(person.name) and normalize_name(person.name) != normalize_name(worker.name)
    birth_differs = person.birth_date is not None and person.birth_date != worker.birth_date
    if name_differs or birth_differs:
        result.identity.append(IdentityDifference(person, worker, name_differs, birth_differs))
    if person.status is not None and person.active != worker.active:
        result.status.append(StatusDifference(person, worker))
    if person.kpj is None:
        return
    fill_worker = worker.kpj != person.kpj
    fill_enrollment = worker.enrollment_id is not None and worker.enrollment_kpj != person.kpj
    if not (fill_worker or fill_enrollment):
        return
    blocked = None
    others = niks_of_kpj.get(person.kpj, set()) - {person.nik}
    if name_differs or birth_differs:
        blocked = "nama atau tanggal lahir berbeda; periksa dulu, tidak diisi otomatis"
    elif others:
        blocked = "KPJ ini sudah tercatat pada pekerja dengan NIK lain; periksa dulu"
    result.kpj.append(KpjFill(person, worker, fill_worker, fill_enrollment, blocked))


def apply_fill_ins(session: Session, result: Reconciliation) -> Reconciliation:
    """Write every unblocked KPJ fill-in as a DPMD edit in the caller's transaction (the caller
    commits, or rolls back on any error: all or nothing). Counts are stored on `result`."""
    loaded = _preload(session, result.to_apply)  # noqa: F841 (kept alive for write_row)
    for fill in result.to_apply:
        worker, kpj = fill.worker, fill.person.kpj
        if fill.fill_worker:
            dpmd_edit(
                session,
                village_id=worker.village_id,
                entity="worker",
                row_id=worker.worker_id,
                values={"kpj": kpj},
                operator=OPERATOR,
            )
            result.applied_workers += 1
        if fill.fill_enrollment and worker.enrollment_id is not None:
            dpmd_edit(
                session,
                village_id=worker.village_id,
                entity="enrollment",
                row_id=worker.enrollment_id,
                values={"kpj": kpj},
                operator=OPERATOR,
            )
            result.applied_enrollments += 1
    return result


def _preload(session: Session, fills: Sequence[KpjFill]) -> list[object]:
    """Load the rows to edit in a few IN queries, so write_row's session.get finds them in
    the identity map instead of querying once per row. The list keeps them referenced."""
    found: list[object] = []
    workers = [f.worker.worker_id for f in fills if f.fill_worker]
    periods = [
        f.worker.enrollment_id for f in fills if f.fill_enrollment and f.worker.enrollment_id
    ]
    for model, ids in ((Worker, workers), (Enrollment, periods)):
        for start in range(0, len(ids), PRELOAD_CHUNK):
            chunk = ids[start : start + PRELOAD_CHUNK]
            found.extend(session.scalars(select(model).where(model.id.in_(chunk))))
    return found


def reconcile(session: Session, people: Sequence[BpjsPerson], *, apply: bool) -> Reconciliation:
    """Analyse against the database as it is now; with `apply`, write the fill-ins too."""
    result = analyse(people, load_workers(session))
    return apply_fill_ins(session, result) if apply else result
