"""Coverage per category against formasi: the headline figure of every DPMD meeting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.categories import Category


@dataclass(frozen=True, slots=True)
class CoverageLine:
    category: Category
    active: int  # participants with an active coverage period
    positions: int | None  # formasi; None when the village has not set it
    percent: Decimal | None  # one decimal; None without formasi

    @property
    def label(self) -> str:
        return self.category.label


def coverage(
    active: Mapping[Category, int], positions: Mapping[Category, int]
) -> list[CoverageLine]:
    """One line per category that has participants or formasi, in the standard order.

    Percent may exceed 100 when more people are covered than the formasi counts (it is shown,
    not capped: it usually means the formasi needs updating).
    """
    lines = []
    for category in Category:
        count = active.get(category, 0)
        quota = positions.get(category)
        if not count and not quota:
            continue
        percent = None
        if quota:
            percent = (Decimal(100 * count) / quota).quantize(Decimal("0.1"), ROUND_HALF_UP)
        lines.append(CoverageLine(category, count, quota, percent))
    return lines
