"""Numbers and dates as people write them in the shop's locale, read and shown with Babel.

One home for the rule "``12,50`` is twelve and a half in a German shop and a mistake in a
British one": services parse with ``parse_number``/``parse_date`` (through ``validation``), and
every screen, list and printed page shows dates with ``format_date`` and pre-fills edit fields
with ``format_number``, so what is shown can be typed back unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

DEFAULT_LOCALE = "en_GB"  # the shop settings' default

# fr_FR groups with a narrow no-break space, pl_PL with a no-break space; people type a plain one.
_SPACES = (" ", "\u00a0", "\u202f")
_LETTER_SYMBOLS = ("zł", "kr", "Kč", "Fr.")  # currency signs made of letters, written after the figure


class NotInLocale(ValueError):
    """Text that is not a number (or date) in the locale; ``hint`` is the right way to write it, if known."""

    def __init__(self, text: str, hint: str | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.hint = hint


def _symbols(locale: str) -> tuple[str, str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_decimal_symbol(locale), get_group_symbol(locale)


def _strip_currency(text: str) -> str:
    """``£3,200`` / ``-€5`` / ``12,50 zł`` / ``12,50 €`` -> the figure with its sign."""
    sign = ""
    if text[:1] in "+-−":
        sign, text = ("-" if text[0] in "-−" else ""), text[1:].lstrip()
    while text and unicodedata.category(text[0]) == "Sc":
        text = text[1:].lstrip()
    while text and unicodedata.category(text[-1]) == "Sc":
        text = text[:-1].rstrip()
    for symbol in _LETTER_SYMBOLS:
        if text.endswith(symbol):
            text = text[: -len(symbol)].rstrip()
    if text[:1] in "+-−" and not sign:
        sign, text = ("-" if text[0] in "-−" else ""), text[1:]
    return sign + text


def decimal_sign(locale: str = DEFAULT_LOCALE) -> str:
    """The locale's decimal sign: ``.`` in en_GB, ``,`` in de_DE."""
    return _symbols(locale)[0]


def parse_number(text: str, locale: str = DEFAULT_LOCALE) -> Decimal:
    """Read ``text`` as the locale writes numbers (Babel, strict): decimal sign and grouping of
    the locale, a leading or trailing currency sign allowed. Raises ``NotInLocale``."""
    from babel.numbers import NumberFormatError, parse_decimal

    decimal_sign, group = _symbols(locale)
    cleaned = _strip_currency(text.strip())
    if group in _SPACES:
        for space in _SPACES:
            cleaned = cleaned.replace(space, group)
    elif " " in cleaned or not cleaned:
        raise NotInLocale(text, _hint(cleaned, locale))
    if "e" in cleaned.casefold():  # 1e3: Babel reads it, but no one writes a price that way
        raise NotInLocale(text, _hint_for_exponent(cleaned, locale))
    try:
        number = parse_decimal(cleaned, locale=locale, strict=True)
    except NumberFormatError:
        raise NotInLocale(text, _hint(cleaned, locale)) from None
    if not number.is_finite():
        raise NotInLocale(text)
    return number.copy_abs() if number.is_zero() else number  # -0 is 0


def _hint_for_exponent(cleaned: str, locale: str) -> str | None:
    """``1e3`` -> ``1,000`` (in en_GB), when it is a plain number of sensible size."""
    if not re.fullmatch(r"-?\d+(\.\d+)?[eE][+-]?\d{1,2}", cleaned):
        return None
    value = Decimal(cleaned)
    return format_number(value.normalize() if value == value.to_integral_value() else value, locale) \
        if abs(value) < Decimal(10) ** 12 else None


def _hint(cleaned: str, locale: str) -> str | None:
    """The way to write in ``locale`` what the person most likely meant: the same figure read
    with the other convention (``12,50`` in en_GB -> ``12.50``; ``1.234,56`` -> ``1,234.56``)."""
    compact = "".join(ch for ch in cleaned if ch not in _SPACES)
    for decimal_sign, group in ((",", "."), (".", ",")):
        # a group never follows a leading 0 (0.005 is not "5" grouped)
        pattern = rf"-?[1-9]\d{{0,2}}(\{group}\d{{3}})*(\{decimal_sign}\d+)?|-?\d+(\{decimal_sign}\d+)?"
        if re.fullmatch(pattern, compact):
            plain = compact.replace(group, "").replace(decimal_sign, ".")
            value = Decimal(plain)
            try:
                if parse_number(format_number(value, locale), locale) == value:
                    return format_number(value, locale)
            except NotInLocale:
                return None
    return None


def format_number(value: Decimal | int | float | str | None, locale: str = DEFAULT_LOCALE, places: int | None = None) -> str:
    """A number as the locale writes it, for a field a person will edit (``1250.5`` -> ``1.250,50``
    in de_DE). ``places``: exactly that many decimals; else as many as the value has."""
    from babel.numbers import format_decimal

    if value is None:
        return ""
    number = Decimal(str(value))
    if places is None:
        places = max(0, -number.as_tuple().exponent) if number.is_finite() else 0  # type: ignore[operator]
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(number, format=pattern, locale=locale, decimal_quantization=True)


# ---- dates ------------------------------------------------------------------------------------

def format_date(value: dt.date | dt.datetime | None, locale: str = DEFAULT_LOCALE) -> str:
    """The one way a date is shown, in lists, dialogs and print: the locale's medium form
    (``15 Jan 2027``, ``Jan 15, 2027``, ``15.01.2027``)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return _medium_date(value, locale)


@lru_cache(maxsize=4096)
def _medium_date(day: dt.date, locale: str) -> str:
    """(Kept: a list of a job's bookings writes the same few days again and again, each through
    Babel's pattern machinery.)"""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, format="medium", locale=locale)


def format_clock(value: dt.datetime | dt.time | None, locale: str = DEFAULT_LOCALE) -> str:
    """The time of day in the locale's short form (``14:05``; ``2:05 PM`` in en_US)."""
    if value is None:
        return ""
    return _short_time(value.hour, value.minute, locale)


@lru_cache(maxsize=4096)
def _short_time(hour: int, minute: int, locale: str) -> str:
    """(Kept, as ``_medium_date``; the short form shows hours and minutes only.)"""
    from babel.dates import format_time

    return format_time(dt.time(hour, minute), format="short", locale=locale)


def format_date_time(value: dt.datetime | None, locale: str = DEFAULT_LOCALE) -> str:
    """A moment, the one way, on screen and in print: the date as ``format_date`` shows it, then
    the time as ``format_clock`` does (``15 Jan 2027 14:05``)."""
    if value is None:
        return ""
    return f"{format_date(value, locale)} {format_clock(value, locale)}"


@lru_cache(maxsize=16)
def _date_order(locale: str) -> tuple[str, str, str]:
    """The order of day, month and year in the locale's short form (``('d','M','y')`` in en_GB)."""
    from babel.dates import get_date_format

    pattern = get_date_format("short", locale=locale).pattern
    order = sorted("dMy", key=lambda field: pattern.find(field))
    return tuple(order)  # type: ignore[return-value]


@lru_cache(maxsize=16)
def _month_numbers(locale: str) -> dict[str, int]:
    """Every name the locale (and English) gives a month, case-folded and without its dot."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for loc in ("en", locale):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, loc).items():
                    names[name.casefold().rstrip(".")] = number
    return names


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) <= 2 else year


def parse_date(text: str, locale: str = DEFAULT_LOCALE) -> dt.date:
    """A date typed in any of the locale's forms: short (``15/1/27``, ``1/15/27`` in en_US,
    ``15.01.27``), medium and long (``15 Jan 2027``, ``15. Januar 2027``), or ISO ``2027-01-15``.
    Raises ``NotInLocale`` with an example of the locale's forms."""
    cleaned = text.strip()
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", cleaned):
        year, month, day = (int(p) for p in cleaned.split("-"))
        return _make_date(text, year, month, day, locale)
    tokens = re.findall(r"\d+|[^\W\d_]+\.?", cleaned)
    words = [t for t in tokens if not t.isdigit()]
    numbers = [t for t in tokens if t.isdigit()]
    if len(tokens) != 3 or len(words) > 1 or re.search(r"[^\w\s./,-]", cleaned):
        raise NotInLocale(text, date_examples(locale))
    order = [field for field in _date_order(locale)]
    if words:
        month = _month_numbers(locale).get(words[0].casefold().rstrip("."))
        if month is None:
            raise NotInLocale(text, date_examples(locale))
        order.remove("M")
        fields = dict(zip(order, numbers))
        if len(fields["d"]) > 2 and len(fields["y"]) <= 2:  # "2027 Jan 15": a 4-digit figure is the year
            fields = {"d": fields["y"], "y": fields["d"]}
        return _make_date(text, _year(fields["y"]), month, int(fields["d"]), locale)
    fields = dict(zip(order, numbers))
    return _make_date(text, _year(fields["y"]), int(fields["M"]), int(fields["d"]), locale)


def _make_date(text: str, year: int, month: int, day: int, locale: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NotInLocale(text, date_examples(locale)) from None


def date_examples(locale: str = DEFAULT_LOCALE) -> str:
    """How to write 15 January 2027 in the locale: ``15/01/2027, 15 Jan 2027 or 2027-01-15``."""
    from babel.dates import format_date as babel_format_date

    sample = dt.date(2027, 1, 15)
    short = babel_format_date(sample, format="short", locale=locale)
    medium = format_date(sample, locale)
    forms = [short] + ([medium] if medium != short else []) + ["2027-01-15"]
    return ", ".join(forms[:-1]) + " or " + forms[-1]
