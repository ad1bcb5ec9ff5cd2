"""`workshop export invoices`: what it writes, says and exits with, as a person runs it."""

from __future__ import annotations

import datetime as dt

import pytest

from support.export_samples import read_csv
from support.invoicing import manual_draft, with_billing_address
from workshop.cli import main
from workshop.services import invoice_views, invoices, tax_codes

STANDARD_20 = dict(category="standard", rate="20", xero_tax_type="20% (VAT on Income)", xero_account_code="200")
WITH_QUICKBOOKS = dict(STANDARD_20, quickbooks_tax_code="20.0% S")
ONE_LINE = [dict(description="Oak shelf", quantity="1", unit_price="100.00")]


@pytest.fixture
def march(db, shop):
    """INV-2026-0001 of 28 Feb, INV-2026-0002 of 1 Mar, INV-2026-0003 of 31 Mar."""
    with_billing_address(db, shop)
    tax_codes.save_tax_codes(db, [STANDARD_20])
    return [invoices.issue(db, manual_draft(db, shop, ONE_LINE).id, issue_date=day)
            for day in (dt.date(2026, 2, 28), dt.date(2026, 3, 1), dt.date(2026, 3, 31))]


def export(db, *args: str) -> int:
    return main(["export", "invoices", "--db", db.url.render_as_string(hide_password=False), *args])


def test_the_month_for_xero_then_again_only_with_again(db, march, tmp_path, capsys):
    out = tmp_path / "march.csv"
    assert export(db, "--from", "2026-03-01", "--to", "2026-03-31", "--format", "xero", "-o", str(out)) == 0
    assert capsys.readouterr().out == f"Exported 2 invoices to {out}.\n"
    assert [row[10] for row in read_csv(out)[1:]] == ["INV-2026-0002", "INV-2026-0003"]
    exported_at = invoice_views.get_invoice(db, march[1].id).exported_at
    assert exported_at is not None and invoice_views.get_invoice(db, march[0].id).exported_at is None

    out.unlink()
    assert export(db, "--from", "2026-02-01", "--to", "2026-03-01", "--format", "xero", "-o", str(out)) == 1
    when = f"{exported_at.astimezone():%Y-%m-%d %H:%M}"
    assert capsys.readouterr().err == (
        "workshop: 1 of the 2 invoices was exported before (Xero and QuickBooks would import it twice):\n"
        f"  INV-2026-0002  exported {when}\n"
        "Nothing was written. Add --again to export them again.\n")
    assert not out.exists() and invoice_views.get_invoice(db, march[0].id).exported_at is None

    assert export(db, "--from", "2026-02-01", "--to", "2026-03-01", "--format", "xero", "-o", str(out),
                  "--again") == 0
    assert capsys.readouterr().out == f"Exported 2 invoices to {out}.\n"
    assert invoice_views.get_invoice(db, march[0].id).exported_at is not None


def test_plain_csv_says_where_the_lines_went(db, march, tmp_path, capsys):
    out = tmp_path / "feb.csv"
    assert export(db, "--from", "2026-02-28", "--to", "2026-02-28", "--format", "csv", "-o", str(out)) == 0
    assert capsys.readouterr().out == f"Exported 1 invoice to {out} (their lines to {tmp_path / 'feb-lines.csv'}).\n"


@pytest.mark.parametrize("dates, message", [
    (("2026-13-01", "2026-03-31"), "workshop: --from 2026-13-01: not a date; give one like 2026-03-31 "
                                   "(year-month-day).\n"),
    (("2026-03-01", "31/03/2026"), "workshop: --to 31/03/2026: not a date; give one like 2026-03-31 "
                                   "(year-month-day).\n"),
    (("2026-03-31", "2026-03-01"), "workshop: The range ends (1 Mar 2026) before it starts (31 Mar 2026).\n"),
    (("2026-05-01", "2026-05-31"), "workshop: There are no issued invoices or credit notes issued from 1 May 2026 "
                                   "to 31 May 2026 to export.\n"),
])
def test_bad_dates_or_nothing_to_export_exit_1_with_a_message(db, march, tmp_path, capsys, dates, message):
    out = tmp_path / "x.csv"
    assert export(db, "--from", dates[0], "--to", dates[1], "--format", "xero", "-o", str(out)) == 1
    assert capsys.readouterr().err == message
    assert not out.exists()


def test_an_unmapped_rate_exits_1_naming_it(db, march, tmp_path, capsys):
    out = tmp_path / "qb.csv"  # the mapping gives no QuickBooks code for 20 %
    assert export(db, "--from", "2026-03-01", "--to", "2026-03-31", "--format", "quickbooks", "-o", str(out)) == 1
    assert capsys.readouterr().err == ("workshop: No QuickBooks tax code is set for the tax rate 20% (standard): "
                                       "add it in Company settings.\n")
    assert not out.exists() and invoice_views.get_invoice(db, march[1].id).exported_at is None


def test_quickbooks_leaves_credit_notes_out_and_says_so(db, march, tmp_path, capsys):
    tax_codes.save_tax_codes(db, [WITH_QUICKBOOKS])
    credit = invoices.issue(db, invoices.credit_note(db, march[1].id).id, issue_date=dt.date(2026, 3, 2))
    out = tmp_path / "qb.csv"
    assert export(db, "--from", "2026-03-01", "--to", "2026-03-31", "--format", "quickbooks", "-o", str(out)) == 0
    captured = capsys.readouterr()
    assert captured.err == ("workshop: CN-2026-0001 left out: QuickBooks Online cannot import credit notes; enter "
                            "them in QuickBooks as credit memos.\n")
    assert captured.out == f"Exported 2 invoices to {out}.\n"
    assert [row[0] for row in read_csv(out)[1:]] == ["INV-2026-0002", "INV-2026-0003"]
    assert invoice_views.get_invoice(db, credit.id).exported_at is None
