"""The exported files read back with the csv module, as Xero, QuickBooks or a spreadsheet would:
headers exactly as the tools' templates, amounts, dates, the buyer's frozen details, a credit note
negative, each line's share of its rate's tax, and formula-like or marked-up text neutralised or
kept exactly. Figures worked by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from support.export_samples import read_csv as read_back
from support.invoicing import manual_draft, with_billing_address
from workshop.documents.invoice_exports import export_invoices
from workshop.domain.errors import ValidationError
from workshop.services import customers, invoices, payments, settings, tax_codes

from .test_invoice_exports import REDUCED_5, STANDARD_20

XERO = ["*ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2", "POAddressLine3", "POAddressLine4",
        "POCity", "PORegion", "POPostalCode", "POCountry", "*InvoiceNumber", "Reference", "*InvoiceDate", "*DueDate",
        "InventoryItemCode", "*Description", "*Quantity", "*UnitAmount", "Discount", "*AccountCode", "*TaxType",
        "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2", "Currency", "BrandingTheme"]
QUICKBOOKS = ["*InvoiceNo", "*Customer", "*InvoiceDate", "*DueDate", "Terms", "Location", "Memo",
              "Item(Product/Service)", "ItemDescription", "ItemQuantity", "ItemRate", "*ItemAmount",
              "ItemTaxCode", "ItemTaxAmount", "Service Date"]

# Standard 20 %: 2 × 150.00 = 300.00; 4 × 12.50 − 5.00 (exactly 10 %) = 45.00; 1 × 35.00 − 5.00 = 30.00
#   → 375.00, tax 75.00, shared 60.00 + 9.00 + 6.00.  Reduced 5 %: 100.01, tax 5.0005 → 5.00.
# Net 475.01, tax 80.00, gross 555.01; paid 100.00, due 455.01.
LINES = [
    dict(description="=SUM(1) oak", quantity="2", unit_price="150.00"),
    dict(description="Łódź hinge set", quantity="4", unit_price="12.50", discount="5.00"),
    dict(description="Delivery", quantity="1", unit_price="35.00", discount="5.00"),
    dict(description="Door panel", quantity="1", unit_price="100.01", category="reduced", rate="5"),
]
CONTACT = ["J&C <b>Ltd</b>", "ruth@harrowfinch.example", "ul. Piotrkowska 12", "", "", "", "Łódź", "", "90-001",
           "Poland"]


@pytest.fixture
def sold(db, shop, tmp_path):
    """INV-2026-0001 of 10 March for the job, 100.00 paid; CN-2026-0001 of 20 March takes the hinges back
    (1 × 45.00, tax 9.00, gross 54.00)."""
    with_billing_address(db, shop)
    customers.update_customer(db, shop.customer.id, name="J&C <b>Ltd</b>", address="ul. Piotrkowska 12\n90-001 Łódź",
                              country="PL", tax_number="PL5260250274")
    tax_codes.save_tax_codes(db, [STANDARD_20, REDUCED_5])
    invoice = invoices.issue(db, manual_draft(db, shop, LINES, job_id=shop.job.id).id, issue_date=dt.date(2026, 3, 10))
    payments.record_payment(db, invoice.id, paid_on="2026-03-12", amount="100.00", method="bank_transfer")
    credit = invoices.issue(db, invoices.credit_note(db, invoice.id, lines=[
        dict(description="Hinge set returned", quantity="1", unit_price="45.00")]).id, issue_date=dt.date(2026, 3, 20))
    return dict(invoice=invoice, credit=credit, job=shop.job.number, out=tmp_path / "out")


def test_xero_one_row_a_line_credit_note_negative(db, sold):
    sold["out"].mkdir()
    path = sold["out"] / "march.csv"
    export_invoices(db, [sold["invoice"].id, sold["credit"].id], fmt="xero", path=path)
    header, *rows = read_back(path)
    assert header == XERO
    invoice = [*CONTACT, "INV-2026-0001", sold["job"], "10/03/2026", "09/04/2026", ""]  # due: 30 days on
    vat_20, vat_5, tail = ["200", "20% (VAT on Income)"], ["200", "5% (VAT on Income)"], ["", "", "", "", "GBP", ""]
    assert rows == [
        [*invoice, "'=SUM(1) oak", "2", "150.00", "", *vat_20, *tail],  # a formula neutralised
        [*invoice, "Łódź hinge set", "4", "12.50", "10", *vat_20, *tail],  # 5.00 off 50.00 is 10 %
        [*invoice, "Delivery", "1", "30.00", "", *vat_20, *tail],  # 5.00 off 35.00 is no exact %: 1 × the net
        [*invoice, "Door panel", "1", "100.01", "", *vat_5, *tail],
        [*CONTACT, "CN-2026-0001", sold["job"], "20/03/2026", "20/03/2026", "", "Hinge set returned", "1", "-45.00",
         "", *vat_20, *tail],
    ]


def test_xero_dates_the_american_way_for_a_us_shop(db, sold):
    settings.update_settings(db, country="US")
    sold["out"].mkdir()
    export_invoices(db, [sold["invoice"].id], fmt="xero", path=sold["out"] / "x.csv")
    _, first, *_ = read_back(sold["out"] / "x.csv")
    assert (first[12], first[13]) == ("03/10/2026", "04/09/2026")


def test_quickbooks_with_each_lines_share_of_its_rates_tax(db, sold):
    sold["out"].mkdir()
    path = sold["out"] / "qb.csv"
    export_invoices(db, [sold["invoice"].id], fmt="quickbooks", path=path)
    header, *rows = read_back(path)
    assert header == QUICKBOOKS
    head = ["INV-2026-0001", "J&C <b>Ltd</b>", "10/03/2026", "09/04/2026", "Payment within 30 days of the invoice date.",
            "", "", ""]
    assert rows == [
        [*head, "'=SUM(1) oak", "2", "150.00", "300.00", "20.0% S", "60.00", ""],
        [*head, "Łódź hinge set", "", "", "45.00", "20.0% S", "9.00", ""],  # discounted: the amount only
        [*head, "Delivery", "", "", "30.00", "20.0% S", "6.00", ""],
        [*head, "Door panel", "1", "100.01", "100.01", "5.0% R", "5.00", ""],
    ]


def test_quickbooks_refuses_a_credit_note_and_writes_nothing(db, sold):
    sold["out"].mkdir()
    with pytest.raises(ValidationError, match="QuickBooks Online cannot import credit notes \\(CN-2026-0001\\)"):
        export_invoices(db, [sold["invoice"].id, sold["credit"].id], fmt="quickbooks", path=sold["out"] / "qb.csv")
    assert list(sold["out"].iterdir()) == []


def test_plain_csv_invoices_and_lines_beside_them(db, sold):
    sold["out"].mkdir()
    path = sold["out"] / "march.csv"
    result = export_invoices(db, [sold["invoice"].id, sold["credit"].id], fmt="csv", path=path)
    assert result.files == (path, sold["out"] / "march-lines.csv") and result.count == 2
    header, *rows = read_back(path)
    assert header == ["Number", "Kind", "Customer", "Reference", "Issue date", "Due date", "Net", "Tax", "Gross",
                      "Paid", "Due", "Currency"]
    assert rows == [
        ["INV-2026-0001", "invoice", "J&C <b>Ltd</b>", sold["job"], "2026-03-10", "2026-04-09", "475.01", "80.00",
         "555.01", "100.00", "455.01", "GBP"],
        ["CN-2026-0001", "credit_note", "J&C <b>Ltd</b>", sold["job"], "2026-03-20", "2026-03-20", "-45.00", "-9.00",
         "-54.00", "0.00", "-54.00", "GBP"],
    ]
    header, *lines = read_back(result.files[1])
    assert header[0] == "Invoice number" and [line[9] for line in lines] == ["60.00", "9.00", "6.00", "5.00", "-9.00"]


def test_a_rates_tax_is_shared_so_the_lines_add_up_to_it(db, shop, tmp_path):
    """Three lines at 20 %: 1.03, 2.03, 3.03. Per line, tax would be 0.206 → 0.21, 0.406 → 0.41,
    0.606 → 0.61 = 1.23; the invoice's tax is 6.09 × 20 % = 1.218 → 1.22. Shared: exact shares of
    1.22 are 0.206338…, 0.406666…, 0.606995…; rounded down 0.20 + 0.40 + 0.60 = 1.20 leaves 2 pennies,
    which go to the lines that lost the most (3.03 lost 0.006995, 2.03 lost 0.006666): 0.20, 0.41, 0.61."""
    with_billing_address(db, shop)
    lines = [dict(description=f"Part {n}", quantity="1", unit_price=f"{n}.03") for n in (1, 2, 3)]
    invoice = invoices.issue(db, manual_draft(db, shop, lines).id, issue_date=dt.date(2026, 3, 10))
    assert invoice.totals.tax == Decimal("1.22")
    export_invoices(db, [invoice.id], fmt="csv", path=tmp_path / "p.csv")
    _, *rows = read_back(tmp_path / "p-lines.csv")
    assert [row[9] for row in rows] == ["0.20", "0.41", "0.61"]
