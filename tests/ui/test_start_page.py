"""The Start tab (issue 16, item 1), driven as a person does: the window opens on it; a click on a
late job opens it in Job Cards; Tab to the overdue invoices and Enter opens the invoice; a quote
opens in Briefs, a material on the reorder list; the live schedule adds the jobs it predicts late."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from support.gui import open_window, when_dialog_opens
from support.invoicing import FOUR_LINES, with_billing_address
from workshop.db.engine import utc_now
from workshop.db.models import ShopSettings
from workshop.services import bom, briefs, invoices, jobs, quotes, routing
from workshop.ui.dialogs.invoice_editor import InvoiceEditor

LEFT = Qt.MouseButton.LeftButton


def made_a_fortnight_ago(db, shop, title: str, due: dt.date) -> int:
    """A job made two weeks ago (a due date before today is refused on a new job), released."""
    db.clock = lambda: utc_now() - dt.timedelta(days=14)
    job_id = jobs.create_job(db, customer_id=shop.customer.id, title=title, quantity=1, due_date=due).id
    db.clock = utc_now
    jobs.change_status(db, job_id, "release")
    return job_id


def click_row(qtbot, card, kind: str, record_id: int) -> None:
    row = card.row_of(kind, record_id)
    assert row is not None, f"{kind} {record_id} is not listed in {card.key}"
    card.list.scrollToItem(row)
    qtbot.mouseClick(card.list.viewport(), LEFT, pos=card.list.visualItemRect(row).center())


def start_tab(qtbot, db, tmp_path):
    window = open_window(qtbot, db, tmp_path)
    tab = window.current_tab()
    qtbot.waitUntil(lambda: tab.forecast is not None)  # the live schedule has been worked out
    return window, tab


def test_the_window_opens_on_start(qtbot, db, shop, tmp_path):
    window = open_window(qtbot, db, tmp_path)
    assert window.tabs.tabText(0) == "Start" and window.current_tab().tab_id == "start"
    tab = window.current_tab()
    qtbot.waitUntil(tab.card("late").empty.isVisible)
    assert tab.card("late").empty.text() == "Nothing late."
    assert not tab.card("late").list.isVisible()


def test_clicking_the_late_job_opens_it_in_job_cards(qtbot, db, shop, tmp_path):
    late = made_a_fortnight_ago(db, shop, "Walnut desk", db.today() - dt.timedelta(days=1))
    window, tab = start_tab(qtbot, db, tmp_path)
    card = tab.card("late")
    assert card.count.text() == "1"
    [item] = card.items()
    assert (item.label, item.urgent) == (jobs.get_job(db, late).number, True)
    assert item.why.startswith("due ") and "yesterday · released" in item.why
    click_row(qtbot, card, "job", late)
    qtbot.waitUntil(lambda: window.current_tab().tab_id == "job-cards")
    cards = window.current_tab()
    qtbot.waitUntil(lambda: cards.detail.job is not None and cards.detail.job.id == late)


def test_enter_on_the_overdue_invoice_opens_it(qtbot, db, shop, tmp_path):
    with_billing_address(db, shop)
    draft = invoices.create_draft(db, kind="manual", customer_id=shop.customer.id, lines=FOUR_LINES)
    # issued 40 days ago on 30 days' terms: 10 days overdue, 1,757.48 unpaid (support/invoicing)
    invoice = invoices.issue(db, draft.id, issue_date=db.today() - dt.timedelta(days=40))
    window, tab = start_tab(qtbot, db, tmp_path)
    card = tab.card("overdue")
    assert [i.why for i in card.items()] == ["10 days overdue · £1,757.48 owed"]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for _ in range(20):  # Tab from list to list, as a person does, to the overdue invoices
        if QApplication.focusWidget() is card.list:
            break
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is card.list
    opened = when_dialog_opens(lambda dialog: dialog.reject(), check=lambda d: isinstance(d, InvoiceEditor))
    qtbot.keyClick(card.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(opened))
    assert opened[0].view.id == invoice.id
    invoices_tab = window.current_tab()
    assert invoices_tab.tab_id == "invoices" and invoices_tab.current().id == invoice.id


def test_a_quote_opens_in_briefs_and_a_material_on_the_reorder_list(qtbot, db, shop, tmp_path):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak wardrobe", requirements="Two doors")
    quote = quotes.send_quote(db, quotes.create_quote(db, brief.id, lines=[("labour", "Making", "900")],
                                                      markup_pct="0").id,
                              valid_until=db.today() + dt.timedelta(days=3))
    bom.add_line(db, shop.job.id, material_id=shop.oak.id, quantity="50")  # 40 on hand: below its level 10
    window, tab = start_tab(qtbot, db, tmp_path)
    click_row(qtbot, tab.card("quotes"), "quote", quote.id)
    qtbot.waitUntil(lambda: window.current_tab().tab_id == "briefs")
    briefs_tab = window.current_tab()
    assert briefs_tab.brief.id == brief.id
    assert briefs_tab.lower_tabs.currentWidget() is briefs_tab.quotes
    assert briefs_tab.quotes.current_row().id == quote.id

    window.select_tab("start")
    click_row(qtbot, tab.card("reorder"), "material", shop.oak.id)
    qtbot.waitUntil(lambda: window.current_tab().tab_id == "stock")
    page = window.current_tab().page()
    assert page.title == "Reorder list" and page.current().material_id == shop.oak.id


def test_the_live_schedule_adds_a_job_it_predicts_late(qtbot, db, shop, tmp_path):
    # due tomorrow with 24 h of sawing left on a saw of 8 h a day: three working days, so it
    # cannot finish before its due date, whatever the time of day
    jobs.update_job(db, shop.job.id, due_date=db.today() + dt.timedelta(days=1))
    jobs.change_status(db, shop.job.id, "release")
    routing.add_operation(db, shop.job.id, name="Cut", workstation_id=shop.saw.id, setup_minutes="0",
                          run_minutes="720")  # × quantity 2 = 1,440 minutes
    window, tab = start_tab(qtbot, db, tmp_path)
    [item] = tab.card("late").items()
    assert (item.record_id, item.predicted, item.urgent) == (shop.job.id, True, True)
    assert item.why.startswith("predicted to finish") and item.why.endswith("(live proposal)")
    assert shop.job.id not in [i.record_id for i in tab.card("due").items()]  # listed once
    assert "1 predicted late" in tab.status_text()


def test_the_page_follows_changes(qtbot, db, shop, tmp_path):
    window, tab = start_tab(qtbot, db, tmp_path)
    assert tab.card("undelivered").items() == []
    for action in ("release", "start", "to_inspection", "complete"):
        window.ctx.call(None, jobs.change_status, shop.job.id, action)
    qtbot.waitUntil(lambda: [i.record_id for i in tab.card("undelivered").items()] == [shop.job.id])
    assert tab.card("undelivered").count.text() == "1"


def test_a_workstation_of_todays_load_opens_the_schedule(qtbot, db, shop, tmp_path):
    window, tab = start_tab(qtbot, db, tmp_path)
    assert {i.label for i in tab.card("load").items()} == {"SAW", "BENCH"}
    click_row(qtbot, tab.card("load"), "workstation", shop.saw.id)
    qtbot.waitUntil(lambda: window.current_tab().tab_id == "schedule")


def test_a_calendar_it_cannot_work_with_leaves_the_rest_of_the_page(qtbot, db, shop, tmp_path):
    with db.session() as s:  # no working day at all: only a hand edit of the file gets here
        s.get(ShopSettings, 1).working_weekdays = ""
    window = open_window(qtbot, db, tmp_path)
    tab = window.current_tab()
    qtbot.waitUntil(lambda: "could not be worked out" in tab.as_of.text())
    # the stored week is read like typed input, and the message says where to set it again
    said = "Choose at least one working day. Set the working week again in Shop ▸ Shop calendar."
    assert tab.as_of.text().endswith(said)
    assert tab.card("load").empty.text() == f"Cannot be worked out: {said}"
    assert tab.card("late").empty.text() == "Nothing late."
