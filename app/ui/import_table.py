"""The Impor wizard's preview table: every row of the file with its problems beside it.

One table line per problem, the row's number, NIK and name on its first line only, so a row's
problems read as a group; a row without problems is one "siap" line. `preview_lines` runs on a
pool thread (100,000 rows take a fraction of a second); the model only formats what is shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from app.services.imports import LABELS, Field, ImportPreview, Problem, Severity
from app.ui.labels import QT_TRANSLATE_NOOP

# The import fields' names as the wizard shows them (app.documents' LABELS, translated).
FIELD_NAMES = (
    QT_TRANSLATE_NOOP("ImportField", "NIK"),
    QT_TRANSLATE_NOOP("ImportField", "Nama"),
    QT_TRANSLATE_NOOP("ImportField", "Tempat lahir"),
    QT_TRANSLATE_NOOP("ImportField", "Tanggal lahir"),
    QT_TRANSLATE_NOOP("ImportField", "Tempat, tanggal lahir"),
    QT_TRANSLATE_NOOP("ImportField", "Jenis kelamin (L/P)"),
    QT_TRANSLATE_NOOP("ImportField", "Jabatan / pekerjaan"),
    QT_TRANSLATE_NOOP("ImportField", "Kategori"),
    QT_TRANSLATE_NOOP("ImportField", "Alamat"),
    QT_TRANSLATE_NOOP("ImportField", "Dusun"),
    QT_TRANSLATE_NOOP("ImportField", "RT"),
    QT_TRANSLATE_NOOP("ImportField", "RW"),
    QT_TRANSLATE_NOOP("ImportField", "RT/RW"),
    QT_TRANSLATE_NOOP("ImportField", "No. HP"),
    QT_TRANSLATE_NOOP("ImportField", "Nama ibu kandung"),
    QT_TRANSLATE_NOOP("ImportField", "No. KK"),
    QT_TRANSLATE_NOOP("ImportField", "Status kawin"),
    QT_TRANSLATE_NOOP("ImportField", "KPJ"),
    QT_TRANSLATE_NOOP("ImportField", "Segmen (PU/BPU)"),
    QT_TRANSLATE_NOOP("ImportField", "Program"),
    QT_TRANSLATE_NOOP("ImportField", "Upah / penghasilan"),
    QT_TRANSLATE_NOOP("ImportField", "Sumber dana"),
    QT_TRANSLATE_NOOP("ImportField", "TMT (tanggal mulai)"),
    QT_TRANSLATE_NOOP("ImportField", "Kelas risiko JKK"),
)

ERROR_TINT = QColor("#fbe9e7")
WARNING_TINT = QColor("#fff6dc")
ERROR_COLOR = QColor("#b3261e")
WARNING_COLOR = QColor("#9a6700")
OK_COLOR = QColor("#1e7b34")


def field_name(field: Field) -> str:
    return QCoreApplication.translate("ImportField", LABELS[field])


def cell_text(value: object) -> str:
    """A cell as read, shown plainly: a NIK read as a number shows its digits, not 3.52e+15."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class RowState(IntEnum):
    OK = 0
    WARNING = 1
    ERROR = 2


class Show(IntEnum):
    """Which lines the table shows."""

    ALL = 0
    PROBLEMS = 1
    ERRORS = 2


@dataclass(frozen=True, slots=True)
class Line:
    """One table line: a problem of a row, or a row without problems (`problem` None).
    `first` marks a row's first line, which carries its number, NIK and name."""

    row: int
    nik: str
    name: str
    problem: Problem | None
    state: RowState
    first: bool


@dataclass(frozen=True, slots=True)
class PreviewLines:
    lines: tuple[Line, ...]
    warnings: int  # warning problems, over every row


def _state(problems: list[Problem]) -> RowState:
    if any(p.is_error for p in problems):
        return RowState.ERROR
    return RowState.WARNING if problems else RowState.OK


def preview_lines(preview: ImportPreview) -> PreviewLines:
    """Every line of the table, in sheet order; problems about no data row (a missing column,
    on the header row) come at their own row number. Pure; runs on a pool thread."""
    by_row: dict[int, list[Problem]] = defaultdict(list)
    for problem in preview.problems:
        by_row[problem.row].append(problem)
    nik_column = preview.mapping.column_of(Field.NIK)
    name_column = preview.mapping.column_of(Field.NAME)

    def cell(cells: Sequence[object], column: int | None) -> str:
        return cell_text(cells[column]) if column is not None and column < len(cells) else ""

    people = {r.row: (cell(r.cells, nik_column), cell(r.cells, name_column)) for r in preview.rows}
    lines: list[Line] = []
    for row in sorted(set(people) | set(by_row)):
        nik, name = people.get(row, ("", ""))
        problems = by_row.get(row, [])
        state = _state(problems)
        if not problems:
            lines.append(Line(row, nik, name, None, state, True))
            continue
        for n, problem in enumerate(problems):
            lines.append(Line(row, nik, name, problem, state, n == 0))
    warnings = sum(1 for p in preview.problems if not p.is_error)
    return PreviewLines(tuple(lines), warnings)


def _dot(color: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


COLUMNS = ("row", "nik", "name", "column", "severity", "message")
Index = QModelIndex | QPersistentModelIndex


class ImportLinesModel(QAbstractTableModel):
    """The preview's lines, filtered by `Show`. Read-only; fed whole by `show_lines`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: tuple[Line, ...] = ()
        self._shown: list[Line] | tuple[Line, ...] = ()
        self._filter = Show.ALL
        self._icons: dict[RowState, QIcon] = {}
        self._headers = (self.tr("Baris"), self.tr("NIK"), self.tr("Nama"), self.tr("Kolom"),
                         self.tr("Jenis"), self.tr("Masalah"))  # fmt: skip

    def show_lines(self, lines: tuple[Line, ...]) -> None:
        self.beginResetModel()
        self._all = lines
        self._shown = self._filtered()
        self.endResetModel()

    def set_filter(self, show: Show) -> None:
        self.beginResetModel()
        self._filter = show
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[Line] | tuple[Line, ...]:
        if self._filter is Show.ALL:
            return self._all
        least = RowState.WARNING if self._filter is Show.PROBLEMS else RowState.ERROR
        # A row's other lines go with it, so an error row keeps its warnings beside it.
        return [line for line in self._all if line.state >= least]

    def line_at(self, row: int) -> Line:
        return self._shown[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(  # noqa: PLR0911 - one case per role
        self, index: Index, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        line, column = self._shown[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "message" and line.problem:
            return line.problem.message
        if role == Qt.ItemDataRole.DecorationRole and column == "severity":
            return self._icon(line)
        if role == Qt.ItemDataRole.BackgroundRole and line.problem is not None:
            return QBrush(ERROR_TINT if line.problem.is_error else WARNING_TINT)
        if role == Qt.ItemDataRole.ForegroundRole and column == "severity":
            return QBrush(self._color(line))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "row":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, line: Line, column: str) -> str:  # noqa: PLR0911 - one case per column
        if column in ("row", "nik", "name") and not line.first:
            return ""
        problem = line.problem
        match column:
            case "row":
                return str(line.row)
            case "nik":
                return line.nik
            case "name":
                return line.name
            case "column":
                return problem.column if problem else ""
            case "severity":
                return severity_text(problem.severity if problem else None)
            case _:
                return problem.message if problem else ""

    @staticmethod
    def _color(line: Line) -> QColor:
        if line.problem is None:
            return OK_COLOR
        return ERROR_COLOR if line.problem.is_error else WARNING_COLOR

    def _icon(self, line: Line) -> QIcon:
        state = (RowState.OK if line.problem is None
                 else RowState.ERROR if line.problem.is_error else RowState.WARNING)  # fmt: skip
        if state not in self._icons:
            self._icons[state] = _dot(self._color(line))
        return self._icons[state]


def severity_text(severity: Severity | None) -> str:
    if severity is None:
        return QCoreApplication.translate("ImportLinesModel", "Siap")
    if severity is Severity.ERROR:
        return QCoreApplication.translate("ImportLinesModel", "Kesalahan")
    return QCoreApplication.translate("ImportLinesModel", "Peringatan")
