"""CLI tests run `python -m app` in subprocesses, on copies of one initialised data folder."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from clitools import BUDI_NIK, ENDED_NIK, SITI_NIK, VILLAGE_ARGS, payung
from factories import TODAY, make_full_worker_draft, make_worker_draft

from app.config import resolve_paths
from app.domain.categories import EndReason
from app.services.context import AppContext


@pytest.fixture(scope="session")
def village_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder set up by `payung init`, with three workers (one ended)."""
    data = tmp_path_factory.mktemp("cli-template") / "data"
    done = payung(*VILLAGE_ARGS, data_dir=data)
    assert done.returncode == 0, done.stderr
    context = AppContext.open(resolve_paths(data), today=lambda: TODAY)
    try:
        add = context.register.add
        add(make_worker_draft(nik=SITI_NIK, name="Siti Aminah", category="kader_posyandu"))
        add(make_full_worker_draft(nik=BUDI_NIK, name="Budi Santoso", rt="1", rw="2"))
        ended = add(make_worker_draft(nik=ENDED_NIK, name="Slamet Riyadi", category="linmas"))
        context.register.end(ended.id, on=date(2026, 1, 31), reason=EndReason.TERM_ENDED)
    finally:
        context.close()
    return data


@pytest.fixture
def village(village_template: Path, tmp_path: Path) -> Path:
    """A private copy of the template data folder."""
    return Path(shutil.copytree(village_template, tmp_path / "data"))
