"""A printed document shown inside the program (QPdfView), with Print and Save as PDF.

The document arrives as PDF bytes from ``workshop.documents``; printing renders each page
through the system's print dialog, so any printer the system knows works.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QPushButton,
                               QVBoxLayout, QWidget)

from ...domain.wording import plural
from ..file_dialogs import start_in
from ..widgets.sizing import fit_to_screen


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf: bytes, title: str, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self.setWindowTitle(title)
        self.pdf = pdf
        self.file_name = file_name
        # Creation order is destruction order for children: the view goes before the document
        # it shows, and the buffer belongs to the document, so nothing outlives what it reads.
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.document = QPdfDocument(self)
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self.document)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.pages_label = QLabel(plural(self.document.pageCount(), "page"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton("&Print…")
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton("&Save as PDF…")
        self.save_button.setObjectName("savePdfButton")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.pages_label)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 1000)  # a page, as tall as the screen allows

    # --- printing -------------------------------------------------------------------------------
    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        printer.setFromTo(1, self.document.pageCount())
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.render_to(printer)

    def render_to(self, printer: QPrinter) -> bool:
        """Draw each page as an image at the printer's resolution, scaled to its page."""
        first, last = printer.fromPage() or 1, printer.toPage() or self.document.pageCount()
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "Print", "The printer could not be opened. Check that it is switched on "
                                               "and connected, then try again.")
            return False
        try:
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            for number, page in enumerate(range(first - 1, last)):
                if number:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                scale = min(target.width() / points.width(), target.height() / points.height())
                size = QSize(int(points.width() * scale), int(points.height() * scale))
                image = self.document.render(page, size)
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
        return True

    # --- saving ---------------------------------------------------------------------------------
    def save_as(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save as PDF", start_in(self.file_name),
                                              "PDF documents (*.pdf)")
        if not path:
            return None
        return self.write_to(Path(path))

    def write_to(self, path: Path) -> Path | None:
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            path.write_bytes(self.pdf)
        except OSError as exc:
            from ...domain.errors import WorkshopError
            from ..errors import show_error

            show_error(self, WorkshopError(f"Could not save {path.name}.", details=str(exc)))
            return None
        return path
