"""What a refused file write means, in words for the office (Indonesian).

The operating system says "No space left on device" or "Permission denied" in English, and
SQLite says "database or disk is full": every message about an export, a PDF, a bundle or a
backup that could not be written names the cause in Indonesian with this one function.
Pure: errno, and the error names SQLite and lxml put in their exceptions.
"""

from __future__ import annotations

import errno
import re

FULL = "disk atau flashdisk penuh; kosongkan sebagian ruang atau pakai tempat lain"
READ_ONLY = (
    "folder ini tidak boleh ditulis (flashdisk dikunci tulis, hanya-baca, atau tanpa izin); "
    "pilih folder lain"
)
MISSING = "folder tujuan tidak ada (flashdisk dicabut?); periksa lokasinya"

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}
_MISSING_ERRNOS = {errno.ENOENT, errno.ENOTDIR, errno.ENODEV}
# sqlite3 exceptions carry SQLite's own names (Python 3.11+).
_FULL_SQLITE = {"SQLITE_FULL", "SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC"}
_READ_ONLY_SQLITE = {"SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH"}


def write_problem(exc: BaseException) -> str:
    """The cause of a failed write, with what to do: an OSError (by errno), lxml's
    SerialisationError (by the errno name in its text) or a sqlite3 error (by SQLite's error
    name); anything else by its text."""
    number = getattr(exc, "errno", None)
    if number is None:  # lxml writing XML says "IO_ENOSPC", "IO_EFBIG"...
        found = re.search(r"\bIO_(E[A-Z]+)\b", str(exc))
        number = getattr(errno, found.group(1), None) if found else None
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if number in _FULL_ERRNOS or name in _FULL_SQLITE:
        return FULL
    if number in _READ_ONLY_ERRNOS or name in _READ_ONLY_SQLITE:
        return READ_ONLY
    if number in _MISSING_ERRNOS:
        return MISSING
    detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"gagal menulis ke disk ({detail}); periksa folder atau flashdisk lalu coba lagi"
