"""Keyboard-only use: which widgets Tab reaches, and where the focus lands when a page opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget


def takes_tab(widget: QWidget) -> bool:
    """Tab stops here: enabled, on screen, and accepting focus by Tab."""
    policy = widget.focusPolicy()
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(policy.value & Qt.FocusPolicy.TabFocus.value)
        and widget.focusProxy() is None
    )


def tab_stops(root: QWidget) -> list[QWidget]:
    """The widgets of `root` Tab stops at, in focus-chain order."""
    stops: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not root and widget is not None:
        if root.isAncestorOf(widget) and takes_tab(widget) and widget not in stops:
            stops.append(widget)
        widget = widget.nextInFocusChain()
        if widget in stops:
            break
    return stops


def focus_first(root: QWidget) -> QWidget | None:
    """Give the focus to `root`'s first useful field: its `first_focus()` when it names one,
    else the first Tab stop. Returns the widget focused."""
    chooser = getattr(root, "first_focus", None)
    target = chooser() if callable(chooser) else None
    if not isinstance(target, QWidget) or not takes_tab(target):
        stops = tab_stops(root)
        target = stops[0] if stops else None
    if target is not None:
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return target


def tab_leaves_tables(root: QWidget) -> None:
    """Tab moves on to the next control instead of from cell to cell (arrows move in a
    table): otherwise a 200-row register swallows the Tab key."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
