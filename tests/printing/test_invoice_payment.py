"""Getting paid, on the invoice PDF: the bank account frozen at issue, the EPC QR code a banking
app pays from (decoded from the rendered page), and the job statement. Figures worked by hand."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from support.invoicing import FOUR_LINES, MARCH_10, delivered, issued_manual, manual_draft, quoted, \
    with_billing_address
from workshop.documents.invoice import invoice_pdf
from workshop.services import change_orders, invoices, job_invoices, payments, settings

IRISH_IBAN, IRISH_BIC = "IE29 AIBK 9311 5212 3456 78", "AIBKIE2D"


@pytest.fixture
def billed(db, shop):
    return with_billing_address(db, shop)


@pytest.fixture
def euro_shop(db, billed):
    """A shop in Ireland billing in euros, with a name that is not markup and not ASCII."""
    settings.update_settings(db, company_name="J&C <b>Ltd</b> Łódź", currency="EUR", locale="en_IE", country="IE",
                             iban=IRISH_IBAN.lower(), bic=IRISH_BIC)
    return billed


@pytest.fixture
def scan_qr(tmp_path):
    """pdf bytes -> the payload of page 1's one barcode exactly (``zbarimg --raw``: its lines kept), or
    None when there is none. Only QR codes are looked for."""
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg or pdftoppm is not installed")

    def scan(pdf: bytes) -> str | None:
        (tmp_path / "invoice.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(tmp_path / "invoice.pdf"), str(tmp_path / "page")], check=True)
        found = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(tmp_path / "page.png")],
                               capture_output=True, text=True, encoding="utf-8")
        return found.stdout.removesuffix("\n") if found.stdout else None  # zbarimg ends each code with a newline

    return scan


def test_the_account_prints_grouped_in_fours_and_a_reprint_keeps_it(db, billed, pdf_text, scan_qr):
    settings.update_settings(db, iban="gb33bukb20201555555555", bic="BUKBGB22")
    invoice = issued_manual(db, billed)
    settings.update_settings(db, iban="", bic="")  # the shop changes bank after issuing
    pdf = invoice_pdf(db, invoice.id)
    text = pdf_text(pdf)
    shop_name = settings.get_settings(db).company_name
    assert "Payment terms Payment within 30 days of the invoice date." in text
    assert (f"Pay by bank transfer to Account name {shop_name} IBAN GB33 BUKB 2020 1555 5555 55 BIC BUKBGB22 "
            "Reference INV-2026-0001") in text
    assert "Scan to pay" not in text and scan_qr(pdf) is None  # pounds: no EPC QR code


def test_a_euro_invoice_carries_an_epc_qr_code_for_what_is_due(db, euro_shop, pdf_text, scan_qr):
    invoice = issued_manual(db, euro_shop)
    payments.record_payment(db, invoice.id, paid_on=MARCH_10, amount="500.00", method="bank_transfer")
    pdf = invoice_pdf(db, invoice.id)
    # FOUR_LINES: gross 1,757.48; 500.00 paid, so 1,257.48 due.
    assert scan_qr(pdf) == ("BCD\n002\n1\nSCT\nAIBKIE2D\nJ&C <b>Ltd</b> Łódź\nIE29AIBK93115212345678\n"
                            "EUR1257.48\n\n\nINV-2026-0001")
    text = pdf_text(pdf)
    assert "Scan to pay with your banking app" in text and "Amount due €1,257.48" in text
    assert "Account name J&C <b>Ltd</b> Łódź IBAN IE29 AIBK 9311 5212 3456 78 BIC AIBKIE2D" in text


def test_no_qr_code_on_a_credit_note_a_paid_invoice_or_a_draft(db, euro_shop, pdf_text, scan_qr):
    draft = manual_draft(db, euro_shop)
    assert scan_qr(invoice_pdf(db, draft.id)) is None  # a draft has no number to pay against
    invoice = invoices.issue(db, draft.id, issue_date=MARCH_10)
    note = invoices.issue(db, invoices.credit_note(db, invoice.id, lines=[FOUR_LINES[2]]).id, issue_date=MARCH_10)
    text = pdf_text(invoice_pdf(db, note.id))
    assert scan_qr(invoice_pdf(db, note.id)) is None
    assert "IBAN" not in text and "Scan to pay" not in text  # the shop pays a credit note back, not the customer
    # The credit note took 36.00 off (30.00 + 20 % tax): 1,757.48 − 36.00 = 1,721.48 is due.
    assert scan_qr(invoice_pdf(db, invoice.id)).split("\n")[7] == "EUR1721.48"
    payments.record_payment(db, invoice.id, paid_on=MARCH_10, amount="1721.48", method="bank_transfer")
    pdf = invoice_pdf(db, invoice.id)
    assert scan_qr(pdf) is None and "Amount due €0.00" in pdf_text(pdf)


def test_the_job_statement_from_deposit_to_final_with_an_approved_change(db, billed, pdf_text):
    job = billed.job
    quoted(db, billed, job.id, price="1000.00")
    # Deposit 30 % of 1,000.00 = 300.00 net + 20 % tax 60.00 = 360.00, paid in full.
    deposit = invoices.issue(db, job_invoices.draft_deposit(db, job.id, percent="30").id, issue_date=MARCH_10)
    payments.record_payment(db, deposit.id, paid_on=MARCH_10, amount="360.00", method="bank_transfer")
    change = change_orders.create_change_order(db, job.id, description="Extra shelf", price_change="250.00")
    change_orders.approve_change_order(db, change.id)
    delivered(db, job.id)
    final = invoices.issue(db, job_invoices.draft_final(db, job.id).id, issue_date=MARCH_10 + dt.timedelta(days=20))
    text = pdf_text(invoice_pdf(db, final.id))
    # Final: 1,000.00 + 250.00 − 300.00 = 950.00 net + 190.00 tax = 1,140.00.
    # Statement, tax included: contract 1,000.00 + 200.00 = 1,200.00; the change 250.00 + 50.00 = 300.00;
    # before it the deposit 360.00; remaining 1,200.00 + 300.00 − 360.00 − 1,140.00 = 0.00; paid 360.00.
    assert ("Job statement (amounts incl. VAT) Contract value £1,200.00 Approved changes £300.00 "
            "Invoiced before INV-2026-0001 £360.00 This invoice INV-2026-0002 £1,140.00 "
            "Remaining on the contract £0.00 Paid to date, all invoices of the job £360.00") in text
    # The deposit reprinted now: nothing invoiced before it; 1,200.00 + 300.00 − 360.00 = 1,140.00 remained.
    text = pdf_text(invoice_pdf(db, deposit.id))
    assert ("Invoiced before — £0.00 This invoice INV-2026-0001 £360.00 Remaining on the contract £1,140.00 "
            "Paid to date, all invoices of the job £360.00") in text


def test_no_statement_on_a_manual_invoice_or_a_credit_note(db, billed, pdf_text):
    quoted(db, billed, billed.job.id, price="1000.00")
    deposit = invoices.issue(db, job_invoices.draft_deposit(db, billed.job.id, percent="30").id, issue_date=MARCH_10)
    note = invoices.issue(db, invoices.credit_note(db, deposit.id).id, issue_date=MARCH_10)
    assert "Job statement" not in pdf_text(invoice_pdf(db, note.id))
    assert "Job statement" not in pdf_text(invoice_pdf(db, issued_manual(db, billed).id))
    assert "Job statement" in pdf_text(invoice_pdf(db, deposit.id))


def test_a_german_shop_prints_its_figures_in_german_and_the_qr_amount_stays_a_plain_number(db, billed, pdf_text,
                                                                                           scan_qr):
    settings.update_settings(db, currency="EUR", locale="de_DE", country="DE", default_tax_rate="19",
                             iban="DE89 3704 0044 0532 0130 00", bic="COBADEFFXXX")
    lines = [dict(description="Eichentisch, Łódź", quantity="1", unit_price="1234,56")]
    invoice = invoices.issue(db, manual_draft(db, billed, lines).id, issue_date=MARCH_10)
    pdf = invoice_pdf(db, invoice.id)
    # 1.234,56 + 19 % = 234,5664 → 234,57 tax; 1.469,13 due, in the code as EUR1469.13 (a point, no grouping).
    assert "Amount due 1.469,13 €" in pdf_text(pdf) and "IBAN DE89 3704 0044 0532 0130 00" in pdf_text(pdf)
    assert scan_qr(pdf).split("\n")[4:8] == ["COBADEFFXXX", settings.get_settings(db).company_name,
                                             "DE89370400440532013000", "EUR1469.13"]
