"""The traceability report: a job's whole history on paper, in time order.

Status changes, operations done (who, when), inspection results, non-conformances, delivery
and aftercare tickets: one table (when, what, who, details) that runs across as many pages as
it needs, with its column headings repeated and a row for each new day.

    pdf = render_traceability(data, letterhead, PageSetup("A4"))
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from ..domain.locale_text import DEFAULT_LOCALE, format_clock
from ..domain.wording import plural
from .document import Letterhead, PageSetup, build_document
from .flowables import Field, FieldRow
from .styles import ACCENT, LIGHT_FILL, RULE, get_styles
from .text import esc, format_date, format_datetime, para

__all__ = ["KINDS", "TraceEvent", "TraceabilityData", "render_traceability"]

#: Event kinds as stored -> as printed. Any other kind prints as given.
KINDS = {
    "status": "Status change",
    "operation": "Operation done",
    "inspection": "Inspection",
    "ncr": "Non-conformance",
    "delivery": "Delivery",
    "ticket": "Aftercare ticket",
    "change_order": "Change order",
    "feedback": "Feedback",
}


@dataclass(frozen=True)
class TraceEvent:
    at: datetime
    kind: str  # a key of KINDS ("status", "operation", "inspection", "ncr", "delivery", "ticket" …)
    what: str  # one line: "Released → In progress", "030 Edge-band carcass panels", "NCR-2026-0007 raised"
    who: str = ""
    details: str = ""  # readings, reasons, notes: as long as it needs
    reference: str = ""  # "NCR-2026-0007", "T-2026-0003"


@dataclass(frozen=True)
class TraceabilityData:
    job_number: str
    job_title: str
    customer_name: str
    events: tuple[TraceEvent, ...]
    generated_at: datetime
    status: str = ""
    quantity: int = 1
    created_on: date | None = None
    delivered_on: date | None = None
    warranty_until: date | None = None
    locale: str = DEFAULT_LOCALE  # the shop's: how dates are written


def kind_label(kind: str) -> str:
    return KINDS.get(kind, kind.replace("_", " ").capitalize())


def render_traceability(data: TraceabilityData, letterhead: Letterhead, page: PageSetup) -> bytes:
    """The report as PDF bytes; events are printed oldest first (stable for equal times)."""
    story = _Report(data, page.content_width).story()
    return build_document(
        story,
        letterhead,
        page,
        title="Traceability report",
        number=data.job_number,
        subtitle=" · ".join(x for x in (data.job_title, data.customer_name) if x),
        footer_note=f"Printed {format_datetime(data.generated_at, locale=data.locale)}",
    )


class _Report:
    def __init__(self, data: TraceabilityData, width: float) -> None:
        self.d = data
        self.width = width
        s = self.s = get_styles()
        self.title = s.title.clone("tr-title", fontSize=15, leading=19)
        self.day = s.cell_bold.clone("tr-day", textColor=ACCENT)
        self.kind = s.cell.clone("tr-kind", fontSize=7.5, leading=9, textColor=ACCENT)
        self.details = s.cell.clone("tr-details", fontSize=8.5, leading=11)

    def story(self) -> list[Flowable]:
        d, s = self.d, self.s
        events = sorted(d.events, key=lambda e: e.at)
        out: list[Flowable] = [self._facts(events), Spacer(1, 3 * mm)]
        out.append(para(d.job_title, self.title))
        out.append(Paragraph(f"<font color='#555555'>Customer:</font> <b>{esc(d.customer_name)}</b>", s.body))
        counts = Counter(kind_label(e.kind) for e in events)
        if counts:
            summary = " · ".join(f"{esc(k)}: <b>{n}</b>" for k, n in counts.items())
            out.append(Paragraph(summary, s.small.clone("tr-summary", spaceBefore=3)))
        # Not kept with the table: the history starts under the heading and runs on over the pages.
        out.append(CondPageBreak(40 * mm))
        out.append(Paragraph(f"History ({plural(len(events), 'entry', 'entries')}, oldest first)", s.heading.clone("tr-heading", keepWithNext=0)))
        if not events:
            return out + [Paragraph("<i>Nothing recorded on this job yet.</i>", s.body)]
        out.append(self._table(events))
        return out

    def _facts(self, events: list[TraceEvent]) -> Flowable:
        d = self.d
        first = events[0].at if events else None
        last = events[-1].at if events else None
        return FieldRow(
            [
                Field("JOB", d.job_number, 0.2),
                Field("STATUS", d.status or "—", 0.16),
                Field("FIRST ENTRY", format_date(d.created_on or first, locale=d.locale), 0.16),
                Field("LAST ENTRY", format_date(last, locale=d.locale), 0.16),
                Field("DELIVERED", format_date(d.delivered_on, locale=d.locale), 0.16),
                Field("WARRANTY UNTIL", format_date(d.warranty_until, locale=d.locale), 0.16),
            ],
            value_size=11.5,
            outline=1.0,
        )

    def _table(self, events: list[TraceEvent]) -> Table:
        s = self.s
        rows: list[list] = [[Paragraph(h, s.cell_header) for h in ("Time", "What", "Who", "Details")]]
        day_rows: list[int] = []
        current: date | None = None
        for e in events:
            if e.at.date() != current:
                current = e.at.date()
                day_rows.append(len(rows))
                rows.append([Paragraph(esc(format_date(current, weekday=True, locale=self.d.locale)), self.day), "", "", ""])
            what = f"<font size='7.5' color='#1F3A5F'>{esc(kind_label(e.kind).upper())}</font><br/><b>{esc(e.what)}</b>"
            if e.reference:
                what += f"<br/><font size='8'>{esc(e.reference)}</font>"
            rows.append(
                [
                    Paragraph(esc(format_clock(e.at, self.d.locale)), s.cell_bold),  # the day is the row above
                    Paragraph(what, s.cell),
                    para(e.who or "—", s.cell),
                    para(e.details, self.details),
                ]
            )
        widths = [15 * mm, 64 * mm, 32 * mm, None]
        widths[3] = self.width - sum(w for w in widths if w)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(s.data_table)
        commands: list[tuple] = []
        for r in day_rows:
            commands += [
                ("SPAN", (0, r), (-1, r)),
                ("BACKGROUND", (0, r), (-1, r), LIGHT_FILL),
                ("TOPPADDING", (0, r), (-1, r), 2),
                ("BOTTOMPADDING", (0, r), (-1, r), 2),
                ("LINEABOVE", (0, r), (-1, r), 0.8, RULE),
            ]
        table.setStyle(commands)
        return table
