"""A delivery date to promise at quote time (issue 16, item 7).

The quoted hours become one extra job of the proposal (a negative id, its steps in the order given,
no due date) loaded behind the shop's open work from now: a what-if run, nothing saved. The promise
is the day its last step finishes, with no buffer added: the owner may write a later date on the
quote.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Workstation
from ..domain import validation as v
from ..domain.errors import ValidationError
from ..domain.lateness import hours_words
from ..domain.locale_text import DEFAULT_LOCALE, format_date
from ..domain.scheduling import JobInput, OperationInput
from ..domain.statuses import Priority
from .common import session_locale
from .outside_operations import OUTSIDE_KIND
from .routing import list_operations
from .schedule import propose_in_session

QUOTE_JOB_ID = -1  # the what-if job: real jobs have positive ids


@dataclass(frozen=True)
class Promise:
    day: dt.date
    text: str  # "Ready by 15 Dec 2026: 6 h of work after the work the shop has on."


def clean_hours(rows: Sequence[tuple[int, object]], known: dict[int, bool], *,
                locale: str = DEFAULT_LOCALE) -> list[tuple[int, Decimal]]:
    """Hours per workstation, checked line by line: a number (typed in the shop's ``locale``) more
    than 0 and at most 1,000, with at most 2 decimals, at a workstation in the shop.
    ``known``: workstation id -> whether it is the outside one."""
    clean = []
    for position, (workstation_id, value) in enumerate(rows, start=1):
        try:
            hours = v.decimal("hours", value, minimum=None, places=2, locale=locale)
        except ValidationError as exc:
            raise ValidationError("hours", f"Line {position}: {exc.message}") from None
        if hours <= 0 or hours > 1000:
            raise ValidationError("hours", f"Line {position}: the hours must be more than 0 and at most 1,000, "
                                           f"not {value}.")
        if workstation_id not in known:
            raise ValidationError("hours", f"Line {position}: choose a workstation.")
        if known[workstation_id]:
            raise ValidationError("hours", f"Line {position}: work done outside takes days away, not hours; "
                                           "choose a workstation in the shop.")
        clean.append((workstation_id, hours))
    return clean


def check_hours_in_session(s: Session, rows: Sequence[tuple[int, object]]) -> list[tuple[int, Decimal]]:
    """``clean_hours`` against the shop's workstations, inside a session a service has open."""
    known = {ws_id: kind == OUTSIDE_KIND for ws_id, kind in s.execute(select(Workstation.id, Workstation.kind))}
    return clean_hours(rows, known, locale=session_locale(s))


def promise_for_hours(db: Database, hours: Sequence[tuple[int, object]], *, now: dt.datetime | None = None,
                      priority: str = "normal") -> Promise:
    """When work of ``hours`` [(workstation id, hours), in order] would be done if it joined the
    shop's load now (shop-local; default: the database's clock)."""
    now = now or db.now().astimezone().replace(tzinfo=None)
    try:
        rank = Priority(priority)
    except ValueError:
        raise ValidationError("priority", "Choose a priority: low, normal, high or urgent.") from None
    with db.reader() as s:
        clean = check_hours_in_session(s, hours)
        if not clean:
            raise ValidationError("hours", "Enter the hours it takes at one workstation at least.")
        steps = tuple(OperationInput(QUOTE_JOB_ID - n, (n + 1) * 10, ws_id, value * 60)
                      for n, (ws_id, value) in enumerate(clean))
        quote_job = JobInput(QUOTE_JOB_ID, "Quote", None, rank, steps)
        view = propose_in_session(s, now=now, extra=[quote_job])
        locale = session_locale(s)
    day = view.plan.job(QUOTE_JOB_ID).finish
    total = sum(value for _, value in clean) * 60
    return Promise(day, f"Ready by {format_date(day, locale)}: {hours_words(math.ceil(total), locale)} of work "
                        "after the work the shop has on.")


def hours_from_job(db: Database, job_id: int) -> list[tuple[int, Decimal]]:
    """The hours of a job's routing, step by step (to start a quote's hours from the job planned for
    its brief): each operation in the shop, its planned minutes in hours rounded up to 0.01."""
    return [(op.workstation_id, (op.planned_minutes / 60).quantize(Decimal("0.01"), ROUND_CEILING))
            for op in list_operations(db, job_id) if not op.outside and op.planned_minutes > 0]


def shop_workstations(db: Database) -> list[tuple[int, str]]:
    """The active workstations in the shop (not the outside one) a quote's hours can be at: (id, label)."""
    with db.reader() as s:
        rows = s.execute(select(Workstation.id, Workstation.code, Workstation.name)
                         .where(Workstation.active.is_(True), Workstation.kind != OUTSIDE_KIND)
                         .order_by(Workstation.code))
        return [(ws_id, f"{code} — {name}") for ws_id, code, name in rows]
