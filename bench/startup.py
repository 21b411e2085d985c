"""Cold start to window shown, and memory, from `python -m app` in a fresh process.

Contract with app/ui/main.py: with PAYUNG_EXIT_AFTER_SHOWN=1 the app prints exactly one stdout
line `{"event": "shown", "rows": N, "maxrss_kb": K}` once the main window is shown with the first
page of the register loaded, then exits. The figure is the wall time from spawning the process
to reading that line. "Cold" is a new process each time; the OS file cache stays warm (a PC that
has run the app today), the first start of the day also takes the daily and weekly backups and
is reported on its own, and so is a start after a crash (quick_check first).
"""

from __future__ import annotations

import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench import report
from bench.cache import workspace

ROOT = Path(__file__).resolve().parent.parent
WINDOW_MODULE = ROOT / "app" / "ui" / "main.py"
TIMEOUT_S = 120.0


@dataclass(frozen=True, slots=True)
class Start:
    seconds: float
    rows: int
    maxrss_kb: int


class StartFailed(RuntimeError):
    pass


def window_available() -> bool:
    return WINDOW_MODULE.is_file()


def start_once(data_dir: Path) -> Start:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PAYUNG_EXIT_AFTER_SHOWN": "1"}
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir)]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        started = time.perf_counter()
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True
        )
        try:
            line = _shown_line(proc)
            elapsed = time.perf_counter() - started
            proc.wait(timeout=30)
        except StartFailed as exc:
            proc.kill()
            proc.wait()
            stderr.seek(0)
            raise StartFailed(f"{exc}: {stderr.read()[-800:].strip()}") from None
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    event = json.loads(line)
    return Start(elapsed, int(event["rows"]), int(event["maxrss_kb"]))


def _shown_line(proc: subprocess.Popen[str]) -> str:
    """The first stdout line carrying the shown event (read on a thread: no pipe deadlock)."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.perf_counter() + TIMEOUT_S
    while (left := deadline - time.perf_counter()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            raise StartFailed(f"app exited ({proc.wait(10)}) before showing the window")
        if '"shown"' in line:
            return line
    raise StartFailed(f"no 'shown' line within {TIMEOUT_S:.0f} s")


_CRASHER = """
import sys, time
from app.config import resolve_paths
from app.services.context import AppContext
AppContext.open(resolve_paths(sys.argv[1]))
print("open", flush=True)
time.sleep(600)
"""


def leave_unclean(data_dir: Path) -> None:
    """Open the database in another process and SIGKILL it: what a power cut leaves behind."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _CRASHER, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "open":
            raise StartFailed("the crashing process did not open the database")
    finally:
        proc.kill()
        proc.wait()


def measure(cached: Path, scale: int, *, runs: int) -> list[report.Figure]:
    """First start of the day (takes backups), `runs` ordinary cold starts, then starts after a
    crash (the app runs quick_check before opening a file a dead process had open)."""
    if not window_available():
        return _unavailable(scale, "app/ui/main.py missing: the window hook is not there yet")
    try:
        with workspace(cached, f"start-{scale}") as folder:
            first = start_once(folder)
            starts = [start_once(folder) for _ in range(runs)]
            crashed = []
            for _ in range(max(1, runs // 2)):
                leave_unclean(folder)
                crashed.append(start_once(folder))
    except (StartFailed, ValueError, KeyError, subprocess.TimeoutExpired) as exc:
        return _unavailable(scale, f"start failed: {exc}")
    times = [s.seconds for s in starts]
    wrong_rows = sorted({s.rows for s in [first, *starts, *crashed] if s.rows != scale})
    rows_note = f"; rows reported {wrong_rows} != {scale}!" if wrong_rows else ""
    return [
        report.Figure(
            name=report.COLD_START_FIGURE,
            scale=scale,
            value=statistics.median(times),
            unit="s",
            budget=report.COLD_START,
            detail=f"max {max(times):.2f} s, n={len(times)} after 1 warm-up{rows_note}",
            extra={"runs_s": times, "rows": [s.rows for s in starts]},
        ),
        report.Figure(
            name=report.FIRST_START_FIGURE,
            scale=scale,
            value=first.seconds,
            unit="s",
            budget=report.COLD_START,
            detail="the warm-up run: also takes the daily and weekly backups",
        ),
        report.Figure(
            name=report.CRASH_START_FIGURE,
            scale=scale,
            value=statistics.median(s.seconds for s in crashed),
            unit="s",
            budget=report.COLD_START,
            detail=f"median of {len(crashed)}: SIGKILLed opener first, so quick_check runs",
            extra={"runs_s": [s.seconds for s in crashed]},
        ),
        report.Figure(
            name=report.MEMORY_FIGURE,
            scale=scale,
            value=max(s.maxrss_kb for s in starts) / 1024,
            unit="MB",
            budget=report.MEMORY,
            detail=f"maxrss_kb of the shown line, max of {len(starts)} runs",
            extra={"maxrss_kb": [s.maxrss_kb for s in starts]},
        ),
    ]


def _unavailable(scale: int, note: str) -> list[report.Figure]:
    return [
        report.Figure(report.COLD_START_FIGURE, scale, None, "s", report.COLD_START, note=note),
        report.Figure(report.FIRST_START_FIGURE, scale, None, "s", report.COLD_START, note=note),
        report.Figure(report.CRASH_START_FIGURE, scale, None, "s", report.COLD_START, note=note),
        report.Figure(report.MEMORY_FIGURE, scale, None, "MB", report.MEMORY, note=note),
    ]  # fmt: skip
