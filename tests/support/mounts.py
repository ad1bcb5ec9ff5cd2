"""Real storage faults for tests: a small tmpfs (a disk that fills up), remounted read-only (a read-only
folder), and a file bind-mounted read-only in a writable folder (a read-only file). All need root and
``mount``; a test using them is skipped, saying why, where mounting is not allowed. (As root, chmod
stops nothing, so it cannot stand in.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True)


def can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def small_disk(folder: Path, size: str = "4m"):
    """``folder`` as a tmpfs of ``size``; unmounted (and its contents gone) afterwards."""
    if not can_mount():
        pytest.skip("needs root and mount (a real small disk)")
    folder.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    if done.returncode:
        pytest.skip(f"mount -t tmpfs is not allowed here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk holding ``folder`` to the last byte, then give back ``leave`` bytes; returns the
    filler file."""
    filler = folder / "filler.bin"
    with open(filler, "ab", buffering=0) as file:
        for chunk in (65536, 4096, 512, 1):
            try:
                while True:
                    file.write(b"\0" * chunk)
            except OSError:
                continue
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def remount_read_only(folder: Path) -> None:
    done = _run("mount", "-o", "remount,ro", str(folder))
    assert done.returncode == 0, done.stderr


@contextmanager
def read_only_file(path: Path):
    """``path`` itself read-only (a bind mount over it), its folder still writable."""
    if not can_mount():
        pytest.skip("needs root and mount (a real read-only file)")
    done = _run("mount", "--bind", str(path), str(path))
    if done.returncode:
        pytest.skip(f"mount --bind is not allowed here: {done.stderr.strip()}")
    try:
        done = _run("mount", "-o", "remount,ro,bind", str(path))
        assert done.returncode == 0, done.stderr
        yield path
    finally:
        _run("umount", "-l", str(path))
