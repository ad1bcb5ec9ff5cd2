"""Postal addresses: countries by ISO 3166 code, and an address as the lines printed on paper.

An address is held as its lines, written as the customer writes them (street, town, postcode:
the order differs from country to country), plus a country code. The country's name is printed
only when it is not the shop's own country, as on any letter.
"""

from __future__ import annotations

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


__all__ = ["PostalAddress", "address_lines", "clean_country", "country_name", "country_names", "home_country"]
