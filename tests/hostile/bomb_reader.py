"""Run as a child process: read one file as the import does, under an address-space limit,
and print one JSON line: {"outcome": "preview"|"refused"|"crashed", "message", "maxrss_mb"}.

    python -m tests.hostile.bomb_reader <file>...

One JSON line per file, in order ("maxrss_mb" is the peak so far: keep big previews last).

The limit (PARENT_LIMIT_MB) stands for a modest office PC; the reader's own worker process
gets the smaller PAYUNG_READER_MEMORY_MB the test sets. Any exception other than the import's
UnreadableFile is "crashed" with its class name.
"""

from __future__ import annotations

import json
import resource
import sys
from datetime import date
from pathlib import Path

PARENT_LIMIT_MB = 1536


def read(path: Path) -> dict[str, object]:
    from app.documents.importing import UnreadableFile, read_preview
    from tests.factories_contrib import rates_on

    result: dict[str, object]
    try:
        preview = read_preview(path, today=date(2026, 11, 21), rates_at=rates_on)
        result = {"outcome": "preview", "message": f"{preview.rows_read} rows"}
    except UnreadableFile as error:
        result = {"outcome": "refused", "message": error.message, "field": error.field}
    except BaseException as error:  # reported, and the test fails on it
        result = {"outcome": "crashed", "message": type(error).__name__}
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return result


if __name__ == "__main__":
    limit = PARENT_LIMIT_MB * 1024**2
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    for name in sys.argv[1:]:
        print(json.dumps({"file": name, **read(Path(name))}), flush=True)
