"""Named fault points for crash tests (tests/sync/test_scenarios_a.py, tests/faults/).

`checkpoint("pull.before_cursor")` does nothing unless the environment variable
`PAYUNG_FAULT_POINT` names that point. Then, after letting `PAYUNG_FAULT_SKIP` (default 0)
passes through, it writes the point's name to the file named by `PAYUNG_FAULT_FILE` (if set)
and sleeps up to 60 s, so a test that sees the file can SIGKILL the process exactly there.
Stdlib only, so every layer may call it. The sync code calls it at these points:

- `sync.start`: the sync lock is held, nothing sent yet.
- `push.answered`: a push answer arrived, not yet recorded in the outbox.
- `pull.apply`: inside a pull page's transaction, after its first row was written.
- `pull.before_cursor`: a page's rows written, the cursor not yet moved (same transaction).

And the desktop's file and database writes:

- `file.before_rename`: an export, PDF or bundle complete and fsynced under its `.part` name,
  not yet renamed (app.documents.fileio).
- `backup.before_rename`: a backup copy complete under its `.part` name (app.models.backup).
- `migrate.step`: a migration step run and its revision stamped, its transaction not yet
  committed (each step commits on its own: a crash resumes from the last committed step).
- `import.before_commit`: every imported row written, the transaction not yet committed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

POINT_ENV = "PAYUNG_FAULT_POINT"
FILE_ENV = "PAYUNG_FAULT_FILE"
SKIP_ENV = "PAYUNG_FAULT_SKIP"
HOLD_SECONDS = 60.0

_passed: dict[str, int] = {}


def checkpoint(name: str) -> None:
    """Stop here (see the module docstring) when the environment asks for this point."""
    if os.environ.get(POINT_ENV) != name:
        return
    passed = _passed.get(name, 0)
    _passed[name] = passed + 1
    if passed < int(os.environ.get(SKIP_ENV) or 0):
        return
    marker = os.environ.get(FILE_ENV)
    if marker:
        Path(marker).write_text(name, encoding="utf-8")
    time.sleep(HOLD_SECONDS)
