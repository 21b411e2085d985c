"""The device token and bundle key: in the system keyring when there is a real one, else in a
file only this Windows/Linux user can read.

Keyed by device id. keyring is imported on use; any keyring failure (no backend, locked
collection, D-Bus gone) falls back to the file, never stops a sync. Secrets are never logged.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SERVICE = "payung-desa-sync"
FILE_NAME = "sync-secret.json"
KEYRING_ENV = "PAYUNG_KEYRING"  # "off": always use the file (tests, portable installs)
_UNUSABLE_BACKENDS = ("keyring.backends.fail", "keyring.backends.null")


@dataclass(frozen=True, slots=True)
class DeviceSecret:
    token: str
    bundle_key: str

    def __repr__(self) -> str:  # never print the secrets themselves
        return "DeviceSecret(***)"


class SecretStore:
    """Thread-safe enough for one process: each call reads or replaces the whole entry."""

    def __init__(self, data_dir: Path, *, use_keyring: bool | None = None) -> None:
        self.path = data_dir / FILE_NAME
        if use_keyring is None:
            use_keyring = os.environ.get(KEYRING_ENV, "").lower() not in {"off", "0", "no"}
        self._use_keyring = use_keyring

    # -- public ---------------------------------------------------------------------------
    def save(self, device_id: str, secret: DeviceSecret) -> None:
        text = json.dumps({"token": secret.token, "bundle_key": secret.bundle_key})
        if self._keyring_set(device_id, text):
            self._file_remove(device_id)  # no stale copy readable on disk
            return
        self._file_put(device_id, {"token": secret.token, "bundle_key": secret.bundle_key})

    def load(self, device_id: str) -> DeviceSecret | None:
        text = self._keyring_get(device_id)
        if text is not None:
            parsed = _parse(text)
            if parsed is not None:
                return parsed
        entry = self._file_read().get(device_id)
        return _parse(json.dumps(entry)) if isinstance(entry, dict) else None

    def forget(self, device_id: str) -> None:
        backend = self._backend()
        if backend is not None:
            try:
                backend.delete_password(SERVICE, device_id)
            except Exception:  # absent entry or broken backend: nothing to undo
                log.debug("keyring delete failed", exc_info=False)
        self._file_remove(device_id)

    # -- keyring --------------------------------------------------------------------------
    def _backend(self) -> Any | None:
        if not self._use_keyring:
            return None
        try:
            import keyring

            backend = keyring.get_keyring()
        except Exception:  # any import/config failure means "no keyring"
            return None
        return backend if usable_backend(backend) else None

    def _keyring_set(self, device_id: str, text: str) -> bool:
        backend = self._backend()
        if backend is None:
            return False
        try:
            backend.set_password(SERVICE, device_id, text)
        except Exception:  # locked or broken keyring: fall back to the file
            log.warning("keyring unavailable, secret stored in the data folder instead")
            return False
        return True

    def _keyring_get(self, device_id: str) -> str | None:
        backend = self._backend()
        if backend is None:
            return None
        try:
            value = backend.get_password(SERVICE, device_id)
        except Exception:  # broken backend: treat as absent
            return None
        return value if isinstance(value, str) else None

    # -- file -----------------------------------------------------------------------------
    def _file_read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _file_put(self, device_id: str, entry: dict[str, str]) -> None:
        data = self._file_read()
        data[device_id] = entry
        self._file_write(data)

    def _file_remove(self, device_id: str) -> None:
        data = self._file_read()
        if device_id in data:
            del data[device_id]
            self._file_write(data)

    def _file_write(self, data: dict[str, Any]) -> None:
        """Atomic replace of a file created 0600 (never readable by others, even briefly)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.part")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        if os.name == "posix":
            os.chmod(tmp, 0o600)  # whatever the umask said
        os.replace(tmp, self.path)


def usable_backend(backend: Any) -> bool:
    """False for keyring's fail/null backends and for a chainer that chains nothing."""
    module = type(backend).__module__
    if module.startswith(_UNUSABLE_BACKENDS):
        return False
    if module.startswith("keyring.backends.chainer"):
        chained = getattr(backend, "backends", [])
        return any(usable_backend(b) for b in chained)
    try:
        return float(getattr(backend, "priority", 1)) > 0
    except Exception:  # a backend whose priority check itself fails
        return False


def _parse(text: str) -> DeviceSecret | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    token, key = data.get("token"), data.get("bundle_key")
    if isinstance(token, str) and isinstance(key, str):
        return DeviceSecret(token=token, bundle_key=key)
    return None
