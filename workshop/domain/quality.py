"""Quality rules: checks against tolerance, units, readings, non-conformance statuses.

Pure Python (``Decimal`` throughout, never float), no storage.

Tolerances are **deviations from the nominal**: a check "25 mm, -0.1 / +0.1" has
``nominal=25``, ``lower=-0.1``, ``upper=+0.1``, so its limits are 24.9 and 25.1. A
one-sided limit is written with a zero on the other side ("at most 0.5 s" is nominal
0.5, lower -0.5, upper 0, or nominal 0, lower 0, upper 0.5). ``lower`` must not be
above ``upper``. A reading passes when ``nominal + lower <= reading <= nominal + upper``:
a reading exactly on a limit passes. With several readings, every one must pass.

Readings may be typed in another unit of the same kind (``2.502 cm`` against a check
in mm); they are converted exactly. A unit of another kind (``kg`` against mm) is
refused with a ValidationError on ``readings``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from . import validation
from .errors import ValidationError
from .locale_text import DEFAULT_LOCALE, decimal_sign

#: Places kept for nominal values, tolerances and readings (0.0001 mm = 0.1 µm).
PLACES = 4


class CheckType(StrEnum):
    MEASURED = "measured"
    PASS_FAIL = "pass_fail"
    VISUAL = "visual"

    @property
    def label(self) -> str:
        return {"measured": "Measured", "pass_fail": "Pass/fail", "visual": "Visual"}[self.value]


class Result(StrEnum):
    PASS = "pass"
    FAIL = "fail"

    @property
    def label(self) -> str:
        return self.value.upper()


# --- units -------------------------------------------------------------------------------------

#: unit → (kind, size in the kind's base unit). Exact decimal factors only.
_UNITS: dict[str, tuple[str, Decimal]] = {
    # length (base mm)
    "µm": ("length", Decimal("0.001")), "um": ("length", Decimal("0.001")),
    "mm": ("length", Decimal(1)), "cm": ("length", Decimal(10)), "m": ("length", Decimal(1000)),
    "in": ("length", Decimal("25.4")), "ft": ("length", Decimal("304.8")),
    # mass (base g)
    "mg": ("mass", Decimal("0.001")), "g": ("mass", Decimal(1)), "kg": ("mass", Decimal(1000)),
    "t": ("mass", Decimal(1_000_000)),
    # force (base N)
    "N": ("force", Decimal(1)), "kN": ("force", Decimal(1000)), "daN": ("force", Decimal(10)),
    # time (base s)
    "ms": ("time", Decimal("0.001")), "s": ("time", Decimal(1)), "min": ("time", Decimal(60)),
    "h": ("time", Decimal(3600)),
    # electrical
    "mV": ("voltage", Decimal("0.001")), "V": ("voltage", Decimal(1)), "kV": ("voltage", Decimal(1000)),
    "mA": ("current", Decimal("0.001")), "A": ("current", Decimal(1)),
    "mΩ": ("resistance", Decimal("0.001")), "Ω": ("resistance", Decimal(1)), "ohm": ("resistance", Decimal(1)),
    "kΩ": ("resistance", Decimal(1000)), "MΩ": ("resistance", Decimal(1_000_000)),
    "W": ("power", Decimal(1)), "kW": ("power", Decimal(1000)),
    "Hz": ("frequency", Decimal(1)), "kHz": ("frequency", Decimal(1000)),
    "rpm": ("speed", Decimal(1)),
    # pressure (base Pa)
    "Pa": ("pressure", Decimal(1)), "kPa": ("pressure", Decimal(1000)), "MPa": ("pressure", Decimal(1_000_000)),
    "bar": ("pressure", Decimal(100_000)),
    # angle, temperature (no offset conversions: °C only against °C)
    "°": ("angle", Decimal(1)), "deg": ("angle", Decimal(1)),
    "°C": ("temperature_c", Decimal(1)),
    "%": ("percent", Decimal(1)),
    "µm/m": ("straightness", Decimal(1)),
    "GU": ("gloss", Decimal(1)),
}
_UNIT_ALIASES = {"ohms": "ohm", "sec": "s", "mins": "min", "degc": "°C", "c": "°C", "hrs": "h", "hr": "h",
                 "mm.": "mm", '"': "in", "inch": "in", "inches": "in"}


def canonical_unit(unit: str) -> str:
    """The unit as the table knows it (``KG`` → ``kg``, ``sec`` → ``s``); unknown units unchanged."""
    unit = unit.strip()
    if unit in _UNITS:
        return unit
    lowered = unit.lower()
    if lowered in _UNIT_ALIASES:
        return _UNIT_ALIASES[lowered]
    matches = [u for u in _UNITS if u.lower() == lowered]
    return matches[0] if len(matches) == 1 else unit


def convert(value: Decimal, from_unit: str, to_unit: str, *, field: str = "readings") -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit``, exactly (decimal factors)."""
    a, b = canonical_unit(from_unit), canonical_unit(to_unit)
    if a == b:
        return value
    if a in _UNITS and b in _UNITS and _UNITS[a][0] == _UNITS[b][0]:
        return value * _UNITS[a][1] / _UNITS[b][1]
    raise ValidationError(field, f"A reading in “{from_unit}” cannot be compared with a check in “{to_unit}”"
                                 f"{'' if to_unit else ' (no unit)'}: the units measure different things.")


# --- numbers -----------------------------------------------------------------------------------


def number(field: str, value: object, *, required: bool = True, places: int = PLACES,
           locale: str = DEFAULT_LOCALE) -> Decimal | None:
    """A signed decimal with at most ``places`` decimals, from text as the shop's ``locale``
    writes it (``600,12`` in a German shop) or a number (no float)."""
    if isinstance(value, str):  # a tolerance may be typed "± 0.5", a figure with spaces in it
        value = value.replace(" ", "").removeprefix("±")
    return validation.decimal(field, value, required=required, minimum=None, places=places, locale=locale,
                              as_written=True)


@dataclass(frozen=True)
class Tolerance:
    """A measured check's nominal and tolerance band, as deviations from the nominal."""

    nominal: Decimal
    lower: Decimal  # deviation, usually <= 0
    upper: Decimal  # deviation, usually >= 0
    unit: str = ""

    def __post_init__(self) -> None:
        if self.lower > self.upper:
            raise ValidationError("lower_tolerance", f"The lower tolerance ({fmt(self.lower, signed=True)}) is "
                                                     f"above the upper tolerance ({fmt(self.upper, signed=True)}).")

    @property
    def lower_limit(self) -> Decimal:
        return self.nominal + self.lower

    @property
    def upper_limit(self) -> Decimal:
        return self.nominal + self.upper

    def accepts(self, value: Decimal) -> bool:
        """Exactly on a limit passes."""
        return self.lower_limit <= value <= self.upper_limit

    @property
    def text(self) -> str:
        return tolerance_text(self.lower, self.upper)


def fmt(value: Decimal | None, *, signed: bool = False, locale: str = DEFAULT_LOCALE) -> str:
    """Plain text for a decimal: no exponent, no grouping, no trailing zeros (``25.10`` → ``25.1``),
    with the ``locale``'s decimal sign (``25,1``), so it can be typed back as it is shown."""
    if value is None:
        return ""
    text = f"{value.normalize():f}".replace(".", decimal_sign(locale))
    if text in ("-0", "+0"):
        text = "0"
    if signed and value > 0:
        text = "+" + text
    return text


def readings_text(readings, unit: str, locale: str = DEFAULT_LOCALE) -> str:
    """Readings as a person would type them back: the shop's decimal sign, separated so that
    ``parse_readings`` reads them the same (``25,02; 25,05`` where the decimal sign is a comma),
    a unit only where it differs from the check's."""
    between = "; " if decimal_sign(locale) == "," else ", "
    return between.join(fmt(r.value, locale=locale) + ("" if r.unit == unit else f" {r.unit}") for r in readings)


def tolerance_text(lower: Decimal | None, upper: Decimal | None) -> str:
    """``± 0.1`` when symmetrical, else ``-0.05 / +0.1``."""
    if lower is None or upper is None:
        return ""
    if lower == -upper and upper != 0:
        return f"± {fmt(upper)}"
    return f"{fmt(lower, signed=True)} / {fmt(upper, signed=True)}"


# --- readings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    value: Decimal
    unit: str  # as given; the check's unit when none was typed

    @property
    def text(self) -> str:
        return f"{fmt(self.value)} {self.unit}".strip()


# a figure (digits with the decimal sign and any grouping, read by ``number`` in the shop's
# locale, so "25.02" in a German shop is told how to write it) and what follows it, a unit
_NUMBER = re.compile(r"^([+-]?[\d.,]*\d[\d.,]*)(.*)$")


def parse_readings(text: object, default_unit: str = "", locale: str = DEFAULT_LOCALE) -> list[Reading]:
    """``"25.02, 25.05"``, ``"25.02 mm; 2.505 cm"`` or ``"25.02 25.05"`` → readings.

    Readings are separated by commas, semicolons, new lines or spaces; a unit may follow
    each number (with or without a space). Where the shop's ``locale`` writes a decimal comma
    (``25,02; 25,05``) the comma belongs to the number, so readings are separated by the rest.
    Anything else is a ValidationError on ``readings`` that quotes the bad part.
    """
    comma_decimal = decimal_sign(locale) == ","
    example = "25,02; 25,05" if comma_decimal else "25.02, 25.05"
    if isinstance(text, (list, tuple)):
        text = ", ".join(str(t) for t in text)
    if text is None:
        text = ""
    if isinstance(text, (int, Decimal)) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        raise ValidationError("readings", f"Readings must be numbers, like {example}.")
    separators = r"[;\s]+" if comma_decimal else r"[,;\s]+"
    tokens = [t for t in re.split(separators, text.replace("−", "-")) if t]
    readings: list[Reading] = []
    for token in tokens:
        match = _NUMBER.match(token)
        if match is None:
            unit = canonical_unit(token)
            if readings and (unit in _UNITS or unit == default_unit) and readings[-1].unit == "":
                readings[-1] = Reading(readings[-1].value, unit)
                continue
            raise ValidationError("readings", f"“{token[:40]}” is not a reading: type numbers like {example}.")
        value = number("readings", match.group(1), locale=locale)
        unit = match.group(2).strip()
        if unit:
            unit = canonical_unit(unit)
            if unit not in _UNITS and unit != default_unit:
                raise ValidationError("readings", f"“{token[:40]}” is not a reading: “{unit}” is not a unit "
                                                  "this program knows.")
        readings.append(Reading(value, unit))
    return [Reading(r.value, r.unit or default_unit) for r in readings]


@dataclass(frozen=True)
class Evaluation:
    result: Result
    values: tuple[Decimal, ...]  # the readings in the check's unit, exact
    out_of_tolerance: tuple[int, ...]  # 0-based positions of the failing readings

    @property
    def passed(self) -> bool:
        return self.result is Result.PASS


def evaluate(tolerance: Tolerance, readings: list[Reading]) -> Evaluation:
    """Pass iff every reading (converted to the check's unit) lies within the limits."""
    if not readings:
        raise ValidationError("readings", "Give at least one reading.")
    values = tuple(convert(r.value, r.unit, tolerance.unit) for r in readings)
    bad = tuple(i for i, value in enumerate(values) if not tolerance.accepts(value))
    return Evaluation(Result.FAIL if bad else Result.PASS, values, bad)


# --- non-conformance -----------------------------------------------------------------------------


class NcrStatus(StrEnum):
    OPEN = "open"
    DISPOSITIONED = "dispositioned"
    VERIFIED = "verified"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Disposition(StrEnum):
    REWORK = "rework"
    SCRAP = "scrap"
    USE_AS_IS = "use_as_is"  # needs the customer's concession reference
    RETURN_TO_SUPPLIER = "return_to_supplier"

    @property
    def label(self) -> str:
        return {"rework": "Rework", "scrap": "Scrap", "use_as_is": "Use as is (concession)",
                "return_to_supplier": "Return to supplier"}[self.value]


_NCR_MOVES = {
    NcrStatus.OPEN: frozenset({NcrStatus.DISPOSITIONED}),
    NcrStatus.DISPOSITIONED: frozenset({NcrStatus.VERIFIED}),
    NcrStatus.VERIFIED: frozenset({NcrStatus.CLOSED}),
    NcrStatus.CLOSED: frozenset(),
}


def can_move_ncr(current: NcrStatus | str, new: NcrStatus | str) -> bool:
    return NcrStatus(new) in _NCR_MOVES[NcrStatus(current)]


def check_ncr_move(number: str, current: NcrStatus | str, new: NcrStatus | str) -> NcrStatus:
    current, new = NcrStatus(current), NcrStatus(new)
    if new in _NCR_MOVES[current]:
        return new
    why = {
        NcrStatus.DISPOSITIONED: "only an open report can be given a disposition",
        NcrStatus.VERIFIED: "decide the disposition first" if current is NcrStatus.OPEN
        else "only a dispositioned report can be verified",
        NcrStatus.CLOSED: "it must be verified first" if current in (NcrStatus.OPEN, NcrStatus.DISPOSITIONED)
        else "it is already closed",
    }.get(new, "that is not a step a report takes")
    raise ValidationError("status", f"{number} is {current.label.lower()}; cannot mark it {new.label.lower()}: "
                                    f"{why}.")


# --- aftercare -----------------------------------------------------------------------------------


class TicketStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


_TICKET_MOVES = {
    TicketStatus.OPEN: frozenset({TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, TicketStatus.CLOSED}),
    TicketStatus.IN_PROGRESS: frozenset({TicketStatus.OPEN, TicketStatus.RESOLVED}),
    TicketStatus.RESOLVED: frozenset({TicketStatus.IN_PROGRESS, TicketStatus.CLOSED}),  # reopened, or closed
    TicketStatus.CLOSED: frozenset(),
}


def can_move_ticket(current: TicketStatus | str, new: TicketStatus | str) -> bool:
    return TicketStatus(new) in _TICKET_MOVES[TicketStatus(current)]


def check_ticket_move(current: TicketStatus | str, new: TicketStatus | str) -> TicketStatus:
    current, new = TicketStatus(current), TicketStatus(new)
    if new not in _TICKET_MOVES[current]:
        raise ValidationError("status", f"A {current.label.lower()} ticket cannot be marked {new.label.lower()}.")
    return new


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def warranty_end(start: dt.date | None, months: int) -> dt.date | None:
    """The last day covered: ``months`` after the start (delivery) date. None before delivery."""
    if start is None:
        return None
    return add_months(start, months)


def under_warranty(end: dt.date | None, on: dt.date) -> bool:
    return end is not None and on <= end
