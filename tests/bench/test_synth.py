"""The synthetic village generator: reproducible, valid, and loadable through the migrations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.config import resolve_paths
from app.domain.categories import Category, WorkerStatus
from app.domain.identity import parse_kk, parse_kpj, parse_nik
from app.domain.worker import validate_worker
from app.services.context import AppContext
from app.services.register import SearchQuery
from bench.synth import generate, make_drafts, populate, to_draft

TODAY = date(2026, 11, 21)


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
