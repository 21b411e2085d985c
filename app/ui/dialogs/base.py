"""What every form dialog has: Simpan/Batal, a footer line, saving off the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import DomainError
from app.ui.errors import describe, field_message
from app.ui.forms import ERROR_STYLE, HINT_STYLE, Form
from app.ui.mnemonics import assign_mnemonics
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class FormDialog(QDialog):
    """A dialog around a Form. Subclasses build the form, then call `finish_layout`.

    `saved(object)` is emitted with the service's result, just before the dialog is accepted.
    """

    saved = Signal(object)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = Form()
        self.runner = TaskRunner(self)
        self.saving = False
        self._shown_once = False
        # Errors the service found (e.g. a duplicate NIK): field -> (value then, message).
        self.service_errors: dict[str, tuple[str, str]] = {}
        self.footer = QLabel()
        self.footer.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Simpan"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Batal"))  # Escape, as in every dialog
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    def main_layout(self, min_width: int) -> QVBoxLayout:
        """The dialog's layout; the dialog grows when an error needs a second line."""
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addStrut(min_width)  # a vertical box's strut is its minimum width
        return layout

    def button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.footer, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        return row

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            assign_mnemonics(self)  # Alt+letter for each field label
            if self.focusWidget() is None and self.form.rows:
                self.form.focus(next(iter(self.form.rows)))  # the first field, not a button
        # Once laid out, the error lines know their width and can ask for a second line.
        QTimer.singleShot(0, self, self.revalidate)  # not after the dialog is gone

    def set_footer(self, text: str, *, error: bool = False) -> None:
        self.footer.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.footer.setText(text)

    def current_service_errors(self) -> dict[str, str]:
        """Service errors still valid: the field holds the value that was refused."""
        values = self.form.values()
        return {f: msg for f, (value, msg) in self.service_errors.items() if values[f] == value}

    # -- saving ---------------------------------------------------------------------------
    def submit(self) -> None:
        """Validate everything; when clean, run the save job on a pool thread."""
        self.form.touch_all()
        job = self.save_job()
        if job is None or self.saving:
            return
        self.saving = True
        self.save_button.setEnabled(False)
        self.set_footer(self.tr("Menyimpan…"))
        self.runner.start(job, self._saved, self._failed)

    def save_job(self) -> Callable[[], Any] | None:
        """The work that saves the form, or None when the form cannot be saved yet."""
        raise NotImplementedError

    def revalidate(self) -> None:
        raise NotImplementedError

    def _saved(self, result: object) -> None:
        self.saving = False
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.saving = False
        if isinstance(exc, DomainError) and exc.field in self.form.rows:
            self.service_errors[exc.field] = (self.form.values()[exc.field], field_message(exc))
            self.revalidate()
            self.form.focus(exc.field)
            return
        self.revalidate()
        self.set_footer(describe(exc), error=True)
        self.save_button.setEnabled(True)
