"""A brief's attachments: thumbnails, a preview inside the window (images and PDFs shown whole,
scaled to fit, click to enlarge), add by file dialog or drag-and-drop, open with the system's viewer."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QSplitter, QStyle, QVBoxLayout, QWidget)

from ...services import attachments
from ...services.attachments import AttachmentView
from ..context import AppContext
from ..file_dialogs import start_in
from ..models.roles import ItemRole
from ..plain_text import ask_yes_no, plain_tooltip
from ..tasks import run_task
from .attachment_files import local_paths, open_copy, read_files
from .attachment_preview import AttachmentPreview

THUMB = QSize(72, 72)


def _make_thumbnails(state, db, items: list[AttachmentView]) -> dict[int, QImage]:
    """Worker: decode the images into small QImages (QImage, unlike QPixmap, is thread-safe)."""
    thumbs: dict[int, QImage] = {}
    for i, item in enumerate(items):
        if state.is_cancelled():
            break
        _view, data = attachments.attachment_data(db, item.id)
        image = QImage.fromData(data)
        if not image.isNull():
            thumbs[item.id] = image.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
        state.progress(i + 1, len(items))
    return thumbs


class BriefAttachments(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.brief_id: int | None = None
        self._items: list[AttachmentView] = []
        self._thumb_task = None
        self.setAcceptDrops(True)

        self.list = QListWidget()
        self.list.setObjectName("attachmentList")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(112, 110))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(240)
        self.list.currentItemChanged.connect(lambda *_: self._show_preview())
        self.list.itemDoubleClicked.connect(lambda _item: self.open_current())

        self.preview = AttachmentPreview(ctx)  # the whole drawing, scaled to fit; click to enlarge
        self.preview.setObjectName("attachmentPreview")

        self.add_button = QPushButton("Add file…")
        self.add_button.setObjectName("addAttachmentButton")
        self.add_button.clicked.connect(self.choose_files)
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open with the program your computer uses for this kind of file")
        self.open_button.clicked.connect(self.open_current)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_current)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: palette(mid);")

        buttons = QHBoxLayout()
        for b in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addWidget(self.hint, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("attachmentSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        self.set_brief(None, ())

    # --- showing ------------------------------------------------------------------------------
    def set_brief(self, brief_id: int | None, items) -> None:
        same = brief_id == self.brief_id
        current = self.current_attachment()
        self.brief_id = brief_id
        self._items = list(items)
        self.thumbnailed: set[int] = set()  # attachment ids showing a picture
        self.list.clear()
        style = self.style()
        for item in self._items:
            icon = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            entry = QListWidgetItem(icon, item.file_name)
            entry.setData(ItemRole, item.id)
            entry.setToolTip(plain_tooltip(f"{item.file_name}\n{item.media_type}, {item.size / 1024:,.0f} KB"))
            self.list.addItem(entry)
        if same and current is not None:
            for row in range(self.list.count()):
                if self.list.item(row).data(ItemRole) == current.id:
                    self.list.setCurrentRow(row)
        self.setEnabled(brief_id is not None)
        self.add_button.setEnabled(brief_id is not None)
        self.hint.setText("Drop drawings, photos or PDFs here." if brief_id is not None
                          else "Save the brief first, then add drawings, photos and PDFs.")
        self._update_buttons()
        self._show_preview()
        images = [i for i in self._items if i.is_image]
        if self._thumb_task is not None:
            self._thumb_task.cancel()
        self._thumb_task = run_task(_make_thumbnails, self.ctx.db, images, on_done=self._set_thumbnails,
                                    parent=self) if images else None

    def _set_thumbnails(self, thumbs: dict[int, QImage]) -> None:
        for row in range(self.list.count()):
            entry = self.list.item(row)
            image = thumbs.get(entry.data(ItemRole))
            if image is not None:
                entry.setIcon(QIcon(QPixmap.fromImage(image)))
                self.thumbnailed.add(entry.data(ItemRole))

    def current_attachment(self) -> AttachmentView | None:
        entry = self.list.currentItem()
        if entry is None:
            return None
        return next((i for i in self._items if i.id == entry.data(ItemRole)), None)

    def _update_buttons(self) -> None:
        has = self.current_attachment() is not None
        self.open_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def _show_preview(self) -> None:
        self._update_buttons()
        item = self.current_attachment()
        if item is not None and item == self.preview.attachment:
            return  # the same file: keep its picture
        self.preview.show_attachment(item, "Choose a file to see it here." if self._items else "No files attached yet.")

    # --- adding, opening, removing ------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Attach files to the brief", start_in(),
                                                "Drawings, photos and PDFs (*.pdf *.png *.jpg *.jpeg *.dxf *.dwg "
                                                "*.svg *.txt);;All files (*)")
        if paths:
            self.add_files(paths)

    def add_files(self, paths):
        """Read the files off the GUI thread (each checked by its size first), then attach each;
        errors name the file. Returns the reading task (None without a brief)."""
        if self.brief_id is None:
            return None
        brief_id = self.brief_id

        def attach(files) -> None:
            for f in files:
                self.ctx.call(self, attachments.add_to_brief, brief_id, f.file_name, f)

        return read_files(self, paths, attach)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if self.brief_id is not None and local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = local_paths(event)
        if self.brief_id is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    def open_current(self) -> None:
        item = self.current_attachment()
        if item is not None:
            open_copy(self, self.ctx.db, item)

    def remove_current(self) -> None:
        item = self.current_attachment()
        if item is None:
            return
        if ask_yes_no(self, "Remove file", f"Remove {item.file_name} from this brief?"):
            self.ctx.call(self, attachments.remove_attachment, item.id)
