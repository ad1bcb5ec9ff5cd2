"""The Invoices tab and the invoice's own window, driven as a person does: a manual invoice
typed, refused figures, issued, paid in part then in full, credited; overdue rows, search and
the status filter; the aged debts. Figures worked by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import func, select

from support.gui import click, open_window, type_cell, type_text
from support.invoicing import issued_manual, manual_draft, with_billing_address
from workshop.db.models import Invoice, InvoiceLine, Payment
from workshop.domain.aged_debts import BUCKETS
from workshop.domain.money import format_money
from workshop.services import customers, invoice_views, settings
from workshop.ui import theme
from workshop.ui.context import AppContext
from workshop.ui.dialogs.invoice_editor import InvoiceEditor
from workshop.ui.models import invoices_model as im
from workshop.ui.widgets import invoice_lines as il


def gbp(amount: str, locale: str = "en_GB") -> str:
    return format_money(Decimal(amount), "GBP", locale)


def when_open(match, act) -> list:
    """Answer the next modal dialog that ``match`` (its object name, or a test on it) picks."""
    done = []

    def poll():
        dialog = QApplication.activeModalWidget()
        picked = isinstance(dialog, QDialog) and (
            dialog.objectName() == match if isinstance(match, str) else match(dialog))
        if picked and not done:
            done.append(dialog)
            try:
                act(dialog)
            except BaseException:
                # a failed check must not leave a modal dialog waiting for ever: close them all
                while isinstance(QApplication.activeModalWidget(), QDialog):
                    QApplication.activeModalWidget().done(0)
                raise
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return done


def question(title: str):
    return lambda d: isinstance(d, QMessageBox) and d.windowTitle() == title


def answer(button):
    return lambda box: box.button(button).click()


def count(db, model) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model))


def cell(tab, row: int, column: int) -> str:
    return tab.model.index(row, column).data()


def test_a_manual_invoice_typed_issued_paid_in_part_then_in_full_and_credited(qtbot, db, shop, tmp_path):
    with_billing_address(db, shop)
    window = open_window(qtbot, db, tmp_path, tab="invoices")
    tab = window.tab("invoices")
    year = db.today().year

    def new_invoice(dialog):
        type_text(qtbot, dialog.customer.combo.lineEdit(), "Harrow & Finch Interiors")
        click(qtbot, dialog.ok_button)

    def type_and_issue(editor):
        assert editor.heading.text() == "Draft invoice"
        lines = editor.lines
        click(qtbot, editor.add_button)
        type_cell(qtbot, lines, 0, il.DESCRIPTION, "Gate repair for J&C <b>Ltd</b>, Łódź")
        type_cell(qtbot, lines, 0, il.QUANTITY, "2")
        type_cell(qtbot, lines, 0, il.UNIT_PRICE, "12,50")  # a German figure in an English shop
        assert "12.50" in editor.problem.text() and editor.problem.isVisible()
        assert editor.totals.text() == "Net —   ·   Tax —   ·   Gross —"
        click(qtbot, editor.save_button)  # the service refuses it too: nothing saved
        assert "12.50" in editor.problem.text()
        assert count(db, InvoiceLine) == 0
        type_cell(qtbot, lines, 0, il.UNIT_PRICE, "12.50")
        # 2 × 12.50 = 25.00 at 20 % → tax 5.00, gross 30.00
        assert editor.totals.text() == f"Net {gbp('25.00')}   ·   Tax {gbp('5.00')}   ·   Gross {gbp('30.00')}"
        click(qtbot, editor.add_button)
        type_cell(qtbot, lines, 1, il.DESCRIPTION, "Insulated panel")
        type_cell(qtbot, lines, 1, il.UNIT_PRICE, "100.01")
        lines.cellWidget(1, il.CATEGORY).setCurrentIndex(1)  # reduced
        type_cell(qtbot, lines, 1, il.RATE, "5")
        # reduced 5 %: 100.01 × 5 % = 5.0005 → 5.00; net 25.00 + 100.01 = 125.01, tax 5.00 + 5.00 = 10.00
        assert editor.totals.text() == f"Net {gbp('125.01')}   ·   Tax {gbp('10.00')}   ·   Gross {gbp('135.01')}"
        assert editor.subtotals.text() == (f"Standard 20%: {gbp('25.00')} net, {gbp('5.00')} tax\n"
                                           f"Reduced 5%: {gbp('100.01')} net, {gbp('5.00')} tax")
        when_open(question("Issue the invoice"), answer(QMessageBox.StandardButton.Yes))
        when_open("issuedMessage", answer(QMessageBox.StandardButton.Ok))
        click(qtbot, editor.issue_button)  # saves the typing first, then issues
        assert editor.heading.text() == f"Invoice INV-{year}-0001"
        assert not editor.save_button.isVisible() and editor.pay_button.isVisible()
        assert editor.lines.editTriggers() == editor.lines.EditTrigger.NoEditTriggers
        click(qtbot, editor.close_button)

    when_open("invoiceEditor", type_and_issue)
    when_open("newInvoiceDialog", new_invoice)
    click(qtbot, tab.new_button)

    number = f"INV-{year}-0001"
    issued = invoice_views.find_by_number(db, number)
    assert issued.lines[0].description == "Gate repair for J&C <b>Ltd</b>, Łódź"
    assert issued.totals.gross == Decimal("135.01")
    assert (cell(tab, 0, im.NUMBER), cell(tab, 0, im.STATUS), cell(tab, 0, im.GROSS), cell(tab, 0, im.BALANCE)) == (
        number, "Issued", gbp("135.01"), gbp("135.01"))

    # Bad amounts: letters, then more than the balance; each says why and saves nothing.
    def pay(amount, *, expect_error=""):
        def fill(dialog):
            assert dialog.amount.text() == f"{invoice_views.get_invoice(db, issued.id).balance}"
            dialog.amount.clear()
            type_text(qtbot, dialog.amount, amount)
            click(qtbot, dialog.ok_button)
            if expect_error:
                assert expect_error in dialog.errors.message("amount"), dialog.errors.message("amount")
                dialog.reject()
        when_open("paymentDialog", fill)
        tab.select_invoice(issued.id)
        click(qtbot, tab.pay_button)

    pay("ten pounds", expect_error="must be a number")
    pay("12,50", expect_error="not a number in this shop's format; write 12.50")  # an English shop
    pay("200.00", expect_error=f"is more than the balance of {number}, {gbp('135.01')}")
    assert count(db, Payment) == 0
    pay("100.00")
    assert (cell(tab, 0, im.STATUS), cell(tab, 0, im.BALANCE)) == ("Part paid", gbp("35.01"))  # 135.01 − 100.00
    pay("35.01")
    assert cell(tab, 0, im.STATUS) == "Paid"
    assert tab.model.index(0, im.STATUS).data(Qt.ItemDataRole.ForegroundRole).color().name() == theme.GOOD

    # A part credit: the gate repair, one of the two.
    def credit(dialog):
        click(qtbot, dialog.part)
        dialog.set_ticked(0)
        type_cell(qtbot, dialog.lines, 0, 1, "1")
        click(qtbot, dialog.ok_button)

    def issue_note(editor):
        assert editor.heading.text() == "Draft credit note"
        # 1 × 12.50 = 12.50, 20 % → 2.50, gross 15.00
        assert editor.totals.text() == f"Net {gbp('12.50')}   ·   Tax {gbp('2.50')}   ·   Gross {gbp('15.00')}"
        when_open(question("Issue the credit note"), answer(QMessageBox.StandardButton.Yes))
        when_open("issuedMessage", answer(QMessageBox.StandardButton.Ok))
        click(qtbot, editor.issue_button)
        assert editor.heading.text() == f"Credit note CN-{year}-0001"
        click(qtbot, editor.close_button)

    when_open("invoiceEditor", issue_note)
    when_open("creditNoteDialog", credit)
    tab.select_invoice(issued.id)
    click(qtbot, tab.credit_button)
    assert (cell(tab, 0, im.NUMBER), cell(tab, 0, im.KIND), cell(tab, 0, im.GROSS)) == (
        f"CN-{year}-0001", "Credit note", gbp("15.00"))
    assert invoice_views.get_invoice(db, issued.id).credited == Decimal("15.00")


def test_overdue_rows_are_red_with_their_days_search_narrows_and_the_filter_picks(qtbot, db, shop, tmp_path):
    with_billing_address(db, shop)
    late = issued_manual(db, shop)  # issued 10 March 2026, due 9 April 2026
    draft = manual_draft(db, shop)
    other = customers.create_customer(db, name="Łódź Joinery", address="ul. Piotrkowska 1\n90-001 Łódź",
                                      country="PL")
    other_draft = manual_draft(db, shop.__class__(**{**shop.__dict__, "customer": other}))
    window = open_window(qtbot, db, tmp_path, tab="invoices")
    tab = window.tab("invoices")
    days = (db.today() - dt.date(2026, 4, 9)).days
    row = tab.model.row_of(late.id)
    assert cell(tab, row, im.STATUS) == f"Overdue {days} days"
    assert tab.model.index(row, im.CUSTOMER).data(Qt.ItemDataRole.ForegroundRole).color().name() == theme.ALARM
    assert cell(tab, tab.model.row_of(draft.id), im.NUMBER) == "Draft"
    assert tab.count_label.text() == "3 invoices"

    type_text(qtbot, tab.search, "łódź")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.row_at(0).id == other_draft.id and tab.count_label.text() == "1 invoice"
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3)

    tab.status_filter.setCurrentIndex(tab.status_filter.findText("Overdue"))
    assert [r.id for r in tab.model.rows()] == [late.id]
    tab.status_filter.setCurrentIndex(tab.status_filter.findText("Drafts"))
    assert {r.id for r in tab.model.rows()} == {draft.id, other_draft.id}
    assert not tab.issue_button.isEnabled()  # nothing chosen yet
    tab.select_invoice(draft.id)
    assert tab.issue_button.isEnabled() and not tab.pay_button.isEnabled() and not tab.facturx_button.isEnabled()

    # The aged debts: 1757.48 owed, over 90 days overdue once today is past 8 July 2026.
    bucket = 4 if days > 90 else 3 if days > 60 else 2 if days > 30 else 1
    owed = tab.aged.cell("GBP", bucket)
    assert owed.text == gbp("1757.48") and owed.colour == theme.ALARM and owed.bold
    assert owed.tooltip == f"1 invoice, {BUCKETS[bucket].label.lower()}"
    assert [tab.aged.cell("GBP", b).text for b in range(len(BUCKETS)) if b != bucket] == [gbp("0.00")] * 4
    assert tab.aged.cell("GBP", "total").text == gbp("1757.48")


def test_enter_opens_the_invoice_and_a_refused_issue_keeps_the_draft(qtbot, db, shop, tmp_path):
    draft = manual_draft(db, shop)  # neither the shop nor its customer has an address yet
    window = open_window(qtbot, db, tmp_path, tab="invoices")
    tab = window.tab("invoices")
    tab.select_invoice(draft.id)
    messages = []

    def try_to_issue(editor):
        assert editor.lines.rowCount() == 4
        when_open(question("Issue the invoice"), answer(QMessageBox.StandardButton.Yes))

        def refused(box):
            messages.append(box.text())
            box.button(QMessageBox.StandardButton.Ok).click()
        when_open("errorDialog", refused)
        click(qtbot, editor.issue_button)
        assert editor.heading.text() == "Draft invoice" and editor.save_button.isVisible()
        click(qtbot, editor.close_button)

    when_open("invoiceEditor", try_to_issue)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert messages and messages[0].startswith("BR-08: The shop has no postal address")
    with db.reader() as s:
        assert s.scalar(select(Invoice.number).where(Invoice.id == draft.id)) is None
        assert s.scalar(select(Invoice.status).where(Invoice.id == draft.id)) == "draft"


def test_a_german_shop_types_12_comma_50_and_closing_with_changes_asks(qtbot, db, shop):
    settings.update_settings(db, locale="de_DE")
    draft = manual_draft(db, shop, lines=[dict(description="Tür", quantity="1", unit_price="10")])
    ctx = AppContext(db)
    editor = InvoiceEditor(ctx, draft.id)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.lines.item(0, il.UNIT_PRICE).text() == "10,00"
    type_cell(qtbot, editor.lines, 0, il.QUANTITY, "2")
    type_cell(qtbot, editor.lines, 0, il.UNIT_PRICE, "12,50")
    # 2 × 12,50 = 25,00 at 20 % → 5,00 tax, 30,00 gross
    assert editor.totals.text() == (f"Net {gbp('25.00', 'de_DE')}   ·   Tax {gbp('5.00', 'de_DE')}   ·   "
                                    f"Gross {gbp('30.00', 'de_DE')}")
    asked = when_open("unsavedDialog", answer(QMessageBox.StandardButton.Save))
    click(qtbot, editor.close_button)
    assert asked and not editor.isVisible()
    line = invoice_views.get_invoice(db, draft.id).lines[0]
    assert (line.quantity, line.unit_price) == (Decimal("2"), Decimal("12.50"))


def test_the_invoices_model_passes_modeltester(qtmodeltester, db, shop):
    with_billing_address(db, shop)
    issued_manual(db, shop)
    manual_draft(db, shop)
    model = im.InvoicesModel(db, "en_GB")
    model.fetchMore()
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_export_last_month_from_the_tab_writes_the_file_and_a_second_export_asks(qtbot, db, shop, tmp_path,
                                                                                   monkeypatch):
    import csv

    from workshop.services import invoices
    from workshop.ui.dialogs import invoice_export

    with_billing_address(db, shop)
    first_of_month = db.today().replace(day=1)
    last_month_day = first_of_month - dt.timedelta(days=5)  # within last month, the dialog's default period
    issued = invoices.issue(db, manual_draft(db, shop).id, issue_date=last_month_day)
    target = tmp_path / "march.csv"
    monkeypatch.setattr(invoice_export.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window = open_window(qtbot, db, tmp_path, tab="invoices")
    tab = window.tab("invoices")
    said = []

    def export(dialog):
        assert dialog.date_from.date() == last_month_day.replace(day=1)
        assert dialog.date_to.date() == first_of_month - dt.timedelta(days=1)
        dialog.format.setCurrentIndex(dialog.format.findData("csv"))
        click(qtbot, dialog.ok_button)

    def done(box):
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    when_open("exportDone", done)
    when_open("invoiceExportDialog", export)
    click(qtbot, tab.export_button)
    qtbot.waitUntil(lambda: bool(said))
    assert said[0].startswith("1 invoice exported to:") and str(target) in said[0]
    with target.open(newline="", encoding="utf-8-sig") as f:
        assert issued.number in [cell for row in csv.reader(f) for cell in row]
    assert invoice_views.get_invoice(db, issued.id).exported_at is not None

    # Again: it names what was exported before; No writes nothing.
    target.unlink()
    asked = []

    def again(dialog):
        def no(box):
            asked.append(box.text())
            box.button(QMessageBox.StandardButton.No).click()
        when_open(question("Exported before"), no)
        click(qtbot, dialog.ok_button)
        dialog.reject()

    when_open("invoiceExportDialog", again)
    click(qtbot, tab.export_button)
    assert asked and asked[0].startswith(f"1 of these was exported before ({issued.number})")
    assert not target.exists()


def test_save_factur_x_from_the_tab_writes_the_pdf_with_its_xml(qtbot, db, shop, tmp_path, monkeypatch):
    from pypdf import PdfReader

    from workshop.ui.dialogs import invoice_actions

    with_billing_address(db, shop)
    issued = issued_manual(db, shop)
    target = tmp_path / "e-invoice.pdf"
    monkeypatch.setattr(invoice_actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window = open_window(qtbot, db, tmp_path, tab="invoices")
    tab = window.tab("invoices")
    tab.select_invoice(issued.id)
    said = []
    when_open("facturxSaved", lambda box: (said.append(box.text()), box.button(QMessageBox.StandardButton.Ok).click()))
    click(qtbot, tab.facturx_button)
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said[0] == f"{issued.number} saved as an e-invoice:\n{target}"
    attached = PdfReader(target).attachments
    assert "factur-x.xml" in attached
    assert issued.number.encode() in attached["factur-x.xml"][0]


def test_print_preview_of_the_chosen_invoice(qtbot, db, shop, tmp_path):
    import io

    from pypdf import PdfReader

    with_billing_address(db, shop)
    issued = issued_manual(db, shop)
    window = open_window(qtbot, db, tmp_path, tab="invoices")
    tab = window.tab("invoices")
    assert not tab.print_button.isEnabled()  # nothing chosen
    tab.select_invoice(issued.id)
    window.actions.print_.trigger()  # Ctrl+P: the window's Print goes to the tab
    qtbot.waitUntil(lambda: getattr(tab, "_preview", None) is not None, timeout=10_000)
    assert tab._preview.windowTitle() == f"Invoice {issued.number}"
    text = PdfReader(io.BytesIO(tab._preview.pdf)).pages[0].extract_text()
    assert issued.number in text
    tab._preview.done(0)
