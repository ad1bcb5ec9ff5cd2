"""Who is at this computer: the names the writer lock records and the rows that say who last
changed them carry ("anna on OFFICE-PC")."""

from __future__ import annotations

import getpass
import socket


def this_host() -> str:
    return socket.gethostname() or "this computer"


def this_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment: the lock still works
        return ""


def this_author() -> str:
    """"anna on OFFICE-PC": the user logged in here and this computer's name (at most 120 characters,
    the width of the ``updated_by`` columns)."""
    user = this_user()
    return (f"{user} on {this_host()}" if user else this_host())[:120]
