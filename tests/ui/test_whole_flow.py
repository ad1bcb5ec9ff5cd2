"""One person's whole flow through the real window, by clicks and keys: a new customer, a brief
with a drawing, the job it becomes, its bill of materials, its routing, and its release. Each
step is checked in the database and on screen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage

from workshop.services import bom, briefs, customers, jobs, routing
from workshop.ui.app import create_main_window
from workshop.ui.dialogs.unsaved import Leave
from support.gui import ok, press, when_dialog_opens

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(monkeypatch, qtbot, shop, db, tmp_path):
    monkeypatch.setattr("workshop.ui.main_window.ask_unsaved", lambda parent, what: Leave.DISCARD)
    w = create_main_window(db, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_first_call_to_the_bench(qtbot, window, db, shop, tmp_path):
    # 1. a new customer, created inline from a new brief (Ctrl+N in Briefs)
    window.select_tab("briefs")
    brief_tab = window.current_tab()
    press(qtbot, window, Qt.Key.Key_N)

    def new_customer(dialog):
        qtbot.keyClicks(dialog.fields["name"], "Bramble & Oak Cafe")
        qtbot.keyClicks(dialog.fields["email"], "hello@brambleoak.example")
        ok(qtbot, dialog)

    answered = when_dialog_opens(new_customer)
    qtbot.mouseClick(brief_tab.form.customer.new_button, LEFT)
    assert answered
    [customer] = customers.list_customers(db, "Bramble")
    assert customer.email == "hello@brambleoak.example"
    assert brief_tab.form.customer.customer_id() == customer.id

    # 2. the brief, saved with Ctrl+S, and a drawing attached to it
    qtbot.keyClicks(brief_tab.form.title, "Oak serving counter")
    qtbot.keyClicks(brief_tab.form.requirements, "Counter 2400 long with two drawer units")
    qtbot.keyClicks(brief_tab.form.budget, "4800")
    press(qtbot, window, Qt.Key.Key_S)
    brief = briefs.get_brief(db, brief_tab.brief.id)
    assert (brief.title, brief.customer_id, brief.budget) == ("Oak serving counter", customer.id, Decimal("4800.00"))
    assert brief_tab.heading.text() == brief.number
    drawing = tmp_path / "counter-front.png"
    image = QImage(160, 90, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.lightGray)
    assert image.save(str(drawing))
    with qtbot.waitSignal(brief_tab.attachments.add_files([drawing]).finished):
        pass  # read off the GUI thread, then attached
    assert [a.file_name for a in briefs.get_brief(db, brief.id).attachments] == ["counter-front.png"]
    assert brief_tab.attachments.list.count() == 1

    # 3. convert to a job: quantity 2; Job Cards opens on it
    def convert(dialog):
        dialog.quantity.selectAll()
        qtbot.keyClicks(dialog.quantity, "2")
        ok(qtbot, dialog)

    when_dialog_opens(convert)
    with qtbot.waitSignal(window.ctx.open_job_requested) as opened:
        qtbot.mouseClick(brief_tab.convert_button, LEFT)
    job = jobs.get_job(db, opened.args[0])
    assert (job.quantity, job.customer_id, job.brief_id, job.status) == (2, customer.id, brief.id, "planned")
    assert [a.file_name for a in job.attachments] == ["counter-front.png"]
    assert window.current_tab().tab_id == "job-cards"
    cards = window.current_tab()
    qtbot.waitUntil(lambda: cards.detail.job is not None and cards.detail.job.id == job.id)
    assert cards.detail.heading.text() == f"{job.number} · Oak serving counter"

    # 4. bill of materials: a line from the materials list, a sub-assembly with a line inside
    cards.detail.pages.setCurrentWidget(cards.detail.bom)
    editor = cards.detail.bom
    qtbot.mouseClick(editor.add_line_button, LEFT)
    qtbot.mouseClick(editor.dialog.pick_button, LEFT)
    picker = editor.dialog.picker
    qtbot.keyClicks(picker.search, "oak")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
    qtbot.mouseClick(picker.buttons.button(picker.buttons.StandardButton.Ok), LEFT)
    editor.dialog.quantity.selectAll()
    qtbot.keyClicks(editor.dialog.quantity, "1.5")
    qtbot.mouseClick(editor.dialog.buttons.button(editor.dialog.buttons.StandardButton.Ok), LEFT)
    editor.tree.clearSelection()
    editor.tree.setCurrentIndex(editor.model.index(-1, 0))
    qtbot.mouseClick(editor.add_sub_button, LEFT)
    qtbot.keyClicks(editor.dialog.description, "Drawer unit")
    editor.dialog.quantity.setText("2")
    qtbot.mouseClick(editor.dialog.buttons.button(editor.dialog.buttons.StandardButton.Ok), LEFT)
    qtbot.mouseClick(editor.add_line_button, LEFT)
    qtbot.keyClicks(editor.dialog.description, "Brass cup handle")
    editor.dialog.quantity.setText("2")
    editor.dialog.unit_cost.setText("9.80")
    qtbot.mouseClick(editor.dialog.buttons.button(editor.dialog.buttons.StandardButton.Ok), LEFT)
    tree = bom.get_bom(db, job.id)
    assert [(n.description, n.level, n.effective_quantity) for n in tree.nodes] == [
        ("Oak board 25 mm", 0, Decimal("3.000")), ("Drawer unit", 0, Decimal("4.000")),
        ("Brass cup handle", 1, Decimal("8.000"))]
    # 3 m2 oak at 85.50 = 256.50; 8 handles at 9.80 = 78.40
    assert tree.material_cost == Decimal("334.90")
    assert "£334.90" in editor.total_label.text() and "£334.90" in cards.detail.plan_label.text()

    # 5. routing: it follows the job; apply a template, swap two operations, add one
    window.select_tab("routing")
    routing_tab = window.current_tab()
    qtbot.waitUntil(lambda: routing_tab.job_id == job.id)
    routing_tab.template_combo.setCurrentIndex(routing_tab.template_combo.findData(shop.template.id))
    qtbot.mouseClick(routing_tab.apply_button, LEFT)
    assert [o.name for o in routing.list_operations(db, job.id)] == ["Cut panels", "Assemble carcass",
                                                                     "Check and oil"]
    routing_tab.table.selectRow(0)
    qtbot.mouseClick(routing_tab.down_button, LEFT)
    assert [o.name for o in routing.list_operations(db, job.id)] == ["Assemble carcass", "Cut panels",
                                                                     "Check and oil"]
    qtbot.mouseClick(routing_tab.add_button, LEFT)
    dialog = routing_tab.dialog
    qtbot.keyClicks(dialog.name, "Fit handles")
    dialog.workstation.setCurrentIndex(dialog.workstation.findData(shop.bench.id))
    dialog.operator.setCurrentIndex(dialog.operator.findData(shop.tom.id))
    dialog.setup_minutes.setText("10")
    dialog.run_minutes.setText("6")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), LEFT)
    ops = routing.list_operations(db, job.id)
    assert [(o.sequence, o.op_number, o.name) for o in ops] == [
        (1, 20, "Assemble carcass"), (2, 10, "Cut panels"), (3, 30, "Check and oil"), (4, 40, "Fit handles")]
    assert ops[3].operator_name == "Tom Reed" and ops[3].planned_minutes == Decimal("22.00")  # 10 + 6 × 2
    shown = [routing_tab.model.index(r, 2).data() for r in range(routing_tab.model.rowCount())]
    assert shown == [o.name for o in ops]
    assert len(routing_tab.path.boxes) == 4

    # 6. release the job from Job Cards
    window.select_tab("job-cards")
    qtbot.mouseClick(cards.detail.actions.buttons["release"], LEFT)
    released = jobs.get_job(db, job.id)
    assert released.status == "released" and [h.to_status for h in released.history] == ["planned", "released"]
    assert cards.detail.status_badge.text() == "Released"
    assert not cards.detail.actions.buttons["release"].isEnabled()
    assert cards.detail.actions.buttons["start"].isEnabled()
