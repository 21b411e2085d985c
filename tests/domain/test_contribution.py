"""What one enrollment owes for one month: the worked examples of DOMAIN.md section 3."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.contribution import Terms, compute_month, jkp_entitled, round_rupiah
from app.domain.period import Period
from app.domain.rates import MissingRate, Payer, Programme, RateSet, Segment
from tests.factories_contrib import rate_rows, rates_on

NOV_2026 = Period(2026, 11)
SILTAP_PERANGKAT = 2_022_200


def terms(
    segment: str = "PU",
    programmes: str = "JKK,JKM",
    wage: int = SILTAP_PERANGKAT,
    payer: str = "apbdes",
    risk_class: int = 1,
) -> Terms:
    chosen = frozenset(Programme(p) for p in programmes.split(","))
    return Terms(Segment(segment), chosen, wage, Payer(payer), risk_class)


def owed(t: Terms, period: Period = NOV_2026) -> dict[str, tuple[int, int]]:
    month = compute_month(t, period, rates_on(period.first_day))
    return {a.programme.value: (a.employer, a.worker) for a in month.amounts}


def test_bpu_lowest_bracket_jkk_jkm_is_16800() -> None:
    month = compute_month(terms("BPU", wage=1_000_000), NOV_2026, rates_on(date(2026, 11, 1)))
    assert month.total == 16_800


def test_bpu_lowest_bracket_splits_into_jkk_10000_and_jkm_6800() -> None:
    assert owed(terms("BPU", wage=1_000_000)) == {"JKK": (10_000, 0), "JKM": (6_800, 0)}


def test_bpu_jht_is_2_percent_of_the_bracket() -> None:
    assert owed(terms("BPU", "JKK,JKM,JHT", 1_000_000))["JHT"] == (20_000, 0)


def test_bpu_jkm_is_fixed_whatever_the_bracket() -> None:
    assert owed(terms("BPU", wage=3_000_000))["JKM"] == (6_800, 0)


def test_pu_siltap_jkk_class_1_rounds_4853_28_down_to_4853() -> None:
    assert owed(terms())["JKK"] == (4_853, 0)


def test_pu_siltap_jkm_rounds_6066_6_up_to_6067() -> None:
    assert owed(terms())["JKM"] == (6_067, 0)


def test_pu_siltap_jkk_jkm_total() -> None:
    month = compute_month(terms(), NOV_2026, rates_on(date(2026, 11, 1)))
    assert month.total == 4_853 + 6_067


@pytest.mark.parametrize(
    ("risk_class", "expected"),
    [(1, 4_853), (2, 10_920), (3, 17_998), (4, 25_682), (5, 35_186)],
)
def test_pu_jkk_per_risk_class(risk_class: int, expected: int) -> None:
    assert owed(terms(risk_class=risk_class))["JKK"] == (expected, 0)


def test_pu_jht_keeps_employer_3_7_and_worker_2_percent_apart() -> None:
    assert owed(terms(programmes="JKK,JKM,JHT"))["JHT"] == (74_821, 40_444)


def test_pu_jkk_and_jkm_are_employer_only() -> None:
    month = compute_month(terms(), NOV_2026, rates_on(date(2026, 11, 1)))
    assert all(a.worker == 0 for a in month.amounts)


def test_pu_jp_below_the_cap_is_2_plus_1_percent_of_the_wage() -> None:
    assert owed(terms(programmes="JKK,JKM,JP"))["JP"] == (40_444, 20_222)


def test_pu_jp_above_the_cap_uses_the_cap_of_the_month() -> None:
    assert owed(terms(programmes="JKK,JKM,JP", wage=12_000_000))["JP"] == (210_948, 105_474)


def test_pu_jp_cap_in_february_2025_is_the_2024_cap() -> None:
    jp = owed(terms(programmes="JKK,JKM,JP", wage=12_000_000), Period(2025, 2))["JP"]
    assert jp == (200_846, 100_423)


def test_pu_jp_cap_does_not_limit_jkk() -> None:
    assert owed(terms(programmes="JKK,JKM,JP", wage=12_000_000))["JKK"] == (28_800, 0)


def test_rounding_is_half_up_at_exactly_half_for_jkk() -> None:
    # 2,001,875 x 0.24 % = 4,804.5: half up gives 4,805 (half-even or truncation give 4,804)
    assert owed(terms(wage=2_001_875))["JKK"] == (4_805, 0)


def test_rounding_is_half_up_at_exactly_half_for_jkm() -> None:
    # 2,001,500 x 0.30 % = 6,004.5
    assert owed(terms(wage=2_001_500))["JKM"] == (6_005, 0)


def test_round_rupiah_half_up() -> None:
    assert [round_rupiah(Decimal(x)) for x in ("0.5", "1.5", "2.5", "2.4999")] == [1, 2, 3, 2]


def test_jkp_entitlement_for_pu_with_jkk_jkm_jht() -> None:
    assert jkp_entitled(terms(programmes="JKK,JKM,JHT"))


def test_no_jkp_for_pu_without_jht() -> None:
    assert not jkp_entitled(terms(programmes="JKK,JKM,JP"))


def test_no_jkp_for_bpu_even_with_jht() -> None:
    assert not jkp_entitled(terms("BPU", "JKK,JKM,JHT", 1_000_000))


def test_jkp_is_never_charged() -> None:
    month = compute_month(
        terms(programmes="JKK,JKM,JHT,JP"), NOV_2026, rates_on(NOV_2026.first_day)
    )
    assert month.jkp_entitled
    assert "JKP" not in month.by_programme()


def test_month_carries_the_rate_set_version() -> None:
    rates = rates_on(NOV_2026.first_day)
    assert compute_month(terms(), NOV_2026, rates).rate_version == rates.version


def test_jp_before_any_cap_row_is_a_missing_rate() -> None:
    with pytest.raises(MissingRate):
        compute_month(terms(programmes="JKK,JKM,JP"), Period(2023, 6), rates_on(date(2023, 6, 1)))


def test_jkk_jkm_in_2023_need_no_cap() -> None:
    assert compute_month(terms(), Period(2023, 6), rates_on(date(2023, 6, 1))).total == 10_920


def test_missing_risk_class_row_is_a_missing_rate() -> None:
    rows = [r for r in rate_rows() if r.code != "pp44-2015/jkk-pu-3"]
    rates = RateSet.effective(rows, NOV_2026.first_day)
    with pytest.raises(MissingRate, match="kelas risiko 3"):
        compute_month(terms(risk_class=3), NOV_2026, rates)


def test_rates_before_the_first_row_are_missing() -> None:
    with pytest.raises(MissingRate):
        compute_month(terms(), Period(2010, 1), rates_on(date(2010, 1, 1)))


@given(
    wage=st.integers(min_value=1, max_value=50_000_000),
    programmes=st.sampled_from(["JKK,JKM", "JKK,JKM,JHT", "JKK,JKM,JP", "JKK,JKM,JHT,JP"]),
    risk_class=st.integers(min_value=1, max_value=5),
)
def test_total_is_the_sum_of_employer_and_worker_shares(
    wage: int, programmes: str, risk_class: int
) -> None:
    month = compute_month(
        terms(programmes=programmes, wage=wage, risk_class=risk_class),
        NOV_2026,
        rates_on(NOV_2026.first_day),
    )
    assert month.total == sum(a.employer + a.worker for a in month.amounts)
    assert all(isinstance(a.employer, int) and a.employer >= 0 for a in month.amounts)
