"""Is the shop's file in a network share or a cloud-sync folder?

SQLite's locking is unreliable over SMB/CIFS and NFS, and a sync client (Dropbox, OneDrive, iCloud
Drive, Google Drive) copies the file while it is being written and may "resolve conflicts" by
keeping one PC's copy. Neither is refused (many small shops start that way), but the owner is
warned once per file and pointed to the server option (PostgreSQL).

``storage_place`` is a pure function of the path and what the system says about it (the mount
table, the Windows drive type), so every case can be tested on any machine; ``place_of`` gathers
those facts for the real file.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

#: Linux file system types that live on another computer (/proc/mounts' third field).
NETWORK_FS = frozenset({"cifs", "smb3", "smbfs", "nfs", "nfs4", "ncpfs", "afs", "9p", "fuse.sshfs",
                        "fuse.rclone", "davfs", "fuse.davfs2", "glusterfs", "fuse.glusterfs", "ceph", "fuse.gvfsd-fuse",
                        "lustre", "gpfs"})

#: Folder names that sync clients use; matched on whole path parts (case-insensitive).
_CLOUD = (("dropbox", "Dropbox"), ("onedrive", "OneDrive"), ("icloud drive", "iCloud Drive"),
          ("iclouddrive", "iCloud Drive"), ("mobile documents", "iCloud Drive"),
          ("google drive", "Google Drive"), ("googledrive", "Google Drive"), ("my drive", "Google Drive"))

DRIVE_REMOTE = 4  # GetDriveTypeW


@dataclass(frozen=True)
class Place:
    kind: str  # "network" or "cloud"
    name: str  # "SMB/CIFS share", "NFS share", "Dropbox" …

    def warning(self, path: PurePath) -> str:
        where = f"a network share ({self.name})" if self.kind == "network" else f"a {self.name} folder"
        return (f"{path.name} is in {where}. Workshop works there, but a shared or synced file can be damaged "
                "if two PCs use it at once or the connection drops while saving, and a sync client may keep "
                "an older copy. For a shop used from more than one PC, put the data on a database server "
                "(PostgreSQL: start Workshop with --db postgresql://…) and keep the backups on.")


def _cloud(parts: tuple[str, ...]) -> Place | None:
    for part in parts:
        low = part.lower()
        for key, name in _CLOUD:
            # "OneDrive - Harrow & Finch" is OneDrive too
            if low == key or low.startswith(key + " - ") or low.startswith(key + " ("):
                return Place("cloud", name)
    return None


def _fs_name(fstype: str) -> str:
    if fstype in ("cifs", "smb3", "smbfs"):
        return "SMB/CIFS share"
    if fstype.startswith("nfs"):
        return "NFS share"
    return f"{fstype} network file system"


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) pairs from /proc/mounts text (octal escapes undone)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].encode().decode("unicode_escape") if "\\" in fields[1] else fields[1]
            mounts.append((point, fields[2]))
    return mounts


def storage_place(path: PurePath, *, mounts: list[tuple[str, str]] = (), windows_drive_type: int | None = None
                  ) -> Place | None:
    """Where ``path`` lives, when that is a network share or a cloud-sync folder; None for a local disk.
    ``mounts``: (mount point, fs type) on Linux (the longest matching mount point wins);
    ``windows_drive_type``: GetDriveTypeW of the path's drive on Windows."""
    if isinstance(path, PureWindowsPath):
        if path.drive.startswith("\\\\"):
            return Place("network", "Windows network share")
        if windows_drive_type == DRIVE_REMOTE:
            return Place("network", "mapped network drive")
    elif mounts:
        best, fstype = "", ""
        text = str(PurePosixPath(path))
        for point, kind in mounts:
            if (text == point or text.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
                best, fstype = point, kind
        if fstype in NETWORK_FS or fstype.startswith("nfs"):
            return Place("network", _fs_name(fstype))
    return _cloud(path.parts)


def place_of(path: Path) -> Place | None:
    """``storage_place`` for a real file on this PC."""
    path = Path(os.path.abspath(path))
    if sys.platform == "win32":
        import ctypes

        win = PureWindowsPath(str(path))
        drive_type = ctypes.windll.kernel32.GetDriveTypeW(win.anchor) if win.anchor else None
        return storage_place(win, windows_drive_type=drive_type)
    mounts: list[tuple[str, str]] = []
    try:
        mounts = parse_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        pass  # macOS and others: the cloud folder names still count
    return storage_place(PurePosixPath(str(path)), mounts=mounts)
