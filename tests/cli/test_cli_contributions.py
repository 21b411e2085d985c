"""`payung enroll | unenroll | roster | pay | status | quota | rates` as a subprocess.

The village, its workers and their periods are set up once per module through the services;
every test runs the real command line on its own copy of that data folder.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from app.config import resolve_paths
from app.domain.categories import EndReason
from app.domain.period import Period
from app.services.context import AppContext
from tests.factories_contrib import (
    TODAY,
    add_worker,
    bpu_draft,
    enroll_draft,
    village_context,
)

REPO_ROOT = Path(__file__).parents[2]
NOV = "2026-11"
PU_LINE = 4_853 + 6_067
BPU_LINE = 16_800


@dataclass(frozen=True)
class Village:
    """NIKs in the prepared data folder."""

    free: str  # on the register, no coverage period
    pu: str  # PU JKK+JKM on Rp2.022.200, APBDes, since 1 Jan 2026
    bpu: str  # BPU JKK+JKM on the lowest bracket, DBHCHT, since 1 Jun 2026


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Village]:
    folder = tmp_path_factory.mktemp("cli-contrib") / "data"
    ctx = village_context(folder)
    try:
        free = add_worker(ctx, name="Budi Santoso")
        pu = add_worker(ctx, name="Agus Setiawan")
        bpu = add_worker(ctx, name="Siti Aminah", sex="P", category="kader_posyandu")
        ctx.enrollments.enroll(pu.nik, enroll_draft())
        ctx.enrollments.enroll(bpu.nik, bpu_draft(start="2026-06-01", payer="dbhcht"))
    finally:
        ctx.close()
    return folder, Village(free.nik, pu.nik, bpu.nik)


@pytest.fixture
def data(prepared: tuple[Path, Village], tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(prepared[0], target)
    return target


@pytest.fixture
def village(prepared: tuple[Path, Village]) -> Village:
    return prepared[1]


def payung(data_dir: Path, *args: str) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "LANG": "C.UTF-8"},
        timeout=60,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def snapshot(data_dir: Path) -> str:
    conn = sqlite3.connect(data_dir / "payung.sqlite3")
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def village_context_at(data_dir: Path) -> AppContext:
    return AppContext.open(resolve_paths(data_dir), today=lambda: TODAY)


def generate_november(data_dir: Path) -> None:
    ctx = village_context_at(data_dir)
    try:
        ctx.roster.generate(Period(2026, 11))
    finally:
        ctx.close()


def lock_november(data_dir: Path) -> None:
    ctx = village_context_at(data_dir)
    try:
        ctx.roster.generate(Period(2026, 11))
        ctx.roster.lock(Period(2026, 11))
    finally:
        ctx.close()


def assert_refused(run: Run, field: str) -> None:
    """Exit 1 with one Indonesian line on stderr that names the field."""
    assert run.code == 1, run
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"payung: {field}: "), lines[0]
    assert run.out == ""


# -- enroll / unenroll ----------------------------------------------------------------------
def test_enroll_prints_the_new_period(data: Path, village: Village) -> None:
    run = payung(data, "enroll", village.free, "--segment", "PU", "--programs", "JKK,JKM,JHT",
                 "--wage", "2.022.200", "--payer", "apbdes", "--start", "2026-11-01")  # fmt: skip
    assert run.code == 0, run.err
    assert run.out.startswith("Kepesertaan PU JKK,JKM,JHT mulai 2026-11-01")


def test_enroll_json_keys(data: Path, village: Village) -> None:
    run = payung(data, "enroll", village.free, "--segment", "PU", "--programs", "JKK,JKM,JHT",
                 "--wage", "2022200", "--payer", "apbdes", "--start", "2026-11-01",
                 "--risk-class", "2", "--kpj", "12345678901", "--json")  # fmt: skip
    assert run.code == 0, run.err
    document = run.json()
    assert isinstance(document, dict)
    assert set(document) == {
        "id", "worker_id", "segment", "programs", "wage", "risk_class", "payer", "kpj",
        "start", "end", "end_reason", "status", "jkp_entitled",
    }  # fmt: skip
    assert {k: document[k] for k in ("segment", "programs", "wage", "risk_class", "kpj")} == {
        "segment": "PU",
        "programs": ["JKK", "JKM", "JHT"],
        "wage": 2_022_200,
        "risk_class": 2,
        "kpj": "12345678901",
    }
    assert (document["status"], document["end"], document["jkp_entitled"]) == (
        "active",
        None,
        True,
    )


def test_unenroll_ends_the_running_period(data: Path, village: Village) -> None:
    run = payung(data, "unenroll", village.pu, "--date", "2026-10-31", "--reason", "term_ended")
    assert (run.code, run.out.strip()) == (0, "Kepesertaan berakhir 2026-10-31 (term_ended)")


def test_unenrolled_period_is_not_billed_the_next_month(data: Path, village: Village) -> None:
    payung(data, "unenroll", village.pu, "--date", "2026-10-31", "--reason", "term_ended")
    ctx = village_context_at(data)
    try:
        assert [line.nik for line in ctx.roster.generate(Period(2026, 11)).lines] == [village.bpu]
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"--payer": "apbn"}, "payer"),
        ({"--segment": "BPU", "--wage": "1000000", "--programs": "JKK,JKM,JP"}, "programs"),
        ({"--wage": "0"}, "wage"),
    ],
    ids=["unknown-payer", "bpu-with-jp", "wage-0"],
)
def test_enroll_bad_input_is_refused_and_nothing_changes(
    data: Path, village: Village, changes: dict[str, str], field: str
) -> None:
    options = {"--segment": "PU", "--programs": "JKK,JKM", "--wage": "2022200",
               "--payer": "apbdes", "--start": "2026-11-01", **changes}  # fmt: skip
    before = snapshot(data)
    run = payung(data, "enroll", village.free, *[x for kv in options.items() for x in kv])
    assert_refused(run, field)
    assert snapshot(data) == before


def test_enroll_overlapping_period_is_refused_and_nothing_changes(
    data: Path, village: Village
) -> None:
    before = snapshot(data)
    run = payung(data, "enroll", village.pu, "--segment", "PU", "--programs", "JKK,JKM",
                 "--wage", "2022200", "--payer", "apbdes", "--start", "2026-06-01")  # fmt: skip
    assert_refused(run, "start")
    assert snapshot(data) == before


def test_enroll_without_segment_is_a_usage_error(data: Path, village: Village) -> None:
    run = payung(data, "enroll", village.free, "--programs", "JKK,JKM", "--wage", "1",
                 "--payer", "apbdes", "--start", "2026-11-01")  # fmt: skip
    assert run.code == 2


# -- roster ---------------------------------------------------------------------------------
def test_roster_generates_and_prints_the_draft(data: Path, village: Village) -> None:
    run = payung(data, "roster", NOV)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Iuran 2026-11 (draf): 2 peserta"
    assert any(village.pu in line and "= Rp10.920" in line for line in lines)
    assert lines[-1] == "Jumlah seluruhnya: Rp27.720"


def test_roster_json_shape(data: Path, village: Village) -> None:
    document = payung(data, "roster", NOV, "--json").json()
    assert document == {
        "period": NOV,
        "locked": False,
        "lines": [
            {"nik": village.pu, "name": "Agus Setiawan", "segment": "PU", "payer": "apbdes",
             "wage": 2_022_200, "amounts": {"JKK": 4_853, "JKM": 6_067}, "total": PU_LINE},
            {"nik": village.bpu, "name": "Siti Aminah", "segment": "BPU", "payer": "dbhcht",
             "wage": 1_000_000, "amounts": {"JKK": 10_000, "JKM": 6_800}, "total": BPU_LINE},
        ],
        "totals_by_payer": {"apbdes": PU_LINE, "dbhcht": BPU_LINE},
        "total": PU_LINE + BPU_LINE,
    }  # fmt: skip


def test_roster_for_one_payer(data: Path, village: Village) -> None:
    document = payung(data, "roster", NOV, "--payer", "dbhcht", "--json").json()
    assert isinstance(document, dict)
    assert [line["nik"] for line in document["lines"]] == [village.bpu]
    assert (document["totals_by_payer"], document["total"]) == ({"dbhcht": BPU_LINE}, BPU_LINE)


def test_roster_lock_freezes_the_month(data: Path) -> None:
    generate_november(data)
    document = payung(data, "roster", NOV, "--lock", "--json").json()
    assert isinstance(document, dict)
    assert (document["locked"], document["total"]) == (True, PU_LINE + BPU_LINE)


def test_roster_of_a_locked_month_prints_it_without_recomputing(
    data: Path, village: Village
) -> None:
    lock_november(data)
    ctx = village_context_at(data)
    try:
        ctx.enrollments.end(village.pu, on=date(2026, 10, 31), reason=EndReason.OTHER)
    finally:
        ctx.close()
    before = snapshot(data)
    run = payung(data, "roster", NOV)
    assert run.out.startswith("Iuran 2026-11 (TERKUNCI): 2 peserta"), run
    assert snapshot(data) == before


def test_locking_a_locked_month_again_is_refused(data: Path) -> None:
    lock_november(data)
    before = snapshot(data)
    assert_refused(payung(data, "roster", NOV, "--lock"), "period")
    assert snapshot(data) == before


def test_roster_bad_period_is_refused_and_nothing_changes(data: Path) -> None:
    before = snapshot(data)
    assert_refused(payung(data, "roster", "2026-13"), "period")
    assert snapshot(data) == before


def test_roster_unknown_payer_is_refused_and_nothing_changes(data: Path) -> None:
    before = snapshot(data)
    assert_refused(payung(data, "roster", NOV, "--payer", "bank"), "payer")
    assert snapshot(data) == before


def test_roster_without_period_is_a_usage_error(data: Path) -> None:
    assert payung(data, "roster").code == 2


# -- pay ------------------------------------------------------------------------------------
def test_pay_reports_the_balance(data: Path) -> None:
    lock_november(data)
    run = payung(data, "pay", NOV, "--payer", "apbdes", "--amount", "Rp10.920",
                 "--date", "2026-11-20", "--reference", "SP2D-0042")  # fmt: skip
    assert run.code == 0, run.err
    assert run.out.strip() == (
        "Pembayaran 2026-11 apbdes dicatat: ditagih Rp10.920, dibayar Rp10.920 (lunas)"
    )


def test_pay_json_shows_a_shortfall(data: Path) -> None:
    lock_november(data)
    run = payung(data, "pay", NOV, "--payer", "dbhcht", "--amount", "10000",
                 "--date", "2026-11-20", "--reference", "BKU-7", "--json")  # fmt: skip
    assert run.json() == {
        "period": NOV, "payer": "dbhcht", "billed": BPU_LINE, "paid": 10_000,
        "shortfall": BPU_LINE - 10_000, "excess": 0,
    }  # fmt: skip


def test_pay_before_lock_is_refused_and_nothing_changes(data: Path) -> None:
    generate_november(data)
    before = snapshot(data)
    run = payung(data, "pay", NOV, "--payer", "apbdes", "--amount", "10920",
                 "--date", "2026-11-20", "--reference", "SP2D-1")  # fmt: skip
    assert_refused(run, "period")
    assert snapshot(data) == before


def test_pay_bad_amount_is_refused_and_nothing_changes(data: Path) -> None:
    lock_november(data)
    before = snapshot(data)
    run = payung(data, "pay", NOV, "--payer", "apbdes", "--amount", "sepuluh ribu",
                 "--date", "2026-11-20", "--reference", "SP2D-1")  # fmt: skip
    assert_refused(run, "amount")
    assert snapshot(data) == before


# -- status ---------------------------------------------------------------------------------
def test_status_json_shape(data: Path, village: Village) -> None:
    lock_november(data)
    run = payung(data, "status", "--at", "2026-11-21", "--json")
    assert run.json() == {
        "as_of": "2026-11-21",
        "participants": [
            {"nik": village.pu, "name": "Agus Setiawan", "paid_through": None,
             "months_in_arrears": 10, "next_due": "2026-02-16", "state": "warning"},
            {"nik": village.bpu, "name": "Siti Aminah", "paid_through": None,
             "months_in_arrears": 6, "next_due": "2026-06-15", "state": "lapsed"},
        ],
        "coverage": [
            {"category": "perangkat_desa", "active": 1, "positions": None, "percent": None},
        ],
    }  # fmt: skip


def test_status_is_as_of_today_by_default(data: Path) -> None:
    document = payung(data, "status", "--json").json()
    assert isinstance(document, dict)
    assert document["as_of"] == date.today().isoformat()


def test_status_text_lists_participants(data: Path, village: Village) -> None:
    run = payung(data, "status", "--at", "2026-11-21")
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == "Status per 2026-11-21"
    assert any(village.bpu in line and "Terputus" in line for line in run.out.splitlines())


def test_status_bad_date_is_refused(data: Path) -> None:
    assert_refused(payung(data, "status", "--at", "kemarin"), "at")


# -- quota ----------------------------------------------------------------------------------
def test_quota_set_shows_in_coverage(data: Path) -> None:
    run = payung(data, "quota", "set", "perangkat_desa", "4")
    assert (run.code, run.out.strip()) == (0, "Formasi Perangkat Desa: 4")
    ctx = village_context_at(data)
    try:
        (line,) = ctx.standing.overview(TODAY).coverage
    finally:
        ctx.close()
    assert (line.category.value, line.active, line.positions) == ("perangkat_desa", 1, 4)


@pytest.mark.parametrize(
    ("args", "field"),
    [(("pengurus_masjid", "3"), "category"), (("linmas", "-1"), "count")],
    ids=["unknown-category", "negative-count"],
)
def test_quota_bad_input_is_refused_and_nothing_changes(
    data: Path, args: tuple[str, str], field: str
) -> None:
    before = snapshot(data)
    assert_refused(payung(data, "quota", "set", *args), field)
    assert snapshot(data) == before


def test_quota_without_subcommand_is_a_usage_error(data: Path) -> None:
    assert payung(data, "quota").code == 2


# -- rates ----------------------------------------------------------------------------------
def test_rates_list_prints_the_rates_in_force(data: Path) -> None:
    run = payung(data, "rates", "list", "--at", "2026-11-01")
    assert run.code == 0, run.err
    assert run.out.startswith("Tarif yang berlaku 2026-11-01 (versi ")
    assert any(line.startswith("JKM  BPU participant 6800 rupiah") for line in run.out.splitlines())


def test_rates_list_json_uses_the_rows_of_that_date(data: Path) -> None:
    document = payung(data, "rates", "list", "--at", "2025-02-01", "--json").json()
    assert isinstance(document, dict)
    assert set(document) == {"at", "version", "rates"}
    caps = [r["value"] for r in document["rates"] if r["share"] == "cap"]
    assert (document["at"], caps) == ("2025-02-01", ["10042300"])


def test_rates_list_json_leaves_out_disabled_discounts(data: Path) -> None:
    document = payung(data, "rates", "list", "--at", "2026-06-01", "--json").json()
    assert isinstance(document, dict)
    assert not [r for r in document["rates"] if r["share"] == "discount"]


# -- before set-up --------------------------------------------------------------------------
def test_contribution_command_before_init_is_refused(tmp_path: Path) -> None:
    run = payung(tmp_path / "empty", "roster", NOV)
    assert_refused(run, "village")
    assert not (tmp_path / "empty" / "payung.sqlite3").exists()
