"""Form building blocks shared by the dialogs: an editor with its error line right under it.

Errors are shown once a field has been touched (typed in, chosen) or after a save attempt, so a
fresh form is not red all over; a dialog's footer names what is still missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.labels import field_label

ERROR_STYLE = "color: #b3261e;"
HINT_STYLE = "color: #5f6368;"


class CheckGroup(QWidget):
    """A row of check boxes that reads and writes like a line edit: "JKK,JKM,JHT".

    `textEdited` fires when the person ticks or unticks a box, not on setText().
    """

    textEdited = Signal(str)

    def __init__(self, options: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for code, text in options:
            box = QCheckBox(text)
            box.setObjectName(f"check_{code}")
            box.clicked.connect(lambda _checked: self.textEdited.emit(self.text()))
            self.boxes[code] = box
            row.addWidget(box)
        row.addStretch(1)

    def text(self) -> str:
        return ",".join(code for code, box in self.boxes.items() if box.isChecked())

    def setText(self, text: str) -> None:
        chosen = {part.strip().upper() for part in text.split(",")}
        for code, box in self.boxes.items():
            box.setChecked(code.upper() in chosen)

    def set_option_enabled(self, code: str, enabled: bool) -> None:
        self.boxes[code].setEnabled(enabled)


Editor = QLineEdit | QComboBox | CheckGroup


def line_edit(placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    edit.setClearButtonEnabled(False)
    return edit


def date_edit() -> QLineEdit:
    """Dates are typed as text, day first (dd-mm-yyyy) or ISO; never shown by the PC locale."""
    return line_edit(QCoreApplication.translate("Form", "hh-bb-tttt, mis. 17-08-1985"), 10)


def choice_combo(items: Iterable[tuple[str, str]], placeholder: str | None) -> QComboBox:
    """A combo of (code, text); with a placeholder first item whose code is "" (nothing chosen)."""
    combo = QComboBox()
    if placeholder is not None:
        combo.addItem(placeholder, "")
    for code, text in items:
        combo.addItem(text, code)
    return combo


class FieldRow:
    """One form field: its editor, and a line under it for the error (or a hint)."""

    def __init__(self, name: str, editor: Editor) -> None:
        self.name = name
        self.editor = editor
        self.touched = False
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName(f"error_{name}")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.widget = QWidget()
        box = QVBoxLayout(self.widget)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(editor)
        box.addWidget(self.error)
        editor.setObjectName(f"field_{name}")

    def text(self) -> str:
        if isinstance(self.editor, QComboBox):
            data = self.editor.currentData()
            return str(data) if data is not None else ""
        return self.editor.text()

    def set_text(self, value: str) -> None:
        if isinstance(self.editor, QComboBox):
            index = self.editor.findData(value)
            self.editor.setCurrentIndex(max(index, 0))
        else:
            self.editor.setText(value)

    def on_change(self, callback: Callable[[], None]) -> None:
        def changed(*_args: object) -> None:
            self.touched = True
            callback()

        if isinstance(self.editor, QComboBox):
            self.editor.currentIndexChanged.connect(changed)
        else:
            self.editor.textEdited.connect(changed)  # typing only, not set_text()

    def show(self, error: str | None, hint: str = "") -> None:
        """An error wins over a hint; an untouched field shows neither error nor hint."""
        if error and self.touched:
            self.error.setStyleSheet(ERROR_STYLE)
            self.error.setText(error)
        else:
            self.error.setStyleSheet(HINT_STYLE)
            self.error.setText(hint)
        self._fit_height()

    def _fit_height(self) -> None:
        """Room for every wrapped line: layouts size a dialog without asking height-for-width."""
        width = self.error.width()
        if self.error.isVisible() and width > 0:
            one_line = self.error.fontMetrics().height()
            self.error.setMinimumHeight(max(one_line, self.error.heightForWidth(width)))


class Form:
    """The fields of one dialog by name, in layout order."""

    def __init__(self) -> None:
        self.rows: dict[str, FieldRow] = {}

    def add(self, layout: QFormLayout, name: str, editor: Editor, label: str = "") -> FieldRow:
        row = FieldRow(name, editor)
        self.rows[name] = row
        caption = QLabel(label or field_label(name))
        caption.setBuddy(editor)
        layout.addRow(caption, row.widget)
        return row

    def values(self) -> dict[str, str]:
        return {name: row.text() for name, row in self.rows.items()}

    def on_change(self, callback: Callable[[], None]) -> None:
        rows = list(self.rows.values())

        def guarded() -> None:
            # A combo box being destroyed with its dialog still says its index changed; by
            # then other editors may be gone already, and reading them would raise.
            if all(shiboken6.isValid(row.editor) for row in rows):
                callback()

        for row in rows:
            row.on_change(guarded)

    def touch_all(self) -> None:
        for row in self.rows.values():
            row.touched = True

    def show_errors(self, errors: dict[str, str], hints: dict[str, str] | None = None) -> None:
        for name, row in self.rows.items():
            row.show(errors.get(name), (hints or {}).get(name, ""))

    def focus(self, name: str) -> None:
        row = self.rows.get(name)
        if row is not None:
            row.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def widgets_in_order(self) -> Sequence[QWidget]:
        return [row.editor for row in self.rows.values()]


def new_form_layout() -> QFormLayout:
    layout = QFormLayout()
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    layout.setVerticalSpacing(4)
    return layout


def missing_summary(fields: Iterable[str]) -> str:
    """Footer text naming the fields that still stop saving."""
    names = ", ".join(field_label(f) for f in fields)
    return (
        QCoreApplication.translate("Form", "Belum bisa disimpan; periksa: %1").replace("%1", names)
        if names
        else ""
    )
