"""One operation edited on two PCs (issue 18), each from its Routing tab: Tom changes the run time and
saves; Anna, who typed instructions meanwhile, is told Tom changed it, sees both fields, and merges
(his run time, her instructions); overwrite puts her dialog back over his; back keeps her typing
and asks again at the next save; a clock-on at the terminal between her opening the dialog and
saving it asks her nothing (the status is not one of her fields)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from support.bench_floor import released_job, ShopClock
from support.edit_conflicts import answer_conflict
from support.gui import click
from workshop.services import clocking, routing
from workshop.ui.dialogs import edit_conflict
from workshop.ui.context import AppContext
from workshop.ui.tabs.routing import RoutingTab

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

ANNA, TOM, TERMINAL = "anna on OFFICE-PC", "tom on LAPTOP", "floor on TERMINAL-1"


@pytest.fixture
def floor(db, shop):
    """The job released with Cut panels (010, saw 15 + 20/unit), Assemble (020, bench 10 + 45/unit)
    and Oil (030); the shop's clock set before the PCs are made, so they share it."""
    floor = released_job(db, shop)
    floor.clock = ShopClock(db)
    return floor


@pytest.fixture
def tabs(qtbot, db, shop, floor):
    """(Anna's Routing tab, Tom's), each on the job."""
    made = []
    for who in (ANNA, TOM):
        ctx = AppContext(dataclasses.replace(db, author=who))
        tab = RoutingTab(ctx)
        qtbot.addWidget(tab)
        tab.resize(1280, 800)
        tab.show()
        ctx.select_job(shop.job.id)
        qtbot.waitUntil(lambda t=tab: t.model.rowCount() == 3)
        made.append(tab)
    return made


def edit(tab, row: int):
    """The operation dialog on the tab's ``row``, opened as a double-click does."""
    tab.table.selectRow(row)
    tab.edit_operation()
    return tab.dialog


def ok(qtbot, dialog) -> None:
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))


def test_merge_keeps_his_run_time_and_saves_her_instructions(qtbot, db, floor, tabs):
    anna, tom = tabs
    hers, his = edit(anna, 1), edit(tom, 1)  # both open on Assemble as it was
    his.run_minutes.setText("50")
    ok(qtbot, his)
    assert not his.isVisible()
    hers.instructions.setPlainText("Glue and clamp overnight")
    seen: list = []
    answered = answer_conflict(qtbot, "merge_button", seen)
    ok(qtbot, hers)
    qtbot.waitUntil(lambda: bool(answered))
    [(message, shown)] = seen
    assert message.startswith(f"{TOM} saved operation 020 Assemble")
    assert shown == [("Run per unit (minutes)", "45", "50", "45"),
                     ("Instructions", "", "", "Glue and clamp overnight")]
    stored = routing.get_operation(db, floor.assemble)
    assert (stored.run_minutes, stored.instructions, stored.version, stored.updated_by) == (
        Decimal("50"), "Glue and clamp overnight", 3, ANNA)
    assert stored.planned_minutes == Decimal("110")  # 10 + 50 × 2
    assert not hers.isVisible()
    qtbot.waitUntil(lambda: anna.model.operation(1).run_minutes == Decimal("50"))  # her tab shows both


def test_overwrite_puts_her_dialog_over_his(qtbot, db, shop, floor, tabs):
    anna, tom = tabs
    hers, his = edit(anna, 1), edit(tom, 1)
    his.operator.setCurrentIndex(his.operator.findData(shop.tom.id))
    ok(qtbot, his)
    hers.setup_minutes.setText("20")
    seen: list = []
    answered = answer_conflict(qtbot, "overwrite_button", seen)
    ok(qtbot, hers)
    qtbot.waitUntil(lambda: bool(answered))
    assert seen[0][1] == [("Operator", "Anyone who can run it", "Tom Reed", "Anyone who can run it"),
                          ("Setup (minutes)", "10", "10", "20")]
    stored = routing.get_operation(db, floor.assemble)
    assert (stored.operator_id, stored.setup_minutes, stored.version, stored.updated_by) == (
        None, Decimal("20"), 3, ANNA)


def test_back_keeps_her_typing_and_asks_again_at_the_next_save(qtbot, db, floor, tabs):
    anna, tom = tabs
    hers, his = edit(anna, 0), edit(tom, 0)
    his.name.setText("Cut panels to size")
    ok(qtbot, his)
    hers.name.setText("Cut and edge panels")
    hers.run_minutes.setText("25")
    seen: list = []
    answered = answer_conflict(qtbot, "back_button", seen)
    ok(qtbot, hers)
    qtbot.waitUntil(lambda: bool(answered))
    assert seen[0][1][0] == ("Operation (both changed)", "Cut panels", "Cut panels to size", "Cut and edge panels")
    assert hers.isVisible() and hers.name.text() == "Cut and edge panels" and hers.run_minutes.text() == "25"
    stored = routing.get_operation(db, floor.cut)
    assert (stored.name, stored.run_minutes, stored.version) == ("Cut panels to size", Decimal("20"), 2)

    answered = answer_conflict(qtbot, "merge_button", seen)  # asked again: merge, her name over his (both changed)
    ok(qtbot, hers)
    qtbot.waitUntil(lambda: bool(answered))
    stored = routing.get_operation(db, floor.cut)
    assert (stored.name, stored.run_minutes, stored.version, stored.updated_by) == (
        "Cut and edge panels", Decimal("25"), 3, ANNA)


def test_a_clock_on_meanwhile_asks_nothing(qtbot, db, shop, floor, tabs, monkeypatch):
    """The terminal clocks Anna Kowalska on to Cut panels after the office opened its dialog: the
    operation is running, version 2 by the terminal; the office's save from version 1 goes through
    without a question, its setup saved and the operation still running."""
    anna, _tom = tabs
    hers = edit(anna, 0)
    clocking.scan(dataclasses.replace(db, author=TERMINAL), floor.code(10), shop.anna.id)
    monkeypatch.setattr(edit_conflict, "ask_edit_conflict",
                        lambda *_a, **_k: pytest.fail("asked about a change outside the form"))
    hers.setup_minutes.setText("20")
    ok(qtbot, hers)
    assert not hers.isVisible()
    stored = routing.get_operation(db, floor.cut)
    assert (stored.setup_minutes, stored.status, stored.version, stored.updated_by) == (
        Decimal("20"), "running", 3, ANNA)
