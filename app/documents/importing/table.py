"""A sheet as plain rows of cell values, each cell keeping its own type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

Cell = str | int | float | bool | date | datetime | time | timedelta | None
Row = list[Cell]
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet: `rows[0]` is spreadsheet row 1, `rows[r][0]` column A. Rows may differ in
    length (CSV); a missing cell is blank. `merges` are the merged ranges (xlsx/xls only)."""

    sheet: str
    rows: list[Row]
    merges: tuple[Merge, ...] = ()


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_blank_row(row: Row) -> bool:
    return all(is_blank(value) for value in row)
