"""User text into ReportLab markup, safely; and the number/date formats printed documents share.

User text is never markup: :func:`esc` escapes ``&``, ``<`` and ``>``, replaces characters
the fonts lack with a visible square and turns newlines into ``<br/>``. Compose your own
markup around it::

    Paragraph(f"<b>Customer:</b> {esc(customer)}", styles.body)

or use :func:`para` when the whole paragraph is user text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

from ..domain.locale_text import DEFAULT_LOCALE, format_date_time
from ..domain.locale_text import format_date as locale_format_date
from .fonts import printable


def esc(text: object) -> str:
    """Plain text -> Paragraph markup that prints exactly that text (newlines kept).

    Words wider than their column are broken by the styles' ``splitLongWords``.
    """
    if text is None:
        return ""
    text = printable(str(text))
    return escape(text).replace("\n", "<br/>")


def para(text: object, style, *, bold: bool = False):
    """A Paragraph of user text in ``style``. Never interprets the text as markup."""
    from reportlab.platypus import Paragraph

    markup = esc(text)
    if bold:
        markup = f"<b>{markup}</b>"
    return Paragraph(markup, style)


#: A paragraph longer than this is laid out in pieces: ReportLab re-wraps the whole rest of a
#: paragraph at every page break, so one 100,000-character paragraph took 18 s (23 pages).
PIECE_CHARACTERS = 2_000


def paragraphs(text: object, style, *, in_pieces: bool = False) -> list:
    """Split user text on blank lines into separate Paragraphs (so long text splits across pages
    nicely). ``in_pieces`` (for text flowing down the page, not in a table cell): a very long
    paragraph is laid out as pieces that join without a gap, cut where its lines break anyway,
    else after a sentence or a word."""
    if text is None:
        return []
    blocks = re.split(r"\n[ \t]*\n", printable(str(text)).strip("\n"))
    out = []
    for block in (b for b in blocks if b.strip()):
        pieces = _pieces(block) if in_pieces else [block]
        if len(pieces) == 1:
            out.append(para(block, style))
            continue
        first = style.clone(f"{style.name}-first", spaceAfter=0)
        middle = style.clone(f"{style.name}-middle", spaceBefore=0, spaceAfter=0)
        last = style.clone(f"{style.name}-last", spaceBefore=0)
        out += [para(piece, first if i == 0 else last if i == len(pieces) - 1 else middle)
                for i, piece in enumerate(pieces)]
    return out


def _pieces(block: str) -> list[str]:
    if len(block) <= PIECE_CHARACTERS:
        return [block]
    lines: list[str] = []
    for line in block.split("\n"):
        while len(line) > PIECE_CHARACTERS:
            cut = line.rfind(". ", PIECE_CHARACTERS // 2, PIECE_CHARACTERS) + 1
            if cut <= 0:
                cut = line.rfind(" ", PIECE_CHARACTERS // 2, PIECE_CHARACTERS)
            if cut <= 0:
                cut = PIECE_CHARACTERS
            lines.append(line[:cut])
            line = line[cut:].lstrip(" ")
        lines.append(line)
    pieces, current = [], []
    for line in lines:
        if current and sum(map(len, current)) + len(current) + len(line) > PIECE_CHARACTERS:  # with the \n
            pieces.append("\n".join(current))
            current = []
        current.append(line)
    pieces.append("\n".join(current))
    return pieces


# -- formats ---------------------------------------------------------------------------------------


def format_date(value: date | None, *, weekday: bool = False, locale: str = DEFAULT_LOCALE) -> str:
    """The one date form of the program (the shop locale's medium form, as on screen):
    ``12 Jun 2026``; with ``weekday``, ``Fri 12 Jun 2026``."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.date()
    text = locale_format_date(value, locale)
    if not weekday:
        return text
    from babel.dates import format_date as babel_format_date

    return f"{babel_format_date(value, format='EEE', locale=locale)} {text}"


def format_datetime(value: datetime | None, *, locale: str = DEFAULT_LOCALE) -> str:
    """The one moment form of the program (``domain.locale_text.format_date_time``), or a dash."""
    return "—" if value is None else format_date_time(value, locale)


def format_quantity(value: object) -> str:
    """``12``, ``2.5``, ``0.125``: no float noise, no trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return f"{value.quantize(Decimal(1)):f}"
        return f"{value.normalize():f}"
    return str(value)


def format_minutes(value: object) -> str:
    """Planned time: ``45 min``, ``2 h 05 min``, ``1.5 min``."""
    if value is None or value == "":
        return "—"
    minutes = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if minutes < 60:
        return f"{format_quantity(minutes)} min"
    whole = int(minutes.to_integral_value())
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest:02d} min"


def join_nonempty(parts: Iterable[str], sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


