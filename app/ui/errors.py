"""Every error the window shows is worded here, and only here.

- A broken rule (DomainError) names the field and says what to fix (the domain's Indonesian text).
- A storage problem (StorageError) already says what happened to the file and what to do.
- Anything else is a bug: the person gets a calm generic text, the log gets the type and the
  stack, never the exception's message (it may hold names, NIKs or SQL parameters).
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication

from app.services.errors import DomainError, StorageError
from app.services.roster import RosterLocked, RosterNotLocked
from app.ui.labels import field_label

log = logging.getLogger(__name__)


class PdfUnreadable(Exception):
    """The preview could not open a PDF (damaged, or not a PDF)."""


class PrintFailed(Exception):
    """The printer could not be started (switched off, no driver, no paper tray...)."""


def describe(exc: BaseException) -> str:
    """One or two sentences for a message box or a status line."""
    if isinstance(exc, PrintFailed | PdfUnreadable | OSError):
        return _describe_document(exc)
    if isinstance(exc, RosterNotLocked):
        return QCoreApplication.translate(
            "Errors",
            "Iuran bulan ini belum dikunci, jadi pembayaran belum bisa dicatat. Periksa "
            "draf iuran, tekan Kunci, lalu catat pembayarannya.",
        )
    if isinstance(exc, RosterLocked):
        return QCoreApplication.translate(
            "Errors",
            "Iuran bulan ini sudah dikunci: yang sudah ditagih tidak dihitung ulang. "
            "Perubahan kepesertaan berlaku untuk bulan berikutnya.",
        )
    if isinstance(exc, DomainError):
        return f"{field_label(exc.field)}: {exc.message}"
    if isinstance(exc, StorageError):
        return QCoreApplication.translate("Errors", "Masalah pada berkas data: %1").replace(
            "%1", exc.message
        )
    log_unexpected(exc)
    return QCoreApplication.translate(
        "Errors",
        "Terjadi kesalahan yang tidak terduga (%1). Data yang sudah tersimpan aman. "
        "Coba lagi; bila terulang, catat waktunya dan hubungi petugas DPMD.",
    ).replace("%1", type(exc).__name__)


def _describe_document(exc: PrintFailed | PdfUnreadable | OSError) -> str:
    """A printer, a PDF, or a file the person chose (a full or pulled USB stick...)."""
    if isinstance(exc, OSError):
        return (
            QCoreApplication.translate(
                "Errors",
                "Berkas %1 tidak dapat ditulis atau dibaca (%2). Periksa folder atau flashdisk, "
                "tutup berkas itu bila sedang dibuka, lalu coba lagi.",
            )
            .replace("%1", str(exc.filename or ""))
            .replace("%2", exc.strerror or type(exc).__name__)
        )
    if isinstance(exc, PrintFailed):
        return QCoreApplication.translate(
            "Errors",
            "Printer tidak dapat dipakai. Periksa apakah printer menyala, terhubung dan berisi "
            "kertas, lalu cetak lagi; atau simpan PDF-nya dan cetak dari komputer lain.",
        )
    return QCoreApplication.translate(
        "Errors", "Berkas PDF tidak dapat dibuka untuk pratinjau. Buat dokumennya lagi."
    )


def field_message(exc: DomainError) -> str:
    """The text shown right under the field the error is about (the field is named already)."""
    text = exc.message
    return text[:1].upper() + text[1:]


def log_unexpected(exc: BaseException) -> None:
    """Log type and stack only: the message of an unexpected error may carry personal data."""
    # Places only (file, line, function): neither the message nor source lines go to the log.
    stack = "".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}\n"
        for frame in traceback.extract_tb(exc.__traceback__)
    )
    log.error("unexpected %s.%s\n%s", type(exc).__module__, type(exc).__qualname__, stack)


def title_for(exc: BaseException) -> str:
    """The title of a message box about exc."""
    if isinstance(exc, DomainError):
        return QCoreApplication.translate("Errors", "Periksa isian")
    if isinstance(exc, StorageError):
        return QCoreApplication.translate("Errors", "Berkas data bermasalah")
    return QCoreApplication.translate("Errors", "Kesalahan")
