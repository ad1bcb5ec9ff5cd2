"""A draft quote edited on two PCs (issue 18): Tom adds a design fee and saves; Anna, who changed a
line's amount meanwhile, is told Tom changed the quote, sees the lines and the fee, and merges (his
fee, her line); overwrite puts her editor back over his; back keeps her typing and asks again at the
next save; a change outside the editor's fields (the quote's notes) asks her nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

import pytest

from support.edit_conflicts import answer_conflict
from support.gui import click, type_cell
from workshop.services import briefs, quotes
from workshop.ui.context import AppContext
from workshop.ui.dialogs import edit_conflict
from workshop.ui.dialogs.quote_editor import QuoteEditorDialog

ANNA, TOM = "anna on OFFICE-PC", "tom on LAPTOP"
LINES = [("labour", "Making", "400.00"), ("materials", "Oak and fittings", "250.00")]


@pytest.fixture
def quote(db, shop, today):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut desk", requirements="A desk",
                                required_by=today + dt.timedelta(days=40))
    return quotes.create_quote(db, brief.id, lines=LINES, contingency_pct="10", markup_pct="25",
                               payment_terms="Net 30")


@pytest.fixture
def editors(qtbot, db, quote):
    """(Anna's editor, Tom's), each on the draft as it was."""
    made = []
    for who in (ANNA, TOM):
        ctx = AppContext(dataclasses.replace(db, author=who))
        editor = QuoteEditorDialog(ctx, briefs.get_brief(ctx.db, quote.brief_id), quote=quotes.get_quote(ctx.db,
                                                                                                          quote.id))
        qtbot.addWidget(editor)
        editor.open()
        made.append(editor)
    return made


def save(qtbot, editor) -> None:
    click(qtbot, editor.ok_button)


def test_merge_keeps_his_fee_and_saves_her_line(qtbot, db, quote, editors):
    anna, tom = editors
    tom.design_fee.setText("150.00")
    save(qtbot, tom)
    assert tom.result() == tom.DialogCode.Accepted
    type_cell(qtbot, anna.lines_table, 0, 2, "480.00")
    seen: list = []
    answered = answer_conflict(qtbot, "merge_button", seen)
    save(qtbot, anna)
    qtbot.waitUntil(lambda: bool(answered))
    [(message, shown)] = seen
    assert message.startswith(f"{TOM} saved quote {quote.label}")
    assert shown == [("Cost lines", "Labour Making 400.00; Materials Oak and fittings 250.00",
                      "Labour Making 400.00; Materials Oak and fittings 250.00",
                      "Labour Making 480.00; Materials Oak and fittings 250.00"),
                     ("Design fee", "0.00", "150.00", "0.00")]
    stored = quotes.get_quote(db, quote.id)
    assert [ln.amount for ln in stored.lines] == [D("480.00"), D("250.00")]
    # cost 730.00, contingency 10% 73.00, markup 25% of 803.00 = 200.75, fee 150.00 → 1,153.75
    assert (stored.design_fee, stored.price, stored.version, stored.updated_by) == (
        D("150.00"), D("1153.75"), 3, ANNA)
    assert anna.result() == anna.DialogCode.Accepted and anna.saved.price == D("1153.75")


def test_overwrite_puts_her_editor_over_his(qtbot, db, quote, editors):
    anna, tom = editors
    tom.terms_box.payment_terms.setPlainText("Half with the order")
    save(qtbot, tom)
    anna.terms_box.exclusions.setPlainText("Delivery beyond 50 miles")
    seen: list = []
    answered = answer_conflict(qtbot, "overwrite_button", seen)
    save(qtbot, anna)
    qtbot.waitUntil(lambda: bool(answered))
    assert seen[0][1] == [("Payment terms", "Net 30", "Half with the order", "Net 30"),
                          ("Exclusions", quote.exclusions, quote.exclusions, "Delivery beyond 50 miles")]
    stored = quotes.get_quote(db, quote.id)
    assert (stored.payment_terms, stored.exclusions, stored.version, stored.updated_by) == (
        "Net 30", "Delivery beyond 50 miles", 3, ANNA)


def test_back_keeps_her_typing_and_asks_again_at_the_next_save(qtbot, db, quote, editors):
    anna, tom = editors
    tom.markup.setText("30")
    save(qtbot, tom)
    anna.margin_radio.setChecked(True)
    anna.target_margin.setText("35")
    anna.contingency.setText("5")
    seen: list = []
    answered = answer_conflict(qtbot, "back_button", seen)
    save(qtbot, anna)
    qtbot.waitUntil(lambda: bool(answered))
    assert seen[0][1] == [("Contingency %", "10", "10", "5"),
                          ("Price by (both changed)", "Markup 25%", "Markup 30%", "Target margin 35%")]
    assert anna.isVisible() and anna.result() != anna.DialogCode.Accepted
    assert (anna.target_margin.text(), anna.contingency.text(), anna.margin_radio.isChecked()) == ("35", "5", True)
    assert quotes.get_quote(db, quote.id).markup_pct == D("30")  # nothing of hers saved

    answered = answer_conflict(qtbot, "merge_button", seen)  # asked again at the next save: merge
    save(qtbot, anna)
    qtbot.waitUntil(lambda: bool(answered))
    stored = quotes.get_quote(db, quote.id)
    # cost 650.00 + contingency 5% 32.50 = 682.50; kept at a 35% margin: 682.50 ÷ (1 − 35%) = 1,050.00
    assert (stored.contingency_pct, stored.target_margin_pct, stored.markup_pct, stored.price) == (
        D("5"), D("35"), None, D("1050.00"))
    assert stored.updated_by == ANNA


def test_a_change_outside_her_fields_asks_nothing(qtbot, db, quote, editors, monkeypatch):
    anna, _tom = editors
    quotes.update_quote(dataclasses.replace(db, author=TOM), quote.id, notes="Customer prefers walnut veneer")
    monkeypatch.setattr(edit_conflict, "ask_edit_conflict",
                        lambda *_a, **_k: pytest.fail("asked about a change outside the editor"))
    anna.design_fee.setText("75.00")
    save(qtbot, anna)
    assert anna.result() == anna.DialogCode.Accepted
    stored = quotes.get_quote(db, quote.id)
    assert (stored.design_fee, stored.notes, stored.version, stored.updated_by) == (
        D("75.00"), "Customer prefers walnut veneer", 3, ANNA)
