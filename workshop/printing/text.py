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


def paragraphs(text: object, style) -> list:
    """Split user text on blank lines into separate Paragraphs (so long text splits across pages nicely)."""
    if text is None:
        return []
    blocks = re.split(r"\n[ \t]*\n", printable(str(text)).strip("\n"))
    return [para(block, style) for block in blocks if block.strip()]


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


