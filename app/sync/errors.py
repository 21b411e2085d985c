"""What can go wrong in a sync, each with an Indonesian message for the user.

The UI and CLI show `message` as is; the class says what kind of trouble it is (retry later,
reconnect, update the app, fix the file).
"""

from __future__ import annotations


class SyncError(Exception):
    """Base: `message` is one Indonesian sentence saying what happened and what to do."""

    retry_later = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotConnected(SyncError):
    """This database has no device token yet (run `payung connect`)."""


class InsecureUrl(SyncError):
    """A plain http:// address that is not the computer itself."""


class Offline(SyncError):
    """The server could not be reached (no internet, wrong address, timeout)."""

    retry_later = True


class ServerUnavailable(SyncError):
    """The server answered 5xx or broke the connection mid-answer."""

    retry_later = True


class Unauthorized(SyncError):
    """The server does not know this device's token (or the enrollment code was wrong)."""


class Revoked(Unauthorized):
    """The DPMD revoked this device; it must be connected again with a new code."""


class TooManyAttempts(SyncError):
    """Rate limited (enrollment codes): wait before trying again."""

    retry_later = True


class UpgradeRequired(SyncError):
    """The server needs a newer Payung Desa for this step."""


class SeqGap(SyncError):
    """The server expects another device_seq next (409)."""

    def __init__(self, message: str, expected: int) -> None:
        super().__init__(message)
        self.expected = expected


class BadAnswer(SyncError):
    """The server's answer was not what the protocol says (or a 4xx with its reason)."""


class SyncBusy(SyncError):
    """Another sync of this database is already running (in this program or another)."""


class BundleError(SyncError):
    """A USB bundle that cannot be used: damaged, tampered, for another device or village."""
