"""Rates as dated data rows: parsing the shipped files, choosing the rows in force on a date."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.domain.contribution import Terms, compute_month
from app.domain.period import Period
from app.domain.rates import (
    COLUMNS,
    InvalidRateRow,
    Payer,
    Programme,
    RateRow,
    RateSet,
    Segment,
    Share,
    parse_rate_csv,
)
from app.models import Rate
from app.services.context import AppContext
from app.services.rates import rate_id
from tests.factories_contrib import (
    RATES_DIR,
    fresh_village_context,
    rate_rows,
    table_rows,
    village_context,
)

HEADER = ",".join(COLUMNS)
JKM_PU = "pp44-2015/jkm-pu"
GOOD_ROW = "pp44-2015/jkm-pu,JKM,PU,employer,,percent,0.30,wage,,2015-07-01,,,1,PP 44/2015 pasal 18"


def bpu(payer: str = "apbdes", programmes: str = "JKK,JKM") -> Terms:
    chosen = frozenset(Programme(p) for p in programmes.split(","))
    return Terms(Segment.BPU, chosen, 1_000_000, Payer(payer))


@pytest.mark.parametrize("path", sorted(RATES_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_every_shipped_rate_file_parses(path: Path) -> None:
    rows = parse_rate_csv(path.read_text(encoding="utf-8"), source=path.name)
    assert rows
    assert all(row.legal_basis for row in rows)


def test_shipped_rate_codes_are_unique() -> None:
    codes = [row.code for row in rate_rows()]
    assert len(codes) == len(set(codes))


def test_jp_cap_february_2025_is_the_2024_cap() -> None:
    rates = RateSet.effective(rate_rows(), Period(2025, 2).first_day)
    assert rates.jp_cap() == 10_042_300


def test_jp_cap_march_2025_is_the_2025_cap() -> None:
    rates = RateSet.effective(rate_rows(), Period(2025, 3).first_day)
    assert rates.jp_cap() == 10_547_400


def test_month_straddling_a_change_uses_the_rows_valid_on_its_first_day() -> None:
    rows = rate_rows()
    jkm = next(r for r in rows if r.code == "pp44-2015/jkm-pu")
    raised = dataclasses.replace(
        jkm, code="test/jkm-pu-raised", value=Decimal("0.50"), valid_from=date(2026, 6, 15)
    )
    old = dataclasses.replace(jkm, valid_to=date(2026, 6, 14))
    changed = [r for r in rows if r is not jkm] + [old, raised]
    june = RateSet.effective(changed, Period(2026, 6).first_day)
    july = RateSet.effective(changed, Period(2026, 7).first_day)
    assert june.find(Programme.JKM, Segment.PU, Share.EMPLOYER).value == Decimal("0.30")  # type: ignore[union-attr]
    assert july.find(Programme.JKM, Segment.PU, Share.EMPLOYER).value == Decimal("0.50")  # type: ignore[union-attr]


def test_rate_set_version_changes_when_a_value_changes() -> None:
    rows = rate_rows()
    changed = [
        dataclasses.replace(r, value=Decimal("0.31")) if r.code == "pp44-2015/jkm-pu" else r
        for r in rows
    ]
    day = date(2026, 11, 1)
    assert RateSet.effective(rows, day).version != RateSet.effective(changed, day).version


def test_rate_set_version_is_stable_for_the_same_rows() -> None:
    rows = rate_rows()
    day = date(2026, 11, 1)
    assert RateSet.effective(rows, day).version == RateSet.effective(rows[::-1], day).version


def test_malformed_value_names_file_and_line() -> None:
    bad = GOOD_ROW.replace(",0.30,", ",nol koma tiga,")
    with pytest.raises(InvalidRateRow) as caught:
        parse_rate_csv(f"{HEADER}\n{GOOD_ROW}\n{bad}\n", source="pp44-2015.csv")
    assert "pp44-2015.csv" in caught.value.field
    assert "baris 3" in caught.value.field


def test_unknown_programme_is_an_invalid_row() -> None:
    bad = GOOD_ROW.replace(",JKM,", ",JKN,")
    with pytest.raises(InvalidRateRow, match="baris 2"):
        parse_rate_csv(f"{HEADER}\n{bad}\n", source="x.csv")


def test_impossible_date_is_an_invalid_row() -> None:
    bad = GOOD_ROW.replace("2015-07-01", "2015-02-30")
    with pytest.raises(InvalidRateRow, match="baris 2"):
        parse_rate_csv(f"{HEADER}\n{bad}\n", source="x.csv")


def test_missing_legal_basis_is_an_invalid_row() -> None:
    bad = GOOD_ROW.rsplit(",", 1)[0] + ","
    with pytest.raises(InvalidRateRow, match="legal_basis"):
        parse_rate_csv(f"{HEADER}\n{bad}\n", source="x.csv")


def test_truncated_row_is_an_invalid_row_not_a_crash() -> None:
    short = GOOD_ROW.rsplit(",", 1)[0]  # the last column is missing altogether
    with pytest.raises(InvalidRateRow, match="baris 2"):
        parse_rate_csv(f"{HEADER}\n{short}\n", source="x.csv")


def test_row_with_an_extra_column_is_an_invalid_row() -> None:
    with pytest.raises(InvalidRateRow, match="baris 2"):
        parse_rate_csv(f"{HEADER}\n{GOOD_ROW},lebih\n", source="x.csv")


@pytest.mark.parametrize("value", ["NaN", "Infinity"])
def test_value_that_is_not_a_number_is_an_invalid_row(value: str) -> None:
    bad = GOOD_ROW.replace(",0.30,", f",{value},")
    with pytest.raises(InvalidRateRow, match="kolom value"):
        parse_rate_csv(f"{HEADER}\n{bad}\n", source="x.csv")


def test_enabled_other_than_0_or_1_is_an_invalid_row() -> None:
    bad = GOOD_ROW.replace(",,,1,PP", ",,,ya,PP")
    with pytest.raises(InvalidRateRow, match="baris 2"):
        parse_rate_csv(f"{HEADER}\n{bad}\n", source="x.csv")


def test_line_number_counts_blank_lines_in_the_file() -> None:
    bad = GOOD_ROW.replace(",0.30,", ",x,")
    with pytest.raises(InvalidRateRow, match="baris 4"):
        parse_rate_csv(f"{HEADER}\n{GOOD_ROW}\n\n{bad}\n", source="x.csv")


def test_wrong_header_is_refused() -> None:
    with pytest.raises(InvalidRateRow, match="kolom"):
        parse_rate_csv("code,value\nx,1\n", source="x.csv")


def test_pp50_discount_rows_ship_disabled() -> None:
    rows = rate_rows()
    discounts = [r for r in rows if r.share is Share.DISCOUNT]
    assert discounts
    assert not any(r.enabled for r in discounts)


def test_shipped_discount_has_no_effect_on_bpu_in_its_window() -> None:
    rates = RateSet.effective(rate_rows(), Period(2026, 6).first_day)
    assert compute_month(bpu(), Period(2026, 6), rates).total == 16_800


def _with_discount_enabled() -> list[RateRow]:
    return [
        dataclasses.replace(r, enabled=True) if r.share is Share.DISCOUNT else r
        for r in rate_rows()
    ]


def test_enabled_discount_halves_bpu_jkk_and_jkm() -> None:
    rates = RateSet.effective(_with_discount_enabled(), Period(2026, 6).first_day)
    month = compute_month(bpu(), Period(2026, 6), rates)
    assert month.by_programme() == {"JKK": 5_000, "JKM": 3_400}


def test_enabled_discount_leaves_bpu_jht_whole() -> None:
    rates = RateSet.effective(_with_discount_enabled(), Period(2026, 6).first_day)
    month = compute_month(bpu(programmes="JKK,JKM,JHT"), Period(2026, 6), rates)
    assert month.by_programme()["JHT"] == 20_000


def test_enabled_discount_does_not_apply_to_apbd_payer() -> None:
    rates = RateSet.effective(_with_discount_enabled(), Period(2026, 6).first_day)
    assert compute_month(bpu("apbd"), Period(2026, 6), rates).total == 16_800


def test_discount_condition_excludes_apbd_and_apbn() -> None:
    discount = next(r for r in _with_discount_enabled() if r.share is Share.DISCOUNT)
    assert discount.excluded_payers() == {"apbd", "apbn"}


def test_enabled_discount_ends_with_its_validity() -> None:
    rates = RateSet.effective(_with_discount_enabled(), Period(2027, 1).first_day)
    assert compute_month(bpu(), Period(2027, 1), rates).total == 16_800


# -- the rate table (app.services.rates): seeded from the shipped files at start-up ----------
@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = village_context(tmp_path / "data")
    yield context
    context.close()


def _jkm_pu_changed(value: str) -> list[RateRow]:
    return [
        dataclasses.replace(r, value=Decimal(value)) if r.code == JKM_PU else r for r in rate_rows()
    ]


def _jkm_pu_in_force(ctx: AppContext) -> Decimal:
    row = ctx.rates.at(date(2026, 11, 1)).find(Programme.JKM, Segment.PU, Share.EMPLOYER)
    assert row is not None
    return row.value


def test_opening_a_new_database_seeds_every_shipped_row(tmp_path: Path) -> None:
    ctx = fresh_village_context(tmp_path / "new")
    try:
        assert sorted(r.code for r in ctx.rates.rows()) == sorted(r.code for r in rate_rows())
    finally:
        ctx.close()


def test_seed_is_idempotent(ctx: AppContext) -> None:
    before = table_rows(ctx.paths.database, "rate")
    assert ctx.rates.seed() == 0
    assert table_rows(ctx.paths.database, "rate") == before


def test_seed_refreshes_an_unsynced_row_whose_shipped_value_changed(ctx: AppContext) -> None:
    assert ctx.rates.seed(_jkm_pu_changed("0.31")) == 1
    assert _jkm_pu_in_force(ctx) == Decimal("0.31")


def test_seed_never_overwrites_a_row_the_server_sent(ctx: AppContext) -> None:
    with ctx.database.sessions.begin() as session:
        session.execute(update(Rate).where(Rate.code == JKM_PU).values(version=7))
    assert ctx.rates.seed(_jkm_pu_changed("0.31")) == 0
    ctx.rates.invalidate()
    assert _jkm_pu_in_force(ctx) == Decimal("0.30")


def test_seed_adds_a_new_shipped_row(ctx: AppContext) -> None:
    extra = dataclasses.replace(rate_rows()[0], code="test/new-row")
    assert ctx.rates.seed([*rate_rows(), extra]) == 1
    assert "test/new-row" in {r.code for r in ctx.rates.rows()}


def test_rate_row_ids_are_the_same_on_every_pc(ctx: AppContext) -> None:
    with ctx.database.sessions() as session:
        rate = session.scalars(select(Rate).where(Rate.code == JKM_PU)).one()
        assert rate.id == rate_id(JKM_PU)
        assert rate.id.version == 5
