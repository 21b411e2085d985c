"""What an import found wrong or doubtful: one `Problem` per cell or row, with stable codes.

Codes are stable strings (tests, the error report and `payung import --json` rely on them).
Where a domain rule already names the failure (`nik_length`, `kk_invalid`...) its code is used;
the others are listed in CODES with what they mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import DomainError


class Severity(StrEnum):
    ERROR = "error"  # the row is not imported
    WARNING = "warning"  # the row is imported; someone should look at it

    @property
    def label(self) -> str:
        return "Kesalahan" if self is Severity.ERROR else "Peringatan"


# Codes made here (domain errors bring their own: nik_length, nik_not_digits, nik_province,
# nik_date, nik_birth_date_mismatch, nik_sex_mismatch, kk_invalid, kpj_invalid).
CODES: dict[str, str] = {
    "column_missing": "a needed column is not in the file (header row)",
    "column_duplicate": "two columns mean the same field; the first is used (header row)",
    "enrollment_columns_incomplete": "some enrollment columns are present, others missing",
    "nik_numeric": "NIK stored as a number that cannot be a valid 16-digit NIK",
    "nik_numeric_suspect": "NIK stored as a number; plausible, must be checked on the KTP",
    "name_invalid": "name empty, too long or with digits",
    "date_invalid": "birth date unreadable or not plausible",
    "birth_date_from_nik": "birth date empty; taken from the NIK",
    "sex_unknown": "sex is not L/P or a known spelling",
    "sex_from_nik": "sex empty; taken from the NIK",
    "category_unknown": "the Kategori cell names no known category",
    "category_guessed": "job title unknown or empty; recorded under 'lainnya'",
    "phone_invalid": "phone number unreadable",
    "phone_numeric": "phone stored as a number; the leading 0 was put back",
    "rt_rw_invalid": "RT or RW not a number 1..999",
    "rt_rw_date": "RT/RW turned into a date by Excel; read back as RT day, RW month",
    "kk_numeric": "No. KK stored as a number whose digits are lost; not imported",
    "kk_numeric_suspect": "No. KK stored as a number; plausible, must be checked",
    "marital_status_unknown": "marital status not recognised",
    "value_invalid": "a text field is too long or otherwise wrong",
    "enrollment_invalid": "the enrollment columns do not make a valid coverage period",
    "duplicate_in_file": "another row of the file has the same NIK",
    "duplicate_in_register": "the NIK is already on the register",
}

# Plain field errors (InvalidField, code "invalid") get a code by the field they are about.
_FIELD_CODES = {
    "name": "name_invalid",
    "mother_name": "name_invalid",
    "birth_date": "date_invalid",
    "sex": "sex_unknown",
    "category": "category_unknown",
    "phone": "phone_invalid",
    "rt": "rt_rw_invalid",
    "rw": "rt_rw_invalid",
    "marital_status": "marital_status_unknown",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem. `row` is the spreadsheet's own row number (1-based, as Excel shows it);
    `column` the header text as written in the file ("" when about no single column);
    `column_index` the 0-based column (None when about no single column), for highlighting."""

    row: int
    column: str
    severity: Severity
    code: str
    message: str
    column_index: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_json(self) -> dict[str, object]:
        return {
            "row": self.row,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def code_of(exc: DomainError) -> str:
    """The stable code of a domain error met while checking a row."""
    if exc.code != "invalid":
        return exc.code
    return _FIELD_CODES.get(exc.field, "value_invalid")


def sort_key(problem: Problem) -> tuple[int, int, int]:
    column = -1 if problem.column_index is None else problem.column_index
    return (problem.row, column, 0 if problem.is_error else 1)
