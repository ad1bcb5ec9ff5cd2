"""File ▸ Move this shop to a server… (a shop file is open) and File ▸ Copy this shop to a file… (a
server is open): ``workshop migrate-to`` (``db/transfer.py``) from the window.

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

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from ...db import transfer
from ...db.credentials import LoginCheck, ServerLogin, check_login, find_password, remember_password, with_password
from ...db.faults import storage_fault
from ...domain.errors import ValidationError, WorkshopError
from .. import window_state as ws
from ..errors import show_error
from ..tasks import Task, report_failure, run_with_progress
from .open_server import OpenServerDialog

MOVE_TITLE = "Move this shop to a server"
COPY_TITLE = "Copy this shop to a file"
#: Progress per table: the bar runs over the tables, each table's share filled as its rows go across.
STEP = 1000


@dataclass(frozen=True)
class Moved:
    report: transfer.TransferReport
    seconds: float


class _Stopped(Exception):
    """Cancel was pressed: raised from the copy's progress, so its transaction rolls back."""


def on_file(window) -> bool:
    """A shop file is open (Move this shop to a server… is offered)."""
    return window.ctx is not None and window.ctx.db.file_path is not None


def on_server(window) -> bool:
    """A server's shop is open (Copy this shop to a file… is offered)."""
    return window.ctx is not None and window.ctx.db.engine.dialect.name == "postgresql"


def _source(window) -> str | URL:
    db = window.ctx.db
    return str(db.file_path) if db.file_path is not None else db.url  # a server's URL with its password


# --- the copy, off the GUI thread (plain data in and out) ----------------------------------------

def _copy(state, target: str | URL, source: str | URL, outcome: list) -> Moved | None:
    """``migrate_to`` with progress over all the tables; Cancel stops it at its next batch (rolled
    back). ``outcome`` gets the result as soon as the copy is committed: a Cancel pressed after that
    point has nothing left to stop, and the window says so (``_cancelled``)."""
    if isinstance(target, URL):
        _check_login(target)
    tables = {t.name: at for at, t in enumerate(transfer.model_tables())}

    def progress(table: str, done: int, total: int) -> None:
        if state.is_cancelled():
            raise _Stopped
        state.progress(tables[table] * STEP + (done * STEP // total if total else STEP), len(tables) * STEP)

    started = time.monotonic()
    try:
        report = transfer.migrate_to(target, source, progress=progress)
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
    check = check_login(url)
    if check is LoginCheck.NO_PASSWORD:
        raise ValidationError("password", f"The server asks for {url.username}'s password: type it here.")
    if check is LoginCheck.REFUSED:
        raise ValidationError("password", f"The server refused this password for {url.username}. Type it again "
                                          "(capital letters count).")


def _start(parent: QWidget, target: str | URL, where: str, source: str | URL, *, done: Callable[[Moved], None],
           failed: Callable[[BaseException], None], cancelled: Callable[[], None]) -> Task:
    outcome: list[Moved] = []
    task = run_with_progress(parent, f"Copying the shop to {where}…", _copy, target, source, outcome,
                             on_done=done, on_error=failed,
                             on_cancelled=lambda: done(outcome[0]) if outcome else cancelled())
    count = len(transfer.model_tables())
    names = [t.name.replace("_", " ") for t in transfer.model_tables()]

    def progressed(at: int, _total: int) -> None:
        table = min(at // STEP, count - 1)
        task.dialog.setLabelText(f"Copying the shop to {where}…\n{names[table]} (table {table + 1} of {count})")

    task.progressed.connect(progressed)
    return task


def _summary(report: transfer.TransferReport, seconds: float) -> str:
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
        next(w for w in (*self.fields.values(), self.password) if not w.text()).setFocus()

    def save(self) -> None:
        self.errors.clear()
        problem = self.check()
        if problem is not None:
            self.errors.show(problem)
            return
        login, typed = self.login(), self.password.text()
        password = typed or find_password(login) or None  # none typed: one kept for it, else the password file
        target = login.url(password)
        self.task = _start(self, target, f"{login.database} on {login.host}", _source(self.window_),
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
            _kept, where = remember_password(login, typed)
            self.window_.statusBar().showMessage(f"The password for {login.key} is kept {where}.", 10_000)
        self.accept()
        window = self.window_
        opened = _ask_to_open(
            window, MOVE_TITLE, f"The shop is now on the server: the database {login.database} on {login.host}. "
            + _summary(moved.report, moved.seconds),
            f"This file ({moved.report.source}) was not changed, and nothing saved in it from now on reaches the "
            "server: from now on open the shop from the server, on every PC (File ▸ Open server…). Open it "
            "here now?", "Open the shop on the server")
        if opened:
            window.open_database_target(with_password(login.url(), password))


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
        if _ask_to_open(window, COPY_TITLE, f"The shop is copied to {path}. " + _summary(moved.report, moved.seconds),
                        f"The shop you have open ({moved.report.source}) was not changed. Open the copy here now?",
                        "Open the copy"):
            window.open_database_target(str(path))

    return _start(window, str(path), path.name, _source(window), done=done,
                  failed=lambda exc: _failed(window, COPY_TITLE, exc),
                  cancelled=lambda: _nothing_copied(window, COPY_TITLE, f"No file {path.name} was made."))
