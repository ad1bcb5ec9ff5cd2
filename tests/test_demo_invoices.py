"""The demo shop's invoices: numbered as a shop numbers them, consistent with its jobs, printable.

The demo is built once for this module (the ``demo_db`` fixture of test_demo_and_cli).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import sqlite3
from collections import defaultdict
from decimal import Decimal

import pytest
from pypdf import PdfReader

from test_demo_and_cli import TODAY, demo_db  # noqa: F401  (the module's demo shop)
from workshop.cli import main
from workshop.db.engine import open_database
from workshop.services import invoice_views, job_invoices, wip

DEMO_TODAY = dt.date.fromisoformat(TODAY)
CENTS = Decimal("0.01")


@pytest.fixture(scope="module")
def rows(demo_db):  # noqa: F811
    """Every invoice as a dict, in the order they were issued, amounts in pounds."""
    conn = sqlite3.connect(demo_db)
    conn.row_factory = sqlite3.Row
    try:
        found = [dict(r) for r in conn.execute("SELECT * FROM invoices ORDER BY issued_at, id")]
    finally:
        conn.close()
    for row in found:
        for name in ("net", "tax", "gross"):
            row[name] = Decimal(row[name]) / 100
    return found


@pytest.fixture(scope="module")
def shop(demo_db):  # noqa: F811
    noon = dt.datetime.combine(DEMO_TODAY, dt.time(12), tzinfo=dt.UTC)
    database = open_database(demo_db, clock=lambda: noon)
    yield database
    database.close()


def _query(path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_numbers_have_no_gaps_and_follow_the_issue_dates(rows):
    by_series = defaultdict(list)
    for row in rows:
        assert row["status"] != "draft", "the demo leaves no draft behind"
        prefix, year, serial = re.fullmatch(r"(INV|CN)-(\d{4})-(\d{4})", row["number"]).groups()
        assert int(year) == dt.date.fromisoformat(row["issue_date"]).year
        by_series[prefix, year].append((int(serial), row["issue_date"]))
    assert {prefix for prefix, _ in by_series} == {"INV", "CN"}
    assert {year for prefix, year in by_series if prefix == "INV"} == {"2025", "2026"}
    for series, numbered in by_series.items():
        serials = sorted(numbered)
        assert [serial for serial, _ in serials] == list(range(1, len(serials) + 1)), series
        dates = [issued for _, issued in serials]
        assert dates == sorted(dates), f"{series}: a later number bears an earlier date"


def test_every_kind_and_state_a_shop_meets_is_there(shop, rows):
    kinds = {row["kind"] for row in rows}
    assert kinds == {"deposit", "progress", "final", "credit_note", "manual"}
    statuses = {row["status"] for row in rows}
    assert {"issued", "part_paid", "paid"} <= statuses
    views = [invoice_views.get_invoice(shop, row["id"]) for row in rows]
    overdue = [view for view in views if view.is_overdue(DEMO_TODAY)]
    assert any(view.status == "issued" for view in overdue), "no unpaid invoice is overdue"
    assert all(view.due_date < DEMO_TODAY for view in overdue)


def test_each_closed_or_invoiced_job_is_billed_its_contract_and_approved_changes(demo_db, shop, rows):  # noqa: F811
    finished = dict(_query(demo_db, "SELECT id, status FROM jobs WHERE status IN ('invoiced', 'closed')"))
    assert len(finished) == 31  # the demo's 26 closed and 5 invoiced jobs
    credited = defaultdict(Decimal)
    for row in rows:
        if row["kind"] == "credit_note":
            credited[row["credits_id"]] += row["net"]
    net = defaultdict(Decimal)
    finals = defaultdict(list)
    for row in rows:
        if row["job_id"] in finished and row["kind"] in ("deposit", "progress", "final"):
            net[row["job_id"]] += row["net"] - credited[row["id"]]
            if row["kind"] == "final":
                finals[row["job_id"]].append(row)
    for job_id, status in finished.items():
        billing = job_invoices.job_billing(shop, job_id)
        # each earlier invoice is deducted on the final, so all of them together bill the contract
        assert net[job_id] == billing.contract_with_changes, billing.job_number
        assert len(finals[job_id]) == 1, billing.job_number
        final = finals[job_id][0]
        if status == "closed":  # closed because its final was paid in full
            assert final["status"] == "paid", billing.job_number
            assert sum(p.amount for p in invoice_views.get_invoice(shop, final["id"]).payments) == final["gross"]
        else:
            assert final["status"] in ("issued", "part_paid"), billing.job_number


def test_the_credit_note_reduces_a_deposit_and_the_final_bills_the_rest(demo_db, shop, rows):  # noqa: F811
    (note,) = [row for row in rows if row["kind"] == "credit_note"]
    deposit = next(row for row in rows if row["id"] == note["credits_id"])
    assert deposit["kind"] == "deposit" and note["issue_date"] >= deposit["issue_date"]
    billing = job_invoices.job_billing(shop, deposit["job_id"])
    # the customer had agreed a deposit 10 points below the one billed: 10% of the contract comes off
    assert note["net"] == (billing.contract * Decimal("0.10")).quantize(CENTS)
    assert note["tax"] == (note["net"] * Decimal("0.20")).quantize(CENTS)  # VAT at 20%
    view = invoice_views.get_invoice(shop, deposit["id"])
    assert view.credited == note["gross"] and view.balance == 0  # the customer paid the rest
    assert sum(p.amount for p in view.payments) == deposit["gross"] - note["gross"]
    assert view.status == "paid"
    (description,) = [r[0] for r in _query(demo_db, f"SELECT description FROM invoice_lines "
                                                    f"WHERE invoice_id = {note['id']}")]
    assert re.fullmatch(r"Deposit reduced to \d+% of the quote, as agreed with the customer", description)


def test_dates_follow_each_job_and_payments_never_exceed_what_is_owed(demo_db, shop, rows):  # noqa: F811
    accepted = dict(_query(demo_db, "SELECT id, substr(created_at, 1, 10) FROM jobs"))
    delivered = dict(_query(demo_db, "SELECT job_id, substr(min(at), 1, 10) FROM job_status_history "
                                     "WHERE to_status = 'delivered' GROUP BY job_id"))
    for row in rows:
        assert row["issue_date"] <= TODAY
        if row["kind"] in ("deposit", "progress", "final"):
            assert row["issue_date"] > accepted[row["job_id"]], row["number"]
        if row["kind"] == "final":
            assert row["issue_date"] >= delivered[row["job_id"]], row["number"]
        if row["kind"] == "credit_note":
            continue
        view = invoice_views.get_invoice(shop, row["id"])
        paid = sum(p.amount for p in view.payments)
        assert paid + view.credited + view.balance == view.totals.gross
        assert all(row["issue_date"] <= p.paid_on.isoformat() <= TODAY for p in view.payments), row["number"]
        if row["issue_date"] > (DEMO_TODAY - dt.timedelta(days=4)).isoformat():
            assert not view.payments, f"{row['number']} is the newest: it is paid nothing yet"
    # issuing and paying moved jobs on (invoiced, closed) at their own moments: no history runs backwards
    assert _query(demo_db, "SELECT count(*) FROM job_status_history a JOIN job_status_history b "
                           "ON a.job_id = b.job_id AND b.id > a.id AND b.at < a.at") == [(0,)]


def test_jobs_under_way_show_what_they_have_been_billed(demo_db, shop, rows):  # noqa: F811
    job_ids = dict(_query(demo_db, "SELECT number, id FROM jobs"))
    billed_net = defaultdict(Decimal)  # deposits and progress invoices: no job under way has a credit note
    for row in rows:
        if row["kind"] in ("deposit", "progress"):
            billed_net[row["job_id"]] += row["net"]
    live = [r for r in wip.work_in_progress(shop).rows if r.status in ("released", "in_progress", "inspection")]
    for r in live:
        assert r.billed_to_date == billed_net[job_ids[r.number]], r.number
    assert sum(1 for r in live if r.billed_to_date > 0) >= 3


def test_the_kitchen_is_left_for_a_new_user_to_invoice(demo_db):  # noqa: F811
    assert _query(demo_db, "SELECT count(*) FROM invoices i JOIN jobs j ON j.id = i.job_id "
                           "WHERE j.title = 'Bespoke fitted oak kitchen'") == [(0,)]
    assert _query(demo_db, "SELECT count(*) FROM quotes q JOIN jobs j ON j.id = q.job_id "
                           "WHERE j.title = 'Bespoke fitted oak kitchen' AND q.status = 'accepted'") == [(1,)]


def test_the_chargeable_aftercare_ticket_is_on_a_manual_invoice(demo_db, rows):  # noqa: F811
    (manual,) = [row for row in rows if row["kind"] == "manual"]
    ((ticket_cost, warranty),) = _query(demo_db, f"SELECT cost, under_warranty FROM aftercare_tickets "
                                                 f"WHERE id = {manual['ticket_id']}")
    assert not warranty
    assert manual["net"] == Decimal(ticket_cost) / 100 == Decimal(180)  # the refinish, £180 net
    assert manual["gross"] == Decimal(216)  # + 20% VAT, £36


def test_the_shop_and_its_customers_state_what_an_e_invoice_needs(demo_db, rows):  # noqa: F811
    ((country, tax_number, iban, bic, terms, address),) = _query(
        demo_db, "SELECT country, tax_number, iban, bic, payment_terms_days, address FROM shop_settings")
    assert (country, iban, bic, terms) == ("GB", "GB33BUKB20201555555555", "BUKBGB22", 30)
    # a GB VAT number's check: 2×8 + 8×7 + 4×6 + 1×5 + 1×4 + 9×3 + 0×2 = 132, and 132 + 62 = 194 = 2 × 97
    assert tax_number == "GB 284 1190 62"
    assert address.splitlines()[-1] == "Stourport-on-Severn DY13 8XB"  # town and postcode
    for row in rows:
        assert row["seller_iban"] == "GB33BUKB20201555555555" and row["seller_tax_number"] == tax_number
        assert row["buyer_country"] in ("GB", "PL") and len(row["buyer_address"].splitlines()) >= 2
    assert _query(demo_db, "SELECT country FROM customers WHERE name LIKE 'Kowalczyk%'") == [("PL",)]


def test_a_demo_invoice_prints(demo_db, rows, tmp_path, capsys):  # noqa: F811
    final = next(row for row in rows if row["kind"] == "final" and row["status"] == "part_paid")
    out = tmp_path / "invoice.pdf"
    assert main(["print", "invoice", final["number"], "--db", str(demo_db), "-o", str(out)]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert final["number"] in text and final["buyer_name"] in text



def test_the_month_exports_for_xero_as_it_is(demo_db, rows, tmp_path, capsys):  # noqa: F811
    """A new user exports the month for Xero: the demo maps its rates, so nothing is refused."""
    copy = tmp_path / "shop.db"
    shutil.copy(demo_db, copy)  # the export marks invoices exported: keep the module's shop as built
    start = DEMO_TODAY - dt.timedelta(days=90)
    chosen = [row for row in rows if row["issue_date"] and row["issue_date"] >= start.isoformat()]
    out = tmp_path / "xero.csv"
    assert main(["export", "invoices", "--db", str(copy), "--from", start.isoformat(), "--to", TODAY,
                 "--format", "xero", "-o", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        exported = {row["*InvoiceNumber"]: row for row in csv.DictReader(f)}
    assert set(exported) == {row["number"] for row in chosen}
    assert {row["*TaxType"] for row in exported.values()} == {"20% (VAT on Income)"}
    assert {row["*AccountCode"] for row in exported.values()} == {"200"}
