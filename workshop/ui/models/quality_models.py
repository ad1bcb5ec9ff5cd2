"""Table models for quality work: the inspection work list, a job's checks and results,
non-conformance reports, finished-goods tests, deliveries, aftercare tickets and the history.

Each holds rows of plain data (frozen dataclasses from the services) and is filled in one go
with ``set_rows``: these lists are one job's, or the inspections due now, never years of data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ...domain import quality as q
from ...domain.money import format_money
from ...domain.wording import plural
from ..dates import date_text, date_time_text
from .. import theme
from .jobs_model import status_label
from .paged import Column, RowsTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

PASS_COLOUR = QColor(theme.PASSED)
FAIL_COLOUR = QColor(theme.ALARM)
DUE_COLOUR = QColor(theme.DUE)
MUTED = QColor(theme.MUTED)


def check_type_label(value: str) -> str:
    try:
        return q.CheckType(value).label
    except ValueError:
        return value


STATE_LABELS = {"due": "Due", "pass": "PASS", "fail": "FAIL", "concession": "Accepted (concession)"}


def state_colour(state: str | None) -> QColor | None:
    return {"pass": PASS_COLOUR, "fail": FAIL_COLOUR, "due": DUE_COLOUR, "concession": PASS_COLOUR}.get(state or "")


def ncr_status_label(status: str) -> str:
    try:
        return q.NcrStatus(status).label
    except ValueError:
        return status


def disposition_label(value: str | None) -> str:
    return q.Disposition(value).label if value else "—"


def ticket_status_label(value: str) -> str:
    try:
        return q.TicketStatus(value).label
    except ValueError:
        return value


# --- the inspection work list ----------------------------------------------------------------


def _due_state(row) -> str:
    if row.last_result == "fail":
        return f"FAIL — {row.open_ncr}" if row.open_ncr else "FAIL, inspect again"
    return "Due"


class DueInspectionsModel(RowsTableModel):
    JOB, WHERE, CHECK, DUE, REQUIRED, STATE = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("Job", lambda r: r.job_number, tooltip=lambda r: f"{r.job_number} · {r.job_title}\n"
                                                                   f"{r.customer_name} · {status_label(r.job_status)}"),
            Column("Operation", lambda r: r.where),
            Column("Check", lambda r: r.characteristic),
            Column("Due", lambda r: date_text(r.due_date)),
            Column("Required", lambda r: "Yes" if r.required else "No", CENTER),
            Column("State", _due_state),
        ], parent, colour=lambda r, col: FAIL_COLOUR if r.last_result == "fail" else None)


# --- a job's checks, results, tests ----------------------------------------------------------


def _spec_text(c) -> str:
    if c.check_type != q.CheckType.MEASURED:
        return check_type_label(c.check_type)
    return " ".join(x for x in (q.fmt(c.nominal), c.unit) if x) + "   " + c.tolerance_text


class ChecksModel(RowsTableModel):
    WHERE, CHECK, SPEC, REQUIRED, STATE = range(5)

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("Operation", lambda c: c.where),
            Column("Check", lambda c: c.characteristic, tooltip=lambda c: f"{c.characteristic}\n{c.method}".strip()),
            Column("Specification", _spec_text),
            Column("Required", lambda c: "Yes" if c.required else "No", CENTER),
            Column("State", lambda c: STATE_LABELS.get(c.state, c.state)),
        ], parent, colour=lambda c, col: state_colour(c.state) if col == ChecksModel.STATE else None)


def _result_text(r) -> str:
    text = r.result.upper()
    if r.superseded_by is not None:
        text += " (corrected)"
    elif r.corrects_id is not None:
        text += " (correction)"
    return text


def _result_tooltip(r) -> str:
    lines = [f"Result {r.id}: {r.result.upper()}"]
    if r.corrects_id is not None:
        lines.append(f"Corrects result {r.corrects_id}: {r.correction_reason}")
    if r.superseded_by is not None:
        lines.append(f"Replaced by correction {r.superseded_by}")
    if r.ncr_number:
        lines.append(f"Raised {r.ncr_number}")
    if r.photos:
        lines.append("Photos: " + ", ".join(p.file_name for p in r.photos))
    return "\n".join(lines)


class ResultsModel(RowsTableModel):
    WHEN, CHECK, READINGS, RESULT, INSPECTOR, NOTES = range(6)

    def __init__(self, parent=None, *, with_check: bool = True) -> None:
        columns = [Column("Recorded", lambda r: date_time_text(r.recorded_at))]
        if with_check:
            columns.append(Column("Check", lambda r: r.characteristic))
        columns += [
            Column("Readings", lambda r: r.readings_text or "—"),
            Column("Result", _result_text, tooltip=_result_tooltip),
            Column("Inspector", lambda r: r.inspector),
            Column("Notes", lambda r: "; ".join(x for x in (
                r.notes, f"corrects {r.corrects_id}: {r.correction_reason}" if r.corrects_id else "",
                r.ncr_number or "", plural(len(r.photos), "photo") if r.photos else "") if x)),
        ]
        self.result_column = 3 if with_check else 2

        def colour(r, col):
            if r.superseded_by is not None:
                return MUTED
            if col == self.result_column:
                return PASS_COLOUR if r.result == "pass" else FAIL_COLOUR
            return None

        super().__init__(columns, parent, colour=colour)


class FinishedTestsModel(RowsTableModel):
    WHEN, NAME, VALUE, LIMITS, RESULT, TESTER = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("Tested", lambda t: date_time_text(t.tested_at)),
            Column("Test", lambda t: t.name),
            Column("Value", lambda t: f"{q.fmt(t.value)} {t.value_unit}".strip() if t.value is not None else "—"),
            Column("Limits", lambda t: f"{q.fmt(t.lower_limit)} – {q.fmt(t.upper_limit)} {t.unit}".strip()
                   if t.lower_limit is not None else "Pass/fail"),
            Column("Result", lambda t: t.result.upper() + (f" ({t.ncr_number})" if t.ncr_number else "")),
            Column("Tester", lambda t: t.tester),
        ], parent, colour=lambda t, col: (PASS_COLOUR if t.result == "pass" else FAIL_COLOUR)
            if col == FinishedTestsModel.RESULT else None)


# --- non-conformance -------------------------------------------------------------------------


class NcrModel(RowsTableModel):
    NUMBER, RAISED, WHAT, DISPOSITION, STATUS = range(5)

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("Report", lambda n: n.number),
            Column("Raised", lambda n: date_time_text(n.raised_at)),
            Column("What failed", lambda n: n.characteristic or n.description,
                   tooltip=lambda n: n.description),
            Column("Disposition", lambda n: disposition_label(n.disposition)),
            Column("Status", lambda n: ncr_status_label(n.status)),
        ], parent, colour=lambda n, col: (MUTED if n.status == q.NcrStatus.CLOSED else FAIL_COLOUR)
            if col == NcrModel.STATUS else None)


# --- delivery and aftercare ------------------------------------------------------------------


class DeliveriesModel(RowsTableModel):
    DATE, METHOD, RECEIVED, NOTES = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("Date", lambda d: date_text(d.delivered_on)),
            Column("Method", lambda d: d.method_label),
            Column("Received by", lambda d: d.received_by),
            Column("Notes", lambda d: d.notes),
        ], parent)


class TicketsModel(RowsTableModel):
    NUMBER, OPENED, PROBLEM, COST, WARRANTY, STATUS = range(6)

    def __init__(self, parent=None, money: Callable[[Any], str] | None = None) -> None:
        self.money = money or (lambda amount: format_money(amount, "GBP", "en_GB"))
        super().__init__([
            Column("Ticket", lambda t: t.number),
            Column("Opened", lambda t: date_text(t.opened_on)),
            Column("Problem", lambda t: t.problem, tooltip=lambda t: f"{t.problem}\n\nAction: {t.action or '—'}"),
            Column("Cost", lambda t: self.money(t.cost), RIGHT),
            Column("Warranty", lambda t: "Under warranty" if t.under_warranty else "Chargeable"),
            Column("Status", lambda t: ticket_status_label(t.status)),
        ], parent)


class HistoryEventsModel(RowsTableModel):
    WHEN, KIND, WHAT, DETAIL, WHO = range(5)

    KIND_LABELS = {"status": "Status", "operation": "Operation", "inspection": "Inspection",
                   "correction": "Correction", "test": "Test", "ncr": "Non-conformance", "delivery": "Delivery",
                   "feedback": "Feedback", "ticket": "Aftercare"}

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("When", lambda e: date_time_text(e.at)),
            Column("Kind", lambda e: self.KIND_LABELS.get(e.kind, e.kind)),
            Column("What", lambda e: e.title),
            Column("Detail", lambda e: e.detail),
            Column("Who", lambda e: e.who),
        ], parent, colour=self._colour_of)

    @staticmethod
    def _colour_of(e, col):
        if col == HistoryEventsModel.DETAIL and e.kind in ("inspection", "correction", "test"):
            return FAIL_COLOUR if e.detail.startswith("FAIL") else PASS_COLOUR
        if e.kind == "ncr" and col == HistoryEventsModel.WHAT:
            return FAIL_COLOUR if e.title.endswith("raised") else None
        return None
