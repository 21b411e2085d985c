"""Fixtures for the window's tests: real SQLite files through AppContext and the real services."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from ui_factories import BIG_REGISTER_SIZE, make_worker, open_context, sukamaju

from app.domain.categories import EndReason
from app.services.context import AppContext
from app.ui.i18n import install_language
from app.ui.tasks import wait_for_background_work


@pytest.fixture(autouse=True)
def indonesian(qapp: object) -> Iterator[None]:
    """Every test starts in Indonesian (the source language), whatever the one before did."""
    install_language("id")
    yield
    install_language("id")


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    """A set-up village with an empty register."""
    ctx = open_context(tmp_path / "data")
    ctx.village.set_up(sukamaju())
    yield ctx
    wait_for_background_work()  # no pool thread may use the database after it closes
    ctx.close()


@pytest.fixture
def three_workers(context: AppContext) -> AppContext:
    """Budi (perangkat), Siti (kader posyandu, with a KPJ), Agus (ketua RT, ended)."""
    add = context.register.add
    add(make_worker(11, name="Budi Santoso", female=False, born=date(1980, 5, 12)))
    add(make_worker(12, name="Siti Aminah", female=True, born=date(1985, 8, 17),
                    category="kader_posyandu", kpj="12345678901"))  # fmt: skip
    agus = add(make_worker(13, name="Agus Salim", female=False, born=date(1970, 1, 2),
                           category="ketua_rt"))  # fmt: skip
    context.register.end(agus.id, on=date(2026, 1, 31), reason=EndReason.TERM_ENDED)
    return context


@pytest.fixture(scope="session")
def big_register_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data folder with BIG_REGISTER_SIZE workers, built once per run through the services.

    Built in memory-backed /dev/shm where there is one: each add is its own transaction and
    synchronous=FULL makes half of its time an fsync, which a throwaway template does not need
    (the copies the tests use live in tmp_path as usual)."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="payung-big-", dir=shm))
    else:
        folder = tmp_path_factory.mktemp("big")
    data_dir = folder / "data"
    ctx = open_context(data_dir)
    try:
        ctx.village.set_up(sukamaju())
        for serial in range(1, BIG_REGISTER_SIZE + 1):
            ctx.register.add(make_worker(serial))
    finally:
        ctx.close()
    yield data_dir
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def big_register(big_register_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    """A private copy of the big register (tests may write to it)."""
    data_dir = tmp_path / "big"
    shutil.copytree(big_register_template, data_dir)
    ctx = open_context(data_dir)
    yield ctx
    wait_for_background_work()
    ctx.close()
