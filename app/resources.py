"""Where the shipped data files are: resources/ beside the package, or inside a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def resource_dir() -> Path:
    """The `resources/` folder: sys._MEIPASS/resources when frozen (PyInstaller), else the
    repository's resources/ next to the `app` package."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return _CHECKOUT / "resources"


def icon_file() -> Path | None:
    """The window icon (256 px PNG): resources/icons in the frozen build, packaging/icons in a
    checkout (the packaging folder owns the icon and its sources). None when neither exists."""
    for candidate in (
        resource_dir() / "icons" / "payung.png",
        _CHECKOUT / "packaging" / "icons" / "payung.png",
    ):
        if candidate.is_file():
            return candidate
    return None
