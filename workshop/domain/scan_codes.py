"""Codes the bench scans, read whatever the PC's keyboard layout does to them.

A keyboard-wedge scanner types its code as key presses of a US keyboard; the PC turns them into
characters through its own layout, so on a German PC ``J-2026-0042/030`` arrives as
``Jß2026ß0042-030`` and on a French one the digits arrive as ``&é"'(-è_çà`` (InvenTree #10589,
bhima #6436). Codes are therefore read leniently: as typed, then as if each known layout had
mangled them, and separators never matter.

CONTRACT (filled in by the codes piece): see the functions' docstrings.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ValidationError

#: The layouts a scanned code is read through, as typed first.
LAYOUTS = ("en_US", "en_GB", "de_DE", "fr_FR")


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
    raise NotImplementedError


def operation_code(job_number: str, op_number: int) -> str:
    """The code printed for an operation, with no separator: ``J-2026-0042``, 30 -> ``J20260042030``."""
    raise NotImplementedError


def badge_code(operator_id: int) -> str:
    """An operator's badge: ``OPR0007``."""
    raise NotImplementedError


def read_scan(text: str) -> list[Reading]:
    """Every plausible reading of a scanned ``text``, most likely first (as typed, then through each
    layout). Raises ``UnreadableCode`` naming what is wrong when nothing reads."""
    raise NotImplementedError
