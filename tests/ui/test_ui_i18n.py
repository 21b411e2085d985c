"""Translations: every string goes through Qt's translator and the English file is complete."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.domain.categories import (
    Category,
    EndReason,
    HeirRelation,
    MaritalStatus,
    Sex,
    WorkerStatus,
)
from app.domain.enrollment import EnrollmentStatus
from app.domain.rates import Payer, Segment
from app.domain.standing import State
from app.domain.worker import WorkerDraft
from app.ui.i18n import LANGUAGE_ENV, choose_language, translation_dirs
from app.ui.labels import DOMAIN_LABELS, FIELD_LABELS

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "i18n" / "payung_en.ts"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    found: dict[tuple[str, str], ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = translation
    return found


def test_every_domain_label_is_marked_for_translation() -> None:
    labels = {m.label for enum in (Category, EndReason, HeirRelation, MaritalStatus, Sex,
                                   WorkerStatus, Segment, Payer, EnrollmentStatus, State)
              for m in enum}  # fmt: skip
    assert labels <= set(DOMAIN_LABELS)


def test_every_worker_field_has_a_label() -> None:
    assert set(WorkerDraft.__dataclass_fields__) <= set(FIELD_LABELS)


def test_english_file_is_complete_and_current(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh_en.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in (REPO / "app" / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    committed = messages(TS)
    missing = set(messages(fresh)) - set(committed)
    assert not missing, f"run `make i18n` and translate: {sorted(missing)[:5]}"
    unfinished = [key for key, t in committed.items() if t.get("type") or not (t.text or "")]
    assert not unfinished, f"untranslated: {unfinished[:5]}"


def test_the_compiled_translation_is_found() -> None:
    assert any((folder / "payung_en.qm").is_file() for folder in translation_dirs()), (
        "payung_en.qm missing: `make setup` builds it from the .ts"
    )


@pytest.mark.parametrize(
    ("env", "setting", "expected"),
    [
        (None, None, "id"),
        (None, "en", "en"),
        ("en", "id", "en"),
        ("id", "en", "id"),
        (None, "fr", "id"),
        ("xx", None, "id"),
    ],
)
def test_language_choice(
    monkeypatch: pytest.MonkeyPatch, env: str | None, setting: str | None, expected: str
) -> None:
    if env is None:
        monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    else:
        monkeypatch.setenv(LANGUAGE_ENV, env)
    assert choose_language(setting) == expected
