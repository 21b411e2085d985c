"""Helpers of the CLI tests: run `payung` in a subprocess (the command under test) or in this
process (to prepare data and to look at results), and capture what is stored."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dbprobe import snapshot
from factories import make_nik

from app import cli
from app.config import resolve_paths

REPO = Path(__file__).resolve().parents[2]
VILLAGE_ARGS = (
    "init", "--village-code", "35.21.01.2001", "--village-name", "Sukamaju",
    "--kecamatan", "Ngawi", "--kabupaten", "Ngawi", "--province", "Jawa Timur",
    "--head", "Suparman", "--secretary", "Sri Wahyuni",
)  # fmt: skip

# The workers every copied data folder starts with.
SITI_NIK = make_nik(date(1980, 5, 5), "P", serial=9001)
BUDI_NIK = make_nik(date(1975, 8, 17), "L", serial=9002)
ENDED_NIK = make_nik(date(1968, 2, 29), "L", serial=9003)


def cli_env(**extra: str) -> dict[str, str]:
    # Bytecode caching stays on in these many short processes: compiling app/ on every start
    # would be most of a command's run time.
    dropped = {"PAYUNG_DATA_DIR", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8", **extra)
    return env


def payung(
    *args: str, data_dir: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a new process."""
    prefix = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return subprocess.run(
        [sys.executable, "-m", "app", *prefix, *args],
        cwd=REPO,
        env=env or cli_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def in_process(data_dir: Path, *args: str) -> str:
    """Run a command in this process and return its stdout. For preparing data and looking at
    the result of the command under test (which runs in a subprocess): same code, no start-up."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data-dir", str(data_dir), *args])
    assert code == 0, err.getvalue()
    return out.getvalue()


def listed(data_dir: Path) -> Any:
    """`payung worker list --json`."""
    return json.loads(in_process(data_dir, "worker", "list", "--json"))


def shown(data_dir: Path, ref: str) -> Any:
    """`payung worker show REF --json`."""
    return json.loads(in_process(data_dir, "worker", "show", ref, "--json"))


@dataclass(frozen=True)
class Stored:
    """Everything a command could have changed: the list --json and every row of every table."""

    exists: bool
    listing: Any
    rows: Any


def stored(data_dir: Path) -> Stored:
    db = resolve_paths(data_dir).database
    if not db.exists():
        return Stored(False, None, None)
    return Stored(True, listed(data_dir), snapshot(db))
