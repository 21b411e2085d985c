"""Why a file could not be imported at all (as opposed to problems in some of its rows)."""

from __future__ import annotations

from app.domain.errors import DomainError


class UnreadableFile(DomainError):
    """Missing, empty, damaged, truncated or of a kind we cannot read. Field: `file`."""

    code = "file_unreadable"

    def __init__(self, message: str) -> None:
        super().__init__("file", message)


class HeaderNotFound(UnreadableFile):
    """No row in the first rows looks like a header (NIK, Nama, ...)."""

    code = "header_not_found"


class UnknownSheet(DomainError):
    code = "sheet_unknown"

    def __init__(self, message: str) -> None:
        super().__init__("sheet", message)


class InvalidMapping(DomainError):
    """A column mapping given by the caller does not fit the sheet."""

    code = "mapping_invalid"

    def __init__(self, message: str) -> None:
        super().__init__("mapping", message)
