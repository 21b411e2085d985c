"""Coverage reports of the DPMD: per category for the kabupaten, per kecamatan and per village;
arrears and lapse warnings; villages that have not synced; this month's totals per payer.

Plain dataclasses out. Counts, formasi and money are summed in SQL; where each participant
stands comes from app.domain.standing through the per-village cache of reports_standing.
Coverage follows the desktop's rule (app.services.standing): an active participant is a live
worker whose latest non-draft enrollment has started, has not ended by the day and has not
lapsed. The denominator is the village's formasi of the category; a village without formasi
for a category counts its live active workers of that category instead (`formasi_set` is then
False, and the pages mark the figure).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from app.domain.categories import Category
from app.domain.period import Period
from app.domain.rates import Payer
from app.server import tables as t
from app.server.db import ServerDatabase
from app.server.reports_cache import cache_for

STALE_DAYS = 7
VILLAGE = t.ENTITY_TABLES["village"]
WORKER = t.ENTITY_TABLES["worker"]
QUOTA = t.ENTITY_TABLES["position_quota"]
CONTRIBUTION = t.ENTITY_TABLES["contribution"]


def percent(active: int, formasi: int) -> Decimal | None:
    """One decimal, half up (as app.domain.coverage); None with nothing to divide by."""
    if not formasi:
        return None
    return (Decimal(100 * active) / formasi).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class CoverageFigure:
    category: Category
    active: int
    formasi: int
    formasi_set: bool  # False: some village had no formasi; its worker count stood in

    @property
    def label(self) -> str:
        return self.category.label

    @property
    def percent(self) -> Decimal | None:
        return percent(self.active, self.formasi)

    @property
    def share(self) -> float | None:
        """0..1 for the `persen` filter and the bars (None without a denominator)."""
        return None if not self.formasi else self.active / self.formasi


@dataclass(slots=True)
class _Sum:
    active: int = 0
    formasi: int = 0
    formasi_set: bool = True

    def add(self, active: int, formasi: int, formasi_set: bool) -> None:
        self.active += active
        self.formasi += formasi
        self.formasi_set = self.formasi_set and formasi_set


def _figures(sums: dict[Category, _Sum]) -> list[CoverageFigure]:
    return [
        CoverageFigure(category, s.active, s.formasi, s.formasi_set)
        for category in Category
        if (s := sums.get(category)) is not None and (s.active or s.formasi)
    ]


@dataclass(frozen=True, slots=True)
class Totals:
    active: int
    formasi: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.active, self.formasi)

    @property
    def share(self) -> float | None:
        return None if not self.formasi else self.active / self.formasi


def _totals(lines: Iterable[CoverageFigure]) -> Totals:
    items = list(lines)
    return Totals(sum(x.active for x in items), sum(x.formasi for x in items))


@dataclass(frozen=True, slots=True)
class VillageCoverage:
    id: uuid.UUID
    code: str
    name: str
    kecamatan: str
    lines: list[CoverageFigure]
    last_sync: datetime | None  # latest device.last_seen_at (UTC), None: never synced
    participants: int = 0
    arrears: int = 0  # >= 1 month overdue, not lapsed
    warning: int = 0  # >= 2 months overdue (the domain's lapse warning)
    lapsed: int = 0

    @property
    def totals(self) -> Totals:
        return _totals(self.lines)


@dataclass(frozen=True, slots=True)
class KecamatanCoverage:
    name: str
    lines: list[CoverageFigure]
    villages: int

    @property
    def totals(self) -> Totals:
        return _totals(self.lines)


@dataclass(frozen=True, slots=True)
class CoverageReport:
    date: date
    kabupaten: list[CoverageFigure]
    kecamatan: list[KecamatanCoverage]
    villages: list[VillageCoverage]

    @property
    def totals(self) -> Totals:
        return _totals(self.kabupaten)


@dataclass(slots=True)
class _VillageAcc:
    sums: dict[Category, _Sum] = field(default_factory=dict)
    counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])


def coverage(
    session: Session, today: date, *, village_id: uuid.UUID | None = None
) -> CoverageReport:
    """Coverage per category of the kabupaten, each kecamatan and each village on `today`
    (one village only with `village_id`). Villages sorted by kecamatan, then code."""
    villages = _villages(session, village_id)
    acc: dict[uuid.UUID, _VillageAcc] = {vid: _VillageAcc() for vid in villages}
    chosen = None if village_id is None else [village_id]
    facts, counts = cache_for(session).counts(session, today, chosen)
    for vid, fact in facts.items():
        if vid not in acc:
            continue
        by_category = counts[vid]
        for i, name in enumerate(("participants", "arrears", "warning", "lapsed")):
            acc[vid].counts[i] = sum(getattr(n, name) for n in by_category.values())
        for category in set(by_category) | set(fact.quota) | set(fact.workers):
            has_quota = category in fact.quota
            formasi = fact.quota[category] if has_quota else fact.workers.get(category, 0)
            active = by_category[category].active if category in by_category else 0
            acc[vid].sums.setdefault(category, _Sum()).add(active, formasi, has_quota)
    last_sync = _last_sync(session, village_id)
    rows = [
        VillageCoverage(
            vid,
            code,
            name,
            kecamatan,
            _figures(acc[vid].sums),
            last_sync.get(vid),
            *acc[vid].counts,
        )
        for vid, (code, name, kecamatan) in villages.items()
    ]
    rows.sort(key=lambda v: (v.kecamatan, v.code))
    return CoverageReport(today, _roll_up(rows), _by_kecamatan(rows), rows)


def _roll_up(rows: Iterable[VillageCoverage]) -> list[CoverageFigure]:
    sums: dict[Category, _Sum] = {}
    for village in rows:
        for line in village.lines:
            sums.setdefault(line.category, _Sum()).add(line.active, line.formasi, line.formasi_set)
    return _figures(sums)


def _by_kecamatan(rows: list[VillageCoverage]) -> list[KecamatanCoverage]:
    groups: dict[str, list[VillageCoverage]] = defaultdict(list)
    for village in rows:
        groups[village.kecamatan].append(village)
    return [
        KecamatanCoverage(name, _roll_up(members), len(members))
        for name, members in sorted(groups.items())
    ]


def _villages(
    session: Session, village_id: uuid.UUID | None
) -> dict[uuid.UUID, tuple[str, str, str]]:
    v = VILLAGE
    stmt = select(v.c.id, v.c.code, v.c.name, v.c.kecamatan).where(v.c.deleted == false())
    if village_id is not None:
        stmt = stmt.where(v.c.id == village_id)
    return {row.id: (row.code, row.name, row.kecamatan) for row in session.execute(stmt)}


def _last_sync(session: Session, village_id: uuid.UUID | None) -> dict[uuid.UUID, datetime]:
    d = t.device
    stmt = (
        select(d.c.village_id, func.max(d.c.last_seen_at))
        .where(d.c.last_seen_at.is_not(None))
        .group_by(d.c.village_id)
    )
    if village_id is not None:
        stmt = stmt.where(d.c.village_id == village_id)
    return {vid: seen for vid, seen in session.execute(stmt)}


# ---------------------------------------------------------------- sync lag and money


def not_synced(
    report: CoverageReport, now: datetime, days: int = STALE_DAYS
) -> list[VillageCoverage]:
    """Villages whose latest sync is more than `days` days before `now` (naive UTC), or that
    never synced; longest silence first, never-synced ones first of all."""
    limit = now - timedelta(days=days)
    stale = [v for v in report.villages if v.last_sync is None or v.last_sync < limit]
    return sorted(stale, key=lambda v: (v.last_sync is not None, v.last_sync or now, v.code))


@dataclass(frozen=True, slots=True)
class PayerTotal:
    payer: Payer
    lines: int
    total: int  # billed (not void), rupiah
    paid: int  # of which status paid

    @property
    def label(self) -> str:
        return self.payer.label

    @property
    def outstanding(self) -> int:
        return self.total - self.paid


def payer_totals(
    session: Session, period: Period, *, village_id: uuid.UUID | None = None
) -> list[PayerTotal]:
    """The month's contribution lines per payer (not deleted, not void): count, total, paid."""
    chosen = None if village_id is None else [village_id]
    sums: dict[Payer, list[int]] = defaultdict(lambda: [0, 0, 0])
    month = str(period)
    for fact in cache_for(session).facts(session, chosen).values():
        for (line_period, payer), money in fact.money.items():
            if line_period == month:
                acc = sums[payer]
                acc[0] += money.lines
                acc[1] += money.total
                acc[2] += money.paid
    return [PayerTotal(payer, *sums[payer]) for payer in Payer if payer in sums]


# ---------------------------------------------------------------- the overview page


@dataclass(frozen=True, slots=True)
class Overview:
    coverage: CoverageReport
    not_synced: list[VillageCoverage]
    stale_days: int
    period: Period
    payers: list[PayerTotal]

    @property
    def arrears(self) -> int:
        return sum(v.arrears for v in self.coverage.villages)

    @property
    def warning(self) -> int:
        return sum(v.warning for v in self.coverage.villages)

    @property
    def lapsed(self) -> int:
        return sum(v.lapsed for v in self.coverage.villages)


def overview(
    session: Session, today: date, now: datetime, *, stale_days: int = STALE_DAYS
) -> Overview:
    report = coverage(session, today)
    period = Period.of(today)
    return Overview(
        report,
        not_synced(report, now, stale_days),
        stale_days,
        period,
        payer_totals(session, period),
    )


def warm_up(database: ServerDatabase, today: date) -> None:
    """Fill this process's report cache (see reports_cache) so the first overview after a
    start is as quick as the next ones. Meant for a background thread at server start-up."""
    with database.read_sessions() as session:
        coverage(session, today)
