"""Power loss during a USB bundle export and during a sync with the real server.

The server is the real `payung-server serve` on 127.0.0.1 (SQLite). One village PC lives
through every trial: each forked child opens it as the app does, adds two workers
(acknowledged after their commits) and then writes a bundle or syncs, and is killed at a
random moment (or at a sync checkpoint of app.faults). After every kill the database passes
integrity_check and reopens with every acknowledged worker; a bundle under its final name
always decrypts and validates. At the end one clean sync converges: the server and the PC hold
the same workers at the same versions, each acknowledged worker once, the outbox is empty.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import make_nik, make_worker_draft
from faultsites import assert_sound_and_reopens, final_files, open_ctx, rows, trials
from forkserver import ForkServer, Report, Trial
from sqlalchemy import select
from synctools import Village, open_pc

from app.config import Paths
from app.server import tables as t
from app.server.db import ServerDatabase
from app.sync.bundle_client import export_bundle
from app.sync.bundle_format import open_bundle
from app.sync.engine import SyncEngine
from app.sync.secrets import SecretStore

SYNC_POINTS = ["sync.start", "push.answered", "pull.apply", "pull.before_cursor"]


@pytest.fixture(scope="module")
def office(
    server: tuple[ServerDatabase, str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Paths, Village, str]:
    """A village PC connected to the server (its data folder, the village, its bundle key)."""
    db, url = server
    village = Village(db, url)
    pc = open_pc(tmp_path_factory.mktemp("office") / "data")
    try:
        village.connect(pc)
        identity = pc.engine.identity()
    finally:
        pc.close()
    assert identity is not None
    return pc.paths, village, identity[1]


def working(paths: Paths, number: int, then: str, out: Path | None = None) -> object:
    """Trial `number`'s child: two new workers (NIKs of its own), then a sync or a bundle."""
    born = date(1962, 1, 1) + timedelta(days=number)

    def run(report: Report) -> None:
        ctx = open_ctx(paths)
        engine = SyncEngine(
            ctx.database.sessions,
            paths.data_dir,
            secrets=SecretStore(paths.data_dir, use_keyring=False),
        )
        for serial in (1, 2):
            nik = make_nik(born, "P", serial=serial)
            ctx.register.add(make_worker_draft(nik=nik, category="perangkat_desa"))
            report.ack(f"add {nik}")
        if then == "sync":
            engine.sync()
            report.ack("synced")
        else:
            assert out is not None
            summary = export_bundle(engine, out)
            report.ack(f"bundle {summary.ops}")
        ctx.close()

    return run


def check(paths: Paths, acked: set[str], trial: Trial) -> None:
    assert_sound_and_reopens(paths, trial.where())
    niks = {str(r[0]) for r in rows(paths.database, "SELECT nik FROM worker")}
    assert acked <= niks, f"{trial.where()}: acknowledged workers lost"


def acked_niks(trial: Trial) -> set[str]:
    return {ack.split()[1] for ack in trial.acks if ack.startswith("add ")}


def server_workers(village: Village) -> dict[str, tuple[str, int]]:
    """NIK -> (id, version) of the village's workers on the server (a NIK twice fails)."""
    table = t.ENTITY_TABLES["worker"]
    with village.db.read_sessions.begin() as session:
        found = session.execute(
            select(table.c.id, table.c.nik, table.c.version).where(table.c.village_id == village.id)
        ).all()
    workers = {r.nik: (uuid.UUID(str(r.id)).hex, r.version) for r in found}
    assert len(workers) == len(found), "a worker is on the server twice"
    return workers


def test_bundles_under_their_final_name_always_open(
    office: tuple[Paths, Village, str], tmp_path: Path, forks: ForkServer
) -> None:
    paths, _, key = office
    out = tmp_path / "usb" / "desa.payung"
    timing = forks.measure(*(working(paths, 9000 + n, "bundle", out) for n in range(2)))
    acked: set[str] = set()
    count = trials(30)
    killed = 0
    for number in range(1, count + 1):
        trial = forks.kill_randomly(
            working(paths, number, "bundle", out), timing, f"bundle {number}"
        )
        trial.raise_if_failed()
        killed += trial.killed
        acked |= acked_niks(trial)
        check(paths, acked, trial)
        if any(ack.startswith("bundle") for ack in trial.acks):
            assert out.exists(), f"{trial.where()}: acknowledged, no bundle"
        if out.exists():
            header, bundle = open_bundle(out, key, expect_kind="village")
            assert header.kind == "village" and bundle.ops, trial.where()
        assert final_files(out.parent, "*") in ([], [out]), trial.where()
    print(f"bundle: {killed} kills in {count} trials over {timing} each")
    assert killed >= count // 2


def test_a_killed_sync_converges_with_nothing_lost_or_doubled(
    office: tuple[Paths, Village, str], tmp_path: Path, forks: ForkServer
) -> None:
    paths, village, _ = office
    timing = forks.measure(*(working(paths, 9100 + n, "sync") for n in range(2)))
    acked: set[str] = set()
    count = trials(30)
    killed = 0
    for number in range(3000, 3000 + count):
        if number % 5 == 0:  # some trials stop at a named point of the sync
            point = SYNC_POINTS[(number // 5) % len(SYNC_POINTS)]
            trial = forks.at_checkpoint(working(paths, number, "sync"), point, tmp_path / "at")
            assert trial.killed, f"{trial.where()}: the sync never reached {point}"
        else:
            trial = forks.kill_randomly(working(paths, number, "sync"), timing, f"sync {number}")
        trial.raise_if_failed()
        killed += trial.killed
        acked |= acked_niks(trial)
        check(paths, acked, trial)
    forks.run_clean(working(paths, 8000, "sync"), "final sync").raise_if_failed()
    forks.run_clean(working(paths, 8001, "sync"), "again").raise_if_failed()
    on_server = server_workers(village)
    local = {
        str(r[0]): (uuid.UUID(str(r[1])).hex, int(str(r[2])))
        for r in rows(paths.database, "SELECT nik, id, version FROM worker")
    }
    assert local == on_server, "the PC and the server differ after the final sync"
    assert acked <= set(on_server), "an acknowledged worker never reached the server"
    pending = rows(paths.database, "SELECT count(*) FROM sync_outbox WHERE result IS NULL")
    assert pending == [(0,)]
    print(f"sync: {killed} kills in {count} trials over {timing} each")
    assert killed >= count // 2
