"""Alt+letter for every labelled field, without two controls sharing a letter.

Buttons carry hand-picked mnemonics (`&Tambah`); form labels come from one shared table of
field names, which is also used in error summaries, so their letters are given out here, per
dialog or page, from the letters the buttons left free. Runs again after a language switch,
when the texts (and so the free letters) change.
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


def _labelled(root: QWidget, *, visible_only: bool = False) -> list[QAbstractButton | QLabel]:
    """Controls of `root` whose text may carry a mnemonic, in creation order."""
    found: list[QAbstractButton | QLabel] = []
    for widget in root.findChildren(QWidget):
        if visible_only and not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            found.append(widget)
        if isinstance(widget, QLabel) and widget.buddy() is not None and widget.text():
            found.append(widget)
    return found


def used_mnemonics(root: QWidget, *, visible_only: bool = False) -> list[str]:
    """Every mnemonic letter in `root` (repeats kept, so a test can find duplicates);
    `visible_only`: only the controls on screen now (hidden ones cannot clash)."""
    letters = [mnemonic_of(w.text()) for w in _labelled(root, visible_only=visible_only)]
    for tabs in root.findChildren(QTabWidget):
        if not visible_only or tabs.isVisible():
            letters += [mnemonic_of(tabs.tabText(i)) for i in range(tabs.count())]
    for box in root.findChildren(QGroupBox):
        if not visible_only or box.isVisible():
            letters.append(mnemonic_of(box.title()))
    return [letter for letter in letters if letter is not None]


def assign_mnemonics(root: QWidget, reserved: Iterable[str] = ()) -> None:
    """Give each label of `root` whose buddy takes the focus the first letter still free.

    Buttons keep theirs, chosen by hand (some change with the state). `reserved`: letters of
    controls around `root`, e.g. a wizard's buttons around its page."""
    used = set(used_mnemonics(root)) | set(reserved)
    for widget in _labelled(root):
        if not isinstance(widget, QLabel) or widget.textFormat() == Qt.TextFormat.RichText:
            continue
        buddy = widget.buddy()
        if buddy is not None and buddy.focusPolicy() != Qt.FocusPolicy.NoFocus:
            widget.setText(with_mnemonic(widget.text(), used))
