"""Cells and files every CSV export shares: text made safe for spreadsheets, exact numbers,
dates in the form the importing tool asks for, and files that appear whole or not at all.

- Text a person typed (a customer's name, a description, a tax type) that begins with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return would run as a formula when the file is opened
  in a spreadsheet: it is prefixed with a single quote, as OWASP advises ("CSV injection").
  Amounts, quantities and dates are written by us as plain numbers and are never prefixed, so
  ``-12.50`` stays a number.
- Amounts: a dot and two decimals, no thousands separator and no currency sign (``1234.50``);
  a figure with finer digits (a unit price of 0.125) keeps them rather than being rounded.
  Quantities: exact, without float noise or trailing zeros (``2``, ``1.5``).
- Encoding: UTF-8 with a byte-order mark. Excel opens a CSV without one in the PC's legacy code
  page (``Łódź`` turns into ``Å�Ã³dÅº``); Excel's own "CSV UTF-8" format writes the mark, and
  Xero and QuickBooks Online both take files saved that way.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

ENCODING = "utf-8-sig"  # UTF-8 with the byte-order mark Excel looks for
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CENT = Decimal("0.01")


def text_cell(value: object) -> str:
    """Text for a cell, neutralised when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def money_cell(amount: Decimal) -> str:
    """``1234.5`` → ``1234.50``; never rounded, never ``-0.00``."""
    amount = Decimal(amount)
    if amount == 0:
        amount = abs(amount)
    if amount == amount.quantize(_CENT):
        return format(amount.quantize(_CENT), "f")
    return format(amount.normalize(), "f")


def quantity_cell(quantity: Decimal) -> str:
    """``Decimal("2.000")`` → ``2``, ``1.500`` → ``1.5``, ``100`` → ``100`` (never ``1E+2``)."""
    quantity = Decimal(quantity)
    return "0" if quantity == 0 else format(quantity.normalize(), "f")


def date_cell(day: dt.date, *, us_dates: bool = False) -> str:
    """DD/MM/YYYY, or MM/DD/YYYY for a shop whose accounts are kept the American way."""
    return day.strftime("%m/%d/%Y" if us_dates else "%d/%m/%Y")


def write_csv_files(files: Sequence[tuple[Path, Sequence[str], Iterable[Sequence[str]]]]) -> list[Path]:
    """Write each (path, header, rows) file; all of them appear, or none does.

    Each is written beside its destination under a temporary name and moved into place only
    when every file is complete, so a full disk or a failing row never leaves half an export
    for the user to import.
    """
    partials: list[tuple[Path, Path]] = []
    try:
        for path, header, rows in files:
            path = Path(path)
            partial = path.with_name(f".{path.name}.part")
            partials.append((partial, path))
            with partial.open("w", encoding=ENCODING, newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        for partial, path in partials:
            os.replace(partial, path)
    except BaseException:
        for partial, _ in partials:
            partial.unlink(missing_ok=True)
        raise
    return [path for _, path in partials]


__all__ = ["ENCODING", "date_cell", "money_cell", "quantity_cell", "text_cell", "write_csv_files"]
