"""Heirs (ahli waris) of a worker."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.categories import HeirRelation
from app.domain.errors import NotFound
from app.domain.heir import HeirDraft, validate_heir
from app.models import Heir, Worker
from app.models.engine import Sessions
from app.services import writes
from app.services.dto import HeirInfo


class Heirs:
    def __init__(self, sessions: Sessions, today: Callable[[], date]) -> None:
        self._sessions = sessions
        self._today = today

    def list(self, worker_id: str) -> list[HeirInfo]:
        with self._sessions() as session:
            stmt = select(Heir).where(Heir.worker_id == _uuid(worker_id), Heir.deleted.is_(False))
            heirs = [HeirInfo.of(h) for h in session.scalars(stmt)]
        # Heir order (spouse, children, parents...) is the enum's order, not the codes' ABC.
        rank = {relation: i for i, relation in enumerate(HeirRelation)}
        return sorted(heirs, key=lambda h: (rank[h.relation], h.name))

    def add(self, worker_id: str, draft: HeirDraft) -> HeirInfo:
        data = validate_heir(draft, today=self._today())
        with self._sessions.begin() as session:
            worker = session.get(Worker, _uuid(worker_id))
            if worker is None or worker.deleted:
                raise NotFound("worker", "pekerja tidak ditemukan; muat ulang daftar")
            heir = Heir(village_id=worker.village_id, worker_id=worker.id, **data.as_dict())
            writes.insert(session, "heir", heir)
            return HeirInfo.of(heir)

    def edit(self, heir_id: str, draft: HeirDraft) -> HeirInfo:
        data = validate_heir(draft, today=self._today())
        with self._sessions.begin() as session:
            heir = self._find(session, heir_id)
            writes.update(session, "heir", heir, data.as_dict())
            return HeirInfo.of(heir)

    def remove(self, heir_id: str) -> None:
        """Tombstone: the row stays (deleted) so the removal syncs like any other change."""
        with self._sessions.begin() as session:
            heir = self._find(session, heir_id)
            writes.update(session, "heir", heir, {"deleted": True}, action="delete")

    @staticmethod
    def _find(session: Session, heir_id: str) -> Heir:
        heir = session.get(Heir, _uuid(heir_id))
        if heir is None or heir.deleted:
            raise NotFound("heir", "ahli waris tidak ditemukan; muat ulang daftar")
        return heir


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise NotFound("id", f"ID '{text}' tidak sah") from None
