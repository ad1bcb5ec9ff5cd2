"""Table columns that fit their figures: an amount never wraps mid-number ("£24,653.6" / "0").

A figure column is made as wide as the widest text it will hold (measured in the font it prints
in, bold or not, plus the cell padding); the one flexible column (names and descriptions, which
may wrap between words) takes what is left. When the figures would leave the flexible column
too narrow, the figures' font is made smaller, half a point at a time, until they fit.

    widths, size = fit_columns(width, [None, ["£1.00", "£246,536.00"], …], headers=["Name", "Cost", …])
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import BOLD, FAMILY, register_fonts

__all__ = ["fit_columns"]

PADDING = 8.0  # the house table style: 4 pt either side of a cell
HEADER_SIZE = 8.5  # the house header cells (styles.cell_header)


def _widest(texts: Sequence[str], size: float) -> float:
    return max((stringWidth(t, font, size) for t in texts for font in (FAMILY, BOLD)), default=0.0)


def fit_columns(width: float, columns: Sequence[Sequence[str] | None], *, headers: Sequence[str] = (),
                size: float = 9.5, smallest: float = 6.5, min_flexible: float = 28 * mm,
                padding: float = PADDING) -> tuple[list[float], float]:
    """Column widths (points) and the figures' font size. ``columns``: the texts each column will
    hold, None for the one flexible column; ``headers``: the columns' headings, which may wrap
    between words (so only their longest word must fit)."""
    register_fonts()
    flexible = [i for i, texts in enumerate(columns) if texts is None]
    if len(flexible) != 1:
        raise ValueError("fit_columns needs exactly one flexible column (None).")
    words = [max((stringWidth(w, BOLD, HEADER_SIZE) for w in h.split()), default=0.0) for h in headers]
    words += [0.0] * (len(columns) - len(words))
    while True:
        widths = [0.0 if texts is None else max(_widest(texts, size), words[i]) + padding + 1
                  for i, texts in enumerate(columns)]
        rest = width - sum(widths)
        if rest >= min_flexible or size <= smallest:
            widths[flexible[0]] = max(rest, words[flexible[0]] + padding)
            return widths, size
        size -= 0.5
