"""This office's preferences: who works at this PC, the window's language, the paper size and
where exports go. Kept in the local `settings` table (never synced: another PC of the same
village may print on F4 and speak English)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import InvalidField
from app.services.papers import PAPER_SETTING, Paper
from app.services.village import VillageService
from app.services.writes import OPERATOR_KEY

LANGUAGE_SETTING = "language"  # the same key as app.ui.i18n.LANGUAGE_SETTING: "id" or "en"
EXPORT_PROFILE_SETTING = "export_profile"  # the Iuran export dialog preselects this profile
EXPORT_FOLDER_SETTING = "export_folder"  # ... and its file chooser starts in this folder
LANGUAGES = ("id", "en")
# What a restore carries over from the database it replaces (app.services.backups).
PREFERENCE_KEYS = (
    OPERATOR_KEY, LANGUAGE_SETTING, PAPER_SETTING, EXPORT_PROFILE_SETTING, EXPORT_FOLDER_SETTING,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Preferences:
    """As stored; a key never set is None (the operator: "operator" is what the audit uses)."""

    operator: str | None
    language: str | None
    paper: Paper
    export_profile: str | None
    export_folder: str | None


def read_preferences(village: VillageService) -> Preferences:
    values = carried_preferences(village)
    try:
        paper = Paper.parse(values.get(PAPER_SETTING) or Paper.A4.value)
    except InvalidField:
        paper = Paper.A4  # what every document falls back to (papers.default_paper)
    return Preferences(
        operator=values.get(OPERATOR_KEY),
        language=values.get(LANGUAGE_SETTING),
        paper=paper,
        export_profile=values.get(EXPORT_PROFILE_SETTING) or None,
        export_folder=values.get(EXPORT_FOLDER_SETTING) or None,
    )


def save_preferences(village: VillageService, wanted: Preferences) -> Preferences:
    """Store every preference (InvalidField 'operator' for an empty name, 'language' for an
    unknown one, before anything is written); returns what is stored now."""
    operator = " ".join((wanted.operator or "").split())
    if not operator:
        raise InvalidField("operator", "nama operator wajib diisi")
    if wanted.language not in LANGUAGES:
        raise InvalidField("language", "bahasa harus Indonesia (id) atau English (en)")
    folder = wanted.export_folder
    if folder and not Path(folder).expanduser().is_dir():
        raise InvalidField(
            "export_folder",
            f"folder {folder} tidak ditemukan; pilih folder yang ada (flashdisk sudah dipasang?)",
        )
    put_preferences(village, {
        OPERATOR_KEY: operator,
        LANGUAGE_SETTING: wanted.language,
        PAPER_SETTING: wanted.paper.value,
        EXPORT_PROFILE_SETTING: wanted.export_profile or "",
        EXPORT_FOLDER_SETTING: wanted.export_folder or "",
    })  # fmt: skip
    return read_preferences(village)


def carried_preferences(village: VillageService) -> dict[str, str]:
    """The stored preference keys and their texts (keys never set are left out)."""
    found = {key: village.setting(key) for key in PREFERENCE_KEYS}
    return {key: value for key, value in found.items() if value is not None}


def put_preferences(village: VillageService, values: dict[str, str]) -> None:
    for key, value in values.items():
        village.set_setting(key, value)
