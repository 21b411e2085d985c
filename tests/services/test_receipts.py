"""Receipt numbers and reprints on a real village database (app.services.receipts)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.documents.pdf import Paper
from app.domain.categories import EndReason
from app.domain.errors import InvalidField, NotFound
from app.domain.receipt import device_tag, verification_code
from app.models import AuditEntry, Enrollment, Receipt, ReceiptCounter, SyncOutbox, SyncState
from app.services.context import AppContext
from app.services.receipts import ReceiptBatch, ReceiptService
from tests.factories_contrib import (
    TODAY,
    add_worker,
    enroll_draft,
    enroll_new_bpu,
    enroll_new_worker,
    village_context,
)

NUMBER = re.compile(r"3521012001-([0-9A-F]{4})-(\d{6})")


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = village_context(tmp_path / "data")
    yield context
    context.close()


def service(ctx: AppContext, today: date = TODAY) -> ReceiptService:
    return ReceiptService(ctx.database.sessions, ctx.rates, lambda: today)


def counters(batch: ReceiptBatch) -> list[int]:
    return [int(NUMBER.fullmatch(r.number)[2]) for r in batch.receipts]  # type: ignore[index]


def rows(ctx: AppContext, model: type, *where: object) -> list[object]:
    with ctx.database.sessions() as session:
        return list(session.scalars(select(model).where(*where)))


def test_a_number_is_village_code_device_tag_and_counter(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    batch = service(ctx).for_workers([worker.nik])
    number = batch.receipts[0].number
    match = NUMBER.fullmatch(number)
    assert match is not None, number
    (state,) = rows(ctx, SyncState)
    assert match[1] == device_tag(state.db_instance_id)  # type: ignore[attr-defined]
    assert match[2] == "000001"


def test_numbers_are_unique_and_increasing_across_batches(ctx: AppContext) -> None:
    people = [enroll_new_worker(ctx)[0] for _ in range(5)]
    receipts = service(ctx)
    first = receipts.for_workers([people[0].nik])
    second = receipts.for_workers([p.nik for p in people[1:4]])
    third = receipts.for_workers([people[4].id])
    assert counters(first) + counters(second) + counters(third) == [1, 2, 3, 4, 5]
    numbers = [r.number for b in (first, second, third) for r in b.receipts]
    assert len(set(numbers)) == 5


def test_a_reprint_shows_the_same_number_date_and_code(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    first = service(ctx).for_workers([worker.nik]).receipts[0]
    later = service(ctx, today=date(2027, 2, 1)).for_workers([worker.nik])
    again = later.receipts[0]
    assert (again.number, again.issued_on, again.verification_code) == (
        first.number, TODAY, first.verification_code,
    )  # fmt: skip
    assert later.issued[0].reprint
    assert len(rows(ctx, Receipt)) == 1
    (counter,) = rows(ctx, ReceiptCounter)
    assert counter.last_number == 1  # type: ignore[attr-defined]


def test_the_enrollment_records_its_receipt_number(ctx: AppContext) -> None:
    worker, enrollment = enroll_new_worker(ctx)
    number = service(ctx).for_workers([worker.nik]).receipts[0].number
    (stored,) = rows(ctx, Enrollment, Enrollment.id == uuid.UUID(enrollment.id))
    assert stored.receipt_no == number  # type: ignore[attr-defined]
    (receipt,) = rows(ctx, Receipt)
    assert receipt.enrollment_id == uuid.UUID(enrollment.id)  # type: ignore[attr-defined]
    assert receipt.worker_id == uuid.UUID(worker.id)  # type: ignore[attr-defined]


def test_the_counter_survives_closing_and_reopening(tmp_path: Path) -> None:
    ctx = village_context(tmp_path / "data")
    try:
        first, _ = enroll_new_worker(ctx)
        second, _ = enroll_new_worker(ctx)
        service(ctx).for_workers([first.nik])
    finally:
        ctx.close()
    reopened = AppContext.open(ctx.paths, today=lambda: TODAY)
    try:
        batch = service(reopened).for_workers([second.nik])
    finally:
        reopened.close()
    assert counters(batch) == [2]


def test_the_counter_never_falls_behind_numbers_already_stored(ctx: AppContext) -> None:
    """Receipts this device issued can come back from the server after a restore."""
    old, _ = enroll_new_worker(ctx)
    new, _ = enroll_new_worker(ctx)
    issued = service(ctx).for_workers([old.nik]).receipts[0].number
    pulled_back = issued[:-6] + "000050"
    with ctx.database.sessions.begin() as session:
        session.get_one(Receipt, session.scalars(select(Receipt.id)).one()).number = pulled_back
        session.get_one(ReceiptCounter, issued.split("-")[1]).last_number = 0
    assert counters(service(ctx).for_workers([new.nik])) == [51]


def test_issuing_records_outbox_and_audit_rows(ctx: AppContext) -> None:
    worker, enrollment = enroll_new_worker(ctx)
    before = len(rows(ctx, SyncOutbox))
    number = service(ctx).for_workers([worker.nik]).receipts[0].number
    ops = rows(ctx, SyncOutbox, SyncOutbox.seq > before)
    assert [(o.entity, o.op) for o in ops] == [  # type: ignore[attr-defined]
        ("receipt", "insert"), ("enrollment", "update"),
    ]  # fmt: skip
    (receipt,) = rows(ctx, Receipt)
    fields = json.loads(ops[0].fields)  # type: ignore[attr-defined]
    assert fields == {
        "number": number, "enrollment_id": enrollment.id, "worker_id": worker.id,
        "issued_on": TODAY.isoformat(), "deleted": False,
        "verification_code": receipt.verification_code,  # type: ignore[attr-defined]
        "village_id": str(receipt.village_id),  # type: ignore[attr-defined]
    }  # fmt: skip
    assert ops[0].row_id == receipt.id  # type: ignore[attr-defined]
    assert json.loads(ops[1].fields) == {"receipt_no": number}  # type: ignore[attr-defined]
    assert json.loads(ops[1].base) == {"receipt_no": None}  # type: ignore[attr-defined]
    actions = {(a.action, a.entity) for a in rows(ctx, AuditEntry)}  # type: ignore[attr-defined]
    assert {("receipt_issue", "receipt"), ("receipt", "enrollment")} <= actions


def test_a_reprint_writes_nothing(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    service(ctx).for_workers([worker.nik])
    outbox = len(rows(ctx, SyncOutbox))
    service(ctx).for_workers([worker.nik])
    assert len(rows(ctx, SyncOutbox)) == outbox


def test_the_verification_code_follows_the_documented_formula(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    doc = service(ctx).for_workers([worker.nik]).receipts[0]
    assert doc.verification_code == verification_code(doc.number, worker.nik, TODAY)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", doc.verification_code)


def test_a_corrected_nik_gives_the_reprint_a_matching_code(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx, worker={"birth_date": "1980-05-05", "sex": "L"})
    first = service(ctx).for_workers([worker.nik]).receipts[0]
    corrected = worker.nik[:-4] + "0777"
    ctx.register.edit(worker.id, {"nik": corrected})
    again = service(ctx).for_workers([corrected]).receipts[0]
    assert again.number == first.number
    assert again.verification_code == verification_code(first.number, corrected, TODAY)
    (receipt,) = rows(ctx, Receipt)
    assert receipt.verification_code == again.verification_code  # type: ignore[attr-defined]


def test_the_latest_coverage_period_gets_its_own_receipt(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    first = service(ctx).for_workers([worker.nik]).receipts[0]
    ctx.enrollments.end(worker.nik, on=date(2026, 6, 30), reason=EndReason.OTHER)
    ctx.enrollments.enroll(worker.nik, enroll_draft(start="2026-08-01", payer="apbd"))
    second = service(ctx).for_workers([worker.nik]).receipts[0]
    assert second.number != first.number
    assert second.start == date(2026, 8, 1)


def test_an_unknown_worker_stops_the_batch_and_issues_nothing(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    with pytest.raises(NotFound, match="3521019999999999"):
        service(ctx).for_workers([worker.nik, "3521019999999999"])
    assert rows(ctx, Receipt) == []
    assert rows(ctx, ReceiptCounter) == []


def test_a_worker_without_coverage_is_named(ctx: AppContext) -> None:
    covered, _ = enroll_new_worker(ctx)
    bare = add_worker(ctx, name="Joko Purnomo")
    with pytest.raises(NotFound, match=r"Joko Purnomo .*belum punya kepesertaan"):
        service(ctx).for_workers([covered.nik, bare.nik])
    assert rows(ctx, Receipt) == []


def test_naming_a_worker_twice_prints_one_receipt(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    batch = service(ctx).for_workers([worker.nik, worker.id, worker.nik])
    assert len(batch.receipts) == 1


def test_since_takes_every_running_period_whose_tmt_is_on_or_after_the_date(
    ctx: AppContext,
) -> None:
    enroll_new_worker(ctx, start="2026-01-01")
    june, _ = enroll_new_bpu(ctx, worker={"name": "Siti Aminah"}, start="2026-06-01")
    nov, _ = enroll_new_worker(ctx, worker={"name": "Agus Setiawan"}, start="2026-11-01")
    on_day, _ = enroll_new_worker(ctx, worker={"name": "Budi Santoso"}, start="2026-05-31")
    ended, _ = enroll_new_worker(ctx, worker={"name": "Dewi Lestari"}, start="2026-07-01")
    ctx.enrollments.end(ended.nik, on=date(2026, 7, 31), reason=EndReason.DIED)
    batch = service(ctx).since(date(2026, 5, 31))
    assert [r.nik for r in batch.receipts] == [on_day.nik, june.nik, nov.nik]


def test_since_without_matches_says_so(ctx: AppContext) -> None:
    enroll_new_worker(ctx, start="2026-01-01")
    with pytest.raises(NotFound, match="sejak 1 Desember 2026"):
        service(ctx).since(date(2026, 12, 1))


def test_the_receipt_shows_this_months_contribution(ctx: AppContext) -> None:
    worker, _ = enroll_new_bpu(ctx, start="2026-06-01")
    doc = service(ctx).for_workers([worker.nik]).receipts[0]
    assert (str(doc.month.period), doc.month.total) == ("2026-11", 16_800)


def test_a_period_starting_later_shows_its_first_months_contribution(ctx: AppContext) -> None:
    worker, _ = enroll_new_bpu(ctx, start="2027-01-01")
    doc = service(ctx).for_workers([worker.nik]).receipts[0]
    assert str(doc.month.period) == "2027-01"


def test_the_office_paper_setting_is_the_default(ctx: AppContext) -> None:
    worker, _ = enroll_new_worker(ctx)
    assert service(ctx).for_workers([worker.nik]).paper is Paper.A4
    ctx.village.set_setting("paper_size", "F4")
    assert service(ctx).for_workers([worker.nik]).paper is Paper.F4


def test_the_pdf_has_one_page_per_receipt(ctx: AppContext, tmp_path: Path) -> None:
    from pdfprobe import page_count

    people = [enroll_new_worker(ctx)[0] for _ in range(3)]
    receipts = service(ctx)
    out = tmp_path / "usb" / "tanda-terima.pdf"
    assert receipts.write_pdf(receipts.for_workers([p.nik for p in people]), out) == 3
    assert page_count(out) == 3
    assert not list(out.parent.glob(".*.part"))


def test_a_file_that_cannot_be_written_is_named(ctx: AppContext, tmp_path: Path) -> None:
    worker, _ = enroll_new_worker(ctx)
    receipts = service(ctx)
    batch = receipts.for_workers([worker.nik])
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    with pytest.raises(InvalidField, match=r"a-folder\.pdf tidak dapat ditulis") as caught:
        receipts.write_pdf(batch, folder)
    assert caught.value.field == "out"


def test_every_issued_number_is_stored_once(ctx: AppContext) -> None:
    people = [enroll_new_worker(ctx)[0] for _ in range(4)]
    service(ctx).for_workers([p.nik for p in people])
    service(ctx).since(date(2026, 1, 1))
    with ctx.database.sessions() as session:
        total = session.scalar(select(func.count()).select_from(Receipt))
        distinct = session.scalar(select(func.count(func.distinct(Receipt.number))))
    assert total == distinct == 4
