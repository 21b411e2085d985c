"""`payung backup`, `restore` and `check`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from clitools import BUDI_NIK, SITI_NIK, in_process, listed, payung, shown
from dbprobe import damage, fill, query
from factories import make_nik

from app.config import resolve_paths

LATE_NIK = make_nik(date(1990, 7, 14), "P", serial=8001)  # added after the backup
CHECK_KEYS = {
    "healthy", "database", "exists", "integrity", "schema_revision", "schema_head",
    "schema_status",
}  # fmt: skip


def _niks(data: Path) -> list[str]:
    return sorted(w["nik"] for w in listed(data))


def test_backup_prints_the_path_of_a_good_copy(village: Path) -> None:
    done = payung("backup", data_dir=village)
    made = Path(done.stdout.strip())
    assert done.returncode == 0, done.stderr
    assert made.is_file() and made.is_relative_to(village)
    assert query(made, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
    assert {r["nik"] for r in query(made, "SELECT nik FROM worker")} >= {SITI_NIK, BUDI_NIK}


def test_backup_out_writes_into_the_chosen_folder(village: Path, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    done = payung("backup", "--out", str(usb), data_dir=village)
    made = Path(done.stdout.strip())
    assert done.returncode == 0, done.stderr
    assert made.parent == usb and made.is_file()
    assert made.name.startswith("payung-35-21-01-2001-")


def test_restore_brings_back_the_backed_up_register(village: Path, tmp_path: Path) -> None:
    made = payung("backup", "--out", str(tmp_path / "usb"), data_dir=village).stdout.strip()
    in_process(village, "worker", "add", "--nik", LATE_NIK, "--name", "Dewi Lestari",
               "--birth-date", "1990-07-14", "--sex", "P", "--category", "petani")  # fmt: skip
    in_process(village, "worker", "end", SITI_NIK, "--date", "2026-10-31", "--reason", "died")
    assert LATE_NIK in _niks(village)

    done = payung("restore", made, data_dir=village)

    assert done.returncode == 0, done.stderr
    assert LATE_NIK not in _niks(village)
    assert shown(village, SITI_NIK)["status"] == "active"


def test_restore_keeps_the_replaced_file_aside(village: Path, tmp_path: Path) -> None:
    made = payung("backup", "--out", str(tmp_path / "usb"), data_dir=village).stdout.strip()
    in_process(village, "worker", "end", SITI_NIK, "--date", "2026-10-31", "--reason", "died")
    payung("restore", made, data_dir=village)
    kept = list(resolve_paths(village).replaced.glob("*.sqlite3"))
    assert len(kept) == 1
    assert query(kept[0], "SELECT status FROM worker WHERE nik = ?", (SITI_NIK,)) == [
        {"status": "ended"}
    ]


def test_restore_onto_a_new_pc_needs_no_existing_data(village: Path, tmp_path: Path) -> None:
    made = payung("backup", "--out", str(tmp_path / "usb"), data_dir=village).stdout.strip()
    fresh = tmp_path / "new-pc" / "data"
    done = payung("restore", made, data_dir=fresh)
    assert done.returncode == 0, done.stderr
    assert _niks(fresh) == _niks(village)


def test_restore_repairs_a_database_damaged_in_a_crash(village: Path, tmp_path: Path) -> None:
    made = payung("backup", "--out", str(tmp_path / "usb"), data_dir=village).stdout.strip()
    before = _niks(village)
    db = resolve_paths(village).database
    fill(db)
    damage(db)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    db.with_name(f"{db.name}.open-{child.pid}").touch()  # a writer died with it open

    done = payung("restore", made, data_dir=village)

    assert done.returncode == 0, done.stderr
    assert _niks(village) == before


def test_check_of_a_healthy_database_exits_0(village: Path) -> None:
    done = payung("check", data_dir=village)
    assert (done.returncode, done.stdout.startswith("sehat")) == (0, True)


def test_check_json_reports_every_key(village: Path) -> None:
    done = payung("check", "--json", data_dir=village)
    report = json.loads(done.stdout)
    assert set(report) == CHECK_KEYS
    assert (report["healthy"], report["integrity"], report["schema_status"]) == (
        True,
        "ok",
        "current",
    )


def test_check_of_a_missing_database_exits_1(tmp_path: Path) -> None:
    done = payung("check", "--json", data_dir=tmp_path / "nothing")
    report = json.loads(done.stdout)
    assert (done.returncode, report["healthy"], report["exists"]) == (1, False, False)


def test_check_of_a_damaged_database_exits_1(village: Path) -> None:
    db = resolve_paths(village).database
    fill(db)
    damage(db)
    done = payung("check", "--json", data_dir=village)
    report = json.loads(done.stdout)
    assert (done.returncode, report["healthy"]) == (1, False)
    assert report["integrity"] != "ok"
