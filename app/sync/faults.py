"""The sync code's fault points live in app.faults (shared with the file and database writes);
this name stays for the sync tests and code that import it from here."""

from app.faults import FILE_ENV, HOLD_SECONDS, POINT_ENV, SKIP_ENV, checkpoint

__all__ = ["FILE_ENV", "HOLD_SECONDS", "POINT_ENV", "SKIP_ENV", "checkpoint"]
