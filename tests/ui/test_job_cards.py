"""Job Cards driven as a person does: typing, clicking, keys; checked on screen and in the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from workshop.services import bom, jobs
from workshop.ui.context import AppContext
from workshop.ui.models.bom_model import BomModel
from workshop.ui.models.jobs_model import HistoryModel, JobsModel
from workshop.ui.tabs.job_cards import JobCardsTab
from support.gui import click, when_dialog_opens

# The offscreen platform says "This plugin does not support propagateSizeHints() / raise() /
# grabbing the keyboard" when windows resize, dialogs open and completer popups show; these are
# limits of the test platform, not problems in the program (pyproject could ignore them for all).
OFFSCREEN_LIMITS = r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def tab(qtbot, db):
    def make():
        widget = JobCardsTab(AppContext(db))
        qtbot.addWidget(widget)
        widget.resize(1280, 800)
        widget.show()
        return widget
    return make


def titles(tab) -> list[str]:
    model = tab.list.model
    return [model.index(r, JobsModel.TITLE).data() for r in range(model.rowCount())]


def choose_job(qtbot, tab, job_id: int) -> None:
    row = tab.list.model.find_row(lambda r: r.id == job_id)
    rect = tab.list.table.visualRect(tab.list.model.index(row, JobsModel.NUMBER))
    qtbot.mouseClick(tab.list.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.detail.job is not None and tab.detail.job.id == job_id)


@pytest.fixture
def late_job(db, shop):
    """A job created forty days ago, due twenty days ago: late now."""
    real = db.clock
    db.clock = lambda: real() - dt.timedelta(days=40)
    try:
        job = jobs.create_job(db, customer_id=shop.customer.id, title="Bakery counter",
                              due_date=db.today() + dt.timedelta(days=20))
    finally:
        db.clock = real
    return job


def test_search_as_you_type_and_filters(qtbot, tab, db, shop, late_job, today):
    soon = jobs.create_job(db, customer_id=shop.customer.id, title="Walnut desk", due_date=today + dt.timedelta(days=3))
    t = tab()
    assert sorted(titles(t)) == ["Bakery counter", "Oak dresser", "Walnut desk"]

    qtbot.keyClicks(t.list.search, "walnut")
    assert t.list._timer.isActive()  # typing waits for a pause instead of querying per key
    qtbot.waitUntil(lambda: titles(t) == ["Walnut desk"])
    t.list.search.clear()
    qtbot.waitUntil(lambda: len(titles(t)) == 3)

    t.list.late_only.click()
    assert titles(t) == ["Bakery counter"]
    model = t.list.model
    assert model.index(0, JobsModel.LATE).data() == "LATE"
    assert model.index(0, JobsModel.LATE).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    t.list.late_only.click()

    t.list.due_week.click()
    assert titles(t) == ["Walnut desk"]
    assert model.index(0, JobsModel.LATE).data() == ""
    t.list.due_week.click()

    t.ctx.call(None, jobs.change_status, soon.id, "cancel", "Customer changed their mind")
    assert "Walnut desk" not in titles(t)  # open jobs only by default
    t.list.status_filter.setCurrentIndex(t.list.status_filter.findData("cancelled"))
    assert titles(t) == ["Walnut desk"]
    assert t.list.count_label.text() == "1 job"  # was "1 jobs" (issue 9, item 20)


def test_choosing_a_job_shows_it_and_tells_routing(qtbot, tab, shop, late_job):
    t = tab()
    with qtbot.waitSignal(t.ctx.job_selected) as signal:
        choose_job(qtbot, t, late_job.id)
    assert signal.args == [late_job.id]
    assert t.detail.heading.text() == f"{late_job.number} · Bakery counter"
    assert t.detail.late_badge.isVisible()
    choose_job(qtbot, t, shop.job.id)
    assert not t.detail.late_badge.isVisible()
    assert t.detail.header.title.text() == "Oak dresser"
    assert t.detail.header.customer.text() == "Harrow & Finch Interiors"


def test_status_actions_enabled_only_when_allowed_and_history_shows_reason(qtbot, tab, db, shop, monkeypatch):
    t = tab()
    choose_job(qtbot, t, shop.job.id)
    buttons = t.detail.actions.buttons
    assert buttons["release"].isEnabled() and buttons["cancel"].isEnabled()
    for name in ("start", "hold", "resume", "complete", "deliver", "close"):
        assert not buttons[name].isEnabled(), name
    assert "invoice" not in buttons  # a final invoice marks the job invoiced, never a button

    click(qtbot, buttons["release"])
    assert jobs.get_job(db, shop.job.id).status == "released"
    assert not buttons["release"].isEnabled() and buttons["start"].isEnabled()
    click(qtbot, buttons["start"])

    asked = []
    monkeypatch.setattr("workshop.ui.dialogs.reason.ask_reason",
                        lambda parent, title, prompt: asked.append(title) or "Waiting for oak delivery")
    click(qtbot, buttons["hold"])
    assert asked == ["Put on hold"]
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "on_hold" and job.history[-1].reason == "Waiting for oak delivery"
    history = t.detail.history.model
    assert history.index(0, 2).data() == "On hold"
    assert history.index(0, 3).data() == "Waiting for oak delivery"
    assert t.detail.status_badge.text() == "On hold"
    assert buttons["resume"].isEnabled() and not buttons["hold"].isEnabled()
    # the list shows the new status too
    row = t.list.model.find_row(lambda r: r.id == shop.job.id)
    assert t.list.model.index(row, JobsModel.STATUS).data() == "On hold"


def test_cancel_asks_a_reason_in_the_reason_dialog(qtbot, tab, db, shop):
    t = tab()
    choose_job(qtbot, t, shop.job.id)

    def answer():
        dialog = QApplication.activeModalWidget()
        assert dialog.objectName() == "reasonDialog"
        qtbot.keyClicks(dialog.text, "Customer moved abroad")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    click(qtbot, t.detail.actions.buttons["cancel"])
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "cancelled" and job.history[-1].reason == "Customer moved abroad"
    assert not any(b.isEnabled() for b in t.detail.actions.buttons.values())


def test_header_bad_input_shows_message_next_to_field_and_saves_nothing(qtbot, tab, db, shop, today):
    t = tab()
    choose_job(qtbot, t, shop.job.id)
    header = t.detail.header
    header.title.selectAll()
    qtbot.keyClick(header.title, Qt.Key.Key_Delete)
    assert header.save_button.isEnabled()
    click(qtbot, header.save_button)
    message = header.findChild(QLabel, "error_title")
    assert message.isVisible() and "required" in message.text()
    assert jobs.get_job(db, shop.job.id).title == "Oak dresser"

    qtbot.keyClicks(header.title, "Oak dresser, two drawers")
    past = header.due_date.date() - dt.timedelta(days=60)  # before today, typed as a British shop writes it
    header.due_date.edit.clear()
    qtbot.keyClicks(header.due_date.edit, f"{past.day}/{past.month}/{past.year % 100}")
    click(qtbot, header.save_button)
    message = header.findChild(QLabel, "error_due_date")
    assert message.isVisible() and "past" in message.text()
    assert jobs.get_job(db, shop.job.id).title == "Oak dresser"

    # Revert asks first (issue 9, item 7): "Discard your changes?" answered Discard
    asked = when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    click(qtbot, header.revert_button)
    assert asked and asked[0].objectName() == "discardQuestion"
    assert header.title.text() == "Oak dresser" and not header.is_dirty()
    qtbot.keyClicks(header.title, " (rush)")
    header.quantity.setValue(3)
    t.save()  # Ctrl+S from the window
    job = jobs.get_job(db, shop.job.id)
    assert (job.title, job.quantity) == ("Oak dresser (rush)", 3)
    assert not t.has_unsaved_changes()


def test_leaving_a_job_with_unsaved_edits_asks_first(qtbot, tab, db, shop, monkeypatch):
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Hall bench",
                            due_date=db.today() + dt.timedelta(days=9))
    t = tab()
    choose_job(qtbot, t, shop.job.id)
    qtbot.keyClicks(t.detail.header.title, " v2")
    assert t.has_unsaved_changes()

    answers = ["cancel"]
    monkeypatch.setattr("workshop.ui.tabs.job_cards.ask_save_changes", lambda parent, number: answers.pop(0))
    row = t.list.model.find_row(lambda r: r.id == other.id)
    t.list.table.selectRow(row)
    assert t.detail.job.id == shop.job.id and t.detail.header.title.text() == "Oak dresser v2"
    assert t.list.current_job_id() == shop.job.id  # the selection went back

    answers.append("save")
    choose_job(qtbot, t, other.id)
    assert jobs.get_job(db, shop.job.id).title == "Oak dresser v2"
    assert t.detail.header.title.text() == "Hall bench"


def test_bom_lines_subassemblies_totals_moves_and_removal(qtbot, tab, db, shop, monkeypatch):
    t = tab()
    choose_job(qtbot, t, shop.job.id)  # quantity 2
    t.detail.pages.setCurrentWidget(t.detail.bom)
    editor = t.detail.bom

    # a line from the material picker: it fills description, unit and cost
    click(qtbot, editor.add_line_button)
    dialog = editor.dialog
    click(qtbot, dialog.pick_button)
    picker = dialog.picker
    qtbot.keyClicks(picker.search, "hinge")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
    click(qtbot, picker.buttons.button(picker.buttons.StandardButton.Ok))
    assert (dialog.description.text(), dialog.unit.text(), dialog.unit_cost.text()) == \
           ("Hinge 35 mm soft-close", "ea", "4.20")
    dialog.quantity.selectAll()
    qtbot.keyClicks(dialog.quantity, "4")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    assert editor.dialog is None

    # a sub-assembly, and a free-text line inside it
    editor.tree.clearSelection()
    editor.tree.setCurrentIndex(editor.model.index(-1, 0))
    click(qtbot, editor.add_sub_button)
    qtbot.keyClicks(editor.dialog.description, "Drawer box")
    editor.dialog.quantity.setText("3")
    click(qtbot, editor.dialog.buttons.button(editor.dialog.buttons.StandardButton.Ok))
    sub = bom.get_bom(db, shop.job.id).nodes[1]
    assert sub.is_assembly and editor.current_node().id == sub.id
    click(qtbot, editor.add_line_button)
    dialog = editor.dialog
    assert dialog.inside.currentData() == sub.id  # goes inside the chosen sub-assembly
    qtbot.keyClicks(dialog.description, "Drawer front")
    dialog.unit_cost.setText("12.50")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))

    tree = bom.get_bom(db, shop.job.id)
    assert [(n.description, n.level, n.effective_quantity, n.extended_cost) for n in tree.nodes] == [
        ("Hinge 35 mm soft-close", 0, Decimal("8.000"), Decimal("33.60")),
        ("Drawer box", 0, Decimal("6.000"), Decimal("75.00")),
        ("Drawer front", 1, Decimal("6.000"), Decimal("75.00")),
    ]
    assert tree.material_cost == Decimal("108.60")
    assert editor.total_label.text() == "2 lines, 1 sub-assembly — material cost £108.60"  # was "1 sub-assemblies"
    sub_index = editor.model.index_of(sub.id)
    assert editor.model.rowCount(sub_index) == 1
    assert editor.model.index(0, BomModel.COST, sub_index).data() == "£75.00"
    assert "£108.60" in t.detail.plan_label.text()

    # asked to remove the drawer box, the owner is told what is inside it; saying no keeps it all
    asked = []
    monkeypatch.setattr("workshop.ui.widgets.bom_editor.confirm", lambda _parent, _title, text: asked.append(text))
    editor.tree.setCurrentIndex(editor.model.index_of(sub.id))
    click(qtbot, editor.remove_button)
    assert asked == ["Remove “Drawer box” and the 1 item inside it?"]  # was "the 1 items"
    assert len(bom.get_bom(db, shop.job.id).nodes) == 3

    # move the hinge line down, then into the drawer box
    editor.tree.setCurrentIndex(editor.model.index_of(tree.nodes[0].id))
    click(qtbot, editor.down_button)
    assert [n.description for n in bom.get_bom(db, shop.job.id).nodes if n.level == 0] == ["Drawer box",
                                                                                          "Hinge 35 mm soft-close"]
    click(qtbot, editor.into_button)
    editor.dialog.choose("    Drawer box")
    click(qtbot, editor.dialog.buttons.button(editor.dialog.buttons.StandardButton.Ok))
    hinge = next(n for n in bom.get_bom(db, shop.job.id).nodes if n.description.startswith("Hinge"))
    assert hinge.parent_id == sub.id and hinge.effective_quantity == Decimal("24.000")
    assert editor.model.rowCount(editor.model.index_of(sub.id)) == 2

    # remove the sub-assembly with everything in it
    monkeypatch.setattr("workshop.ui.widgets.bom_editor.confirm",
                        lambda _parent, _title, text: asked.append(text) or True)
    editor.tree.setCurrentIndex(editor.model.index_of(sub.id))
    click(qtbot, editor.remove_button)
    assert asked[-1] == "Remove “Drawer box” and the 2 items inside it?"
    assert bom.get_bom(db, shop.job.id).nodes == ()
    assert editor.model.rowCount() == 0


def test_bom_bad_quantity_shows_message_and_saves_nothing(qtbot, tab, db, shop):
    t = tab()
    choose_job(qtbot, t, shop.job.id)
    editor = t.detail.bom
    click(qtbot, editor.add_line_button)
    dialog = editor.dialog
    qtbot.keyClicks(dialog.description, "Glue")
    dialog.quantity.selectAll()
    qtbot.keyClicks(dialog.quantity, "two")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    message = dialog.findChild(QLabel, "error_quantity")
    assert message.isVisible() and "must be a number" in message.text()
    assert dialog.isVisible()
    dialog.quantity.setText("-1")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    assert "negative" in message.text()
    assert bom.get_bom(db, shop.job.id).nodes == ()


def test_new_job_and_open_job_requested(qtbot, tab, db, shop):
    t = tab()
    t.new_record()  # Ctrl+N
    dialog = t.new_dialog
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    assert "required" in dialog.findChild(QLabel, "error_title").text()
    qtbot.keyClicks(dialog.title, "Walnut sideboard")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    assert dialog.findChild(QLabel, "error_customer_id").isVisible()
    assert jobs.count_jobs(db) == 1
    qtbot.keyClicks(dialog.customer.lineEdit(), "Harrow & Finch Interiors")
    dialog.quantity.setValue(2)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    new = dialog.job
    assert new is not None and jobs.get_job(db, new.id).title == "Walnut sideboard"
    assert t.detail.job.id == new.id and t.list.current_job_id() == new.id

    t.list.status_filter.setCurrentIndex(t.list.status_filter.findData("closed"))
    t.ctx.open_job_requested.emit(shop.job.id)
    assert t.detail.job.id == shop.job.id and t.list.current_job_id() == shop.job.id


def test_open_job_already_listed_selects_it_without_reading_the_list_again(qtbot, tab, db, shop):
    t = tab()
    reloads = []
    t.list.reloaded.connect(lambda: reloads.append(True))
    t.ctx.open_job_requested.emit(shop.job.id)  # listed: only selected
    assert t.detail.job.id == shop.job.id and t.list.current_job_id() == shop.job.id
    assert t.detail.pages.currentWidget() is t.detail.header
    assert reloads == []

    # made where the window did not hear of it (another program): not among the rows, so read again
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Oak bench",
                            due_date=db.today() + dt.timedelta(days=9))
    assert t.list.model.find_row(lambda r: r.id == other.id) < 0
    t.ctx.open_job_requested.emit(other.id)
    assert t.detail.job.id == other.id and t.list.current_job_id() == other.id
    assert len(reloads) == 1 and "Oak bench" in titles(t)

    # listed but filtered out: search and filters cleared, then found by its number
    t.list.status_filter.setCurrentIndex(t.list.status_filter.findData("closed"))
    reloads.clear()
    t.ctx.open_job_requested.emit(shop.job.id)
    assert t.detail.job.id == shop.job.id and t.list.current_job_id() == shop.job.id
    assert t.list.search.text() == shop.job.number and len(reloads) == 2


def test_models_pass_modeltester(qtmodeltester, db, shop, late_job):
    jobs_model = JobsModel(lambda offset, limit: jobs.list_jobs(db, limit=limit, offset=offset))
    jobs_model.fetchMore()
    assert jobs_model.rowCount() == 2
    qtmodeltester.check(jobs_model)

    jobs.change_status(db, shop.job.id, "release")
    history = HistoryModel()
    history.set_history(jobs.get_job(db, shop.job.id).history)
    assert history.rowCount() == 2
    qtmodeltester.check(history)

    sub = bom.add_subassembly(db, shop.job.id, description="Carcass")
    inner = bom.add_subassembly(db, shop.job.id, description="Drawer", parent_id=sub, quantity="2")
    bom.add_line(db, shop.job.id, parent_id=inner, material_id=shop.hinge.id, quantity="2")
    bom.add_line(db, shop.job.id, material_id=shop.oil.id)
    tree = BomModel()
    tree.set_nodes(bom.get_bom(db, shop.job.id).nodes)
    assert tree.rowCount() == 2 and tree.rowCount(tree.index_of(inner)) == 1
    qtmodeltester.check(tree)
