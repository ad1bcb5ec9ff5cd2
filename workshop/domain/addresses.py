"""Postal addresses: countries by ISO 3166 code, and an address as the lines printed on paper.

An address is held as its lines, written as the customer writes them (street, town, postcode:
the order differs from country to country), plus a country code. The country's name is printed
only when it is not the shop's own country, as on any letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import ValidationError

#: Two-letter codes Babel names that are not countries of ISO 3166-1 (groupings, test codes,
#: and codes reserved for other bodies).
_NOT_COUNTRIES = frozenset({"AC", "CP", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"})


@lru_cache(maxsize=8)
def country_names(locale: str = "en_GB") -> dict[str, str]:
    """ISO 3166 alpha-2 code → the country's name in ``locale``, ordered by name."""
    from babel import Locale

    names = Locale.parse(locale).territories
    countries = {code: name for code, name in names.items()
                 if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES}
    return dict(sorted(countries.items(), key=lambda item: item[1].casefold()))


def country_name(code: str, locale: str = "en_GB") -> str:
    """``"PL"`` → ``"Poland"`` (``""`` for no country)."""
    return country_names(locale).get(code, code) if code else ""


def home_country(locale: str) -> str:
    """The country of a locale such as ``en_GB`` (``GB``), or ``""`` when it names none."""
    territory = locale.replace("-", "_").split("_")[-1] if "_" in locale.replace("-", "_") else ""
    return territory.upper() if territory.upper() in country_names() else ""


def clean_country(field: str, value: object) -> str:
    """An ISO 3166 alpha-2 code (any case; ``""`` or None for not known)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, "Country must be a country code such as GB or PL.")
    code = value.strip().upper()
    if code and code not in country_names():
        raise ValidationError(field, f"“{value.strip()[:20]}” is not a country code (like GB, IE, PL, DE).")
    return code


def address_lines(address: str, country: str = "", *, home: str = "", locale: str = "en_GB") -> tuple[str, ...]:
    """The lines to print: the address's non-blank lines, then the country's name unless it is
    ``home`` (the shop's own country)."""
    lines = tuple(line.strip() for line in address.splitlines() if line.strip())
    if lines and country and country != home:
        lines += (country_name(country, locale),)
    return lines


@dataclass(frozen=True)
class AddressParts:
    """An address's lines taken apart for a form that has fields for them (an e-invoice, an
    accounting tool's import): the street lines, the town, the postcode and a US state."""

    street: tuple[str, ...]
    city: str = ""
    postcode: str = ""
    region: str = ""


# A UK postcode ("LS1 4AB", "DY13 8XB", "SW1A 1AA"), at the end of a line.
_UK_POSTCODE = re.compile(r"^(?P<city>.*?)[\s,]*(?P<postcode>[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$", re.IGNORECASE)
# A postcode before the town, as most of Europe writes it: "10115 Berlin", "90-001 Łódź",
# "1010 Wien", "1234 AB Amsterdam", "D-10115 Berlin".
_POSTCODE_FIRST = re.compile(r"^(?P<postcode>(?:[A-Z]{1,2}-)?\d{2,5}(?:[- ]\d{2,3}|\s?[A-Z]{2}(?=\s))?)\s+(?P<city>\D.*)$")
# A US town, state and ZIP code: "Springfield, IL 62704".
_US_TOWN = re.compile(r"^(?P<city>.+?),?\s+(?P<region>[A-Z]{2})\s+(?P<postcode>\d{5}(?:-\d{4})?)$")


def address_parts(address: str) -> AddressParts:
    """Take the address's lines apart, as far as the way they are written shows: the last line
    that holds a postcode gives the postcode and town ("Leeds LS1 4AB", "90-001 Łódź",
    "Springfield, IL 62704"; a UK postcode on a line of its own takes the line above as the town).
    Without a postcode the last of two or more lines is the town; what cannot be told stays a
    street line."""
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    if not lines:
        return AddressParts(())
    last = lines[-1]
    for pattern in (_US_TOWN, _POSTCODE_FIRST, _UK_POSTCODE):
        found = pattern.match(last)
        if found:
            city, postcode = found["city"].strip(" ,"), found["postcode"].upper()
            region = found.groupdict().get("region") or ""
            street = lines[:-1]
            if not city and street:  # "LS1 4AB" alone: the town is the line above
                city, street = street[-1], street[:-1]
            return AddressParts(tuple(street), city, postcode, region)
    if len(lines) > 1:
        return AddressParts(tuple(lines[:-1]), last)
    return AddressParts(tuple(lines))


@dataclass(frozen=True)
class PostalAddress:
    """Who and where, ready for a document: the invoice, quote and delivery note print this."""

    name: str
    lines: tuple[str, ...]  # the address lines, the country's name last when it is abroad
    country: str = ""  # ISO 3166 alpha-2 ("" = not known)
    contact: str = ""
    tax_number: str = ""
    email: str = ""

    @property
    def text(self) -> str:
        """The address lines as one text, a line each (without the name)."""
        return "\n".join(self.lines)


__all__ = ["AddressParts", "PostalAddress", "address_lines", "address_parts", "clean_country", "country_name", "country_names", "home_country"]
