"""Status moves in Job Cards as the owner makes them: moves that end work ask first, naming what is
unfinished; a closed job's pages are read-only before anyone types; Reopen gives them back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from workshop.services import bom, delivery, jobs, routing
from workshop.ui.job_pages.bookings import JobBookingsPage
from workshop.ui.job_pages.costs import JobCostsPage
from workshop.ui.job_pages.delivery import DeliveryAftercarePage
from workshop.ui.job_pages.quality import JobQualityPage
from workshop.ui.tabs.routing import RoutingTab
from support.gui import click, open_job_cards, show_job_page, type_text, when_dialog_opens
from support.invoicing import final_invoice_issued

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def cards(qtbot, db):
    return lambda job_id: open_job_cards(qtbot, db, job_id)


page_of = show_job_page


def answer_reason(qtbot, text: str, prompts: list):
    def act(dialog):
        assert dialog.objectName() == "reasonDialog"
        prompts.append(dialog.findChild(QLabel, "reasonPrompt").text())
        type_text(qtbot, dialog.text, text)
        click(qtbot, dialog.ok_button)
    return when_dialog_opens(act)


def answer_reason_then_cancel(qtbot, texts: list):
    def act(dialog):
        assert dialog.objectName() == "reasonDialog"
        texts.append((dialog.windowTitle(), dialog.findChild(QLabel, "reasonPrompt").text()))
        dialog.reject()
    return when_dialog_opens(act)


def test_complete_asks_a_reason_naming_the_operations_not_done(qtbot, db, shop, cards):
    routing.apply_template(db, shop.job.id, shop.template.id)
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, shop.job.id, action)
    tab = cards(shop.job.id)
    quality = page_of(tab, JobQualityPage)
    assert quality.gate.text().startswith("No checks on this job")  # not "Ready to complete"
    assert "3 of 3 operations not done" in quality.gate.text()
    delivery_page = page_of(tab, DeliveryAftercarePage)
    assert delivery_page.state.text() == "No checks on this job, so nothing was inspected; it can be delivered."

    prompts = []
    answered = answer_reason(qtbot, "Oiled and checked; the cards were not scanned", prompts)
    assert tab.detail.actions.buttons["complete"].text() == "Complete…"
    click(qtbot, tab.detail.actions.buttons["complete"])
    assert answered
    assert prompts[0].startswith("3 of 3 operations not done.")
    assert prompts[0].endswith("Why complete it with work unfinished?")
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "complete" and job.history[-1].reason == "Oiled and checked; the cards were not scanned"
    assert tab.detail.status_badge.text() == "Complete"
    history = tab.detail.history.model
    assert history.index(0, 3).data() == "Oiled and checked; the cards were not scanned"  # newest first


def test_delivery_page_waits_for_inspection_and_finished_work(qtbot, db, shop, cards):
    tab = cards(shop.job.id)  # planned
    page = page_of(tab, DeliveryAftercarePage)
    assert page.state.text() == f"Job {shop.job.number} is planned; it is delivered after its inspection."
    assert not page.deliver_button.isEnabled() and not page.received_by.isEnabled()
    assert not page.feedback_button.isEnabled()
    assert page.rating.toolTip() == "Feedback comes once the work is complete."
    assert not page.tickets_box.open_ticket_button.isEnabled()
    assert page.tickets_box.open_ticket_button.toolTip() == "Aftercare tickets are for finished work."


def test_delivery_page_completes_and_delivers_together_or_not_at_all(qtbot, db, shop, cards, today):
    routing.apply_template(db, shop.job.id, shop.template.id)  # three operations, none done
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, shop.job.id, action)
    tab = cards(shop.job.id)
    page = page_of(tab, DeliveryAftercarePage)
    assert page.deliver_button.text() == "Complete and record delivery"

    # a name of 201 characters: asked why complete, then refused by name, and nothing changed
    type_text(qtbot, page.received_by, "R" * 201)
    prompts = []
    answered = answer_reason(qtbot, "Oiled and checked; the cards were not scanned", prompts)
    click(qtbot, page.deliver_button)
    assert answered and prompts[0].startswith("3 of 3 operations not done.")
    assert page.delivery_errors.message("received_by") == "Received by is too long (201 characters; at most 200)."
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "inspection" and len(job.history) == 4  # created, released, started, to inspection
    assert delivery.list_deliveries(db, shop.job.id) == []
    assert tab.detail.status_badge.text() == "Inspection"

    # the right name: completed with the reason given and delivered, in one go
    page.received_by.clear()
    type_text(qtbot, page.received_by, "Ruth Harrow")
    answered = answer_reason(qtbot, "Oiled and checked; the cards were not scanned", prompts)
    click(qtbot, page.deliver_button)
    assert answered
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "delivered" and len(job.history) == 6
    assert [(h.to_status, h.reason) for h in job.history[-2:]] == [
        ("complete", "Oiled and checked; the cards were not scanned"),
        ("delivered", f"Collected by the customer on {today.isoformat()}, received by Ruth Harrow")]
    assert [(d.received_by, d.method, d.delivered_on) for d in delivery.list_deliveries(db, shop.job.id)] == [
        ("Ruth Harrow", "collected", today)]
    assert page.state.text().startswith("Delivered. A further delivery")
    assert tab.detail.status_badge.text() == "Delivered"
    assert page.feedback_button.isEnabled() and page.tickets_box.open_ticket_button.isEnabled()  # the work is done


def test_close_confirms_then_everything_is_read_only_until_reopened(qtbot, db, shop, cards):
    bom.add_line(db, shop.job.id, material_id=shop.oak.id, quantity="1.2")
    for action in ("release", "start", "to_inspection", "complete", "deliver"):
        jobs.change_status(db, shop.job.id, action)
    final_invoice_issued(db, shop, shop.job.id)
    tab = cards(shop.job.id)
    detail = tab.detail
    close = detail.actions.buttons["close"]
    assert close.text() == "Close…"

    # closing by hand asks why, naming what is unfinished (its final invoice is not paid)
    texts = []
    answer_reason_then_cancel(qtbot, texts)
    click(qtbot, close)
    assert texts[0][0] == f"Close {shop.job.number}?"
    assert texts[0][1].startswith("It has no operations.\n\nIt has no inspection checks")
    assert texts[0][1].endswith(f"Why close {shop.job.number}?")
    assert jobs.get_job(db, shop.job.id).status == "invoiced"  # thought again: nothing changed
    assert detail.header.title.isEnabled()

    prompts = []
    answer_reason(qtbot, "Paid in cash at the door", prompts)
    click(qtbot, close)
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "closed" and job.history[-1].reason == "Paid in cash at the door"
    assert detail.status_badge.toolTip() == "Read-only: Reopen… to change it."
    header = detail.header
    for field in (header.title, header.quantity, header.priority, header.specification, header.notes):
        assert not field.isEnabled(), field.objectName()
    detail.pages.setCurrentWidget(detail.bom)
    detail.bom.tree.setCurrentIndex(detail.bom.tree.model().index(0, 0))  # a selection enables Edit… normally
    for button in (detail.bom.add_line_button, detail.bom.edit_button, detail.bom.remove_button):
        assert not button.isEnabled(), button.objectName()
    bookings_page = page_of(tab, JobBookingsPage)
    assert not bookings_page.other_button.isEnabled() and not bookings_page.book_time_button.isEnabled()
    costs = page_of(tab, JobCostsPage)
    assert costs.print_button.isEnabled()  # printing the cost sheet still works
    assert detail.actions.buttons["reopen"].isEnabled()  # the one way back

    routing_tab = RoutingTab(tab.ctx)
    qtbot.addWidget(routing_tab)
    routing_tab.show_job(shop.job.id)
    assert not routing_tab.add_button.isEnabled() and not routing_tab.table.dragEnabled()

    prompts = []
    answer_reason(qtbot, "Customer found a scratch on the top", prompts)
    click(qtbot, detail.actions.buttons["reopen"])
    assert "goes back to in progress" in prompts[0]
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "in_progress" and job.history[-1].reason == "Customer found a scratch on the top"
    assert header.title.isEnabled() and header.specification.isEnabled()
    detail.pages.setCurrentWidget(detail.bom)
    assert detail.bom.add_line_button.isEnabled()
    qtbot.keyClicks(header.title, " (refinish)")
    assert header.save_button.isEnabled()  # typing works again
