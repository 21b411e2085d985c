"""Where the data is: the header row, what each column means, and which rows are people.

Village lists open with title rows ("DAFTAR PERANGKAT DESA SUKAMAJU TAHUN 2026"), may have a
two-row header (a merged "Tempat, Tanggal Lahir" over "Tempat" | "Tanggal"), a row of column
numbers (1 2 3 ...), repeated headers where a printed page broke, sub-total and "JUMLAH" rows,
and a signature block at the end. `detect_mapping` finds the header; `data_rows` walks the
people and leaves the rest.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from app.documents.importing.errors import HeaderNotFound, InvalidMapping
from app.documents.importing.fields import SPLITS, Field, field_of_header
from app.documents.importing.problems import Problem, Severity
from app.documents.importing.table import Cell, Row, Table, is_blank, is_blank_row
from app.documents.importing.values import looks_like_nik

HEADER_SCAN_ROWS = 30
MIN_HEADER_FIELDS = 2
_DATA_PEEK = 20  # rows below the header looked at to tell a used column from an empty one
_FOOTER_MIN_CELLS = 3  # below the last NIK, a row with fewer filled columns is the footer
_TOTAL = re.compile(r"(jumlah|total|sub ?total|grand total)\b")


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """What each column of a sheet means. The UI shows `headers` beside `fields` and lets the
    person change them with `with_field`; `preview(..., mapping=...)` then uses it as is.

    `header_row` and `data_row` are spreadsheet row numbers (1-based); `headers[c]` is the
    header text of column c as written in the file ("" when blank); `fields[c]` the field it
    is read as, None when the column is not imported. A field is in at most one column."""

    header_row: int
    data_row: int
    headers: tuple[str, ...]
    fields: tuple[Field | None, ...]

    def __post_init__(self) -> None:
        if len(self.headers) != len(self.fields):
            raise InvalidMapping("jumlah judul kolom dan isian kolom harus sama; periksa pemetaan")
        if self.header_row < 1 or self.data_row <= self.header_row:
            raise InvalidMapping("baris data harus di bawah baris judul kolom; periksa pemetaan")
        chosen = [f for f in self.fields if f is not None]
        if len(chosen) != len(set(chosen)):
            twice = next(f for f in chosen if chosen.count(f) > 1)
            raise InvalidMapping(
                f"isian '{twice.label}' dipilih untuk dua kolom; pilih satu kolom saja"
            )

    def column_of(self, field: Field) -> int | None:
        try:
            return self.fields.index(field)
        except ValueError:
            return None

    def header(self, column: int | None) -> str:
        if column is None or column >= len(self.headers):
            return ""
        return self.headers[column]

    def with_field(self, column: int, field: Field | None) -> ColumnMapping:
        """This mapping with column `column` read as `field` (None: not imported). A column
        that had `field` before loses it."""
        if not 0 <= column < len(self.fields):
            raise InvalidMapping(f"kolom {column + 1} tidak ada di lembar ini; pilih kolom lain")
        fields = [None if f == field and field is not None else f for f in self.fields]
        fields[column] = field
        return ColumnMapping(self.header_row, self.data_row, self.headers, tuple(fields))

    def assigned(self) -> dict[int, Field]:
        return {c: f for c, f in enumerate(self.fields) if f is not None}


def _cell(rows: list[Row], r: int, c: int) -> Cell:
    if r >= len(rows):
        return None
    row = rows[r]
    return row[c] if c < len(row) else None


def _header_text(value: Cell) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _fields_in(row: Row) -> set[Field]:
    found: set[Field] = set()
    for value in row:
        if isinstance(value, str) and (field := field_of_header(value)) is not None:
            found.add(field)
    return found


def _find_header(table: Table) -> int | None:
    rows = table.rows
    best, best_score = None, MIN_HEADER_FIELDS - 1
    for r in range(min(HEADER_SCAN_ROWS, len(rows))):
        row = rows[r]
        if any(looks_like_nik(value) for value in row):
            continue
        score = len(_fields_in(row))
        if score > best_score:
            best, best_score = r, score
    if best is not None and best > 0 and _header_above(table, best):
        return best - 1
    return best


def _header_above(table: Table, r: int) -> bool:
    """Row r is the lower half of a two-row header whose fields sit partly one row up (NIK
    and Nama merged downwards, "Domisili" over Dusun | RT | RW): the row above names a field
    exactly where row r is blank, and row r fits under it as a sub-header."""
    above, here = table.rows[r - 1], table.rows[r]
    return any(
        isinstance(value, str) and field_of_header(value, exact=True) and is_blank(_at(here, c))
        for c, value in enumerate(above)
    ) and _is_sub_header(table, r - 1)


def _at(row: Row, c: int) -> Cell:
    return row[c] if c < len(row) else None


def _is_sub_header(table: Table, h: int) -> bool:
    """A second header row below row h: text only, no person data, and every text sitting
    under a header that spans several columns (merged, or followed by blank header cells when
    the file lost its merges) or under a blank header cell. Text under a single header is the
    first person's data, never a header."""
    rows = table.rows
    if h + 1 >= len(rows) or is_blank_row(rows[h + 1]):
        return False
    grouped = {
        c for r0, c0, r1, c1 in table.merges if r0 <= h <= r1 and c1 > c0 for c in range(c0, c1 + 1)
    }
    last = len(rows[h + 1]) - 1
    for c, value in enumerate(rows[h + 1]):
        if is_blank(value):
            continue
        if not isinstance(value, str) or looks_like_nik(value) or len(value) > 40:
            return False
        spans = is_blank(_header_source(table, h, c)) or (
            c < last and is_blank(_header_source(table, h, c + 1))
        )
        if c not in grouped and not spans:
            return False
    return True


def _is_numbering(row: Row) -> bool:
    """The row of column numbers under a government form's header: 1 2 3 ... or (1) (2) ..."""
    numbers: list[int] = []
    for value in row:
        if is_blank(value):
            continue
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float):
            if not float(value).is_integer():
                return False
            numbers.append(int(value))
        elif isinstance(value, str) and (digits := value.strip(" ()[].")).isdigit():
            numbers.append(int(digits))
        else:
            return False
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _groups(
    table: Table, h: int, width: int, sub: Row | None, data_start: int
) -> dict[int, list[int]]:
    """Columns under one header: merged ranges on the header row, or a blank header cell right
    of a header whose column holds data (or a sub-header) - a merge that ODS/CSV lost."""
    owner = list(range(width))
    for r0, c0, r1, c1 in table.merges:
        if r0 <= h <= r1 and c1 > c0:
            for c in range(c0, min(c1, width - 1) + 1):
                owner[c] = c0
    rows = table.rows
    for c in range(1, width):
        if owner[c] != c or not is_blank(_header_source(table, h, c)):
            continue
        if is_blank(_header_source(table, h, owner[c - 1])):
            continue
        sub_text = sub is not None and not is_blank(_at(sub, c))
        used = any(
            not is_blank(_cell(rows, r, c)) for r in range(data_start, data_start + _DATA_PEEK)
        )
        if sub_text or (sub is None and used):
            owner[c] = owner[c - 1]
    groups: dict[int, list[int]] = {}
    for c, start in enumerate(owner):
        groups.setdefault(start, []).append(c)
    return groups


def _header_source(table: Table, h: int, c: int) -> Cell:
    """The header cell's text, also when it is the continuation of a vertical merge."""
    for r0, c0, r1, c1 in table.merges:
        if r0 <= h <= r1 and c0 <= c <= c1:
            return _cell(table.rows, r0, c0)
    return _cell(table.rows, h, c)


def detect_mapping(
    table: Table, *, header_row: int | None = None
) -> tuple[ColumnMapping, list[Problem]]:
    """The mapping of a sheet, and warnings about it (a field named by two columns).

    `header_row` (1-based) forces the header row (the UI's "judul kolom ada di baris ...").
    Raises HeaderNotFound when no row of the first HEADER_SCAN_ROWS names at least two fields.
    """
    rows = table.rows
    if header_row is None:
        h = _find_header(table)
        if h is None:
            raise HeaderNotFound(
                f"judul kolom (NIK, Nama, Tanggal Lahir, ...) tidak ditemukan di {HEADER_SCAN_ROWS}"
                f" baris pertama lembar '{table.sheet}'; periksa lembar yang dipilih atau tulis "
                "judul kolom di atas daftar"
            )
    else:
        h = header_row - 1
        if not 0 <= h < len(rows):
            raise InvalidMapping(f"baris {header_row} tidak ada di lembar ini; pilih baris lain")
    width = max((len(row) for row in rows), default=0)
    sub = rows[h + 1] if _is_sub_header(table, h) else None
    data_start = h + (2 if sub is not None else 1)
    headers = [_header_text(_header_source(table, h, c)) for c in range(width)]
    fields: list[Field | None] = [None] * width
    sub_row = sub or []
    for start, columns in _groups(table, h, width, sub, data_start).items():
        top = field_of_header(headers[start])
        below = {c: field_of_header(_header_text(_at(sub_row, c))) for c in columns}
        if len(columns) == 2 and top in SPLITS:
            fields[columns[0]], fields[columns[1]] = SPLITS[top]
        elif any(below.values()):
            for c in columns:
                fields[c] = below[c] or (top if c == start else None)
                if below[c] is not None:
                    headers[c] = _header_text(_at(sub_row, c))
        else:
            fields[start] = top
        for c in columns[1:]:
            headers[c] = headers[c] or headers[start]
    problems = _drop_repeats(fields, headers, h + 1)
    mapping = ColumnMapping(h + 1, data_start + 1, tuple(headers), tuple(fields))
    return mapping, problems


def _drop_repeats(fields: list[Field | None], headers: list[str], row: int) -> list[Problem]:
    seen: dict[Field, int] = {}
    problems = []
    for c, field in enumerate(fields):
        if field is None:
            continue
        if field not in seen:
            seen[field] = c
            continue
        fields[c] = None
        message = (
            f"kolom ini juga berisi {field.label}; yang dipakai kolom '{headers[seen[field]]}', "
            "kolom ini tidak diimpor (ubah pemetaan kolom bila perlu)"
        )
        problems.append(Problem(row, headers[c], Severity.WARNING, "column_duplicate", message, c))
    return problems


def _is_total(row: Row) -> bool:
    seen = 0
    for value in row:
        if is_blank(value):
            continue
        if isinstance(value, str) and _TOTAL.match(value.strip().lower()):
            return True
        seen += 1
        if seen == 3:
            return False
    return False


def _repeats_header(row: Row, mapping: ColumnMapping, anchor: int | None) -> bool:
    """The header again (a printed page broke there): the anchor column holds its own header
    text and most mapped columns do too."""
    if anchor is None:
        return False
    value = _at(row, anchor)
    if not isinstance(value, str) or field_of_header(value, exact=True) is None:
        return False
    assigned = mapping.assigned()
    same = sum(
        1
        for c, field in assigned.items()
        if isinstance(v := _at(row, c), str) and field_of_header(v) is field
    )
    return same >= max(MIN_HEADER_FIELDS, math.ceil(0.6 * len(assigned)))


def _filled(row: Row, columns: list[int]) -> int:
    return sum(1 for c in columns if not is_blank(_at(row, c)))


def data_rows(table: Table, mapping: ColumnMapping) -> list[tuple[int, Row]]:
    """(spreadsheet row number, cells) of every row that holds a person.

    Skips blank rows, the column-number row, repeated headers and sub-totals; stops at a
    total row ("JUMLAH", "Total") with no NIK below it, and, below the last NIK, at the first
    row with fewer than three filled columns (place and date, "Mengetahui", signatures)."""
    rows = table.rows
    start = mapping.data_row - 1
    nik_col, name_col = mapping.column_of(Field.NIK), mapping.column_of(Field.NAME)
    anchor = nik_col if nik_col is not None else name_col
    mapped = list(mapping.assigned())
    last = _last_anchor(rows, start, nik_col, name_col)
    found: list[tuple[int, Row]] = []
    first = True
    for i in range(start, len(rows)):
        row = rows[i]
        if is_blank_row(row):
            continue
        if first:
            first = False
            if _is_numbering(row):
                continue
        if _is_total(row):
            if i < last:
                continue
            break
        if _repeats_header(row, mapping, anchor):
            continue
        if i > last and _filled(row, mapped) < _FOOTER_MIN_CELLS:
            break
        found.append((i + 1, row))
    return found


def _last_anchor(rows: list[Row], start: int, nik_col: int | None, name_col: int | None) -> int:
    """Index of the last row with a NIK-like value (or, in a list without NIKs, a name)."""
    if nik_col is not None:
        for i in range(len(rows) - 1, start - 1, -1):
            if looks_like_nik(_at(rows[i], nik_col)):
                return i
    if name_col is not None:
        for i in range(len(rows) - 1, start - 1, -1):
            if not is_blank(_at(rows[i], name_col)):
                return i
    return start - 1
