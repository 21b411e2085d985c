"""Spreadsheet import: read .xlsx/.xls/.ods/.csv, find the header, check every row.

The library parts (python-calamine, openpyxl) are imported inside the functions that use them,
so importing this package costs nothing at start-up.

    preview = read_preview(path, today=..., rates_at=..., registered=...)
    preview.mapping.with_field(3, Field.BIRTH_DATE)   # what the wizard changes
    write_report(preview.problems, out)
"""

from app.documents.importing.check import ImportRow, Progress, RatesAt, Registered
from app.documents.importing.errors import (
    HeaderNotFound,
    InvalidMapping,
    UnknownSheet,
    UnreadableFile,
)
from app.documents.importing.fields import LABELS, Field, field_of_header
from app.documents.importing.isolated import warm_up
from app.documents.importing.layout import ColumnMapping, detect_mapping
from app.documents.importing.preview import (
    ImportPreview,
    header_mapping,
    paused_gc,
    read_preview,
)
from app.documents.importing.problems import CODES, Problem, Severity
from app.documents.importing.readers import Table, Workbook
from app.documents.importing.report import write_report

__all__ = [
    "CODES",
    "LABELS",
    "ColumnMapping",
    "Field",
    "HeaderNotFound",
    "ImportPreview",
    "ImportRow",
    "InvalidMapping",
    "Problem",
    "Progress",
    "RatesAt",
    "Registered",
    "Severity",
    "Table",
    "UnknownSheet",
    "UnreadableFile",
    "Workbook",
    "detect_mapping",
    "field_of_header",
    "header_mapping",
    "paused_gc",
    "read_preview",
    "warm_up",
    "write_report",
]
