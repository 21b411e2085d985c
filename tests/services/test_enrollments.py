"""Coverage periods on a real village database: enroll, list, status, end."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.categories import EndReason
from app.domain.enrollment import EnrollmentStatus, InvalidTransition, OverlappingEnrollment
from app.domain.errors import DomainError, InvalidField, NotFound
from app.domain.rates import Payer, Segment
from app.models import Enrollment, SyncOutbox
from app.services.context import AppContext
from tests.factories_contrib import (
    add_worker,
    bpu_draft,
    enroll_draft,
    enroll_new_worker,
    outbox_count,
    village_context,
)

KPJ = "12345678901"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = village_context(tmp_path / "data")
    yield context
    context.close()


def enrollment_count(ctx: AppContext) -> int:
    with ctx.database.sessions() as session:
        return session.scalar(select(func.count()).select_from(Enrollment)) or 0


def test_enroll_stores_the_period(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    info = ctx.enrollments.enroll(worker.nik, enroll_draft(programmes="JKK,JKM,JHT"))
    assert (info.worker_id, info.segment, info.programmes, info.wage, info.payer) == (
        worker.id,
        Segment.PU,
        "JKK,JKM,JHT",
        2_022_200,
        Payer.APBDES,
    )
    assert (info.start, info.end, info.status) == (date(2026, 1, 1), None, EnrollmentStatus.ACTIVE)


def test_enroll_by_worker_id(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    assert ctx.enrollments.enroll(worker.id, enroll_draft()).worker_id == worker.id


def test_enroll_reports_jkp_entitlement(ctx: AppContext) -> None:
    _, info = enroll_new_worker(ctx, programmes="JKK,JKM,JHT")
    assert info.jkp_entitled


def test_list_returns_the_periods_of_one_worker_by_start(ctx: AppContext) -> None:
    worker, first = enroll_new_worker(ctx, start="2025-01-01")
    enroll_new_worker(ctx)  # someone else
    ctx.enrollments.end(worker.nik, on=date(2025, 12, 31), reason=EndReason.TERM_ENDED)
    second = ctx.enrollments.enroll(worker.nik, enroll_draft(start="2026-01-01"))
    assert [p.id for p in ctx.enrollments.list(worker.nik)] == [first.id, second.id]


def test_enroll_as_draft(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    info = ctx.enrollments.enroll(worker.nik, enroll_draft(), status=EnrollmentStatus.DRAFT)
    assert info.status is EnrollmentStatus.DRAFT


def test_enroll_refuses_a_period_that_is_already_ended(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    with pytest.raises(InvalidField) as caught:
        ctx.enrollments.enroll(worker.nik, enroll_draft(), status=EnrollmentStatus.ENDED)
    assert caught.value.field == "status"


def test_enroll_unknown_worker_is_not_found(ctx: AppContext) -> None:
    with pytest.raises(NotFound):
        ctx.enrollments.enroll("3521010101900001", enroll_draft())


def test_kpj_given_at_enrollment_fills_the_workers_empty_kpj(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    ctx.enrollments.enroll(worker.nik, enroll_draft(kpj="123-4567-8901"))
    assert ctx.register.get(worker.nik).kpj == KPJ


def test_kpj_given_at_enrollment_keeps_an_existing_worker_kpj(ctx: AppContext) -> None:
    worker = add_worker(ctx, kpj="98765432109")
    info = ctx.enrollments.enroll(worker.nik, enroll_draft(kpj=KPJ))
    assert (ctx.register.get(worker.nik).kpj, info.kpj) == ("98765432109", KPJ)


def test_enroll_writes_its_outbox_row(ctx: AppContext) -> None:
    _, info = enroll_new_worker(ctx)
    with ctx.database.sessions() as session:
        row = session.scalars(select(SyncOutbox).where(SyncOutbox.entity == "enrollment")).one()
    fields = json.loads(row.fields)
    assert (str(row.row_id), row.op) == (info.id, "insert")
    assert (fields["segment"], fields["wage"], fields["start_date"]) == (
        "PU",
        2_022_200,
        "2026-01-01",
    )


def test_filling_the_kpj_writes_a_worker_outbox_row(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    before = outbox_count(ctx, "worker")
    ctx.enrollments.enroll(worker.nik, enroll_draft(kpj=KPJ))
    assert outbox_count(ctx, "worker") == before + 1


def test_bpu_income_outside_the_brackets_is_refused(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    with pytest.raises(DomainError) as caught:
        ctx.enrollments.enroll(worker.nik, bpu_draft(wage="1500000"))
    assert caught.value.field == "wage"


def test_overlapping_period_is_refused_and_nothing_written(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    before = (enrollment_count(ctx), outbox_count(ctx))
    with pytest.raises(OverlappingEnrollment):
        ctx.enrollments.enroll(worker.nik, enroll_draft(start="2026-06-01"))
    assert (enrollment_count(ctx), outbox_count(ctx)) == before


def test_touching_period_after_an_end_is_allowed(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    ctx.enrollments.end(worker.nik, on=date(2026, 10, 31), reason=EndReason.TERM_ENDED)
    info = ctx.enrollments.enroll(worker.nik, enroll_draft(start="2026-11-01", wage="2224420"))
    assert info.start == date(2026, 11, 1)


def test_worker_whose_membership_ended_needs_a_start_after_the_end(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    ctx.register.end(worker.nik, on=date(2026, 6, 30), reason=EndReason.TERM_ENDED)
    with pytest.raises(DomainError) as caught:
        ctx.enrollments.enroll(worker.nik, enroll_draft(start="2026-06-30"))
    assert caught.value.field == "start"


def test_worker_whose_membership_ended_can_start_again_after_the_end(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    ctx.register.end(worker.nik, on=date(2026, 6, 30), reason=EndReason.TERM_ENDED)
    assert ctx.enrollments.enroll(worker.nik, enroll_draft(start="2026-07-01")).end is None


def test_unreadable_start_names_the_start_field(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    with pytest.raises(DomainError) as caught:
        ctx.enrollments.enroll(worker.nik, enroll_draft(start="kemarin"))
    assert caught.value.field == "start"


def test_set_status_moves_a_draft_to_submitted_then_active(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    info = ctx.enrollments.enroll(worker.nik, enroll_draft(), status=EnrollmentStatus.DRAFT)
    ctx.enrollments.set_status(info.id, EnrollmentStatus.SUBMITTED)
    assert ctx.enrollments.set_status(info.id, EnrollmentStatus.ACTIVE).status.value == "active"


def test_set_status_skipping_a_step_is_refused(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    info = ctx.enrollments.enroll(worker.nik, enroll_draft(), status=EnrollmentStatus.DRAFT)
    with pytest.raises(InvalidTransition):
        ctx.enrollments.set_status(info.id, EnrollmentStatus.ACTIVE)


def test_set_status_backwards_is_refused(ctx: AppContext) -> None:
    _, info = enroll_new_worker(ctx)
    with pytest.raises(InvalidTransition):
        ctx.enrollments.set_status(info.id, EnrollmentStatus.SUBMITTED)


def test_set_status_to_ended_needs_the_end_operation(ctx: AppContext) -> None:
    _, info = enroll_new_worker(ctx)
    with pytest.raises(InvalidField):
        ctx.enrollments.set_status(info.id, EnrollmentStatus.ENDED)


def test_set_status_writes_an_outbox_row(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    info = ctx.enrollments.enroll(worker.nik, enroll_draft(), status=EnrollmentStatus.DRAFT)
    before = outbox_count(ctx, "enrollment")
    ctx.enrollments.set_status(info.id, EnrollmentStatus.SUBMITTED)
    assert outbox_count(ctx, "enrollment") == before + 1


def test_set_status_of_an_unknown_enrollment_is_not_found(ctx: AppContext) -> None:
    with pytest.raises(NotFound):
        ctx.enrollments.set_status("bukan-id", EnrollmentStatus.ACTIVE)


def test_end_closes_the_open_period(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    info = ctx.enrollments.end(worker.nik, on=date(2026, 10, 31), reason=EndReason.DIED)
    assert (info.end, info.end_reason, info.status) == (
        date(2026, 10, 31),
        EndReason.DIED,
        EnrollmentStatus.ENDED,
    )


def test_end_on_the_start_day_is_allowed(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    info = ctx.enrollments.end(worker.nik, on=date(2026, 1, 1), reason=EndReason.RESIGNED)
    assert info.end == info.start


def test_end_before_the_start_is_refused(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    with pytest.raises(InvalidField) as caught:
        ctx.enrollments.end(worker.nik, on=date(2025, 12, 31), reason=EndReason.RESIGNED)
    assert caught.value.field == "date"


def test_end_without_an_open_period_is_not_found(ctx: AppContext) -> None:
    worker = add_worker(ctx)
    with pytest.raises(NotFound):
        ctx.enrollments.end(worker.nik, on=date(2026, 10, 31), reason=EndReason.RESIGNED)


def test_end_writes_an_outbox_row(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    before = outbox_count(ctx, "enrollment")
    ctx.enrollments.end(worker.nik, on=date(2026, 10, 31), reason=EndReason.RESIGNED)
    assert outbox_count(ctx, "enrollment") == before + 1


def test_edit_changes_terms_and_records_only_changed_fields(tmp_path: Path) -> None:
    ctx = village_context(tmp_path / "v")
    try:
        worker = add_worker(ctx)
        info = ctx.enrollments.enroll(worker.nik, enroll_draft(wage="2022200"))
        edited = ctx.enrollments.edit(info.id, enroll_draft(wage="2500000"))
        assert edited.wage == 2_500_000
        with ctx.database.sessions() as session:
            last = session.scalars(
                select(SyncOutbox).order_by(SyncOutbox.seq.desc()).limit(1)
            ).one()
        assert json.loads(last.fields) == {"wage": 2_500_000}
        assert json.loads(last.base) == {"wage": 2_022_200}
    finally:
        ctx.close()


def test_edit_refuses_an_ended_period(tmp_path: Path) -> None:
    ctx = village_context(tmp_path / "v")
    try:
        worker = add_worker(ctx)
        info = ctx.enrollments.enroll(worker.nik, enroll_draft(start="2026-01-01"))
        ctx.enrollments.end(worker.nik, on=date(2026, 6, 30), reason=EndReason.MOVED)
        with pytest.raises(InvalidField) as caught:
            ctx.enrollments.edit(info.id, enroll_draft(start="2026-01-01", wage="3000000"))
        assert caught.value.field == "status"
    finally:
        ctx.close()
