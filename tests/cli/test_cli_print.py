"""`payung recap | receipt` as a subprocess, the PDFs read back with pdftotext, pypdf, zbarimg.

The village, its workers, their periods and November's draft roster are set up once per module
through the services; every test runs the real command line on its own copy of that folder.
The subprocess prints with the real date, so dates are checked against today.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pdfprobe import (
    A4,
    F4,
    needs_pdftotext,
    needs_zbar,
    page_count,
    page_sizes,
    pdf_pages_text,
    pdf_text,
    qr_codes,
)

from app.domain.formatting import format_date
from app.domain.period import Period
from tests.factories_contrib import add_worker, bpu_draft, enroll_draft, village_context

REPO_ROOT = Path(__file__).parents[2]


@dataclass(frozen=True)
class Village:
    free: str  # on the register, no coverage period
    pu: str  # Agus Setiawan: PU JKK+JKM, APBDes, since 1 Jan 2026
    bpu: str  # Siti Aminah: BPU JKK+JKM, DBHCHT, since 1 Jun 2026
    late: str  # Dewi Lestari: BPU JKK+JKM, APBD, since 1 Nov 2026


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Village]:
    folder = tmp_path_factory.mktemp("cli-print") / "data"
    ctx = village_context(folder)
    try:
        free = add_worker(ctx, name="Budi Santoso")
        pu = add_worker(ctx, name="Agus Setiawan")
        bpu = add_worker(ctx, name="Siti Aminah", sex="P", category="kader_posyandu")
        late = add_worker(ctx, name="Dewi Lestari", sex="P", category="linmas")
        ctx.enrollments.enroll(pu.nik, enroll_draft())
        ctx.enrollments.enroll(bpu.nik, bpu_draft(start="2026-06-01", payer="dbhcht"))
        ctx.enrollments.enroll(late.nik, bpu_draft(start="2026-11-01", payer="apbd"))
        ctx.roster.generate(Period(2026, 11))
    finally:
        ctx.close()
    return folder, Village(free.nik, pu.nik, bpu.nik, late.nik)


@pytest.fixture
def data(prepared: tuple[Path, Village], tmp_path: Path) -> Path:
    return Path(shutil.copytree(prepared[0], tmp_path / "data"))


@pytest.fixture
def village(prepared: tuple[Path, Village]) -> Village:
    return prepared[1]


def payung(data_dir: Path, *args: str) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "LANG": "C.UTF-8"},
    )  # fmt: skip
    return Run(done.returncode, done.stdout, done.stderr)


def assert_refused(run: Run, field: str, out: Path | None = None) -> None:
    """Exit 1, one Indonesian line on stderr naming the field, nothing on stdout, no file."""
    assert run.code == 1, run
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"payung: {field}: "), lines[0]
    assert run.out == ""
    if out is not None:
        assert not out.exists()
        assert not list(out.parent.glob(".*.part"))


def receipts_stored(data_dir: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(data_dir / "payung.sqlite3")
    try:
        return conn.execute(
            "SELECT number, verification_code FROM receipt ORDER BY number"
        ).fetchall()
    finally:
        conn.close()


# -- receipt --------------------------------------------------------------------------------
@needs_pdftotext
def test_receipt_prints_one_page_per_worker(data: Path, village: Village, tmp_path: Path) -> None:
    out = tmp_path / "tanda-terima.pdf"
    run = payung(data, "receipt", village.pu, village.bpu, "--out", str(out))
    assert run.code == 0, run.err
    stored = receipts_stored(data)
    assert len(stored) == 2
    lines = run.out.splitlines()
    assert lines[-1] == f"2 tanda terima -> {out}"
    assert [line.split()[:2] for line in lines[:2]] == [list(row) for row in stored]
    pages = pdf_pages_text(out)
    assert len(pages) == 2
    assert "Agus Setiawan" in pages[0] and village.pu in pages[0]
    assert "Siti Aminah" in pages[1] and village.bpu in pages[1]
    assert format_date(date.today()) in pages[0]
    assert stored[0][0] in pages[0] and stored[1][0] in pages[1]
    assert "Rp16.800" in pages[1]
    assert page_sizes(out) == [A4, A4]


@needs_zbar
def test_the_printed_qr_code_reads_back_as_number_and_code(
    data: Path, village: Village, tmp_path: Path
) -> None:
    out = tmp_path / "tanda-terima.pdf"
    assert payung(data, "receipt", village.bpu, "--out", str(out)).code == 0
    ((number, code),) = receipts_stored(data)
    assert qr_codes(out, 1) == [f"{number} {code}"]


def test_a_reprint_keeps_the_number(data: Path, village: Village, tmp_path: Path) -> None:
    first = payung(data, "receipt", village.pu, "--out", str(tmp_path / "a.pdf"))
    again = payung(data, "receipt", village.pu, "--out", str(tmp_path / "b.pdf"))
    assert first.code == again.code == 0, again.err
    assert again.out.splitlines()[0] == first.out.splitlines()[0] + " (cetak ulang)"
    assert len(receipts_stored(data)) == 1


def test_receipt_on_f4(data: Path, village: Village, tmp_path: Path) -> None:
    out = tmp_path / "folio.pdf"
    run = payung(data, "receipt", village.pu, "--out", str(out), "--paper", "f4")
    assert run.code == 0, run.err
    assert page_sizes(out) == [F4]


@needs_pdftotext
def test_receipt_since_takes_every_period_with_tmt_from_that_date(
    data: Path, village: Village, tmp_path: Path
) -> None:
    out = tmp_path / "baru.pdf"
    run = payung(data, "receipt", "--since", "2026-06-01", "--out", str(out))
    assert run.code == 0, run.err
    pages = pdf_pages_text(out)
    assert [("Siti Aminah" in p, "Dewi Lestari" in p) for p in pages] == [
        (True, False), (False, True),
    ]  # fmt: skip
    assert "Agus Setiawan" not in pdf_text(out)


def test_an_unknown_nik_is_named_and_nothing_is_issued(
    data: Path, village: Village, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    run = payung(data, "receipt", village.pu, "3521019999999999", "--out", str(out))
    assert_refused(run, "worker", out)
    assert "3521019999999999" in run.err
    assert receipts_stored(data) == []


def test_a_worker_without_coverage_is_named(data: Path, village: Village, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    run = payung(data, "receipt", village.free, "--out", str(out))
    assert_refused(run, "worker", out)
    assert "Budi Santoso" in run.err and "belum punya kepesertaan" in run.err


@pytest.mark.parametrize(("args", "field"), [
    (("--paper", "A5"), "paper"),
    (("--since", "2026-02-30"), "since"),
    (("--since", "2027-01-01"), "since"),
])  # fmt: skip
def test_bad_receipt_input_is_refused(
    data: Path, tmp_path: Path, args: tuple[str, ...], field: str
) -> None:
    out = tmp_path / "x.pdf"
    extra = () if "--since" in args else ("--since", "2026-01-01")
    assert_refused(payung(data, "receipt", *args, *extra, "--out", str(out)), field, out)


def test_receipt_needs_workers_or_since_not_both(data: Path, village: Village) -> None:
    assert_refused(payung(data, "receipt", "--out", "x.pdf"), "receipt")
    both = payung(data, "receipt", village.pu, "--since", "2026-01-01", "--out", "x.pdf")
    assert_refused(both, "receipt")


def test_receipt_without_out_is_a_usage_error(data: Path, village: Village) -> None:
    run = payung(data, "receipt", village.pu)
    assert run.code == 2
    assert "--out" in run.err


# -- recap ----------------------------------------------------------------------------------
@needs_pdftotext
def test_recap_lists_the_month_per_payer(data: Path, village: Village, tmp_path: Path) -> None:
    out = tmp_path / "rekap.pdf"
    run = payung(data, "recap", "2026-11", "--out", str(out))
    assert run.code == 0, run.err
    assert run.out.strip() == (
        f"Rekap iuran 2026-11 (DRAF): 3 peserta, Rp44.520, 1 halaman -> {out}"
    )
    text = pdf_text(out)
    for expected in ("Agus Setiawan", village.pu, "Siti Aminah", village.bpu, "Dewi Lestari",
                     "Jumlah APBDes", "Jumlah APBD ", "Jumlah DBHCHT", "Rp10.920", "Rp16.800",
                     "Jumlah seluruhnya", "Rp44.520", "DRAF", "Halaman 1 dari 1"):  # fmt: skip
        assert expected in text, expected


@needs_pdftotext
def test_a_locked_month_has_no_draft_mark(data: Path, tmp_path: Path) -> None:
    assert payung(data, "roster", "2026-11", "--lock").code == 0
    out = tmp_path / "rekap.pdf"
    run = payung(data, "recap", "2026-11", "--out", str(out), "--paper", "F4")
    assert run.code == 0, run.err
    assert "(terkunci)" in run.out
    assert "DRAF" not in pdf_text(out)
    assert page_sizes(out) == [F4]


@needs_pdftotext
def test_recap_of_one_payer(data: Path, village: Village, tmp_path: Path) -> None:
    out = tmp_path / "rekap-dbhcht.pdf"
    run = payung(data, "recap", "2026-11", "--payer", "DBHCHT", "--out", str(out))
    assert run.code == 0, run.err
    text = pdf_text(out)
    assert "Siti Aminah" in text
    assert "Agus Setiawan" not in text
    assert page_count(out) == 1


@pytest.mark.parametrize(("args", "field"), [
    (("2026-13",), "period"),
    (("November",), "period"),
    (("2026-09",), "period"),
    (("2026-11", "--payer", "bank"), "payer"),
    (("2026-11", "--payer", "donor"), "payer"),
    (("2026-11", "--paper", "Letter"), "paper"),
])  # fmt: skip
def test_bad_recap_input_is_refused(
    data: Path, tmp_path: Path, args: tuple[str, ...], field: str
) -> None:
    out = tmp_path / "x.pdf"
    assert_refused(payung(data, "recap", *args, "--out", str(out)), field, out)


def test_an_unwritable_file_is_named(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sudah-ada.pdf"
    folder.mkdir()
    assert_refused(payung(data, "recap", "2026-11", "--out", str(folder)), "out")


def test_print_commands_need_a_village(tmp_path: Path) -> None:
    run = payung(tmp_path / "kosong", "recap", "2026-11", "--out", str(tmp_path / "x.pdf"))
    assert_refused(run, "village")
