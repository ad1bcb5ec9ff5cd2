"""What the other windows on a shared server save, heard in this one (issue 18: "a job edited on the
office PC shows on the floor terminal within 2 seconds"). Saves are announced by the database as they
commit (``db.notices``); a window listens here. A shop file has one writing window: nothing to hear."""

from __future__ import annotations

from collections.abc import Callable

from ..db import notices
from ..db.engine import Database


def listen(db: Database, heard: Callable[[int], None]) -> notices.ChangeListener | None:
    """Start hearing the other windows' saves to ``db``'s server: ``heard(changes)`` (``Change`` flags as
    an int) on the listener's own thread, for each. Stopped as the shop closes. None on a shop file."""
    if not notices.announces(db):
        return None
    listener = notices.ChangeListener(db, heard)
    db.when_closed(listener.stop)
    listener.start()
    return listener
