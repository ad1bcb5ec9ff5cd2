"""Telling the other windows on a shared server what was just saved (issue 18: "a job edited on the
office PC shows on the floor terminal within 2 seconds").

On PostgreSQL a save is announced with ``NOTIFY`` on one channel, inside the save's own transaction
(``announce_commits``), its payload the ``Change`` flags the running service declared
(``domain.changes.writes``) and the announcing ``Database``'s origin: every save is announced once,
whether a window, a background task or the command line made it, and a save rolled back is never
announced (the server delivers a notification only once its transaction has committed, and in commit
order). Every window LISTENs on a connection of its own, on a thread of its own, and hands what
others announced to its tabs (``ChangeListener``). A window ignores its own announcements: it
refreshed as it saved.

SQLite needs none of this: one window writes a shop file at a time (the writer lock), and a second
window on it is read-only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import event, text
from sqlalchemy.orm import Session, sessionmaker

from ..domain.changes import declared_now

CHANNEL = "workshop_changes"
#: How long the listener waits for a notification before looking whether it should stop (seconds).
POLL_S = 0.5


def announces(db) -> bool:
    """Whether saves to ``db`` are announced to other windows (a PostgreSQL server)."""
    return db.engine.dialect.name == "postgresql"


def announce_commits(writer: sessionmaker, origin: str) -> None:
    """Each commit of ``writer``'s sessions made inside a service that declared what it writes
    NOTIFYs it, in the same transaction (a PostgreSQL writer; the caller checks ``announces``)."""

    @event.listens_for(writer, "before_commit")
    def _announce(session: Session) -> None:
        changes = declared_now()
        if changes:
            session.execute(text("SELECT pg_notify(:channel, :payload)"),
                            {"channel": CHANNEL, "payload": f"{changes.value} {origin}"})


def parse(payload: str) -> tuple[int, str] | None:
    """``(changes, origin)`` of an announcement; None for anything else on the channel."""
    flags, _space, origin = payload.partition(" ")
    return (int(flags), origin) if flags.isdigit() and origin else None


class ChangeListener:
    """Listens on ``db``'s server for other windows' announcements and calls ``heard(changes)`` on its
    own thread for each (the window hands it to the GUI thread). ``stop()`` ends it within ~POLL_S."""

    def __init__(self, db, heard: Callable[[int], None]) -> None:
        self._db = db
        self._heard = heard
        self._stopping = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="workshop-change-listener", daemon=True)

    def start(self) -> None:
        """Start listening, on the listener's thread (connecting does not hold up the caller)."""
        self._thread.start()

    def wait_listening(self, timeout_s: float = 5.0) -> bool:
        """True once the server has the LISTEN: a save announced from then on is heard."""
        return self._listening.wait(timeout_s)

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(POLL_S * 4)

    def _run(self) -> None:
        import psycopg

        dialect = self._db.engine.dialect
        args, kwargs = dialect.create_connect_args(self._db.engine.url)
        try:
            with psycopg.connect(*args, **kwargs, autocommit=True) as connection:
                connection.execute(f"LISTEN {CHANNEL}")
                self._listening.set()
                while not self._stopping.is_set():
                    for notice in connection.notifies(timeout=POLL_S):
                        heard = parse(notice.payload)
                        if heard is not None and heard[1] != self._db.origin:
                            self._heard(heard[0])
        except psycopg.Error:
            # The server went away: the window's next save or read says so in its own words; the
            # listener simply ends (the window starts another when the shop is opened again).
            return
        finally:
            self._listening.set()  # never leave wait_listening() waiting
