"""Where file dialogs start: in the person's documents folder, never in whatever folder the
program happened to be started from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

#: The file dialogs' filter for a shop's database file.
DB_FILTER = "Workshop database (*.db *.sqlite);;All files (*)"


def documents_folder() -> str:
    """The user's documents folder (their home folder when the system names none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder or str(Path.home())


def start_in(file_name: str = "") -> str:
    """The starting point to pass to a QFileDialog: the documents folder, with a suggested
    ``file_name`` in it for a save dialog."""
    return str(Path(documents_folder()) / file_name) if file_name else documents_folder()
