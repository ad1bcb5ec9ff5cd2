"""File ▸ Move this shop to a server… (a shop file is open) and File ▸ Copy this shop to a file… (a
server is open): ``workshop migrate-to`` from the window (``services/servers.py``: ``copy_shop``).

The server is named in the Open server dialog's own fields, checked the same way (``MoveToServerDialog``
is that dialog with another title and OK button); the file is chosen in a save dialog and must be a new
one. The copy runs off the GUI thread with a progress dialog and Cancel: a cancel, like any failure,
rolls the target's one transaction back (a file the copy made is removed again), so the target is as
empty as before. At the end a summary says what was copied and checked, and offers to open the copy in
this window (``MainWindow.open_database_target``). Every refusal (a target that is not empty, a server
that cannot be reached or wants a password, an existing file) is said in the program's words; the
server dialog stays open with what was typed, to put right.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...db.engine import Database
from ...domain.errors import ValidationError, WorkshopError
from ...services import servers
from ...services.servers import Moved, ServerLogin
from .. import window_state as ws
from ..errors import show_error
from ..tasks import Task, report_failure, run_with_progress
from .open_server import OpenServerDialog

MOVE_TITLE = "Move this shop to a server"
COPY_TITLE = "Copy this shop to a file"


def on_file(window) -> bool:
    """A shop file is open (Move this shop to a server… is offered)."""
    return window.ctx is not None and servers.place_of(window.ctx.db).file is not None


def on_server(window) -> bool:
    """A server's shop is open (Copy this shop to a file… is offered)."""
    return window.ctx is not None and servers.place_of(window.ctx.db).on_server


def _start(parent: QWidget, target: str | ServerLogin, password: str | None, where: str, db: Database, *,
           done: Callable[[Moved], None], failed: Callable[[BaseException], None],
           cancelled: Callable[[], None]) -> Task:
    """The copy of the shop ``db`` into ``target`` (``servers.copy_shop``), with the progress dialog."""
    outcome: list[Moved] = []
    task = run_with_progress(parent, f"Copying the shop to {where}…", servers.copy_shop, db, target,
                             password, outcome, on_done=done, on_error=failed,
                             on_cancelled=lambda: done(outcome[0]) if outcome else cancelled())
    names = servers.table_names()
    count = len(names)

    def progressed(at: int, _total: int) -> None:
        table = min(at // servers.STEP, count - 1)
        task.dialog.setLabelText(f"Copying the shop to {where}…\n{names[table]} (table {table + 1} of {count})")

    task.progressed.connect(progressed)
    return task


def _summary(moved: Moved) -> str:
    report, seconds = moved.report, moved.seconds
    return (f"Copied {report.rows:,} rows in {len(report.tables)} tables in {seconds:.1f} s. Before it was saved, "
            f"every table's row count and {report.totals_checked} money and quantity totals were checked: they "
            "are the same as in the shop.")


def _ask_to_open(parent: QWidget, title: str, text: str, more: str, open_text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("moveDoneDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(more)
    open_button = box.addButton(open_text, QMessageBox.ButtonRole.AcceptRole)
    open_button.setObjectName("openCopyButton")
    later = box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    later.setObjectName("notNowButton")
    box.setDefaultButton(open_button)
    box.exec()
    return box.clickedButton() is open_button


def _failed(parent: QWidget, title: str, exc: BaseException) -> None:
    if isinstance(exc, WorkshopError):
        show_error(parent, exc, title)
    else:
        report_failure(exc)


def _nothing_copied(parent: QWidget, title: str, target: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, f"Stopped: nothing was copied. {target}",
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("moveStoppedDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


# --- File ▸ Move this shop to a server… -----------------------------------------------------------

class MoveToServerDialog(OpenServerDialog):
    """The Open server dialog's fields and checks; OK copies the open shop file into the database they
    name (which must exist, empty), and stays open until that has worked."""

    def __init__(self, window) -> None:
        super().__init__(window.settings, lambda *_args: False, window, why=(
            "The whole shop is copied into an empty database on the PostgreSQL server, checked, and saved in one "
            "go; this file stays as it is. Whoever set up the server can tell you these (the database must "
            "exist, empty)."))
        self.setObjectName("moveToServerDialog")
        self.setWindowTitle(MOVE_TITLE)
        self.ok_button.setText("Move")
        self.window_ = window
        self.task: Task | None = None
        self.fields["database"].clear()  # the server last opened holds a shop: this one goes elsewhere
        self.focus_first_empty()

    def save(self) -> None:
        login = self.checked_login()
        if login is None:
            return
        typed = self.password.text()
        password = servers.password_to_use(login, typed)  # none typed: one kept for it, else the password file
        self.task = _start(self, login, password, f"{login.database} on {login.host}", self.window_.ctx.db,
                           done=lambda moved: self._moved(moved, login, password, typed),
                           failed=self._refused, cancelled=self._cancelled)

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and exc.field in (*self.fields, "password"):
            self.errors.show(exc)
            (self.password if exc.field == "password" else self.fields[exc.field]).setFocus()
            return
        _failed(self, MOVE_TITLE, exc)  # what was typed stays, to put right

    def _cancelled(self) -> None:
        _nothing_copied(self, MOVE_TITLE, f"The database {self.login().database} on the server is as empty as "
                                          "before.")
        self.reject()

    def _moved(self, moved: Moved, login: ServerLogin, password: str | None, typed: str) -> None:
        ws.save_server_form(self.settings, self.values())
        if self.remember.isChecked() and typed:
            where = servers.remember_password(login, typed)
            self.window_.statusBar().showMessage(f"The password for {login.key} is kept {where}.", 10_000)
        self.accept()
        window = self.window_
        opened = _ask_to_open(
            window, MOVE_TITLE, f"The shop is now on the server: the database {login.database} on {login.host}. "
            + _summary(moved),
            f"This file ({moved.report.source}) was not changed, and nothing saved in it from now on reaches the "
            "server: from now on open the shop from the server, on every PC (File ▸ Open server…). Open it "
            "here now?", "Open the shop on the server")
        if opened:
            window.open_database_target(servers.server_target(login, password))


def move_to_server(window) -> MoveToServerDialog | None:
    """File ▸ Move this shop to a server…: the dialog (the copy starts from its Move button)."""
    if not on_file(window) or not window.confirm_leave():  # what is not saved yet would not be moved
        return None
    dialog = MoveToServerDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # the password typed goes with it
    dialog.open()
    return dialog


# --- File ▸ Copy this shop to a file… -------------------------------------------------------------

def copy_to_file(window) -> Task | None:
    """File ▸ Copy this shop to a file…: a new file chosen, then the copy (its task, for tests)."""
    from ..file_dialogs import DB_FILTER, start_in

    if window.ctx is None or not window.confirm_leave():
        return None
    chosen, _ = QFileDialog.getSaveFileName(window, COPY_TITLE, start_in("shop.db"), DB_FILTER,
                                            options=QFileDialog.Option.DontConfirmOverwrite)
    if not chosen:
        return None
    path = Path(chosen)
    if path.exists():
        show_error(window, WorkshopError(f"{path.name} already exists, and the shop is only ever copied into a new "
                                         "file: nothing was changed. Choose a new name.",
                                         details=str(path)), COPY_TITLE)
        return None

    def done(moved: Moved) -> None:
        if _ask_to_open(window, COPY_TITLE, f"The shop is copied to {path}. " + _summary(moved),
                        f"The shop you have open ({moved.report.source}) was not changed. Open the copy here now?",
                        "Open the copy"):
            window.open_database_target(str(path))

    return _start(window, str(path), None, path.name, window.ctx.db, done=done,
                  failed=lambda exc: _failed(window, COPY_TITLE, exc),
                  cancelled=lambda: _nothing_copied(window, COPY_TITLE, f"No file {path.name} was made."))
