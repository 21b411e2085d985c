"""The consolidated monthly roster: one upload workbook for a payer across every village.

Only villages whose roster for the month and payer is locked (every line `locked` or `paid`)
contribute lines; a village whose lines are still a draft, or who has none, is listed as
missing in the summary sheet and by the callers (CLI, dashboard), and contributes nothing.
The rows go through the desktop's export profiles (app.documents.profiles), the same
`lines_of` and `build_table` as `payung export`, and are written atomically and read back
(app.documents.xlsx_workbook). Reads only; the file is the only output.

Rows are streamed from the database (`yield_per`: a server-side cursor on PostgreSQL), one
query for the lines and one for the per-village states, never a query per row or village.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Select, String, func, select, type_coerce
from sqlalchemy.orm import Session

from app.documents.export_lines import lines_of
from app.documents.export_table import Table, build_table
from app.documents.profile_sources import CellType
from app.documents.profiles import Profile, ProfileCatalog, load_profiles
from app.documents.xlsx_export import DocumentInfo
from app.documents.xlsx_workbook import PlainColumn, plain_table, save_verified_tables
from app.domain.errors import InvalidField
from app.domain.period import Period
from app.domain.rates import PAYER_LABELS, Payer
from app.models import Contribution, Enrollment, Village, Worker
from app.resources import resource_dir

ROSTER_PROFILE = "bpjs-iuran"  # the desktop's default roster profile (app.services.exports)
SUMMARY_SHEET = "Ringkasan Desa"
SUMMARY_COLUMNS = (
    PlainColumn("Kode Desa", width=15),
    PlainColumn("Nama Desa", width=24),
    PlainColumn("Kecamatan", width=20),
    PlainColumn("Peserta", CellType.INTEGER, width=9),
    PlainColumn("Jumlah Iuran", CellType.MONEY, width=15),
    PlainColumn("Status Daftar", width=26),
)
TOTAL_LABEL = "JUMLAH"
LOCKED = ("locked", "paid")
FETCH_BATCH = 10_000
AnySelect = Select[*tuple[Any, ...]]


# As in app.services.exports: labelled with the profile source names.
def _code(column: Any) -> Any:
    """An enum column read as its plain code text: no per-cell conversion to the enum (the
    export maps codes and members alike)."""
    return type_coerce(column, String).label(column.key)


_PERSON_COLUMNS = (
    Worker.nik,
    Worker.no_kk,
    func.coalesce(Worker.kpj, Enrollment.kpj).label("kpj"),
    Worker.full_name.label("name"),
    Worker.birth_place,
    Worker.birth_date,
    _code(Worker.sex),
    _code(Worker.marital_status),
    Worker.address,
    Worker.dusun,
    Worker.rt,
    Worker.rw,
    Worker.phone,
    Worker.mother_name,
    _code(Worker.category),
    Worker.position,
    Enrollment.start_date.label("start"),
    Enrollment.risk_class,
)


class RosterState(StrEnum):
    LOCKED = "locked"  # every line locked (or some paid)
    PAID = "paid"  # every line paid
    DRAFT = "draft"  # some line still a draft: not locked, missing
    ABSENT = "absent"  # no line for that month and payer: missing

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def included(self) -> bool:
        return self in (RosterState.LOCKED, RosterState.PAID)


STATE_LABELS = {
    RosterState.LOCKED: "terkunci",
    RosterState.PAID: "terkunci, sudah dibayar",
    RosterState.DRAFT: "belum dikunci (masih draf)",
    RosterState.ABSENT: "belum ada daftar iuran",
}


@dataclass(frozen=True, slots=True)
class VillageRoster:
    village_id: uuid.UUID
    code: str
    name: str
    kecamatan: str
    state: RosterState
    participants: int  # lines in the workbook (0 for a missing village)
    total: int  # rupiah in the workbook


@dataclass(frozen=True, slots=True)
class RosterSummary:
    period: Period
    payer: Payer
    villages: list[VillageRoster]

    @property
    def included(self) -> list[VillageRoster]:
        return [v for v in self.villages if v.state.included]

    @property
    def missing(self) -> list[VillageRoster]:
        return [v for v in self.villages if not v.state.included]

    @property
    def participants(self) -> int:
        return sum(v.participants for v in self.villages)

    @property
    def total(self) -> int:
        return sum(v.total for v in self.villages)


@dataclass(frozen=True, slots=True)
class ConsolidatedRoster:
    path: Path
    summary: RosterSummary
    rows: int
    profile: str
    version: str


class NothingLocked(InvalidField):
    """No village has locked its roster for that month and payer."""

    code = "roster_nothing_locked"


def parse_payer(raw: str, *, field: str = "payer") -> Payer:
    """`apbd`, `APBD`, `APBDes`, `Mandiri`...: a payer code or its label."""
    text = raw.strip().lower()
    for payer in Payer:
        if text in (payer.value, PAYER_LABELS[payer].lower()):
            return payer
    codes = ", ".join(p.value for p in Payer)
    raise InvalidField(field, f"sumber dana '{raw.strip()}' tidak dikenal; pilih: {codes}")


def roster_profiles(data_dir: Path | None) -> ProfileCatalog:
    """The shipped profiles plus `<data-dir>/profiles/` (a DPMD's own, as on the desktop)."""
    folders: list[tuple[str, Path]] = [("shipped", resource_dir() / "profiles")]
    if data_dir is not None:
        folders.append(("user", data_dir / "profiles"))
    return load_profiles(folders)


def summarise(session: Session, period: Period, payer: Payer) -> RosterSummary:
    """Every live village with its roster state for the month and payer (two queries)."""
    counts: dict[uuid.UUID, dict[str, tuple[int, int]]] = {}
    aggregate = (
        select(
            Contribution.village_id, Contribution.status, func.count(), func.sum(Contribution.total)
        )
        .where(
            Contribution.period == str(period),
            Contribution.payer == payer,
            Contribution.deleted.is_(False),
            Contribution.status != "void",
        )
        .group_by(Contribution.village_id, Contribution.status)
    )
    for village_id, status, count, total in session.execute(aggregate):
        counts.setdefault(village_id, {})[status] = (int(count), int(total or 0))
    villages = session.execute(
        select(Village.id, Village.code, Village.name, Village.kecamatan)
        .where(Village.deleted.is_(False))
        .order_by(Village.code)
    )
    found = []
    for vid, code, name, kecamatan in villages:
        by_status = counts.get(vid, {})
        state = _state(by_status)
        lines = [by_status[s] for s in LOCKED if s in by_status] if state.included else []
        found.append(
            VillageRoster(
                vid,
                code,
                name,
                kecamatan,
                state,
                sum(n for n, _ in lines),
                sum(t for _, t in lines),
            )
        )
    return RosterSummary(period, payer, found)


def _state(by_status: dict[str, tuple[int, int]]) -> RosterState:
    if not by_status:
        return RosterState.ABSENT
    if "draft" in by_status or not set(by_status) & set(LOCKED):
        return RosterState.DRAFT
    return RosterState.PAID if set(by_status) == {"paid"} else RosterState.LOCKED


def prepare(
    session: Session, period: Period, payer: Payer, profile: Profile
) -> tuple[RosterSummary, list[Table], DocumentInfo]:
    """The checked sheets of the consolidated roster (the profile's sheet, then the summary).
    Raises NothingLocked, or ExportRefused (every line that cannot be exported)."""
    summary = summarise(session, period, payer)
    included = summary.included
    if not included:
        raise NothingLocked(
            "period",
            f"belum ada desa yang mengunci daftar iuran {period} dengan sumber dana "
            f"{PAYER_LABELS[payer]} ({len(summary.villages)} desa terdaftar); minta desa "
            "mengunci daftar iurannya lalu sinkronisasi",
        )
    needed = {c.source for c in profile.columns}
    # Core rows through a server-side cursor (psycopg) in batches: no ORM per-row work.
    # (Options on the statement: Connection.execution_options would change the session's
    # connection in place, and a later UPDATE would go through a server-side cursor.)
    stmt = _lines_stmt(period, payer, [v.village_id for v in included])
    result = session.connection().execute(stmt.execution_options(yield_per=FETCH_BATCH))
    keys = list(result.keys())
    rows: list[Any] = []
    for partition in result.partitions():
        rows.extend(partition)
    lines = lines_of(rows, keys, needed, {"period": str(period), "email": None}, roster=True)
    table = build_table(profile, lines)
    sheet = SUMMARY_SHEET if profile.sheet != SUMMARY_SHEET else "Ringkasan"
    info = DocumentInfo(
        description=f"Rekap iuran {period}, sumber dana {PAYER_LABELS[payer]}: "
        f"{len(included)} desa terkunci, {len(summary.missing)} desa belum",
        custom={
            "payung_period": str(period),
            "payung_payer": payer.value,
            "payung_locked": "ya",
            "payung_scope": "kabupaten",
            "payung_villages": str(len(included)),
        },
    )
    return summary, [table, summary_table(summary, sheet)], info


def summary_table(summary: RosterSummary, sheet: str = SUMMARY_SHEET) -> Table:
    rows: list[list[Any]] = [
        [v.code, v.name, v.kecamatan, v.participants, v.total, v.state.label]
        for v in summary.villages
    ]
    rows.append(
        [
            TOTAL_LABEL,
            f"{len(summary.included)} desa terkunci",
            f"{len(summary.missing)} desa belum",
            summary.participants,
            summary.total,
            None,
        ]
    )
    return plain_table(sheet, SUMMARY_COLUMNS, rows, name="rekap-desa")


def _lines_stmt(period: Period, payer: Payer, villages: list[uuid.UUID]) -> AnySelect:
    return (
        select(
            _code(Contribution.segment),
            _code(Contribution.payer),
            Contribution.wage,
            Contribution.amounts,
            Contribution.employer_total,
            Contribution.worker_total,
            Contribution.total,
            Contribution.status,
            *_PERSON_COLUMNS,
            Village.code.label("village_code"),
            Village.name.label("village_name"),
            Village.npp,
        )
        .join(Worker, Worker.id == Contribution.worker_id)
        .join(Enrollment, Enrollment.id == Contribution.enrollment_id)
        .join(Village, Village.id == Contribution.village_id)
        .where(
            Contribution.period == str(period),
            Contribution.payer == payer,
            Contribution.deleted.is_(False),
            Contribution.status.in_(LOCKED),
            Contribution.village_id.in_(villages),
        )
        # Village by village, then the desktop's order within a village.
        .order_by(Village.code, Worker.search_name, Worker.id)
    )


def checked_out(out: Path) -> Path:
    if out.suffix.lower() != ".xlsx":
        raise InvalidField("out", "nama berkas harus berakhiran .xlsx, misalnya rekap-iuran.xlsx")
    if out.is_dir():
        raise InvalidField("out", f"{out} adalah folder; tulis nama berkas, misalnya {out}/a.xlsx")
    return out.resolve()


def export_consolidated(
    session: Session, *, period: Period, payer: Payer, out: Path, profile: Profile
) -> ConsolidatedRoster:
    """Write the consolidated roster to `out` (.xlsx), verified; nothing written on refusal."""
    target = checked_out(out)
    summary, tables, info = prepare(session, period, payer, profile)
    save_verified_tables(target, tables, info)
    return ConsolidatedRoster(target, summary, len(tables[0].rows), profile.name, profile.version)
