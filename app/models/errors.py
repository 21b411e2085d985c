"""Storage errors, worded for the person at the PC (Indonesian), with the path involved."""

from __future__ import annotations


class StorageError(Exception):
    code = "storage"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DatabaseCorrupt(StorageError):
    code = "database_corrupt"


class SchemaTooNew(StorageError):
    code = "schema_too_new"


class NotAPayungDatabase(StorageError):
    code = "not_payung_database"


class BackupFailed(StorageError):
    code = "backup_failed"
