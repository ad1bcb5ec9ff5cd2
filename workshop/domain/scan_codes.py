"""Codes the bench scans, read whatever the PC's keyboard layout does to them.

A keyboard-wedge scanner types its code as key presses of a US keyboard; the PC turns them into
characters through its own layout, so on a German PC ``J-2026-0042/030`` arrives as
``Jß2026ß0042-030`` and on a French one the digits arrive as ``&é"'(-è_çà`` (InvenTree #10589,
bhima #6436). Codes are therefore read leniently: as typed, then as if each known layout had
mangled them, and separators never matter.

New job cards print an operation as ``J20260042030`` (the job number without its separators, then
the op number in 3 digits); cards printed before read as ``J-2026-0042/030``. Both work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ValidationError
from .keyboard_layouts import LAYOUT_NAMES, translator, untranslator

#: The layouts a scanned code is read through, as typed first.
LAYOUTS = ("en_US", "en_GB", "de_DE", "fr_FR")

#: The scanner check card's test code: the characters layouts move (Y Z A Q W M, the digit row,
#: - / .) and a double quote, which tells a UK PC (it types @) from a US one.
SCANNER_CHECK_CODE = 'CHK-YZAQWM/0123456789."'

BADGE_PREFIX = "OPR"


@dataclass(frozen=True)
class OperationScan:
    """An operation's code: the job numbers it may mean, most likely first, and the op number."""
    job_numbers: tuple[str, ...]  # ("J-2026-0042",)
    op_number: int  # 30


@dataclass(frozen=True)
class BadgeScan:
    operator_id: int


@dataclass(frozen=True)
class CheckScan:
    """The scanner check card's test code; ``layout`` is the layout it arrived through (None:
    none we know: the scanner sends something else)."""
    layout: str | None


@dataclass(frozen=True)
class Reading:
    target: OperationScan | BadgeScan | CheckScan
    layout: str  # the layout the text was read through ("en_US": as typed)


class UnreadableCode(ValidationError):
    """Nothing the bench prints reads like this text (field ``scan``)."""

    def __init__(self, text: str, message: str) -> None:
        self.text = text
        super().__init__("scan", message)


def typed_as(text: str, layout: str) -> str:
    """What a scanner sending ``text`` as US key presses produces on a PC set to ``layout``."""
    return text.translate(translator(layout))


def describe_layout(layout: str) -> str:
    """A layout's name for a person: ``de_DE`` -> ``German (QWERTZ)``."""
    return LAYOUT_NAMES.get(layout, layout)


def check_result(layout: str | None) -> tuple[str, str]:
    """What the terminal says to the scanner check code arriving through ``layout`` (None: a layout
    Workshop does not know), as (headline, detail); the scanner check card prints the same words."""
    if layout is None:
        return ("Scanner check: the code arrives through a keyboard layout Workshop does not know",
                "Codes are still read where their letters and digits survive; set the scanner to the PC's "
                "layout to be sure.")
    return (f"Scanner check: OK, the scanner types through {describe_layout(layout)}",
            "Operation codes and badges read correctly on this PC.")


def operation_code(job_number: str, op_number: int) -> str:
    """The code printed for an operation, with no separator: ``J-2026-0042``, 30 -> ``J20260042030``.

    Op numbers above 999 keep the old form ``J-2026-0042/1010``: without a separator the reader
    could not tell where the job's sequence ends."""
    if op_number < 0:
        raise ValueError(f"Operation number {op_number} is negative")
    if op_number > 999:
        return f"{job_number}/{op_number:03d}"
    return _ONLY_LETTERS_DIGITS.sub("", job_number).upper() + f"{op_number:03d}"


def badge_code(operator_id: int) -> str:
    """An operator's badge: ``OPR0007``."""
    if operator_id < 0:
        raise ValueError(f"Operator id {operator_id} is negative")
    return f"{BADGE_PREFIX}{operator_id:04d}"


def read_scan(text: str) -> list[Reading]:
    """Every plausible reading of a scanned ``text``, most likely first (as typed, then through each
    layout). Raises ``UnreadableCode`` naming what is wrong when nothing reads."""
    if len(text or "") > LONGEST_SCAN:  # refused before any pattern reads it: a pasted page must not stall
        raise UnreadableCode(text, f"That scan is {len(text):,} characters long; no code Workshop prints is longer "
                                   f"than {LONGEST_SCAN}: " + _WHAT_TO_SCAN)
    arrived = _WHITESPACE.sub("", text or "")
    if not arrived:
        raise UnreadableCode(text, "Nothing was scanned: " + _WHAT_TO_SCAN)
    readings: list[Reading] = []
    check = _check_reading(arrived)
    if check is not None:
        readings.append(check)
    for layout in LAYOUTS:
        unmangled = _fold(arrived.translate(_READ_TABLES[layout]))
        # As typed, any separator goes; through a layout, only what codes hold may come out (a
        # German "-" read as French would otherwise be a 6).
        if layout != LAYOUTS[0] and not _CODE_SHAPED.fullmatch(unmangled):
            continue
        for target in _targets(unmangled):
            if all(r.target != target for r in readings):
                readings.append(Reading(target, layout))
    if not readings:
        raise UnreadableCode(text, _why_unreadable(arrived))
    return readings


# --- reading ---------------------------------------------------------------------------------

#: Characters a scan may have: the longest code printed (a 10-letter prefix, year, a long sequence,
#: op number and separators) is well under this.
LONGEST_SCAN = 64
_WHAT_TO_SCAN = "scan the operation's barcode on the job card, or an operator's badge."
_WHITESPACE = re.compile(r"\s+")
_ONLY_LETTERS_DIGITS = re.compile(r"[^A-Za-z0-9]+")
_BADGE = re.compile(rf"{BADGE_PREFIX}(\d{{1,9}})")
# Prefix (a letter, then letters or digits), 4-digit year, a sequence of 4 or more digits, and the
# op number: 3 digits when nothing separates it, any (old cards, op 1010) after a separator.
_JOB = r"([A-Z][A-Z0-9]*?)(\d{4})(\d{4,})"
_OPERATION_JOINED = re.compile(_JOB + r"(\d{3})")
_OPERATION_SEPARATED = re.compile(r"(.*[A-Za-z0-9])[^A-Za-z0-9]+(\d{1,4})")
_CODE_SHAPED = re.compile(r"[A-Z0-9./-]+")
_CHECK_LETTERS_DIGITS = _ONLY_LETTERS_DIGITS.sub("", SCANNER_CHECK_CODE)


def _lenient(table: dict[int, str]) -> dict[int, str]:
    # A letter or digit that arrived stays itself when the layout would turn it into a character
    # codes never hold: Caps Lock on a French PC types the digit row as digits.
    return {got: us for got, us in table.items() if not (chr(got).isascii() and chr(got).isalnum()
                                                         and not (us.isascii() and us.isalnum()))}


_READ_TABLES = {layout: _lenient(untranslator(layout)) for layout in LAYOUTS}


def _fold(text: str) -> str:
    """Upper-case ASCII letters only (Caps Lock); ``ß`` must not become ``SS``."""
    return "".join(c.upper() if "a" <= c <= "z" else c for c in text)


def _check_reading(arrived: str) -> Reading | None:
    """The check code read back exactly names its layout; its letters and digits alone say only
    that it is the check code, sent through a layout we do not know."""
    unmangled = {layout: _fold(arrived.translate(_READ_TABLES[layout])) for layout in LAYOUTS}
    for layout, text in unmangled.items():
        # Caps Lock: a French PC types digits (kept by the reading tables), a German one ä for Ä.
        if text == SCANNER_CHECK_CODE or arrived.casefold() == typed_as(SCANNER_CHECK_CODE, layout).casefold():
            return Reading(CheckScan(layout), layout)
    for layout, text in unmangled.items():
        if _ONLY_LETTERS_DIGITS.sub("", text) == _CHECK_LETTERS_DIGITS:
            return Reading(CheckScan(None), layout)
    return None


def _targets(text: str) -> list[OperationScan | BadgeScan]:
    """What ``text`` (already un-mangled and case-folded) may mean, most likely first."""
    joined = _ONLY_LETTERS_DIGITS.sub("", text)
    badge = _BADGE.fullmatch(joined)
    if badge:
        return [BadgeScan(int(badge.group(1)))]
    targets: list[OperationScan | BadgeScan] = []
    separated = _OPERATION_SEPARATED.fullmatch(text)
    if separated:  # a separator before the op number (old cards): op numbers of any length
        jobs = _job_numbers(_ONLY_LETTERS_DIGITS.sub("", separated.group(1)))
        if jobs:
            targets.append(OperationScan(jobs, int(separated.group(2))))
    if not targets and len(joined) > 3:
        jobs = _job_numbers(joined[:-3])
        if jobs and joined[-3:].isdigit():
            scan = OperationScan(jobs, int(joined[-3:]))
            if scan not in targets:
                targets.append(scan)
    return targets


def _job_numbers(text: str) -> tuple[str, ...]:
    """Every ``PREFIX-YEAR-SEQ`` that ``text`` (letters and digits only) may be, most likely first:
    a year this century or the last before an unlikely one, then the shortest sequence (cards print
    4 digits)."""
    found = []
    for cut in range(1, len(text) - 7):
        prefix, year, sequence = text[:cut], text[cut:cut + 4], text[cut + 4:]
        if prefix[0].isalpha() and prefix.isalnum() and year.isdigit() and sequence.isdigit():
            found.append((not 1900 <= int(year) <= 2199, len(sequence), f"{prefix}-{year}-{sequence}"))
    return tuple(number for *_, number in sorted(found))


def _why_unreadable(arrived: str) -> str:
    shown = arrived if len(arrived) <= 40 else arrived[:39] + "…"
    letters_digits = _ONLY_LETTERS_DIGITS.sub("", arrived)
    if not letters_digits:
        problem = f"“{shown}” holds no letters or digits, so it is not a code Workshop prints"
    elif letters_digits.isalpha():
        problem = f"“{shown}” has no digits, so it is not a code Workshop prints"
    elif letters_digits.isdigit():
        problem = (f"“{shown}” has no letters, so it is not a code Workshop prints (an operation's "
                   f"code starts with its job number's letter, a badge with {BADGE_PREFIX})")
    elif letters_digits[0].isalpha() and len(letters_digits) < 12:
        problem = (f"“{shown}” is too short for an operation's code (a job number and a 3-digit "
                   f"operation, like J20260042030)")
    else:
        problem = f"“{shown}” is not a code Workshop prints"
    return f"{problem}: {_WHAT_TO_SCAN}"
