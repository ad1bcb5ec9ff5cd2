"""Invoice PDF: built and issued through the services, printed, read back. Every figure worked by
hand (the four lines of support/invoicing.py: 20 % and 5 %, so the tax summary has two rows)."""

from __future__ import annotations

import datetime as dt

import pytest

from support.invoicing import FOUR_LINES, MARCH_10, issued_manual, manual_draft, with_billing_address
from workshop.cli import main
from workshop.documents.invoice import invoice_pdf, invoice_pdf_by_number
from workshop.domain.invoicing import RULE_TEXT
from workshop.services import customers, invoices, payments, settings


@pytest.fixture
def billed(db, shop):
    return with_billing_address(db, shop)


def test_an_issued_invoice_prints_every_figure_worked_by_hand(db, billed, pdf_text, pages_text):
    settings.update_settings(db, payment_terms_days="14")
    invoice = issued_manual(db, billed)
    text = pdf_text(invoice_pdf(db, invoice.id))
    assert "INVOICE" in text and "INV-2026-0001" in text and "DRAFT" not in text
    # Letterhead: the shop's name and tax number; the customer's billing address and tax number.
    assert "Unit 4, Mill Lane" in text and "VAT No. GB123456789" in text
    assert "Harrow & Finch Interiors" in text and "12 High Street York YO1 7HF" in text
    assert "VAT No. GB987654321" in text
    assert "United Kingdom" not in text  # the customer is in the shop's own country
    # Invoice date and tax point 10 March; due 14 days later, 24 March.
    assert "INVOICE DATE 10 Mar 2026" in text and "TAX POINT 10 Mar 2026" in text
    assert "DUE DATE 24 Mar 2026" in text
    # The lines: quantity, unit, unit price, discount, net, rate.
    assert "Walnut table top 1 ea £1,234.56 £1,234.56 20%" in text
    assert "Fitting 2.5 h £45.00 £112.50 20%" in text  # 2.5 × 45.00
    assert "Delivery 1 ea £35.00 £5.00 £30.00 20%" in text  # 35.00 − 5.00
    assert "Insulated door panel 1 ea £100.01 £100.01 5%" in text
    # Tax summary: 1,377.06 at 20 % = 275.412 → 275.41; 100.01 at 5 % = 5.0005 → 5.00.
    assert "Standard 20% £1,377.06 £275.41" in text
    assert "Reduced 5% £100.01 £5.00" in text
    # Totals: net 1,477.07, tax 280.41, gross 1,757.48, nothing paid yet.
    assert "Total net (excl. VAT) £1,477.07" in text and "Total VAT £280.41" in text
    assert "Total (incl. VAT) £1,757.48" in text and "Paid £0.00" in text and "Amount due £1,757.48" in text
    assert " ".join(RULE_TEXT.split()) in text
    assert "Payment terms Payment within 14 days of the invoice date." in text
    assert len(pages_text(invoice_pdf(db, invoice.id))) == 1


def test_a_payment_lowers_what_is_due(db, billed, pdf_text):
    invoice = issued_manual(db, billed)
    payments.record_payment(db, invoice.id, paid_on=MARCH_10 + dt.timedelta(days=5), amount="500.00",
                            method="bank_transfer")
    text = pdf_text(invoice_pdf(db, invoice.id))
    assert "Paid £500.00" in text and "Amount due £1,257.48" in text  # 1,757.48 − 500.00


def test_a_credit_note_says_what_it_corrects(db, billed, pdf_text):
    invoice = issued_manual(db, billed)
    # A part credit: the delivery line again, 30.00 at 20 % = 6.00 tax, 36.00 credited.
    draft = invoices.credit_note(db, invoice.id, lines=[FOUR_LINES[2]])
    note = invoices.issue(db, draft.id, issue_date=MARCH_10 + dt.timedelta(days=2))
    text = pdf_text(invoice_pdf(db, note.id))
    assert "CREDIT NOTE" in text and "CN-2026-0001" in text
    assert "This credit note corrects invoice INV-2026-0001." in text
    assert "CORRECTS INVOICE INV-2026-0001" in text and "Corrects invoice INV-2026-0001" in text  # and the footer
    assert "Standard 20% £30.00 £6.00" in text and "Total credited £36.00" in text
    assert "Amount due" not in text and "Payment terms" not in text
    # The invoice now shows what the credit note took off: 1,757.48 − 36.00 = 1,721.48 due.
    text = pdf_text(invoice_pdf(db, invoice.id))
    assert "Less credit notes £36.00" in text and "Amount due £1,721.48" in text


def test_a_job_invoice_names_the_job_and_what_it_bills(db, billed, pdf_text):
    lines = [dict(description="Deposit: 40% of £1,000.00", quantity="1", unit_price="400.00")]
    draft = invoices.create_draft(db, kind="deposit", job_id=billed.job.id, lines=lines)
    invoice = invoices.issue(db, draft.id, issue_date=MARCH_10)
    text = pdf_text(invoice_pdf(db, invoice.id))
    assert f"JOB {billed.job.number} — Oak dresser" in text and "FOR Deposit invoice" in text
    # 400.00 at 20 % = 80.00 tax, 480.00 due.
    assert "Standard 20% £400.00 £80.00" in text and "Amount due £480.00" in text


def test_a_draft_is_marked_and_has_no_number(db, billed, pdf_text):
    draft = manual_draft(db, billed)
    text = pdf_text(invoice_pdf(db, draft.id))
    assert "DRAFT — not a tax invoice" in text
    assert "INV-" not in text
    assert "Amount due £1,757.48" in text  # the figures are there to check


def test_user_text_prints_exactly(db, billed, pdf_text):
    customers.update_customer(db, billed.customer.id, name="J&C <b>Ltd</b> Łódź",
                              address="ul. Piotrkowska 12\n90-001 Łódź", country="PL", tax_number="PL1234567890")
    lines = [dict(description="Oak <i>table</i> & chairs, Łódź", quantity="1", unit_price="100.00")]
    invoice = invoices.issue(db, manual_draft(db, billed, lines, notes="Thanks, J&C <b>").id, issue_date=MARCH_10)
    text = pdf_text(invoice_pdf(db, invoice.id))
    for needle in ("J&C <b>Ltd</b> Łódź", "ul. Piotrkowska 12 90-001 Łódź Poland", "VAT No. PL1234567890",
                   "Oak <i>table</i> & chairs, Łódź", "Thanks, J&C <b>"):
        assert needle in text, needle


def test_a_long_invoice_flows_over_pages_with_the_totals_once_at_the_end(db, billed, pages_text):
    # 60 lines of 2 × 12.50 = 25.00: net 1,500.00, tax 20 % 300.00, gross 1,800.00.
    lines = [dict(description=f"Shelf bracket type {i}", quantity="2", unit_price="12.50") for i in range(1, 61)]
    invoice = invoices.issue(db, manual_draft(db, billed, lines).id, issue_date=MARCH_10)
    pages = [" ".join(page.split()) for page in pages_text(invoice_pdf(db, invoice.id))]
    assert len(pages) >= 2
    assert all(f"Page {i} of {len(pages)}" in page for i, page in enumerate(pages, start=1))
    assert all("Description" in page for page in pages if "Shelf bracket" in page)  # headings repeat
    for i in range(1, 61):
        assert sum(f"Shelf bracket type {i} 2 ea" in page for page in pages) == 1
    assert sum("Amount due £1,800.00" in page for page in pages) == 1
    assert "Amount due £1,800.00" in pages[-1] and "Total VAT £300.00" in pages[-1]


def test_the_command_line_writes_the_invoice(db, billed, tmp_path, capsys, pdf_text):
    invoice = issued_manual(db, billed)
    url = db.url.render_as_string(hide_password=False)
    out = tmp_path / "invoice.pdf"
    assert main(["print", "invoice", "inv-2026-0001", "-o", str(out), "--db", url]) == 0
    assert "INV-2026-0001" in pdf_text(out.read_bytes()) and "Amount due £1,757.48" in pdf_text(out.read_bytes())
    assert out.read_bytes() == invoice_pdf_by_number(db, invoice.number)
    assert main(["print", "invoice", "INV-1999-0001", "-o", str(tmp_path / "x.pdf"), "--db", url]) == 1
    assert "There is no invoice INV-1999-0001." in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_exempt_and_reverse_charge_say_why_in_the_tax_summary(db, billed, pdf_text):
    lines = [dict(description="Survey", quantity="1", unit_price="80.00", category="exempt",
                  exemption_reason="Exempt: insurance survey"),
             dict(description="Steel frame", quantity="2", unit_price="150.00", category="reverse_charge",
                  exemption_reason="Reverse charge: customer to account for VAT"),
             dict(description="Primer", quantity="3", unit_price="9.99", category="zero")]
    invoice = invoices.issue(db, manual_draft(db, billed, lines).id, issue_date=MARCH_10)
    text = pdf_text(invoice_pdf(db, invoice.id))
    assert "Survey 1 ea £80.00 £80.00 Exempt" in text and "Steel frame 2 ea £150.00 £300.00 Reverse charge" in text
    assert "Primer 3 ea £9.99 £29.97 0%" in text  # 3 × 9.99
    assert "Zero rated 0% £29.97 £0.00" in text
    assert "Exempt Exempt: insurance survey £80.00 £0.00" in text  # the reason under its group's name
    assert "Reverse charge Reverse charge: customer to account for VAT £300.00 £0.00" in text
    # 80.00 + 300.00 + 29.97 = 409.97, no tax.
    assert "Total net (excl. VAT) £409.97" in text and "Total VAT £0.00" in text and "Amount due £409.97" in text


def test_figures_that_do_not_add_up_are_refused(db, billed, letterhead, a4):
    from dataclasses import replace

    from workshop.documents.invoice import invoice_data
    from workshop.printing.invoice import render_invoice
    from workshop.services import invoice_views

    data = invoice_data(db, invoice_views.get_invoice(db, issued_manual(db, billed).id))
    render_invoice(data, letterhead, a4)
    for wrong in (dict(gross=data.gross + 1), dict(tax=data.tax - 1), dict(due=data.due - 1),
                  dict(lines=data.lines[:-1])):
        with pytest.raises(ValueError):
            render_invoice(replace(data, **wrong), letterhead, a4)


def test_money_dates_and_rates_in_the_shops_locale(db, billed, pdf_text):
    settings.update_settings(db, currency="PLN", locale="pl_PL", default_tax_rate="23")
    lines = [dict(description="Stół dębowy", quantity="1", unit_price="1234,56"),
             dict(description="Transport", quantity="1", unit_price="100,00", category="reduced", rate="5,5")]
    invoice = invoices.issue(db, manual_draft(db, billed, lines).id, issue_date=MARCH_10)
    text = pdf_text(invoice_pdf(db, invoice.id))
    # 1 234,56 at 23 % = 283,9488 → 283,95; 100,00 at 5,5 % = 5,50; gross 1 334,56 + 289,45 = 1 624,01.
    assert "Standard 23% 1 234,56 zł 283,95 zł" in text and "Reduced 5,5% 100,00 zł 5,50 zł" in text
    assert "1 624,01 zł" in text and "10 mar 2026" in text
