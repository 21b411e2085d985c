"""The document services the window uses (import, export, recap, receipts), and making a PDF
off the GUI thread to show it in the preview."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app.services.context import AppContext
from app.services.exports import Exports
from app.services.imports import Imports
from app.services.recap import RecapService
from app.services.receipts import ReceiptService
from app.services.village import VillageService
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.ui.dialogs.pdf_preview import PdfPreviewDialog

USER_PROFILES = "profiles"  # <data-dir>/profiles: a DPMD's own export profiles


@dataclass(frozen=True, slots=True)
class DocumentServices:
    """Built over one open AppContext, as the CLI builds them; every call is thread-safe."""

    imports: Imports
    exports: Exports
    recap: RecapService
    receipts: ReceiptService
    village: VillageService

    @classmethod
    def of(cls, context: AppContext) -> DocumentServices:
        sessions = context.database.sessions
        return cls(
            imports=Imports.of(context),
            exports=Exports(sessions, user_profiles=context.paths.data_dir / USER_PROFILES),
            recap=RecapService(sessions, context.roster, context.today),
            receipts=ReceiptService(sessions, context.rates, context.today),
            village=context.village,
        )


def made_pdf(write: Callable[[Path], object], file_name: str) -> bytes:
    """On a pool thread: let `write` make the PDF in a private temporary folder, read it back
    and remove the folder (the preview holds the bytes; no copy with names and NIKs stays)."""
    with tempfile.TemporaryDirectory(prefix="payung-") as folder:
        out = Path(folder) / file_name
        write(out)
        return out.read_bytes()


class PdfOpener(QObject):
    """Makes PDFs for one widget and opens each in the preview, window-modal. `preview` is
    the preview opened last (tests drive it); `opened(dialog)` fires when it is shown."""

    opened = Signal(object)
    busyChanged = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._runner = TaskRunner(self)
        self.busy = False
        self.preview: PdfPreviewDialog | None = None

    def open(
        self,
        *,
        title: str,
        file_name: str,
        write: Callable[[Path], object],
        on_error: Callable[[Exception], None],
    ) -> bool:
        """Start making the PDF; False when one is still being made."""
        if self.busy:
            return False
        self._set_busy(True)

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            on_error(exc)

        def show(data: bytes) -> None:
            from app.ui.dialogs.pdf_preview import PdfPreviewDialog  # Qt's printing: on use

            self._set_busy(False)
            try:
                dialog = PdfPreviewDialog(data, title=title, file_name=file_name,
                                          parent=self._widget)  # fmt: skip
            except Exception as exc:  # a PDF pdfium cannot open: worded by the page
                on_error(exc)
                return
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.preview = dialog
            dialog.show()
            self.opened.emit(dialog)

        self._runner.start(lambda: made_pdf(write, file_name), show, failed)
        return True

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busyChanged.emit()


def file_slug(text: str, limit: int = 40) -> str:
    """A name for a file from a person's or payer's name: letters, digits and dashes only
    (a USB stick's FAT file system and Windows refuse some characters)."""
    words = re.findall(r"[^\W_]+", text.lower())
    return "-".join(words)[:limit].strip("-") or "dokumen"
