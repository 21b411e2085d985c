"""Power loss during a spreadsheet import, a roster export and a receipts PDF.

Promises checked after every kill: the database passes integrity_check and reopens; an import
is all or nothing (and all once acknowledged); a workbook or PDF under its final name is
always complete - the earlier file, or the new one whole - never a cut one. Leftover
`.name.part` files may stay; the next write of that name replaces them.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import NAMES, make_nik
from faultsites import (
    PERIOD,
    assert_sound_and_reopens,
    copy_site,
    final_files,
    integrity,
    open_ctx,
    pdf_pages,
    rows,
    trials,
    unsynced_rows,
    village_with_roster,
    xlsx_rows,
)
from forkserver import ForkServer, Report

from app.config import Paths
from app.services.exports import Exports
from app.services.imports import ImportPreview, Imports
from app.services.receipts import ReceiptService

IMPORTED = 40
HEADER = ["No", "NIK", "Nama", "Tgl Lahir", "L/P", "Jabatan", "Segmen", "Program", "Upah",
          "Sumber Dana", "TMT"]  # fmt: skip


# -- import ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def import_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportPreview]:
    """An empty village and the checked preview of a 40-person list (read in the parent, as
    the wizard does before the person presses Impor)."""
    from openpyxl import Workbook

    folder = tmp_path_factory.mktemp("import")
    paths = village_with_roster(folder / "data", workers=0)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for n in range(1, IMPORTED + 1):
        born = date(1975, 1, 1) + timedelta(days=n * 37)
        nik = make_nik(born, "L", serial=300 + n)
        sheet.append([n, nik, NAMES[n % len(NAMES)], born, "L", "Kaur Umum", "PU", "JKK,JKM",
                      2_022_200, "APBDes", date(2026, 1, 1)])  # fmt: skip
    book.save(folder / "daftar.xlsx")
    ctx = open_ctx(paths)
    try:
        preview = Imports.of(ctx).preview(folder / "daftar.xlsx")
    finally:
        ctx.close()
    assert len(preview.accepted) == IMPORTED, preview.problems
    return paths.data_dir, preview


def importing(paths: Paths, preview: ImportPreview) -> object:
    def run(report: Report) -> None:
        ctx = open_ctx(paths)
        result = Imports.of(ctx).apply(preview)
        report.ack(f"imported {result.imported}")
        ctx.close()

    return run


def check_import(paths: Paths, acked: bool, where: str) -> None:
    assert_sound_and_reopens(paths, where)
    workers = len(rows(paths.database, "SELECT id FROM worker"))
    enrolled = len(rows(paths.database, "SELECT id FROM enrollment"))
    assert (workers, enrolled) in {(0, 0), (IMPORTED, IMPORTED)}, f"{where}: half an import"
    assert not acked or workers == IMPORTED, f"{where}: an acknowledged import was lost"
    for table in ("worker", "enrollment"):
        assert unsynced_rows(paths.database, table) == 0, where
    for copy in final_files(paths.backups / "pre-import", "*"):
        assert integrity(copy) == "ok", f"{where}: damaged pre-import backup {copy.name}"


def test_an_import_is_all_or_nothing_under_random_kills(
    import_site: tuple[Path, ImportPreview], tmp_path: Path, forks: ForkServer
) -> None:
    template, preview = import_site
    runs = [copy_site(template, tmp_path / f"measure-{n}") for n in range(2)]
    timing = forks.measure(*(importing(paths, preview) for paths in runs))
    count = trials(30)
    killed = 0
    for number in range(count):
        paths = copy_site(template, tmp_path / "trial")
        trial = forks.kill_randomly(importing(paths, preview), timing, f"import {number}")
        trial.raise_if_failed()
        killed += trial.killed
        check_import(paths, bool(trial.acks), trial.where())
    print(f"import: {killed} kills in {count} trials over {timing} each")
    assert killed >= count // 2


@pytest.mark.parametrize("point", ["backup.before_rename", "import.before_commit"])
def test_an_import_killed_at_its_checkpoint_wrote_nothing(
    point: str, import_site: tuple[Path, ImportPreview], tmp_path: Path, forks: ForkServer
) -> None:
    template, preview = import_site
    paths = copy_site(template, tmp_path / "data")
    trial = forks.at_checkpoint(importing(paths, preview), point, tmp_path / "stopped")
    trial.raise_if_failed()
    assert trial.killed and not trial.acks, trial.where()
    check_import(paths, False, trial.where())
    assert rows(paths.database, "SELECT count(*) FROM worker") == [(0,)], trial.where()


# -- roster export and receipts PDF -----------------------------------------------------------


@pytest.fixture(scope="module")
def roster_site(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """A village with 60 enrolled workers and November's roster locked."""
    return village_with_roster(tmp_path_factory.mktemp("roster") / "data", workers=60)


def exporting(paths: Paths, out: Path) -> object:
    def run(report: Report) -> None:
        ctx = open_ctx(paths)
        exports = Exports(ctx.database.sessions, user_profiles=None)
        written = exports.export_roster(PERIOD, out)
        report.ack(f"exported {written.rows}")
        ctx.close()

    return run


def test_an_export_under_its_final_name_is_always_complete(
    roster_site: Paths, tmp_path: Path, forks: ForkServer
) -> None:
    out = tmp_path / "usb" / "iuran-2026-11.xlsx"
    timing = forks.measure(exporting(roster_site, out), exporting(roster_site, out))
    expected = xlsx_rows(out)
    assert len(expected) == 61  # the header and every line
    count = trials(50)
    killed = 0
    for number in range(count):
        if number % 2:  # half the trials write over an earlier complete export
            out.unlink(missing_ok=True)
        trial = forks.kill_randomly(exporting(roster_site, out), timing, f"export {number}")
        trial.raise_if_failed()
        killed += trial.killed
        assert not trial.acks or out.exists(), f"{trial.where()}: acknowledged, no file"
        if out.exists():
            assert xlsx_rows(out) == expected, f"{trial.where()}: an incomplete workbook"
        assert final_files(out.parent, "*") in ([], [out]), trial.where()
        assert_sound_and_reopens(roster_site, trial.where())
    forks.run_clean(exporting(roster_site, out), "export again").raise_if_failed()
    assert sorted(out.parent.iterdir()) == [out], "the next export replaced the .part file"
    print(f"export: {killed} kills in {count} trials over {timing} each")
    assert killed >= count // 2


def printing(paths: Paths, out: Path) -> object:
    def run(report: Report) -> None:
        ctx = open_ctx(paths)
        service = ReceiptService(ctx.database.sessions, ctx.rates, ctx.today)
        niks = [str(r[0]) for r in rows(paths.database, "SELECT nik FROM worker LIMIT 6")]
        batch = service.for_workers(niks)
        report.ack(f"issued {len(batch.receipts)}")
        pages = service.write_pdf(batch, out)
        report.ack(f"pdf {pages}")
        ctx.close()

    return run


def test_a_receipts_pdf_under_its_final_name_is_always_complete(
    roster_site: Paths, tmp_path: Path, forks: ForkServer
) -> None:
    out = tmp_path / "usb" / "kartu.pdf"
    timing = forks.measure(printing(roster_site, out), printing(roster_site, out))
    count = trials(30)
    killed = 0
    for number in range(count):
        if number % 2:
            out.unlink(missing_ok=True)
        trial = forks.kill_randomly(printing(roster_site, out), timing, f"receipts {number}")
        trial.raise_if_failed()
        killed += trial.killed
        if "pdf 6" in trial.acks:
            assert out.exists(), f"{trial.where()}: acknowledged, no PDF"
        if out.exists():
            assert pdf_pages(out) == 6, f"{trial.where()}: an incomplete PDF"
        assert final_files(out.parent, "*") in ([], [out]), trial.where()
        assert_sound_and_reopens(roster_site, trial.where())
        issued = rows(roster_site.database, "SELECT count(*), count(DISTINCT number) FROM receipt")
        assert issued == [(6, 6)], f"{trial.where()}: receipts issued twice or half"
    print(f"receipts: {killed} kills in {count} trials over {timing} each")
    assert killed >= count // 2


@pytest.mark.parametrize("what", ["export", "receipts"])
def test_killed_before_the_rename_the_earlier_file_stands(
    what: str, roster_site: Paths, tmp_path: Path, forks: ForkServer
) -> None:
    """Stopped with the new file complete under `.name.part`: the final name still holds the
    earlier file, whole; the next write of that name replaces the part file."""
    out = tmp_path / "usb" / ("iuran.xlsx" if what == "export" else "kartu.pdf")
    make = exporting if what == "export" else printing
    forks.run_clean(make(roster_site, out), f"earlier {what}").raise_if_failed()
    earlier = out.read_bytes()
    trial = forks.at_checkpoint(make(roster_site, out), "file.before_rename", tmp_path / "at")
    trial.raise_if_failed()
    assert trial.killed, trial.where()
    assert out.read_bytes() == earlier, trial.where()
    assert (out.parent / f".{out.name}.part").exists(), "the new file stopped under .part"
    assert final_files(out.parent, "*") == [out]
    assert_sound_and_reopens(roster_site, trial.where())
    forks.run_clean(make(roster_site, out), f"{what} again").raise_if_failed()
    assert sorted(out.parent.iterdir()) == [out], "the next write replaced the .part file"
