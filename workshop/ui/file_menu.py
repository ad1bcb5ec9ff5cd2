"""The File menu's ways to another shop: New database…, Open…, Open Recent and Open server… ask which
shop (a file dialog, the recent list, the Open server dialog); the window then opens it
(``MainWindow.open_database_target``), as each of these does. Moving a shop to a server or to a file is
dialogs/move_shop.py's."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ..domain.errors import WorkshopError
from .errors import show_error


def open_database_file(window) -> None:
    """File ▸ Open…: a shop file chosen in the file dialog."""
    from .file_dialogs import DB_FILTER, start_in

    path, _ = QFileDialog.getOpenFileName(window, "Open a shop database", start_in(), DB_FILTER)
    if path:
        window.open_database_target(path, create=False)


def new_database_file(window) -> None:
    """File ▸ New database…: a new shop in a file that does not exist yet."""
    from .file_dialogs import DB_FILTER, start_in

    path, _ = QFileDialog.getSaveFileName(window, "New shop database", start_in("shop.db"), DB_FILTER,
                                          options=QFileDialog.Option.DontConfirmOverwrite)
    if not path:
        return
    if Path(path).exists():
        show_error(window, WorkshopError(f"{Path(path).name} already exists. Use File ▸ Open to open it, "
                                         "or choose a new name."))
        return
    window.open_database_target(path, create=True)


def open_recent(window, target: str) -> bool:
    """File ▸ Open Recent: a file as File ▸ Open opens it; a server (kept there without its password)
    with the password kept on this PC for it (the keyring; else libpq reads its password file). When
    none is found, or the server refuses it, the Open server dialog opens filled in, asking for it."""
    from ..services.servers import LoginCheck, recent_server

    server = recent_server(target)
    if server is None:
        return window.open_database_target(target)
    login, check = server.login, server.check
    if check in (LoginCheck.NO_PASSWORD, LoginCheck.REFUSED):
        why = (f"The server asks for {login.user}'s password to open {login.database} on {login.host}."
               if check is LoginCheck.NO_PASSWORD else
               f"The server refused the password kept on this PC for {login.user} on {login.host} (it may "
               "have been changed). Type the password to open the shop.")
        open_server(window, login=login, why=why)
        return False
    return window.open_database_target(server.target)  # any other fault: open_shop tells it


def open_server(window, *, login=None, why: str = ""):
    """File ▸ Open server…: the dialog, filled in with ``login`` (else the server last opened)."""
    from .dialogs.open_server import open_server_dialog

    return open_server_dialog(window, partial(_open_server, window), login=login, why=why)


def _open_server(window, login, password: str, remember: bool) -> bool:
    """The Open server dialog's OK: open the server as File ▸ Open opens a file; once open, keep the
    password on this PC (``remember``, never in the settings) or forget any kept before."""
    from ..services.servers import forget_password, password_to_use, remember_password, server_target

    typed = password
    password = password_to_use(login, typed)  # none typed: the one kept, if any
    if not window.open_database_target(server_target(login, password)):
        return False
    try:
        if remember and typed:
            where = remember_password(login, typed)
            window.statusBar().showMessage(f"The password for {login.key} is kept {where}.", 10_000)
        elif not remember:
            forget_password(login)
    except OSError as exc:  # the password file cannot be written (a read-only home folder …): the shop is open
        window.statusBar().showMessage(f"The password could not be kept on this PC ({exc.strerror or exc}): "
                                       "Workshop will ask for it next time.", 10_000)
    return True
