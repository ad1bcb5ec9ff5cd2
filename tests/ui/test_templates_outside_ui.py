"""Shop ▸ Routing templates shows a step done outside as the job card says it, keeps it through
moves and saves, and offers no outside workstation for a step in the shop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workshop.services import routing, suppliers, templates
from workshop.ui.context import AppContext
from workshop.ui.dialogs.templates import ATTENDED, NAME, STATION, TemplatesDialog
from workshop.ui.dialogs.unsaved import Leave
from support.gui import click


@pytest.fixture
def ctx(db, monkeypatch):
    monkeypatch.setattr("workshop.ui.dialogs.record_editor.ask_unsaved", lambda parent, what: Leave.DISCARD)
    return AppContext(db)


@pytest.fixture
def coated_frame(db, shop):
    """A job's routing saved as a template: welded in the shop, powder coated outside for 3 days."""
    coater = suppliers.create_supplier(db, name="Acme <b>Powder</b> & Co", lead_time_days="5")
    routing.add_operation(db, shop.job.id, name="Weld frame", workstation_id=shop.bench.id, setup_minutes="10",
                          run_minutes="30")
    routing.add_operation(db, shop.job.id, name="Powder coat frame", supplier_id=coater.id, days_away="3")
    return templates.get_template(db, routing.save_as_template(db, shop.job.id, "Coated frame")), coater


def test_the_editor_shows_an_outside_step_and_keeps_it_when_steps_move(qtbot, ctx, db, shop, coated_frame):
    template, coater = coated_frame
    d = TemplatesDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    assert d.select_label("Coated frame")
    table = d.form.widgets["steps"].table
    assert [table.item(r, NAME).text() for r in range(2)] == ["Weld frame", "Powder coat frame"]

    # the in-shop step: its workstation to choose; the outside one: supplier and days, as the job card says
    assert table.cellWidget(0, STATION).currentText().startswith("BENCH")
    where = table.item(1, STATION)
    assert table.cellWidget(1, STATION) is None
    assert where.text() == "Outside: Acme <b>Powder</b> & Co (3 days away)"  # plain text, never markup
    assert table.columnSpan(1, STATION) == ATTENDED - STATION + 1  # over the workstation and minutes columns
    assert not where.flags() & Qt.ItemFlag.ItemIsEditable
    assert "edit the operation on a job's routing" in where.toolTip()

    # moved first and the other step renamed, then saved: the outside step keeps its supplier and days
    table.selectRow(1)
    click(qtbot, d.form.widgets["steps"].buttons["up"])
    assert table.item(0, STATION).text() == "Outside: Acme <b>Powder</b> & Co (3 days away)"
    assert table.cellWidget(1, STATION).currentText().startswith("BENCH") and table.columnSpan(1, STATION) == 1
    table.item(1, NAME).setText("Weld and grind")
    click(qtbot, d.save_button)
    saved = templates.get_template(db, template.id).steps
    assert [(s.name, s.supplier_id, s.days_away, s.workstation_code, s.setup_minutes) for s in saved] == [
        ("Powder coat frame", coater.id, 3, "OUT", 0), ("Weld and grind", None, None, "BENCH", 10)]


def test_a_new_step_cannot_choose_the_outside_workstation(qtbot, ctx, db, shop, coated_frame):
    d = TemplatesDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    assert d.select_label("Coated frame")
    steps = d.form.widgets["steps"]
    click(qtbot, steps.buttons["add"])
    combo = steps.table.cellWidget(2, STATION)
    offered = [combo.itemText(i) for i in range(combo.count())]
    # the shop's two workstations; OUT (made by the outside step) is where outside steps go by themselves
    assert len(offered) == 2 and not any(text.startswith("OUT") for text in offered)

