"""Starting the window: the application object, the database, the crash hook, the loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from ..db.engine import Database
from ..domain.errors import WorkshopError
from .file_dialogs import start_in
from .main_window import DB_FILTER, MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Workshop")
    app.setOrganizationName("Workshop")
    app.setApplicationDisplayName("Workshop")
    return app


def create_main_window(db: Database, settings: QSettings | None = None) -> MainWindow:
    """The window over an open database (tests and the screenshot command pass their own
    QSettings so they never touch the user's)."""
    return MainWindow(db, settings)


def _ask_other_database(error: WorkshopError) -> tuple[str, bool] | None:
    """The database could not be opened: offer to open another file or start a new one."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Workshop", error.message)
    box.setObjectName("databaseRefusedDialog")
    box.setInformativeText("You can open another shop database, or start a new, empty one.")
    if error.details:
        box.setDetailedText(error.details)
    open_other = box.addButton("Open another…", QMessageBox.ButtonRole.AcceptRole)
    create_new = box.addButton("New database…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_other:
        path, _ = QFileDialog.getOpenFileName(None, "Open a shop database", start_in(), DB_FILTER)
        return (path, False) if path else ("", False)
    if box.clickedButton() is create_new:
        path, _ = QFileDialog.getSaveFileName(None, "New shop database", start_in("shop.db"), DB_FILTER,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path and Path(path).exists():
            QMessageBox.warning(None, "Workshop", f"{Path(path).name} already exists; choose a new name.")
            return ("", True)
        return (path, True) if path else ("", True)
    return None


def open_first_database(target: str | None) -> Database | None:
    from ..db.engine import open_database

    create = True
    while True:
        try:
            return open_database(target, create=create)
        except WorkshopError as exc:
            choice = _ask_other_database(exc)
            if choice is None:
                return None
            path, create = choice
            if path:
                target = path


def run_gui(db_target: str | None) -> int:
    app = make_application()
    db = open_first_database(db_target)
    if db is None:
        return 1
    window = create_main_window(db)
    from .errors import install_excepthook

    install_excepthook(lambda: window)
    window.show()
    try:
        return app.exec()
    finally:
        window.ctx.db.close()
