"""Servers, for the window: where a shop is (a file or a PostgreSQL server, named for people and for
Open Recent), logging in to a server with the password kept on this PC for it (finding, remembering
and forgetting it), and moving a shop between a file and a server (``workshop migrate-to`` with
progress and Cancel, a failure said as the program's own error).

Plain data in and out: the window holds no SQLAlchemy URL. A server is a ``ServerLogin`` (frozen: who
logs in where) and, to open it, text (the URL with its password, kept in memory only). The work itself
is ``db/credentials.py``'s (the keyring, the password file, the login check) and ``db/transfer.py``'s
(the copy); this module is all of them the window calls (pyproject.toml's contract
"window-imports-no-database").
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from ..db import credentials
from ..db.credentials import LoginCheck, ServerLogin, forget_password, login_of, recent_name_of
from ..db.engine import Database
from ..db.faults import storage_fault
from ..domain.errors import ValidationError

if TYPE_CHECKING:  # db/transfer.py is imported when a shop is first moved, not as the window starts
    from ..db.transfer import TransferReport

#: Progress per table: the bar runs over the tables, each table's share filled as its rows go across.
STEP = 1000


# --- where a shop is ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ShopPlace:
    """Where an open shop is."""

    #: how Open Recent and the settings name it: a file by its path, a server by its URL with no
    #: password in it at all (so it can be opened again as it is)
    recent_name: str
    #: how people are shown it: the file's path, or the server's URL with its password hidden
    shown: str
    #: the shop's file; None on a server (or in memory)
    file: Path | None
    #: the shop is on a PostgreSQL server (Copy this shop to a file… is offered)
    on_server: bool
    #: the window's title: the file's name ("shop.db"), or the server's database and where it is
    #: ("workshop on office-server"); the toolkit adds the program's name after it
    title: str


def place_of(db: Database) -> ShopPlace:
    if db.url.get_backend_name() == "postgresql":  # named as it was given
        title = f"{db.url.database} on {db.url.host or 'this computer'}"
    else:
        title = db.file_path.name if db.file_path is not None else db.display_name
    return ShopPlace(recent_name=credentials.recent_name(db.url), shown=db.display_name, file=db.file_path,
                     on_server=db.engine.dialect.name == "postgresql", title=title)


# --- logging in, and the password kept on this PC ------------------------------------------------

@dataclass(frozen=True)
class RecentServer:
    """A server from Open Recent (kept there without its password), with the password kept for it."""

    login: ServerLogin
    #: whether the server let the password found in (none found: libpq read its password file, if any)
    check: LoginCheck
    #: the URL with that password in it, for opening (in memory only)
    target: str = field(repr=False)


def recent_server(target: str) -> RecentServer | None:
    """``target`` from Open Recent: None for a file (or anything but a server's URL); for a server the
    password kept on this PC for it (the keyring; else libpq reads its password file) and whether the
    server lets it in."""
    login = login_of(target)
    if login is None:
        return None
    url = make_url(target)
    password = credentials.find_password(login)
    check = credentials.check_login(credentials.url_with(url, password))
    return RecentServer(login, check, credentials.with_password(url, password))


def password_to_use(login: ServerLogin, typed: str) -> str | None:
    """The password typed, else the one kept in the keyring for ``login``, else None (libpq then reads its
    password file)."""
    return typed or credentials.find_password(login) or None


def server_target(login: ServerLogin, password: str | None) -> str:
    """``login``'s server as text for opening, with ``password`` in it (kept only in memory by the caller)."""
    return credentials.with_password(login.url(), password)


def remember_password(login: ServerLogin, password: str) -> str:
    """Keep ``password`` for ``login`` on this PC (the keyring, else the password file); says where.
    OSError: the password file cannot be written."""
    _kept, where = credentials.remember_password(login, password)
    return where


def password_place() -> str:
    """Where a password would be kept now, in words for the owner ("in this PC's keyring (…)")."""
    _kept, where = credentials.password_store()
    return where


# --- moving a shop (off the GUI thread: plain data in and out) ----------------------------------

class TaskState(Protocol):
    """What the copy is given by the window's task (ui/tasks.py): Cancel, and where to report progress."""

    def is_cancelled(self) -> bool: ...

    def progress(self, done: int, total: int) -> None: ...


@dataclass(frozen=True)
class Moved:
    report: TransferReport
    seconds: float


class _Stopped(Exception):
    """Cancel was pressed: raised from the copy's progress, so its transaction rolls back."""


def table_names() -> tuple[str, ...]:
    """The tables a copy goes through, in its order, in words ("job card" for job_card)."""
    from ..db import transfer

    return tuple(t.name.replace("_", " ") for t in transfer.model_tables())


def _source(db: Database) -> str | URL:
    return str(db.file_path) if db.file_path is not None else db.url  # a server's URL with its password


def copy_shop(state: TaskState, db: Database, target: str | ServerLogin, password: str | None,
              outcome: list) -> Moved | None:
    """Copy the shop ``db`` into ``target`` (a new file's path, or a server's empty database logged in
    with ``password``): ``migrate_to`` with progress over all the tables (``STEP`` a table); Cancel stops
    it at its next batch (rolled back: None). ``outcome`` gets the result as soon as the copy is
    committed: a Cancel pressed after that point has nothing left to stop. A storage fault (the server
    went away, the disk filled) is raised as the program's own error; a password missing or refused as
    a ValidationError of the field "password"."""
    from ..db import transfer

    if isinstance(target, ServerLogin):
        target = target.url(password)
        _check_login(target)
    tables = {t.name: at for at, t in enumerate(transfer.model_tables())}

    def progress(table: str, done: int, total: int) -> None:
        if state.is_cancelled():
            raise _Stopped
        state.progress(tables[table] * STEP + (done * STEP // total if total else STEP), len(tables) * STEP)

    started = time.monotonic()
    try:
        report = transfer.migrate_to(target, _source(db), progress=progress)
    except _Stopped:
        return None
    except DBAPIError as exc:  # the server went away, the disk filled …: said as every save says it
        fault = storage_fault(exc, transfer.shown(target) if isinstance(target, URL) else str(target))
        if fault is None:
            raise
        raise fault from exc
    moved = Moved(report, time.monotonic() - started)
    outcome.append(moved)
    return moved


def _check_login(url: URL) -> None:
    """A password missing or refused is told under the password field, before anything is copied."""
    check = credentials.check_login(url)
    if check is LoginCheck.NO_PASSWORD:
        raise ValidationError("password", f"The server asks for {url.username}'s password: type it here.")
    if check is LoginCheck.REFUSED:
        raise ValidationError("password", f"The server refused this password for {url.username}. Type it again "
                                          "(capital letters count).")


__all__ = ["STEP", "LoginCheck", "Moved", "RecentServer", "ServerLogin", "ShopPlace", "TaskState",
           "copy_shop", "forget_password", "login_of", "password_place", "password_to_use", "place_of",
           "recent_name_of", "recent_server", "remember_password", "server_target", "table_names"]
