"""Invoicing from Job Cards as the owner does it: Invoice… on the job bar drafts a deposit (the %
the quote asks for, else 30%) or the final invoice and opens it in the invoice editor; the job's
Invoices page lists them; a chargeable aftercare ticket is invoiced from its ticket. "Mark
invoiced" is gone. Figures worked out by hand (the shop's default rate is 20%)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from support.gui import click, open_job_cards, open_window, show_job_page, type_text, when_dialog_opens
from support.invoicing import MARCH_10, delivered, final_invoice_issued, quoted, with_billing_address
from workshop.services import aftercare, change_orders, invoice_views, invoices, jobs, payments, settings
from workshop.ui import theme
from workshop.ui.job_pages.delivery import DeliveryAftercarePage
from workshop.ui.job_pages.invoices import JobInvoicesPage

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def opened(monkeypatch):
    """The invoices handed to the invoice editor (its own tests drive it)."""
    ids = []
    monkeypatch.setattr("workshop.ui.dialogs.job_invoice.open_in_editor",
                        lambda parent, ctx, invoice_id: ids.append(invoice_id))
    return ids


@pytest.fixture
def kitchen(db, shop):
    """The sample job on a quote of 6,794.41 net, a larder unit of 500.00 approved, delivered."""
    with_billing_address(db, shop)
    quote = quoted(db, shop, shop.job.id, "6794.41")
    change = change_orders.create_change_order(db, shop.job.id, description="Larder unit", price_change="500.00")
    change_orders.approve_change_order(db, change.id)
    delivered(db, shop.job.id)
    return shop.job, quote


@pytest.fixture
def cards(qtbot, db):
    return lambda job_id: open_job_cards(qtbot, db, job_id)


page_of = show_job_page


def invoice_with(qtbot, tab, act) -> list:
    """Click Invoice… and answer its dialog with ``act`` (a failed check closes it, never hangs)."""
    seen = []

    def answer(dialog):
        try:
            seen.append(act(dialog))
        finally:
            if dialog.isVisible():
                dialog.reject()

    answered = when_dialog_opens(answer)
    click(qtbot, tab.detail.actions.invoice_button)
    assert answered and seen, "the dialog was not answered"
    return seen


def test_a_deposit_then_the_final_invoice_from_the_job_bar(qtbot, db, kitchen, cards, opened, today):
    job, quote = kitchen
    tab = cards(job.id)
    bar = tab.detail.actions
    texts = [b.text() for b in tab.findChildren(QPushButton)]
    assert "Mark invoiced" not in texts and "invoice" not in bar.buttons
    assert bar.invoice_button.text() == "Invoice…" and bar.invoice_button.isEnabled()

    def deposit(dialog):
        assert dialog.objectName() == "jobInvoiceDialog"
        summary = dialog.summary.text()
        # 6,794.41 + 500.00 = 7,294.41 with the change; nothing invoiced yet
        assert summary.startswith(f"Contract (quote {quote.number}): £6,794.41 net")
        assert "Approved change orders: £500.00  ·  contract with changes: £7,294.41" in summary
        assert dialog.kind_buttons["final"].isChecked()  # delivered: the final invoice is offered first
        click(qtbot, dialog.kind_buttons["deposit"])
        assert dialog.deposit.percent.text() == "30"  # the quote states no deposit
        assert dialog.deposit_hint.text() == "The quote states no deposit: 30% is suggested."
        # 30% of 6,794.41 = 2,038.323 → 2,038.32
        assert dialog.preview.text() == "This deposit invoice bills 30% of £6,794.41 = £2,038.32 net, before tax."
        click(qtbot, dialog.ok_button)
        return dialog.drafted

    drafted, = invoice_with(qtbot, tab, deposit)
    assert opened == [drafted.id]
    stored = invoice_views.get_invoice(db, drafted.id)
    assert [(ln.description, ln.quantity, ln.unit_price, ln.rate) for ln in stored.lines] == [
        (f"30% deposit on quote {quote.number} (6,794.41)", D("1"), D("2038.32"), D("20.00"))]
    # tax 20% of 2,038.32 = 407.664 → 407.66; gross 2,445.98
    assert (stored.kind.value, stored.job_id, stored.totals.gross) == ("deposit", job.id, D("2445.98"))
    deposit_issued = invoices.issue(db, drafted.id, issue_date=MARCH_10)

    def final(dialog):
        assert f"Invoiced before: {deposit_issued.number} (deposit) £2,038.32" in dialog.summary.text()
        assert dialog.kind_buttons["final"].isChecked()
        shown = [(dialog.final_model.index(r, 0).data(), dialog.final_model.index(r, 2).data())
                 for r in range(dialog.final_model.rowCount())]
        assert shown == [(f"Oak dresser, as quote {quote.number}", "£6,794.41"),
                         ("Change order 1: Larder unit", "£500.00"),
                         (f"Less deposit invoice {deposit_issued.number}", "-£2,038.32")]
        # 6,794.41 + 500.00 − 2,038.32 = 5,256.09 net; tax 1,051.218 → 1,051.22; gross 6,307.31
        assert dialog.preview.text() == "The final invoice bills £5,256.09 net + £1,051.22 tax = £6,307.31."
        click(qtbot, dialog.ok_button)
        return dialog.drafted

    final_draft, = invoice_with(qtbot, tab, final)
    assert opened == [drafted.id, final_draft.id]
    stored = invoice_views.get_invoice(db, final_draft.id)
    assert [(ln.description, ln.quantity, ln.unit_price, ln.deduction) for ln in stored.lines] == [
        (f"Oak dresser, as quote {quote.number}", D("1"), D("6794.41"), False),
        ("Change order 1: Larder unit", D("1"), D("500.00"), False),
        (f"Less deposit invoice {deposit_issued.number}", D("-1"), D("2038.32"), True)]
    assert (stored.totals.net, stored.totals.tax, stored.totals.gross) == (D("5256.09"), D("1051.22"), D("6307.31"))

    page = page_of(tab, JobInvoicesPage)
    model = page.model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    # issued 10 March 2026 on 30 days' terms: due 9 April, overdue from the day after
    overdue = (today - dt.date(2026, 4, 9)).days
    assert rows == [[deposit_issued.number, "Deposit", "10 Mar 2026", "£2,445.98", "£2,445.98",
                     f"Overdue {overdue} days"],
                    ["Draft", "Final", "—", "—", "—", "Draft"]]
    assert model.index(0, 5).data(Qt.ItemDataRole.ForegroundRole).color().name() == theme.ALARM
    assert page.summary.text() == "1 issued invoice: £2,445.98 billed, £2,445.98 owed  ·  1 draft not issued yet"
    page.view.selectRow(0)
    click(qtbot, page.open_button)
    assert opened[-1] == deposit_issued.id


def test_the_deposit_the_quote_asks_for_is_offered_and_a_bad_figure_saves_nothing(qtbot, db, shop, cards, opened):
    with_billing_address(db, shop)
    quoted(db, shop, shop.job.id, "1000.00", payment_terms="40% deposit on acceptance, balance on delivery.")
    tab = cards(shop.job.id)  # planned: a deposit, never yet the final invoice

    def deposit(dialog):
        assert dialog.kind_buttons["deposit"].isChecked() and not dialog.kind_buttons["final"].isEnabled()
        assert dialog.deposit.percent.text() == "40"
        assert dialog.deposit_hint.text() == "The quote's terms ask for a 40% deposit."
        dialog.deposit.percent.clear()
        type_text(qtbot, dialog.deposit.percent, "12,50")  # not how an English shop writes 12.50
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and dialog.general_error.isVisible()
        message = dialog.general_error.text()
        dialog.reject()
        return message

    message, = invoice_with(qtbot, tab, deposit)
    assert "12,50" in message
    assert opened == [] and invoice_views.list_invoices(db) == ()


def test_a_chargeable_ticket_is_invoiced_from_its_ticket(qtbot, db, shop, cards, opened):
    with_billing_address(db, shop)
    delivered(db, shop.job.id)
    covered = aftercare.open_ticket(db, shop.job.id, problem="Hinge loose", under_warranty=True)
    charged = aftercare.open_ticket(db, shop.job.id, problem="Scratch from a house move", action="Refinished",
                                    cost="60.00", under_warranty=False)
    tab = cards(shop.job.id)
    tickets = page_of(tab, DeliveryAftercarePage).tickets_box
    tickets.tickets.selectRow(tickets.tickets_model.find_row(lambda t: t.id == covered.id))
    assert not tickets.invoice_ticket_button.isEnabled()
    assert tickets.invoice_ticket_button.toolTip() == "Under warranty: the customer is not charged."
    tickets.tickets.selectRow(tickets.tickets_model.find_row(lambda t: t.id == charged.id))
    click(qtbot, tickets.invoice_ticket_button)
    invoice, = invoice_views.list_invoices(db, job_id=shop.job.id)
    assert opened == [invoice.id]
    drafted = invoice_views.get_invoice(db, invoice.id)
    assert drafted.ticket_id == charged.id and drafted.totals.gross == D("72.00")  # 60.00 + 20% tax 12.00

    page = page_of(tab, JobInvoicesPage)
    assert page.model.index(0, 1).data() == "Manual"


def test_a_progress_invoice_in_a_german_shop_names_its_milestone(qtbot, db, shop, cards, opened):
    with_billing_address(db, shop)
    quote = quoted(db, shop, shop.job.id, "1000.00")
    settings.update_settings(db, locale="de_DE", currency="EUR")
    tab = cards(shop.job.id)

    def progress(dialog):
        click(qtbot, dialog.kind_buttons["progress"])
        type_text(qtbot, dialog.progress.percent, "12,5")  # 12.5 as a German shop writes it
        type_text(qtbot, dialog.milestone, "Korpusse für J&C <b>Ltd</b> in Łódź montiert")
        # 12.5% of 1,000.00 = 125.00
        # euros in German: a no-break space before the sign
        assert dialog.preview.text() == ("This progress invoice bills 12,5% of 1.000,00\xa0€ = 125,00\xa0€ net, "
                                         "before tax.")
        click(qtbot, dialog.ok_button)
        return dialog.drafted

    drafted, = invoice_with(qtbot, tab, progress)
    line, = invoice_views.get_invoice(db, drafted.id).lines
    assert line.description == (f"Progress: 12,5% of quote {quote.number} with its changes (1.000,00): "
                                "Korpusse für J&C <b>Ltd</b> in Łódź montiert")
    assert (line.unit_price, opened) == (D("125.00"), [drafted.id])


def test_a_job_with_its_final_invoice_takes_no_other_and_a_closed_one_none(qtbot, db, shop, cards, opened):
    delivered(db, shop.job.id)
    final = final_invoice_issued(db, shop, shop.job.id)  # on a quote of 1,000.00: 1,200.00 with 20% tax
    tab = cards(shop.job.id)

    def nothing_left(dialog):
        assert not any(button.isEnabled() for button in dialog.kind_buttons.values())
        assert not dialog.ok_button.isEnabled()
        assert dialog.preview.text() == f"{shop.job.number} has its final invoice already: correct it with a credit note."
        assert f"Invoiced before: {final.number} (final) £1,000.00" in dialog.summary.text()
        return True

    assert invoice_with(qtbot, tab, nothing_left) == [True]
    payments.record_payment(db, final.id, paid_on=MARCH_10, amount="1200.00", method="card")  # closes the job
    tab.detail.refresh()
    bar = tab.detail.actions
    assert tab.detail.status_badge.text() == "Closed" and not bar.invoice_button.isEnabled()
    assert bar.invoice_button.toolTip() == f"Job {shop.job.number} is closed; it takes no more invoices."
    assert opened == []


def named(name):
    return lambda dialog: dialog.objectName() == name


def test_from_the_job_to_its_paid_final_invoice_through_the_invoice_editor(qtbot, db, kitchen, tmp_path):
    job, quote = kitchen
    window = open_window(qtbot, db, tmp_path, tab="job-cards")  # the editor's dialogs over the real window
    tab = window.tab("job-cards")
    tab.open_job(job.id)
    qtbot.waitUntil(lambda: tab.detail.job is not None)
    seen = []

    def pay(dialog):  # the balance is offered: 6,794.41 + 500.00 = 7,294.41 net, tax 1,458.882 → 1,458.88
        seen.append(dialog.amount.text())
        click(qtbot, dialog.ok_button)

    def issued(box):
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    def editor(dialog):
        seen.append(dialog.heading.text())
        when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Yes).click(),
                          lambda d: isinstance(d, QMessageBox) and d.windowTitle() == "Issue the invoice")
        when_dialog_opens(issued, named("issuedMessage"))
        click(qtbot, dialog.issue_button)
        qtbot.waitUntil(lambda: dialog.view.number is not None)
        when_dialog_opens(pay, named("paymentDialog"))
        click(qtbot, dialog.pay_button)
        qtbot.waitUntil(lambda: not dialog.pay_button.isEnabled())
        seen.append(dialog.info.text())
        click(qtbot, dialog.close_button)

    def final(dialog):
        when_dialog_opens(editor, named("invoiceEditor"))
        click(qtbot, dialog.ok_button)  # the final invoice is offered first on a delivered job

    answered = when_dialog_opens(final, named("jobInvoiceDialog"))
    click(qtbot, tab.detail.actions.invoice_button)
    assert answered
    invoice, = invoice_views.list_invoices(db, job_id=job.id)
    heading, message, amount, info = seen
    assert (heading, message, amount) == ("Draft final invoice", f"Issued as {invoice.number}.", "8,753.29")
    assert info.startswith(f"Harrow & Finch Interiors   ·   Job {job.number}   ·   Issued ") and info.endswith("Paid")
    # gross 7,294.41 + 1,458.88 = 8,753.29, paid in full: the job closes by itself
    assert (invoice.gross, invoice.balance, invoice.status.value) == (D("8753.29"), D("0.00"), "paid")
    assert tab.detail.status_badge.text() == "Closed"
    history = jobs.get_job(db, job.id).history
    assert [(h.to_status, h.reason) for h in history[-2:]] == [
        ("invoiced", f"Final invoice {invoice.number} issued"), ("closed", f"{invoice.number} paid in full")]
