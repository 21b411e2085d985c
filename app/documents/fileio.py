"""Writing files that a pulled USB stick or a power cut must never leave half-written."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app import faults


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write through `.<name>.part` in the same folder, fsync, rename over `path`, fsync the
    folder. On any error the part file is removed and the error propagates; `path` is then
    either absent or still the previous complete file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    try:
        with part.open("wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        faults.checkpoint("file.before_rename")
        os.replace(part, path)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise
    if os.name == "posix":
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        except OSError as exc:  # some file systems cannot fsync a folder; the rename stands
            if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
                raise
        finally:
            os.close(fd)
    return path
