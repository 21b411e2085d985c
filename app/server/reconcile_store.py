"""Reconciliation analyses kept between the dashboard's upload and its "apply" button.

Each upload gets a folder `<data-dir>/rekonsiliasi/<id>/` (id: 128 random bits, hex) holding
`analisis.json` (the people read from the BPJS list, the file name, the counts; mode 0600:
NIKs are personal data) and `laporan.xlsx` (the report). The raw upload is deleted once read.
Folders older than a day are removed whenever the store is used; an unknown or expired id
is simply absent. Nothing of it is ever logged or put in a URL except the random id.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.documents.fileio import write_atomically
from app.server.reconcile_file import BpjsPerson

FOLDER = "rekonsiliasi"
EXPIRES_SECONDS = 24 * 3600
_ID = re.compile(r"[0-9a-f]{32}")
REPORT = "laporan.xlsx"
ANALYSIS = "analisis.json"


@dataclass(frozen=True, slots=True)
class Stored:
    id: str
    folder: Path
    source: str  # the uploaded file's name
    people: list[BpjsPerson]
    counts: dict[str, int]
    matched: int
    to_apply: int
    applied: dict[str, int] | None  # {"workers": n, "enrollments": m} once applied

    @property
    def report(self) -> Path:
        return self.folder / REPORT


class AnalysisStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / FOLDER

    def new_folder(self) -> tuple[str, Path]:
        self.purge()
        analysis_id = secrets.token_hex(16)
        folder = self.root / analysis_id
        folder.mkdir(parents=True, mode=0o700)
        return analysis_id, folder

    def folder(self, analysis_id: str) -> Path | None:
        if not _ID.fullmatch(analysis_id):
            return None
        folder = self.root / analysis_id
        if not (folder / ANALYSIS).is_file() or _age(folder) > EXPIRES_SECONDS:
            return None
        return folder

    def save(self, folder: Path, document: dict[str, Any]) -> None:
        data = json.dumps(document, ensure_ascii=False).encode("utf-8")

        def write(fh: Any) -> None:
            if hasattr(os, "fchmod"):  # POSIX: only the server's user may read NIKs
                os.fchmod(fh.fileno(), 0o600)
            fh.write(data)

        write_atomically(folder / ANALYSIS, write)

    def load(self, analysis_id: str) -> Stored | None:
        folder = self.folder(analysis_id)
        if folder is None:
            return None
        document = json.loads((folder / ANALYSIS).read_text(encoding="utf-8"))
        return Stored(
            id=analysis_id,
            folder=folder,
            source=str(document["source"]),
            people=[BpjsPerson.from_json(p) for p in document["people"]],
            counts=dict(document["counts"]),
            matched=int(document["matched"]),
            to_apply=int(document["to_apply"]),
            applied=document.get("applied"),
        )

    def discard(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def purge(self) -> None:
        """Remove every analysis older than a day."""
        if not self.root.is_dir():
            return
        for folder in self.root.iterdir():
            with contextlib.suppress(OSError):
                if folder.is_dir() and _age(folder) > EXPIRES_SECONDS:
                    shutil.rmtree(folder, ignore_errors=True)


def _age(folder: Path) -> float:
    return time.time() - folder.stat().st_mtime


def document_of(
    source: str,
    *,
    people: list[BpjsPerson],
    counts: dict[str, int],
    matched: int,
    to_apply: int,
    applied: dict[str, int] | None = None,
) -> dict[str, Any]:
    return {
        "source": source,
        "people": [p.as_json() for p in people],
        "counts": counts,
        "matched": matched,
        "to_apply": to_apply,
        "applied": applied,
    }
