"""The certificate of conformity: what was made, every check made on it, and our declaration.

Job, customer and specification; every inspection check with all its readings against the
nominal and tolerance, the result, who inspected and when; the finished-goods tests; the
non-conformances and what was done about them (a concession is named, with who granted it);
then the declaration and a signature block.

Readings, nominals and tolerances are text exactly as recorded ("25.02", "± 0.1"): the
certificate prints what the inspector wrote, never a re-rounded number.

    pdf = render_certificate(data, letterhead, PageSetup("A4"))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from ..domain.locale_text import DEFAULT_LOCALE
from .document import Letterhead, PageSetup, build_document
from .flowables import Field, FieldRow
from .styles import ACCENT, INK, LIGHT_FILL, RULE, get_styles
from .text import esc, format_date, format_datetime, format_quantity, para, paragraphs

__all__ = [
    "DEFAULT_DECLARATION",
    "CertificateCheck",
    "CertificateData",
    "CertificateNonConformance",
    "CertificateTest",
    "render_certificate",
]

RESULTS = ("PASS", "FAIL")
FAIL_COLOUR = colors.HexColor("#8B1A1A")

DEFAULT_DECLARATION = (
    "We declare that the goods described above were made, inspected and tested in accordance with "
    "the specification and the requirements of the order, and that they conform to them, except "
    "where a non-conformance and its disposition are recorded above."
)


@dataclass(frozen=True)
class CertificateCheck:
    """One inspection check and its recorded result. Values are text as recorded."""

    characteristic: str  # "Blade guide height", "Ø 25 mm bore"
    result: str  # "PASS" or "FAIL"
    inspector: str
    inspected_at: datetime | date
    readings: tuple[str, ...] = ()  # every reading taken, as recorded: ("25.02", "25.04")
    nominal: str = ""
    tolerance: str = ""  # "± 0.1", "+0.2 / -0", "≤ 0.5"
    unit: str = ""
    method: str = ""  # instrument or method
    stage: str = ""  # "Op 040 CNC" or "Final inspection"
    notes: str = ""


@dataclass(frozen=True)
class CertificateTest:
    """A finished-goods test (load test, electrical test, run test, adhesion …)."""

    name: str
    requirement: str  # "≤ 0.5 s", "4 h without fault"
    value: str  # the recorded value: "0.32 s"
    result: str  # "PASS" or "FAIL"
    tested_by: str
    tested_at: datetime | date
    method: str = ""
    notes: str = ""


@dataclass(frozen=True)
class CertificateNonConformance:
    number: str  # "NCR-2026-0007"
    description: str
    disposition: str  # "Rework", "Scrap", "Use as is (concession)", "Return to supplier"
    status: str = ""  # "Closed"
    cause: str = ""
    concession: str = ""  # who granted it and its reference, when used as is
    verified_by: str = ""
    closed_on: date | None = None


@dataclass(frozen=True)
class CertificateData:
    certificate_number: str  # "COC-J-2026-0042"
    issue_date: date
    job_number: str
    job_title: str
    customer_name: str
    checks: tuple[CertificateCheck, ...]
    customer_address: str = ""
    customer_reference: str = ""  # order / PO number
    quantity: int = 1
    quantity_unit: str = ""
    specification: str = ""
    tests: tuple[CertificateTest, ...] = ()
    non_conformances: tuple[CertificateNonConformance, ...] = ()
    declaration: str = DEFAULT_DECLARATION
    signed_by: str = ""  # name printed in the signature block
    signatory_role: str = ""  # "Quality manager"
    notes: str = ""
    draft: bool = False  # not (yet) a certificate: headed DRAFT; a check may have no result ("")
    locale: str = DEFAULT_LOCALE  # the shop's: how dates are written


def render_certificate(data: CertificateData, letterhead: Letterhead, page: PageSetup) -> bytes:
    """The certificate as PDF bytes. Raises ValueError for a result other than PASS or FAIL
    (a draft may also leave a result empty: not yet inspected)."""
    for item in (*data.checks, *data.tests):
        if item.result.strip().upper() not in RESULTS and not (data.draft and not item.result.strip()):
            name = getattr(item, "characteristic", None) or getattr(item, "name", "")
            raise ValueError(f"Result of “{name}” must be PASS or FAIL, not “{item.result}”.")
    story = _Certificate(data, letterhead, page.content_width).story()
    return build_document(
        story,
        letterhead,
        page,
        title="Certificate (DRAFT)" if data.draft else "Certificate",  # the full name is the story's headline: the letterhead's title block is narrow
        number=data.certificate_number,
        subtitle=" · ".join(x for x in (data.job_number, data.job_title, data.customer_name) if x),
        footer_note=f"Issued {format_date(data.issue_date, locale=data.locale)}",
    )


def _when(value: datetime | date, locale: str) -> str:
    return (format_datetime(value, locale=locale) if isinstance(value, datetime)
            else format_date(value, locale=locale))


class _Certificate:
    def __init__(self, data: CertificateData, letterhead: Letterhead, width: float) -> None:
        self.d = data
        self.letterhead = letterhead
        self.width = width
        s = self.s = get_styles()
        self.center = s.cell.clone("coc-center", alignment=TA_CENTER)
        self.pass_style = s.cell_bold.clone("coc-pass", alignment=TA_CENTER)
        self.fail_style = s.cell_bold.clone("coc-fail", alignment=TA_CENTER, textColor=FAIL_COLOUR)
        self.sub = s.small.clone("coc-sub", fontSize=7.5, leading=9.5)
        self.customer = s.title.clone("coc-customer", fontSize=13, leading=16)
        self.headline = s.title.clone("coc-headline", fontSize=19, leading=23, alignment=TA_CENTER, textColor=ACCENT, spaceAfter=8)

    def result(self, text: str) -> Paragraph:
        value = text.strip().upper() or "—"
        return Paragraph(esc(value), self.fail_style if value == "FAIL" else self.pass_style)

    def story(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = [
            Paragraph("DRAFT — NOT A CERTIFICATE OF CONFORMITY" if d.draft else "CERTIFICATE OF CONFORMITY",
                      self.headline),
            self._facts(),
            Spacer(1, 4 * mm),
            self._parties(),
            Spacer(1, 3 * mm),
        ]
        if d.specification:
            out.append(Paragraph("Specification", s.heading))
            out += paragraphs(d.specification, s.body.clone("coc-spec", spaceAfter=3), in_pieces=True)
        out += self._checks()
        out += self._tests()
        out += self._non_conformances()
        if d.notes:
            out.append(Paragraph("Notes", s.heading))
            out += paragraphs(d.notes, s.body, in_pieces=True)
        out.append(self._declaration())
        return out

    def _facts(self) -> Flowable:
        d = self.d
        passed = sum(1 for c in (*d.checks, *d.tests) if c.result.strip().upper() == "PASS")
        total = len(d.checks) + len(d.tests)
        return FieldRow(
            [
                Field("CERTIFICATE", d.certificate_number, 0.3),
                Field("JOB", d.job_number, 0.22),
                Field("ISSUED", format_date(d.issue_date, locale=d.locale), 0.2),
                Field("CHECKS AND TESTS PASSED", f"{passed} of {total}", 0.28, fill=LIGHT_FILL),
            ],
            value_size=12.5,
            outline=1.0,
        )

    def _parties(self) -> Flowable:
        d, s = self.d, self.s
        left: list[Flowable] = [Paragraph("CUSTOMER", s.label), para(d.customer_name, self.customer)]
        if d.customer_address:
            left.append(para(d.customer_address, s.body))
        right: list[Flowable] = [Paragraph("GOODS", s.label), para(d.job_title, s.body.clone("coc-goods", fontSize=11, leading=14), bold=True)]
        quantity = " ".join(x for x in (format_quantity(d.quantity), d.quantity_unit) if x)
        right.append(Paragraph(f"Quantity: <b>{esc(quantity)}</b>", s.body))
        if d.customer_reference:
            right.append(Paragraph(f"Your order: <b>{esc(d.customer_reference)}</b>", s.body))
        half = self.width / 2
        table = Table([[left, right]], colWidths=[half, half])
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        return table

    def _grid(self, rows: list[list], widths: list[float]) -> Table:
        s = self.s
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(s.data_table)
        table.setStyle([("VALIGN", (0, 1), (-1, -1), "MIDDLE"), ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, LIGHT_FILL])])
        return table

    def _checks(self) -> list[Flowable]:
        d, s = self.d, self.s
        # Not kept with its heading: a long table then starts on this page and runs on, instead of
        # leaving the page under the specification empty (a page break only when little room is left).
        out: list[Flowable] = [CondPageBreak(40 * mm),
                               Paragraph(f"Inspection checks ({len(d.checks)})", s.heading.clone("coc-h", keepWithNext=0))]
        if not d.checks:
            return out + [Paragraph("<i>No inspection checks recorded.</i>", s.small)]
        headers = ("#", "Characteristic", "Nominal", "Tolerance", "Readings", "Result", "Inspector, date")
        rows: list[list] = [[Paragraph(h, s.cell_header) for h in headers]]
        for i, c in enumerate(d.checks, start=1):
            name = f"<b>{esc(c.characteristic)}</b>"
            extra = " · ".join(x for x in (c.stage, c.method) if x)
            if extra:
                name += f"<br/><font size='7.5' color='#555555'>{esc(extra)}</font>"
            if c.notes:
                name += f"<br/><font size='7.5'>{esc(c.notes)}</font>"
            nominal = " ".join(x for x in (c.nominal, c.unit) if x) if c.nominal else ""
            tolerance = " ".join(x for x in (c.tolerance, c.unit) if x) if c.tolerance else ""
            readings = "<br/>".join(esc(" ".join(x for x in (r, c.unit) if x)) for r in c.readings) or "—"
            rows.append(
                [
                    Paragraph(str(i), s.cell),
                    Paragraph(name, s.cell),
                    para(nominal or "—", s.cell),
                    para(tolerance or "—", s.cell),
                    Paragraph(readings, s.cell),
                    self.result(c.result),
                    Paragraph(f"{esc(c.inspector)}<br/><font size='7.5' color='#555555'>{esc(_when(c.inspected_at, d.locale))}</font>", s.cell),
                ]
            )
        widths = [8 * mm, None, 22 * mm, 22 * mm, 24 * mm, 15 * mm, 33 * mm]
        widths[1] = self.width - sum(w for w in widths if w)
        return out + [self._grid(rows, widths)]

    def _tests(self) -> list[Flowable]:
        d, s = self.d, self.s
        if not d.tests:
            return []
        out: list[Flowable] = [Paragraph(f"Finished-goods tests ({len(d.tests)})", s.heading)]
        headers = ("#", "Test", "Requirement", "Recorded", "Result", "Tested by, date")
        rows: list[list] = [[Paragraph(h, s.cell_header) for h in headers]]
        for i, t in enumerate(d.tests, start=1):
            name = f"<b>{esc(t.name)}</b>"
            if t.method:
                name += f"<br/><font size='7.5' color='#555555'>{esc(t.method)}</font>"
            if t.notes:
                name += f"<br/><font size='7.5'>{esc(t.notes)}</font>"
            rows.append(
                [
                    Paragraph(str(i), s.cell),
                    Paragraph(name, s.cell),
                    para(t.requirement, s.cell),
                    para(t.value, s.cell_bold),
                    self.result(t.result),
                    Paragraph(f"{esc(t.tested_by)}<br/><font size='7.5' color='#555555'>{esc(_when(t.tested_at, d.locale))}</font>", s.cell),
                ]
            )
        widths = [8 * mm, None, 32 * mm, 28 * mm, 15 * mm, 33 * mm]
        widths[1] = self.width - sum(w for w in widths if w)
        return out + [self._grid(rows, widths)]

    def _non_conformances(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = [Paragraph(f"Non-conformances ({len(d.non_conformances)})", s.heading)]
        if not d.non_conformances:
            return out + [Paragraph("None raised on this job.", s.body)]
        headers = ("Report", "Non-conformance and cause", "Disposition", "Closed")
        rows: list[list] = [[Paragraph(h, s.cell_header) for h in headers]]
        for n in d.non_conformances:
            what = esc(n.description)
            if n.cause:
                what += f"<br/><font size='7.5' color='#555555'>Cause: {esc(n.cause)}</font>"
            disposition = f"<b>{esc(n.disposition)}</b>"
            if n.concession:
                disposition += f"<br/>Concession: {esc(n.concession)}"
            closed = esc(n.status)
            if n.closed_on is not None:
                closed += f"<br/>{esc(format_date(n.closed_on, locale=d.locale))}"
            if n.verified_by:
                closed += f"<br/><font size='7.5' color='#555555'>Verified by {esc(n.verified_by)}</font>"
            rows.append([para(n.number, s.cell_bold), Paragraph(what, s.cell), Paragraph(disposition, s.cell), Paragraph(closed, s.cell)])
        widths = [35 * mm, None, 50 * mm, 32 * mm]
        widths[1] = self.width - sum(w for w in widths if w)
        table = self._grid(rows, widths)
        table.setStyle([("VALIGN", (0, 1), (-1, -1), "TOP")])
        return out + [table]

    def _declaration(self) -> Flowable:
        d, s = self.d, self.s
        box_style = s.body.clone("coc-decl", fontSize=10.5, leading=14)
        declaration = Table([[paragraphs(d.declaration, box_style) or ""]], colWidths=[self.width])
        declaration.setStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, INK),
                ("LINEBEFORE", (0, 0), (0, -1), 4, ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
        label = s.label
        value = s.body.clone("coc-sig-value", fontSize=11, leading=14)
        signed_for = Paragraph(f"Signed for and on behalf of <b>{esc(self.letterhead.name)}</b>", s.body)
        w = self.width
        sig = Table(
            [
                [Paragraph("SIGNATURE", label), Paragraph("NAME", label), Paragraph("POSITION", label), Paragraph("DATE", label)],
                ["", para(d.signed_by, value, bold=True), para(d.signatory_role, value), para(format_date(d.issue_date, locale=d.locale), value)],
            ],
            colWidths=[w * 0.36, w * 0.26, w * 0.2, w * 0.18],
            rowHeights=[10, 16 * mm],
        )
        sig.setStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.0, INK),
                ("LINEAFTER", (0, 0), (-2, -1), 0.5, RULE),
                ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, 0), 2),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 5),
            ]
        )
        return KeepTogether(
            [Paragraph("Declaration of conformity", s.heading), declaration, Spacer(1, 4 * mm), signed_for, Spacer(1, 2 * mm), sig]
        )
