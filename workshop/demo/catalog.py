"""The demo shop's fixed data: a furniture and metalwork business in the English Midlands."""

from __future__ import annotations

COMPANY = dict(
    company_name="Oakridge Joinery & Metalwork Ltd",
    address="Unit 4, Canal Side Works\nBridge Street\nStourport-on-Severn DY13 8XB",
    phone="01299 555 014", email="workshop@oakridge.example", tax_number="GB 284 1190 62",
    currency="GBP", locale="en_GB", default_tax_rate="20",
    # What an e-invoice states about the seller (EN 16931): its country, and the account to pay into
    # (the well-formed test IBAN of the IBAN registry's GB example, and its bank's BIC).
    country="GB", iban="GB33BUKB20201555555555", bic="BUKBGB22", payment_terms_days=30,
)

# How the shop's rates are named in Xero and QuickBooks (UK defaults), so the month exports as it is.
TAX_CODES = [
    dict(category="standard", rate="20", xero_tax_type="20% (VAT on Income)", xero_account_code="200",
         quickbooks_tax_code="20.0% S"),
    dict(category="zero", rate="0", xero_tax_type="Zero Rated Income", xero_account_code="200",
         quickbooks_tax_code="0.0% Z"),
]

# code, name, kind, machine rate, labour rate, overhead rate, basis, capacity h/day
WORKSTATIONS = [
    ("SAW", "Panel saw", "machine", "14.00", "30.00", "9.00", "per_machine_hour", "8"),
    ("CNC", "CNC router", "machine", "38.00", "34.00", "22.00", "per_machine_hour", "14"),
    ("MOULD", "Spindle moulder", "machine", "16.00", "32.00", "8.00", "per_machine_hour", "7"),
    ("BENCH", "Assembly bench", "manual", "0.00", "29.00", "6.50", "per_labour_hour", "24"),
    ("SPRAY", "Spray booth", "machine", "12.00", "30.00", "45.00", "percent_of_labour", "7"),
    ("WELD", "MIG weld bay", "machine", "9.00", "33.00", "7.50", "per_labour_hour", "8"),
    ("BRAKE", "Press brake", "machine", "21.00", "32.00", "11.00", "per_machine_hour", "7"),
    ("QC", "Inspection", "inspection", "0.00", "36.00", "4.00", "per_labour_hour", "7"),
]

# name, hourly rate, workstation codes
OPERATORS = [
    ("Anna Kowalska", "34.00", ["CNC", "SAW", "MOULD", "QC"]),
    ("Tom Reed", "27.50", ["SAW", "BENCH", "MOULD"]),
    ("Priya Shah", "31.00", ["SPRAY", "BENCH", "QC"]),
    ("Gareth Lloyd", "33.00", ["WELD", "BRAKE", "BENCH"]),
    ("Marek Nowak", "29.00", ["WELD", "BRAKE", "SAW"]),
    ("Ellie Turner", "24.00", ["BENCH", "SPRAY", "SAW"]),
]

# code, name, unit, unit cost, stock, reorder level
MATERIALS = [
    ("OAK-20", "European oak, 20 mm, planed", "m2", "78.00", "46", "15"),
    ("OAK-27", "European oak, 27 mm, planed", "m2", "96.50", "38", "12"),
    ("OAK-VEN-MDF", "Oak-veneered MDF 18 mm", "sheet", "64.00", "30", "8"),
    ("WAL-27", "American black walnut, 27 mm", "m2", "142.00", "12", "4"),
    ("ASH-27", "Ash, 27 mm, planed", "m2", "71.00", "20", "6"),
    ("MDF-18", "MDF 18 mm, 2440×1220", "sheet", "32.50", "60", "20"),
    ("MDF-MR-18", "Moisture-resistant MDF 18 mm", "sheet", "41.00", "25", "10"),
    ("PLY-BIRCH-18", "Birch plywood 18 mm", "sheet", "58.00", "35", "10"),
    ("PLY-BIRCH-12", "Birch plywood 12 mm", "sheet", "44.00", "28", "10"),
    ("HDF-3", "HDF back panel 3 mm", "sheet", "9.80", "80", "20"),
    ("EDGE-OAK", "Oak edging tape 22 mm", "m", "0.42", "900", "200"),
    ("HNG-SC", "Hinge 35 mm soft-close, clip-on", "ea", "4.20", "320", "80"),
    ("RUN-500", "Drawer runner 500 mm, full extension", "pair", "18.60", "64", "20"),
    ("HDL-BR-160", "Handle, brushed brass, 160 mm", "ea", "12.40", "90", "24"),
    ("LEG-ADJ", "Adjustable cabinet leg 100–150 mm", "ea", "1.35", "400", "100"),
    ("SCR-4X40", "Screw 4×40 mm, box of 200", "box", "7.90", "40", "10"),
    ("DOWEL-8", "Fluted dowel 8×40 mm, bag of 100", "bag", "3.60", "30", "8"),
    ("GLUE-PVA", "PVA D3 glue, 1 l", "l", "8.75", "24", "6"),
    ("OIL-HW", "Hardwax oil, 2.5 l", "tin", "74.00", "10", "3"),
    ("LAC-2K", "2K lacquer, matt, 5 l", "tin", "118.00", "6", "2"),
    ("PNT-RAL", "Paint, RAL colour match, 1 l", "l", "26.00", "14", "4"),
    ("QTZ-30", "Quartz worktop 30 mm (supplied)", "m", "310.00", "0", "0"),
    ("SS304-40", "Stainless tube 304, Ø42.4×2 mm", "m", "21.80", "120", "30"),
    ("SS304-BAR", "Stainless flat bar 304, 40×8 mm", "m", "17.40", "60", "20"),
    ("SS316-FIX", "316 wall fixing bracket", "ea", "14.90", "48", "12"),
    ("MS-RHS-60", "Mild steel RHS 60×40×3 mm", "m", "9.60", "150", "40"),
    ("MS-SHEET-3", "Mild steel sheet 3 mm, 2500×1250", "sheet", "148.00", "12", "4"),
    ("MS-SHEET-1.5", "Mild steel sheet 1.5 mm, 2500×1250", "sheet", "86.00", "14", "4"),
    ("WIRE-MIG", "MIG wire 0.8 mm, 15 kg reel", "reel", "44.00", "8", "2"),
    ("GAS-ARCO", "Argon/CO₂ shielding gas, cylinder", "cyl", "62.00", "4", "1"),
    ("PWD-COAT", "Powder coating (subcontract, per m²)", "m2", "18.00", "0", "0"),
    ("BOLT-M10", "Bolt M10×40, A4 stainless, box of 50", "box", "22.50", "16", "4"),
    ("ANCH-M10", "Chemical anchor M10 kit", "ea", "6.80", "60", "15"),
    ("PLC-S7", "PLC, compact, 24 DI/16 DO", "ea", "685.00", "2", "1"),
    ("HMI-7", "HMI touch panel 7\"", "ea", "420.00", "2", "1"),
    ("VFD-4KW", "Variable-frequency drive 4 kW", "ea", "515.00", "1", "1"),
    ("ESTOP-KIT", "Emergency-stop circuit kit (relay, buttons)", "kit", "168.00", "3", "1"),
    ("CABLE-4C", "Flex cable 4-core 1.5 mm², 50 m", "roll", "92.00", "5", "2"),
    ("ENCL-600", "Steel enclosure 600×600×250", "ea", "236.00", "2", "1"),
    ("GUARD-MESH", "Machine guard mesh panel 1000×1000", "ea", "74.00", "8", "2"),
]

# template name, description, steps: (name, workstation, setup min, run min/unit, inspection, instructions)
TEMPLATES = [
    ("Oak dining table", "Solid oak table, frame and top", [
        ("Cut and dimension stock", "SAW", "20", "45", False, "Select boards for top; match grain."),
        ("Mould edges and legs", "MOULD", "30", "40", False, "Ovolo profile on top edge."),
        ("Machine joints", "CNC", "25", "35", False, "Mortises for legs; dominoes for top."),
        ("Glue up and assemble", "BENCH", "15", "180", False, "Clamp overnight; check for square."),
        ("Sand and oil", "SPRAY", "10", "120", False, "Three coats hardwax oil, 240 grit between."),
        ("Final inspection", "QC", "5", "20", True, "Flatness, finish, dimensions."),
    ]),
    ("Stainless handrail", "Brushed 304 handrail with wall brackets", [
        ("Cut tube and bar", "SAW", "15", "12", False, "Square cuts; deburr."),
        ("Bend and form", "BRAKE", "30", "15", False, "Check radius against template."),
        ("Weld brackets and returns", "WELD", "20", "35", True, "TIG-quality finish on visible joints."),
        ("Grind and brush", "BENCH", "10", "40", False, "240 grit brushed, grain along rail."),
        ("Final inspection", "QC", "5", "10", True, "Load test per BS 6180 where specified."),
    ]),
    ("Fitted cabinet run", "Carcasses, doors and finish for fitted furniture", [
        ("Cut panels", "SAW", "20", "25", False, "Nest for minimum waste."),
        ("CNC machine panels", "CNC", "30", "20", False, "Hinge bores, shelf pins, grooves."),
        ("Assemble carcasses", "BENCH", "15", "50", False, "Square, level, scribe strips fitted."),
        ("Spray finish", "SPRAY", "30", "35", False, "Primer + two top coats."),
        ("Pre-delivery inspection", "QC", "10", "15", True, "Doors aligned, finish free of defects."),
    ]),
]

# name, contact, email domain, phone, address
CUSTOMERS = [
    ("Harrow & Finch Interiors", "Ruth Harrow", "harrowfinch.example", "01632 960123", "12 Mill Lane\nLudlow SY8 1BB"),
    ("The Old Rectory (Mr & Mrs Bennett)", "Claire Bennett", "bennett-family.example", "01632 960456", "The Old Rectory\nChurch Road\nBewdley DY12 2AA"),
    ("Severn Valley Brewing Co.", "Dan Whitlock", "svbrew.example", "01632 960789", "Unit 9, Riverside\nBridgnorth WV16 4QR"),
    ("Kowalczyk Engineering Sp. z o.o.", "Paweł Kowalczyk", "kowalczyk-eng.example", "+48 42 555 0134", "ul. Piotrkowska 112\n90-006 Łódź"),
    ("Wyre Forest District Council", "Facilities Team", "wyreforest.example", "01562 555 010", "Civic Centre\nKidderminster DY11 7WF"),
    ("Malvern Hills Hotel", "Sophie Grant", "malvernhillshotel.example", "01684 555 221", "Jubilee Drive\nMalvern WR13 6DW"),
    ("J&C <b>Ltd</b>", "Jo Chambers", "jandc.example", "01632 960999", "3 Market Square\nTenbury Wells WR15 8BL"),
    ("Hartlebury Precision Castings", "Mike Evans", "hpcastings.example", "01299 555 300", "Hartlebury Trading Estate\nKidderminster DY10 4JB"),
    ("St Mary's Church, Kidderminster", "Rev. Alan Pryce", "stmaryskidd.example", "01562 555 402", "Church Street\nKidderminster DY10 2AW"),
    ("Dr Olusegun Adeyemi", "Olusegun Adeyemi", "adeyemi.example", "07700 900 311", "5 Orchard Close\nHagley DY9 0LS"),
    ("The Potting Shed Café", "Nina Morris", "pottingshed.example", "01299 555 512", "Garden Centre, Stourport Road\nBewdley DY12 1PP"),
    ("Greenway Architects LLP", "Imogen Clarke", "greenway-arch.example", "0121 496 0170", "14 Newhall Street\nBirmingham B3 3LX"),
    ("Mr Patrick O'Sullivan", "Patrick O'Sullivan", "osullivan.example", "07700 900 455", "Rose Cottage\nAbberley WR6 6AY"),
    ("Wolverley Marina", "Steve Harper", "wolverleymarina.example", "01562 555 611", "Lock Lane\nWolverley DY11 5XY"),
    ("Bromsgrove School Estates", "Karen Lee", "bromsgrove-school.example", "01527 555 700", "Worcester Road\nBromsgrove B61 7DU"),
    ("Ms Françoise Dubois", "Françoise Dubois", "dubois.example", "07700 900 588", "The Granary\nShelsley Beauchamp WR6 6RA"),
    ("Clent Hills Dental Practice", "Dr Raj Patel", "clentdental.example", "01562 555 804", "High Street\nClent DY9 9PN"),
    ("Stourbridge Glass Museum", "Helen Price", "glassmuseum.example", "01384 555 900", "Wordsley\nStourbridge DY8 4FB"),
    ("Midland Food Machinery Ltd", "Chris Dale", "midlandfood.example", "0121 496 0412", "Tyseley Industrial Estate\nBirmingham B11 2BE"),
    ("Mrs Aoife Brennan", "Aoife Brennan", "brennan.example", "07700 900 623", "2 Vicarage Gardens\nOmbersley WR9 0EW"),
    ("Worcester Rowing Club", "Sam Fielding", "worcesterrowing.example", "01905 555 117", "Pitchcroft\nWorcester WR1 3EH"),
    ("The Lakeside Barn (weddings)", "Georgia Hall", "lakesidebarn.example", "01299 555 633", "Astley Burf\nStourport DY13 0RT"),
    ("Dr Hannah Schäfer", "Hannah Schäfer", "schaefer.example", "07700 900 744", "11 Lickhill Road\nStourport DY13 8RL"),
    ("Kinver Edge Joinery Supplies", "Rob Taylor", "kinversupplies.example", "01384 555 821", "Enville Road\nKinver DY7 6BA"),
    ("Mr Tomasz Zieliński", "Tomasz Zieliński", "zielinski.example", "07700 900 862", "Flat 3, 40 Bridge Street\nStourport DY13 8UX"),
]

# What some customers' billing details add to the above (everyone else: in the shop's country, no
# VAT number): the country an address is in is a field of its own, printed when it is not the shop's.
CUSTOMER_DETAILS = {
    "Kowalczyk Engineering Sp. z o.o.": dict(country="PL", tax_number="PL7251801126"),
    "Harrow & Finch Interiors": dict(tax_number="GB 412 7753 59"),
    "Severn Valley Brewing Co.": dict(tax_number="GB 663 0218 59"),
    "Hartlebury Precision Castings": dict(tax_number="GB 339 0417 62"),
    "Greenway Architects LLP": dict(tax_number="GB 771 5042 42"),
    "Midland Food Machinery Ltd": dict(tax_number="GB 508 2936 39"),
}

# Typical commissions: title, template (or None), workstations used for hand-built routing, spec
COMMISSIONS = [
    ("Oak dining table, 2.2 m, seats eight", "Oak dining table", "Solid European oak top 2200×1000×40 mm on trestle base; hardwax oil, satin."),
    ("Walnut coffee table with drawer", "Oak dining table", "Black walnut 1100×600, single drawer on full-extension runners; oiled."),
    ("Stainless handrail to church steps", "Stainless handrail", "Brushed 304 handrail Ø42.4 mm, 6.2 m run in two sections, wall brackets at 1.2 m centres."),
    ("Balcony balustrade, stainless and glass", "Stainless handrail", "Posts and top rail in 316; clamps for 10 mm toughened glass (glass by others)."),
    ("Fitted wardrobes, two bays", "Fitted cabinet run", "Two-bay sprayed MDF wardrobe, 2400 h, scribed to sloping ceiling."),
    ("Alcove bookcases and cupboards", "Fitted cabinet run", "Pair of alcove units, cupboards below, adjustable shelves above; RAL 7035."),
    ("Reception desk, oak and steel", None, "Curved oak-veneered front on powder-coated steel frame; cable management."),
    ("Bar counter and back bar", "Fitted cabinet run", "Taproom bar counter 4.8 m with oak top; back bar shelving with LED channels."),
    ("Machine guard panels, food line", None, "Mesh guard panels with interlocked doors for packing line; powder-coated yellow."),
    ("Oak staircase balustrade", None, "Oak newels, handrail and spindles to existing stair; stained to match floor."),
    ("Garden gates, pair, steel", None, "Pair of hot-dip galvanised and powder-coated driveway gates, 3.6 m opening."),
    ("Boardroom table in ash", "Oak dining table", "Ash table 3600×1200 in two sections with cable ports; lacquered."),
    ("Display cabinets for museum", "Fitted cabinet run", "Three glazed display cabinets, lockable, conservation-grade finish."),
    ("Boat-house storage racks", None, "Galvanised steel racks for 8 rowing shells; padded arms."),
    ("Window seat with drawers", "Fitted cabinet run", "Painted window seat 1800 wide, two deep drawers, upholstered cushion by others."),
]

KITCHEN_SPEC = (
    "Bespoke fitted kitchen in European oak for a listed farmhouse with out-of-square walls.\n"
    "• 9 base cabinets and 6 wall cabinets at NON-STANDARD sizes (bases 540–820 mm wide, 620 mm deep to clear "
    "the old stone plinth; wall units 380 mm deep), all scribed to walls that are up to 25 mm out of plumb.\n"
    "• Doors: solid oak frame-and-panel, 22 mm, with a hand-cut bead.\n"
    "• Special finish: fumed oak (ammonia fuming), then two coats of matt hardwax oil — sample board to be "
    "signed off by the customer before the finish run.\n"
    "• Larder unit 2150 h with spice racks; island 2400×1000 with overhang for three stools.\n"
    "• Quartz worktops supplied by others; we template after carcasses are fitted.\n"
    "• Installation on site over 5 days: level on adjustable legs, scribe, fix, hang doors, adjust."
)

RETROFIT_SPEC = (
    "Retrofit of a 1987 horizontal bandsaw (Kasto) with new controls for Midland Food Machinery.\n"
    "• Strip the old relay panel; new steel enclosure with compact PLC, 7\" HMI and 4 kW VFD on the blade motor.\n"
    "• Mechanical: new guarding to current standards, interlocked lid, re-machine the vice jaw mounting.\n"
    "• Electrical and mechanical integration: new limit switches, e-stop circuit (category 3), cable runs in "
    "new trunking.\n"
    "• Testing: I/O check, e-stop response time, guard interlock test, 4-hour run test at full load.\n"
    "• Commissioning on the customer's site, operator training, and a handover pack (drawings, manual, "
    "test records)."
)
