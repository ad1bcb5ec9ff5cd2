"""What the shop floor's screens are handed about clock-ons: frozen data, built by ``clock_views``.
The names belong to ``services.clocking``'s contract and are imported from there."""

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
