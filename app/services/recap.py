"""The monthly recap for the kepala desa's signature, from the month's stored lines.

A recap is a read: it prints the month as stored (the locked lines, or the current draft,
marked DRAF) and never regenerates it; `payung roster YYYY-MM` refreshes a draft first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.documents.pdf.letterhead import Letterhead
from app.documents.pdf.paper import Paper
from app.documents.pdf.recap import RecapDoc, RecapGroup, RecapLine, render_recap
from app.domain.errors import InvalidField
from app.domain.period import Period
from app.domain.rates import Payer
from app.models.engine import Sessions
from app.services.papers import default_paper, fonts_dir, letterhead_of, write_pdf
from app.services.roster import RosterLine, RosterService
from app.services.village import current_village


@dataclass(frozen=True, slots=True)
class Recap:
    letterhead: Letterhead
    doc: RecapDoc
    paper: Paper

    @property
    def lines(self) -> int:
        return sum(len(group.lines) for group in self.doc.groups)


class RecapService:
    def __init__(
        self, sessions: Sessions, roster: RosterService, today: Callable[[], date]
    ) -> None:
        self._sessions = sessions
        self._roster = roster
        self._today = today

    def recap(self, period: Period, *, payer: Payer | None = None) -> Recap:
        """InvalidField when the month has no lines yet (or none for `payer`)."""
        with self._sessions() as session:
            letterhead = letterhead_of(current_village(session))
            paper = default_paper(session)
        roster = self._roster.get(period)
        if not roster.lines:
            raise InvalidField(
                "period",
                f"belum ada iuran {period}; buat draf dulu dengan `payung roster {period}`",
            )
        paid = {balance.payer: balance.paid for balance in roster.balances}
        groups: dict[Payer, list[RecapLine]] = {}
        for line in roster.lines:  # by name within a payer; payers in their usual order
            if payer is None or line.payer is payer:
                groups.setdefault(line.payer, []).append(_recap_line(line))
        if not groups:
            assert payer is not None
            raise InvalidField(
                "payer", f"tidak ada iuran {period} dengan sumber dana {payer.label}"
            )
        doc = RecapDoc(
            period=period,
            locked=roster.locked,
            groups=tuple(
                RecapGroup(p, tuple(groups[p]), paid.get(p, 0)) for p in Payer if p in groups
            ),
            printed_on=self._today(),
        )
        return Recap(letterhead, doc, paper)

    def write_pdf(self, recap: Recap, out: Path, *, paper: Paper | None = None) -> int:
        """Write the recap atomically to `out`; returns the page count."""
        pages: list[int] = []
        write_pdf(
            out,
            lambda fh: pages.append(
                render_recap(recap.letterhead, recap.doc, fh, paper=paper or recap.paper,
                             fonts=fonts_dir())
            ),
        )  # fmt: skip
        return pages[0]


def _recap_line(line: RosterLine) -> RecapLine:
    return RecapLine(
        nik=line.nik, name=line.name, segment=line.segment, wage=line.wage,
        amounts=line.amounts, total=line.total,
    )  # fmt: skip
