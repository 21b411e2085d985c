"""Register.search: name contains (case-free, wildcards literal), NIK or KPJ prefix, category
and status filters, ordered by name, paged from SQL with the total."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from dbprobe import uuid_hex
from factories import make_nik, make_worker_draft

from app.domain.categories import Category, EndReason, WorkerStatus
from app.services.context import AppContext
from app.services.register import SearchQuery


@pytest.fixture
def register(ctx: AppContext) -> AppContext:
    """Six workers, added out of name order."""
    add = ctx.register.add
    add(make_worker_draft(name="Siti Aminah", category="kader_posyandu", kpj="12345678901"))
    add(
        make_worker_draft(
            name="Budi Santoso", nik=make_nik(date(1975, 8, 17), "L", region="352102")
        )
    )
    add(make_worker_draft(name="siti rahmawati", category="bpd"))
    add(make_worker_draft(name="Agus Setiawan", category="ketua_rt", kpj="98765432100"))
    ended = add(make_worker_draft(name="Nur Aini", category="petani"))
    add(make_worker_draft(name="Dewi Lestari", category="petani"))
    ctx.register.end(ended.id, on=date(2026, 6, 30), reason=EndReason.RESIGNED)
    return ctx


def _names(ctx: AppContext, **query: object) -> list[str]:
    page = ctx.register.search(SearchQuery(**query))  # type: ignore[arg-type]
    return [row.name for row in page.rows]


def test_empty_search_lists_everyone_ordered_by_name_ignoring_case(register: AppContext) -> None:
    assert _names(register) == [
        "Agus Setiawan", "Budi Santoso", "Dewi Lestari", "Nur Aini", "Siti Aminah",
        "siti rahmawati",
    ]  # fmt: skip


def test_name_contains_ignores_case(register: AppContext) -> None:
    assert _names(register, text="AMI") == ["Siti Aminah"]


def test_name_contains_matches_inside_the_name(register: AppContext) -> None:
    assert _names(register, text="iti") == ["Siti Aminah", "siti rahmawati"]


def test_spaces_in_the_search_text_are_collapsed(register: AppContext) -> None:
    assert _names(register, text="  siti   AMINAH ") == ["Siti Aminah"]


@pytest.mark.parametrize("text", ["%", "_", "s%i", "s_ti", "%a%"])
def test_like_wildcards_in_the_text_are_literal(register: AppContext, text: str) -> None:
    assert _names(register, text=text) == []


def test_nik_prefix_finds_by_region(register: AppContext) -> None:
    assert _names(register, text="352102") == ["Budi Santoso"]


def test_nik_prefix_may_be_typed_with_separators(register: AppContext) -> None:
    assert _names(register, text="35.21.02") == ["Budi Santoso"]


def test_full_nik_finds_one_worker(register: AppContext) -> None:
    nik = register.register.search(SearchQuery(text="Dewi")).rows[0].nik
    assert _names(register, text=nik) == ["Dewi Lestari"]


def test_kpj_prefix_finds_the_participant(register: AppContext) -> None:
    assert _names(register, text="9876") == ["Agus Setiawan"]


def test_category_filter(register: AppContext) -> None:
    assert _names(register, category=Category.PETANI) == ["Dewi Lestari", "Nur Aini"]


def test_status_filter(register: AppContext) -> None:
    assert _names(register, status=WorkerStatus.ENDED) == ["Nur Aini"]


def test_text_and_filters_combine(register: AppContext) -> None:
    assert (
        _names(register, text="dewi", category=Category.PETANI, status=WorkerStatus.ACTIVE),
        _names(register, text="dewi", category=Category.KETUA_RT),
    ) == (["Dewi Lestari"], [])


def test_count_agrees_with_the_filters(register: AppContext) -> None:
    counts = [
        register.register.count(SearchQuery()),
        register.register.count(SearchQuery(category=Category.PETANI)),
        register.register.count(SearchQuery(text="siti")),
        register.register.count(SearchQuery(status=WorkerStatus.ACTIVE)),
    ]
    assert counts == [6, 2, 2, 5]


def test_search_rows_carry_the_table_columns(register: AppContext) -> None:
    row = register.register.search(SearchQuery(text="agus")).rows[0]
    assert (row.category, row.kpj, row.status) == (
        Category.KETUA_RT,
        "98765432100",
        WorkerStatus.ACTIVE,
    )


def test_tombstoned_workers_are_not_found(register: AppContext) -> None:
    target = register.register.search(SearchQuery(text="budi")).rows[0]
    conn = sqlite3.connect(register.paths.database)
    with conn:
        conn.execute("UPDATE worker SET deleted = 1 WHERE id = ?", (uuid_hex(target.id),))
    conn.close()
    assert (_names(register, text="budi"), register.register.count(SearchQuery())) == ([], 5)


@pytest.fixture
def many(ctx: AppContext) -> AppContext:
    names = [f"Warga {chr(ord('A') + i // 5)}{chr(ord('a') + i % 5)}" for i in range(25)]
    for name in reversed(names):
        ctx.register.add(make_worker_draft(name=name))
    return ctx


@pytest.mark.parametrize(("offset", "size"), [(0, 10), (10, 10), (20, 5), (30, 0)])
def test_pages_have_their_rows_and_the_total(many: AppContext, offset: int, size: int) -> None:
    page = many.register.search(SearchQuery(), offset=offset, limit=10)
    assert (len(page.rows), page.offset, page.total) == (size, offset, 25)


def test_pages_together_are_the_whole_ordered_list(many: AppContext) -> None:
    paged = [
        row.id
        for offset in range(0, 25, 10)
        for row in many.register.search(SearchQuery(), offset=offset, limit=10).rows
    ]
    whole = [row.id for row in many.register.search(SearchQuery(), limit=100).rows]
    assert paged == whole and len(set(paged)) == 25


def test_short_first_page_total_is_its_length(many: AppContext) -> None:
    page = many.register.search(SearchQuery(text="warga a"), limit=10)
    assert (len(page.rows), page.total) == (5, 5)


def test_page_exactly_full_still_counts_the_total(many: AppContext) -> None:
    page = many.register.search(SearchQuery(), limit=25)
    assert (len(page.rows), page.total) == (25, 25)
