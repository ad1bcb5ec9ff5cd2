"""Every shop report's key, title and one line for the list: the one home of them, light to import.

The Reports tab lists the reports from here when it is first shown, on the GUI thread; the report
modules (their dataclasses and queries: ~0.1 s to import) are imported by ``catalogue`` when one is
first worked out, off the GUI thread."""

from __future__ import annotations

from typing import NamedTuple


class ReportKind(NamedTuple):
    key: str
    title: str
    ranged: bool  # over a past range (False: looks forward from now)
    what: str  # one line for the list of reports


LEAD_TIME = ReportKind("lead-time", "Lead time", True, "Brief to delivery and release to complete, month by month")
ON_TIME = ReportKind("on-time", "On-time delivery", True, "Jobs delivered on or before their due date")
ACCURACY = ReportKind("accuracy", "Estimate accuracy", True, "Planned against booked hours, by workstation and kind of job")
UTILISATION = ReportKind("utilisation", "Workstation utilisation", True, "Hours booked against each workstation's capacity")
WIN_RATE = ReportKind("win-rate", "Quote win rate", True, "Quotes sent and accepted, by count and by value")
LOAD = ReportKind("load", "Load against capacity", False, "The coming 12 weeks' load per workstation, and the bottleneck")
SCHEDULE = ReportKind("schedule", "Schedule", False, "Each scheduled job's predicted finish")

REPORTS: tuple[ReportKind, ...] = (LEAD_TIME, ON_TIME, ACCURACY, UTILISATION, WIN_RATE, LOAD, SCHEDULE)
KEYS = tuple(r.key for r in REPORTS)

__all__ = ["ReportKind", "REPORTS", "KEYS", "LEAD_TIME", "ON_TIME", "ACCURACY", "UTILISATION", "WIN_RATE", "LOAD",
           "SCHEDULE"]
