"""The register of village workers: add, edit, end membership, search (paged from SQL)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from app.domain.categories import Category, EndReason, WorkerStatus
from app.domain.errors import DuplicateNik, InvalidField, NotFound, WorkerAlreadyEnded
from app.domain.identity import normalize_number
from app.domain.worker import WorkerData, WorkerDraft, validate_worker
from app.models import Worker
from app.models.engine import Sessions
from app.services import writes
from app.services.dto import Page, WorkerDetail, WorkerRow
from app.services.village import current_village

PAGE_SIZE = 200
# Above this many matches a page is found faster by walking the name index in order than by
# sorting every match (bench at 100,000 workers: NIK prefix "3521" 230 ms -> under 5 ms).
BROAD_MATCHES = 2_000


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Name contains `text`, or NIK/KPJ starts with it when it is all digits."""

    text: str = ""
    category: Category | None = None
    status: WorkerStatus | None = None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(query: SearchQuery, *, broad: bool = False) -> list[ColumnElement[bool]]:
    """`broad`: the query matches many rows (see BROAD_MATCHES); only changes the plan."""
    conditions: list[ColumnElement[bool]] = [Worker.deleted.is_(False)]
    text = query.text.strip()
    digits = normalize_number(text)
    if digits.isascii() and digits.isdigit():
        # Few matches: range scans on the NIK and KPJ indexes (":" sorts right after "9"), then
        # a sort by name. Many matches (the first digits of a NIK match most of a village): walk
        # the name index in page order and stop at the page end; `|| ''` keeps SQLite off the
        # NIK/KPJ indexes on purpose, or it would fetch and sort every match.
        nik, kpj = (
            (Worker.nik.concat(""), Worker.kpj.concat("")) if broad else (Worker.nik, Worker.kpj)
        )
        conditions.append(or_(nik.between(digits, digits + ":"), kpj.between(digits, digits + ":")))
    elif text:
        pattern = f"%{_escape_like(' '.join(text.split()).lower())}%"
        conditions.append(Worker.search_name.like(pattern, escape="\\"))
    if query.category is not None:
        conditions.append(Worker.category == query.category)
    if query.status is not None:
        conditions.append(Worker.status == query.status)
    return conditions


def search_stmt(query: SearchQuery, *, broad: bool = False) -> Select[Worker]:
    return (
        select(Worker).where(*_filters(query, broad=broad)).order_by(Worker.search_name, Worker.id)
    )


def _row_values(data: WorkerData) -> dict[str, object]:
    values = data.as_dict()
    values["full_name"] = values.pop("name")
    values["search_name"] = data.name.lower()
    return values


def _draft_of(w: Worker) -> WorkerDraft:
    def text(value: object) -> str:
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, date) else str(value)

    return WorkerDraft(
        nik=w.nik, name=w.full_name, birth_date=w.birth_date.isoformat(), sex=w.sex.value,
        category=w.category.value, birth_place=text(w.birth_place), position=text(w.position),
        phone=text(w.phone), address=text(w.address), dusun=text(w.dusun), rt=text(w.rt),
        rw=text(w.rw), mother_name=text(w.mother_name), no_kk=text(w.no_kk), kpj=text(w.kpj),
        marital_status=w.marital_status.value if w.marital_status else "",
    )  # fmt: skip


class Register:
    """Use cases on workers. Thread-safe: one session per call. Raises DomainError subclasses."""

    def __init__(self, sessions: Sessions, today: Callable[[], date]) -> None:
        self._sessions = sessions
        self._today = today

    # -- reading -------------------------------------------------------------------------
    def search(
        self, query: SearchQuery, *, offset: int = 0, limit: int = PAGE_SIZE
    ) -> Page[WorkerRow]:
        with self._sessions() as session:
            # Counting first is cheap (the search indexes cover it) and picks the plan.
            total = self._count(session, query)
            stmt = search_stmt(query, broad=total > BROAD_MATCHES).offset(offset).limit(limit)
            rows = [WorkerRow.of(w) for w in session.scalars(stmt)]
            return Page(rows=rows, offset=offset, total=total)

    def count(self, query: SearchQuery) -> int:
        with self._sessions() as session:
            return self._count(session, query)

    @staticmethod
    def _count(session: Session, query: SearchQuery) -> int:
        return session.scalar(select(func.count()).select_from(Worker).where(*_filters(query))) or 0

    def get(self, ref: str) -> WorkerDetail:
        with self._sessions() as session:
            return WorkerDetail.of(self._find(session, ref))

    def draft_of(self, ref: str) -> WorkerDraft:
        """The stored values as form text, for an edit dialog."""
        with self._sessions() as session:
            return _draft_of(self._find(session, ref))

    # -- writing -------------------------------------------------------------------------
    def add(self, draft: WorkerDraft) -> WorkerDetail:
        data = validate_worker(draft, today=self._today())
        with self._sessions.begin() as session:
            village = current_village(session)
            self._refuse_duplicate(session, data.nik, None)
            worker = Worker(village_id=village.id, status=WorkerStatus.ACTIVE, **_row_values(data))
            writes.insert(session, "worker", worker)
            return WorkerDetail.of(worker)

    def edit(self, ref: str, changes: dict[str, str]) -> WorkerDetail:
        """Apply text changes (keys: WorkerDraft field names) to a worker, validated whole."""
        unknown = set(changes) - set(WorkerDraft.__dataclass_fields__)
        if unknown:
            raise InvalidField(sorted(unknown)[0], "kolom ini tidak dapat diubah")
        with self._sessions.begin() as session:
            worker = self._find(session, ref)
            draft = replace(_draft_of(worker), **changes)
            data = validate_worker(draft, today=self._today())
            self._refuse_duplicate(session, data.nik, worker.id)
            writes.update(session, "worker", worker, _row_values(data))
            return WorkerDetail.of(worker)

    def end(self, ref: str, *, on: date, reason: EndReason) -> WorkerDetail:
        """End membership (death, end of term...). The person stays on the register, ended."""
        with self._sessions.begin() as session:
            worker = self._find(session, ref)
            if worker.status is WorkerStatus.ENDED:
                raise WorkerAlreadyEnded(
                    "worker",
                    f"{worker.full_name} sudah berhenti sejak {worker.end_date}; "
                    "tidak perlu diakhiri lagi",
                )
            if on < worker.birth_date or on.year > self._today().year + 1:
                raise InvalidField("date", "tanggal berhenti tidak masuk akal; periksa tahunnya")
            values = {"status": WorkerStatus.ENDED, "end_date": on, "end_reason": reason}
            writes.update(session, "worker", worker, values, action="end")
            return WorkerDetail.of(worker)

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _refuse_duplicate(session: Session, nik: str, own_id: uuid.UUID | None) -> None:
        stmt = select(Worker).where(Worker.nik == nik, Worker.deleted.is_(False))
        if own_id is not None:
            stmt = stmt.where(Worker.id != own_id)
        other = session.scalars(stmt.limit(1)).first()
        if other is not None:
            raise DuplicateNik(nik, other.full_name, str(other.id))

    @staticmethod
    def _find(session: Session, ref: str) -> Worker:
        return find_worker(session, ref)


def find_worker(session: Session, ref: str) -> Worker:
    """A worker by NIK (16 digits, separators allowed) or by id."""
    text = ref.strip()
    digits = normalize_number(text)
    worker: Worker | None = None
    if len(digits) == 16 and digits.isdigit():
        worker = session.scalars(
            select(Worker).where(Worker.nik == digits, Worker.deleted.is_(False))
        ).first()
    else:
        try:
            worker = session.get(Worker, uuid.UUID(text))
        except ValueError:
            worker = None
        if worker is not None and worker.deleted:
            worker = None
    if worker is None:
        raise NotFound("worker", f"pekerja '{text}' tidak ada di register; periksa NIK atau ID")
    return worker
