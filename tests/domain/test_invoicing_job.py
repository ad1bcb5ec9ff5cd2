"""A job billed in stages: deposit, progress, a change order, the final invoice and the job
statement, every figure worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from workshop.domain.errors import ValidationError
from workshop.domain.invoicing import InvoiceKind, LineInput, TaxCategory, check_lines, invoice_totals
from workshop.domain.job_statement import (
    EarlierInvoice,
    JobStatement,
    deposit_amount,
    final_lines,
    job_statement,
    progress_amount,
)

S, R = TaxCategory.STANDARD, TaxCategory.REDUCED
KITCHEN = D("6794.41")


def job_line(description: str, net: str, *, category=S, rate="20") -> LineInput:
    return LineInput(description=description, quantity=D(1), unit="job", unit_price=D(net), category=category,
                     rate=D(rate))


def gross_of(*lines: LineInput) -> D:
    return invoice_totals(lines).gross


def test_kitchen_deposit_progress_change_order_and_final():
    contract = [job_line("Fitted oak kitchen", "6794.41")]
    # Deposit 30%: 6,794.41 × 0.30 = 2,038.323 → 2,038.32; tax 2,038.32 × 20% = 407.664 → 407.66;
    # gross 2,445.98.
    deposit = deposit_amount(KITCHEN, percent=D("30"))
    assert deposit == D("2038.32")
    deposit_gross = gross_of(job_line("30% deposit", str(deposit)))
    assert deposit_gross == D("2445.98")
    # Progress 40%: 6,794.41 × 0.40 = 2,717.764 → 2,717.76; what remains, 6,794.41 − 2,038.32 = 4,756.09,
    # covers it. Tax 2,717.76 × 20% = 543.552 → 543.55; gross 3,261.31.
    progress = progress_amount(KITCHEN, percent=D("40"), invoiced_so_far=deposit)
    assert progress == D("2717.76")
    progress_gross = gross_of(job_line("40% progress", str(progress)))
    assert progress_gross == D("3261.31")
    # A change order adds 450.00 of larder shelving. The final invoice bills 6,794.41 + 450.00 = 7,244.41,
    # less 2,038.32 and 2,717.76: net 2,488.33; tax 2,488.33 × 20% = 497.666 → 497.67; gross 2,986.00.
    change = [job_line("Change order 1: larder shelving", "450.00")]
    lines = final_lines([*contract, *change], [
        EarlierInvoice("INV-2027-0001", deposit, S, D("20"), InvoiceKind.DEPOSIT),
        EarlierInvoice("INV-2027-0002", progress, S, D("20"), InvoiceKind.PROGRESS)])
    check_lines(lines)
    assert [(line.description, line.quantity, line.unit_price, line.deduction) for line in lines[2:]] == [
        ("Less deposit invoice INV-2027-0001", D(-1), D("2038.32"), True),
        ("Less progress invoice INV-2027-0002", D(-1), D("2717.76"), True)]
    final = invoice_totals(lines)
    assert (final.net, final.tax, final.gross) == (D("2488.33"), D("497.67"), D("2986.00"))
    # The statement on the final invoice, gross: contract 6,794.41 + 1,358.88 (6,794.41 × 20% = 1,358.882)
    # = 8,153.29; changes 450.00 + 90.00 = 540.00; invoiced before 2,445.98 + 3,261.31 = 5,707.29;
    # this invoice 2,986.00; remaining 8,153.29 + 540.00 − 5,707.29 − 2,986.00 = 0.00.
    # Paid so far: the deposit in full and 1,000.00 of the progress invoice, 3,445.98.
    statement = job_statement(contract, change, invoiced_before=[("INV-2027-0001", deposit_gross),
                                                                 ("INV-2027-0002", progress_gross)],
                              this_invoice=final.gross, paid_to_date=D("3445.98"))
    assert statement == JobStatement(contract=D("8153.29"), approved_changes=D("540.00"),
                                     invoiced_before=(("INV-2027-0001", D("2445.98")),
                                                      ("INV-2027-0002", D("3261.31"))),
                                     this_invoice=D("2986.00"), paid_to_date=D("3445.98"), remaining=D("0.00"))


def test_statement_on_the_deposit_invoice():
    # Nothing invoiced before; 8,153.29 − 2,445.98 = 5,707.31 remains.
    statement = job_statement([job_line("Fitted oak kitchen", "6794.41")], [], invoiced_before=[],
                              this_invoice=D("2445.98"), paid_to_date=D("0"))
    assert (statement.contract, statement.approved_changes, statement.invoiced_before, statement.remaining) == (
        D("8153.29"), D("0.00"), (), D("5707.31"))


def test_statement_shows_the_penny_each_invoice_rounding_its_own_tax_leaves():
    contract = [job_line("Gate", "100.03")]
    # Contract: 100.03 × 20% = 20.006 → 20.01; gross 120.04.
    # Deposit 50%: 50.015 → 50.02; tax 10.004 → 10.00; gross 60.02.
    # Final: 100.03 − 50.02 = 50.01; tax 10.002 → 10.00; gross 60.01.
    # 60.02 + 60.01 = 120.03: the invoices bill a penny less than the contract, and the statement says so.
    deposit = deposit_amount(D("100.03"), percent=D("50"))
    assert deposit == D("50.02")
    final = invoice_totals(final_lines(contract, [EarlierInvoice("INV-2027-0007", deposit, S, D("20"))]))
    assert final.gross == D("60.01")
    statement = job_statement(contract, [], invoiced_before=[("INV-2027-0007", D("60.02"))],
                              this_invoice=final.gross, paid_to_date=D("60.02"))
    assert (statement.contract, statement.remaining) == (D("120.04"), D("0.01"))


def test_final_deducts_an_earlier_invoice_at_each_of_its_rates():
    contract = [job_line("Joinery", "1000.00"), job_line("Insulated panels", "200.00", category=R, rate="5")]
    earlier = [EarlierInvoice("INV-2027-0010", D("300.00"), S, D("20"), InvoiceKind.DEPOSIT),
               EarlierInvoice("INV-2027-0010", D("60.00"), R, D("5.00"), InvoiceKind.DEPOSIT)]
    lines = final_lines(contract, earlier)
    check_lines(lines)
    assert [line.description for line in lines[2:]] == ["Less deposit invoice INV-2027-0010 at 20%",
                                                        "Less deposit invoice INV-2027-0010 at 5%"]
    # 20%: 1,000.00 − 300.00 = 700.00, tax 140.00. 5%: 200.00 − 60.00 = 140.00, tax 7.00.
    # Net 840.00, tax 147.00, gross 987.00.
    totals = invoice_totals(lines)
    assert [(s.rate, s.taxable, s.tax) for s in totals.subtotals] == [(D("20"), D("700.00"), D("140.00")),
                                                                      (D("5.00"), D("140.00"), D("7.00"))]
    assert (totals.net, totals.tax, totals.gross) == (D("840.00"), D("147.00"), D("987.00"))


def test_deposit_by_amount_and_refusals():
    assert deposit_amount(KITCHEN, amount=D("1500.005")) == D("1500.01")  # half up
    assert deposit_amount(KITCHEN, percent=D("100")) == KITCHEN
    for kwargs, field, message in [
        ({}, "percent", "Give either a percentage or an amount."),
        ({"percent": D("30"), "amount": D("100")}, "percent", "Give either a percentage or an amount."),
        ({"percent": D("0")}, "percent", "The percentage must be above 0% and at most 100% (not 0%)."),
        ({"percent": D("100.5")}, "percent", "The percentage must be above 0% and at most 100% (not 100.5%)."),
        ({"amount": D("0.004")}, "amount", "The amount must be more than 0 (it comes to 0.00)."),
        ({"amount": D("6794.42")}, "amount", "The amount (6794.42) is more than the contract price."),
    ]:
        with pytest.raises(ValidationError) as caught:
            deposit_amount(KITCHEN, **kwargs)
        assert (caught.value.field, caught.value.message) == (field, message)


def test_progress_refuses_more_than_remains():
    # After 30% and 40%: 6,794.41 − 2,038.32 − 2,717.76 = 2,038.33 remains.
    # 30% more: 2,038.323 → 2,038.32 fits; 31%: 2,106.2671 → 2,106.27 does not.
    invoiced = D("2038.32") + D("2717.76")
    assert progress_amount(KITCHEN, percent=D("30"), invoiced_so_far=invoiced) == D("2038.32")
    assert progress_amount(KITCHEN, amount=D("2038.33"), invoiced_so_far=invoiced) == D("2038.33")
    with pytest.raises(ValidationError) as caught:
        progress_amount(KITCHEN, percent=D("31"), invoiced_so_far=invoiced)
    assert (caught.value.field, caught.value.message) == (
        "percent", "The amount (2106.27) is more than what remains to invoice (2038.33).")


def test_final_refuses_earlier_invoices_over_the_contract():
    with pytest.raises(ValidationError) as caught:
        final_lines([job_line("Bench", "500.00")],
                    [EarlierInvoice("INV-2027-0003", D("300.00"), S, D("20")),
                     EarlierInvoice("INV-2027-0004", D("200.01"), S, D("20"))])
    assert caught.value.field == "earlier"
    assert caught.value.message == ("The earlier invoices (500.01) come to more than the contract and its "
                                    "changes (500.00): correct them with a credit note.")
    # An invoice of unknown kind is named plainly.
    lines = final_lines([job_line("Bench", "500.00")], [EarlierInvoice("INV-2027-0003", D("300.00"), S, D("20"))])
    assert lines[1].description == "Less invoice INV-2027-0003"
