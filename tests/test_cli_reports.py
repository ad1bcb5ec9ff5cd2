"""The command line's costing reports and printed documents: the JSON, the text and the PDF
show the same figures as the services, to the penny."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from workshop.cli import build_parser, main
from workshop.printing.money_text import money, percent, signed_money
from workshop.services import bookings, briefs, change_orders, customers, job_costing, jobs, quotes, routing


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


def test_job_cost_json_text_and_pdf_agree_to_the_penny(db, url, costed, capsys, tmp_path):
    assert main(["job-cost", costed.number, "--json", "--db", url]) == 0
    report = json.loads(capsys.readouterr().out)
    sheet = job_costing.cost_sheet(db, costed.id)
    expected = job_costing.sheet_report(sheet)
    for volatile in ("as_of",):
        report.pop(volatile), expected.pop(volatile)
    assert report == expected
    assert report["price"] == "1345.00"  # 1,250.00 + the approved change 95.00
    assert D(report["total"]["actual"]) == sheet.total.actual.amount

    assert main(["--db", url, "print", "cost-sheet", costed.number, "-o", str(tmp_path / "cs.pdf")]) == 0
    text = _text(tmp_path / "cs.pdf")
    for row in (*report["categories"], report["total"]):  # against the work done, rate and usage (issue 9)
        line = (f"{row['label']} {gbp(row['estimate'])} {gbp(row['work_done'])} {gbp(row['actual'])} "
                f"{signed_money(D(row['variance']), 'GBP')} "
                f"{percent(None if row['variance_pct'] is None else D(row['variance_pct']), signed=True)} "
                f"{signed_money(D(row['rate_variance']), 'GBP')} {signed_money(D(row['usage_variance']), 'GBP')}")
        assert line in text, line
    for op in report["operations"]:
        assert gbp(op["estimate"]) in text and gbp(op["actual"]) in text
    margin = report["margin"]
    assert f"Price (budget) {gbp(report['price'])}" in text
    assert f"Estimated margin {gbp(margin['estimated']['amount'])} {percent(D(margin['estimated_pct']))}" in text
    assert f"{report['margin_label']} {gbp(margin['actual']['amount'])} {percent(D(margin['actual_pct']))}" in text
    assert report["margin_label"] == "Margin on the work done"  # the job is under way

    assert main(["job-cost", costed.number, "--db", url]) == 0
    plain = capsys.readouterr().out
    assert f"Job {costed.number}" in plain and report["total"]["actual"] in plain
    assert f"Price (budget): {report['price']} GBP" in plain


def test_wip_report_json_and_text(db, url, costed, capsys):
    assert main(["report", "wip", "--json", "--db", url]) == 0
    report = json.loads(capsys.readouterr().out)
    row = next(j for j in report["jobs"] if j["job"] == costed.number)
    assert row["accrued_cost"] == job_costing.money_text(job_costing.cost_sheet(db, costed.id).total.actual.amount)
    assert report["totals"]["jobs"] == 1 and report["totals"]["accrued_cost"] == row["accrued_cost"]
    assert main(["report", "wip", "--db", url]) == 0
    plain = capsys.readouterr().out
    assert costed.number in plain and row["accrued_cost"] in plain and "Total" in plain


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
