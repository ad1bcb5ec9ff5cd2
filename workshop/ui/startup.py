"""Opening a shop from the window (at start-up and File ▸ Open): the writer lock, then the database,
and for each fault a dialog offering what fits it. Never "New database…" over an existing file.

=====================  ==========================================================================
fault                  offered
=====================  ==========================================================================
read-only file/folder  Open read-only · Open another… · Quit
shop in use            Open read-only · Open anyway… (after a warning) · Quit
busy (another program) Try again · Quit
disk full              Try again (after freeing space) · Quit
I/O error, unreachable Try again · Open another… · Quit
damaged                Restore the backup of DATE (the file is renamed aside first) · Open another… · Quit
empty (0 bytes)        Restore the backup of DATE · Start a new shop in this file… · Open another… · Quit
foreign, newer schema  Open another… · Quit
=====================  ==========================================================================

At File ▸ Open, "Quit" is "Cancel" (the shop already open stays), and a file that is simply not a
shop (foreign, newer) gets the plain error dialog.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..db.engine import Database, resolve_url, set_aside_damaged
from ..db.lock import WriterLock, acquire_writer_lock
from ..domain import errors as e
from .dates import date_time_text
from .file_dialogs import DB_FILTER, start_in


class Choice(enum.Enum):
    READ_ONLY = "Open read-only"
    OPEN_ANYWAY = "Open anyway…"
    RETRY = "Try again"
    RESTORE = "Restore the backup"
    START_NEW = "Start a new shop in this file…"
    OPEN_OTHER = "Open another…"
    QUIT = "Quit"
    CANCEL = "Cancel"


@dataclass
class OpenedShop:
    db: Database
    lock: WriterLock | None  # None for a read-only or server database


def _when(info) -> str:
    return date_time_text(info.taken_at)  # the window's one form of a moment


def fault_choices(error: e.WorkshopError, *, has_backup: bool, at_start: bool) -> list[Choice]:
    """What the owner is offered for ``error`` (the last one is the way out). An empty list: nothing
    fits but the plain error dialog (at File ▸ Open)."""
    leave = Choice.QUIT if at_start else Choice.CANCEL
    if isinstance(error, e.ShopInUse):
        return [Choice.READ_ONLY, Choice.OPEN_ANYWAY, leave]
    if isinstance(error, e.ReadOnlyStorage):
        return [Choice.READ_ONLY, Choice.OPEN_OTHER, leave]
    if isinstance(error, e.DatabaseBusy | e.DiskFull):
        return [Choice.RETRY, leave]
    if isinstance(error, e.StorageIOError | e.CannotOpenDatabase):
        return [Choice.RETRY, Choice.OPEN_OTHER, leave]
    if isinstance(error, e.DamagedDatabase):
        return [*([Choice.RESTORE] if has_backup else []), Choice.OPEN_OTHER, leave]
    if isinstance(error, e.EmptyDatabaseFile):
        return [*([Choice.RESTORE] if has_backup else []), Choice.START_NEW, Choice.OPEN_OTHER, leave]
    return [Choice.OPEN_OTHER, leave] if at_start else []


def _advice(error: e.WorkshopError, backup) -> str:
    if isinstance(error, e.ShopInUse):
        return ("“Open read-only” lets you look things up here while it stays open there. “Open anyway” is only "
                "for when Workshop is surely not running there any more (that PC crashed or is switched off).")
    if isinstance(error, e.ReadOnlyStorage):
        return "You can open it read-only to look things up; nothing can be saved then."
    if isinstance(error, e.DiskFull):
        return "Free some space on that disk (empty the recycle bin, move old files), then click “Try again”."
    if isinstance(error, e.DamagedDatabase | e.EmptyDatabaseFile):
        if backup is None:
            return ("There is no backup of this shop to restore. Keep the file: “workshop check --salvage” copies "
                    "out what can still be read, or "
                    "ask whoever looks after the PC for help.")
        aside = (" The damaged file is first renamed aside (shop.damaged-DATE.db), so nothing of it is lost."
                 if isinstance(error, e.DamagedDatabase) else "")
        return (f"The newest good backup is from {_when(backup)}: changes made after {_when(backup)} are not in "
                f"it.{aside}")
    if isinstance(error, e.ForeignDatabase | e.NewerSchema):
        return "You can open another shop file."
    return ""


def ask_about_fault(parent: QWidget | None, error: e.WorkshopError, choices: list[Choice], backup=None) -> Choice:
    """The dialog for a fault met while opening: its message, advice, details, one button per choice."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Workshop", error.message, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setObjectName("openFaultDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names may hold anything
    advice = _advice(error, backup)
    if advice:
        box.setInformativeText(advice)
    if error.details:
        box.setDetailedText(error.details)
    buttons = {}
    for choice in choices:
        label = choice.value
        if choice is Choice.RESTORE and backup is not None:
            label = f"Restore the backup of {_when(backup)}"
        role = (QMessageBox.ButtonRole.RejectRole if choice in (Choice.QUIT, Choice.CANCEL)
                else QMessageBox.ButtonRole.ActionRole)
        button = box.addButton(label, role)
        button.setObjectName(f"choice_{choice.name.lower()}")
        buttons[button] = choice
    box.setDefaultButton(next(iter(buttons)))
    box.exec()
    return buttons.get(box.clickedButton(), choices[-1])


def _confirm(parent: QWidget | None, text: str, informative: str, yes: str, name: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, "Workshop", text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(informative)
    go = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    go.setObjectName("confirmYes")
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


def _newest_backup(path: Path | None):
    if path is None:
        return None
    from ..services.shop_backups import newest_good  # the backups' modules, loaded only when needed

    try:
        return newest_good(path)
    except e.WorkshopError:
        return None


def _read_only_reason(error: e.WorkshopError) -> str:
    if isinstance(error, e.ShopInUse) and error.holder is not None:
        return f"Workshop is open for changes by {error.holder.describe()}"
    return ""  # the file or folder: open_database says which


def _restore(parent: QWidget | None, path: Path, backup, damaged: bool) -> bool:
    from ..services.shop_backups import restore

    try:
        lock = acquire_writer_lock(path)
    except e.WorkshopError as exc:
        _show(parent, exc)
        return False
    try:
        aside = set_aside_damaged(path) if damaged else None
        restore(path, backup.path)
    except e.WorkshopError as exc:
        _show(parent, exc)
        return False
    finally:
        lock.release()
    note = f" The damaged file was kept as {aside.name}." if aside else ""
    box = QMessageBox(QMessageBox.Icon.Information, "Workshop",
                      f"The backup of {_when(backup)} is back in place as {path.name}.{note} Changes made after "
                      f"{_when(backup)} are not in it.", QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("restoredDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
    return True


def _show(parent: QWidget | None, error: e.WorkshopError) -> None:
    from .errors import show_error

    show_error(parent, error)


def open_shop(target: str | None, *, create: bool = True, parent: QWidget | None = None, at_start: bool = True,
              plain_error: Callable[[e.WorkshopError], None] | None = None,
              read_only: bool = False, quick_check: bool = True) -> OpenedShop | None:
    """Take the shop's writer lock and open its database, asking the owner what to do about each fault
    until it opens (an ``OpenedShop``) or the owner gives up (None). ``quick_check=False``: not every
    page is read now (a second on ten years of a shop): the window does it once it has painted
    (``check_pages_later``)."""
    from ..db.engine import open_database

    why = ""
    take_over = start_in_empty = False
    while True:
        try:
            url = resolve_url(target)
        except e.WorkshopError as exc:  # e.g. a server's driver that is not installed: its own message
            error, path = exc, None
        except Exception as exc:  # noqa: BLE001 - a malformed URL is the owner's typing, not a bug
            error: e.WorkshopError = e.CannotOpenDatabase(f"“{target}” is neither a file nor a database URL.",
                                                          details=str(exc))
            path = None
        else:
            path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database not in (
                None, "", ":memory:") else None
            lock = None
            try:
                if path is not None and not read_only:
                    lock = acquire_writer_lock(path, take_over=take_over)
                db = open_database(url, create=create, read_only=read_only, read_only_reason=why,
                                   start_in_empty=start_in_empty, quick_check=quick_check)
                return OpenedShop(db, lock)
            except e.WorkshopError as exc:
                if lock is not None:
                    lock.release()
                error = exc
        take_over = start_in_empty = False
        backup = _newest_backup(path) if isinstance(error, e.DamagedDatabase | e.EmptyDatabaseFile) else None
        choices = fault_choices(error, has_backup=backup is not None, at_start=at_start)
        if not choices:
            (plain_error or (lambda exc: _show(parent, exc)))(error)
            return None
        choice = ask_about_fault(parent, error, choices, backup)
        if choice in (Choice.QUIT, Choice.CANCEL):
            return None
        if choice is Choice.READ_ONLY:
            read_only, why = True, _read_only_reason(error)
        elif choice is Choice.OPEN_ANYWAY:
            holder = getattr(error, "holder", None)
            who = holder.describe() if holder is not None else "another Workshop"
            if _confirm(parent, f"Open the shop for changes although {who} has it open?",
                        "Only do this if Workshop is surely not running there any more (that PC crashed or is "
                        "switched off). If both change the shop at once, one PC's work can be lost or the file "
                        "damaged.", "Open anyway", "openAnywayDialog"):
                take_over = True
        elif choice is Choice.START_NEW:
            if _confirm(parent, f"Start a new, empty shop in {path.name}?",
                        "The file holds nothing now (0 bytes). If your shop should be in it, restore a backup "
                        "instead.", "Start a new shop", "startNewDialog"):
                create = start_in_empty = True
        elif choice is Choice.RESTORE:
            _restore(parent, path, backup, damaged=isinstance(error, e.DamagedDatabase))
        elif choice is Choice.OPEN_OTHER:
            chosen, _ = QFileDialog.getOpenFileName(parent, "Open a shop database", start_in(), DB_FILTER)
            if chosen:
                target, create, read_only, why = chosen, False, False, ""
        # Choice.RETRY: round again


# --- once the shop is open --------------------------------------------------------------------------

def warn_about_place(parent: QWidget | None, db: Database, settings) -> None:
    """A shop in a network share or a cloud-sync folder: say so once per file, pointing to the server
    option. Never a refusal."""
    from ..db.storage_place import place_of

    path = db.file_path
    if path is None:
        return
    place = place_of(path)
    if place is None:
        return
    warned = settings.value("storage/warned", []) or []
    if isinstance(warned, str):
        warned = [warned]
    if str(path) in warned:
        return
    settings.setValue("storage/warned", [*warned, str(path)])
    box = QMessageBox(QMessageBox.Icon.Information, "Workshop", place.warning(path), QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("storagePlaceDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(str(path))
    box.open()  # not modal over start-up: the window is usable behind it


def shop_opened(window, db: Database) -> None:
    """What the window does each time a shop opens: the read-only banner, the warning about a network
    or cloud folder (once per file), and the socket a second start of the same shop knocks on."""
    window.read_only_banner.show_for(db)
    if window.instance_server is not None:
        from .single_instance import instance_name

        window.instance_server.listen(instance_name(str(db.file_path or db.display_name)))
    warn_about_place(window, db, window.settings)


def _check(_state, path: Path) -> bool:
    from ..db.page_check import check_pages

    return check_pages(path, _state.is_cancelled)


def check_pages_once_painted(window, db: Database) -> None:
    """``check_pages_later`` once ``window`` has painted (``open_first_database`` reads no page)."""
    from .first_paint import after_first_paint

    after_first_paint(window, lambda: check_pages_later(window, db) if window.isVisible() else None)


def check_pages_later(window, db: Database) -> None:
    """Read every page of the shop ``window`` shows (``page_check.check_pages``) off the GUI thread; broken
    pages get the dialog a damaged shop gets when it opens: restore the newest backup (the window lets
    go of the shop, it is renamed aside, the backup is put in its place and opened), open another, or
    quit. Another fault reading it gets its own dialog."""
    from .tasks import report_failure, run_task

    path = db.file_path
    if path is None:
        return

    def failed(exc: BaseException) -> None:
        if window.ctx is None or window.ctx.db is not db:
            return  # another shop is open by now
        if isinstance(exc, e.DamagedDatabase):
            _damaged_while_open(window, exc)
        elif isinstance(exc, e.WorkshopError):
            _show(window, exc)
        else:
            report_failure(exc)

    run_task(_check, path, on_error=failed, parent=window)


def _damaged_while_open(window, error: e.DamagedDatabase) -> None:
    """The main window can open another shop, or the backup in the damaged one's place; another window
    (the bench terminal) lets go of the shop, has the backup put in place and closes."""
    path = window.ctx.db.file_path
    backup = _newest_backup(path)
    reopens = hasattr(window, "open_database_target")
    choices = [c for c in fault_choices(error, has_backup=backup is not None, at_start=True)
               if reopens or c is not Choice.OPEN_OTHER]
    choice = ask_about_fault(window, error, choices, backup)
    if choice is Choice.OPEN_OTHER:
        window.open_database_file()
    elif choice is Choice.RESTORE and reopens:
        window.let_go_of_shop()
        _restore(window, path, backup, damaged=True)
        if not window.open_database_target(str(path)):
            window.close()
    elif choice is Choice.RESTORE:
        window.ctx.db.close()
        if window.writer_lock is not None:
            window.writer_lock.release()
            window.writer_lock = None
        _restore(window, path, backup, damaged=True)
        window.close()
    elif choice is Choice.QUIT:
        window.close()
