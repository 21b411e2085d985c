"""Which language the window speaks, and loading its Qt Linguist translation.

Source strings are Indonesian, so Indonesian needs no translation file. English comes from
`resources/i18n/payung_en.qm`, built from the `.ts` by `make`. Dates and numbers are formatted by
app.domain.formatting in the chosen language, never by the PC's locale.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from app.resources import resource_dir

log = logging.getLogger(__name__)

Language = Literal["id", "en"]
LANGUAGE_ENV = "PAYUNG_LANG"
LANGUAGE_SETTING = "language"
DEFAULT_LANGUAGE: Language = "id"

_current: Language = DEFAULT_LANGUAGE
_installed: list[QTranslator] = []  # Qt does not own translators; keep them alive here


def current_language() -> Language:
    return _current


def choose_language(setting: str | None) -> Language:
    """PAYUNG_LANG (tests, screenshots) wins over the stored setting; Indonesian by default."""
    for candidate in (os.environ.get(LANGUAGE_ENV), setting):
        if candidate in ("id", "en"):
            return "en" if candidate == "en" else "id"
    return DEFAULT_LANGUAGE


def translation_dirs() -> list[Path]:
    """Where payung_<lang>.qm may be: resources/i18n, inside the bundle when frozen
    (app.resources decides, as for every other shipped file)."""
    return [resource_dir() / "i18n"]


def install_language(language: Language) -> bool:
    """Install the translators for `language` on the running QCoreApplication.

    Returns False when the translation file is missing (the window then stays Indonesian and
    the problem is logged). Call before any widget is created.
    """
    global _current  # noqa: PLW0603 - one language per process, chosen once at start-up
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    _current = language
    if language == "id":
        return True
    ours = _load(f"payung_{language}", translation_dirs())
    if ours is None:
        log.error("translation payung_%s.qm not found in %s", language, translation_dirs())
        _current = DEFAULT_LANGUAGE
        return False
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    # Qt's own strings (context menus of text fields); optional, Qt ships few languages.
    for translator in (ours, _load(f"qtbase_{language}", [qt_dir])):
        if translator is not None:
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    return True


def _load(name: str, dirs: list[Path]) -> QTranslator | None:
    for folder in dirs:
        translator = QTranslator()
        if (folder / f"{name}.qm").is_file() and translator.load(name, str(folder)):
            return translator
    return None
