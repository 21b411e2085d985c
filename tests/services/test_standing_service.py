"""Where participants stand, from real rosters and payments; coverage against formasi."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.categories import Category, EndReason
from app.domain.enrollment import EnrollmentStatus
from app.domain.errors import InvalidField
from app.domain.period import Period
from app.domain.rates import Payer
from app.domain.standing import State
from app.services.context import AppContext
from app.services.standing import ParticipantStatus
from tests.factories_contrib import (
    TODAY,
    add_worker,
    enroll_draft,
    enroll_new_bpu,
    enroll_new_worker,
    outbox_count,
    village_context,
)

JUN, NOV = Period(2026, 6), Period(2026, 11)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = village_context(tmp_path / "data")
    yield context
    context.close()


def bill(ctx: AppContext, first: Period, last: Period, *, paid_until: Period | None) -> None:
    """Generate and lock every month first..last; pay in full the months up to paid_until."""
    month = first
    while month <= last:
        ctx.roster.generate(month)
        roster = ctx.roster.lock(month)
        if paid_until is not None and month <= paid_until:
            for payer, total in roster.totals_by_payer.items():
                ctx.roster.pay(month, Payer(payer), amount=total, paid_on=TODAY, reference="BKU")
        month += 1


def only(ctx: AppContext, as_of: date = TODAY) -> ParticipantStatus:
    (participant,) = ctx.standing.overview(as_of).participants
    return participant


def test_participant_paid_every_month_is_ok(ctx: AppContext) -> None:
    enroll_new_bpu(ctx, start="2026-06-01")
    bill(ctx, JUN, NOV, paid_until=NOV)
    p = only(ctx)
    assert (p.paid_through, p.months_in_arrears, p.next_due, p.state) == (
        NOV,
        0,
        date(2026, 12, 15),
        State.OK,
    )


def test_participant_three_months_behind_is_warned(ctx: AppContext) -> None:
    enroll_new_bpu(ctx, start="2026-06-01")
    bill(ctx, JUN, NOV, paid_until=Period(2026, 8))
    p = only(ctx)
    assert (p.paid_through, p.months_in_arrears, p.next_due, p.state) == (
        Period(2026, 8),
        3,
        date(2026, 9, 15),
        State.WARNING,
    )


def test_bpu_participant_four_months_behind_has_lapsed(ctx: AppContext) -> None:
    enroll_new_bpu(ctx, start="2026-06-01")
    bill(ctx, JUN, NOV, paid_until=Period(2026, 7))
    assert (only(ctx).months_in_arrears, only(ctx).state) == (4, State.LAPSED)


def test_locked_but_unpaid_month_is_in_arrears(ctx: AppContext) -> None:
    enroll_new_bpu(ctx, start="2026-06-01")
    bill(ctx, JUN, NOV, paid_until=Period(2026, 10))
    assert (only(ctx).months_in_arrears, only(ctx).state) == (1, State.DUE)


def test_short_payment_leaves_the_month_unpaid(ctx: AppContext) -> None:
    enroll_new_bpu(ctx, start="2026-06-01")
    bill(ctx, JUN, Period(2026, 10), paid_until=Period(2026, 10))
    ctx.roster.generate(NOV)
    ctx.roster.lock(NOV)
    ctx.roster.pay(NOV, Payer.APBDES, amount=16_000, paid_on=TODAY, reference="BKU")
    assert only(ctx).paid_through == Period(2026, 10)


def test_months_never_billed_count_as_unpaid(ctx: AppContext) -> None:
    enroll_new_bpu(ctx, start="2026-09-01")
    assert (only(ctx).months_in_arrears, only(ctx).state) == (3, State.WARNING)


def test_pu_fine_estimate_uses_the_billed_amounts(ctx: AppContext) -> None:
    enroll_new_worker(ctx, start="2026-06-01")
    bill(ctx, JUN, Period(2026, 10), paid_until=Period(2026, 8))
    # September (due 15 Oct): 4 % of 10,920 = 436.8; October (due 16 Nov): 2 % = 218.4
    assert only(ctx).fine_estimate == 437 + 218


def test_ended_and_paid_up_participant_is_ended(ctx: AppContext) -> None:
    worker, _ = enroll_new_bpu(ctx, start="2026-06-01")
    ctx.enrollments.end(worker.nik, on=date(2026, 8, 31), reason=EndReason.TERM_ENDED)
    bill(ctx, JUN, Period(2026, 8), paid_until=Period(2026, 8))
    assert only(ctx).state is State.ENDED


def test_draft_enrollment_is_not_a_participant(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    ctx.enrollments.enroll(worker.nik, enroll_draft(), status=EnrollmentStatus.DRAFT)
    assert ctx.standing.overview().participants == []


def test_enrollment_starting_after_the_date_is_not_yet_a_participant(ctx: AppContext) -> None:
    enroll_new_worker(ctx, start="2026-12-01")
    assert ctx.standing.overview(TODAY).participants == []


def test_a_worker_appears_once_with_the_latest_period(ctx: AppContext) -> None:
    worker, _ = enroll_new_bpu(ctx, start="2026-06-01")
    ctx.enrollments.end(worker.nik, on=date(2026, 9, 30), reason=EndReason.OTHER)
    later = ctx.enrollments.enroll(worker.nik, enroll_draft(start="2026-10-01"))
    assert only(ctx).enrollment_id == later.id


def test_overview_as_of_an_earlier_date(ctx: AppContext) -> None:
    enroll_new_bpu(ctx, start="2026-06-01")
    bill(ctx, JUN, NOV, paid_until=Period(2026, 8))
    p = only(ctx, date(2026, 9, 10))  # September not yet due
    assert (p.months_in_arrears, p.state) == (0, State.DUE)


def test_overview_defaults_to_today(ctx: AppContext) -> None:
    assert ctx.standing.overview().as_of == TODAY


def test_overview_counts_states(ctx: AppContext) -> None:
    enroll_new_bpu(ctx, start="2026-06-01")
    enroll_new_bpu(ctx, start="2026-06-01")
    bill(ctx, JUN, NOV, paid_until=Period(2026, 7))
    assert ctx.standing.overview().count(State.LAPSED) == 2


# -- coverage -------------------------------------------------------------------------------
def test_coverage_against_formasi(ctx: AppContext) -> None:
    for _ in range(3):
        enroll_new_worker(ctx)
    ctx.standing.set_quota(Category.PERANGKAT_DESA, 4)
    (line,) = ctx.standing.overview().coverage
    assert (line.category, line.active, line.positions, line.percent) == (
        Category.PERANGKAT_DESA,
        3,
        4,
        Decimal("75.0"),
    )


def test_coverage_without_formasi_has_no_percent(ctx: AppContext) -> None:
    enroll_new_worker(ctx, worker={"category": "ketua_rt"})
    (line,) = ctx.standing.overview().coverage
    assert (line.category, line.active, line.positions, line.percent) == (
        Category.KETUA_RT,
        1,
        None,
        None,
    )


def test_coverage_does_not_count_lapsed_participants(ctx: AppContext) -> None:
    enroll_new_bpu(ctx, start="2026-06-01")
    bill(ctx, JUN, NOV, paid_until=Period(2026, 7))
    ctx.standing.set_quota(Category.PERANGKAT_DESA, 1)
    assert [line.active for line in ctx.standing.overview().coverage] == [0]


def test_coverage_does_not_count_ended_periods(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    ctx.enrollments.end(worker.nik, on=date(2026, 10, 31), reason=EndReason.TERM_ENDED)
    ctx.standing.set_quota(Category.PERANGKAT_DESA, 1)
    assert [line.active for line in ctx.standing.overview().coverage] == [0]


def test_coverage_above_formasi_is_shown_as_is(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    enroll_new_worker(ctx)
    ctx.standing.set_quota(Category.PERANGKAT_DESA, 1)
    assert [line.percent for line in ctx.standing.overview().coverage] == [Decimal("200.0")]


def test_set_quota_replaces_the_count(ctx: AppContext) -> None:
    ctx.standing.set_quota(Category.KADER_POSYANDU, 10)
    ctx.standing.set_quota(Category.KADER_POSYANDU, 12)
    assert ctx.standing.quota() == {Category.KADER_POSYANDU: 12}


def test_set_quota_writes_outbox_rows(ctx: AppContext) -> None:
    ctx.standing.set_quota(Category.KADER_POSYANDU, 10)
    ctx.standing.set_quota(Category.KADER_POSYANDU, 12)
    assert outbox_count(ctx, "position_quota") == 2


def test_quota_of_zero_is_allowed(ctx: AppContext) -> None:
    ctx.standing.set_quota(Category.LINMAS, 0)
    assert ctx.standing.quota() == {Category.LINMAS: 0}


@pytest.mark.parametrize("count", [-1, 100_001])
def test_quota_out_of_range_is_refused_and_nothing_written(ctx: AppContext, count: int) -> None:
    before = outbox_count(ctx)
    with pytest.raises(InvalidField) as caught:
        ctx.standing.set_quota(Category.LINMAS, count)
    assert caught.value.field == "count"
    assert (ctx.standing.quota(), outbox_count(ctx)) == ({}, before)
