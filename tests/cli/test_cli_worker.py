"""`payung worker add|list|show|edit|end`, in text and --json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from clitools import BUDI_NIK, ENDED_NIK, SITI_NIK, listed, payung, shown
from factories import make_nik

LIST_KEYS = {"id", "nik", "name", "birth_date", "sex", "category", "status"}
SHOW_KEYS = {
    "id", "nik", "name", "birth_date", "birth_place", "sex", "category", "position", "phone",
    "address", "dusun", "rt", "rw", "mother_name", "status",
}  # fmt: skip
SHOW_EXTRAS = {"no_kk", "kpj", "marital_status", "end_date", "end_reason", "updated_at"}

DEWI_NIK = make_nik(date(1990, 7, 14), "P", serial=7001)
DEWI = (
    "--nik", f"{DEWI_NIK[:6]}.{DEWI_NIK[6:12]}.{DEWI_NIK[12:]}", "--name", "Dewi Lestari",
    "--birth-date", "1990-07-14", "--sex", "P", "--category", "petani",
    "--birth-place", "Ngawi", "--position", "Anggota Kelompok Tani", "--phone", "+62 812 3456 7890",
    "--address", "Jl. Melati 3", "--dusun", "Krajan", "--rt", "2", "--rw", "5",
    "--mother-name", "Suminah",
)  # fmt: skip


def test_add_stores_the_worker(village: Path) -> None:
    done = payung("worker", "add", *DEWI, data_dir=village)
    assert done.returncode == 0, done.stderr
    assert "Dewi Lestari" in done.stdout
    assert [w["name"] for w in listed(village) if w["nik"] == DEWI_NIK] == ["Dewi Lestari"]


def test_add_json_prints_the_stored_worker_under_option_names(village: Path) -> None:
    done = payung("worker", "add", *DEWI, "--json", data_dir=village)
    shown = json.loads(done.stdout)
    assert set(shown) >= SHOW_KEYS and set(shown) - SHOW_KEYS <= SHOW_EXTRAS
    assert (shown["nik"], shown["phone"], shown["rt"], shown["rw"], shown["mother_name"]) == (
        DEWI_NIK,
        "081234567890",
        "002",
        "005",
        "Suminah",
    )


def test_list_json_is_a_list_of_objects_with_the_required_keys(village: Path) -> None:
    done = payung("worker", "list", "--json", data_dir=village)
    rows = json.loads(done.stdout)
    assert done.returncode == 0
    assert isinstance(rows, list) and len(rows) == 3
    assert all(set(row) >= LIST_KEYS for row in rows)


def test_list_json_is_ordered_by_name_with_codes(village: Path) -> None:
    rows = json.loads(payung("worker", "list", "--json", data_dir=village).stdout)
    assert [(r["name"], r["sex"], r["category"], r["status"]) for r in rows] == [
        ("Budi Santoso", "L", "perangkat_desa", "active"),
        ("Siti Aminah", "P", "kader_posyandu", "active"),
        ("Slamet Riyadi", "L", "linmas", "ended"),
    ]


def test_list_text_prints_one_line_per_worker(village: Path) -> None:
    done = payung("worker", "list", data_dir=village)
    lines = done.stdout.splitlines()
    assert done.returncode == 0
    assert [line.split()[0] for line in lines] == [BUDI_NIK, SITI_NIK, ENDED_NIK]


def test_list_search_by_name(village: Path) -> None:
    rows = json.loads(
        payung("worker", "list", "--search", "AMIN", "--json", data_dir=village).stdout
    )
    assert [r["nik"] for r in rows] == [SITI_NIK]


def test_list_search_by_nik_prefix(village: Path) -> None:
    rows = json.loads(
        payung("worker", "list", "--search", BUDI_NIK[:12], "--json", data_dir=village).stdout
    )
    assert [r["name"] for r in rows] == ["Budi Santoso"]


def test_list_category_filter(village: Path) -> None:
    rows = json.loads(
        payung("worker", "list", "--category", "linmas", "--json", data_dir=village).stdout
    )
    assert [r["nik"] for r in rows] == [ENDED_NIK]


def test_show_json_has_every_field_under_its_option_name(village: Path) -> None:
    done = payung("worker", "show", BUDI_NIK, "--json", data_dir=village)
    assert done.returncode == 0, done.stderr
    detail = json.loads(done.stdout)
    assert set(detail) >= SHOW_KEYS
    assert set(detail) - SHOW_KEYS <= SHOW_EXTRAS
    assert (detail["name"], detail["birth_date"], detail["rt"], detail["rw"], detail["phone"]) == (
        "Budi Santoso",
        "1975-08-17",
        "001",
        "002",
        "081234567890",
    )


def test_show_by_id_is_the_same_as_by_nik(village: Path) -> None:
    by_nik = shown(village, SITI_NIK)
    done = payung("worker", "show", by_nik["id"], "--json", data_dir=village)
    assert json.loads(done.stdout) == by_nik


def test_show_text_prints_field_lines(village: Path) -> None:
    done = payung("worker", "show", SITI_NIK, data_dir=village)
    fields = dict(
        line.split(maxsplit=1) for line in done.stdout.splitlines() if " " in line.strip()
    )
    assert done.returncode == 0
    assert (fields["nik"], fields["name"], fields["status"]) == (SITI_NIK, "Siti Aminah", "active")


def test_edit_changes_only_the_given_fields(village: Path) -> None:
    before = shown(village, BUDI_NIK)
    done = payung("worker", "edit", BUDI_NIK, "--phone", "0813 9999 8888", "--rt", "7",
                  data_dir=village)  # fmt: skip
    after = shown(village, BUDI_NIK)
    assert done.returncode == 0, done.stderr
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {"phone", "rt", "updated_at"}
    assert (after["phone"], after["rt"]) == ("081399998888", "007")


def test_edit_json_prints_the_edited_worker(village: Path) -> None:
    done = payung(
        "worker", "edit", SITI_NIK, "--position", "Ketua Kader", "--json", data_dir=village
    )
    assert json.loads(done.stdout)["position"] == "Ketua Kader"


def test_end_records_date_and_reason(village: Path) -> None:
    done = payung("worker", "end", SITI_NIK, "--date", "2026-10-31", "--reason", "moved",
                  data_dir=village)  # fmt: skip
    detail = shown(village, SITI_NIK)
    assert done.returncode == 0, done.stderr
    assert (detail["status"], detail["end_date"], detail["end_reason"]) == (
        "ended",
        "2026-10-31",
        "moved",
    )
