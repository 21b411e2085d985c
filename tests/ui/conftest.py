"""Fixtures for the window's tests: real SQLite files through AppContext and the real services."""

from __future__ import annotations

import shutil
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
def big_register_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with BIG_REGISTER_SIZE workers, built once per run through the services."""
    data_dir = tmp_path_factory.mktemp("big") / "data"
    ctx = open_context(data_dir)
    try:
        ctx.village.set_up(sukamaju())
        for serial in range(1, BIG_REGISTER_SIZE + 1):
            ctx.register.add(make_worker(serial))
    finally:
        ctx.close()
    return data_dir


@pytest.fixture
def big_register(big_register_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    """A private copy of the big register (tests may write to it)."""
    data_dir = tmp_path / "big"
    shutil.copytree(big_register_template, data_dir)
    ctx = open_context(data_dir)
    yield ctx
    wait_for_background_work()
    ctx.close()
