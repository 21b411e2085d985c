"""Where things live: the data folder (platformdirs; --data-dir or PAYUNG_DATA_DIR override)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "PayungDesa"
DATA_DIR_ENV = "PAYUNG_DATA_DIR"
DB_FILENAME = "payung.sqlite3"


@dataclass(frozen=True, slots=True)
class Paths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def replaced(self) -> Path:
        """Where restore keeps the file it replaced."""
        return self.data_dir / "backups" / "replaced"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """--data-dir wins, then PAYUNG_DATA_DIR, then the user's data folder."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or user_data_dir(APP_NAME, appauthor=False)
    return Paths(Path(chosen).expanduser().resolve())
