"""A realistic sample job card for the printing tests and benchmarks (test data, not shipped).

Pure data plus one generated drawing; nothing here touches a database.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from workshop.printing.document import Letterhead
from workshop.printing.job_card_data import (InspectionCheck, JobCardData, JobCardImage, JobCardMaterial,
                                             JobCardOperation)

SAMPLE_LETTERHEAD = Letterhead(
    name="Oakbridge Joinery & Metalwork Ltd",
    address="Unit 4, Millbrook Trading Estate\nStation Road, Hebden Bridge HX7 8AB",
    tax_number="GB 123 4567 89",
    tax_label="VAT No.",
    contact="01422 555 0142 · workshop@oakbridge.example",
)

SPECIFICATION = """\
Fitted kitchen in solid European oak (FSC), Shaker style, for the ground-floor kitchen at 14 Alder \
Grove. Carcasses in 18 mm oak-veneered MDF with 8 mm back panels; all exposed edges lipped in solid \
oak, 2 mm radius. Face frames and doors in solid oak, quarter-sawn where the grain shows, 22 mm \
finished thickness, 5/8 in. bead on the inside of each frame.

Run A (window wall): four base cabinets 600 wide with one drawer over one door; sink base to take \
a Belfast sink 595 x 455 — check the sink on site before cutting the worktop aperture. Run B: three \
wall cabinets 800 wide x 720 high with glazed doors (toughened, 4 mm) and one fixed shelf each.

Worktops: 40 mm oak stave, full-stave, finished on all faces before fitting; undermount sink cut-out \
with drainer grooves (5 grooves, 8 mm wide, falling 3 mm to the sink). Ø 35 mm tap hole at 280 mm \
from the left edge of the sink cut-out, ± 2 mm.

Finish: two coats of hardwax oil, satin (Osmo 3032), de-nib between coats; inside of carcasses one \
coat. Handles: brushed brass bar, 160 mm centres, customer-supplied — confirm arrival before op 100.

Site: walls out of plumb by up to 12 mm over 2.4 m on the window wall; allow 20 mm scribe on the left \
end panel. Customer asks for soft-close on all doors and drawers. Deliver and fit in one visit; \
access through the side gate (width 850 mm)."""


def sample_drawing_png(width: int = 1200, height: int = 800) -> bytes:
    """A simple elevation drawing of the kitchen run, as PNG bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    sx = width / 3000
    base_y, worktop = int(height * 0.92), int(height * 0.55)

    def box(x0, y0, x1, y1, w=3):
        draw.rectangle([int(x0), int(y0), int(x1), int(y1)], outline="black", width=w)

    box(60, worktop - 14, width - 60, worktop + 6, 4)  # worktop
    x = 60.0
    for _ in range(4):  # base cabinets
        w = 600 * sx * 0.9
        box(x, worktop + 6, x + w, base_y)
        box(x + 10, worktop + 16, x + w - 10, worktop + 70, 2)  # drawer
        box(x + 10, worktop + 80, x + w - 10, base_y - 10, 2)  # door
        draw.line([int(x + w / 2 - 30), worktop + 43, int(x + w / 2 + 30), worktop + 43], fill="black", width=4)
        x += w
    x = 100.0
    for _ in range(3):  # wall cabinets
        w = 800 * sx * 0.9
        box(x, 60, x + w, worktop - 140)
        box(x + 12, 72, x + w - 12, worktop - 152, 2)
        x += w + 10
    draw.line([60, height - 20, width - 60, height - 20], fill="black", width=2)
    draw.text((width // 2 - 60, height - 18), "3000", fill="black")
    return _png(image)


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _op(number, name, station, instructions, setup, run, quantity=1, operator="", inspect=False, checks=()):
    setup, run = Decimal(setup), Decimal(run)
    return JobCardOperation(
        op_number=number,
        sequence=number,
        name=name,
        workstation=station,
        instructions=instructions,
        setup_minutes=setup,
        run_minutes_per_unit=run,
        total_planned_minutes=setup + run * quantity,
        operator=operator,
        inspection_required=inspect,
        checks=tuple(checks),
    )


KITCHEN_OPERATIONS = (
    _op(10, "Check drawings and site survey", "Office", "Confirm sizes against the site survey; mark scribe allowances on the cutting list.", 0, 45, operator="Sam Ortiz"),
    _op(20, "Cut carcass panels", "Panel saw", "Cut sides, bases, tops and shelves from 18 mm oak-veneered MDF to the cutting list. Grain vertical on sides.", 20, 180, operator="Jo Kwiatkowski"),
    _op(30, "Edge-band carcass panels", "Edgebander", "2 mm oak lipping on all front edges; trim flush, radius 2 mm.", 15, 90),
    _op(40, "CNC: hinge bores, shelf pins, dados", "CNC router", "Program KIT-0042-A. Ø 35 mm hinge cups 22 mm from the edge; 5 mm shelf pins at 32 mm pitch.", 25, 120, operator="Jo Kwiatkowski"),
    _op(50, "Machine oak for face frames and doors", "Planer / thicknesser", "Plane to 22 mm ± 0.2; rip and cross-cut rails and stiles; keep offcuts for lipping.", 20, 150),
    _op(60, "Assemble carcasses", "Assembly bench", "Glue and screw; check diagonals before the glue sets. Fit back panels.", 10, 240, operator="Priya Shah", inspect=True,
        checks=(InspectionCheck("Carcass diagonals (difference)", "0", "≤ 1", "mm", "Tape"),)),
    _op(70, "Make doors and drawer fronts", "Joinery bench", "Mortise and tenon frames, fielded panels free to move. Glazed doors: rebate 10 x 6 mm for 4 mm glass.", 30, 420, operator="Priya Shah"),
    _op(80, "Sand all oak parts", "Sanding station", "120 then 180 grit; break all arrises. Raise the grain with a damp cloth, de-nib at 240.", 10, 180),
    _op(90, "Finish: hardwax oil, 2 coats", "Finishing room", "Osmo 3032 satin. Thin coats; 12 h between coats at 18 °C or more. Inside of carcasses one coat.", 15, 240, inspect=True),
    _op(100, "Fit hardware and doors", "Assembly bench", "Blum soft-close hinges and runners; adjust door gaps to 3 mm; fit brass bar handles (customer-supplied).", 10, 150, operator="Sam Ortiz"),
    _op(110, "Final inspection", "Inspection bay", "Check finish under raking light; all doors and drawers open, close and align.", 0, 45, inspect=True,
        checks=(InspectionCheck("Door gaps", "3", "± 0.5", "mm", "Feeler gauge"),
                InspectionCheck("Worktop thickness", "40", "± 0.3", "mm", "Vernier"))),
    _op(120, "Wrap, label and load", "Dispatch", "Corner protectors on every door; label each unit with its run and position (A1–A4, B1–B3).", 10, 60),
)

KITCHEN_MATERIALS = (
    JobCardMaterial("SA-BC600", "Base cabinet 600", 4, "pcs", 0, True),
    JobCardMaterial("MDF-OAK-18", "Oak-veneered MDF 18 mm, 2440 x 1220", Decimal("1.5"), "sheet", 1),
    JobCardMaterial("MDF-OAK-8", "Oak-veneered MDF 8 mm back panel", Decimal("0.5"), "sheet", 1),
    JobCardMaterial("SA-DOOR-600", "Door and drawer front set 600", 1, "set", 1, True),
    JobCardMaterial("OAK-22", "Oak, quarter-sawn, 22 mm finished", Decimal("0.035"), "m³", 2),
    JobCardMaterial("HW-BLUM-110", "Blum Clip Top 110° soft-close hinge", 2, "pcs", 2),
    JobCardMaterial("HW-RUNNER-500", "Blum Tandem runner 500 mm, pair", 1, "pair", 1),
    JobCardMaterial("SA-WC800", "Wall cabinet 800", 3, "pcs", 0, True),
    JobCardMaterial("MDF-OAK-18", "Oak-veneered MDF 18 mm, 2440 x 1220", Decimal("1.2"), "sheet", 1),
    JobCardMaterial("GL-TOUGH-4", "Toughened glass 4 mm, 640 x 280", 2, "pcs", 1),
    JobCardMaterial("HW-BLUM-110", "Blum Clip Top 110° soft-close hinge", 4, "pcs", 1),
    JobCardMaterial("WT-OAK-40", "Oak stave worktop 40 mm, 3000 x 620", 2, "pcs", 0),
    JobCardMaterial("FIN-OSMO-3032", "Osmo hardwax oil 3032 satin", Decimal("2.5"), "l", 0),
    JobCardMaterial("HW-HANDLE-160", "Brushed brass bar handle Ø 12 mm, 160 mm c/c (customer-supplied)", 14, "pcs", 0),
)


def sample_job_card(*, with_image: bool = True) -> JobCardData:
    """The demo kitchen job: 12 operations, a two-level BOM, a drawing."""
    image = JobCardImage(sample_drawing_png(), "image", "kitchen-elevation-run-A.png") if with_image else None
    return JobCardData(
        job_number="J-2026-0042",
        title="Bespoke fitted oak kitchen",
        customer="Harrow & Finch Interiors",
        quantity=1,
        quantity_unit="set",
        due_date=date(2026, 4, 17),
        priority="High",
        status="Released",
        printed_at=datetime(2026, 3, 2, 9, 15),
        specification=SPECIFICATION,
        materials=KITCHEN_MATERIALS,
        operations=KITCHEN_OPERATIONS,
        image=image,
        notes="Customer (Mrs Finch) prefers calls before 10:00. Keep all oak offcuts over 300 mm for the matching shelf.",
    )


__all__ = ["SAMPLE_LETTERHEAD", "sample_drawing_png", "sample_job_card"]
