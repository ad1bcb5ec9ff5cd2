"""A background read a test can hold: it stands in for a function a tab runs on the pool thread
(``fn(state, db)``), records the thread of each call, and, when held, does the real read and then
waits for ``release`` before handing the rows over, so a test can look at the window meanwhile."""

from __future__ import annotations

import threading


class HeldReads:
    def __init__(self, real) -> None:
        self.real = real
        self.on_gui_thread: list[bool] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def hold(self) -> None:
        self.entered.clear()
        self.release.clear()

    def __call__(self, state, db):
        self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
        rows = self.real(state, db)
        self.entered.set()
        assert self.release.wait(30), "the test never released the held read"
        return rows


def held(monkeypatch, owner, name: str):
    """``owner.name`` replaced by a HeldReads over it, for a fixture to yield (and then release, so no
    pool thread is left waiting)."""
    fake = HeldReads(getattr(owner, name))
    monkeypatch.setattr(owner, name, fake)
    return fake
