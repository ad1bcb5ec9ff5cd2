"""A drawing, photo or PDF shown whole, scaled to fit the space it has (never cropped); decoded
off the GUI thread so a large file does not freeze the window; a click enlarges it.

PDFs show their first page (rendered by the printing images helper); Open shows every page in
the computer's own viewer.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ...services import attachments
from ...services.attachments import AttachmentView
from ..plain_text import plain_label
from ..tasks import run_task

#: The largest picture decoded (pixels a side): sharp when enlarged, small enough to decode fast.
MAX_PIXELS = 2400


def decode_preview(state, db, attachment: AttachmentView) -> QImage:
    """Worker: the file as a QImage no larger than MAX_PIXELS a side (QImage is thread-safe)."""
    from ...printing.images import picture

    _view, data = attachments.attachment_data(db, attachment.id)
    if state.is_cancelled():
        return QImage()
    image = picture(data, "pdf" if attachment.is_pdf else "image", MAX_PIXELS, MAX_PIXELS).convert("RGB")
    width, height = image.size
    return QImage(image.tobytes("raw", "RGB"), width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def previewable(item: AttachmentView) -> bool:
    return item.is_image or item.is_pdf


class FitPicture(QLabel):
    """A label that shows its image whole, as large as its own size allows (never larger than the
    image), or a line of text when there is no image."""

    def __init__(self) -> None:
        super().__init__(objectName="previewPicture", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # file names are shown as typed
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)  # fit the room, never push
        self.setMinimumSize(1, 1)
        self.image = QImage()

    def show_image(self, image: QImage) -> None:
        self.image = image
        self.setToolTip("Click to see it larger")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._fit()

    def show_text(self, text: str) -> None:
        self.image = QImage()
        self.setToolTip("")
        self.unsetCursor()
        self.clear()
        self.setText(text)

    def _fit(self) -> None:
        if self.image.isNull():
            return
        room = self.size().boundedTo(self.image.size())
        self.setPixmap(QPixmap.fromImage(self.image.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                                           Qt.TransformationMode.SmoothTransformation)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()


class AttachmentPreview(QWidget):
    """Shows one attachment; ``loaded`` fires once its picture is on screen."""

    loaded = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.attachment: AttachmentView | None = None
        self.dialog: ImageDialog | None = None
        self._task = None
        self.picture = FitPicture()
        self.caption = plain_label(objectName="previewCaption", alignment=Qt.AlignmentFlag.AlignCenter,
                                   wordWrap=True)
        self.caption.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.caption)
        self.show_attachment(None)

    @property
    def image(self) -> QImage:
        return self.picture.image

    def text(self) -> str:
        """What the preview says in words (when it shows no picture), or its caption."""
        return self.caption.text() if self.caption.isVisible() else self.picture.text()

    # --- what is shown ------------------------------------------------------------------------
    def show_attachment(self, item: AttachmentView | None, empty_text: str = "Choose a file to see it here.") -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.attachment = item
        self.caption.hide()
        if item is None:
            return self.picture.show_text(empty_text)
        if not previewable(item):
            return self.picture.show_text(f"{item.file_name}\n\nNo preview for this kind of file. Use Open.")
        self.picture.show_text(f"Loading {item.file_name}…")
        self._task = run_task(decode_preview, self.ctx.db, item, on_done=lambda image: self._decoded(item, image),
                              on_error=lambda exc: self._failed(item, exc), parent=self)

    def _decoded(self, item: AttachmentView, image: QImage) -> None:
        if item is not self.attachment:  # another file was chosen meanwhile
            return
        self._task = None
        self.caption.setText(f"{item.file_name} — click to enlarge"
                             + (" (first page; Open shows them all)" if item.is_pdf else ""))
        self.caption.show()
        self.picture.show_image(image)
        self.loaded.emit()

    def _failed(self, item: AttachmentView, exc: BaseException) -> None:
        if item is self.attachment:
            self._task = None
            self.picture.show_text(f"{item.file_name}\n\nThis file could not be shown "
                                   f"({exc or type(exc).__name__}). Use Open.")

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API: a click on the picture is ours
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton and not self.image.isNull():
            self.enlarge()

    def enlarge(self) -> None:
        """The picture in a window of its own, as large as the screen allows, scrollable."""
        if self.image.isNull() or self.attachment is None:
            return
        self.dialog = ImageDialog(self.image, self.attachment.file_name, self)
        self.dialog.open()


class ImageDialog(QDialog):
    """A picture at full size in a scrollable window sized from the screen."""

    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageDialog")
        self.setWindowTitle(title)
        self.label = QLabel(objectName="enlargedPicture")
        self.label.setPixmap(QPixmap.fromImage(image))
        scroll = QScrollArea()
        scroll.setWidget(self.label)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        wanted = image.size() + QSize(40, 80)
        self.resize(wanted.boundedTo(QSize(int(screen.width() * 0.9), int(screen.height() * 0.9))))
