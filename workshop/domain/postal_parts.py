"""An address held as printed lines (``addresses``), split into the fields an accounting tool asks
for: street lines, city, region and postcode.

The customer's address is kept as they write it, so the split reads the last line (or the last
two, when the postcode stands alone) the way the country writes it: ``Leeds LS1 4AB`` (UK, postcode
last), ``00-950 Łódź`` or ``10115 Berlin`` (postcode first, most of Europe), ``Springfield, IL
62704`` (US: city, state, ZIP). A last line no pattern fits stays a street line and the city is
left empty, rather than a guess put in the wrong box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_STREET_LINES = 4  # Xero's POAddressLine1..4

_UK = r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}"
_EIRCODE = r"[A-Z]\d{2}\s?[A-Z\d]{4}"
_POSTCODE_LAST = re.compile(rf"^(?P<city>.*?)[,\s]*(?P<postcode>{_UK}|{_EIRCODE}|\d{{4,6}})$", re.IGNORECASE)
_POSTCODE_FIRST = re.compile(r"^(?P<postcode>[A-Z]{1,2}-\d{4,5}|\d{2,3}-\d{3}|\d{4}\s?[A-Z]{2}(?=\s)|\d{4,5})"
                             r"\s+(?P<city>.+)$", re.IGNORECASE)
_US = re.compile(r"^(?P<city>.+?),?\s+(?P<region>[A-Z]{2})\s+(?P<postcode>\d{5}(?:-\d{4})?)$")
_POSTCODE_LAST_COUNTRIES = frozenset({"GB", "IE", "IM", "JE", "GG", "CA", "AU", "NZ"})


@dataclass(frozen=True)
class PostalParts:
    street: tuple[str, ...]  # at most MAX_STREET_LINES
    city: str = ""
    region: str = ""
    postcode: str = ""


def _patterns(country: str) -> tuple[re.Pattern, ...]:
    if country == "US":
        return (_US,)
    if country in _POSTCODE_LAST_COUNTRIES:
        return (_POSTCODE_LAST,)
    if country:
        return (_POSTCODE_FIRST, _POSTCODE_LAST)
    return (_POSTCODE_LAST, _POSTCODE_FIRST, _US)


def _read_last_line(line: str, country: str) -> dict[str, str] | None:
    for pattern in _patterns(country):
        found = pattern.match(line)
        if found:
            return {name: value.strip(" ,") for name, value in found.groupdict().items()}
    return None


def _fit(street: list[str]) -> tuple[str, ...]:
    """At most four street lines: the rest joins the fourth, so nothing is lost."""
    if len(street) <= MAX_STREET_LINES:
        return tuple(street)
    return (*street[:MAX_STREET_LINES - 1], ", ".join(street[MAX_STREET_LINES - 1:]))


def split_address(address: str, country: str = "") -> PostalParts:
    """The address's lines (as ``addresses.address_lines`` keeps them, without the country's
    name) split for an accounting tool; ``country`` is the ISO code the address is in."""
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    if not lines:
        return PostalParts(street=())
    parts = _read_last_line(lines[-1], country)
    if parts is None:
        return PostalParts(street=_fit(lines))
    street = lines[:-1]
    if not parts.get("city") and street:  # the postcode on a line of its own: the town is above it
        parts["city"] = street.pop()
    return PostalParts(street=_fit(street), city=parts.get("city", ""), region=parts.get("region", ""),
                       postcode=parts["postcode"])


__all__ = ["MAX_STREET_LINES", "PostalParts", "split_address"]
