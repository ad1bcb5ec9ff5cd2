"""The job cost sheet: what a job was estimated to cost, what it has cost, and the margin left.

Estimate against actual by cost category (labour, machine, overhead, materials, other) and by
operation, with the variance and variance %; the price (budget) and the margin against both
the estimate and the actual; the change orders. Each figure may carry the explanation the
costing service wrote ("42.5 h × £38.00 = £1,615.00"), printed in small type under its row,
so how a figure was made is on paper too.

Figures are passed in as the costing service worked them out; this module only formats them,
adds up hours and costs per operation for the total row, and refuses categories that do not
add up to the total it was given.

    pdf = render_cost_sheet(data, letterhead, PageSetup("A4"))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from .document import Letterhead, PageSetup, build_document
from .columns import fit_columns
from .flowables import Field, FieldRow
from .money_text import DASH, money, percent, signed_money
from .styles import INK, LIGHT_FILL, RULE, get_styles
from .text import esc, format_date, format_datetime, format_quantity, para, paragraphs

__all__ = ["CostCategoryLine", "CostChangeOrder", "CostOperationLine", "CostSheetData", "CostWorkstationLine",
           "render_cost_sheet"]

OVER = colors.HexColor("#8B1A1A")  # an overrun prints dark red (and with a "+")


@dataclass(frozen=True)
class CostCategoryLine:
    """One cost category (or the total): estimate against actual."""

    category: str  # "Labour", "Machine", "Overhead", "Materials", "Other", "Total"
    estimate: Decimal
    actual: Decimal
    variance: Decimal  # actual − estimate: positive is over the estimate
    variance_pct: Decimal | None  # percent of the estimate (12.5 = 12.5%); None when nothing was estimated
    estimate_note: str = ""  # how the estimate was made
    actual_note: str = ""  # how the actual was made
    variance_note: str = ""  # why it differs
    work_done: Decimal | None = None  # the estimate for the work done so far (None: no such column)
    rate_variance: Decimal | None = None  # a rate or price changed (None: variance not split)
    usage_variance: Decimal | None = None  # more or fewer hours or material


@dataclass(frozen=True)
class CostOperationLine:
    op_number: int  # 10, 20 … printed "010"
    name: str
    workstation: str
    planned_hours: Decimal
    actual_hours: Decimal
    planned_cost: Decimal
    actual_cost: Decimal
    variance: Decimal  # actual − planned cost
    variance_pct: Decimal | None = None
    status: str = ""
    note: str = ""  # how the figures were made
    work_done: Decimal | None = None  # the estimate for the part done (None: no such column)


@dataclass(frozen=True)
class CostWorkstationLine:
    """A workstation's (department's) share of the estimate, and its actual cost so far."""

    workstation: str  # "CNC — CNC router"
    labour: Decimal
    machine: Decimal
    overhead: Decimal
    materials: Decimal  # used at its operations
    estimate: Decimal  # the four added (as the service worked it out)
    actual: Decimal


@dataclass(frozen=True)
class CostChangeOrder:
    number: str  # "CO-2026-0003"
    description: str
    status: str  # "Approved", "Proposed", "Rejected"
    price_change: Decimal  # to the budget
    cost_change: Decimal = Decimal("0")  # estimated cost of the change
    hours_change: Decimal = Decimal("0")
    requested_by: str = ""
    decided_on: date | None = None
    due_date_effect: str = ""  # "+5 days: 17 Apr → 24 Apr 2026"
    note: str = ""


@dataclass(frozen=True)
class CostSheetData:
    job_number: str
    title: str
    customer: str
    quantity: int
    status: str
    as_of: datetime  # when the figures were taken (actuals are live during the job)
    categories: tuple[CostCategoryLine, ...]
    total: CostCategoryLine  # the sum of the categories, as the service worked it out
    operations: tuple[CostOperationLine, ...] = ()
    workstations: tuple[CostWorkstationLine, ...] = ()  # none: the section is left out
    price: Decimal | None = None  # the budget: quoted price plus approved change orders
    price_note: str = ""
    estimated_margin: Decimal | None = None  # price − estimate
    estimated_margin_pct: Decimal | None = None  # of the price
    estimated_margin_note: str = ""
    margin: Decimal | None = None  # price − actual cost so far
    margin_pct: Decimal | None = None
    margin_note: str = ""
    margin_label: str = "Margin on actual cost"  # "Final margin", "Margin on the work done" …
    unit_cost_estimate: Decimal | None = None  # estimate ÷ quantity (None: not printed)
    unit_cost_actual: Decimal | None = None
    variance_rule: str = "Variance = actual − estimate"  # what the variance is measured against
    rounding_rule: str = ""  # in plain words, printed once at the foot
    change_orders: tuple[CostChangeOrder, ...] = ()
    due_date: date | None = None
    notes: str = ""
    currency: str = "GBP"
    locale: str = "en_GB"


def render_cost_sheet(data: CostSheetData, letterhead: Letterhead, page: PageSetup) -> bytes:
    """The cost sheet as PDF bytes. Raises ValueError when the categories do not add up to the total."""
    _check(data)
    story = _CostSheet(data, page.content_width).story()
    return build_document(
        story,
        letterhead,
        page,
        title="Job cost sheet",
        number=data.job_number,
        subtitle=" · ".join(x for x in (data.title, data.customer) if x),
        footer_note=f"Figures as of {format_datetime(data.as_of, locale=data.locale)}",
    )


def _check(d: CostSheetData) -> None:
    if not d.categories:
        return
    for name in ("estimate", "actual"):
        summed = sum((getattr(c, name) for c in d.categories), Decimal(0))
        given = getattr(d.total, name)
        if summed != given:
            raise ValueError(
                f"Cost sheet for {d.job_number}: the categories' {name}s add up to "
                f"{money(summed, d.currency, d.locale)}, but the total {name} is {money(given, d.currency, d.locale)}."
            )


class _CostSheet:
    def __init__(self, data: CostSheetData, width: float) -> None:
        self.d = data
        self.width = width
        s = self.s = get_styles()
        self.num = s.cell.clone("cs-num", alignment=TA_RIGHT)
        self.num_bold = s.cell_bold.clone("cs-num-b", alignment=TA_RIGHT)
        self.num_over = s.cell.clone("cs-num-over", alignment=TA_RIGHT, textColor=OVER)
        self.num_over_bold = s.cell_bold.clone("cs-num-over-b", alignment=TA_RIGHT, textColor=OVER)
        self.head_right = s.cell_header.clone("cs-h-r", alignment=TA_RIGHT)
        self.note = s.small.clone("cs-note", fontSize=7.5, leading=9.5, leftIndent=6)
        self.title = s.title.clone("cs-title", fontSize=16, leading=20)
        self._sized: dict = {}

    def sized(self, style, size: float):
        """``style`` at the font size a table's figures fit at (columns.fit_columns)."""
        if size == style.fontSize:
            return style
        return self._sized.setdefault((style.name, size), style.clone(f"{style.name}-{size}", fontSize=size,
                                                                       leading=size * 1.25))

    def section(self, title: str) -> list[Flowable]:
        """A heading that starts a new page only when fewer than a few rows would fit under it:
        the table after it then splits across pages instead of leaving half a page empty."""
        return [CondPageBreak(40 * mm), Paragraph(esc(title), self.s.heading.clone("cs-heading", keepWithNext=0))]

    # helpers -----------------------------------------------------------------------------------

    def m(self, amount: Decimal | None) -> str:
        return money(amount, self.d.currency, self.d.locale)

    def hours(self, value: Decimal | None) -> str:
        return DASH if value is None else f"{format_quantity(value)} h"

    def variance_cells(self, variance: Decimal | None, pct: Decimal | None, *, bold: bool = False,
                       size: float | None = None) -> list[Paragraph]:
        over = variance is not None and variance > 0
        style = (self.num_over_bold if bold else self.num_over) if over else (self.num_bold if bold else self.num)
        if size is not None:
            style = self.sized(style, size)
        return [
            Paragraph(esc(signed_money(variance, self.d.currency, self.d.locale)), style),
            Paragraph(esc(percent(pct, self.d.locale, signed=True)), style),
        ]

    def note_paragraph(self, parts: Sequence[tuple[str, str]]) -> Paragraph | None:
        """``[("Estimate", "52 h × …"), ("Actual", "…")]`` -> one small paragraph, or None if all empty."""
        shown = [(label, text) for label, text in parts if text and text.strip()]
        if not shown:
            return None
        return Paragraph("<br/>".join(f"<b>{esc(label)}:</b> {esc(text)}" for label, text in shown), self.note)

    def table(self, rows: list[list], widths: list[float], commands: list[tuple], note_rows: list[int], bold_rows: Sequence[int] = ()) -> Table:
        """A data table whose note rows span all columns, sit under their figure row with no rule
        between them, and whose header repeats on every page."""
        s = self.s
        style: list[tuple] = [c for c in s.data_table.getCommands() if c[0] != "GRID"]
        style += [
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ("LINEAFTER", (0, 0), (-1, 0), 0.5, RULE),
        ]
        for r in range(1, len(rows)):
            if r in note_rows:
                style += [
                    ("NOSPLIT", (0, r - 1), (-1, r)),  # a note never starts a page without its figures
                    ("SPAN", (0, r), (-1, r)),
                    ("TOPPADDING", (0, r), (-1, r), 0),
                    ("BOTTOMPADDING", (0, r), (-1, r), 4),
                ]
            else:
                style.append(("LINEABOVE", (0, r), (-1, r), 0.5, RULE))
        for r in bold_rows:
            style += [("BACKGROUND", (0, r), (-1, r), LIGHT_FILL), ("LINEABOVE", (0, r), (-1, r), 1.2, INK)]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(style + commands)
        return table

    # story -------------------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = [self._facts(), Spacer(1, 3 * mm)]
        out.append(para(d.title, self.title))
        out.append(Paragraph(f"<font color='#555555'>Customer:</font> <b>{esc(d.customer)}</b>", s.body))
        out += [Spacer(1, 3 * mm), self._summary()]
        out += self._categories()
        out += self._operations()
        out += self._workstations()
        out += self._margin()
        out += self._change_orders()
        if d.notes:
            out.append(Paragraph("Notes", s.heading))
            out += paragraphs(d.notes, s.body.clone("cs-notes", spaceAfter=3), in_pieces=True)
        out.append(Spacer(1, 4 * mm))
        split = " Rate variance: a rate or price changed; usage variance: more or fewer hours or material." \
            if any(c.rate_variance is not None for c in d.categories) else ""
        out.append(
            Paragraph(
                f"{esc(d.variance_rule)}: a positive variance (+, red) is over; variance % is of what it is "
                f"compared with.{split} Margin % is of the price. {esc(d.rounding_rule)} "
                f"Figures as of {esc(format_datetime(d.as_of, locale=d.locale))}.",
                s.small,
            )
        )
        return out

    def _facts(self) -> Flowable:
        d = self.d
        return FieldRow(
            [
                Field("JOB", d.job_number, 0.22),
                Field("QUANTITY", format_quantity(d.quantity), 0.12),
                Field("STATUS", d.status or DASH, 0.2),
                Field("DUE DATE", format_date(d.due_date, locale=d.locale), 0.2),
                Field("FIGURES AS OF", format_datetime(d.as_of, locale=d.locale), 0.26),
            ],
            value_size=12,
            outline=1.0,
        )

    def _summary(self) -> Flowable:
        d = self.d
        margin = self.m(d.margin) if d.margin is not None else DASH
        if d.margin is not None and d.margin_pct is not None:
            margin += f"  ({percent(d.margin_pct, d.locale)})"
        return FieldRow(
            [
                Field("PRICE (BUDGET)", self.m(d.price), 0.2),
                Field("ESTIMATED COST", self.m(d.total.estimate), 0.2),
                Field("ACTUAL COST TO DATE", self.m(d.total.actual), 0.22),
                Field(d.margin_label.upper(), margin, 0.38, fill=LIGHT_FILL),
            ],
            value_size=13,
            outline=1.0,
        )

    def _categories(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = self.section("Estimate and actual by category")
        lines = (*d.categories, d.total)
        done = any(c.work_done is not None for c in lines)
        split = any(c.rate_variance is not None for c in lines)
        sm = lambda x: signed_money(x, d.currency, d.locale)  # noqa: E731
        texts = [("Category", None), ("Estimate", [self.m(c.estimate) for c in lines])]
        texts += [("Work done", [self.m(c.work_done) for c in lines])] if done else []
        texts += [("Actual", [self.m(c.actual) for c in lines]), ("Variance", [sm(c.variance) for c in lines]),
                  ("Variance %", [percent(c.variance_pct, d.locale, signed=True) for c in lines])]
        texts += [("Rate", [sm(c.rate_variance) for c in lines]),
                  ("Usage", [sm(c.usage_variance) for c in lines])] if split else []
        widths, size = fit_columns(self.width, [t for _, t in texts], headers=[h for h, _ in texts])
        rows: list[list] = [[Paragraph("Category", s.cell_header)]
                            + [Paragraph(h, self.head_right) for h, _ in texts[1:]]]
        note_rows: list[int] = []
        for line in lines:
            is_total = line is d.total
            num = self.sized(self.num_bold if is_total else self.num, size)
            if is_total:
                total_row = len(rows)
            cells = [para(line.category, s.cell_bold), Paragraph(esc(self.m(line.estimate)), num)]
            cells += [Paragraph(esc(self.m(line.work_done)), num)] if done else []
            cells += [Paragraph(esc(self.m(line.actual)), num),
                      *self.variance_cells(line.variance, line.variance_pct, bold=is_total, size=size)]
            if split:
                cells += [self.variance_cells(x, None, bold=is_total, size=size)[0]
                          for x in (line.rate_variance, line.usage_variance)]
            rows.append(cells)
            note = self.note_paragraph(
                [("Estimate", line.estimate_note), ("Actual", line.actual_note), ("Variance", line.variance_note)]
            )
            if note is not None:
                note_rows.append(len(rows))
                rows.append([note] + [""] * (len(cells) - 1))
        out.append(self.table(rows, widths, [], note_rows, bold_rows=[total_row]))
        if d.unit_cost_estimate is not None:
            out.append(Paragraph(f"Unit cost ({esc(format_quantity(d.quantity))} made): estimate "
                                 f"<b>{esc(self.m(d.unit_cost_estimate))}</b>, actual to date "
                                 f"<b>{esc(self.m(d.unit_cost_actual))}</b>.", s.body.clone("cs-unit", spaceBefore=3)))
        return out

    def _operations(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = self.section("Estimate and actual by operation")
        if not d.operations:
            return out + [Paragraph("<i>No operations on this job.</i>", s.small)]
        ops = sorted(d.operations, key=lambda o: o.op_number)
        done = any(o.work_done is not None for o in ops)

        def total(name: str) -> Decimal:
            return sum((getattr(o, name) or Decimal(0) for o in d.operations), Decimal(0))

        sm = lambda x: signed_money(x, d.currency, d.locale)  # noqa: E731
        texts = [("Op", [f"{o.op_number:03d}" for o in ops]), ("Operation, workstation", None),
                 ("Plan h", [self.hours(x) for x in (*(o.planned_hours for o in ops), total("planned_hours"))]),
                 ("Actual h", [self.hours(x) for x in (*(o.actual_hours for o in ops), total("actual_hours"))]),
                 ("Planned cost", [self.m(x) for x in (*(o.planned_cost for o in ops), total("planned_cost"))])]
        texts += [("Work done", [self.m(x) for x in (*(o.work_done for o in ops), total("work_done"))])] if done else []
        texts += [("Actual cost", [self.m(x) for x in (*(o.actual_cost for o in ops), total("actual_cost"))]),
                  ("Variance", [sm(x) for x in (*(o.variance for o in ops), total("variance"))]),
                  ("Var. %", [percent(o.variance_pct, d.locale, signed=True) for o in ops])]
        widths, size = fit_columns(self.width, [t for _, t in texts], headers=[h for h, _ in texts], size=9)
        num, num_bold = self.sized(self.num, size), self.sized(self.num_bold, size)
        rows: list[list] = [[Paragraph(h, s.cell_header if i < 2 else self.head_right)
                             for i, (h, _) in enumerate(texts)]]
        note_rows: list[int] = []
        for op in ops:
            name = f"<b>{esc(op.name)}</b><br/>{esc(op.workstation)}"
            if op.status:
                name += f" <font size='7.5' color='#555555'>· {esc(op.status)}</font>"
            figures = [self.hours(op.planned_hours), self.hours(op.actual_hours), self.m(op.planned_cost)]
            figures += [self.m(op.work_done)] if done else []
            rows.append([Paragraph(f"{op.op_number:03d}", self.sized(s.cell_bold, size)), Paragraph(name, s.cell)]
                        + [Paragraph(esc(text), num) for text in (*figures, self.m(op.actual_cost))]
                        + self.variance_cells(op.variance, op.variance_pct, size=size))
            note = self.note_paragraph([("How", op.note)])
            if note is not None:
                note_rows.append(len(rows))
                rows.append([note] + [""] * (len(texts) - 1))
        total_row = len(rows)
        variance = total("variance")
        figures = [self.hours(total("planned_hours")), self.hours(total("actual_hours")), self.m(total("planned_cost"))]
        figures += [self.m(total("work_done"))] if done else []
        rows.append(["", Paragraph("Total", s.cell_bold)]
                    + [Paragraph(esc(text), num_bold) for text in (*figures, self.m(total("actual_cost")))]
                    + [self.variance_cells(variance, None, bold=True, size=size)[0], ""])
        out.append(self.table(rows, widths, [], note_rows, bold_rows=[total_row]))
        return out

    def _workstations(self) -> list[Flowable]:
        """The textbook job-cost record: the estimate by department, with the materials used there."""
        d, s = self.d, self.s
        if not d.workstations:
            return []
        out: list[Flowable] = self.section("Estimate by workstation")
        headers = ("Workstation", "Labour", "Machine", "Overhead", "Materials", "Estimate", "Actual")
        rows: list[list] = [[Paragraph(h, s.cell_header if i == 0 else self.head_right) for i, h in enumerate(headers)]]
        amounts = [(w.labour, w.machine, w.overhead, w.materials, w.estimate, w.actual) for w in d.workstations]
        widths, size = fit_columns(self.width, [None] + [[self.m(a[i]) for a in amounts] for i in range(6)],
                                   headers=headers, size=9)
        for w, figures in zip(d.workstations, amounts):
            rows.append([para(w.workstation, s.cell)]
                        + [Paragraph(esc(self.m(amount)), self.sized(self.num, size)) for amount in figures])
        return out + [self.table(rows, widths, [], [])]

    def _margin(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = self.section("Price and margin")
        if d.price is None:
            return out + [Paragraph("<i>No price is set for this job yet: no margin to show.</i>", s.body)]
        figures = [
            ("Price (budget)", self.m(d.price), "", d.price_note, False),
            ("Estimated cost", self.m(d.total.estimate), "", d.total.estimate_note, False),
            ("Estimated margin", self.m(d.estimated_margin), percent(d.estimated_margin_pct, d.locale), d.estimated_margin_note, False),
            ("Actual cost to date", self.m(d.total.actual), "", d.total.actual_note, False),
            (d.margin_label, self.m(d.margin), percent(d.margin_pct, d.locale), d.margin_note, True),
        ]
        rows: list[list] = [
            [Paragraph("Figure", s.cell_header), Paragraph("Amount", self.head_right), Paragraph("% of price", self.head_right), Paragraph("How it was made", s.cell_header)]
        ]
        bold_rows = []
        for label, amount, pct, note, strong in figures:
            if strong:
                bold_rows.append(len(rows))
            num = self.num_bold if strong else self.num
            rows.append(
                [
                    Paragraph(esc(label), s.cell_bold if strong else s.cell),
                    Paragraph(esc(amount), num),
                    Paragraph(esc(pct), num),
                    para(note, self.note.clone("cs-how", leftIndent=0)),
                ]
            )
        widths, _ = fit_columns(self.width, [[f[0] for f in figures], [f[1] for f in figures],
                                              [f[2] for f in figures], None], size=9.5, smallest=9.5)
        table = self.table(rows, widths, [], [], bold_rows=bold_rows)
        table.setStyle([("LINEAFTER", (0, 0), (-2, -1), 0.5, RULE)])
        return out + [table]

    def _change_orders(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = self.section(f"Change orders ({len(d.change_orders)})")
        if not d.change_orders:
            return out + [Paragraph("<i>No change orders on this job.</i>", s.small)]
        headers = ("Number", "Change", "Status", "Hours", "Cost", "Price change")
        rows: list[list] = [[Paragraph(h, s.cell_header if i < 3 else self.head_right) for i, h in enumerate(headers)]]
        note_rows: list[int] = []
        for co in d.change_orders:
            change = esc(co.description)
            if co.requested_by:
                change += f"<br/><font size='7.5' color='#555555'>Asked by {esc(co.requested_by)}</font>"
            status = esc(co.status)
            if co.decided_on is not None:
                status += f"<br/><font size='7.5' color='#555555'>{esc(format_date(co.decided_on, locale=d.locale))}</font>"
            rows.append(
                [
                    para(co.number, s.cell_bold),
                    Paragraph(change, s.cell),
                    Paragraph(status, s.cell),
                    Paragraph(esc(self.hours(co.hours_change)), self.num),
                    Paragraph(esc(self.m(co.cost_change)), self.num),
                    Paragraph(esc(signed_money(co.price_change, d.currency, d.locale)), self.num_bold),
                ]
            )
            note = self.note_paragraph([("Due date", co.due_date_effect), ("How", co.note)])
            if note is not None:
                note_rows.append(len(rows))
                rows.append([note] + [""] * 5)
        widths, _ = fit_columns(self.width, [[co.number for co in d.change_orders], None,
                                              [co.status for co in d.change_orders],
                                              [self.hours(co.hours_change) for co in d.change_orders],
                                              [self.m(co.cost_change) for co in d.change_orders],
                                              [signed_money(co.price_change, d.currency, d.locale)
                                               for co in d.change_orders]], headers=headers, smallest=9.5)
        return out + [self.table(rows, widths, [], note_rows)]

