"""What Beranda shows, boiled down on the pool thread from the standing overview and this month's
roster: a few numbers and short lists instead of 100,000 participants and lines kept alive on
the GUI side (less memory, and less for Python's garbage collector to walk while the window
waits for the GIL)."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from datetime import date

from app.domain.coverage import CoverageLine
from app.domain.period import Period
from app.domain.standing import State
from app.services.roster import Roster, RosterService
from app.services.standing import Overview, ParticipantStatus, StandingService
from app.ui.arrears_table import ArrearsFilter

NEXT_DUE_SHOWN = 3
LONGEST_SHOWN = 6
NOT_WAITING = (State.LAPSED, State.ENDED)


@dataclass(frozen=True, slots=True)
class MonthTotal:
    period: Period
    lines: int
    total: int
    locked: bool
    paid: int


@dataclass(frozen=True, slots=True)
class Glance:
    as_of: date
    coverage: list[CoverageLine]
    owing: int  # in arrears and still covered (due or warning)
    warning: int  # two or more unpaid months
    lapsed: int
    upcoming: list[tuple[date, int]]  # the next due dates and how many participants each
    longest: list[ParticipantStatus]  # longest in arrears first
    month: MonthTotal


def month_total(roster: Roster) -> MonthTotal:
    paid = sum(b.paid for b in roster.balances)
    return MonthTotal(roster.period, len(roster.lines), roster.total, roster.locked, paid)


def summarize(overview: Overview, roster: Roster) -> Glance:
    people = overview.participants
    behind = [p for p in people if p.months_in_arrears > 0]
    upcoming = Counter(
        p.next_due
        for p in people
        if p.next_due is not None and p.next_due >= overview.as_of and p.state not in NOT_WAITING
    )
    longest = heapq.nsmallest(LONGEST_SHOWN, behind, key=lambda p: (-p.months_in_arrears, p.name))
    return Glance(
        as_of=overview.as_of,
        coverage=overview.coverage,
        owing=len(ArrearsFilter.OWING.select(behind)),  # the same people the lists show
        warning=len(ArrearsFilter.WARNING.select(behind)),
        lapsed=len(ArrearsFilter.LAPSED.select(behind)),
        upcoming=sorted(upcoming.items())[:NEXT_DUE_SHOWN],
        longest=longest,
        month=month_total(roster),
    )


def read_glance(standing: StandingService, roster: RosterService, month: Period) -> Glance:
    """On a pool thread: the overview and the month's roster, summarized."""
    return summarize(standing.overview(), roster.get(month))
