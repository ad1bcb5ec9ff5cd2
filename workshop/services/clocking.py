"""Clocking on and off at the bench: a badge, then an operation's code.

CONTRACT (filled in by the services piece). Every function takes ``now`` from ``db.now()``
unless given (tests pass their own). Each writing function is one unit of work and declares
what it changes with ``@writes``.

- ``scan(db, text, operator_id)``: read a scanned text (``domain.scan_codes.read_scan``) and act:
  a badge selects the operator (and lists their forgotten clock-offs); an operation with no
  open clock-on of this operator clocks on; a paused one resumes; a running one answers
  ``ask_finish`` and writes nothing (the terminal then asks "finished?" and calls ``clock_off``
  or ``pause``); the scanner check card's code says how the scanner reads. Refusals raise
  ``ValidationError("scan", message)``: unknown, malformed, finished or cancelled job, job not
  yet released, no badge scanned first, a conflicting clock-on (one operator on one operation
  at a time unless settings allow several), an inactive operator.
- ``pause``/``resume``/``clock_off``: each closed segment becomes a TimeLog (source "scan",
  clock_on_id set, rates frozen now); clock_off's ``quantity_done`` goes on that last log.
- ``close_forgotten``: an open segment someone forgot to close ends at ``stopped_at`` given
  afterwards; its log is source "estimate", estimated=True.
- ``undo(db, token)``: takes back what the scan that returned ``token`` did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class FloorOperator:
    id: int
    name: str
    badge: str  # domain.scan_codes.badge_code(id)


@dataclass(frozen=True)
class ClockOnView:
    id: int
    job_id: int
    job_number: str
    job_title: str
    operation_id: int
    op_number: int
    operation_name: str
    workstation_code: str
    operator_id: int
    operator_name: str
    started_at: dt.datetime  # the first clock-on
    segment_started_at: dt.datetime | None  # None: paused
    ended_at: dt.datetime | None  # None: still clocked on
    finished: bool
    worked_minutes: Decimal  # this operator on this clock-on: closed segments + the open one up to now
    planned_minutes: Decimal  # the operation's planned time (setup + run × quantity)
    operation_labour_minutes: Decimal  # everyone's time booked on the operation so far, open segments to now
    operation_elapsed_minutes: Decimal  # the same time with overlaps merged (two people 1 h together: 1 h)

    @property
    def paused(self) -> bool:
        return self.ended_at is None and self.segment_started_at is None


@dataclass(frozen=True)
class UndoToken:
    """What one scan did, so that it can be taken back (opaque to the terminal)."""
    action: str  # "clock_on" | "pause" | "resume" | "clock_off" | "forgotten"
    clock_on_id: int
    time_log_id: int | None = None
    segment_started_at: dt.datetime | None = None
    operation_status: str | None = None  # the operation's status before the scan
    next_operation_id: int | None = None  # the next operation made ready by "finished"
    next_operation_status: str | None = None


@dataclass(frozen=True)
class ScanOutcome:
    kind: str  # "operator" | "clock_on" | "resume" | "ask_finish" | "check"
    message: str  # the big line: "Anna: clocked on to J-2026-0042 / 030 Cut panels"
    detail: str = ""  # the smaller line: "Planned 2 h 30 min; 45 min booked so far"
    operator: FloorOperator | None = None
    clock_on: ClockOnView | None = None
    #: The operator's clock-ons left running from an earlier day (or over 12 hours): the terminal
    #: asks when they stopped (``close_forgotten``) before anything else.
    forgotten: tuple[ClockOnView, ...] = ()
    undo: UndoToken | None = None
    layout: str = "en_US"  # the keyboard layout the code was read through


@dataclass(frozen=True)
class ClockResult:
    message: str
    clock_on: ClockOnView
    undo: UndoToken | None = None
