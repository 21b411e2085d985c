"""`payung export | export-new | profiles list` as a subprocess.

The village is set up once per module through the services; every test runs the real command
line on its own copy of that data folder.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from clitools import payung

from app.domain.period import Period
from tests.factories_contrib import enroll_draft, make_worker_draft, village_context

NOV = "2026-11"
COMPLETE = {"birth_place": "Ngawi", "mother_name": "Suminah", "address": "Jl. Raya No. 5"}


@dataclass(frozen=True)
class Village:
    complete: str  # PU from 1 Jan 2026, every registration field filled in
    bare: str  # BPU from 1 Jun 2026, no birth place, mother's name or address


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Village]:
    folder = tmp_path_factory.mktemp("cli-export") / "data"
    ctx = village_context(folder)
    try:
        complete = ctx.register.add(make_worker_draft(**COMPLETE))
        ctx.enrollments.enroll(complete.nik, enroll_draft(programmes="JKK,JKM,JHT"))
        bare = ctx.register.add(make_worker_draft())
        ctx.enrollments.enroll(
            bare.nik, enroll_draft(segment="BPU", wage="1000000", payer="apbd", start="2026-06-01")
        )
        ctx.roster.generate(Period(2026, 11))
    finally:
        ctx.close()
    return folder, Village(complete.nik, bare.nik)


@pytest.fixture
def village(prepared: tuple[Path, Village], tmp_path: Path) -> tuple[Path, Village]:
    folder, people = prepared
    return Path(shutil.copytree(folder, tmp_path / "data")), people


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_export_prints_the_path_and_the_row_count(
    village: tuple[Path, Village], tmp_path: Path
) -> None:
    data, _ = village
    out = tmp_path / "usb" / "iuran-2026-11.xlsx"
    done = payung("export", NOV, "--out", str(out), data_dir=data)
    assert done.returncode == 0, done.stderr
    path, summary = done.stdout.splitlines()
    assert Path(path) == out and out.exists()
    assert summary.startswith("2 baris, iuran 2026-11 (DRAF, belum dikunci), profil bpjs-iuran")


def test_export_of_one_payer(village: tuple[Path, Village], tmp_path: Path) -> None:
    data, _ = village
    done = payung(
        "export", NOV, "--out", str(tmp_path / "a.xlsx"), "--payer", "apbd", data_dir=data
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("1 baris")


def test_export_new_with_a_refused_line_says_why_on_one_line(
    village: tuple[Path, Village], tmp_path: Path
) -> None:
    data, people = village
    out = tmp_path / "baru.xlsx"
    done = payung("export-new", "--since", "2026-01-01", "--out", str(out), data_dir=data)
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert line.startswith("payung: export: 1 baris tidak dapat diekspor (3 alasan)")
    assert f"baris 2 (NIK {people.bare}" in line and "Tempat Lahir" in line
    assert not out.exists() and list(tmp_path.glob(".*.part")) == []


def test_export_new_reads_day_first_dates_and_refuses_when_nothing_is_new(
    village: tuple[Path, Village], tmp_path: Path
) -> None:
    data, _ = village
    out = tmp_path / "baru.xlsx"
    done = payung("export-new", "--since", "01-01-2026", "--out", str(out), data_dir=data)
    assert done.returncode == 1  # the incomplete BPU worker starts on 1 June: still in
    done = payung("export-new", "--since", "2026-06-02", "--out", str(out), data_dir=data)
    assert done.returncode == 1 and one_line(done.stderr).startswith("payung: since:")


def test_export_new_with_a_lenient_user_profile(
    village: tuple[Path, Village], tmp_path: Path
) -> None:
    data, _ = village
    (data / "profiles").mkdir()
    (data / "profiles" / "ringkas.toml").write_text(
        'name = "ringkas"\nversion = "1"\nkind = "registration"\ntitle = "Ringkas"\n'
        'sheet = "Baru"\ncolumns = [ { header = "NIK", source = "nik" },'
        ' { header = "TMT", source = "start", date_pattern = "yyyy-mm-dd" } ]\n',
        encoding="utf-8",
    )
    out = tmp_path / "baru.xlsx"
    args = ("export-new", "--since", "2026-01-01", "--out", str(out), "--profile", "ringkas")
    done = payung(*args, data_dir=data)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "2 baris, TMT sejak 2026-01-01, profil ringkas versi 1"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("export", "2026-13", "--out", "x.xlsx"), "period"),
        (("export", NOV, "--out", "x.xlsx", "--payer", "desa"), "payer"),
        (("export", NOV, "--out", "x.csv"), "out"),
        (("export", NOV, "--out", "x.xlsx", "--profile", "sipp"), "profile"),
        (("export", "2026-10", "--out", "x.xlsx"), "period"),
        (("export-new", "--since", "kemarin", "--out", "x.xlsx"), "since"),
    ],
)
def test_bad_input_is_one_line_naming_the_field(
    village: tuple[Path, Village], tmp_path: Path, args: tuple[str, ...], field: str
) -> None:
    data, _ = village
    args = tuple(str(tmp_path / a) if a.startswith("x.") else a for a in args)
    done = payung(*args, data_dir=data)
    assert done.returncode == 1
    assert one_line(done.stderr).startswith(f"payung: {field}: ")


def test_missing_out_is_a_usage_error(village: tuple[Path, Village]) -> None:
    data, _ = village
    assert payung("export", NOV, data_dir=data).returncode == 2
    assert payung("export-new", "--out", "x.xlsx", data_dir=data).returncode == 2


def test_profiles_list_shows_name_version_kind_and_invalid_files(
    village: tuple[Path, Village],
) -> None:
    data, _ = village
    (data / "profiles").mkdir()
    (data / "profiles" / "rusak.toml").write_text('name = "rusak"\n', encoding="utf-8")
    done = payung("profiles", "list", data_dir=data)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.split()[:4] == ["bpjs-iuran", "versi", "1", "roster"] for line in lines)
    assert any(line.startswith("bpjs-pendaftaran") for line in lines)
    assert any(line.startswith("TIDAK SAH ") and "rusak.toml" in line for line in lines)


def test_profiles_list_json(village: tuple[Path, Village]) -> None:
    data, _ = village
    done = payung("profiles", "list", "--json", data_dir=data)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert set(document) == {"profiles", "invalid"}
    by_name = {p["name"]: p for p in document["profiles"]}
    roster = by_name["bpjs-iuran"]
    assert set(roster) == {
        "name", "version", "kind", "title", "description", "sheet", "start_row", "origin",
        "file", "columns",
    }  # fmt: skip
    assert (roster["kind"], roster["origin"], roster["version"]) == ("roster", "shipped", "1")
    assert roster["columns"][1] == {
        "header": "NIK", "source": "nik", "type": "text", "date_pattern": None, "required": True,
    }  # fmt: skip
    assert document["invalid"] == []
