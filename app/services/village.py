"""Village set-up and profile, and the operator name used for the audit trail."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidField, VillageNotSetUp
from app.domain.village import VillageData
from app.models import Setting, Village, new_id
from app.models.engine import Sessions
from app.services import writes
from app.services.dto import VillageInfo


def current_village(session: Session) -> Village:
    village = session.scalar(select(Village).where(Village.deleted.is_(False)))
    if village is None:
        raise VillageNotSetUp()
    return village


class VillageService:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    def get(self) -> VillageInfo | None:
        with self._sessions() as session:
            village = session.scalar(select(Village).where(Village.deleted.is_(False)))
            return VillageInfo.of(village) if village else None

    def set_up(self, data: VillageData) -> VillageInfo:
        """First set-up, or an edit of the profile. One database holds one village: a different
        code is refused (a second village needs its own data folder)."""
        with self._sessions.begin() as session:
            village = session.scalar(select(Village).where(Village.deleted.is_(False)))
            if village is None:
                vid = new_id()
                village = Village(id=vid, village_id=vid, **data.as_dict())
                if data.secretary_name:
                    self._set(session, writes.OPERATOR_KEY, data.secretary_name)
                writes.insert(session, "village", village, action="setup")
            else:
                if village.code != data.code:
                    raise InvalidField(
                        "village_code",
                        f"data ini milik desa {village.code} ({village.name}); "
                        "untuk desa lain gunakan folder data sendiri (--data-dir)",
                    )
                writes.update(session, "village", village, data.as_dict())
            return VillageInfo.of(village)

    def operator(self) -> str:
        with self._sessions() as session:
            return writes.operator_name(session)

    def set_operator(self, name: str) -> None:
        text = " ".join(name.split())
        if not text:
            raise InvalidField("operator", "nama operator wajib diisi")
        with self._sessions.begin() as session:
            self._set(session, writes.OPERATOR_KEY, text)

    def setting(self, key: str) -> str | None:
        with self._sessions() as session:
            return session.scalar(select(Setting.value).where(Setting.key == key))

    def set_setting(self, key: str, value: str) -> None:
        with self._sessions.begin() as session:
            self._set(session, key, value)

    @staticmethod
    def _set(session: Session, key: str, value: str) -> None:
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value
