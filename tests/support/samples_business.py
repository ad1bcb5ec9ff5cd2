"""Realistic sample data for the business documents (quote, cost sheet, certificate, delivery
note, traceability report): print previews, tests and looking at the pages.

Pure data; nothing here touches a database. The figures add up exactly as the services would
hand them over (tax on the net total, half-up to the penny).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

from support.samples import SPECIFICATION
from workshop.printing.certificate import (
    CertificateCheck,
    CertificateData,
    CertificateNonConformance,
    CertificateTest,
)
from workshop.printing.cost_sheet import CostCategoryLine, CostChangeOrder, CostOperationLine, CostSheetData
from workshop.printing.delivery_note import DeliveryItem, DeliveryNoteData
from workshop.printing.quote import QuoteData, QuoteLine
from workshop.printing.traceability import TraceabilityData, TraceEvent

__all__ = [
    "sample_certificate",
    "sample_cost_sheet",
    "sample_delivery_note",
    "sample_quote",
    "sample_traceability",
]

BENNETT = "The Old Rectory (Mr & Mrs Bennett)"
BENNETT_ADDRESS = "The Old Rectory\nChurch Lane, Heptonstall\nHebden Bridge HX7 7NX"

QUOTE_TERMS = """\
Payment: 40% deposit on acceptance to reserve workshop time and buy timber; 50% when the units \
are ready for delivery (we invite you to inspect them in the workshop); the balance of 10% within \
14 days of completion of fitting.

Lead time: 10 to 12 weeks from the deposit and sign-off of final drawings. Dates are confirmed in \
writing once drawings are signed off.

Site: the customer provides clear access, power and water, and a room ready to fit (plastering dry, \
first fix complete). Plumbing and electrical connections are by the customer's own trades unless \
listed above.

Changes: changes after drawings are signed off are quoted as change orders before work on them \
starts. Solid oak is a natural material: colour and grain vary and will mellow with light.

Guarantee: 5 years on workmanship and carcass construction; hardware carries its maker's warranty."""


def sample_quote() -> QuoteData:
    """The fitted oak kitchen for The Old Rectory, revision 2: £38,500.00 before VAT."""
    lines = (
        QuoteLine("Base cabinets, run A: four 600 units with drawer over door, sink base for a Belfast sink 595 x 455", "Cabinetry", D("9850.00")),
        QuoteLine("Wall cabinets, run B: three 800 x 720 units with glazed doors (toughened 4 mm) and fixed shelves", "Cabinetry", D("6420.00")),
        QuoteLine("Larder unit 600 x 2150 with spice racks and two oak pull-out drawers", "Cabinetry", D("4980.00")),
        QuoteLine("Solid oak stave worktops 40 mm, undermount sink cut-out with drainer grooves, Ø 35 mm tap hole", "Worktops", D("4150.00")),
        QuoteLine("Hardwax oil finish (Osmo 3032 satin), two coats, de-nibbed between coats", "Finishing", D("2380.00")),
        QuoteLine("Blum soft-close hinges and Tandem runners throughout; fitting of customer-supplied brass handles", "Hardware", D("1720.00")),
        QuoteLine("Delivery, installation and scribing on site (2 fitters, 5 days), removal of packaging", "Installation", D("7500.00")),
    )
    net = D("38500.00")
    tax = D("7700.00")
    return QuoteData(
        number="Q-2026-0012",
        revision=2,
        quote_date=date(2026, 3, 2),
        valid_until=date(2026, 4, 1),
        customer_name=BENNETT,
        customer_address=BENNETT_ADDRESS,
        customer_reference="Kitchen — email of 24 Feb 2026",
        title="Bespoke fitted kitchen in solid European oak",
        specification=SPECIFICATION,
        lines=lines,
        design_fee=D("1500.00"),
        net=net,
        tax_rate=D("20"),
        tax=tax,
        gross=net + tax,
        terms=QUOTE_TERMS,
        notes="Revision 2 adds the larder unit and changes the worktops from 30 mm to 40 mm stave, as discussed on site on 27 Feb 2026.",
        prepared_by="Sam Ortiz",
        currency="GBP",
        locale="en_GB",
    )


# -- cost sheet: the kitchen job, part way through ------------------------------------------------

# workstation: (labour, machine, overhead) rates per hour
_RATES = {
    "Office": (D("32.00"), D("0"), D("12.00")),
    "Panel saw": (D("32.00"), D("18.00"), D("14.00")),
    "Edgebander": (D("32.00"), D("14.00"), D("12.00")),
    "CNC router": (D("32.00"), D("38.00"), D("15.00")),
    "Planer / thicknesser": (D("32.00"), D("16.00"), D("12.00")),
    "Assembly bench": (D("32.00"), D("0"), D("12.00")),
    "Joinery bench": (D("32.00"), D("0"), D("12.00")),
    "Sanding station": (D("32.00"), D("4.00"), D("10.00")),
    "Finishing room": (D("32.00"), D("6.00"), D("14.00")),
    "Inspection bay": (D("32.00"), D("0"), D("12.00")),
    "Dispatch": (D("28.00"), D("0"), D("10.00")),
}

# op, name, workstation, planned h, actual h, status
_KITCHEN_OPS = (
    (10, "Check drawings and site survey", "Office", "3", "4", "Done"),
    (20, "Cut carcass panels", "Panel saw", "14", "15.5", "Done"),
    (30, "Edge-band carcass panels", "Edgebander", "7", "6.5", "Done"),
    (40, "CNC: hinge bores, shelf pins, dados", "CNC router", "12", "13.25", "Done"),
    (50, "Machine oak for face frames and doors", "Planer / thicknesser", "16", "19", "Done"),
    (60, "Assemble carcasses", "Assembly bench", "24", "27.5", "Done"),
    (70, "Make doors and drawer fronts", "Joinery bench", "48", "58.75", "Done"),
    (80, "Sand all oak parts", "Sanding station", "18", "17", "Done"),
    (90, "Finish: hardwax oil, 2 coats", "Finishing room", "20", "21.5", "Done"),
    (100, "Fit hardware and doors", "Assembly bench", "14", "9", "In progress"),
    (110, "Final inspection", "Inspection bay", "4", "0", "Not started"),
    (120, "Wrap, label and load", "Dispatch", "5", "0", "Not started"),
)


def _pct(part: D, whole: D) -> D | None:
    from decimal import ROUND_HALF_UP

    return None if not whole else (part * 100 / whole).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def _gbp(x: D) -> str:
    from workshop.domain.money import format_money

    return format_money(x, "GBP", "en_GB")


def sample_cost_sheet() -> CostSheetData:
    """The kitchen job J-2026-0042 for The Old Rectory, in fitting: one change order approved."""
    ops = []
    est = {"labour": D(0), "machine": D(0), "overhead": D(0)}
    act = {"labour": D(0), "machine": D(0), "overhead": D(0)}
    hours_planned = hours_actual = D(0)
    for number, name, station, planned, actual, status in _KITCHEN_OPS:
        planned, actual = D(planned), D(actual)
        labour, machine, overhead = _RATES[station]
        rate = labour + machine + overhead
        for key, r in zip(("labour", "machine", "overhead"), (labour, machine, overhead)):
            est[key] += planned * r
            act[key] += actual * r
        hours_planned += planned
        hours_actual += actual
        pc, ac = (planned * rate).quantize(D("0.01")), (actual * rate).quantize(D("0.01"))
        note = f"{station} at {_gbp(rate)}/h (labour {_gbp(labour)} + machine {_gbp(machine)} + overhead {_gbp(overhead)})"
        if number == 70:
            note += "; glazed-door rebates re-cut after the glass arrived 2 mm oversize (6.5 h)"
        ops.append(CostOperationLine(number, name, station, planned, actual, pc, ac, ac - pc, _pct(ac - pc, pc), status, note))
    materials_est, materials_act = D("6850.00"), D("7212.40")
    other_est, other_act = D("3600.00"), D("2400.00")

    def line(category, e, a, enote, anote, vnote=""):
        e, a = e.quantize(D("0.01")), a.quantize(D("0.01"))
        return CostCategoryLine(category, e, a, a - e, _pct(a - e, e), enote, anote, vnote)

    categories = (
        line("Labour", est["labour"], act["labour"],
             f"{hours_planned} h planned on the routing × operator rates (£32.00/h; £28.00/h at Dispatch)",
             f"{hours_actual} h booked on time logs, each at the rate frozen when it was booked",
             "Doors and drawer fronts took 10.75 h over: glazed-door rebates re-cut"),
        line("Machine", est["machine"], act["machine"],
             "Machine hours × each workstation's machine rate (CNC router £38.00/h)",
             "Booked machine hours × the rates at the time of booking"),
        line("Overhead", est["overhead"], act["overhead"],
             "Applied per labour hour by workstation (£10.00–£15.00/h; shop default £12.00/h)",
             "The same bases on the hours booked"),
        line("Materials", materials_est, materials_act,
             "Bill of materials at standard cost: oak, veneered MDF, glass, hardware, oil",
             "14 issues less 2 returns, at cost on the day of issue",
             "Toughened glass re-ordered (£186.40); oak price up 3% since the quote"),
        line("Other", other_est, other_act,
             "Fitting subcontract £3,000.00 (2 fitters × 5 days) + delivery £600.00",
             "Fitters' first 4 days invoiced £2,400.00; delivery not yet charged"),
    )
    total = line("Total", sum((c.estimate for c in categories), D(0)), sum((c.actual for c in categories), D(0)),
                 "Sum of the categories", "Sum of the categories")
    price = D("39750.00")
    return CostSheetData(
        job_number="J-2026-0042",
        title="Bespoke fitted kitchen in solid European oak",
        customer=BENNETT,
        quantity=1,
        status="In progress",
        as_of=datetime(2026, 5, 14, 17, 30),
        due_date=date(2026, 5, 29),
        categories=categories,
        total=total,
        operations=tuple(ops),
        price=price,
        price_note="Quote Q-2026-0012 rev 2 accepted at £38,500.00 + change order CO-2026-0003 £1,250.00 (before VAT)",
        estimated_margin=price - total.estimate,
        estimated_margin_pct=_pct(price - total.estimate, price),
        estimated_margin_note="Price − estimated cost",
        margin=price - total.actual,
        margin_pct=_pct(price - total.actual, price),
        margin_note="Price − actual cost to date; fitting, final inspection and dispatch still to be booked",
        change_orders=(
            CostChangeOrder("CO-2026-0003", "Add a 600 wine rack unit with oak lattice to the end of run A", "Approved",
                            D("1250.00"), D("640.00"), D("11"), "Mrs Bennett", date(2026, 4, 9),
                            "+3 days: 26 May → 29 May 2026", "11 h at the joinery bench + £236.00 oak and hardware"),
            CostChangeOrder("CO-2026-0005", "Swap brass bar handles for knurled knobs on the larder", "Proposed",
                            D("180.00"), D("95.00"), D("1.5"), "Mr Bennett", None, "", "Knobs £62.00 + 1.5 h fitting"),
        ),
        notes="Fitting started Mon 11 May 2026. The wine rack unit (CO-2026-0003) is included in op 070.",
    )


# -- certificate: the bandsaw retrofit ------------------------------------------------------------

RETROFIT_CUSTOMER = "Calder Valley Sawmills Ltd"
RETROFIT_SPEC = """\
Retrofit of a Startrite 352 bandsaw to current safety practice: replace the contactor starter with \
a safety relay and Category 0 emergency stop, add a braked motor (DC injection brake, stop within \
10 s with the blade running free), interlock the upper and lower wheel doors, fit a lockable \
isolator and an NVR switch.

Rewire in 1.5 mm² H07RN-F on the motor side; label every terminal. Work to BS EN 60204-1 and the \
maker's drawing SR352-E-04 rev C."""


def sample_certificate() -> CertificateData:
    """Bandsaw retrofit J-2026-0037: I/O check, e-stop response 0.32 s ≤ 0.5 s, 4-hour run test."""
    fri = datetime(2026, 3, 20, 10, 5)
    return CertificateData(
        certificate_number="COC-J-2026-0037",
        issue_date=date(2026, 3, 24),
        job_number="J-2026-0037",
        job_title="Bandsaw retrofit: safety relay, braked motor, interlocked doors",
        customer_name=RETROFIT_CUSTOMER,
        customer_address="Mytholm Works, Burnley Road\nHebden Bridge HX7 8NA",
        customer_reference="PO 44718",
        quantity=1,
        quantity_unit="machine",
        specification=RETROFIT_SPEC,
        checks=(
            CertificateCheck("I/O check: every input and output of the safety relay", "PASS", "Priya Shah", fri,
                             ("12 of 12 correct",), method="Against the I/O list SR352-E-04", stage="Op 060 Wire and test"),
            CertificateCheck("Protective earth continuity, motor frame to PE", "PASS", "Priya Shah", fri,
                             ("0.04", "0.05", "0.04"), "0.00", "≤ 0.1", "Ω", "Low-ohm meter, 10 A", "Op 060 Wire and test"),
            CertificateCheck("Insulation resistance, L–PE at 500 V DC", "PASS", "Priya Shah", fri,
                             ("> 200", "> 200"), "", "≥ 1", "MΩ", "Insulation tester", "Op 060 Wire and test"),
            CertificateCheck("Upper wheel door interlock stops the motor", "PASS", "Sam Ortiz", datetime(2026, 3, 20, 11, 30),
                             ("Stops", "Stops", "Stops"), method="Opened 3 times while running", stage="Final inspection"),
            CertificateCheck("Ø 25 mm ± 0.1 guide-post bore", "PASS", "Sam Ortiz", datetime(2026, 3, 23, 9, 10),
                             ("25.04", "25.06"), "25.00", "± 0.1", "mm", "Bore gauge", "Op 040 Bore guide post",
                             "Re-bored after NCR-2026-0007; first reading 25.14 mm failed"),
            CertificateCheck("Blade run-out at the table", "PASS", "Sam Ortiz", datetime(2026, 3, 23, 9, 25),
                             ("0.1", "0.08"), "0", "≤ 0.1", "mm", "Dial indicator", "Final inspection"),
        ),
        tests=(
            CertificateTest("Emergency stop response time", "≤ 0.5 s", "0.32 s", "PASS", "Priya Shah", datetime(2026, 3, 23, 14, 0),
                            "Timer on the e-stop contact and motor current; worst of 5 presses"),
            CertificateTest("Braked stop, blade running free", "≤ 10 s", "6.8 s", "PASS", "Priya Shah", datetime(2026, 3, 23, 14, 20),
                            "Stopwatch, 3 runs: 6.6 / 6.8 / 6.7 s"),
            CertificateTest("4-hour run test under load", "4 h without fault; bearing temperature rise ≤ 40 K", "4 h 00 min; rise 18 K",
                            "PASS", "Sam Ortiz", datetime(2026, 3, 23, 18, 45), "Resawing 150 mm oak at the maker's feed rate",
                            "No trips, no abnormal noise"),
        ),
        non_conformances=(
            CertificateNonConformance("NCR-2026-0007", "Guide-post bore 25.14 mm, outside Ø 25 mm ± 0.1", "Rework: re-bore and fit an oversize bush",
                                      "Closed", "Worn boring bar insert", "", "Sam Ortiz", date(2026, 3, 23)),
            CertificateNonConformance("NCR-2026-0008", "Door interlock label in English only; order asked for a pictogram label",
                                      "Use as is (concession)", "Closed", "Pictogram label out of stock",
                                      "C-2026-002 granted by J. Hartley (Calder Valley Sawmills), 23 Mar 2026", "Sam Ortiz", date(2026, 3, 23)),
        ),
        signed_by="Sam Ortiz",
        signatory_role="Workshop manager",
    )


# -- delivery note: the kitchen, installed on site -------------------------------------------------

def sample_delivery_note() -> DeliveryNoteData:
    items = (
        DeliveryItem("Base cabinet 600, drawer over door, soft-close", 4, "pcs", "Run A, positions A1–A4 (A3 sink base)"),
        DeliveryItem("Wall cabinet 800 x 720, glazed doors", 3, "pcs", "Run B, positions B1–B3"),
        DeliveryItem("Larder unit 600 x 2150 with pull-out drawers", 1, "pcs"),
        DeliveryItem("Wine rack unit 600 with oak lattice (CO-2026-0003)", 1, "pcs"),
        DeliveryItem("Oak stave worktop 40 mm, 3000 x 620, sink cut-out", 2, "pcs"),
        DeliveryItem("Oak scribe strips and cornice, 2.4 m lengths", 6, "pcs"),
        DeliveryItem("Osmo 3032 hardwax oil for aftercare", D("0.75"), "l", "Left with the customer with care instructions"),
    )
    return DeliveryNoteData(
        number="DN-J-2026-0042",
        job_number="J-2026-0042",
        job_title="Bespoke fitted kitchen in solid European oak",
        customer_name=BENNETT,
        customer_address=BENNETT_ADDRESS,
        delivery_address="The Old Rectory (side gate, 850 mm)\nChurch Lane, Heptonstall\nHebden Bridge HX7 7NX",
        customer_reference="Q-2026-0012 rev 2",
        delivery_date=date(2026, 5, 22),
        method="installed",
        items=items,
        delivered_by="Sam Ortiz, Jo Kwiatkowski",
        notes="Worktops oiled on site after fitting: no water on them for 24 hours. Brass handles (customer-supplied) fitted to all doors and drawers.",
    )


# -- traceability: the bandsaw retrofit's whole history -------------------------------------------

def sample_traceability() -> TraceabilityData:
    t = datetime
    events = (
        TraceEvent(t(2026, 3, 2, 8, 40), "status", "Draft → Released", "Sam Ortiz", "Released to the shop with 7 operations."),
        TraceEvent(t(2026, 3, 9, 9, 0), "operation", "010 Strip old starter and wiring", "Jo Kwiatkowski", "2.5 h booked (planned 3 h)."),
        TraceEvent(t(2026, 3, 9, 9, 0), "status", "Released → In progress", "Jo Kwiatkowski", "First time booked."),
        TraceEvent(t(2026, 3, 12, 15, 20), "operation", "040 Bore guide post Ø 25 mm", "Jo Kwiatkowski", "1.25 h booked."),
        TraceEvent(t(2026, 3, 12, 15, 45), "inspection", "Ø 25 mm ± 0.1 guide-post bore: FAIL", "Sam Ortiz", "Reading 25.14 mm (limit 25.10 mm). Bore gauge.", "Op 040"),
        TraceEvent(t(2026, 3, 12, 16, 0), "ncr", "Non-conformance raised: bore oversize", "Sam Ortiz", "Cause: worn boring bar insert. Disposition: rework — re-bore and fit an oversize bush (op 045 added, 1.5 h).", "NCR-2026-0007"),
        TraceEvent(t(2026, 3, 20, 10, 5), "inspection", "I/O check, earth continuity, insulation: PASS", "Priya Shah", "12 of 12 I/O correct; PE 0.04 / 0.05 / 0.04 Ω (≤ 0.1); insulation > 200 MΩ."),
        TraceEvent(t(2026, 3, 23, 9, 10), "inspection", "Ø 25 mm ± 0.1 guide-post bore: PASS", "Sam Ortiz", "Readings 25.04, 25.06 mm after rework.", "Op 045"),
        TraceEvent(t(2026, 3, 23, 9, 30), "ncr", "NCR closed after verification", "Sam Ortiz", "Rework verified by re-inspection.", "NCR-2026-0007"),
        TraceEvent(t(2026, 3, 23, 14, 0), "inspection", "Emergency stop response: PASS", "Priya Shah", "0.32 s ≤ 0.5 s, worst of 5 presses."),
        TraceEvent(t(2026, 3, 23, 18, 45), "inspection", "4-hour run test: PASS", "Sam Ortiz", "4 h 00 min under load; bearing temperature rise 18 K (≤ 40 K)."),
        TraceEvent(t(2026, 3, 24, 8, 30), "status", "Inspection → Complete", "Sam Ortiz", "Certificate COC-J-2026-0037 issued."),
        TraceEvent(t(2026, 3, 25, 11, 0), "delivery", "Installed on site", "Priya Shah", "Received by J. Hartley. Machine re-commissioned with the customer's operator.", "DN-J-2026-0037"),
        TraceEvent(t(2026, 3, 25, 11, 0), "status", "Complete → Delivered", "Priya Shah"),
        TraceEvent(t(2026, 4, 14, 9, 15), "ticket", "Ticket opened: NVR switch trips on start-up", "Sam Ortiz", "Under warranty. Action: replaced the NVR coil (£18.50). Closed 15 Apr 2026.", "T-2026-0003"),
    )
    return TraceabilityData(
        job_number="J-2026-0037",
        job_title="Bandsaw retrofit: safety relay, braked motor, interlocked doors",
        customer_name=RETROFIT_CUSTOMER,
        events=events,
        generated_at=datetime(2026, 4, 20, 16, 0),
        status="Delivered",
        created_on=date(2026, 2, 26),
        delivered_on=date(2026, 3, 25),
        warranty_until=date(2027, 3, 25),
    )
