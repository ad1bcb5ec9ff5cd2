"""Why a job is late, in plain words, and the shop's bottleneck (issue 16, items 5 and 6).

Works on a proposal (``services.schedule.ScheduleView``); reads nothing else. The arithmetic lives in
``workshop.domain.lateness``.

CONTRACT (drafted by the lead; the LATENESS piece implements it: keep names and fields, add fields
with defaults if needed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .schedule import ScheduleView


@dataclass(frozen=True)
class Bottleneck:
    """The workstation whose queue most delays jobs."""

    workstation_id: int
    code: str
    name: str
    wait_minutes: int  # working minutes operations there waited behind others, summed
    jobs_delayed: int  # jobs with an operation that waited there
    text: str  # e.g. "The spray booth (SPRAY) holds up 6 jobs: 31 h of waiting in its queue."


@dataclass(frozen=True)
class Remedy:
    kind: str  # "overtime" | "move" | "promise"
    text: str  # "3 h of overtime on the spray booth in week 51"


@dataclass(frozen=True)
class LateReason:
    job_id: int
    number: str
    due: dt.date
    finish: dt.date
    working_days_late: int
    operation_id: int  # the operation that holds it
    operation_name: str
    workstation_id: int
    workstation_code: str
    week_start: dt.date  # the Monday of the week that workstation is over capacity
    over_minutes: int  # minutes over capacity that week (0 if it is not over: then it waits for others)
    text: str  # the plain-words explanation, one or two sentences
    remedies: tuple[Remedy, ...]


def bottleneck(view: ScheduleView) -> Bottleneck | None:
    """None when nothing waits anywhere."""
    raise NotImplementedError


def why_late(view: ScheduleView, job_id: int) -> LateReason | None:
    """None when the job is not late in the proposal."""
    raise NotImplementedError


def late_reasons(view: ScheduleView) -> list[LateReason]:
    """Every late job of the proposal, the latest first."""
    raise NotImplementedError
