"""Shop dialogs: create and edit records through the shared list+form pattern."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workshop.services import customers, settings, templates
from workshop.services import workstations as ws
from workshop.ui.context import AppContext
from workshop.ui.dialogs.company_settings import CompanySettingsDialog
from workshop.ui.dialogs.customers import CustomersDialog
from workshop.ui.dialogs.materials import MaterialsDialog
from workshop.ui.dialogs.operators import OperatorsDialog
from workshop.ui.dialogs.templates import TemplatesDialog
from workshop.ui.dialogs.unsaved import Leave
from workshop.ui.dialogs.workstations import WorkstationsDialog
from workshop.ui.models.roles import ItemRole
from support.gui import click


@pytest.fixture
def ctx(db, monkeypatch):
    monkeypatch.setattr("workshop.ui.dialogs.record_editor.ask_unsaved", lambda parent, what: Leave.DISCARD)
    return AppContext(db)


def open_dialog(qtbot, cls, ctx):
    dialog = cls(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def field(dialog, name):
    return dialog.form.widgets[name]


def test_create_and_edit_a_workstation(qtbot, ctx, db):
    d = open_dialog(qtbot, WorkstationsDialog, ctx)
    click(qtbot, d.new_button)
    qtbot.keyClicks(field(d, "code"), "CNC")
    qtbot.keyClicks(field(d, "name"), "CNC router")
    field(d, "kind").setCurrentIndex(field(d, "kind").findData("machine"))
    field(d, "labour_rate").clear()
    qtbot.keyClicks(field(d, "labour_rate"), "30")
    field(d, "machine_rate").clear()
    qtbot.keyClicks(field(d, "machine_rate"), "45.50")
    field(d, "overhead_basis").setCurrentIndex(field(d, "overhead_basis").findData("per_machine_hour"))
    with qtbot.waitSignal(ctx.changed):
        click(qtbot, d.save_button)
    cnc = ws.list_workstations(db, "CNC")[0]
    assert (cnc.kind, str(cnc.machine_rate), cnc.overhead_basis) == ("machine", "45.50", "per_machine_hour")
    assert d.list.currentItem().text() == cnc.label
    field(d, "capacity_hours_per_day").clear()
    qtbot.keyClicks(field(d, "capacity_hours_per_day"), "lots")
    click(qtbot, d.save_button)
    assert "must be a number" in d.form.errors.message("capacity_hours_per_day")
    assert ws.get_workstation(db, cnc.id).capacity_hours_per_day == 8
    field(d, "capacity_hours_per_day").clear()
    qtbot.keyClicks(field(d, "capacity_hours_per_day"), "16")
    field(d, "active").setChecked(False)
    click(qtbot, d.save_button)
    again = ws.get_workstation(db, cnc.id)
    assert again.capacity_hours_per_day == 16 and not again.active


def test_duplicate_code_is_refused_next_to_the_code(qtbot, ctx, db, shop):
    d = open_dialog(qtbot, WorkstationsDialog, ctx)
    click(qtbot, d.new_button)
    qtbot.keyClicks(field(d, "code"), "saw")
    qtbot.keyClicks(field(d, "name"), "Second saw")
    click(qtbot, d.save_button)
    assert "already has the code" in d.form.errors.message("code"), (d.form.fallback.text(), [w.label for w in ws.list_workstations(db, include_inactive=True)])
    assert len(ws.list_workstations(db, include_inactive=True)) == 2


def test_operator_with_skills(qtbot, ctx, db, shop):
    d = open_dialog(qtbot, OperatorsDialog, ctx)
    click(qtbot, d.new_button)
    field(d, "name").setText("Łucja Nowak")
    field(d, "hourly_rate").clear()
    qtbot.keyClicks(field(d, "hourly_rate"), "29.50")
    skills = field(d, "workstation_ids")
    for row in range(skills.count()):
        if skills.item(row).data(ItemRole) == shop.saw.id:
            skills.item(row).setCheckState(Qt.CheckState.Checked)
    click(qtbot, d.save_button)
    op = next(o for o in ws.list_operators(db) if o.name == "Łucja Nowak")
    assert op.workstation_ids == (shop.saw.id,) and str(op.hourly_rate) == "29.50"
    # edit: add the bench too
    for row in range(skills.count()):
        skills.item(row).setCheckState(Qt.CheckState.Checked)
    click(qtbot, d.save_button)
    assert set(ws.get_operator(db, op.id).workstation_ids) == {shop.saw.id, shop.bench.id}
    # a negative rate saves nothing
    field(d, "hourly_rate").setText("-3")
    click(qtbot, d.save_button)
    assert "cannot be negative" in d.form.errors.message("hourly_rate")
    assert str(ws.get_operator(db, op.id).hourly_rate) == "29.50"


def test_materials_search_and_reorder(qtbot, ctx, db, shop):
    d = open_dialog(qtbot, MaterialsDialog, ctx)
    assert d.list.count() == 3
    qtbot.keyClicks(d.search, "hinge")
    qtbot.waitUntil(lambda: d.list.count() == 1)
    d.list.setCurrentRow(0)
    field(d, "stock_on_hand").setText("20")
    click(qtbot, d.save_button)
    assert "reorder" in d.list.item(0).text()


def test_customer_markup_round_trips(qtbot, ctx, db):
    d = open_dialog(qtbot, CustomersDialog, ctx)
    click(qtbot, d.new_button)
    field(d, "name").setText("J&C <b>Ltd</b>")
    click(qtbot, d.save_button)
    assert customers.list_customers(db)[0].name == "J&C <b>Ltd</b>"
    assert d.list.item(0).text() == "J&C <b>Ltd</b>" and d.heading.text() == "J&C <b>Ltd</b>"


def test_template_steps_add_move_remove(qtbot, ctx, db, shop):
    d = open_dialog(qtbot, TemplatesDialog, ctx)
    assert d.select_label("Oak cabinet")
    steps = field(d, "steps")
    assert steps.table.rowCount() == 3
    steps.table.selectRow(2)
    click(qtbot, steps.buttons["up"])
    click(qtbot, steps.buttons["add"])
    steps.table.item(3, 0).setText("Pack")
    click(qtbot, d.save_button)
    names = [s.name for s in templates.get_template(db, shop.template.id).steps]
    assert names == ["Cut panels", "Check and oil", "Assemble carcass", "Pack"]
    steps.table.selectRow(0)
    click(qtbot, steps.buttons["remove"])
    steps.table.item(0, 2).setText("soon")
    click(qtbot, d.save_button)
    assert "Setup minutes" in d.form.errors.message("steps")
    assert len(templates.get_template(db, shop.template.id).steps) == 4


def test_settings_rejects_a_bad_currency(qtbot, ctx, db):
    d = CompanySettingsDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    money = d.forms["money"]
    money.widgets["currency"].setText("XYZ")
    d.forms["company"].widgets["company_name"].setText("Łódź Joinery")
    assert not d.save()
    assert "not an ISO currency code" in money.errors.message("currency")
    assert d.pages.currentIndex() == 1
    assert settings.get_settings(db).currency != "XYZ"
    assert settings.get_settings(db).company_name != "Łódź Joinery"  # nothing saved half-way
    money.widgets["currency"].setText("pln")
    assert d.save()
    got = settings.get_settings(db)
    assert (got.currency, got.company_name) == ("PLN", "Łódź Joinery")
