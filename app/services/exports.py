"""Upload workbooks for BPJS and the DPMD: the month's roster and the new registrations.

Reads only (one session per call, nothing written to the database); the file is written and
verified by app.documents.xlsx_export. Profiles come from `resources/profiles/` and from
`<data-dir>/profiles/` (a DPMD's own files, which replace a shipped profile of the same name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select

from app.documents.export_lines import full_address, lines_of
from app.documents.export_table import ExportProblem, ExportRefused, Table, build_table
from app.documents.profiles import Profile, ProfileCatalog, ProfileKind, load_profiles
from app.documents.xlsx_export import DocumentInfo, ExportWriteFailed, save_verified
from app.domain.disk import write_problem
from app.domain.enrollment import EnrollmentStatus
from app.domain.errors import InvalidField
from app.domain.formatting import format_date
from app.domain.period import Period
from app.domain.rates import Payer
from app.models import Contribution, Enrollment, Village, Worker
from app.models.engine import Sessions
from app.resources import resource_dir
from app.services.village import current_village

__all__ = [  # the window imports services, never documents: what it needs is re-exported
    "REGISTRATION_PROFILE",
    "ROSTER_PROFILE",
    "ExportProblem",
    "ExportRefused",
    "Exports",
    "Prepared",
    "Profile",
    "ProfileCatalog",
    "ProfileKind",
    "RegistrationExport",
    "RosterExport",
    "full_address",
    "lines_of",
]

AnySelect = Select[*tuple[Any, ...]]
ROSTER_PROFILE = "bpjs-iuran"
REGISTRATION_PROFILE = "bpjs-pendaftaran"
# New registrations: periods still to be registered or running; an ended (or cancelled) period
# is not sent.
OPEN_STATUSES = (EnrollmentStatus.DRAFT, EnrollmentStatus.SUBMITTED, EnrollmentStatus.ACTIVE)
# Labelled with the profile source names (app.documents.profile_sources), so the fetched rows
# become the export's columns with one transposition; only what a profile uses is derived.
_PERSON_COLUMNS = (
    Worker.nik, Worker.no_kk, func.coalesce(Worker.kpj, Enrollment.kpj).label("kpj"),
    Worker.full_name.label("name"), Worker.birth_place, Worker.birth_date, Worker.sex,
    Worker.marital_status, Worker.address, Worker.dusun, Worker.rt, Worker.rw, Worker.phone,
    Worker.mother_name, Worker.category, Worker.position, Enrollment.start_date.label("start"),
    Enrollment.risk_class,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RosterExport:
    path: Path
    rows: int
    profile: str
    version: str
    period: Period
    payer: Payer | None
    locked: bool  # False: the month is still a draft and may change before it is locked


@dataclass(frozen=True, slots=True)
class Prepared:
    """An export checked and ready to write. `locked` is False for a draft month."""

    table: Table
    info: DocumentInfo
    locked: bool

    @property
    def rows(self) -> int:
        return len(self.table.rows)


@dataclass(frozen=True, slots=True)
class RegistrationExport:
    path: Path
    rows: int
    profile: str
    version: str
    since: date


class Exports:
    """Thread-safe (a session per call). Raises DomainError subclasses: InvalidField for bad
    input, ExportRefused (every reason per line) when lines cannot be exported,
    ExportCheckFailed / ExportWriteFailed when the file could not be written correctly."""

    def __init__(
        self, sessions: Sessions, *, user_profiles: Path | None, shipped: Path | None = None
    ) -> None:
        self._sessions = sessions
        self._folders: list[tuple[str, Path]] = [
            ("shipped", shipped or resource_dir() / "profiles")
        ]
        if user_profiles is not None:
            self._folders.append(("user", user_profiles))

    def profiles(self) -> ProfileCatalog:
        """Every valid profile and every profile file that could not be read (read fresh on
        each call: a DPMD may drop a file in while the app runs)."""
        return load_profiles(self._folders)

    def export_roster(
        self, period: Period, out: Path, payer: Payer | None = None, profile: str = ROSTER_PROFILE
    ) -> RosterExport:
        """The month's roster lines (draft or locked), optionally of one payer only, written
        to `out` (.xlsx) and verified. Nothing is written when a line is refused."""
        target = _checked_out(out)
        prepared = self.prepare_roster(period, payer, profile)
        written = save_verified(target, prepared.table, prepared.info)
        return RosterExport(
            written.path, written.rows, written.profile, written.version, period, payer,
            prepared.locked,
        )  # fmt: skip

    def prepare_roster(
        self, period: Period, payer: Payer | None = None, profile: str = ROSTER_PROFILE
    ) -> Prepared:
        """The checked cells of a roster export, before any file (ExportRefused lists every
        line that cannot be exported). A window can show these before asking for a file."""
        chosen = self.profiles().get(profile, ProfileKind.ROSTER)
        with self._sessions() as session:
            village = current_village(session)
            result = session.connection().execute(_roster_stmt(period, payer))
            keys, rows = list(result.keys()), result.all()
            if not rows:
                raise _no_lines(period, payer)
            locked = all(row.status != "draft" for row in rows)
            needed = {c.source for c in chosen.columns}
            constants = _constants(village, period=str(period))
            lines = lines_of(rows, keys, needed, constants, roster=True)
        state = "terkunci" if locked else "draf, belum dikunci"
        info = DocumentInfo(
            description=f"Iuran {period} ({state}), desa {village.name} ({village.code})",
            custom={"payung_period": str(period), "payung_locked": "ya" if locked else "tidak",
                    "payung_payer": payer.value if payer else "semua",
                    "payung_village": village.code},
        )  # fmt: skip
        return Prepared(build_table(chosen, lines), info, locked)

    def export_new(
        self, since: date, out: Path, profile: str = REGISTRATION_PROFILE
    ) -> RegistrationExport:
        """New registrations: every coverage period whose TMT (start date) is on or after
        `since` and that has not ended (draft, submitted or active), oldest TMT first."""
        target = _checked_out(out)
        prepared = self.prepare_new(since, profile)
        written = save_verified(target, prepared.table, prepared.info)
        return RegistrationExport(
            written.path, written.rows, written.profile, written.version, since
        )

    def prepare_new(self, since: date, profile: str = REGISTRATION_PROFILE) -> Prepared:
        chosen = self.profiles().get(profile, ProfileKind.REGISTRATION)
        with self._sessions() as session:
            village = current_village(session)
            result = session.connection().execute(_new_stmt(since))
            keys, rows = list(result.keys()), result.all()
            if not rows:
                raise InvalidField(
                    "since",
                    f"tidak ada kepesertaan dengan TMT {format_date(since)} atau sesudahnya",
                )
            needed = {c.source for c in chosen.columns}
            constants = _constants(village)
            lines = lines_of(rows, keys, needed, constants, roster=False)
        info = DocumentInfo(
            description=f"Pendaftaran baru, TMT sejak {since}, desa {village.name} "
            f"({village.code})",
            custom={"payung_since": since.isoformat(), "payung_village": village.code},
        )
        return Prepared(build_table(chosen, lines), info, locked=True)


def _checked_out(out: Path) -> Path:
    if out.suffix.lower() != ".xlsx":
        raise InvalidField("out", "nama berkas ekspor harus berakhiran .xlsx, misalnya iuran.xlsx")
    try:
        is_dir = out.is_dir()
    except OSError as exc:  # a folder that may not even be looked into (no permission)
        raise ExportWriteFailed("out", f"tidak dapat menulis {out}: {write_problem(exc)}") from exc
    if is_dir:
        raise InvalidField(
            "out", f"{out} adalah folder; tulis nama berkas, misalnya {out}/iuran.xlsx"
        )
    return out.resolve()


def _no_lines(period: Period, payer: Payer | None) -> InvalidField:
    if payer is not None:
        return InvalidField("payer", f"tidak ada iuran {period} dengan sumber dana {payer.value}")
    return InvalidField(
        "period", f"belum ada iuran {period}; buat draf dulu dengan `payung roster {period}`"
    )


def _roster_stmt(period: Period, payer: Payer | None) -> AnySelect:
    stmt = (
        select(
            Contribution.segment,
            Contribution.payer,
            Contribution.wage,
            Contribution.amounts,
            Contribution.employer_total,
            Contribution.worker_total,
            Contribution.total,
            Contribution.status,
            *_PERSON_COLUMNS,
        )
        .join(Worker, Worker.id == Contribution.worker_id)
        .join(Enrollment, Enrollment.id == Contribution.enrollment_id)
        .where(Contribution.period == str(period), Contribution.deleted.is_(False))
        # The order of `payung roster` and of the window's Iuran page.
        .order_by(Contribution.payer, Worker.search_name, Worker.id)
    )
    return stmt if payer is None else stmt.where(Contribution.payer == payer)


def _new_stmt(since: date) -> AnySelect:
    return (
        select(
            Enrollment.segment,
            Enrollment.payer,
            Enrollment.wage,
            Enrollment.programmes,
            *_PERSON_COLUMNS,
        )
        .join(Worker, Worker.id == Enrollment.worker_id)
        .where(
            Enrollment.start_date >= since,
            Enrollment.deleted.is_(False),
            Worker.deleted.is_(False),
            Enrollment.status.in_(OPEN_STATUSES),
        )
        .order_by(Enrollment.start_date, Worker.search_name, Worker.id)
    )


def _constants(village: Village, **more: object) -> dict[str, object]:
    return {"village_code": village.code, "village_name": village.name, "npp": village.npp,
            "email": None, **more}  # fmt: skip
