"""The job's Quality, Delivery & aftercare and History pages, driven by clicks and keys."""

from __future__ import annotations

import pytest

from workshop.domain.locale_text import format_date
from workshop.services import aftercare, delivery, inspection, jobs, nonconformance as ncrs, routing
from workshop.ui.context import AppContext
from workshop.ui.job_pages.delivery import DeliveryAftercarePage
from workshop.ui.job_pages.quality import JobQualityPage
from workshop.ui.job_pages.trace import JobTracePage
from support.gui import click, fill_dialog


@pytest.fixture
def in_inspection(db, shop):
    routing.apply_template(db, shop.job.id, shop.template.id)
    ops = routing.list_operations(db, shop.job.id)
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, shop.job.id, action)
    flat = inspection.add_check(db, operation_id=ops[2].id, characteristic="Top flatness", method="Straight edge",
                                nominal="0", lower_tolerance="0", upper_tolerance="0.5", unit="mm")
    return ops, flat


@pytest.fixture
def page(qtbot, db, shop):
    ctx = AppContext(db)

    def make(cls):
        widget = cls(ctx)
        qtbot.addWidget(widget)
        widget.resize(680, 760)
        widget.set_job(jobs.get_job(db, shop.job.id))
        widget.show()
        return widget
    return make


@pytest.fixture
def previews(monkeypatch):
    """What would be previewed: (build, args, title); the preview itself is tested in test_print_preview."""
    seen = []
    monkeypatch.setattr("workshop.ui.printing.preview_pdf",
                        lambda parent, ctx, build, *args, title, file_name, label="": seen.append(
                            (build, args, title, file_name)))
    return seen


def pdf_text(db, build, args) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(build(db, *args))).pages)


def test_the_gate_refuses_delivery_with_its_message_on_screen(qtbot, page, db, shop, in_inspection):
    _ops, flat = in_inspection
    p = page(DeliveryAftercarePage)
    assert "Cannot be delivered yet" in p.state.text() and "Top flatness" in p.state.text()
    # nobody named: said before anything changes
    click(qtbot, p.deliver_button)
    assert p.delivery_errors.message("received_by") == "Received by is required."
    qtbot.keyClicks(p.received_by, "Ruth Harrow")
    click(qtbot, p.deliver_button)
    message = p.delivery_error.text()
    assert message.startswith(f"Job {shop.job.number} cannot be completed:")
    assert "check “Top flatness” at 030 Check and oil has no pass (not inspected)" in message
    assert p.delivery_error.isVisible()
    assert jobs.get_job(db, shop.job.id).status == "inspection"
    assert delivery.list_deliveries(db, shop.job.id) == []

    # complete, then a report raised by hand stops the delivery, named on screen
    inspection.record_result(db, flat.id, readings="0.1", inspector="Anna")
    jobs.change_status(db, shop.job.id, "complete", "Operations signed off on paper")
    dent = ncrs.raise_ncr(db, shop.job.id, description="Dent found while wrapping", raised_by="Tom")
    p.set_job(jobs.get_job(db, shop.job.id))
    qtbot.keyClicks(p.received_by, "Ruth Harrow")
    click(qtbot, p.deliver_button)
    assert p.delivery_error.text() == (f"Job {shop.job.number} cannot be delivered: {dent.number} is not closed "
                                       "(open).")
    assert delivery.list_deliveries(db, shop.job.id) == [] and jobs.get_job(db, shop.job.id).status == "complete"


def test_quality_page_checks_gate_inspect_and_certificate(qtbot, page, db, shop, in_inspection, monkeypatch,
                                                          previews):
    _ops, flat = in_inspection
    p = page(JobQualityPage)
    assert p.gate.text().startswith("Not ready to complete:")
    assert "Top flatness" in p.gate.text()
    assert p.checks_model.rowCount() == 1 and p.pages.tabText(0) == "Checks (1)"

    # add a pass/fail check to the final inspection
    click(qtbot, p.add_button)
    dialog = p.dialog
    fill_dialog(qtbot, dialog, operation_id="final", characteristic="Drawers run freely", check_type="pass_fail")
    assert not dialog.widget("nominal").isVisibleTo(dialog)
    click(qtbot, dialog.ok_button)
    assert [c.characteristic for c in inspection.list_checks(db, shop.job.id)] == ["Top flatness",
                                                                                   "Drawers run freely"]
    assert p.checks_model.rowCount() == 2 and "Drawers run freely" in p.gate.text()

    # edit it, then remove it (not yet inspected)
    assert p.select_check("Drawers run freely")
    click(qtbot, p.edit_button)
    fill_dialog(qtbot, p.dialog, method="Open and close each drawer")
    click(qtbot, p.dialog.ok_button)
    assert inspection.list_checks(db, shop.job.id)[1].method == "Open and close each drawer"
    monkeypatch.setattr("workshop.ui.job_pages.quality.confirm_remove", lambda *a: True)
    assert p.select_check("Drawers run freely")
    click(qtbot, p.remove_button)
    assert len(inspection.list_checks(db, shop.job.id)) == 1

    # inspect from the page
    assert p.select_check("Top flatness")
    click(qtbot, p.inspect_button)
    panel = p.dialog.panel
    qtbot.keyClicks(panel.readings, "0.5")
    assert panel.verdict.text().startswith("PASS")  # exactly on the limit passes
    panel.inspector.setEditText("Anna Kowalska")
    click(qtbot, panel.save_button)
    p.dialog.reject()
    # the checks pass, but "Ready to complete" only once the work is done too (issue 9, item 6)
    assert p.gate.text() == ("Every required check has passed and no report is open, but 3 of 3 operations "
                             "not done.")
    assert p.results_model.rowCount() == 1
    assert not p.edit_button.isEnabled()  # inspected checks stand as recorded

    click(qtbot, p.certificate_button)
    [(build, args, title, file_name)] = previews
    assert title == f"Certificate of conformity {shop.job.number}" and file_name.endswith(".pdf")
    text = pdf_text(db, build, args)
    assert "CERTIFICATE OF CONFORMITY" in text and "Top flatness" in text and "0.5" in text
    assert "DRAFT" not in text


def test_certificate_offers_a_draft_when_the_job_does_not_conform(qtbot, page, db, in_inspection, monkeypatch,
                                                                  previews):
    asked = []
    monkeypatch.setattr("workshop.ui.job_pages.quality.ask_draft",
                        lambda parent, problems: asked.append(problems) or True)
    p = page(JobQualityPage)
    click(qtbot, p.certificate_button)
    assert asked and "Top flatness" in asked[0][0]
    [(build, args, title, _file)] = previews
    assert title.startswith("DRAFT")
    assert "DRAFT" in pdf_text(db, build, args)
    monkeypatch.setattr("workshop.ui.job_pages.quality.ask_draft", lambda parent, problems: False)
    click(qtbot, p.certificate_button)
    assert len(previews) == 1  # declined: nothing previewed


def test_feedback_warranty_and_tickets(qtbot, page, db, shop, in_inspection, previews):
    _ops, flat = in_inspection
    inspection.record_result(db, flat.id, readings="0.1", inspector="Anna")
    jobs.change_status(db, shop.job.id, "complete", "Operations signed off on paper")
    delivery.record_delivery(db, shop.job.id, method="delivered", received_by="Ruth Harrow")
    p = page(DeliveryAftercarePage)
    assert p.state.text().startswith("Delivered")
    assert p.warranty_end.text().startswith("Ends ") and "covered now" in p.warranty_end.text()
    click(qtbot, p.note_button)
    [(build, args, title, _file)] = previews
    assert title == f"Delivery note {shop.job.number}" and "Ruth Harrow" in pdf_text(db, build, args)

    click(qtbot, p.feedback_button)  # no rating chosen
    assert "1 to 5" in p.feedback_errors.message("rating")
    assert delivery.list_feedback(db, job_id=shop.job.id) == []
    p.rating.setCurrentIndex(p.rating.findData(5))
    p.comments.setPlainText("Lovely finish")
    click(qtbot, p.feedback_button)
    assert [(f.rating, f.comments) for f in delivery.list_feedback(db, job_id=shop.job.id)] == [(5, "Lovely finish")]
    assert "5/5 — Lovely finish" in p.feedback_list.text()

    p.warranty_months.setText("two")
    click(qtbot, p.warranty_button)
    assert p.warranty_error.isVisible() and "whole number" in p.warranty_error.text()
    p.warranty_months.setText("24")
    click(qtbot, p.warranty_button)
    w = aftercare.get_warranty(db, shop.job.id)
    # the one date form (issue 9): an en_GB shop shows 15 Jan 2027
    assert w.months == 24 and format_date(w.end_date, "en_GB") in p.warranty_end.text()

    tickets = p.tickets_box
    click(qtbot, tickets.open_ticket_button)
    dialog = tickets.dialog
    click(qtbot, dialog.ok_button)
    assert "problem" in dialog.error_text("problem").lower()
    fill_dialog(qtbot, dialog, problem="Drawer sticks in damp weather")
    click(qtbot, dialog.ok_button)
    [ticket] = aftercare.list_tickets(db, job_id=shop.job.id)
    assert ticket.under_warranty and ticket.status == "open"
    assert tickets.current_ticket().id == ticket.id

    tickets.ticket_status.setCurrentIndex(tickets.ticket_status.findData("resolved"))
    click(qtbot, tickets.ticket_status_button)  # nothing done yet: refused, said on screen
    assert "what was done" in tickets.ticket_error.text()
    click(qtbot, tickets.edit_ticket_button)
    fill_dialog(qtbot, tickets.dialog, action="Eased the runner", cost="15")
    click(qtbot, tickets.dialog.ok_button)
    tickets.ticket_status.setCurrentIndex(tickets.ticket_status.findData("resolved"))
    click(qtbot, tickets.ticket_status_button)
    ticket = aftercare.get_ticket(db, ticket.id)
    assert ticket.status == "resolved" and str(ticket.cost) in ("15", "15.00")


def test_history_page_lists_events_and_prints(qtbot, page, db, shop, in_inspection, previews):
    _ops, flat = in_inspection
    failed = inspection.record_result(db, flat.id, readings="0.9", inspector="Anna")
    p = page(JobTracePage)
    titles = [p.model.row_at(i).title for i in range(p.model.rowCount())]
    assert f"{failed.ncr_number} raised" in titles and "Top flatness at 030 Check and oil" in titles
    click(qtbot, p.print_button)
    [(build, args, title, _file)] = previews
    assert title == f"Job history {shop.job.number}"
    assert failed.ncr_number in pdf_text(db, build, args)
