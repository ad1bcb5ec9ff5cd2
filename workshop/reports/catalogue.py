"""Every shop report by its key, as the command line, the Reports tab and the PDF name them, and
the one call that runs one in the shop's currency and language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..db.engine import Database
from ..services import settings
from . import accuracy, lead_time, load, on_time, utilisation, win_rate
from .output import ReportOutput


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    ranged: bool  # over a past range (False: looks forward from now)
    what: str  # one line for the list of reports


REPORTS: tuple[ReportKind, ...] = (
    ReportKind(lead_time.KEY, lead_time.TITLE, True, "Brief to delivery and release to complete, month by month"),
    ReportKind(on_time.KEY, on_time.TITLE, True, "Jobs delivered on or before their due date"),
    ReportKind(accuracy.KEY, accuracy.TITLE, True, "Planned against booked hours, by workstation and kind of job"),
    ReportKind(utilisation.KEY, utilisation.TITLE, True, "Hours booked against each workstation's capacity"),
    ReportKind(win_rate.KEY, win_rate.TITLE, True, "Quotes sent and accepted, by count and by value"),
    ReportKind(load.KEY, load.TITLE, False, "The coming 12 weeks' load per workstation, and the bottleneck"),
    ReportKind(load.SCHEDULE_KEY, load.SCHEDULE_TITLE, False, "Each scheduled job's predicted finish"),
)
KEYS = tuple(r.key for r in REPORTS)

_RANGED: dict[str, tuple[Callable, Callable]] = {
    lead_time.KEY: (lead_time.lead_time, lead_time.output), on_time.KEY: (on_time.on_time, on_time.output),
    accuracy.KEY: (accuracy.accuracy, accuracy.output), utilisation.KEY: (utilisation.utilisation, utilisation.output),
    win_rate.KEY: (win_rate.win_rate, win_rate.output),
}


def kind(key: str) -> ReportKind:
    return next(r for r in REPORTS if r.key == key)


def run_report(db: Database, key: str, start: dt.date | None = None, end: dt.date | None = None, *,
               now: dt.datetime | None = None) -> ReportOutput:
    """The report ``key`` over ``start``..``end`` (default: the last 12 months); ``now`` (shop-local)
    for the forward-looking ones (default: the clock)."""
    if key not in KEYS:
        raise KeyError(key)
    shop = settings.get_settings(db)
    style = {"currency": shop.currency, "locale": shop.locale}
    if key in _RANGED:
        compute, shape = _RANGED[key]
        result = shape(compute(db, start, end), **style)
    elif key == load.KEY:
        result = load.output(load.load(db, locale=shop.locale, now=now), **style)
    else:
        result = load.schedule_output(load.schedule(db, locale=shop.locale, now=now), **style)
    return _stamped(result, db.now())


def _stamped(report: ReportOutput, as_of: dt.datetime) -> ReportOutput:
    from dataclasses import replace

    return replace(report, as_of=as_of)


__all__ = ["ReportKind", "REPORTS", "KEYS", "kind", "run_report"]
