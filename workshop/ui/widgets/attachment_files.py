"""Files on disk for attachments, shared by the brief's Files panel and the job's Files page:
reading the files a person chose or dropped, and opening a copy with the computer's own viewer."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from ...domain.errors import WorkshopError
from ...domain.file_names import disk_file_name
from ...services import attachments
from ...services.attachments import AttachmentView, FileToAttach
from ..errors import show_error
from ..file_dialogs import start_in
from ..tasks import Task, run_task

FILE_FILTER = "Drawings, photos and PDFs (*.pdf *.png *.jpg *.jpeg *.dxf *.dwg *.svg *.txt);;All files (*)"
_copies: Path | None = None  # one folder per run for the copies opened


def choose_files(parent: QWidget, title: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start_in(), FILE_FILTER)
    return paths


def _read_each(state, paths: list[str]) -> list[FileToAttach | WorkshopError]:
    """On a worker thread: each file read and hashed (too big: refused by its size, unread)."""
    found: list[FileToAttach | WorkshopError] = []
    for path in paths:
        if state.is_cancelled():
            break
        try:
            found.append(attachments.read_file_to_attach(path))
        except WorkshopError as exc:
            found.append(exc)
    return found


def read_files(parent: QWidget, paths, on_read: Callable[[list[FileToAttach]], None]) -> Task:
    """Read the files off the GUI thread, then hand ``on_read`` (on the GUI thread) those that
    could be read; the others are named in a message each."""

    def done(found: list[FileToAttach | WorkshopError]) -> None:
        for problem in (f for f in found if isinstance(f, WorkshopError)):
            show_error(parent, problem)
        on_read([f for f in found if isinstance(f, FileToAttach)])

    return run_task(_read_each, [str(p) for p in paths], on_done=done)


def local_paths(event) -> list[str]:
    """The local files of a drag-and-drop (empty when anything dragged is not a local file)."""
    urls = event.mimeData().urls()
    return [u.toLocalFile() for u in urls] if urls and all(u.isLocalFile() for u in urls) else []


def open_copy(parent: QWidget, db, item: AttachmentView) -> None:
    """Write a copy under its own name and open it with the program the computer uses for it."""
    global _copies
    _view, data = attachments.attachment_data(db, item.id)
    if _copies is None:
        _copies = Path(tempfile.mkdtemp(prefix="workshop-"))
    folder = _copies / item.sha256[:12]  # same name, different files: no clash
    path = folder / disk_file_name(item.file_name)  # ../../x, CON.pdf, 300 characters: a name this disk takes
    try:
        folder.mkdir(exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        show_error(parent, WorkshopError(f"Could not write a copy of {item.file_name} to open it.", details=str(exc)))
        return
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        show_error(parent, WorkshopError(f"No program on this computer opens {item.file_name}.", details=str(path)))
