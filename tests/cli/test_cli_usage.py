"""Usage errors (argparse) exit 2 and touch nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from clitools import SITI_NIK, payung, stored


@pytest.mark.parametrize(
    "args",
    [
        ("worker",),
        ("worker", "add", "--nik", SITI_NIK),
        ("worker", "add", "--nik", SITI_NIK, "--name", "Siti", "--birth-date", "1980-05-05",
         "--sex", "P"),
        ("worker", "list", "--bogus"),
        ("worker", "end", SITI_NIK, "--date", "2026-01-01"),
        ("worker", "show"),
        ("worker", "fire", SITI_NIK),
        ("init", "--village-code", "35.21.01.2001"),
        ("restore",),
        ("bogus",),
        ("check", "--verbose"),
    ],
    ids=lambda args: "-".join(a for a in args if not a.isdigit())[:40],
)  # fmt: skip
def test_usage_error_exits_2_and_changes_nothing(village: Path, args: tuple[str, ...]) -> None:
    before = stored(village)
    done = payung(*args, data_dir=village)
    assert done.returncode == 2, done.stderr
    assert "payung" in done.stderr
    assert stored(village) == before
