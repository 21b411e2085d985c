"""A fork server for power-loss trials: the test process imports the app once, then every trial
`os.fork()`s a child that runs one operation while the parent SIGKILLs it.

Why fork: a fresh interpreter costs a second of imports per kill; a forked child starts with
everything imported (SQLAlchemy, Alembic, openpyxl, the PDF code), so a trial costs what the
operation costs. The child opens its own database connections (never one inherited from the
parent) and always leaves through `os._exit`, so pytest's own state is never run twice.

The child tells the parent what it did through a pipe, one line per event, each written with a
single `os.write` (atomic for short lines) only AFTER the write it reports returned:
`ack <text>` is an acknowledged write (the commit returned, the file was renamed...). A line
cut by the kill never arrives whole and is dropped.

Kill moments are `uniform(0, duration)` with the operation's measured duration, from one
`random.Random(seed)`: the seed and the trial's delay are in every failure message, so
`PAYUNG_CRASH_SEED=<seed>` replays the same kills. `at_checkpoint` instead stops the child at
an `app.faults` checkpoint and kills it there.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app import faults

SEED = int(os.environ.get("PAYUNG_CRASH_SEED", "20261121"))
CHILD_FAILED = 70  # exit status of a child whose operation raised
WAIT = 120.0  # seconds: a child that is neither killed nor done by then is a hung test


class Report:
    """What the child hands the operation: `ack(text)` after each acknowledged write."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def ack(self, text: str) -> None:
        os.write(self._fd, f"ack {text}\n".encode())


Operation = Callable[[Report], object]


@dataclass
class Trial:
    """One forked run: what it acknowledged and how it ended."""

    label: str
    delay: float | None  # seconds after the fork the kill was sent (None: never sent)
    acks: list[str] = field(default_factory=list)
    killed: bool = False  # the SIGKILL ended it (False: it finished first)
    error: str = ""  # the child's traceback when its operation raised
    seconds: float = 0.0

    def where(self) -> str:
        """For failure messages: enough to replay this trial."""
        delay = "none" if self.delay is None else f"{self.delay * 1000:.2f} ms"
        return f"{self.label} (PAYUNG_CRASH_SEED={SEED}, kill after {delay})"

    def raise_if_failed(self) -> None:
        if self.error:
            raise AssertionError(f"{self.where()}: the operation failed\n{self.error}")


@dataclass
class Timing:
    """How long the operation takes from fork to exit (its quickest clean run so far)."""

    seconds: float

    def __str__(self) -> str:
        return f"{self.seconds * 1000:.0f} ms"


class ForkServer:
    """Runs operations in forked children; `rng` draws every random delay (seeded)."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.kills = 0
        self.trials = 0

    def measure(self, *operations: Operation) -> Timing:
        """The duration from fork to exit of the quickest of these clean runs (each must be a
        run of its own: the same writes twice would clash), which the random kill moments are
        spread over. The quickest: a first run pays for warming caches, and a kill after the
        end of the operation would be a wasted trial."""
        quickest = float("inf")
        for operation in operations:
            trial = self._run(operation, "measure", kill_after=None)
            trial.raise_if_failed()
            quickest = min(quickest, trial.seconds)
        return Timing(quickest)

    def kill_randomly(self, operation: Operation, timing: Timing, label: str) -> Trial:
        """Run once and SIGKILL after uniform(0, timing.seconds) seconds. A run that finished
        first shortens `timing` (a busy machine may have slowed the measuring runs)."""
        delay = self.rng.uniform(0.0, timing.seconds)
        trial = self._run(operation, label, kill_after=delay)
        if not trial.killed and not trial.error:
            timing.seconds = min(timing.seconds, trial.seconds)
        return trial

    def run_clean(self, operation: Operation, label: str) -> Trial:
        """Run once to the end (no kill)."""
        return self._run(operation, label, kill_after=None)

    def at_checkpoint(
        self, operation: Operation, point: str, marker: Path, *, skip: int = 0
    ) -> Trial:
        """Run with `app.faults` stopping at `point` (after `skip` passes) and kill it there.
        The trial is `killed` only when the point was reached."""
        marker.unlink(missing_ok=True)

        def stopped(report: Report) -> object:
            os.environ[faults.POINT_ENV] = point
            os.environ[faults.FILE_ENV] = str(marker)
            os.environ[faults.SKIP_ENV] = str(skip)
            return operation(report)

        return self._run(stopped, f"{point}#{skip}", kill_after=None, marker=marker)

    # -- the fork ------------------------------------------------------------------------
    def _run(
        self,
        operation: Operation,
        label: str,
        *,
        kill_after: float | None,
        marker: Path | None = None,
    ) -> Trial:
        read_fd, write_fd = os.pipe()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read_fd)
            _child(operation, write_fd)
        os.close(write_fd)
        trial = Trial(label, kill_after)
        lines = _Lines(read_fd)
        deadline = started + (kill_after if kill_after is not None else WAIT)
        done = False
        while not done:
            now = time.monotonic()
            if marker is not None and marker.exists():
                break
            if now >= deadline:
                break
            wait = min(deadline - now, 0.002 if marker is not None else deadline - now)
            done = lines.read(wait)
        sent = not done and (kill_after is not None or marker is not None)
        if not done:
            if not sent:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                os.close(read_fd)
                raise AssertionError(f"{label}: the child neither finished nor was killed")
            os.kill(pid, signal.SIGKILL)
        while not lines.read(WAIT):  # drain what the child wrote before it died
            pass
        _, status = os.waitpid(pid, 0)  # reaped now: its pid no longer looks alive
        os.close(read_fd)
        trial.seconds = time.monotonic() - started
        trial.killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        trial.acks = lines.acks
        trial.error = lines.error
        if not trial.killed and trial.delay is not None:
            trial.delay = None  # it finished before the kill was due
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == CHILD_FAILED and not trial.error:
            trial.error = "the child failed without a traceback"
        self.trials += 1
        self.kills += int(trial.killed)
        return trial


class _Lines:
    """Complete lines from the child's pipe; `read(wait)` returns True at end of file."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._buffer = b""
        self.acks: list[str] = []
        self.error = ""

    def read(self, wait: float) -> bool:
        ready, _, _ = select.select([self._fd], [], [], max(wait, 0.0))
        if not ready:
            return False
        chunk = os.read(self._fd, 65536)
        if not chunk:
            return True
        self._buffer += chunk
        *whole, self._buffer = self._buffer.split(b"\n")
        for line in whole:
            text = line.decode()
            if text.startswith("ack "):
                self.acks.append(text[4:])
            elif text.startswith("error "):
                self.error += text[6:].replace("\\n", "\n")
        return False


def _child(operation: Operation, fd: int) -> None:
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        operation(Report(fd))
    except BaseException:
        text = traceback.format_exc().replace("\n", "\\n")
        os.write(fd, f"error {text}\n".encode())
        status = CHILD_FAILED
    finally:
        os._exit(status)
