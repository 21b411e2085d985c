"""Coverage per category against formasi: counts and percent, in the standard order."""

from __future__ import annotations

from decimal import Decimal

from app.domain.categories import Category
from app.domain.coverage import coverage

KADES, PERANGKAT, RT, KADER = (
    Category.KEPALA_DESA,
    Category.PERANGKAT_DESA,
    Category.KETUA_RT,
    Category.KADER_POSYANDU,
)


def test_percent_of_formasi_with_one_decimal() -> None:
    (line,) = coverage({PERANGKAT: 2}, {PERANGKAT: 3})
    assert (line.active, line.positions, line.percent) == (2, 3, Decimal("66.7"))


def test_percent_is_none_without_formasi() -> None:
    (line,) = coverage({RT: 4}, {})
    assert (line.active, line.positions, line.percent) == (4, None, None)


def test_more_covered_than_formasi_is_shown_above_100() -> None:
    (line,) = coverage({KADER: 12}, {KADER: 10})
    assert line.percent == Decimal("120.0")


def test_formasi_without_participants_is_zero_percent() -> None:
    (line,) = coverage({}, {KADES: 1})
    assert (line.active, line.percent) == (0, Decimal("0.0"))


def test_formasi_of_zero_gives_no_percent() -> None:
    (line,) = coverage({RT: 2}, {RT: 0})
    assert (line.positions, line.percent) == (0, None)


def test_categories_without_participants_or_formasi_are_left_out() -> None:
    assert coverage({}, {}) == []


def test_categories_follow_the_standard_order() -> None:
    lines = coverage({KADER: 1, KADES: 1, RT: 3}, {PERANGKAT: 6})
    assert [line.category for line in lines] == [KADES, PERANGKAT, RT, KADER]


def test_percent_rounds_half_up() -> None:
    (line,) = coverage({RT: 1}, {RT: 16})  # 6.25
    assert line.percent == Decimal("6.3")


def test_line_label_is_the_category_label() -> None:
    (line,) = coverage({KADES: 1}, {})
    assert line.label == "Kepala Desa"
