"""Every shop report by its key, as the command line, the Reports tab and the PDF name them, and
the one call that runs one in the shop's currency and language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..db.engine import Database
from ..services import settings
from . import accuracy, lead_time, load, on_time, utilisation, win_rate
from .kinds import KEYS, REPORTS, ReportKind
from .output import ReportOutput


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
