"""Per-village facts of the reports, cached under the village's change counter.

Every server write to a village's rows takes the village's next `village_counter` number
(app.server.changes), so (village, counter) names one version of its data. `FactsCache` keeps
what the reports need of each village - participants with their paid-month masks
(reports_standing), formasi and live worker counts per category, contribution lines per month
and payer - under the counter it was read at, and re-reads only the villages whose counter
moved. Standing counts are cached per (counter, day). Facts are read after the counter, so they
are never older than the number they are filed under (at worst newer: re-read next time).

A fresh process reads everything once (a few seconds at 450 villages x 300 workers); after that
an overview reads the counters, the villages that changed, and device times. One cache per
database URL per process; several server workers each keep their own.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import case, false, func, select
from sqlalchemy.orm import Session

from app.domain.categories import Category, WorkerStatus
from app.domain.rates import Payer
from app.server import tables as t
from app.server.reports_standing import (
    CategoryCounts,
    Enrolled,
    Standings,
    count_standings,
    load_enrolled,
)

WORKER = t.ENTITY_TABLES["worker"]
QUOTA = t.ENTITY_TABLES["position_quota"]
CONTRIBUTION = t.ENTITY_TABLES["contribution"]


@dataclass(frozen=True, slots=True)
class Money:
    lines: int
    total: int  # not void
    paid: int


@dataclass(slots=True)
class VillageFacts:
    seq: int
    enrolled: tuple[Enrolled, ...] = ()
    quota: dict[Category, int] = field(default_factory=dict)
    workers: dict[Category, int] = field(default_factory=dict)  # live, status active
    money: dict[tuple[str, Payer], Money] = field(default_factory=dict)  # (period, payer)


def _filtered(stmt: Any, column: Any, village_ids: list[uuid.UUID] | None) -> Any:
    return stmt if village_ids is None else stmt.where(column.in_(village_ids))


def load_facts(
    session: Session, seqs: dict[uuid.UUID, int], village_ids: list[uuid.UUID] | None
) -> dict[uuid.UUID, VillageFacts]:
    """Facts of the given villages (None: all) read now, filed under `seqs`."""
    wanted = set(seqs) if village_ids is None else set(village_ids)
    facts = {vid: VillageFacts(seqs[vid]) for vid in wanted}
    enrolled: dict[uuid.UUID, list[Enrolled]] = defaultdict(list)
    for row in load_enrolled(session, village_ids):
        enrolled[row.village_id].append(row)
    for vid, rows in enrolled.items():
        if vid in facts:
            facts[vid].enrolled = tuple(rows)
    q, w, c = QUOTA, WORKER, CONTRIBUTION
    quota = select(q.c.village_id, q.c.category, q.c.count).where(q.c.deleted == false())
    for vid, category, count in session.execute(_filtered(quota, q.c.village_id, village_ids)):
        if vid in facts:
            facts[vid].quota[Category(category)] = int(count)
    workers = (
        select(w.c.village_id, w.c.category, func.count())
        .where(w.c.deleted == false(), w.c.status == WorkerStatus.ACTIVE)
        .group_by(w.c.village_id, w.c.category)
    )
    for vid, category, count in session.execute(_filtered(workers, w.c.village_id, village_ids)):
        if vid in facts:
            facts[vid].workers[Category(category)] = int(count)
    paid = func.sum(case((c.c.status == "paid", c.c.total), else_=0))
    money = (
        select(c.c.village_id, c.c.period, c.c.payer, func.count(), func.sum(c.c.total), paid)
        .where(c.c.deleted == false(), c.c.status != "void")
        .group_by(c.c.village_id, c.c.period, c.c.payer)
    )
    for vid, period, payer, lines, total, paid_sum in session.execute(
        _filtered(money, c.c.village_id, village_ids)
    ):
        if vid in facts:
            facts[vid].money[(period, Payer(payer))] = Money(
                int(lines), int(total or 0), int(paid_sum or 0)
            )
    return facts


class FactsCache:
    """Thread-safe (one lock). Get one with `cache_for(session)`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._facts: dict[uuid.UUID, VillageFacts] = {}
        self._counts: dict[uuid.UUID, tuple[int, date, dict[Category, CategoryCounts]]] = {}

    def facts(
        self, session: Session, village_ids: Iterable[uuid.UUID] | None = None
    ) -> dict[uuid.UUID, VillageFacts]:
        """Current facts of the given villages (None: every village with a counter)."""
        counter = t.village_counter
        stmt = _filtered(
            select(counter.c.village_id, counter.c.seq),
            counter.c.village_id,
            None if village_ids is None else list(village_ids),
        )
        seqs = {vid: int(seq) for vid, seq in session.execute(stmt)}
        with self._lock:
            stale = [
                vid
                for vid, seq in seqs.items()
                if vid not in self._facts or self._facts[vid].seq != seq
            ]
        if stale:
            everyone = len(stale) > len(seqs) // 2
            loaded = load_facts(session, seqs, None if everyone else stale)
            with self._lock:
                self._facts.update(loaded)
        with self._lock:
            return {vid: self._facts[vid] for vid in seqs if vid in self._facts}

    def counts(
        self, session: Session, day: date, village_ids: Iterable[uuid.UUID] | None = None
    ) -> tuple[dict[uuid.UUID, VillageFacts], dict[uuid.UUID, dict[Category, CategoryCounts]]]:
        """Facts and standing counts per category on `day` of the given villages."""
        facts = self.facts(session, village_ids)
        memo = Standings(day)
        out: dict[uuid.UUID, dict[Category, CategoryCounts]] = {}
        with self._lock:
            for vid, fact in facts.items():
                cached = self._counts.get(vid)
                if cached is None or cached[0] != fact.seq or cached[1] != day:
                    cached = (fact.seq, day, count_standings(fact.enrolled, day, memo))
                    self._counts[vid] = cached
                out[vid] = cached[2]
        return facts, out


_CACHES: dict[str, FactsCache] = {}
_CACHES_LOCK = threading.Lock()


def cache_for(session: Session) -> FactsCache:
    """The process's cache of the database `session` is bound to (by URL)."""
    key = session.get_bind().engine.url.render_as_string(hide_password=True)
    with _CACHES_LOCK:
        return _CACHES.setdefault(key, FactsCache())
