"""Quotes within Briefs, driven by clicks and keys: price one with contingency and markup, see
cost, margin and price; bad input saves nothing; send, accept → the job with the quoted budget."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.domain.money import format_money
from workshop.services import briefs, jobs, quotes
from support.gui import click, open_brief_quotes


def money(amount) -> str:
    return format_money(D(amount), "GBP", "en_GB")


def type_into(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


@pytest.fixture
def brief(db, shop):
    return briefs.create_brief(db, customer_id=shop.customer.id, title="Oak bookcase",
                               requirements="Oak bookcase with adjustable shelves")


@pytest.fixture
def tab(qtbot, db, brief):
    return open_brief_quotes(qtbot, db, brief.id, size=(1280, 800))


def fill_lines(qtbot, dialog, lines) -> None:
    dialog.set_lines([])
    for category, description, amount in lines:
        dialog.add_line(category, description, amount)


def test_create_send_and_accept_a_quote(qtbot, db, shop, brief, tab):
    panel = tab.quotes
    assert panel.model.rowCount() == 0
    click(qtbot, panel.new_button)
    dialog = panel.dialog
    fill_lines(qtbot, dialog, [("labour", "Making", "400.00"), ("materials", "Oak and fittings", "200.00")])
    type_into(qtbot, dialog.contingency, "10")
    type_into(qtbot, dialog.markup, "abc")
    type_into(qtbot, dialog.design_fee, "50")
    assert dialog.f_price.text() == "—"
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "Markup" in dialog.errors.message("markup_pct")
    assert quotes.list_quotes(db, brief_id=brief.id) == []

    type_into(qtbot, dialog.markup, "25")
    # cost 600; contingency 10% = 60; markup 25% of 660 = 165; fee 50 → price 875
    # margin = price − cost (issue 9): 875 − 600 = 275, 275 / 875 = 31.428…% → 31.43; with the
    # contingency all spent 275 − 60 = 215, 215 / 875 = 24.571…% → 24.57
    assert dialog.f_cost.text() == money("600.00")
    assert dialog.f_contingency.text() == money("60.00")
    assert dialog.f_price.text() == money("875.00")
    assert dialog.f_margin.text() == f"{money('275.00')} (31.43%)"
    assert f"If the contingency is all spent: {money('215.00')} (24.57%)" in dialog.f_margin.toolTip()
    assert "25.00% markup on 660.00" in dialog.f_markup.toolTip()
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()

    (row,) = quotes.list_quotes(db, brief_id=brief.id)
    assert (row.status, row.price) == ("draft", D("875.00"))
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 2).data() == money("875.00")
    assert panel.f_price.text() == money("875.00")
    assert panel.f_margin.text() == f"{money('275.00')} (31.43%)"
    assert panel.f_cost.toolTip()  # explained

    click(qtbot, panel.send_button)
    assert quotes.get_quote(db, row.id).status == "sent"
    assert panel.accept_button.isEnabled()

    opened = []
    tab.ctx.open_job_requested.connect(opened.append)
    click(qtbot, panel.accept_button)
    accept = panel.dialog
    due = db.today() + dt.timedelta(days=30)
    accept.due_date.edit.clear()  # typed as a British shop writes it: 15/1/27
    qtbot.keyClicks(accept.due_date.edit, f"{due.day}/{due.month}/{due.year % 100}")
    click(qtbot, accept.ok_button)
    assert not accept.isVisible()
    q = quotes.get_quote(db, row.id)
    assert q.status == "accepted" and q.job_id is not None
    job = jobs.get_job(db, q.job_id)
    assert job.budget == D("875.00") and job.due_date == due
    assert opened == [job.id]
    assert briefs.get_brief(db, brief.id).status == "won"
    assert "Accepted" in panel.model.index(0, 1).data()


def test_target_margin_revise_and_bad_lines(qtbot, db, shop, brief, tab):
    panel = tab.quotes
    click(qtbot, panel.new_button)
    dialog = panel.dialog
    fill_lines(qtbot, dialog, [("labour", "Making", "-5")])
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.errors.message("lines")
    fill_lines(qtbot, dialog, [("labour", "Making", "800.00")])
    click(qtbot, dialog.margin_radio)
    type_into(qtbot, dialog.contingency, "0")
    type_into(qtbot, dialog.target_margin, "20")
    assert dialog.f_price.text() == money("1000.00")  # 800 ÷ (1 − 20%)
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    first = quotes.list_quotes(db, brief_id=brief.id)[0]
    assert first.price == D("1000.00")

    click(qtbot, panel.send_button)
    click(qtbot, panel.revise_button)
    dialog = panel.dialog
    assert dialog.margin_radio.isChecked() and dialog.target_margin.text() == "20"
    type_into(qtbot, dialog.target_margin, "25")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    rows = quotes.list_quotes(db, brief_id=brief.id)
    assert {(r.revision, r.status) for r in rows} == {(1, "superseded"), (2, "draft")}
    assert panel.current_row().revision == 2
    assert panel.f_price.text() == money("1066.67")  # 800 ÷ 0.75


def test_similar_past_jobs_fill_the_lines_with_their_actual_cost(qtbot, db, shop, brief, tab):
    from workshop.services import bookings, routing

    past = jobs.create_job(db, customer_id=shop.customer.id, title="Oak bookcase, tall",
                           specification="Oak bookcase with shelves", due_date=db.today() + dt.timedelta(days=5))
    op = routing.add_operation(db, past.id, name="Assemble", workstation_id=shop.bench.id, setup_minutes="0",
                               run_minutes="60")
    jobs.change_status(db, past.id, "release")
    bookings.log_time(db, op, shop.tom.id, minutes="120", mark_done=True)
    for action in ("start", "to_inspection", "complete"):
        jobs.change_status(db, past.id, action)

    click(qtbot, tab.quotes.new_button)
    dialog = tab.quotes.dialog
    assert dialog.similar.rowCount() == 1
    assert dialog.similar.index(0, 0).data() == past.number
    click(qtbot, dialog.use_actual_button)
    lines = dialog.lines()
    # 2 h × Tom 26.00 = 52.00 labour; 2 h × 6.50 = 13.00 overhead
    assert {(ln["category"], ln["amount"]) for ln in lines} == {("labour", "52.00"), ("overhead", "13.00")}
    assert dialog.f_cost.text() == money("65.00")
    dialog.reject()


def test_quote_models_pass_qtmodeltester(qtmodeltester, qtbot, db, shop, brief, tab):
    quotes.create_quote(db, brief.id, lines=[("labour", "Making", "100")], markup_pct="10")
    tab.quotes.reload()
    assert tab.quotes.model.rowCount() == 1
    qtmodeltester.check(tab.quotes.model)
    click(qtbot, tab.quotes.edit_button)
    qtmodeltester.check(tab.quotes.dialog.similar)
    tab.quotes.dialog.reject()


def test_a_won_brief_offers_no_quote_that_would_reset_the_budget(qtbot, db, shop, brief, tab):
    """Issue 9, item 2: once the brief is a job, the panel offers neither Sent nor Accepted, and
    says why; the job keeps its approved change order."""
    from workshop.services import change_orders

    lines = [("labour", "Making", "400.00"), ("materials", "Oak", "200.00")]
    q1 = quotes.send_quote(db, quotes.create_quote(db, brief.id, lines=lines, markup_pct="25").id)  # 750.00
    sent = quotes.send_quote(db, quotes.revise_quote(db, q1.id, markup_pct="20").id)  # 600 × 1.2 = 720.00
    draft = quotes.create_quote(db, brief.id, lines=lines, markup_pct="10")  # 660.00
    job = jobs.convert_brief_to_job(db, brief.id, quantity=1, due_date=db.today() + dt.timedelta(days=30))
    jobs.update_job(db, job.id, budget="750.00")
    co = change_orders.create_change_order(db, job.id, description="Extra shelf", price_change="150.00")
    change_orders.approve_change_order(db, co.id)  # 750.00 + 150.00 = 900.00
    tab.show_brief(brief.id)
    panel = tab.quotes
    reason = f"This brief is already job {job.number}; change its price with a change order on the job."
    for quote in (sent, draft):
        panel.view.selectRow(panel.model.find_row(lambda r, q=quote: r.id == q.id))
        assert panel.detail.id == quote.id
        assert not any(b.isEnabled() for b in (panel.new_button, panel.edit_button, panel.revise_button,
                                                panel.send_button, panel.accept_button))
        assert reason in panel.info.text()
        # the customer may still say no to the sent one: that moves no price
        assert panel.reject_button.isEnabled() == (quote is sent)
    assert jobs.get_job(db, job.id).budget == D("900.00")
