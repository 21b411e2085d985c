"""Where the shipped data files are: resources/ beside the package, or inside a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The `resources/` folder: sys._MEIPASS/resources when frozen (PyInstaller), else the
    repository's resources/ next to the `app` package."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
