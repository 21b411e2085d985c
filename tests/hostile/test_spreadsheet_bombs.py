"""Spreadsheet bombs and huge sheets on the import: each file is read the way `payung import`
and the import wizard read it, in a child process under an address-space limit (1.5 GB, the
reader's worker 512 MB). Every one ends as a preview or an UnreadableFile with an Indonesian
message naming the file - never another exception, never the child killed - and the reading
process stays far below its limit. A refused file writes nothing: the import service reads
the whole file before it writes (tests/services/test_imports.py proves that part).

CI sizes are small; PAYUNG_FUZZ_EXAMPLES raises the zip bomb to that many MB inflated.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.documents.importing import UnreadableFile, isolated, read_preview
from tests.factories_contrib import rates_on
from tests.hostile import bombs
from tests.hostile.conftest import FUZZ_ENV
from tests.wording import words

REPO = Path(__file__).resolve().parents[2]
ZIP_BOMB_MB = int(os.environ.get(FUZZ_ENV, "0") or 0) or 200
READER_MB = 512
RSS_CEILING_MB = 600  # the reading process itself: the file never lands in it whole

BOMBS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "zip bomb": (".xlsx", lambda p: bombs.zip_bomb_xlsx(p, ZIP_BOMB_MB)),
    "last cell XFD1048576": (".xlsx", bombs.huge_dimension_xlsx),
    "declared dimension only": (".xlsx", bombs.declared_only_xlsx),
    "30,000 zip entries": (".xlsx", lambda p: bombs.many_entries_xlsx(p, 30_000)),
    "billion laughs": (".xlsx", bombs.laughs_xlsx),
    "ods repeat attributes": (".ods", bombs.repeated_ods),
    "64 MB csv": (".csv", lambda p: bombs.long_line_csv(p, 64)),
    "40 MB csv line": (".csv", lambda p: bombs.long_line_csv(p, 40)),
    "zip bomb named .csv": (".csv", lambda p: bombs.zip_bomb_xlsx(p, 1)),
    "ods named .xls": (".xls", bombs.repeated_ods),
}


def read_in_child(paths: list[Path]) -> dict[str, dict[str, object]]:
    env = {
        **os.environ,
        isolated.MEMORY_ENV: str(READER_MB),
        "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.hostile.bomb_reader", *map(str, paths)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {Path(line["file"]).name: line for line in lines}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """Every bomb read by one child (one start-up instead of ten); the only preview that
    holds many rows is read last, so the peak memory of the refusals is their own."""
    folder = tmp_path_factory.mktemp("bombs")
    paths = {
        bomb: build(folder / f"{n}{suffix}")
        for n, (bomb, (suffix, build)) in enumerate(sorted(BOMBS.items()))
    }
    order = sorted(paths, key=lambda bomb: bomb == "zip bomb named .csv")
    found = read_in_child([paths[bomb] for bomb in order])
    return {bomb: {**found[paths[bomb].name], "name": paths[bomb].name} for bomb in paths}


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_bomb_is_refused_or_read_within_memory(
    outcomes: dict[str, dict[str, object]], bomb: str
) -> None:
    result = outcomes[bomb]
    assert result["outcome"] in ("preview", "refused"), result
    if result["outcome"] == "refused":
        message = str(result["message"])
        assert str(result["name"]) in message, message
        assert words(message) & {"berkas", "tidak", "terlalu"}, message
        # Refused before the file's content reached this process.
        assert int(str(result["maxrss_mb"])) < RSS_CEILING_MB, result
    # A preview of a file that really holds many rows may take a GB here (the import's
    # budget is 100,000 rows); the child's address-space limit bounds it, and it was not hit.


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a 200,000-character cell", b"NIK;Nama\n1;" + b"x" * 200_000 + b"\n"),
        ("an unclosed quote", b'NIK;Nama\n1;"Siti\n' + b"y" * 200_000),
        ("NULs after the first 4 KB", b"NIK;Nama\n" + b"1;Siti\n" * 800 + b"\x00" * 64),
        ("20,000 columns", b"NIK;Nama;" + b";" * 20_000 + b"\n1;Siti\n"),
        ("UTF-16 without a BOM", "NIK;Nama\n1;Siti\n".encode("utf-16-le")),
        ("mixed encodings", "NIK;Nama\n1;Dési\n".encode() + "2;Dési\n".encode("cp1252")),
        ("CR only line ends", b"NIK;Nama\r1;Siti\r2;Budi\r"),
    ],
)
def test_odd_csv_gives_a_preview_or_an_indonesian_refusal(
    name: str, content: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "daftar.csv"
    path.write_bytes(content)
    try:
        read_preview(path, today=bombs_today(), rates_at=rates_on)
    except UnreadableFile as error:
        found = words(error.message)
        assert error.field == "file" and "daftar.csv" in error.message, error.message
        assert found & {"berkas", "tidak"} and not found & {"field", "limit", "the"}, error.message


def bombs_today() -> object:
    from datetime import date

    return date(2026, 11, 21)
