"""Removable drives (USB sticks) a document can be copied to.

`is_removable_target` is the decision, pure and tested with made-up volumes; `removable_drives`
feeds it what QStorageInfo sees on this PC. Qt does not say "removable", so the rule is where
such drives appear: on Linux under /media or /run/media (udisks), on macOS under /Volumes, on
Windows any drive letter other than the system drive.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from PySide6.QtCore import QStorageInfo

LINUX_MOUNT_ROOTS = ("/media", "/run/media")
MAC_MOUNT_ROOT = "/Volumes"


@dataclass(frozen=True, slots=True)
class Volume:
    """What the decision needs to know about one mounted volume."""

    root: str  # mount point or drive root: /media/sekdes/FLASHDISK, E:/
    name: str  # label shown to people: FLASHDISK
    ready: bool
    read_only: bool
    writable: bool  # this user may create files in `root`
    is_root: bool  # the "/" volume
    bytes_free: int = 0


def is_removable_target(volume: Volume, *, platform: str, system_drive: str = "C:") -> bool:
    """Whether a document may be offered for copying to `volume`.

    `platform` is sys.platform ("linux", "win32", "darwin"); `system_drive` the Windows
    system drive (%SystemDrive%, "C:")."""
    if not volume.ready or volume.read_only or not volume.writable or volume.is_root:
        return False
    if platform == "win32":
        drive = PureWindowsPath(volume.root).drive.upper()
        return bool(drive) and len(drive) == 2 and drive != system_drive.upper().rstrip("\\/")
    root = PurePosixPath(volume.root)
    bases = (MAC_MOUNT_ROOT,) if platform == "darwin" else LINUX_MOUNT_ROOTS
    return any(root != PurePosixPath(b) and root.is_relative_to(b) for b in bases)


def volumes() -> list[Volume]:
    """Every mounted volume, as QStorageInfo sees it (cheap: no disk is read)."""
    found = []
    for info in QStorageInfo.mountedVolumes():
        if not info.isValid():
            continue
        root = info.rootPath()
        found.append(
            Volume(
                root=root,
                name=info.displayName() or root,
                ready=info.isReady(),
                read_only=info.isReadOnly(),
                writable=info.isReady() and os.access(root, os.W_OK),
                is_root=info.isRoot(),
                bytes_free=info.bytesAvailable(),
            )
        )
    return found


def removable_drives() -> list[Volume]:
    """The USB sticks and other removable drives a document may be copied to now."""
    system = os.environ.get("SYSTEMDRIVE", "C:")
    return [v for v in volumes() if is_removable_target(v, platform=sys.platform,
                                                         system_drive=system)]  # fmt: skip
