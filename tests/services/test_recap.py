"""The monthly recap from a real roster (app.services.recap)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import InvalidField
from app.domain.period import Period
from app.domain.rates import Payer
from app.services.context import AppContext
from app.services.recap import RecapService
from tests.factories_contrib import TODAY, enroll_new_bpu, enroll_new_worker, village_context

NOV = Period(2026, 11)
PU_LINE = 4_853 + 6_067
BPU_LINE = 16_800


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = village_context(tmp_path / "data")
    enroll_new_worker(context, worker={"name": "Budi Santoso"})
    enroll_new_worker(context, worker={"name": "Agus Setiawan"})
    enroll_new_bpu(context, worker={"name": "Siti Aminah"}, payer="dbhcht")
    yield context
    context.close()


def recaps(ctx: AppContext) -> RecapService:
    return RecapService(ctx.database.sessions, ctx.roster, lambda: TODAY)


def test_lines_are_grouped_by_payer_with_their_totals(ctx: AppContext) -> None:
    ctx.roster.generate(NOV)
    recap = recaps(ctx).recap(NOV)
    groups = {g.payer: g for g in recap.doc.groups}
    assert list(groups) == [Payer.APBDES, Payer.DBHCHT]
    assert [line.name for line in groups[Payer.APBDES].lines] == ["Agus Setiawan", "Budi Santoso"]
    assert groups[Payer.APBDES].total == 2 * PU_LINE
    assert groups[Payer.DBHCHT].total == BPU_LINE
    assert recap.doc.total == 2 * PU_LINE + BPU_LINE
    assert recap.lines == 3
    assert not recap.doc.locked


def test_a_locked_month_with_a_payment_says_so(ctx: AppContext) -> None:
    ctx.roster.generate(NOV)
    ctx.roster.lock(NOV)
    ctx.roster.pay(NOV, Payer.DBHCHT, amount=BPU_LINE, paid_on=date(2026, 11, 20), reference="X1")
    recap = recaps(ctx).recap(NOV)
    assert recap.doc.locked
    assert {g.payer: g.paid for g in recap.doc.groups} == {Payer.APBDES: 0, Payer.DBHCHT: BPU_LINE}


def test_one_payer_only(ctx: AppContext) -> None:
    ctx.roster.generate(NOV)
    recap = recaps(ctx).recap(NOV, payer=Payer.DBHCHT)
    assert [g.payer for g in recap.doc.groups] == [Payer.DBHCHT]
    assert recap.doc.total == BPU_LINE


def test_a_month_without_lines_asks_for_the_draft_first(ctx: AppContext) -> None:
    with pytest.raises(InvalidField, match="payung roster 2026-11") as caught:
        recaps(ctx).recap(NOV)
    assert caught.value.field == "period"


def test_a_payer_without_lines_is_named(ctx: AppContext) -> None:
    ctx.roster.generate(NOV)
    with pytest.raises(InvalidField, match="sumber dana APBD") as caught:
        recaps(ctx).recap(NOV, payer=Payer.APBD)
    assert caught.value.field == "payer"


def test_a_recap_is_read_only(ctx: AppContext) -> None:
    """Printing a draft recap never regenerates the draft (the roster command does that)."""
    ctx.roster.generate(NOV)
    enroll_new_worker(ctx, worker={"name": "Dewi Lestari"})
    assert recaps(ctx).recap(NOV).lines == 3


def test_the_pdf_is_written_atomically(ctx: AppContext, tmp_path: Path) -> None:
    from pdfprobe import page_count

    ctx.roster.generate(NOV)
    service = recaps(ctx)
    out = tmp_path / "rekap" / "rekap-2026-11.pdf"
    assert service.write_pdf(service.recap(NOV), out) == 1
    assert page_count(out) == 1
    assert not list(out.parent.glob(".*.part"))
