"""Pictures in documents: a thumbnail of a photo, a drawing, or the first page of a PDF.

Anything that cannot be shown (corrupt file, unknown format, a PDF with no renderer
installed) becomes a placeholder box naming the file, never an exception: a missing
preview must not stop a job card from printing.

PDF pages are rendered with pypdfium2, imported on first use.
"""

from __future__ import annotations

import io
import logging
import threading

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Table

from .styles import MUTED, get_styles
from .text import esc

log = logging.getLogger(__name__)

# PDFium is not thread-safe: one render at a time in the whole process.
_pdfium_lock = threading.Lock()
# Pixels per point in the embedded thumbnail (2 = 144 dpi): sharp on paper, small in the file.
_DENSITY = 2.0


class PreviewUnavailable(Exception):
    """The file could not be turned into a picture; the message says why, for the placeholder."""


def thumbnail(data: bytes, kind: str, file_name: str, max_width: float, max_height: float) -> Flowable:
    """A picture no larger than ``max_width`` x ``max_height`` points, or a placeholder box."""
    try:
        picture = _to_pil(data, kind, max_width * _DENSITY, max_height * _DENSITY)
        return _as_flowable(picture, max_width, max_height)
    except PreviewUnavailable as exc:
        reason = str(exc)
    except Exception as exc:  # PIL and PDFium raise many types for bad files
        log.info("No preview for %s", file_name, exc_info=True)
        reason = f"the file could not be read ({type(exc).__name__})"
    return placeholder(file_name, reason, max_width, min(max_height, 30 * mm))


def picture(data: bytes, kind: str, max_px_w: int, max_px_h: int):
    """The file as an RGB PIL image no larger than ``max_px_w`` x ``max_px_h`` pixels: a photo
    or drawing, or the first page of a PDF. Raises PreviewUnavailable (or the decoder's own
    error for a corrupt file). Safe off the GUI thread: PDFium is used under its lock."""
    return _to_pil(data, kind, max_px_w, max_px_h)


def placeholder(file_name: str, reason: str, width: float, height: float) -> Flowable:
    styles = get_styles()
    box = Table(
        [[[
            _p(f"<b>{esc(file_name) or 'Attachment'}</b>", styles.body),
            _p(f"No preview: {esc(reason)}. See the original file.", styles.small),
        ]]],
        colWidths=[width],
        rowHeights=[height],
    )  # fmt: skip
    box.setStyle(
        [
            ("BOX", (0, 0), (-1, -1), 1, MUTED, None, (4, 3)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    return box


def _p(markup: str, style):
    from reportlab.platypus import Paragraph

    return Paragraph(markup, style)


def _to_pil(data: bytes, kind: str, max_px_w: float, max_px_h: float):
    from PIL import Image as PILImage
    from PIL import ImageOps

    if not data:
        raise PreviewUnavailable("the file is empty")
    if kind == "pdf":
        picture = _render_pdf_first_page(data, max_px_w, max_px_h)
    elif kind == "image":
        picture = PILImage.open(io.BytesIO(data))
        if picture.format == "JPEG":
            picture.draft("RGB", (int(max_px_w), int(max_px_h)))  # decode at reduced size: much faster
        picture = ImageOps.exif_transpose(picture)
    else:
        raise PreviewUnavailable(f"unknown attachment kind {kind!r}")
    if picture.mode in ("RGBA", "LA", "P"):
        picture = picture.convert("RGBA")
        background = PILImage.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    elif picture.mode != "RGB":
        picture = picture.convert("RGB")
    picture.thumbnail((max(1, int(max_px_w)), max(1, int(max_px_h))))
    return picture


def _render_pdf_first_page(data: bytes, max_px_w: float, max_px_h: float):
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise PreviewUnavailable("PDF previews need the pypdfium2 package") from None
    with _pdfium_lock:
        document = pdfium.PdfDocument(data)
        try:
            if len(document) == 0:
                raise PreviewUnavailable("the PDF has no pages")
            page = document[0]
            try:
                width, height = page.get_size()
                scale = min(max_px_w / width, max_px_h / height)
                bitmap = page.render(scale=scale)
                return bitmap.to_pil().convert("RGB")
            finally:
                page.close()
        finally:
            document.close()


def _as_flowable(picture, max_width: float, max_height: float) -> Image:
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=88)
    buffer.seek(0)
    px_w, px_h = picture.size
    scale = min(max_width / px_w, max_height / px_h)
    return Image(buffer, width=px_w * scale, height=px_h * scale)
