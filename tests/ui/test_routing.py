"""Routing driven as a person does: templates, reordering by buttons, keys and drag, the
operation dialog with its messages, and the picture of the path through the shop."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel

from workshop.services import routing, templates
from workshop.ui.context import AppContext
from workshop.ui.models.operations_model import OperationsModel
from workshop.ui.tabs.routing import RoutingTab
from support.gui import click

# limits of the offscreen test platform, not problems in the program (see test_job_cards.py)
pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def tab(qtbot, db, shop):
    ctx = AppContext(db)
    widget = RoutingTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    ctx.select_job(shop.job.id)  # as Job Cards does when a job is chosen
    return widget


def names(tab) -> list[str]:
    return [op.name for op in tab.model.operations()]


def db_names(db, job_id) -> list[str]:
    return [op.name for op in routing.list_operations(db, job_id)]


def test_follows_the_job_chosen_in_job_cards(tab, shop):
    assert tab.job_id == shop.job.id
    assert tab.picker.job_id() == shop.job.id
    assert tab.summary.text().startswith(f"{shop.job.number} · Oak dresser")
    assert tab.model.rowCount() == 0 and not tab.save_template_button.isEnabled()


def test_apply_template_reorder_and_add(qtbot, tab, db, shop):
    tab.template_combo.setCurrentIndex(tab.template_combo.findData(shop.template.id))
    click(qtbot, tab.apply_button)
    expected = ["Cut panels", "Assemble carcass", "Check and oil"]
    assert db_names(db, shop.job.id) == expected and names(tab) == expected
    model = tab.model
    assert model.index(0, OperationsModel.OP).data() == "010"
    assert model.index(0, OperationsModel.TOTAL).data() == "55 min"  # 15 + 20 × 2
    assert model.index(2, OperationsModel.INSPECT).data() == "✔ inspect"

    # buttons
    tab.table.selectRow(0)
    click(qtbot, tab.down_button)
    assert db_names(db, shop.job.id) == ["Assemble carcass", "Cut panels", "Check and oil"]
    assert tab.current_operation().name == "Cut panels"  # the moved row stays chosen
    # keys
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert db_names(db, shop.job.id) == expected
    # drag and drop: "Check and oil" dropped above the first row
    data = model.mimeData([model.index(2, 0)])
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: names(tab) == ["Check and oil", "Cut panels", "Assemble carcass"])
    assert db_names(db, shop.job.id) == names(tab)
    assert [op.op_number for op in routing.list_operations(db, shop.job.id)] == [30, 10, 20]  # numbers stay

    # add one through the dialog
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.name, "Fit handles")
    dialog.workstation.setCurrentIndex(dialog.workstation.findData(shop.saw.id))
    assert [dialog.operator.itemText(i) for i in range(dialog.operator.count())] == \
           ["Anyone who can run it", "Anna Kowalska"]
    dialog.workstation.setCurrentIndex(dialog.workstation.findData(shop.bench.id))
    assert [dialog.operator.itemText(i) for i in range(dialog.operator.count())] == \
           ["Anyone who can run it", "Anna Kowalska", "Tom Reed"]
    dialog.operator.setCurrentIndex(dialog.operator.findData(shop.tom.id))
    dialog.setup_minutes.setText("5")
    dialog.run_minutes.setText("7.5")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    ops = routing.list_operations(db, shop.job.id)
    assert [o.name for o in ops][-1] == "Fit handles"
    added = ops[-1]
    assert (added.operator_name, added.setup_minutes, added.run_minutes, added.planned_minutes) == \
           ("Tom Reed", Decimal("5.00"), Decimal("7.50"), Decimal("20.00"))
    assert names(tab)[-1] == "Fit handles" and tab.current_operation().id == added.id
    assert len(tab.path.boxes) == 4

    # edit it, then remove it
    tab.edit_operation()
    tab.dialog.name.setText("Fit brass handles")
    click(qtbot, tab.dialog.buttons.button(tab.dialog.buttons.StandardButton.Ok))
    assert db_names(db, shop.job.id)[-1] == "Fit brass handles"


def test_operation_dialog_bad_input_shows_message_and_saves_nothing(qtbot, tab, db, shop):
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)

    click(qtbot, ok)
    assert "required" in dialog.findChild(QLabel, "error_name").text()
    qtbot.keyClicks(dialog.name, "Sand")

    dialog.setup_minutes.clear()
    qtbot.keyClicks(dialog.setup_minutes, "ten")
    click(qtbot, ok)
    message = dialog.findChild(QLabel, "error_setup_minutes")
    # issue 9: the message names the forms a bench time takes
    assert message.isVisible() and message.text() == (
        "Setup minutes must be a number, not “ten”; write a time like 80, 90m, 1h20, 1:20 or 1.5h.")
    assert not dialog.findChild(QLabel, "error_name").isVisible()
    assert dialog.focusWidget() is dialog.setup_minutes  # the cursor goes to the field to fix

    dialog.setup_minutes.setText("10")
    dialog.run_minutes.setText("-5")
    click(qtbot, ok)
    message = dialog.findChild(QLabel, "error_run_minutes")
    assert message.isVisible() and "cannot be negative" in message.text()
    assert routing.list_operations(db, shop.job.id) == []
    assert dialog.isVisible()

    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
    assert tab.model.rowCount() == 0


def test_shop_path_has_a_box_per_operation_and_highlights_the_current_one(qtbot, tab, db, shop):
    # no template is pre-picked any more (issue 9, item 21): choose it first
    tab.template_combo.setCurrentIndex(tab.template_combo.findData(shop.template.id))
    click(qtbot, tab.apply_button)
    ops = routing.list_operations(db, shop.job.id)
    path = tab.path
    assert list(path.boxes) == [o.id for o in ops]
    assert [b.data(1) for b in path.boxes.values()] == ["current", "todo", "todo"]
    texts = [c.text() for c in path.boxes[ops[0].id].childItems()]
    assert texts == ["SAW", "Cut panels", "55 min  · now"]

    tab.ctx.call(None, routing.set_operation_status, ops[0].id, "done")
    assert path.current_id == ops[1].id
    assert [b.data(1) for b in path.boxes.values()] == ["done", "current", "todo"]
    assert tab.model.index(0, OperationsModel.STATUS).data() == "Done"


def test_save_as_template_and_remove(qtbot, tab, db, shop, monkeypatch):
    # no template is pre-picked any more (issue 9, item 21): choose it first
    tab.template_combo.setCurrentIndex(tab.template_combo.findData(shop.template.id))
    click(qtbot, tab.apply_button)
    monkeypatch.setattr("workshop.ui.tabs.routing.ask_template_name", lambda parent, suggestion: "Dresser routing")
    click(qtbot, tab.save_template_button)
    saved = [t for t in templates.list_templates(db) if t.name == "Dresser routing"]
    assert len(saved) == 1 and [s.name for s in saved[0].steps] == ["Cut panels", "Assemble carcass", "Check and oil"]
    assert tab.template_combo.currentData() == saved[0].id

    monkeypatch.setattr("workshop.ui.tabs.routing.confirm", lambda *a: True)
    tab.table.selectRow(1)
    click(qtbot, tab.remove_button)
    assert db_names(db, shop.job.id) == ["Cut panels", "Check and oil"]
    assert [op.sequence for op in routing.list_operations(db, shop.job.id)] == [1, 2]


def test_operations_model_passes_modeltester(qtmodeltester, db, shop):
    routing.apply_template(db, shop.job.id, shop.template.id)
    model = OperationsModel()
    model.set_operations(routing.list_operations(db, shop.job.id))
    qtmodeltester.check(model)


def test_no_template_is_pre_picked(qtbot, tab, shop):
    assert tab.template_combo.currentText() == "Choose a template…"
    assert tab.template_combo.currentData() is None
    assert not tab.apply_button.isEnabled()  # nothing applied by a stray click
    tab.template_combo.setCurrentIndex(tab.template_combo.findData(shop.template.id))
    assert tab.template_combo.currentText() == "Oak cabinet (3 operations)"
    assert tab.apply_button.isEnabled()


def test_a_delivered_jobs_routing_is_settled_so_nothing_offers_to_change_it(qtbot, tab, db, shop):
    from workshop.services import delivery, jobs

    tab.template_combo.setCurrentIndex(tab.template_combo.findData(shop.template.id))
    click(qtbot, tab.apply_button)
    for action in ("release", "start", "to_inspection"):
        tab.ctx.call(tab, jobs.change_status, shop.job.id, action)
    tab.table.selectRow(0)
    assert tab.add_button.isEnabled() and tab.edit_button.isEnabled()  # in inspection the routing may still change
    delivered = tab.ctx.call(tab, delivery.record_delivery, shop.job.id, method="collected", received_by="Ruth Harrow",
                             completion_reason="Finished on the bench")
    assert delivered.ok
    tab.table.selectRow(0)
    # the service refuses to change a delivered job's routing, so the tab offers none of it
    assert not tab.add_button.isEnabled() and not tab.edit_button.isEnabled() and not tab.remove_button.isEnabled()
    assert not tab.table.dragEnabled()
    assert db_names(db, shop.job.id) == ["Cut panels", "Assemble carcass", "Check and oil"]


def test_the_open_jobs_are_listed_off_the_gui_thread_keeping_the_job_shown(qtbot, db, shop):
    """Issue 17: the picker read its 500 open jobs while the tab was built. Now the list comes from a
    worker; a job shown before it comes stays shown, and what was typed meanwhile stays typed."""
    import datetime as dt

    from workshop.services import jobs

    gate = jobs.create_job(db, customer_id=shop.customer.id, title="Garden gate",
                           due_date=db.today() + dt.timedelta(days=4))
    ctx = AppContext(db)
    tab = RoutingTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    ctx.select_job(shop.job.id)
    assert tab.picker.job_id() == shop.job.id  # shown at once, list or no list
    with qtbot.waitSignal(tab.picker.filled):
        tab.picker.reload()
    # both open jobs, soonest due first: the gate (in 4 days), then the dresser (in 21)
    assert [tab.picker.itemData(i) for i in range(tab.picker.count())] == [gate.id, shop.job.id]
    assert tab.picker.itemText(0) == f"{gate.number} — Garden gate ({shop.customer.name})"
    assert tab.picker.job_id() == shop.job.id

    other = RoutingTab(AppContext(db))
    qtbot.addWidget(other)
    other.show()
    other.picker.lineEdit().setText(gate.number[:4])  # typing before the list came
    with qtbot.waitSignal(other.picker.filled):
        other.picker.reload()
    assert other.picker.job_id() is None and other.picker.lineEdit().text() == gate.number[:4]


def test_behind_another_tab_it_reads_the_job_chosen_when_it_is_next_shown(qtbot, db, shop, tmp_path):
    """Opening a job in Job Cards, or a change made there, costs the Routing tab behind it nothing:
    it reads the job's operations when it is next shown (it read 60 operations at once: ~70 ms of
    the 90 ms stall of opening the ten-year shop's biggest job)."""
    import threading

    from sqlalchemy import event

    from workshop.domain.changes import changes_of
    from workshop.services import jobs
    from support.gui import open_window

    routing.apply_template(db, shop.job.id, shop.template.id)
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Walnut desk", due_date=shop.job.due_date)
    window = open_window(qtbot, db, tmp_path, tab="routing")
    tab = window.current_tab()
    window.ctx.select_job(other.id)
    assert tab.job.id == other.id and names(tab) == []  # on screen: read at once

    window.select_tab("job-cards")
    read_here = []

    def listen(_conn, _cursor, sql, *_args) -> None:
        if threading.current_thread() is threading.main_thread() and sql.startswith("SELECT operations."):
            read_here.append(sql)

    routing.add_operation(db, other.id, name="Sand", workstation_id=shop.bench.id)
    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        window.ctx.select_job(shop.job.id)  # as Job Cards does when a job is opened
        window.ctx.changed.emit(changes_of(routing.add_operation), None)  # as after the call made there
        assert tab.job_id == shop.job.id and tab.picker.job_id() == shop.job.id
        assert names(tab) == [] and read_here == []  # no operations read behind Job Cards
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)

    window.select_tab("routing")
    qtbot.waitUntil(lambda: tab.job is not None and tab.job.id == shop.job.id)  # read as it is shown
    assert names(tab) == db_names(db, shop.job.id) == ["Cut panels", "Assemble carcass", "Check and oil"]
    assert window.counts_label.text().startswith(f"{shop.job.number}: 3 operations")
