"""A full disk and a read-only folder under an export, a backup and a USB bundle.

Every case: the write is refused with an Indonesian message that says why (the disk is full /
the folder may not be written), through the service's error type, the window's wording
(app.ui.errors) and the CLI (exit 1, one line on stderr); nothing is lost: the database is
byte-for-byte what it was and passes integrity_check, the earlier file under the same name (or
the earlier backups) are intact, and no new or partial file is left in the folder.
See diskfaults.py for how the disk is made full and the folder read-only (tests run as root).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dbprobe import snapshot
from diskfaults import (
    become_nobody,
    full_disk,
    give_to_nobody,
    nobody_home,
    payung,
    read_only_folder,
)
from faultsites import PERIOD, final_files, integrity, open_ctx, village_with_roster, xlsx_rows
from forkserver import ForkServer, Report
from synctools import Village, open_pc

from app.config import Paths, resolve_paths
from app.domain.disk import FULL, READ_ONLY
from app.models.backup import backup_to, rotate_daily
from app.server.db import ServerDatabase
from app.services.exports import Exports
from app.sync.bundle_client import export_bundle
from app.sync.bundle_format import open_bundle
from app.sync.engine import SyncEngine
from app.sync.secrets import SecretStore

KINDS = ["tmpfs", "fsize"]
FULL_WORDS = FULL.split(";")[0]  # "disk atau flashdisk penuh"
READ_ONLY_WORDS = READ_ONLY.split(" (")[0]  # "folder ini tidak boleh ditulis"
EXPORT, BACKUP, BUNDLE = "iuran-2026-11.xlsx", "payung-lama.sqlite3", "desa.payung"


@pytest.fixture(scope="module")
def office(
    server: tuple[ServerDatabase, str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str]:
    """A connected village PC with 30 enrolled workers (pending in its outbox) and November's
    roster locked: its closed data folder and its bundle key."""
    db, url = server
    village = Village(db, url)
    folder = tmp_path_factory.mktemp("disk") / "data"
    paths = village_with_roster(folder, workers=30, code=village.code)
    pc = open_pc(paths.data_dir)
    try:
        pc.engine.connect(url, village.enrollment(), label="PC uji")
        identity = pc.engine.identity()
    finally:
        pc.close()
    assert identity is not None
    rotate_daily(paths.database, paths.backups)  # today's copy: the CLI will not take one
    return paths.data_dir, identity[1]


@pytest.fixture
def site(office: tuple[Path, str], tmp_path: Path) -> Paths:
    target = tmp_path / "data"
    shutil.copytree(office[0], target)
    return resolve_paths(target)


def engine_of(paths: Paths, ctx: object) -> SyncEngine:
    sessions = ctx.database.sessions  # type: ignore[attr-defined]
    return SyncEngine(
        sessions, paths.data_dir, secrets=SecretStore(paths.data_dir, use_keyring=False)
    )


def earlier_files(paths: Paths) -> Callable[[Path], None]:
    """What was already in the folder: last month's export, a backup and a bundle."""

    def write(folder: Path) -> None:
        ctx = open_ctx(paths)
        try:
            Exports(ctx.database.sessions, user_profiles=None).export_roster(
                PERIOD, folder / EXPORT
            )
            export_bundle(engine_of(paths, ctx), folder / BUNDLE)
        finally:
            ctx.close()
        shutil.copyfile(backup_to(paths.database, folder, label="x"), folder / BACKUP)
        for extra in folder.glob("payung-x-*"):
            extra.unlink()

    return write


def attempt(paths: Paths, what: str, folder: Path, restrict: Callable[[], None]) -> object:
    """The child: open the database as the app does, then lose the disk, then write."""

    def run(report: Report) -> None:
        ctx = open_ctx(paths)
        restrict()
        try:
            if what == "export":
                exports = Exports(ctx.database.sessions, user_profiles=None)
                exports.export_roster(PERIOD, folder / EXPORT)
            elif what == "backup":
                backup_to(paths.database, folder, label="35.21.01.2001")
            else:
                export_bundle(engine_of(paths, ctx), folder / BUNDLE)
        except Exception as exc:  # the refusal is what the test is about
            report.ack(f"{type(exc).__name__}|{getattr(exc, 'message', exc)}")
        else:
            report.ack("written")

    return run


def nothing_lost(paths: Paths, before: dict[str, object], folder: Path, key: str) -> None:
    assert snapshot(paths.database) == before, "the database changed"
    assert integrity(paths.database) == "ok"
    assert sorted(p.name for p in final_files(folder, "*") if p.name != "filler.bin") == sorted(
        [BACKUP, BUNDLE, EXPORT]
    ), "a new file appeared"
    assert not list(folder.glob(".*.part")), "a partial file was left"
    assert len(xlsx_rows(folder / EXPORT)) == 31
    assert integrity(folder / BACKUP) == "ok"
    open_bundle(folder / BUNDLE, key, expect_kind="village")


REFUSALS = {"export": "ExportWriteFailed", "backup": "BackupFailed", "bundle": "BundleError"}


@pytest.mark.parametrize("what", ["export", "backup", "bundle"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_full_disk_refuses_in_indonesian_and_loses_nothing(  # noqa: PLR0917 - fixtures
    what: str, kind: str, site: Paths, office: tuple[Path, str], tmp_path: Path,
    forks: ForkServer,
) -> None:  # fmt: skip
    before = snapshot(site.database)
    with full_disk(tmp_path, kind, earlier_files(site)) as disk:
        trial = forks.run_clean(attempt(site, what, disk.folder, disk.restrict), what)
        trial.raise_if_failed()
        [outcome] = trial.acks
        name, message = outcome.split("|", 1)
        assert name == REFUSALS[what], outcome
        assert FULL_WORDS in message, f"{disk.kind}: {message}"
        nothing_lost(site, before, disk.folder, office[1])


@pytest.mark.parametrize("what", ["export", "backup", "bundle"])
def test_a_read_only_folder_refuses_in_indonesian_and_loses_nothing(
    what: str, nobody_site: Paths, office: tuple[Path, str], forks: ForkServer
) -> None:
    site = nobody_site  # the child opens the database, then goes on as nobody
    before = snapshot(site.database)
    folder = read_only_folder(site.data_dir.parent, earlier_files(site))
    give_to_nobody(site.data_dir)
    trial = forks.run_clean(attempt(site, what, folder, become_nobody), what)
    trial.raise_if_failed()
    [outcome] = trial.acks
    name, message = outcome.split("|", 1)
    assert name == REFUSALS[what], outcome
    assert READ_ONLY_WORDS in message, message
    nothing_lost(site, before, folder, office[1])


def test_the_window_words_the_refusals_with_their_cause() -> None:
    from app.documents.xlsx_export import ExportWriteFailed
    from app.models.errors import BackupFailed
    from app.ui.errors import describe, title_for

    export = ExportWriteFailed("out", f"tidak dapat menulis /media/usb/iuran.xlsx: {FULL}")
    backup = BackupFailed(f"cadangan gagal ditulis ke /media/usb: {READ_ONLY}")
    assert FULL in describe(export) and title_for(export) == "Periksa isian"
    assert READ_ONLY in describe(backup) and title_for(backup) == "Berkas data bermasalah"


# -- the CLI ------------------------------------------------------------------------------------


@pytest.fixture
def nobody_site(office: tuple[Path, str]) -> Iterator[Paths]:
    """A copy of the office's data folder that the user nobody owns and can reach."""
    with nobody_home() as home:
        shutil.copytree(office[0], home / "data")
        give_to_nobody(home / "data")
        yield resolve_paths(home / "data")


CLI = {
    "export": ["export", "2026-11", "--out"],
    "backup": ["backup", "--out"],
    "bundle": ["bundle", "export", "--out"],
}


def _target(what: str, folder: Path) -> str:
    """The --out of each command: a file name, or the folder for a backup."""
    return (
        str(folder / {"export": EXPORT, "bundle": BUNDLE}[what])
        if what != "backup"
        else str(folder)
    )


def cli_as_nobody(forks: ForkServer, data_dir: Path, *args: str) -> tuple[int, str]:
    """`payung --data-dir DATA ARGS` as the user nobody: app.cli.main in a forked child that
    dropped to nobody (this machine's interpreter may live where nobody cannot run it)."""
    errors = data_dir.parent / "stderr.txt"

    def run(report: Report) -> None:
        from app.cli import main

        with errors.open("w", encoding="utf-8") as err:
            os.dup2(err.fileno(), 2)
            sys.stderr = err  # pytest's capture replaced it in this process: the child's own
            become_nobody()
            code = main(["--data-dir", str(data_dir), *args])
            sys.stderr.flush()
        report.ack(str(code))

    trial = forks.run_clean(run, f"payung {' '.join(args)}")
    trial.raise_if_failed()
    return int(trial.acks[0]), errors.read_text(encoding="utf-8")


@pytest.mark.parametrize("what", ["export", "backup", "bundle"])
def test_the_cli_says_a_folder_is_read_only(
    what: str, nobody_site: Paths, office: tuple[Path, str], forks: ForkServer
) -> None:
    before = snapshot(nobody_site.database)
    folder = read_only_folder(nobody_site.data_dir.parent, earlier_files(nobody_site))
    give_to_nobody(nobody_site.data_dir)  # the earlier files' run left root-owned files
    code, stderr = cli_as_nobody(forks, nobody_site.data_dir, *CLI[what], _target(what, folder))
    assert code == 1, stderr
    [line] = stderr.splitlines()
    assert line.startswith("payung: ") and READ_ONLY_WORDS in line, line
    nothing_lost(nobody_site, before, folder, office[1])


@pytest.mark.parametrize("what", ["export", "backup", "bundle"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_cli_says_the_disk_is_full(
    what: str, kind: str, site: Paths, office: tuple[Path, str], tmp_path: Path
) -> None:
    before = snapshot(site.database)
    with full_disk(tmp_path, kind, earlier_files(site)) as disk:
        # An open connection (the window, say) keeps the -shm index: the CLI maps it as it is.
        keeper = sqlite3.connect(site.database)
        keeper.execute("SELECT count(*) FROM worker").fetchall()
        try:
            done = payung(site.data_dir, *CLI[what], _target(what, disk.folder),
                          fsize=disk.kind == "fsize")  # fmt: skip
        finally:
            keeper.close()
        assert done.returncode == 1, done.stderr
        assert len(done.stderr.splitlines()) == 1, done.stderr
        [line] = done.stderr.splitlines()
        assert line.startswith("payung: ") and FULL_WORDS in line, line
        nothing_lost(site, before, disk.folder, office[1])
