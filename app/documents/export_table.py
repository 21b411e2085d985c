"""From the lines of an export to the cells of its sheet, or a refusal with every reason.

The lines arrive column by column (`Lines`: source name -> one value per line; see
profile_sources.SOURCES for the names) because that is how the work is cheap: a 5,000-line
roster is 60,000 cells, and a column can be converted and checked with one C-level pass (a
dict lookup mapped over it, one regex search over its joined text) where a cell-by-cell loop
would cost more than writing the file. Cells that need a closer look take a slower path.

Refused: a line without a valid NIK, or with a required column empty. Text that a spreadsheet
could read as a formula (= + - @, tab or CR first, or an error literal such as #N/A) is kept
as it is and marked, so the writer stores it as a literal text cell.

Pure: app.domain and the profiles only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.documents.profile_sources import SOURCES, CellType, SourceKind
from app.documents.profiles import Column, Profile
from app.domain.errors import DomainError, InvalidNik
from app.domain.identity import parse_nik

CellValue = str | int | date | None
ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
FORMULA_STARTS = frozenset("=+-@\t\r")
# Characters XML 1.0 cannot hold (openpyxl refuses them); tab, LF and CR are fine.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Anything in a column's joined text that needs the slow path: a value starting like a formula
# (at the start or after a joining newline), an error literal, or a character XML cannot hold.
_SUSPECT = re.compile(
    r"(?:^|\n)(?:[=+\-@\t\r]|#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A)(?:\n|$))"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f]"
)
_DEFAULT_FLAGS: dict[CellType, tuple[str | int, str | int]] = {
    CellType.TEXT: ("Y", "T"),
    CellType.INTEGER: (1, 0),
}
_PLAIN_TEXT = frozenset({str, type(None)})
_PLAIN_INT = frozenset({int, type(None)})
_PLAIN_DATE = frozenset({date, type(None)})
_MISSING = object()


@dataclass(frozen=True, slots=True)
class Lines:
    """The lines of an export, column by column: source name -> one value per line. A source
    a profile uses but `columns` lacks is empty on every line."""

    count: int
    columns: Mapping[str, Sequence[object]]

    @classmethod
    def of(cls, records: Sequence[Mapping[str, object]]) -> Lines:
        """From one mapping per line (convenient for tests and small exports)."""
        keys = {key for record in records for key in record}
        return cls(len(records), {k: [r.get(k) for r in records] for k in keys})

    def column(self, source: str) -> Sequence[object]:
        values = self.columns.get(source)
        return values if values is not None else [None] * self.count


@dataclass(frozen=True, slots=True)
class Table:
    """What the file must hold: data rows (one value per profile column) and, per row, the
    column indexes that need a styled cell (real dates, text that looks like a formula)."""

    profile: Profile
    rows: list[list[CellValue]]
    styled: list[tuple[int, ...]]

    @property
    def header(self) -> list[CellValue]:
        return [c.header for c in self.profile.columns]


@dataclass(frozen=True, slots=True)
class ExportProblem:
    """Why one line cannot be exported. `line` is its 1-based position in the export."""

    line: int
    nik: str
    name: str
    column: str  # the profile's header, or "NIK"
    message: str

    def describe(self) -> str:
        who = f"NIK {self.nik or '-'}" + (f", {self.name}" if self.name else "")
        return f"baris {self.line} ({who}): {self.message}"


class ExportRefused(DomainError):
    """Nothing was written: some lines cannot be exported. `problems` lists every reason, in
    line order."""

    code = "export_refused"

    def __init__(self, problems: Sequence[ExportProblem]) -> None:
        lines = len({p.line for p in problems})
        super().__init__(
            "export",
            f"{lines} baris tidak dapat diekspor ({len(problems)} alasan), tidak ada berkas "
            f"yang ditulis; yang pertama: {problems[0].describe()}",
        )
        self.problems = list(problems)


def looks_like_formula(text: str) -> bool:
    """What a spreadsheet could read as a formula or an error, not as the text it is."""
    return bool(text) and (text[0] in FORMULA_STARTS or text in ERROR_CODES)


def build_table(profile: Profile, lines: Lines) -> Table:
    """The cell values of `lines` under `profile`; ExportRefused with every problem when any
    line is bad (nothing is written then)."""
    count = lines.count
    cells: list[list[CellValue]] = []
    risky: list[tuple[int, int]] = []  # (line index, column index)
    for index, column in enumerate(profile.columns):
        values, marked = _convert(column, lines.column(column.source), count)
        cells.append(values)
        risky.extend((line, index) for line in marked)
    problems = _problems(profile, lines, cells)
    if problems:
        raise ExportRefused(problems)
    dates = tuple(i for i, c in enumerate(profile.columns) if c.type is CellType.DATE)
    styled = [dates] * count
    for line, index in risky:
        styled[line] = tuple(sorted({*styled[line], index}))
    return Table(profile, [list(row) for row in zip(*cells, strict=True)], styled)


def _convert(
    column: Column, values: Sequence[object], count: int
) -> tuple[list[CellValue], list[int]]:
    """One column's cells, and the lines whose text looks like a formula."""
    kind, ctype = column.source_kind, column.type
    if column.source == "line_no":
        numbers = range(1, count + 1)
        return (list(map(str, numbers)) if ctype is CellType.TEXT else list(numbers)), []
    if kind is SourceKind.DATE:
        return _dates(values, column.date_pattern or "yyyy-mm-dd", as_text=ctype is CellType.TEXT)
    if kind in (SourceKind.FLAG, SourceKind.CHOICE):
        return _mapped(values, _mapping(column)), []
    if kind in (SourceKind.INTEGER, SourceKind.MONEY):
        return _numbers(values, as_text=ctype is CellType.TEXT), []
    return _texts(values)


def _numbers(values: Sequence[object], *, as_text: bool) -> list[CellValue]:
    if as_text:
        return [None if v is None else str(v) for v in values]
    if set(map(type, values)) <= _PLAIN_INT:
        return list(values)  # type: ignore[arg-type]
    return [_integer(v) for v in values]


def _texts(values: Sequence[object]) -> tuple[list[CellValue], list[int]]:
    if set(map(type, values)) <= _PLAIN_TEXT and "" not in values:
        probe = "\n".join(filter(None, values))  # type: ignore[arg-type]
        if not _SUSPECT.search(probe):
            return list(values), []  # type: ignore[arg-type]
    cleaned = [_text(v) for v in values]
    marked = [i for i, v in enumerate(cleaned) if v is not None and looks_like_formula(v)]
    return list(cleaned), marked


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = value if type(value) is str else str(getattr(value, "value", value))
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    return text or None


def _integer(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected whole rupiah or a count, got {value!r}")
    return value


def _mapping(column: Column) -> dict[object, str | int]:
    """Source value -> written value. StrEnum members hash and compare as their codes, so one
    dict serves codes and members alike; flags are keyed by True/False."""
    if column.source_kind is SourceKind.FLAG:
        given = dict(column.map)
        yes, no = (given["yes"], given["no"]) if given else _DEFAULT_FLAGS[column.type]
        return {True: yes, False: no, "yes": yes, "no": no}
    if column.map:
        return dict(column.map)
    return {code: code for code in SOURCES[column.source].choices}


def _mapped(values: Sequence[object], mapping: dict[object, str | int]) -> list[CellValue]:
    converted: list[CellValue] = list(map(mapping.get, values))
    if converted.count(None) != values.count(None):  # a code the mapping does not know
        converted = [_fallback(v, mapping) for v in values]
    return converted


def _fallback(value: object, mapping: dict[object, str | int]) -> CellValue:
    found = mapping.get(value, _MISSING)
    if found is _MISSING:
        return _text(value)  # written as it came (a code from a newer version, say)
    return found  # type: ignore[return-value]


def _dates(
    values: Sequence[object], pattern: str, *, as_text: bool
) -> tuple[list[CellValue], list[int]]:
    if not set(map(type, values)) <= _PLAIN_DATE:
        values = [_date(v) for v in values]
    if not as_text:
        return list(values), []  # type: ignore[arg-type]
    # Digits only: %d %m %Y never depend on the PC's locale (month names would).
    layout = pattern.replace("dd", "%d").replace("mm", "%m").replace("yyyy", "%Y")
    return [None if v is None else v.strftime(layout) for v in values], []  # type: ignore[attr-defined]


def _date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {value!r}")
    return value


def _problems(profile: Profile, lines: Lines, cells: list[list[CellValue]]) -> list[ExportProblem]:
    niks, names = lines.column("nik"), lines.column("name")
    found: list[tuple[int, int, str, str]] = []  # (line index, order, column, message)
    for line, raw in enumerate(niks):
        message = _nik_problem(raw)
        if message:
            found.append((line, -1, "NIK", message))
    for order, (column, values) in enumerate(zip(profile.columns, cells, strict=True)):
        # An empty NIK is already refused above, in the words of the NIK check.
        if column.required and column.source != "nik" and None in values:
            what = SOURCES[column.source].label
            message = f"kolom '{column.header}' ({what}) wajib diisi tetapi kosong"
            found.extend(
                (i, order, column.header, message) for i, v in enumerate(values) if v is None
            )
    return [
        ExportProblem(line + 1, str(niks[line] or ""), str(names[line] or ""), header, message)
        for line, _, header, message in sorted(found, key=lambda p: (p[0], p[1]))
    ]


def _nik_problem(raw: Any) -> str | None:
    nik = "" if raw is None else str(raw)
    try:
        parse_nik(nik)
    except InvalidNik as exc:
        return "NIK kosong" if not nik.strip() else f"NIK {nik!r} tidak sah: {exc.message}"
    return None
