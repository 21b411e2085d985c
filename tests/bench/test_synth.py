"""The synthetic village generator: reproducible, valid, and loadable through the migrations."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from app.config import DB_FILENAME, resolve_paths
from app.domain.categories import Category, WorkerStatus
from app.domain.enrollment import validate_enrollment
from app.domain.identity import parse_kk, parse_kpj, parse_nik
from app.domain.period import Period
from app.domain.rates import Payer, Programme, RateSet, Segment
from app.domain.standing import State
from app.domain.worker import validate_worker
from app.services.context import AppContext
from app.services.rates import shipped_rates
from app.services.register import SearchQuery
from bench.synth import (
    AS_OF,
    BENCH_MONTH,
    BPU_BRACKET,
    LAST_TMT,
    SILTAP,
    enrollments_for,
    generate,
    make_drafts,
    populate,
    to_draft,
    workers_for_enrollments,
)

TODAY = date(2026, 11, 21)


def rates_on(day: date) -> RateSet:
    return RateSet.effective(shipped_rates(), day)


def test_same_seed_gives_the_same_people() -> None:
    assert generate(500, seed=3) == generate(500, seed=3)


def test_another_seed_gives_other_people() -> None:
    assert generate(50, seed=3) != generate(50, seed=4)


def test_every_nik_parses_with_its_birth_date_and_sex() -> None:
    for person in generate(5_000, seed=11):
        d = person.data
        parse_nik(d.nik, birth_date=d.birth_date, sex=d.sex)


def test_niks_are_unique() -> None:
    niks = [p.data.nik for p in generate(20_000, seed=5)]
    assert len(set(niks)) == len(niks)


def test_every_person_passes_the_worker_validation() -> None:
    for person in generate(2_000, seed=2):
        assert validate_worker(to_draft(person), today=TODAY) == person.data


def test_optional_numbers_are_valid_when_present() -> None:
    people = generate(2_000, seed=2)
    kpjs = [p.data.kpj for p in people if p.data.kpj]
    kks = [p.data.no_kk for p in people if p.data.no_kk]
    assert 0.5 < len(kpjs) / len(people) < 0.7
    assert kks
    assert all(parse_kpj(k) == k for k in kpjs)
    assert all(parse_kk(k) == k for k in kks)


def test_the_mix_looks_like_a_village() -> None:
    people = generate(10_000, seed=7)
    per_category = {c: sum(p.data.category is c for p in people) for c in Category}
    assert per_category[Category.KETUA_RT] > per_category[Category.PERANGKAT_DESA]
    assert per_category[Category.KEPALA_DESA] < per_category[Category.BPD] / 10
    ended = sum(p.status is WorkerStatus.ENDED for p in people)
    assert 0.01 < ended / len(people) < 0.06
    first_words = [p.data.name.split()[0] for p in people]
    assert first_words.count("Sri") > 100  # common first names repeat, as in real registers


def test_drafts_are_valid_and_do_not_collide_with_populated_niks() -> None:
    drafts = make_drafts(300, seed=7)
    populated = {p.data.nik for p in generate(20_000, seed=7)}
    niks = [validate_worker(d, today=TODAY).nik for d in drafts]
    assert len(set(niks)) == len(niks)
    assert not populated & set(niks)


def test_drafts_are_deterministic() -> None:
    assert make_drafts(20, seed=1) == make_drafts(20, seed=1)


def test_populate_builds_a_searchable_register(tmp_path: Path) -> None:
    populate(tmp_path, 2_000, seed=7)
    ctx = AppContext.open(resolve_paths(tmp_path))
    try:
        assert ctx.register.count(SearchQuery()) == 2_000
        person = generate(2_000, seed=7)[1234]
        page = ctx.register.search(SearchQuery(text=person.data.nik), limit=10)
        assert [row.name for row in page.rows] == [person.data.name]
        by_name = ctx.register.search(SearchQuery(text="sri"), limit=200)
        assert by_name.total > 0
        assert all("sri" in row.name.lower() for row in by_name.rows)
        added = ctx.register.add(make_drafts(1, seed=7)[0])
        assert ctx.register.get(added.nik).name == added.name
    finally:
        ctx.close()


def test_populate_writes_the_outbox_and_audit_rows_the_app_writes(tmp_path: Path) -> None:
    populate(tmp_path, 300, seed=1)
    ctx = AppContext.open(resolve_paths(tmp_path))
    try:
        ctx.register.add(make_drafts(1, seed=1)[0])  # the app's own outbox row, to compare
        with ctx.database.engine.connect() as conn:
            fields = (
                conn.exec_driver_sql(
                    "SELECT fields FROM sync_outbox WHERE entity = 'worker' ORDER BY seq"
                )
                .scalars()
                .all()
            )
            ops = conn.exec_driver_sql(
                "SELECT op, count(*) FROM sync_outbox WHERE entity = 'worker' GROUP BY op"
            ).all()
            audits = conn.exec_driver_sql(
                "SELECT count(*) FROM audit WHERE entity = 'worker' AND action = 'create'"
            ).scalar()
    finally:
        ctx.close()
    assert [tuple(row) for row in ops] == [("insert", 301)]
    assert audits == 301
    assert json.loads(fields[0]).keys() == json.loads(fields[-1]).keys()


def test_populate_refuses_a_register_that_already_has_workers(tmp_path: Path) -> None:
    populate(tmp_path, 10, seed=1)
    with pytest.raises(FileExistsError):
        populate(tmp_path, 10, seed=1)


# -- coverage periods and history ---------------------------------------------------------------
def test_coverage_periods_are_deterministic_for_a_seed() -> None:
    people = generate(2_000, seed=3)
    assert enrollments_for(people, seed=3) == enrollments_for(generate(2_000, seed=3), seed=3)
    assert enrollments_for(people, seed=3) != enrollments_for(people, seed=4)


def test_every_active_worker_gets_one_valid_period_and_nobody_else() -> None:
    people = generate(3_000, seed=5)
    periods = enrollments_for(people, seed=5)
    assert [e.worker for e in periods] == [
        i for i, p in enumerate(people) if p.status is WorkerStatus.ACTIVE
    ]
    for e in periods:
        rates = rates_on(Period.of(e.start).first_day)
        data = validate_enrollment(e.draft(), rates_at_start=rates)
        assert (data.segment, data.programmes, data.wage, data.payer, data.start) == (
            e.segment, e.programmes, e.wage, e.payer, e.start,
        )  # fmt: skip
        assert date(2024, 1, 1) <= e.start <= LAST_TMT
        assert e.kpj == people[e.worker].data.kpj


def test_periods_follow_the_village_pattern() -> None:
    people = generate(10_000, seed=7)
    periods = enrollments_for(people, seed=7)
    pu = [e for e in periods if e.segment is Segment.PU]
    assert {people[e.worker].data.category for e in pu} == set(SILTAP)
    assert {e.payer for e in pu} == {Payer.APBDES}
    assert all(2_022_000 <= e.wage <= 2_426_640 for e in pu)
    assert all(Programme.JP not in e.programmes or e.start >= date(2024, 3, 1) for e in pu)
    bpu = [e for e in periods if e.segment is Segment.BPU]
    assert {e.wage for e in bpu} == {BPU_BRACKET}
    kabupaten = [e for e in bpu if people[e.worker].data.category is Category.KETUA_RT]
    assert sum(e.payer is Payer.APBD for e in kabupaten) > 0.85 * len(kabupaten)
    assert {e.payer for e in bpu} == {Payer.APBD, Payer.APBDES, Payer.DBHCHT, Payer.SELF}
    years = Counter(e.start.year for e in periods)
    assert set(years) == {2024, 2025, 2026}
    assert years[2024] < years[2025]


def test_workers_for_enrollments_holds_exactly_that_many_active_workers() -> None:
    workers = workers_for_enrollments(1_000, seed=2)
    people = generate(workers, seed=2)
    assert len(enrollments_for(people, seed=2)) == 1_000
    assert people[-1].status is WorkerStatus.ACTIVE


def test_populate_writes_periods_with_the_outbox_and_audit_rows_the_app_writes(
    tmp_path: Path,
) -> None:
    populate(tmp_path, 300, seed=1, enrollments=True)
    periods = enrollments_for(generate(300, seed=1), seed=1)
    ctx = AppContext.open(resolve_paths(tmp_path), today=lambda: TODAY)
    try:
        worker = ctx.register.add(make_drafts(1, seed=1)[0])
        ctx.enrollments.enroll(worker.nik, periods[0].draft())  # the app's own rows, to compare
        with ctx.database.engine.connect() as conn:
            fields = (
                conn.exec_driver_sql(
                    "SELECT fields FROM sync_outbox WHERE entity = 'enrollment' ORDER BY seq"
                )
                .scalars()
                .all()
            )
            audits = conn.exec_driver_sql(
                "SELECT count(*) FROM audit WHERE entity = 'enrollment' AND action = 'create'"
            ).scalar()
        first = ctx.enrollments.list(generate(300, seed=1)[periods[0].worker].data.nik)
    finally:
        ctx.close()
    assert len(fields) == audits == len(periods) + 1
    assert json.loads(fields[0]).keys() == json.loads(fields[-1]).keys()
    assert [(p.segment, p.wage, p.payer, p.start) for p in first] == [
        (periods[0].segment, periods[0].wage, periods[0].payer, periods[0].start)
    ]


def _history(db: Path, since: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Lines (by worker NIK, not row ids: those differ per build) and payments since a month."""
    conn = sqlite3.connect(db / DB_FILENAME)
    try:
        lines = conn.execute(
            "SELECT w.nik, c.period, c.payer, c.segment, c.wage, c.amounts, c.employer_total,"
            " c.worker_total, c.total, c.rate_version, c.status, c.deleted FROM contribution c"
            " JOIN worker w ON w.id = c.worker_id WHERE c.period >= ? ORDER BY 1, 2",
            (since,),
        ).fetchall()
        payments = conn.execute(
            "SELECT period, payer, amount, paid_on, reference, note FROM payment"
            " WHERE period >= ? ORDER BY 1, 2",
            (since,),
        ).fetchall()
    finally:
        conn.close()
    return lines, payments


def test_bulk_history_is_what_the_services_leave(tmp_path: Path) -> None:
    through_services, bulk = tmp_path / "services", tmp_path / "bulk"
    populate(through_services, 250, seed=4, enrollments=True, months=3)
    populate(bulk, 250, seed=4, enrollments=True, history=True)
    since = str(BENCH_MONTH - 3)
    lines, payments = _history(through_services, since)
    assert lines and payments
    assert {line[10] for line in lines} == {"paid", "locked"}
    assert _history(bulk, since) == (lines, payments)


def test_bulk_history_bills_every_month_since_each_tmt(tmp_path: Path) -> None:
    populate(tmp_path, 400, seed=6, enrollments=True, history=True)
    periods = enrollments_for(generate(400, seed=6), seed=6)
    expected = sum(Period.of(e.start).months_until(BENCH_MONTH) for e in periods)
    lines, _ = _history(tmp_path, "1900-01")
    assert len(lines) == expected
    ctx = AppContext.open(resolve_paths(tmp_path), today=lambda: AS_OF)
    try:
        overview = ctx.standing.overview(AS_OF)
        assert ctx.roster.get(BENCH_MONTH).lines == []
    finally:
        ctx.close()
    assert len(overview.participants) == len(periods)
    states = Counter(p.state for p in overview.participants)
    assert states[State.LAPSED] and states[State.WARNING] and states[State.DUE]


def test_history_needs_periods_and_one_way_only(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="enrollments"):
        populate(tmp_path / "a", 10, history=True)
    with pytest.raises(ValueError, match="not both"):
        populate(tmp_path / "b", 10, enrollments=True, months=2, history=True)
