"""Errors a front end may meet, in one import: domain rule errors and storage errors."""

from app.domain.errors import DomainError
from app.models.errors import (
    BackupFailed,
    DatabaseCorrupt,
    NotAPayungDatabase,
    SchemaTooNew,
    StorageError,
)

__all__ = [
    "BackupFailed",
    "DatabaseCorrupt",
    "DomainError",
    "NotAPayungDatabase",
    "SchemaTooNew",
    "StorageError",
]
