"""Barcodes as flowables: Code128 for scanners on the bench, QR for phones.

Payloads are plain printable ASCII (``J-2026-0042/030``), checked by :func:`check_payload`,
which raises a ValueError naming the offending character rather than printing a barcode
that scans as garbage. Never put a customer's name in a barcode.
"""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .styles import INK


def check_payload(value: str, what: str = "Barcode value") -> str:
    """Return ``value`` if it is non-empty printable ASCII; otherwise raise a clear ValueError."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"{what} is empty: there is nothing to print as a barcode.")
    for position, ch in enumerate(value, start=1):
        if not " " <= ch <= "~":
            raise ValueError(
                f"{what} {value!r} cannot be printed as a barcode: character {ch!r} at position "
                f"{position} is not plain ASCII. Use only letters A-Z, digits and - / . _ in numbers."
            )
    return value


#: Points per module that print crisply on 150/300/600 dpi devices (2/4/8 dots) and decode
#: reliably from a 150 dpi scan; 13 mil, a usual X-dimension for shop-floor scanners.
BAR_WIDTH = 0.96


def code128(
    payload: str,
    *,
    bar_height: float = 14 * mm,
    max_width: float | None = None,
    bar_width: float = BAR_WIDTH,
    min_bar_width: float = BAR_WIDTH,
    what: str = "Barcode value",
) -> Code128:
    """A Code128 flowable for ``payload`` with 10-module quiet zones, no human-readable line.

    ``bar_width`` (points per module) shrinks to fit ``max_width`` but never below
    ``min_bar_width``: narrower bars stop decoding from a 150 dpi scan. Size the space for the
    longest payload with :func:`code128_width`.
    """
    check_payload(payload, what)
    if max_width and code128_width(payload, bar_width) > max_width:
        bar_width = max(min_bar_width, bar_width * max_width / code128_width(payload, bar_width))
    return Code128(payload, barWidth=bar_width, barHeight=bar_height, humanReadable=0, lquiet=10 * bar_width, rquiet=10 * bar_width)


def code128_width(payload: str, bar_width: float = BAR_WIDTH) -> float:
    """Width in points of :func:`code128` for ``payload``, quiet zones included."""
    return Code128(payload, barWidth=bar_width, humanReadable=0, lquiet=10 * bar_width, rquiet=10 * bar_width).width


def qr_code(payload: str, *, size: float = 26 * mm, what: str = "QR code value") -> "QrCode":
    """A square QR code flowable ``size`` points wide, quiet zone included, error level M."""
    check_payload(payload, what)
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    return QrCode(code.modules, size)


class QrCode(Flowable):
    """A QR code drawn straight onto the canvas as one path of squares (much faster than a
    Drawing, and vector: no image for PDF/A to object to). ``modules``: rows of dark (truthy) and
    light modules, without the quiet zone, from any encoder (ReportLab's, segno's ``matrix``)."""

    def __init__(self, modules, size: float, border: int = 4) -> None:
        super().__init__()
        self.modules = modules
        self.border = border
        self.size = self.width = self.height = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        count = len(self.modules)
        box = self.size / (count + 2 * self.border)
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.size - (r + self.border + 1) * box
            c = 0
            for dark, run in itertools.groupby(row):
                n = len(list(run))
                if dark:
                    path.rect((c + self.border) * box, y, n * box, box)
                c += n
        self.canv.setFillColor(INK)
        self.canv.drawPath(path, stroke=0, fill=1)
