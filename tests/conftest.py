"""Shared fixtures: real village databases in temporary folders, through the real migrations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import TODAY, make_village
from hypothesis import HealthCheck, settings

from app.config import Paths, resolve_paths
from app.services.context import AppContext

# Properties are checked on a shared CI machine: judge them on examples, never on wall time.
settings.register_profile(
    "payung", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("payung")


@pytest.fixture
def data_paths(tmp_path: Path) -> Paths:
    """An empty data folder (no database yet)."""
    return resolve_paths(tmp_path / "data")


@pytest.fixture
def bare_ctx(data_paths: Paths) -> Iterator[AppContext]:
    """A freshly migrated database whose village is not set up yet."""
    context = AppContext.open(data_paths, today=lambda: TODAY)
    yield context
    context.close()


@pytest.fixture
def ctx(bare_ctx: AppContext) -> AppContext:
    """A freshly migrated database with its village set up (secretary is the operator)."""
    bare_ctx.village.set_up(make_village())
    return bare_ctx
