"""Real full disks and read-only folders for the tests (the tests run as root, so chmod alone
would not stop a write).

- A full disk: a small tmpfs mounted for the test and filled to the last byte (ENOSPC), when
  this machine lets root mount one; where it does not (an unprivileged container), the same
  refusal from the kernel through RLIMIT_FSIZE in the child that writes (EFBIG, SIGXFSZ
  ignored), so every test runs everywhere.
- A read-only folder: a 0555 folder owned by root, written by a child that dropped to the
  user `nobody` (os.setuid in a forked child, `user=` for a CLI subprocess).
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

NOBODY = pwd.getpwnam("nobody")
NOGROUP = grp.getgrgid(NOBODY.pw_gid).gr_name
FSIZE_LIMIT = 1024  # bytes: any export, backup or bundle is larger
REPO = Path(__file__).resolve().parents[2]


def limit_file_size(limit: int = FSIZE_LIMIT) -> None:
    """In a child: every write past `limit` bytes of a file fails with EFBIG."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def become_nobody() -> None:
    """In a child: from here on it writes as the user nobody (no root, no groups)."""
    os.setgroups([])
    os.setgid(NOBODY.pw_gid)
    os.setuid(NOBODY.pw_uid)


@dataclass
class FullDisk:
    """A folder on a full disk. `restrict` runs in the writing child after it opened the
    database (a no-op on a really full tmpfs)."""

    folder: Path
    kind: str  # "tmpfs" (ENOSPC) or "fsize" (EFBIG)
    restrict: Callable[[], None]


def _mount_tmpfs(where: Path, size: str) -> bool:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def fill(folder: Path) -> None:
    """Write a filler file until the disk refuses even one byte."""
    with (folder / "filler.bin").open("wb", buffering=0) as fh:
        for chunk in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * chunk)


@contextlib.contextmanager
def full_disk(root: Path, kind: str, before: Callable[[Path], None]) -> Iterator[FullDisk]:
    """A folder whose disk is full; `before(folder)` first writes the earlier files that must
    survive. `kind` "tmpfs" falls back to "fsize" where mounting is not allowed (printed)."""
    folder = root / "usb"
    folder.mkdir(parents=True)
    mounted = kind == "tmpfs" and _mount_tmpfs(folder, "2m")
    if kind == "tmpfs" and not mounted:
        print("tmpfs cannot be mounted here: the full disk is RLIMIT_FSIZE instead")
    try:
        before(folder)
        if mounted:
            fill(folder)
            yield FullDisk(folder, "tmpfs", lambda: None)
        else:
            yield FullDisk(folder, "fsize", limit_file_size)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def read_only_folder(root: Path, before: Callable[[Path], None]) -> Path:
    """A root-owned 0555 folder holding the earlier files `before` wrote."""
    folder = root / "usb-ro"
    folder.mkdir(parents=True)
    before(folder)
    folder.chmod(0o555)
    return folder


@contextlib.contextmanager
def nobody_home() -> Iterator[Path]:
    """A fresh folder under /tmp that nobody can reach (pytest's own are 0700), removed after."""
    home = Path(tempfile.mkdtemp(prefix="payung-faults-", dir="/tmp"))
    home.chmod(0o755)
    try:
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


def give_to_nobody(path: Path) -> None:
    """Make nobody the owner of a data folder and everything in it."""
    for dirpath, _, files in os.walk(path):
        os.chown(dirpath, NOBODY.pw_uid, NOBODY.pw_gid)
        for name in files:
            os.chown(Path(dirpath) / name, NOBODY.pw_uid, NOBODY.pw_gid)


def payung(data_dir: Path, *args: str, fsize: bool = False) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess (`python -m app --data-dir ... ARGS`), under RLIMIT_FSIZE when
    asked."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        timeout=300,
        check=False,
        preexec_fn=limit_file_size if fsize else None,
    )
