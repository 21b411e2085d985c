"""`payung import FILE [--sheet NAME] [--dry-run] [--report OUT.xlsx] [--json]` as a subprocess:
the --json contract, dry run writes nothing, the real run imports every row without an error,
the report, and bad input (exit 1, one Indonesian line naming the field, nothing stored).

The refused commands are independent, so they run concurrently once per module, each on its
own copy of the data folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from clitools import SITI_NIK, Stored, cli_env, listed, payung, stored
from factories import make_nik
from wording import assert_indonesian_with_fix

from app.documents.importing import isolated
from tests.documents.import_corpus import cfb_claiming_terabytes, write_csv, write_xlsx

HEADER = ["No", "NIK", "Nama", "Tgl Lahir", "L/P", "Jabatan", "Segmen", "Program", "Upah",
          "Sumber Dana", "TMT"]  # fmt: skip
DEWI = make_nik(date(1990, 7, 14), "P", serial=4301)
JOKO = make_nik(date(1969, 9, 9), "L", serial=4302)
ROWS = [
    [1, DEWI, "Dewi Lestari", "14-07-1990", "P", "Kader Posyandu", "BPU", "JKK,JKM", 1_000_000,
     "APBD", "2026-02-01"],
    [2, JOKO, "Joko Purnomo", date(1969, 9, 9), "L", "Juru Parkir"],
    [3, SITI_NIK, "Siti Aminah", "05-05-1980", "P", "Kader Posyandu"],  # on the register
    [4, "3.52101E+15", "Heru Kurniawan", "12-03-1985", "L", "Kasi Pelayanan"],
]  # fmt: skip
PROBLEMS = [
    (4, "Jabatan", "warning", "category_guessed"),
    (5, "NIK", "error", "duplicate_in_register"),
    (6, "NIK", "error", "nik_numeric"),
]


def daftar(folder: Path) -> Path:
    return write_xlsx(folder / "daftar.xlsx", [["DAFTAR PESERTA"], HEADER, *ROWS], sheet="Peserta")


def run_json(village: Path, *args: str) -> Any:
    done = payung("import", *args, "--json", data_dir=village)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def test_json_contract_on_a_dry_run(village: Path, tmp_path: Path) -> None:
    before = stored(village)
    document = run_json(village, str(daftar(tmp_path)), "--dry-run")
    assert list(document) == ["rows_read", "valid", "invalid", "imported", "problems"]
    assert (document["rows_read"], document["valid"], document["invalid"]) == (4, 2, 2)
    assert document["imported"] == 0
    for problem in document["problems"]:
        assert list(problem) == ["row", "column", "severity", "code", "message"]
        assert isinstance(problem["row"], int) and problem["severity"] in ("error", "warning")
    assert [(p["row"], p["column"], p["severity"], p["code"]) for p in document["problems"]] == (
        PROBLEMS
    )
    assert "Siti Aminah" in document["problems"][1]["message"]
    assert stored(village) == before
    assert not (village / "backups" / "pre-import").exists()


def test_import_writes_every_row_without_an_error(village: Path, tmp_path: Path) -> None:
    document = run_json(village, str(daftar(tmp_path)))
    assert (document["valid"], document["imported"]) == (2, 2)
    niks = {row["nik"] for row in listed(village)}
    assert {DEWI, JOKO} <= niks and len(niks) == 5
    assert len(list((village / "backups" / "pre-import").glob("*.sqlite3"))) == 1
    enrolled = payung("status", "--json", data_dir=village)
    assert DEWI in enrolled.stdout


def test_report_lists_the_problems(village: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "laporan" / "masalah.xlsx"
    run_json(village, str(daftar(tmp_path)), "--dry-run", "--report", str(out))
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert [(r[0], r[1], r[3]) for r in rows[1:]] == [(p[0], p[1], p[3]) for p in PROBLEMS]


def test_text_output(village: Path, tmp_path: Path) -> None:
    done = payung("import", str(daftar(tmp_path)), "--sheet", "Peserta", data_dir=village)
    assert done.returncode == 0, done.stderr
    assert "4 baris dibaca: 2 sah, 2 ditolak" in done.stdout
    assert "2 pekerja diimpor" in done.stdout
    assert "baris 6 [NIK] kesalahan nik_numeric" in done.stdout


def test_csv_from_the_command_line(village: Path, tmp_path: Path) -> None:
    lines = ["NIK;Nama;TTL;JK;Pekerjaan", f"{JOKO};Joko Purnomo;Ngawi, 9 September 1969;L;Nelayan"]
    path = write_csv(tmp_path / "rentan.csv", lines, encoding="cp1252")
    document = run_json(village, str(path))
    assert (document["imported"], document["problems"]) == (1, [])


# -- bad input ---------------------------------------------------------------------------------
Prepare = Callable[[Path], tuple[str, ...]]


def _random_bytes(scratch: Path) -> tuple[str, ...]:
    path = scratch / "rusak.xlsx"
    path.write_bytes(bytes(range(256)) * 4)
    return ("import", str(path))


def _cut_off(scratch: Path) -> tuple[str, ...]:
    whole = daftar(scratch).read_bytes()
    path = scratch / "potong.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return ("import", str(path), "--json")


def _kills_the_reader(scratch: Path) -> tuple[str, ...]:
    path = scratch / "lama.xls"
    path.write_bytes(cfb_claiming_terabytes())
    return ("import", str(path))


def _missing(scratch: Path) -> tuple[str, ...]:
    return ("import", str(scratch / "tidak-ada.xlsx"))


def _empty(scratch: Path) -> tuple[str, ...]:
    path = scratch / "kosong.csv"
    path.write_bytes(b"")
    return ("import", str(path))


def _no_header(scratch: Path) -> tuple[str, ...]:
    return ("import", str(write_xlsx(scratch / "surat.xlsx", [["Surat undangan"], ["Rapat"]])))


def _unknown_sheet(scratch: Path) -> tuple[str, ...]:
    return ("import", str(daftar(scratch)), "--sheet", "Sheet9")


def _report_not_xlsx(scratch: Path) -> tuple[str, ...]:
    return ("import", str(daftar(scratch)), "--report", str(scratch / "laporan.pdf"))


def _report_unwritable(scratch: Path) -> tuple[str, ...]:
    blocker = scratch / "berkas.txt"
    blocker.write_text("bukan folder")
    return ("import", str(daftar(scratch)), "--report", str(blocker / "laporan.xlsx"))


CASES: dict[str, tuple[Prepare, str]] = {
    "random bytes": (_random_bytes, "file"),
    "cut-off xlsx": (_cut_off, "file"),
    "kills the reader": (_kills_the_reader, "file"),
    "missing file": (_missing, "file"),
    "empty file": (_empty, "file"),
    "no header": (_no_header, "file"),
    "unknown sheet": (_unknown_sheet, "sheet"),
    "report not xlsx": (_report_not_xlsx, "report"),
    "report unwritable": (_report_unwritable, "report"),
}


@dataclass(frozen=True)
class Refused:
    done: subprocess.CompletedProcess[str]
    before: Stored
    after: Stored
    reports: list[Path]


@pytest.fixture(scope="module")
def refused(village_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Refused]:
    # Looking at stored data runs the CLI in this process (stdout redirected): one at a time.
    # Only the commands under test run concurrently.
    prepared = {}
    for name, (prepare, _) in CASES.items():
        scratch = tmp_path_factory.mktemp("import-bad")
        data = Path(shutil.copytree(village_template, scratch / "data"))
        prepared[name] = (scratch, data, prepare(scratch), stored(data))
    with ThreadPoolExecutor(max_workers=4) as pool:
        # A damaged file may make the reader ask for all memory: keep its limit small here.
        env = cli_env(**{isolated.MEMORY_ENV: "512"})
        runs = pool.map(lambda item: payung(*item[2], data_dir=item[1], env=env), prepared.values())
        done = dict(zip(prepared, runs, strict=True))
    return {
        name: Refused(done[name], before, stored(data), list(scratch.rglob("laporan*")))
        for name, (scratch, data, _, before) in prepared.items()
    }


@pytest.mark.parametrize("case", CASES)
def test_bad_input_exits_1_with_one_line_naming_the_field(
    refused: dict[str, Refused], case: str
) -> None:
    done = refused[case].done
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    field = CASES[case][1]
    assert lines[0].startswith(f"payung: {field}: ")
    assert_indonesian_with_fix(lines[0].split(": ", 2)[2])


@pytest.mark.parametrize("case", CASES)
def test_bad_input_stores_nothing(refused: dict[str, Refused], case: str) -> None:
    result = refused[case]
    assert result.after == result.before
    assert result.reports == []


def test_no_village_yet(tmp_path: Path) -> None:
    done = payung("import", str(daftar(tmp_path)), data_dir=tmp_path / "baru")
    assert done.returncode == 1
    assert done.stderr.startswith("payung: village: ")


def test_file_is_required(village: Path) -> None:
    assert payung("import", data_dir=village).returncode == 2
