"""Small made-up drawings for the demo's attachments (pure Python, so the demo needs no
imaging library): a PNG elevation of kitchen cabinets."""

from __future__ import annotations

import struct
import zlib


def _png(width: int, height: int, pixels: bytearray) -> bytes:
    raw = b"".join(b"\x00" + bytes(pixels[y * width * 3:(y + 1) * width * 3]) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def kitchen_elevation_png(width: int = 640, height: int = 400) -> bytes:
    """Base and wall cabinets of uneven widths, drawn as outlines on paper-white."""
    px = bytearray(b"\xfb\xf8\xf0" * width * height)
    ink = (40, 52, 80)

    def rect(x0: int, y0: int, x1: int, y1: int, colour=ink, fill=None) -> None:
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                edge = y in (y0, y1) or x in (x0, x1)
                if edge or fill:
                    i = (y * width + x) * 3
                    px[i:i + 3] = bytes(colour if edge else fill)

    rect(20, 330, 620, 334, fill=(120, 120, 120))  # floor line
    x = 30
    for w in (86, 130, 54, 110, 96, 120):  # base units, non-standard widths
        rect(x, 210, x + w - 4, 320, fill=(222, 196, 150))
        rect(x + 6, 226, x + w - 10, 312)
        x += w
    rect(30, 200, x - 4, 208, fill=(190, 190, 196))  # worktop
    x = 60
    for w in (90, 120, 80, 120, 100):  # wall units
        rect(x, 40, x + w - 6, 140, fill=(222, 196, 150))
        rect(x + 6, 48, x + w - 12, 132)
        x += w + 4
    return _png(width, height, px)


def control_panel_pdf(title: str) -> bytes:
    """A one-page sketch of the new control panel layout, as a PDF drawing."""
    from io import BytesIO

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    from workshop.printing.document import use_binary_streams

    use_binary_streams()
    buffer = BytesIO()
    c = canvas.Canvas(buffer, pagesize=landscape(A4), invariant=1)  # invariant: same bytes every run
    w, h = landscape(A4)
    c.setTitle(title)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(40, h - 50, title)
    c.setFont("Helvetica", 10)
    c.rect(60, 80, 360, 400)
    for i, label in enumerate(["PLC", "VFD 4 kW", "E-stop relay", "24 V PSU", "Terminals X1"]):
        c.rect(80, 420 - i * 70, 320, 50)
        c.drawString(90, 440 - i * 70, label)
    c.circle(560, 380, 40)
    c.drawString(520, 320, "E-STOP (cat. 3)")
    c.rect(480, 120, 200, 140)
    c.drawString(500, 240, 'HMI 7" touch panel')
    c.showPage()
    c.save()
    return buffer.getvalue()
