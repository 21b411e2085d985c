"""One sync at a time: a second caller in another thread or another process gets SyncBusy."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.sync.errors import SyncBusy
from app.sync.locking import SyncLock

REPO = Path(__file__).resolve().parents[2]
HOLDER = (
    "import sys; from pathlib import Path; from app.sync.locking import SyncLock\n"
    "with SyncLock(Path(sys.argv[1])):\n"
    "    print('locked', flush=True); sys.stdin.read()\n"
)


def test_a_second_thread_is_refused_while_the_first_syncs(tmp_path: Path) -> None:
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with SyncLock(tmp_path):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holding.wait(10)
        with pytest.raises(SyncBusy) as caught, SyncLock(tmp_path):
            pass
        assert "sedang berjalan" in caught.value.message
    finally:
        release.set()
        thread.join(10)
    with SyncLock(tmp_path):  # free again
        pass


def test_a_second_process_is_refused_until_the_first_ends(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={"PYTHONPATH": str(REPO), "PATH": ""},
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == b"locked"
        with pytest.raises(SyncBusy), SyncLock(tmp_path):
            pass
    finally:
        holder.kill()
        holder.wait(10)
    with SyncLock(tmp_path):  # the OS dropped the dead process's lock
        pass


def test_the_engine_refuses_a_sync_while_another_runs(tmp_path: Path, pcs) -> None:  # type: ignore[no-untyped-def]
    pc = pcs()
    with SyncLock(pc.paths.data_dir), pytest.raises(SyncBusy):
        pc.engine.sync()
