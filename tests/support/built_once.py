"""Expensive read-only setup made once per test run, however many pytest-xdist workers ask for it:
the first to ask builds it under a lock, the others wait for it, then each copies it. Without xdist
it is made once per session, in the session's own temporary folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no shared lock, so each worker builds its own
    fcntl = None


def run_folder(tmp_path_factory) -> Path:
    """A folder this run alone uses: shared by its xdist workers (their base temporary folders sit in
    it), else the session's own (the parent of a lone session's is shared with other runs)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER") and fcntl is not None:
        return base.parent
    return base


@contextmanager
def _locked(path: Path):
    with open(path, "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """``run_folder/name``, made by ``build(path)`` unless it is there already. Never write to it:
    copy it."""
    folder = run_folder(tmp_path_factory) / "built-once"
    folder.mkdir(exist_ok=True)
    path = folder / name
    done = folder / f"{name}.done"
    with _locked(folder / f"{name}.lock"):
        if not done.exists():
            path.unlink(missing_ok=True)  # a build that failed half-way is made again
            build(path)
            done.touch()
    return path
