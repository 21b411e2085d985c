"""Crash-test sync client, run as a script by test_scenarios_a.py (it is not a test itself).

    python crashclient.py DATA_DIR

Opens the data folder the way the app does (AppContext; device secrets from the file in the
folder, never a keyring) and runs one sync with the real SyncEngine. It prints, flushed:
`ready` once the database is open, `progress <stage> <done>` for every progress report, and
at the end one JSON line `{"pushed": n, "pulled": n, "warnings": [...]}`. A SyncError ends it
with exit 1 and `error <Class> <message>` on stdout. The tests SIGKILL it at chosen moments:
after a line, at a random time, or at an app.sync.faults checkpoint (PAYUNG_FAULT_POINT).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the factories

from factories import TODAY

from app.config import resolve_paths
from app.services.context import AppContext
from app.sync import run
from app.sync.engine import Progress, SyncEngine
from app.sync.errors import SyncError
from app.sync.secrets import SecretStore


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> int:
    if os.environ.get("PAYUNG_TEST_PULL_PAGE"):  # pages small enough to kill between them
        run.PULL_PAGE = int(os.environ["PAYUNG_TEST_PULL_PAGE"])
    paths = resolve_paths(Path(sys.argv[1]))
    context = AppContext.open(paths, today=lambda: TODAY, daily_backup=False)
    engine = SyncEngine(
        context.database.sessions,
        paths.data_dir,
        secrets=SecretStore(paths.data_dir, use_keyring=False),
    )
    _say("ready")

    def progress(report: Progress) -> None:
        _say(f"progress {report.stage} {report.done}")

    try:
        result = engine.sync(progress=progress)
    except SyncError as exc:
        _say(f"error {type(exc).__name__} {exc.message}")
        return 1
    finally:
        context.close()
    _say(json.dumps({"pushed": result.pushed, "pulled": result.pulled,
                     "warnings": list(result.warnings)}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
