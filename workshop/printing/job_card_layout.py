"""Laying out one job card: header with barcodes, specification with the drawing, the bill of
materials with tick boxes, one boxed block per operation, notes and the deadline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import ImageAndFlowables

from ..domain.wording import outside_work, plural
from .barcodes import check_payload, code128, code128_width, qr_code
from .flowables import Box, Field, FieldRow, TickBox, WriteInBoxes
from .fonts import BOLD
from .images import thumbnail
from .job_card_data import (InspectionCheck, JobCardData, JobCardOperation, Number, operation_barcode,
                            operation_barcode_text)
from .styles import ACCENT, HEADER_FILL, INK, LIGHT_FILL, RULE, get_styles
from .text import esc, format_date, format_datetime, format_minutes, format_quantity, para, paragraphs


class JobCardLayout:
    """Builds the story of one job card."""

    def __init__(self, data: JobCardData, width: float, printed_at: datetime) -> None:
        self.data = data
        self.width = width
        self.printed_at = printed_at
        s = get_styles()
        self.s = s
        self.job_number_style = s.title.clone("jc-number", fontSize=30, leading=34)
        self.job_title_style = s.title.clone("jc-title", fontSize=16, leading=20)
        self.customer_style = s.body.clone("jc-customer", fontSize=13, leading=16)
        self.op_number_style = s.title.clone("jc-op", fontSize=24, leading=26, alignment=TA_CENTER)
        self.op_name_style = s.title.clone("jc-op-name", fontSize=15, leading=18)
        self.station_style = s.body.clone("jc-station", fontSize=12, leading=15)
        self.payload_style = s.small.clone("jc-payload", fontSize=8, leading=9.5, alignment=TA_CENTER, textColor=INK)
        self.box_label = s.label.clone("jc-box-label", fontSize=7.5, leading=9, textColor=INK)
        self.spec_style = s.body.clone("jc-spec", spaceAfter=4)
        self.deadline_style = s.title.clone("jc-deadline", fontSize=17, leading=21)
        self.bom_cells = {}

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [self._header(), Spacer(1, 3 * mm), self._facts()]
        story += self._specification()
        story += self._materials()
        story += self._operations()
        story += self._final_inspection()
        story += self._closing()
        return story

    # header -------------------------------------------------------------------------------------

    def _header(self) -> Flowable:
        d, s = self.data, self.s
        qr_size = 30 * mm
        left_width = self.width - qr_size - 4 * mm
        left = [
            Paragraph("JOB NUMBER", s.label),
            para(d.job_number, self.job_number_style),
            Spacer(1, 1 * mm),
            code128(d.job_number, bar_height=13 * mm, max_width=left_width, bar_width=1.44, what="Job number"),
            Spacer(1, 2 * mm),
            para(d.title, self.job_title_style),
            Paragraph(f"<font color='#555555'>Customer:</font> <b>{esc(d.customer)}</b>", self.customer_style),
        ]
        right = [qr_code(d.job_number, size=qr_size, what="Job number"), Paragraph("Scan for the job", self.payload_style)]
        table = Table([[left, right]], colWidths=[left_width, self.width - left_width])
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ]
        )
        return table

    def _facts(self) -> Flowable:
        d = self.data
        quantity = " ".join(x for x in (format_quantity(d.quantity), d.quantity_unit) if x)
        planned = sum((_dec(op.total_planned_minutes) for op in d.operations), Decimal(0))
        return FieldRow(
            [
                Field("QUANTITY", quantity, 0.12),
                Field("DUE DATE", format_date(d.due_date, weekday=True, locale=d.locale), 0.24, fill=LIGHT_FILL),
                Field("PRIORITY", d.priority or "—", 0.13),
                Field("STATUS", d.status or "—", 0.15),
                Field("PLANNED TIME", format_minutes(planned) if d.operations else "—", 0.17),
                Field("PRINTED", format_datetime(self.printed_at, locale=d.locale), 0.19),
            ],
            value_size=12.5,
            outline=1.2,
        )

    # specification ------------------------------------------------------------------------------

    def _specification(self) -> list[Flowable]:
        d, s = self.data, self.s
        out: list[Flowable] = [Paragraph("Specification", s.heading)]
        text = paragraphs(d.specification, self.spec_style, in_pieces=True) or [Paragraph("<i>No specification recorded.</i>", s.small)]
        if d.image is None:
            return out + text
        box_w, box_h = 72 * mm, 62 * mm
        picture = thumbnail(d.image.data, d.image.kind, d.image.file_name, box_w, box_h)
        framed = _Figure(
            [[picture], [para(d.image.file_name, s.small)]],
            colWidths=[box_w + 6],
        )
        framed.setStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
        return out + [ImageAndFlowables(framed, text, imageSide="right", imageLeftPadding=4 * mm)]

    # materials ----------------------------------------------------------------------------------

    def _materials(self) -> list[Flowable]:
        d, s = self.data, self.s
        if not d.materials:
            return [Paragraph("Materials", s.heading), Paragraph("<i>No materials listed.</i>", s.small)]
        # The heading is the table's first row, repeated with the column headings on every page
        # the table runs onto: it never strands at the foot of a page, and a continuation says what it is.
        rows = [
            [Paragraph(f"Materials ({plural(len(d.materials), 'line')})", s.heading), "", "", "", ""],
            [
                Paragraph("Picked", s.cell_header),
                Paragraph("Code", s.cell_header),
                Paragraph("Description", s.cell_header),
                Paragraph("Qty", s.cell_header.clone("h-r", alignment=TA_RIGHT)),
                Paragraph("Unit", s.cell_header),
            ],
        ]
        commands: list[tuple] = []
        quantity_bold = s.cell_bold.clone("jc-qty-bold", alignment=TA_RIGHT)
        for i, m in enumerate(d.materials, start=len(rows)):
            level = max(0, int(m.level))
            style = s.cell_bold if m.is_subassembly else s.cell
            rows.append(
                [
                    TickBox(4.5 * mm),
                    para(m.code, style),
                    para(m.description, self._indent_style(style, level)),
                    para(format_quantity(m.quantity), quantity_bold if m.is_subassembly else s.cell_right),
                    para(m.unit, style),
                ]
            )
            if m.is_subassembly:
                commands.append(("BACKGROUND", (1, i), (-1, i), LIGHT_FILL))
        widths = [17 * mm, 34 * mm, None, 20 * mm, 16 * mm]
        widths[2] = self.width - sum(w for w in widths if w)
        table = Table(rows, colWidths=widths, repeatRows=2)
        table.setStyle(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("LEFTPADDING", (0, 0), (-1, 0), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, 0), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 1), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 1), (-1, 1), HEADER_FILL),
                ("LINEBELOW", (0, 1), (-1, 1), 1, INK),
                ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
                ("ALIGN", (0, 2), (0, -1), "CENTER"),
                ("VALIGN", (0, 2), (0, -1), "MIDDLE"),
                *commands,
            ]
        )
        return [Spacer(1, 3 * mm), table]

    def _indent_style(self, style, level: int):
        key = (style.name, level)
        if key not in self.bom_cells:
            self.bom_cells[key] = style.clone(f"{style.name}-l{level}", leftIndent=level * 5 * mm)
        return self.bom_cells[key]

    # operations ---------------------------------------------------------------------------------

    def _operations(self) -> list[Flowable]:
        d, s = self.data, self.s
        ops = sorted(d.operations, key=lambda op: (op.sequence, op.op_number))
        out: list[Flowable] = [Paragraph(f"Operations ({len(ops)})", s.heading)]
        if not ops:
            return out + [Paragraph("<i>No operations planned.</i>", s.small)]
        for op in ops:
            out.append(KeepTogether([self._operation(op), Spacer(1, 3 * mm)]))
        return out

    def _operation(self, op: JobCardOperation) -> Flowable:
        d, s = self.data, self.s
        payload = operation_barcode(d.job_number, op)
        check_payload(payload, f"Barcode of operation {op.op_number}")
        number_w = 22 * mm
        code_w = max(60 * mm, code128_width(payload) + 8)
        middle_w = self.width - number_w - code_w
        inspect = op.inspection_required or bool(op.checks)

        number_cell = [Paragraph("OP", s.label.clone("op-l", alignment=TA_CENTER)), para(f"{op.op_number:03d}", self.op_number_style)]
        where = (f"<b>{esc(outside_work(op.outside_supplier, op.days_away))}</b>" if op.outside_supplier
                 else f"<font color='#555555'>at</font> <b>{esc(op.workstation)}</b>")
        name_cell = [para(op.name, self.op_name_style), Paragraph(where, self.station_style)]
        if inspect:
            name_cell.append(Paragraph("<b>\u25b6 INSPECTION POINT</b>", s.small.clone("insp", textColor=ACCENT, fontSize=9, leading=12)))
        code_cell = [
            code128(payload, bar_height=11 * mm, max_width=code_w - 8, what=f"Barcode of operation {op.op_number}"),
            Paragraph(esc(operation_barcode_text(d.job_number, op)), self.payload_style),
        ]
        rows: list[list] = [[number_cell, name_cell, code_cell]]
        span_rows: list[int] = []

        for block in paragraphs(op.instructions, s.body_large):
            span_rows.append(len(rows))
            rows.append([block, "", ""])

        span_rows.append(len(rows))
        plan_row = len(rows)
        rows.append([self._plan(op), "", ""])

        span_rows.append(len(rows))
        boxes_row = len(rows)
        if op.outside_supplier:  # away, not timed: signed out of the shop and back in
            rows.append([self._write_in(["DISPATCHED", "BY"], 12 * mm, [0.5, 0.5]), "", ""])
            span_rows.append(len(rows))
            rows.append([self._write_in(["RETURNED", "BY"], 12 * mm, [0.5, 0.5]), "", ""])
        else:
            rows.append([self._write_in(["START", "FINISH", "ACTUAL MIN", "INITIALS"], 12 * mm), "", ""])

        if inspect:
            if op.checks:
                span_rows.append(len(rows))
                rows.append([self._checks(op.checks), "", ""])
            span_rows.append(len(rows))
            rows.append([self._sign_off(), "", ""])

        table = Table(rows, colWidths=[number_w, middle_w, code_w], repeatRows=1, splitInRow=1)
        commands = [
            ("BOX", (0, 0), (-1, -1), 1.6, INK),
            ("LINEBELOW", (0, 0), (-1, 0), 1.0, INK),
            ("LINEAFTER", (0, 0), (0, 0), 1.0, INK),
            ("BACKGROUND", (0, 0), (0, 0), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("ALIGN", (2, 0), (2, 0), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (2, 0), (2, 0), 4),
            ("RIGHTPADDING", (2, 0), (2, 0), 4),
            ("TOPPADDING", (0, 0), (-1, 0), 4),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
            ("TOPPADDING", (0, 1), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
            ("LINEABOVE", (0, plan_row), (-1, plan_row), 0.5, RULE),
            ("LEFTPADDING", (0, plan_row), (-1, plan_row), 0),
            ("RIGHTPADDING", (0, plan_row), (-1, plan_row), 0),
            ("TOPPADDING", (0, plan_row), (-1, plan_row), 0),
            ("BOTTOMPADDING", (0, plan_row), (-1, plan_row), 0),
            ("LEFTPADDING", (0, boxes_row), (-1, -1), 0),
            ("RIGHTPADDING", (0, boxes_row), (-1, -1), 0),
            ("BOTTOMPADDING", (0, boxes_row), (-1, -1), 0),
            ("TOPPADDING", (0, boxes_row), (-1, -1), 0),
        ]
        commands += [("SPAN", (0, r), (-1, r)) for r in span_rows]
        table.setStyle(commands)
        return table

    def _final_inspection(self) -> list[Flowable]:
        """The job's own checks (tied to no operation), done once every operation is finished:
        each with its tolerance and a box for the reading, then the inspector's sign-off."""
        checks = self.data.final_checks
        if not checks:
            return []
        heading = Paragraph("Final inspection (after all operations)", self.s.heading)
        return [KeepTogether([heading, self._checks(checks), Spacer(1, 2 * mm), self._sign_off(outline=True),
                              Spacer(1, 3 * mm)])]

    def _plan(self, op: JobCardOperation) -> FieldRow:
        """Planned times and operator: small label over a large value; for work done outside, where
        it goes and for how long instead of times."""
        if op.outside_supplier:
            return FieldRow([Field("SUPPLIER", op.outside_supplier, 0.7), Field("DAYS AWAY", str(op.days_away or 0), 0.3)],
                            value_size=12)
        return FieldRow(
            [
                Field("SETUP", format_minutes(op.setup_minutes), 0.16),
                Field("RUN / UNIT", format_minutes(op.run_minutes_per_unit), 0.18),
                Field("PLANNED TOTAL", format_minutes(op.total_planned_minutes), 0.2),
                Field("OPERATOR", op.operator, 0.46),
            ],
            value_size=12,
        )

    def _write_in(self, labels: Sequence[str], height: float, widths: Sequence[float] | None = None, *, outline: bool = False) -> WriteInBoxes:
        """A row of empty boxes with a small label in the corner, to write in by hand."""
        widths = list(widths or [1.0] * len(labels))
        return WriteInBoxes([Box(label, w) for label, w in zip(labels, widths)], height, outline=outline)

    def _sign_off(self, *, outline: bool = False) -> WriteInBoxes:
        w = self.width
        boxes = [
            Box("INSPECTION\nSIGN-OFF", 27 * mm, fill=ACCENT),
            Box("INSPECTOR", w - 27 * mm - 0.2 * w - 48 * mm),
            Box("DATE", 0.2 * w),
            Box("RESULT", 48 * mm, choices=("PASS", "FAIL")),
        ]
        return WriteInBoxes(boxes, 13 * mm, outline=outline)

    def _checks(self, checks: Sequence[InspectionCheck]) -> Table:
        s = self.s
        rows = [[Paragraph(h, s.cell_header) for h in ("Check", "Nominal", "Tolerance", "Method", "Measured")]]
        for c in checks:
            nominal = " ".join(x for x in (c.nominal, c.unit) if x)
            rows.append([para(c.characteristic, s.cell), para(nominal, s.cell), para(c.tolerance, s.cell), para(c.method, s.cell), ""])
        widths = [None, 28 * mm, 28 * mm, 32 * mm, 34 * mm]
        widths[0] = self.width - sum(x for x in widths if x)
        table = Table(rows, colWidths=widths, repeatRows=1, rowHeights=[None] + [8 * mm] * len(checks))
        table.setStyle(s.data_table)
        table.setStyle([("LINEABOVE", (0, 0), (-1, 0), 1.0, INK), ("VALIGN", (0, 1), (-1, -1), "MIDDLE")])
        return table

    # notes and deadline -------------------------------------------------------------------------

    def _closing(self) -> list[Flowable]:
        d, s = self.data, self.s
        out: list[Flowable] = [Paragraph("Notes", s.heading)]
        out += paragraphs(d.notes, s.body, in_pieces=True) or [Spacer(1, 1)]
        deadline = [Paragraph("DEADLINE", s.label), para(format_date(d.due_date, weekday=True, locale=d.locale), self.deadline_style)]
        remaining = _days_left(d.due_date, self.printed_at)
        if remaining:
            deadline.append(Paragraph(esc(remaining), s.body_large.clone("dl", fontName=BOLD)))
        if d.priority:
            deadline.append(Paragraph(f"Priority: <b>{esc(d.priority)}</b>", s.body))
        deadline_w = 62 * mm
        lines = Table(
            [[Paragraph("SHOP-FLOOR NOTES", self.box_label)]] + [[""] for _ in range(4)],
            colWidths=[self.width - deadline_w - 4 * mm],
            rowHeights=[5 * mm] + [8 * mm] * 4,
        )
        lines.setStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.0, INK),
                ("LINEBELOW", (0, 1), (-1, -2), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
            ]
        )
        box = Table([[deadline]], colWidths=[deadline_w], rowHeights=[37 * mm])
        box.setStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2.2, INK),
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
        row = Table([[lines, box]], colWidths=[self.width - deadline_w, deadline_w])
        row.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        complete = self._write_in(["JOB COMPLETE \u2014 SIGNED", "DATE"], 12 * mm, [0.7, 0.3], outline=True)
        # One block: the heading never strands at the foot of a page (long notes still split).
        return [KeepTogether([*out, row, Spacer(1, 4 * mm), complete])]


class _Figure(Table):
    """A captioned picture that text can flow beside (ImageAndFlowables wants an Image-like API)."""

    def _restrictSize(self, available_width, available_height):
        return self.wrap(available_width, available_height)

    def _unRestrictSize(self):
        pass


def _dec(value: Number | None) -> Decimal:
    if value is None:
        return Decimal(0)
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _days_left(due: date | None, printed_at: datetime) -> str:
    if due is None:
        return ""
    days = (due - printed_at.date()).days
    if days > 1:
        return f"{days} days left"
    if days == 1:
        return "Due tomorrow"
    if days == 0:
        return "Due TODAY"
    return f"OVERDUE by {-days} day{'s' if days < -1 else ''}"
