"""Crash-test writer, run as a script by test_crash_safety.py (it is not a test itself).

    python crash_writer.py DATA_DIR RUN

Opens the village database the way the app does (AppContext) and adds workers as fast as it
can. Each NIK is written to stdout only after `register.add` returned, that is after its
transaction committed: a printed NIK is an acknowledged write. RUN makes this writer's NIKs
differ from every other run's (its own birth date), so restarted writers never collide.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the factories

from factories import TODAY, make_nik, make_worker_draft

from app.config import resolve_paths
from app.services.context import AppContext


def main() -> None:
    data_dir, run = sys.argv[1], int(sys.argv[2])
    context = AppContext.open(resolve_paths(data_dir), today=lambda: TODAY)
    born = date(1950, 1, 1) + timedelta(days=run)
    for serial in range(1, 10_000):
        sex = "P" if serial % 2 else "L"
        nik = make_nik(born, sex, serial=serial)
        context.register.add(
            make_worker_draft(nik=nik, birth_date=born.isoformat(), sex=sex, category="petani")
        )
        sys.stdout.write(nik + "\n")
        sys.stdout.flush()
    context.close()


if __name__ == "__main__":
    main()
