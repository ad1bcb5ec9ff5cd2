"""The job's Files page: the drawings, photos and PDFs that came with its brief and the job's own,
each previewed whole at a readable size (click to enlarge, Open for the computer's own viewer).
Files are added to the job by the button or by dropping them on the page; only the job's own can
be removed here (a brief's file is removed on the Briefs tab)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from ...domain.changes import Change
from ...services import attachments
from ...services.attachments import JobFile
from ...services.jobs import JobDetail
from ..models.roles import ItemRole
from ..plain_text import plain_label, plain_tooltip
from ..widgets.attachment_files import choose_files, local_paths, open_copy, read_files
from ..widgets.attachment_preview import AttachmentPreview
from .base import JobPage



def confirm_remove(parent: QWidget, file_name: str, job_number: str) -> bool:
    """Yes/No before removing a file from the job."""
    answer = QMessageBox.question(parent, "Remove file", f"Remove {file_name} from {job_number}?",
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _where(f: JobFile) -> str:
    return f"from brief {f.brief_number}" if f.brief_number else "the job's own"


class JobFilesPage(JobPage):
    title = "Files"
    reload_on = Change.JOBS | Change.BRIEFS | Change.FILES

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("jobFilesPage")
        self.setAcceptDrops(True)
        self.files: list[JobFile] = []
        self.list = QListWidget(objectName="jobFileList")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.list.itemDoubleClicked.connect(lambda _item: self.open_current())
        self.preview = AttachmentPreview(ctx)
        self.preview.setObjectName("jobFilePreview")

        self.add_button = QPushButton("Add file…", objectName="jobFileAdd")
        self.open_button = QPushButton("Open", objectName="jobFileOpen")
        self.open_button.setToolTip("Open with the program your computer uses for this kind of file (every page)")
        self.enlarge_button = QPushButton("Enlarge", objectName="jobFileEnlarge")
        self.remove_button = QPushButton("Remove", objectName="jobFileRemove")
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_current)
        self.enlarge_button.clicked.connect(self.preview.enlarge)
        self.remove_button.clicked.connect(self.remove_current)
        self.preview.loaded.connect(self._update_buttons)
        self.hint = plain_label(objectName="jobFilesHint", wordWrap=True)
        self.hint.setStyleSheet("color: palette(mid);")

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="jobFilesSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 440])
        buttons = QHBoxLayout()
        for b in (self.add_button, self.open_button, self.enlarge_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

    # --- showing ------------------------------------------------------------------------------
    def load(self, job: JobDetail | None) -> None:
        current = self.current_file()
        self.files = attachments.job_files(self.ctx.db, job.id) if job is not None else []
        self.list.blockSignals(True)
        self.list.clear()
        for i, f in enumerate(self.files):
            a = f.attachment
            entry = QListWidgetItem(f"{a.file_name}\n{_where(f)}")
            entry.setData(ItemRole, i)
            entry.setToolTip(plain_tooltip(f"{a.file_name}\n{a.media_type}, {a.size / 1024:,.0f} KB, {_where(f)}"))
            self.list.addItem(entry)
        self.list.blockSignals(False)
        keep = next((i for i, f in enumerate(self.files)
                     if current is not None and f.attachment.id == current.attachment.id), 0)
        self.list.setCurrentRow(keep if self.files else -1)
        self._show_current()
        self.add_button.setEnabled(job is not None)
        if job is None:
            self.hint.setText("")
        elif not self.files:
            self.hint.setText("No drawings or photos yet. Add them here, or drop files on this page.")
        else:
            self.hint.setText("Drop files here to add them to the job. A brief's files are changed on the "
                              "Briefs tab.")

    def current_file(self) -> JobFile | None:
        row = self.list.currentRow()
        return self.files[row] if 0 <= row < len(self.files) else None

    def _show_current(self) -> None:
        f = self.current_file()
        item = f.attachment if f is not None else None
        if item is None or item != self.preview.attachment:
            self.preview.show_attachment(item, "No files on this job yet." if not self.files else
                                         "Choose a file to see it here.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        f = self.current_file()
        self.open_button.setEnabled(f is not None)
        self.enlarge_button.setEnabled(f is not None and not self.preview.image.isNull())
        self.remove_button.setEnabled(f is not None and f.is_own)
        self.remove_button.setToolTip("" if f is None or f.is_own else
                                      f"This file came with brief {f.brief_number}: remove it on the Briefs tab")

    # --- adding, opening, removing ------------------------------------------------------------
    def choose_files(self) -> None:
        paths = choose_files(self, f"Add files to {self.job.number}" if self.job else "Add files")
        if paths:
            self.add_files(paths)

    def add_files(self, paths):
        """Read the files off the GUI thread (each checked by its size first), then attach those that
        could be read to the job, all or none. Returns the reading task (None without a job)."""
        if self.job is None:
            return None
        job_id = self.job.id

        def attach(files) -> None:
            added = self.ctx.call(self, attachments.add_job_files, job_id, files).value if files else None
            if added and self.job is not None and self.job.id == job_id:
                self.list.setCurrentRow(next(i for i, f in enumerate(self.files) if f.attachment.id == added[-1].id))

        return read_files(self, paths, attach)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.job is not None and local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = local_paths(event)
        if self.job is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    def open_current(self) -> None:
        f = self.current_file()
        if f is not None:
            open_copy(self, self.ctx.db, f.attachment)

    def remove_current(self) -> None:
        f = self.current_file()
        if f is None or self.job is None or not f.is_own:
            return
        if confirm_remove(self, f.attachment.file_name, self.job.number):
            self.ctx.call(self, attachments.remove_job_file, self.job.id, f.attachment.id)
