"""Alt+letter for every button and labelled field, without two controls sharing a letter.

Buttons carry hand-picked mnemonics (`&Tambah`); form labels come from one shared table of
field names, which is also used in error summaries, so their letters are given out here, per
dialog or page, from the letters the hand-picked ones left free. Runs again after a language
switch, when the texts (and so the free letters) change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic_of(text: str) -> str | None:
    """The letter after a single `&` (lower case), or None; `&&` is a literal ampersand."""
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def with_mnemonic(text: str, used: set[str]) -> str:
    """`text` with `&` before its first letter not in `used` (then added to it); unchanged when
    every letter is taken or the text already has one."""
    if mnemonic_of(text) is not None:
        return text
    for index, char in enumerate(text):
        if char.isalnum() and char.lower() not in used:
            used.add(char.lower())
            return f"{text[:index]}&{text[index:]}"
    return text


def _labelled(root: QWidget) -> list[QAbstractButton | QLabel]:
    """Controls of `root` whose text may carry a mnemonic, in creation order."""
    found: list[QAbstractButton | QLabel] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QAbstractButton) and widget.text():
            found.append(widget)
        if isinstance(widget, QLabel) and widget.buddy() is not None and widget.text():
            found.append(widget)
    return found


def used_mnemonics(root: QWidget) -> list[str]:
    """Every mnemonic letter in `root` (repeats kept, so a test can find duplicates)."""
    letters = [mnemonic_of(w.text()) for w in _labelled(root)]
    for tabs in root.findChildren(QTabWidget):
        letters += [mnemonic_of(tabs.tabText(i)) for i in range(tabs.count())]
    for box in root.findChildren(QGroupBox):
        letters.append(mnemonic_of(box.title()))
    return [letter for letter in letters if letter is not None]


def assign_mnemonics(root: QWidget, reserved: Iterable[str] = ()) -> None:
    """Give each field label of `root` without a mnemonic the first letter still free.

    Buttons keep theirs (chosen by hand, some change with the state); a button without one
    gets one too, so every push can be reached with Alt. `reserved`: letters of controls
    around `root` (a wizard's buttons around its page)."""
    used = set(used_mnemonics(root)) | set(reserved)
    for widget in _labelled(root):
        text = widget.text()
        if isinstance(widget, QLabel) and widget.textFormat() == Qt.TextFormat.RichText:
            continue
        widget.setText(with_mnemonic(text, used))
