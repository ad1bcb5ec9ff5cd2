"""A shop in a network share or a cloud-sync folder is recognised (for a warning pointing to the server
option), a local disk is not: a pure function of the path, the mount table and the Windows drive type."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from workshop.db.storage_place import DRIVE_REMOTE, parse_mounts, place_of, storage_place

MOUNTS = parse_mounts(
    "/dev/sda1 / ext4 rw,relatime 0 0\n"
    "//nas/shop /mnt/shop cifs rw,vers=3.0 0 0\n"
    "server:/export /srv/nfs nfs4 rw 0 0\n"
    "tmpfs /mnt/shop/cache tmpfs rw 0 0\n"
    "/dev/sdb1 /media/usb\\040stick vfat rw 0 0\n")


@pytest.mark.parametrize(("path", "kind", "name"), [
    ("/mnt/shop/shop.db", "network", "SMB/CIFS share"),
    ("/srv/nfs/workshop/shop.db", "network", "NFS share"),
    ("/mnt/shop/cache/shop.db", None, None),  # a local tmpfs mounted inside the share: the deeper mount wins
    ("/mnt/shopping/shop.db", None, None),  # "/mnt/shop" is not a prefix of another folder's name
    ("/media/usb stick/shop.db", None, None),
    ("/home/anna/Dropbox/Workshop/shop.db", "cloud", "Dropbox"),
    ("/home/anna/OneDrive - Harrow & Finch/shop.db", "cloud", "OneDrive"),
    ("/Users/anna/Library/Mobile Documents/com~apple~CloudDocs/shop.db", "cloud", "iCloud Drive"),
    ("/Users/anna/Google Drive/My Drive/shop.db", "cloud", "Google Drive"),
    ("/home/anna/dropboxes/shop.db", None, None),
    ("/home/anna/Documents/shop.db", None, None),
])
def test_linux_and_mac_paths(path, kind, name):
    place = storage_place(PurePosixPath(path), mounts=MOUNTS)
    assert (place.kind, place.name) == (kind, name) if kind else place is None


@pytest.mark.parametrize(("path", "drive_type", "kind", "name"), [
    (r"\\NAS\shop\shop.db", None, "network", "Windows network share"),
    (r"S:\Workshop\shop.db", DRIVE_REMOTE, "network", "mapped network drive"),
    (r"C:\Users\anna\OneDrive\Documents\shop.db", 3, "cloud", "OneDrive"),
    (r"C:\Users\anna\iCloudDrive\shop.db", 3, "cloud", "iCloud Drive"),
    (r"C:\Users\anna\Documents\shop.db", 3, None, None),
])
def test_windows_paths(path, drive_type, kind, name):
    place = storage_place(PureWindowsPath(path), windows_drive_type=drive_type)
    assert (place.kind, place.name) == (kind, name) if kind else place is None


def test_the_warning_points_to_the_server_option():
    place = storage_place(PurePosixPath("/mnt/shop/shop.db"), mounts=MOUNTS)
    words = place.warning(PurePosixPath("/mnt/shop/shop.db"))
    assert words.startswith("shop.db is in a network share (SMB/CIFS share).")
    assert "PostgreSQL" in words


def test_a_local_temporary_folder_is_no_network(tmp_path):
    assert place_of(Path(tmp_path) / "shop.db") is None
