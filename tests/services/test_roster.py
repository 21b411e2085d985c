"""The monthly roster on a real village database: generate, regenerate, lock, pay."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.domain.categories import EndReason
from app.domain.enrollment import EnrollmentDraft, EnrollmentStatus
from app.domain.errors import DomainError, InvalidField
from app.domain.period import Period
from app.domain.rates import MissingRate, Payer
from app.models import Payment, SyncOutbox
from app.services.context import AppContext
from app.services.roster import (
    PayerBalance,
    RosterLocked,
    RosterNotLocked,
    describe_balance,
    line_id,
)
from tests.factories_contrib import (
    TODAY,
    add_worker,
    bpu_draft,
    edit_enrollment,
    enroll_draft,
    enroll_new_bpu,
    enroll_new_worker,
    outbox_count,
    period_rows,
    table_rows,
    village_context,
)

NOV, DEC = Period(2026, 11), Period(2026, 12)
SILTAP_LINE = 4_853 + 6_067  # PU JKK class 1 + JKM on Rp2.022.200
BPU_LINE = 16_800
PROPERTY = settings(max_examples=15, deadline=None)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = village_context(tmp_path / "data")
    yield context
    context.close()


def locked_month(ctx: AppContext, period: Period = NOV) -> None:
    ctx.roster.generate(period)
    ctx.roster.lock(period)


def payment_count(ctx: AppContext) -> int:
    with ctx.database.sessions() as session:
        return session.scalar(select(func.count()).select_from(Payment)) or 0


def pay(
    ctx: AppContext, amount: int, payer: Payer = Payer.APBDES, reference: str = "SP2D-01"
) -> PayerBalance:
    return ctx.roster.pay(NOV, payer, amount=amount, paid_on=TODAY, reference=reference)


# -- generate -------------------------------------------------------------------------------
def test_generate_makes_one_line_per_enrollment_in_force(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    enroll_new_bpu(ctx)
    roster = ctx.roster.generate(NOV)
    assert sorted(line.total for line in roster.lines) == [SILTAP_LINE, BPU_LINE]


def test_line_carries_worker_segment_payer_wage_and_amounts(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx, programmes="JKK,JKM,JHT")
    (line,) = ctx.roster.generate(NOV).lines
    assert (line.nik, line.name, line.segment.value, line.payer, line.wage) == (
        worker.nik,
        worker.name,
        "PU",
        Payer.APBDES,
        2_022_200,
    )
    assert line.amounts == {"JKK": 4_853, "JKM": 6_067, "JHT": 74_821 + 40_444}


def test_line_keeps_employer_and_worker_totals_apart(ctx: AppContext) -> None:
    enroll_new_worker(ctx, programmes="JKK,JKM,JHT")
    (line,) = ctx.roster.generate(NOV).lines
    assert (line.employer_total, line.worker_total) == (4_853 + 6_067 + 74_821, 40_444)


def test_line_records_the_rate_set_version(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    (row,) = period_rows(ctx, "2026-11")
    assert ctx.rates.at(NOV.first_day).version in row


def test_enrollment_starting_on_the_31st_is_billed_that_month(ctx: AppContext) -> None:
    enroll_new_worker(ctx, start="2026-10-31")
    assert len(ctx.roster.generate(Period(2026, 10)).lines) == 1


def test_enrollment_starting_next_month_is_not_billed(ctx: AppContext) -> None:
    enroll_new_worker(ctx, start="2026-12-01")
    assert ctx.roster.generate(NOV).lines == []


def test_enrollment_ended_on_the_1st_is_billed_that_month(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    ctx.enrollments.end(worker.nik, on=date(2026, 11, 1), reason=EndReason.RESIGNED)
    assert len(ctx.roster.generate(NOV).lines) == 1


def test_enrollment_ended_the_month_before_is_not_billed(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    ctx.enrollments.end(worker.nik, on=date(2026, 10, 31), reason=EndReason.RESIGNED)
    assert ctx.roster.generate(NOV).lines == []


def test_draft_enrollments_are_not_billed(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    ctx.enrollments.enroll(worker.nik, enroll_draft(), status=EnrollmentStatus.DRAFT)
    assert ctx.roster.generate(NOV).lines == []


def test_submitted_enrollments_are_billed(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    ctx.enrollments.enroll(worker.nik, enroll_draft(), status=EnrollmentStatus.SUBMITTED)
    assert len(ctx.roster.generate(NOV).lines) == 1


def test_totals_by_payer(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    enroll_new_worker(ctx)
    enroll_new_bpu(ctx, payer="dbhcht")
    roster = ctx.roster.generate(NOV)
    assert roster.totals_by_payer == {"apbdes": 2 * SILTAP_LINE, "dbhcht": BPU_LINE}
    assert roster.total == 2 * SILTAP_LINE + BPU_LINE


def test_generate_writes_an_outbox_row_per_line(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    assert outbox_count(ctx, "contribution") == 2


def test_generated_roster_is_a_draft(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    roster = ctx.roster.generate(NOV)
    assert not roster.locked
    assert [line.status for line in roster.lines] == ["draft"]


def test_month_without_a_needed_rate_is_refused_and_nothing_written(ctx: AppContext) -> None:
    enroll_new_worker(ctx, programmes="JKK,JKM,JP", start="2023-01-01")
    with pytest.raises(MissingRate):
        ctx.roster.generate(Period(2023, 6))
    assert period_rows(ctx, "2023-06") == []


# -- regenerate -----------------------------------------------------------------------------
def test_regenerate_keeps_line_ids(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    first = [line.id for line in ctx.roster.generate(NOV).lines]
    enroll_new_worker(ctx)
    second = [line.id for line in ctx.roster.generate(NOV).lines]
    assert set(first) < set(second)


def test_line_id_is_a_uuid5_of_enrollment_and_month(ctx: AppContext) -> None:
    _, info = enroll_new_worker(ctx)
    (line,) = ctx.roster.generate(NOV).lines
    assert line.id == str(line_id(uuid.UUID(info.id), NOV))
    assert uuid.UUID(line.id).version == 5


def test_regenerate_without_changes_writes_nothing(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    before = (period_rows(ctx, "2026-11"), outbox_count(ctx, "contribution"))
    ctx.roster.generate(NOV)
    assert (period_rows(ctx, "2026-11"), outbox_count(ctx, "contribution")) == before


def test_regenerate_drops_an_enrollment_ended_before_the_month(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    ctx.enrollments.end(worker.nik, on=date(2026, 10, 31), reason=EndReason.MOVED)
    lines = ctx.roster.generate(NOV).lines
    assert len(lines) == 1
    assert worker.nik not in {line.nik for line in lines}


def test_dropped_line_is_tombstoned_not_deleted(ctx: AppContext) -> None:
    worker, info = enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    ctx.enrollments.end(worker.nik, on=date(2026, 10, 31), reason=EndReason.MOVED)
    ctx.roster.generate(NOV)
    lid = line_id(uuid.UUID(info.id), NOV).hex
    assert table_rows(ctx.paths.database, "contribution", f"id = '{lid}' AND deleted = 1")


def test_tombstoned_line_goes_out_as_a_delete(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    ctx.enrollments.end(worker.nik, on=date(2026, 10, 31), reason=EndReason.MOVED)
    ctx.roster.generate(NOV)
    with ctx.database.sessions() as session:
        stmt = select(SyncOutbox.op).where(SyncOutbox.entity == "contribution")
        assert list(session.scalars(stmt.order_by(SyncOutbox.seq))) == ["insert", "delete"]


def test_regenerate_shows_a_wage_change(ctx: AppContext) -> None:
    _, info = enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    edit_enrollment(ctx, info.id, wage=2_426_640)
    (line,) = ctx.roster.generate(NOV).lines
    assert (line.wage, line.amounts) == (2_426_640, {"JKK": 5_824, "JKM": 7_280})


def test_regenerate_brings_back_a_line_whose_enrollment_returns(ctx: AppContext) -> None:
    worker, info = enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    edit_enrollment(ctx, info.id, start_date=date(2026, 12, 1))
    ctx.roster.generate(NOV)
    edit_enrollment(ctx, info.id, start_date=date(2026, 1, 1))
    assert [line.nik for line in ctx.roster.generate(NOV).lines] == [worker.nik]


# -- lock -----------------------------------------------------------------------------------
def test_lock_freezes_the_month(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    roster = ctx.roster.lock(NOV)
    assert roster.locked
    assert [line.status for line in roster.lines] == ["locked"]


def test_locked_month_is_listed(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    assert ctx.roster.locked_periods() == [NOV]


def test_generate_after_lock_is_refused(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    with pytest.raises(RosterLocked) as caught:
        ctx.roster.generate(NOV)
    assert caught.value.field == "period"


def test_generate_after_lock_changes_nothing(ctx: AppContext) -> None:
    _, info = enroll_new_worker(ctx)
    locked_month(ctx)
    before = (period_rows(ctx, "2026-11"), outbox_count(ctx))
    edit_enrollment(ctx, info.id, wage=3_000_000)
    enroll_new_worker(ctx)
    after_edits = outbox_count(ctx)
    with pytest.raises(RosterLocked):
        ctx.roster.generate(NOV)
    assert period_rows(ctx, "2026-11") == before[0]
    assert outbox_count(ctx) == after_edits


def test_enrollment_change_after_lock_affects_later_months_only(ctx: AppContext) -> None:
    _, info = enroll_new_worker(ctx)
    locked_month(ctx)
    edit_enrollment(ctx, info.id, wage=2_426_640)
    assert [line.wage for line in ctx.roster.generate(DEC).lines] == [2_426_640]
    assert [line.wage for line in ctx.roster.get(NOV).lines] == [2_022_200]


def test_lock_twice_is_refused(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    with pytest.raises(RosterLocked):
        ctx.roster.lock(NOV)


def test_lock_without_a_draft_is_refused(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    with pytest.raises(InvalidField) as caught:
        ctx.roster.lock(NOV)
    assert caught.value.field == "period"


def test_lock_writes_an_outbox_row_per_line(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    before = outbox_count(ctx, "contribution")
    ctx.roster.lock(NOV)
    assert outbox_count(ctx, "contribution") == before + 2


# -- payments -------------------------------------------------------------------------------
def test_payment_before_lock_is_refused(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    with pytest.raises(RosterNotLocked):
        pay(ctx, SILTAP_LINE)
    assert payment_count(ctx) == 0


def test_payment_for_a_payer_without_lines_is_refused(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    with pytest.raises(InvalidField) as caught:
        pay(ctx, SILTAP_LINE, Payer.DONOR)
    assert caught.value.field == "payer"


def test_full_payment_marks_the_lines_paid(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    balance = pay(ctx, SILTAP_LINE)
    assert (balance.billed, balance.paid, describe_balance(balance)) == (
        SILTAP_LINE,
        SILTAP_LINE,
        "lunas",
    )
    assert [line.status for line in ctx.roster.get(NOV).lines] == ["paid"]


def test_short_payment_keeps_the_lines_locked(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    pay(ctx, 10_000)
    assert [line.status for line in ctx.roster.get(NOV).lines] == ["locked"]


def test_short_payment_reports_the_shortfall(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    balance = pay(ctx, 10_000)
    assert (balance.shortfall, balance.excess) == (SILTAP_LINE - 10_000, 0)
    assert describe_balance(balance) == "kurang Rp920"


def test_two_partial_payments_summing_up_mark_the_lines_paid(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    pay(ctx, 5_000, reference="SP2D-01")
    balance = pay(ctx, SILTAP_LINE - 5_000, reference="SP2D-02")
    assert (balance.paid, balance.shortfall) == (SILTAP_LINE, 0)
    assert [line.status for line in ctx.roster.get(NOV).lines] == ["paid"]


def test_excess_payment_is_reported(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    balance = pay(ctx, SILTAP_LINE + 80)
    assert (balance.excess, describe_balance(balance)) == (80, "lebih Rp80")
    assert [line.status for line in ctx.roster.get(NOV).lines] == ["paid"]


def test_payment_covers_only_its_payer(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    enroll_new_bpu(ctx, payer="dbhcht")
    locked_month(ctx)
    pay(ctx, SILTAP_LINE)
    statuses = {line.payer.value: line.status for line in ctx.roster.get(NOV).lines}
    assert statuses == {"apbdes": "paid", "dbhcht": "locked"}


def test_roster_balances_show_what_each_payer_paid(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    pay(ctx, 1_000)
    (balance,) = ctx.roster.get(NOV).balances
    assert (balance.payer, balance.billed, balance.paid) == (Payer.APBDES, SILTAP_LINE, 1_000)


@pytest.mark.parametrize("amount", [0, -5_000])
def test_payment_amount_must_be_positive_and_nothing_is_written(
    ctx: AppContext, amount: int
) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    before = (outbox_count(ctx), period_rows(ctx, "2026-11"))
    with pytest.raises(InvalidField) as caught:
        pay(ctx, amount)
    assert caught.value.field == "amount"
    assert (payment_count(ctx), outbox_count(ctx), period_rows(ctx, "2026-11")) == (0, *before)


def test_payment_reference_is_required_and_nothing_is_written(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    before = outbox_count(ctx)
    with pytest.raises(InvalidField) as caught:
        pay(ctx, SILTAP_LINE, reference="  ")
    assert caught.value.field == "reference"
    assert (payment_count(ctx), outbox_count(ctx)) == (0, before)


def test_payment_date_far_in_the_future_is_refused(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    with pytest.raises(InvalidField) as caught:
        ctx.roster.pay(NOV, Payer.APBDES, amount=1, paid_on=date(2030, 1, 1), reference="X")
    assert caught.value.field == "date"


def test_payment_recorded_on_a_leap_day(tmp_path: Path) -> None:
    ctx = village_context(tmp_path / "data", today=date(2028, 2, 29))
    try:
        enroll_new_worker(ctx)
        locked_month(ctx, Period(2028, 1))
        balance = ctx.roster.pay(
            Period(2028, 1), Payer.APBDES, amount=1, paid_on=date(2028, 2, 29), reference="X"
        )
        assert balance.paid == 1
    finally:
        ctx.close()


def test_payment_writes_its_outbox_row(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    locked_month(ctx)
    before = outbox_count(ctx, "payment")
    pay(ctx, 10_000)
    assert outbox_count(ctx, "payment") == before + 1


# -- properties (a fresh database per example) ----------------------------------------------
enrollment_drafts = st.fixed_dictionaries(
    {
        "segment": st.sampled_from(["PU", "BPU"]),
        "jht": st.booleans(),
        "jp": st.booleans(),
        "wage": st.integers(min_value=1, max_value=20_000_000),
        "risk_class": st.integers(min_value=1, max_value=5),
        "payer": st.sampled_from([p.value for p in Payer]),
        "start": st.dates(min_value=date(2025, 6, 1), max_value=date(2026, 11, 30)),
    }
)


def draft_of(spec: dict[str, object]) -> EnrollmentDraft:
    programmes = "JKK,JKM" + (",JHT" if spec["jht"] else "")
    common = {
        "programmes": programmes,
        "payer": str(spec["payer"]),
        "start": str(spec["start"]),
        "risk_class": str(spec["risk_class"]),
    }
    if spec["segment"] == "BPU":
        return bpu_draft(**common)
    if spec["jp"]:
        common["programmes"] += ",JP"
    return enroll_draft(wage=str(spec["wage"]), **common)


@PROPERTY
@given(specs=st.lists(enrollment_drafts, min_size=1, max_size=6))
def test_roster_total_is_the_sum_of_lines_and_of_payer_totals(
    specs: list[dict[str, object]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ctx = village_context(Path(folder) / "data")
        try:
            for spec in specs:
                ctx.enrollments.enroll(add_worker(ctx).nik, draft_of(spec))
            roster = ctx.roster.generate(NOV)
            assert len(roster.lines) == len(specs)
            assert roster.total == sum(line.total for line in roster.lines)
            assert roster.total == sum(roster.totals_by_payer.values())
            for payer, total in roster.totals_by_payer.items():
                assert total == sum(x.total for x in roster.lines if x.payer.value == payer)
        finally:
            ctx.close()


edits = st.one_of(
    st.tuples(st.just("wage"), st.integers(min_value=1, max_value=20_000_000)),
    st.tuples(st.just("end"), st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))),
    st.tuples(st.just("enroll"), enrollment_drafts),
    st.tuples(st.just("payer"), st.sampled_from([p.value for p in Payer])),
    st.tuples(st.just("generate"), st.sampled_from([NOV, NOV, DEC, Period(2026, 10)])),
)


def apply_edit(ctx: AppContext, ids: list[str], niks: list[str], edit: tuple[str, object]) -> None:
    """One change of any kind; a change the rules refuse is fine (the locked month is what the
    property watches)."""
    kind, value = edit
    try:
        if kind == "wage":
            edit_enrollment(ctx, ids[0], wage=value)
        elif kind == "payer":
            edit_enrollment(ctx, ids[-1], payer=Payer(str(value)))
        elif kind == "end":
            ctx.enrollments.end(niks[0], on=value, reason=EndReason.OTHER)  # type: ignore[arg-type]
        elif kind == "enroll":
            ctx.enrollments.enroll(add_worker(ctx).nik, draft_of(value))  # type: ignore[arg-type]
        else:
            ctx.roster.generate(value)  # type: ignore[arg-type]
    except DomainError:
        pass


@PROPERTY
@given(
    specs=st.lists(enrollment_drafts, min_size=1, max_size=3),
    changes=st.lists(edits, min_size=1, max_size=6),
)
def test_locked_month_never_changes(
    specs: list[dict[str, object]], changes: list[tuple[str, object]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ctx = village_context(Path(folder) / "data")
        try:
            infos = [ctx.enrollments.enroll(add_worker(ctx).nik, draft_of(s)) for s in specs]
            ids = [i.id for i in infos]
            niks = [ctx.register.get(i.worker_id).nik for i in infos]
            locked_month(ctx)
            frozen = (period_rows(ctx, "2026-11"), ctx.roster.get(NOV))
            for change in changes:
                apply_edit(ctx, ids, niks, change)
            assert period_rows(ctx, "2026-11") == frozen[0]
            assert ctx.roster.get(NOV) == frozen[1]
        finally:
            ctx.close()
