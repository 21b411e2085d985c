"""Opening everything a front end needs: the database and the services over it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.config import Paths
from app.models.backup import rotate_daily
from app.models.database import Database, open_database
from app.models.errors import BackupFailed
from app.services.enrollments import Enrollments
from app.services.heirs import Heirs
from app.services.rates import Rates
from app.services.register import Register
from app.services.roster import RosterService
from app.services.standing import StandingService
from app.services.village import VillageService

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """The services of one village database. Close it when done (marks a clean shutdown)."""

    paths: Paths
    database: Database
    village: VillageService
    register: Register
    heirs: Heirs
    rates: Rates
    enrollments: Enrollments
    roster: RosterService
    standing: StandingService
    today: Callable[[], date] = field(default=date.today)

    @classmethod
    def open(
        cls,
        paths: Paths,
        *,
        today: Callable[[], date] = date.today,
        daily_backup: bool = True,
    ) -> AppContext:
        """Open the database (migrating after a backup). `daily_backup=False` leaves the daily
        copy to the caller (the window takes it in the background after it is shown)."""
        database = open_database(paths.database, backups=paths.backups)
        sessions = database.sessions
        rates = Rates(sessions)
        rates.seed()
        context = cls(
            paths=paths,
            database=database,
            village=VillageService(sessions),
            register=Register(sessions, today),
            heirs=Heirs(sessions, today),
            rates=rates,
            enrollments=Enrollments(sessions, rates, today),
            roster=RosterService(sessions, rates, today),
            standing=StandingService(sessions, today),
            today=today,
        )
        if daily_backup:
            context.daily_backup()
        return context

    def daily_backup(self) -> str | None:
        """Take the day's backup if not yet taken. Thread-safe (its own SQLite connections).
        Returns the Indonesian problem text when it failed: a full disk must not stop the
        office from working, so the failure is logged and shown, never raised."""
        try:
            rotate_daily(self.paths.database, self.paths.backups)
        except BackupFailed as exc:
            log.error("daily backup failed: %s", exc.message)
            return exc.message
        return None

    def close(self) -> None:
        self.database.close()
