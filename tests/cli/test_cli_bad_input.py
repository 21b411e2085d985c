"""Every bad-input path of the CLI: exit 1, exactly one Indonesian line on stderr that names
the field (and the fix), and the stored data unchanged.

The refused commands are independent, so they run concurrently once per module (each on its
own copy of the data folder); each test then checks one behaviour of one case.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from clitools import BUDI_NIK, ENDED_NIK, SITI_NIK, VILLAGE_ARGS, Stored, payung, stored
from dbprobe import damage, fill
from factories import make_nik
from wording import assert_indonesian_with_fix

from app.models.backup import copy_database

# A worker whose NIK agrees with its birth date and sex: each case spoils one thing.
NEW_NIK = make_nik(date(1990, 7, 14), "P", serial=4242)
GOOD = {
    "--nik": NEW_NIK,
    "--name": "Dewi Lestari",
    "--birth-date": "1990-07-14",
    "--sex": "P",
    "--category": "petani",
}


def add(**spoiled: str) -> tuple[str, ...]:
    options = {**GOOD, **{"--" + k.replace("_", "-"): v for k, v in spoiled.items()}}
    return ("worker", "add", *[part for pair in options.items() for part in pair])


Prepare = Callable[[Path, Path], tuple[str, ...]]


def _backup_file(data: Path, scratch: Path) -> Path:
    return copy_database(data / "payung.sqlite3", scratch / "payung-cadangan.sqlite3")


def _missing_file(data: Path, scratch: Path) -> tuple[str, ...]:
    return ("restore", str(scratch / "tidak-ada.sqlite3"))


def _text_file(data: Path, scratch: Path) -> tuple[str, ...]:
    path = scratch / "daftar.csv"
    path.write_text("NIK;NAMA\n3521014505800001;Siti Aminah\n", encoding="utf-8")
    return ("restore", str(path))


def _corrupted_file(data: Path, scratch: Path) -> tuple[str, ...]:
    path = _backup_file(data, scratch)
    fill(path)
    damage(path)
    return ("restore", str(path))


def _newer_file(data: Path, scratch: Path) -> tuple[str, ...]:
    path = _backup_file(data, scratch)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    return ("restore", str(path))


def _damaged_after_crash(data: Path, scratch: Path) -> tuple[str, ...]:
    db = data / "payung.sqlite3"
    fill(db)
    damage(db)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # its pid is now a dead process: as if it had the database open and died
    db.with_name(f"{db.name}.open-{child.pid}").touch()
    return ("worker", "list")


def _not_a_database(data: Path, scratch: Path) -> tuple[str, ...]:
    db = data / "payung.sqlite3"
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        extra.unlink(missing_ok=True)
    db.write_bytes(b"NIK;NAMA\n3521014505800001;Siti Aminah\n")
    return ("worker", "list")


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    field: str
    start: str = "village"  # "village": a copy of the set-up folder; "empty": no database
    prepare: Prepare | None = None
    damaged: bool = False  # the database cannot be read: compare its bytes instead


CASES = [
    Case("nik-empty", add(nik=""), "nik"),
    Case("nik-wrong-length", add(nik="352101547090424"), "nik"),
    Case("nik-not-digits", add(nik="35210154O7904242"), "nik"),
    Case("nik-unknown-province", add(nik="9921015407904242"), "nik"),
    Case("nik-invalid-date", add(nik="3521013207904242"), "nik"),
    Case("nik-birth-date-mismatch", add(birth_date="1990-07-15"), "nik"),
    Case("nik-sex-mismatch", add(sex="L"), "nik"),
    Case("nik-duplicate", add(nik=SITI_NIK, birth_date="1980-05-05"), "nik"),
    Case("name-empty", add(name=" "), "name"),
    Case("birth-date-impossible", add(birth_date="1990-02-30"), "birth_date"),
    Case("birth-date-not-a-date", add(birth_date="kemarin"), "birth_date"),
    Case("sex-unknown", add(sex="X"), "sex"),
    Case("category-unknown", add(category="presiden"), "category"),
    Case("phone-letters", add(phone="0812-abc"), "phone"),
    Case("rt-zero", add(rt="0"), "rt"),
    Case("rw-too-big", add(rw="1000"), "rw"),
    Case("kk-short", add(no_kk="35210112345"), "no_kk"),
    Case("kpj-short", add(kpj="1234567"), "kpj"),
    Case("marital-unknown", add(marital_status="siri"), "marital_status"),
    Case("edit-phone", ("worker", "edit", SITI_NIK, "--phone", "abc"), "phone"),
    Case(
        "edit-to-other-nik",
        ("worker", "edit", SITI_NIK, "--nik", BUDI_NIK, "--sex", "L", "--birth-date", "1975-08-17"),
        "nik",
    ),
    Case("edit-sex-against-nik", ("worker", "edit", SITI_NIK, "--sex", "L"), "nik"),
    Case("edit-unknown-nik", ("worker", "edit", "3521010101010001", "--rt", "1"), "worker"),
    Case("show-unknown-nik", ("worker", "show", "3521010101010001"), "worker"),
    Case("show-unknown-id", ("worker", "show", "01a1fd13-2002-76bc-a007-14c791e2810e"), "worker"),
    Case(
        "end-unknown",
        ("worker", "end", "3521010101010001", "--date", "2026-01-01", "--reason", "died"),
        "worker",
    ),
    Case(
        "end-bad-date",
        ("worker", "end", SITI_NIK, "--date", "31-31-2026", "--reason", "died"),
        "date",
    ),
    Case(
        "end-before-birth",
        ("worker", "end", SITI_NIK, "--date", "1970-01-01", "--reason", "died"),
        "date",
    ),
    Case(
        "end-unknown-reason",
        ("worker", "end", SITI_NIK, "--date", "2026-01-01", "--reason", "dipecat"),
        "reason",
    ),
    Case(
        "end-twice",
        ("worker", "end", ENDED_NIK, "--date", "2026-02-01", "--reason", "died"),
        "worker",
    ),
    Case("list-unknown-category", ("worker", "list", "--category", "presiden"), "category"),
    Case(
        "init-other-village",
        (*VILLAGE_ARGS[:2], "35.21.02.2003", *VILLAGE_ARGS[3:]),
        "village_code",
    ),
    Case(
        "init-bad-code",
        (*VILLAGE_ARGS[:2], "35.21.01.9001", *VILLAGE_ARGS[3:]),
        "village_code",
        start="empty",
    ),
    Case(
        "init-unknown-province",
        (*VILLAGE_ARGS[:2], "99.21.01.2001", *VILLAGE_ARGS[3:]),
        "village_code",
        start="empty",
    ),
    Case(
        "init-blank-name",
        (*VILLAGE_ARGS[:4], " ", *VILLAGE_ARGS[5:]),
        "village_name",
        start="empty",
    ),
    Case("add-before-init", add(), "village", start="empty"),
    Case("list-before-init", ("worker", "list"), "village", start="empty"),
    Case("show-before-init", ("worker", "show", SITI_NIK), "village", start="empty"),
    Case("backup-before-init", ("backup",), "database", start="empty"),
    Case(
        "database-damaged-after-crash", (), "database", prepare=_damaged_after_crash, damaged=True
    ),
    Case("database-not-a-database", (), "database", prepare=_not_a_database, damaged=True),
    Case("restore-missing-file", (), "file", prepare=_missing_file),
    Case("restore-not-sqlite", (), "file", prepare=_text_file),
    Case("restore-corrupted", (), "file", prepare=_corrupted_file),
    Case("restore-newer-schema", (), "file", prepare=_newer_file),
]


@dataclass
class Outcome:
    result: subprocess.CompletedProcess[str]
    before: Stored
    after: Stored


@pytest.fixture(scope="module")
def outcomes(
    village_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Outcome]:
    root = tmp_path_factory.mktemp("refused")
    jobs: dict[str, tuple[Path, tuple[str, ...]]] = {}
    for case in CASES:
        data, scratch = root / case.name / "data", root / case.name / "scratch"
        scratch.mkdir(parents=True)
        if case.start == "village":
            shutil.copytree(village_template, data)
        args = case.args + (case.prepare(data, scratch) if case.prepare else ())
        jobs[case.name] = (data, args)
    damaged = {case.name for case in CASES if case.damaged}

    def state(name: str) -> Stored:
        data = jobs[name][0]
        if name in damaged:
            return Stored(True, None, (data / "payung.sqlite3").read_bytes())
        return stored(data)

    befores = {name: state(name) for name in jobs}
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            name: pool.submit(payung, *args, data_dir=data) for name, (data, args) in jobs.items()
        }
        results = {name: future.result() for name, future in futures.items()}
    return {name: Outcome(results[name], befores[name], state(name)) for name in jobs}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_refused_input_exits_1(outcomes: dict[str, Outcome], case: Case) -> None:
    result = outcomes[case.name].result
    assert result.returncode == 1, result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_refusal_is_one_indonesian_line_naming_the_field(
    outcomes: dict[str, Outcome], case: Case
) -> None:
    result = outcomes[case.name].result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    match = re.fullmatch(r"payung: ([a-z_]+): (.+)", lines[0])
    assert match is not None, lines[0]
    assert match[1] == case.field
    assert_indonesian_with_fix(match[2])
    assert result.stdout == ""


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_refusal_leaves_stored_data_unchanged(outcomes: dict[str, Outcome], case: Case) -> None:
    outcome = outcomes[case.name]
    assert outcome.after == outcome.before
