"""The command line's costing reports and printed documents: the JSON, the text and the PDF
show the figures worked out by hand, to the penny."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from workshop.cli import build_parser, main
from workshop.printing.money_text import money, percent, signed_money
from workshop.services import bookings, briefs, change_orders, customers, jobs, quotes, routing


def _text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(path.read_bytes())).pages))


def gbp(text) -> str:
    return money(D(text), "GBP", "en_GB")


@pytest.fixture
def url(db) -> str:
    return db.url.render_as_string(hide_password=False)


@pytest.fixture
def costed(db, shop):
    """The sample job with a budget, its template routing, time by two operators, materials, a
    delivery cost and an approved change order."""
    job = shop.job
    jobs.update_job(db, job.id, budget="1250.00")
    routing.apply_template(db, job.id, shop.template.id)
    for action in ("release", "start"):
        jobs.change_status(db, job.id, action)
    cut, assemble, oil = routing.list_operations(db, job.id)
    bookings.log_time(db, cut.id, shop.anna.id, minutes="65", mark_done=True)
    bookings.log_time(db, assemble.id, shop.tom.id, minutes="47")
    bookings.log_time(db, oil.id, shop.anna.id, minutes="13")
    bookings.issue_material(db, job.id, material_id=shop.oak.id, quantity="2.2")
    bookings.add_other_cost(db, job.id, category="delivery", description="Van", amount="38.40")
    co = change_orders.create_change_order(db, job.id, description="Extra drawer", price_change="95.00",
                                           hours=[dict(workstation_id=shop.bench.id, minutes="30")])
    change_orders.approve_change_order(db, co.id)
    return job


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("gui", "demo", "check", "screenshot", "print", "job-cost", "report"):
        assert command in out
    with pytest.raises(SystemExit):
        main(["print", "--help"])
    out = capsys.readouterr().out
    for document in ("job-card", "quote", "cost-sheet", "certificate", "delivery-note", "traceability"):
        assert document in out
    args = build_parser().parse_args(["print", "quote", "Q-2026-0012", "--rev", "2", "-o", "q.pdf"])
    assert (args.document, args.number, args.rev, args.output) == ("quote", "Q-2026-0012", 2, "q.pdf")
    assert build_parser().parse_args(["--db", "x.db", "report", "wip"]).db == "x.db"  # not reset by the command


#: The costed job's cost sheet worked out by hand (the shop: tests/conftest.py). Quantity 2.
#: Estimate, at the workstations' rates (no operator on the operations), each line rounded once:
#:   010 Cut panels (SAW) 15 + 2 × 20 = 55 min: labour 55/60 × 30 = 27.50, machine × 18 = 16.50,
#:       overhead 12 per machine hour = 11.00                                       → 55.00
#:   020 Assemble carcass (BENCH) 10 + 2 × 45 = 100 min: labour 100/60 × 28 = 46.666… → 46.67,
#:       overhead 6.50 per labour hour = 10.833… → 10.83                            → 57.50
#:   030 Check and oil (BENCH) 5 + 2 × 15 = 35 min: labour 16.333… → 16.33, overhead 3.791… → 3.79 → 20.12
#:   040 the change order's 30 min at the BENCH: labour 14.00, overhead 3.25                  → 17.25
#:   labour 27.50 + 46.67 + 16.33 + 14.00 = 104.50; machine 16.50; overhead 11.00 + 10.83 + 3.79 + 3.25
#:   = 28.87; no bill of materials; total 149.87
#: Actual, at the rates booked:
#:   Anna 65 min at the saw: labour 65/60 × 32 = 34.666… → 34.67, machine 19.50, overhead 13.00 → 67.17
#:   Tom 47 min at the bench: labour 47/60 × 26 = 20.366… → 20.37, overhead 5.091… → 5.09    → 25.46
#:   Anna 13 min at the bench: labour 13/60 × 32 = 6.933… → 6.93, overhead 1.408… → 1.41      → 8.34
#:   oak 2.2 × 85.50 = 188.10; the van 38.40
#:   labour 34.67 + 20.37 + 6.93 = 61.97; machine 19.50; overhead 13.00 + 5.09 + 1.41 = 19.50;
#:   total 61.97 + 19.50 + 19.50 + 188.10 + 38.40 = 327.47
#: The estimate for the work done: cut is done (all of it), assemble 47 of 100 min, oil 13 of 35,
#: the change's operation not started:
#:   labour 27.50 + 46.666… × 0.47 = 21.93 + 16.333… × 13/35 = 6.07 → 55.50; machine 16.50;
#:   overhead 11.00 + 10.833… × 0.47 = 5.09 + 3.791… × 13/35 = 1.41 → 17.50; materials and other:
#:   nothing estimated, so 0.00; total 89.50 (89.50 / 149.87 = 59.718…% of the estimate)
#: The work at the estimate's rates: labour 65 × 30 + 47 × 28 + 13 × 28 per hour = 32.50 + 21.93
#: + 6.07 = 60.50, so rate 61.97 − 60.50 = 1.47 and usage 60.50 − 55.50 = 5.00; machine and overhead
#: were booked at the estimate's rates: all usage; the oak and the van were not estimated: all usage.
HAND_CATEGORIES = [  # label, estimate, work done, actual, variance, variance %, rate, usage
    ("Labour", "104.50", "55.50", "61.97", "6.47", "11.66", "1.47", "5.00"),  # 6.47 / 55.50 = 11.657…%
    ("Machine", "16.50", "16.50", "19.50", "3.00", "18.18", "0.00", "3.00"),  # 3.00 / 16.50 = 18.181…%
    ("Overhead", "28.87", "17.50", "19.50", "2.00", "11.43", "0.00", "2.00"),  # 2.00 / 17.50 = 11.428…%
    ("Materials", "0.00", "0.00", "188.10", "188.10", None, "0.00", "188.10"),  # no work done to divide by
    ("Other direct costs", "0.00", "0.00", "38.40", "38.40", None, "0.00", "38.40"),
    ("Total", "149.87", "89.50", "327.47", "237.97", "265.89", "1.47", "236.50"),  # 237.97 / 89.50 = 265.888…%
]
HAND_OPERATIONS = [  # operation, planned hours, booked hours, estimate, actual
    ("010 Cut panels", "0.92", "1.08", "55.00", "67.17"),  # 55 min = 0.916… h; 65 min = 1.083… h
    ("020 Assemble carcass", "1.67", "0.78", "57.50", "25.46"),  # 100 min; 47 min = 0.783… h
    ("030 Check and oil", "0.58", "0.22", "20.12", "8.34"),  # 35 min; 13 min = 0.216… h
    ("040 Change 1: Assembly bench", "0.50", "0.00", "17.25", "0.00"),
]


def test_job_cost_json_text_and_pdf_show_the_figures_worked_out_by_hand(db, url, costed, capsys, tmp_path):
    assert main(["job-cost", costed.number, "--json", "--db", url]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["job"], report["title"], report["customer"], report["status"], report["quantity"]) == (
        costed.number, "Oak dresser", "Harrow & Finch Interiors", "in_progress", 2)
    assert report["price"] == "1345.00"  # 1,250.00 + the approved change 95.00
    assert [(r["label"], r["estimate"], r["work_done"], r["actual"], r["variance"], r["variance_pct"],
             r["rate_variance"], r["usage_variance"]) for r in (*report["categories"], report["total"])] == \
        HAND_CATEGORIES
    assert [(o["operation"], o["planned_hours"], o["booked_hours"], o["estimate"], o["actual"])
            for o in report["operations"]] == HAND_OPERATIONS
    assert report["unit_cost"] == {"estimate": "74.94", "actual": "163.74"}  # 149.87 / 2 = 74.935; 327.47 / 2
    # planned 55 + 100 + 35 + 30 = 220 min = 3.67 h; booked 65 + 47 + 13 = 125 min = 2.08 h; 125 / 220 = 56.818…%
    assert report["hours"] == {"planned": "3.67", "booked": "2.08", "percent_complete": "56.82"}
    assert report["work_done"]["complete"] is False and report["work_done"]["percent_of_estimate"] == "59.72"
    # estimated: 1345.00 − 149.87 = 1195.13, 1195.13 / 1345.00 = 88.857…%; on the work done: the price's
    # share 1345.00 × 89.50 / 149.87 = 803.212… → 803.21, − 327.47 = 475.74, 475.74 / 803.21 = 59.230…%
    margin = report["margin"]
    assert (margin["estimated"]["amount"], margin["estimated_pct"]) == ("1195.13", "88.86")
    assert (margin["actual"]["amount"], margin["actual_pct"]) == ("475.74", "59.23")
    assert report["margin_label"] == "Margin on the work done"  # the job is under way

    assert main(["--db", url, "print", "cost-sheet", costed.number, "-o", str(tmp_path / "cs.pdf")]) == 0
    text = _text(tmp_path / "cs.pdf")
    for label, estimate, done, actual, var, pct, rate, usage in HAND_CATEGORIES:  # against the work done (issue 9)
        line = (f"{label} {gbp(estimate)} {gbp(done)} {gbp(actual)} {signed_money(D(var), 'GBP')} "
                f"{percent(None if pct is None else D(pct), signed=True)} "
                f"{signed_money(D(rate), 'GBP')} {signed_money(D(usage), 'GBP')}")
        assert line in text, line
    assert "Labour £104.50 £55.50 £61.97 +£6.47 +11.66% +£1.47 +£5.00" in text  # one of them, written out
    for _op, _planned, _booked, estimate, actual in HAND_OPERATIONS:
        assert gbp(estimate) in text and gbp(actual) in text
    assert "Price (budget) £1,345.00" in text
    assert "Estimated margin £1,195.13 88.86%" in text
    assert "Margin on the work done £475.74 59.23%" in text

    assert main(["job-cost", costed.number, "--db", url]) == 0
    plain = capsys.readouterr().out
    assert f"Job {costed.number} — Oak dresser" in plain and "Price (budget): 1345.00 GBP" in plain
    assert re.search(r"Total\s+149\.87\s+89\.50\s+327\.47\s+237\.97\s+265\.89%\s+1\.47\s+236\.50", plain)
    assert "Hours: 2.08 booked of 3.67 planned (56.82% complete)" in plain
    assert "Margin on the work done: 475.74 (59.23%)" in plain


def test_wip_report_json_and_text(db, url, costed, capsys):
    assert main(["report", "wip", "--json", "--db", url]) == 0
    report = json.loads(capsys.readouterr().out)
    row = next(j for j in report["jobs"] if j["job"] == costed.number)
    # the actual cost worked out above: 327.47; 2.08 of 3.67 hours booked
    assert (row["accrued_cost"], row["booked_hours"], row["planned_hours"], row["percent_complete"]) == (
        "327.47", "2.08", "3.67", "56.82")
    assert (row["billed_to_date"], row["wip_value"], row["budget"]) == ("0.00", "327.47", "1345.00")
    assert report["totals"]["jobs"] == 1 and report["totals"]["accrued_cost"] == "327.47"
    assert main(["report", "wip", "--db", url]) == 0
    plain = capsys.readouterr().out
    assert costed.number in plain and "327.47" in plain and re.search(r"Total\s+1 job\s", plain)


def test_print_each_document_and_clear_errors(db, url, costed, capsys, tmp_path):
    customer = customers.create_customer(db, name="J&C <b>Ltd</b>", address="Łódź")
    brief = briefs.create_brief(db, customer_id=customer.id, title="Hall table", requirements="A table")
    q = quotes.create_quote(db, brief.id, lines=[("labour", "Making", "300.00")], contingency_pct="5",
                            markup_pct="20")
    q = quotes.send_quote(db, q.id)
    rev2 = quotes.revise_quote(db, q.id, markup_pct="25")
    out = tmp_path / "q.pdf"
    assert main(["print", "quote", q.number, "--rev", "1", "-o", str(out), "--db", url]) == 0
    text = _text(out)
    assert gbp(q.total) in text and "J&C <b>Ltd</b>" in text and "Łódź" in text
    assert main(["print", "quote", q.number, "-o", str(out), "--db", url]) == 0
    assert gbp(rev2.total) in _text(out) and f"{q.number} rev 2" in _text(out)

    assert main(["print", "traceability", costed.number, "-o", str(tmp_path / "t.pdf"), "--db", url]) == 0
    trace = _text(tmp_path / "t.pdf")
    assert "TRACEABILITY REPORT" in trace and costed.number in trace and "Status: released → in progress" in trace
    capsys.readouterr()

    from workshop.services import inspection

    inspection.add_check(db, job_id=costed.id, characteristic="Doors close flush", check_type="pass_fail")
    assert main(["print", "certificate", costed.number, "-o", str(tmp_path / "c.pdf"), "--db", url]) == 1
    err = capsys.readouterr().err
    assert "cannot be certified" in err and "Doors close flush" in err and not (tmp_path / "c.pdf").exists()
    assert main(["print", "certificate", costed.number, "--draft", "-o", str(tmp_path / "c.pdf"), "--db", url]) == 0
    assert "DRAFT" in _text(tmp_path / "c.pdf")

    assert main(["print", "delivery-note", costed.number, "-o", str(tmp_path / "d.pdf"), "--db", url]) == 1
    assert "has no delivery recorded yet" in capsys.readouterr().err
    assert main(["job-cost", "J-1999-0001", "--db", url]) == 1
    assert "There is no job J-1999-0001." in capsys.readouterr().err
    assert main(["print", "quote", "Q-1999-0001", "-o", str(out), "--db", url]) == 1
    assert "There is no quote Q-1999-0001." in capsys.readouterr().err
    assert main(["report", "wip", "--db", str(tmp_path / "missing.db")]) == 1
    assert "workshop:" in capsys.readouterr().err
