"""Item 4 driven as the owner does: the shop-wide overhead in Company settings, an operation's
attended time in the operation dialog, a BOM line's operation in the line dialog, and materials by
operation on the Costs page. Figures of the textbook job (tests/support/textbook.py) worked by
hand in tests/services/test_costing_split.py."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from support.gui import click
from support.textbook import textbook_job
from workshop.domain.money import format_money
from workshop.services import bom, job_costing, routing, settings, workstations
from workshop.ui.context import AppContext
from workshop.ui.dialogs.company_settings import CompanySettingsDialog
from workshop.ui.job_pages.costs import JobCostsPage
from workshop.ui.tabs.job_cards import JobCardsTab
from workshop.ui.tabs.routing import RoutingTab

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


def money(amount) -> str:
    return format_money(D(amount), "GBP", "en_GB")


@pytest.fixture
def tb(db, today):
    return textbook_job(db, today)


def open_settings(qtbot, db):
    dialog = CompanySettingsDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose_tab(qtbot, tabs, title: str) -> None:
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def choose(combo, label: str) -> None:
    index = combo.findText(label)
    assert index >= 0, label
    combo.setCurrentIndex(index)


def test_shop_overhead_set_in_company_settings_reaches_a_jobs_estimate(qtbot, db, shop):
    # SAND has no overhead rate of its own: the shop-wide one applies there.
    sand = workstations.create_workstation(db, code="SAND", name="Sanding", kind="manual", labour_rate="25.00",
                                           capacity_hours_per_day="8")
    routing.add_operation(db, shop.job.id, name="Sand", workstation_id=sand.id, run_minutes="60")  # × 2 units
    assert job_costing.estimate_job_cost(db, shop.job.id).overhead.amount == D("0.00")

    dialog = open_settings(qtbot, db)
    choose_tab(qtbot, dialog.pages, "Costing")
    form = dialog.forms["costing"]
    rate, basis = form.widgets["default_overhead_rate"], form.widgets["default_overhead_basis"]
    assert rate.isVisible() and rate.text() == "" and basis.currentText() == "per labour hour"
    qtbot.keyClicks(rate, "15")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert not dialog.isVisible()
    saved = settings.get_settings(db)
    assert (saved.default_overhead_rate, saved.default_overhead_basis) == (D("15.00"), "per_labour_hour")
    est = job_costing.estimate_job_cost(db, shop.job.id)
    # 2 units × 60 min = 2 h at SAND: labour 2 × 25.00 = 50.00; overhead 2 × 15.00 = 30.00 (shop default)
    assert (est.labour.amount, est.overhead.amount) == (D("50.00"), D("30.00"))
    assert est.overhead.explanation == "2.00 h × 15.00/h overhead per labour hour (shop default)"

    # Another basis; a bad rate first: its message shows on the Costing page and nothing is saved.
    dialog = open_settings(qtbot, db)
    form = dialog.forms["costing"]
    rate, basis = form.widgets["default_overhead_rate"], form.widgets["default_overhead_basis"]
    assert rate.text() == "15.00"
    choose(basis, "% of labour cost")
    rate.clear()
    qtbot.keyClicks(rate, "forty")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.isVisible() and dialog.pages.tabText(dialog.pages.currentIndex()) == "Costing"
    message = dialog.findChild(QLabel, "error_default_overhead_rate")
    assert message.isVisible() and "forty" in message.text()
    assert settings.get_settings(db).default_overhead_basis == "per_labour_hour"  # nothing saved half-way
    rate.clear()
    qtbot.keyClicks(rate, "40")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    saved = settings.get_settings(db)
    assert (saved.default_overhead_rate, saved.default_overhead_basis) == (D("40.00"), "percent_of_labour")
    # 40% of labour 50.00 = 20.00
    assert job_costing.estimate_job_cost(db, shop.job.id).overhead.amount == D("20.00")

    # Emptied: no shop-wide overhead at all.
    dialog = open_settings(qtbot, db)
    dialog.forms["costing"].widgets["default_overhead_rate"].clear()
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert settings.get_settings(db).default_overhead_rate is None
    assert job_costing.get_shop_overhead(db) is None
    assert job_costing.estimate_job_cost(db, shop.job.id).overhead.amount == D("0.00")


@pytest.fixture
def routing_tab(qtbot, db, tb):
    ctx = AppContext(db)
    widget = RoutingTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    ctx.select_job(tb.job.id)
    return widget


def test_operation_dialog_keeps_attended_time_apart_from_the_run(qtbot, db, tb, routing_tab):
    tab = routing_tab
    tab.table.selectRow(0)
    tab.edit_operation()
    dialog = tab.dialog
    assert (dialog.run_minutes.text(), dialog.labour_run_minutes.text()) == ("150", "30")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)

    dialog.labour_run_minutes.clear()
    qtbot.keyClicks(dialog.labour_run_minutes, "half")
    click(qtbot, ok)
    message = dialog.findChild(QLabel, "error_labour_run_minutes")
    assert message.isVisible() and "half" in message.text()
    assert routing.list_operations(db, tb.job.id)[0].labour_run_minutes == D("30")  # nothing saved

    # Emptied: a person minds the router for the whole run, the old way: 966.40 more (32 h × 30.20).
    before = job_costing.estimate_job_cost(db, tb.job.id).total.amount
    dialog.labour_run_minutes.clear()
    click(qtbot, ok)
    assert not dialog.isVisible()
    assert routing.list_operations(db, tb.job.id)[0].labour_run_minutes is None
    assert job_costing.estimate_job_cost(db, tb.job.id).total.amount - before == D("966.40")

    # A new operation with its own attended time: 20 min run, 5 attended, on 16 tops.
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.name, "Drill dowel holes")
    dialog.workstation.setCurrentIndex(dialog.workstation.findData(tb.cnc.id))
    dialog.run_minutes.setText("20")
    qtbot.keyClicks(dialog.labour_run_minutes, "5")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    added = routing.list_operations(db, tb.job.id)[-1]
    # labour 16 × 5 = 80 min; machine 16 × 20 = 320 min
    assert (added.name, added.labour_run_minutes, added.planned_labour_minutes, added.planned_minutes) == (
        "Drill dowel holes", D("5"), D("80"), D("320"))


@pytest.fixture
def cards(qtbot, db, tb):
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.open_job(tb.job.id)
    qtbot.waitUntil(lambda: tab.detail.job is not None)
    return tab


def test_bom_line_names_its_operation_and_the_costs_page_shows_materials_by_operation(qtbot, db, tb, cards):
    cards.detail.pages.setCurrentWidget(cards.detail.bom)
    editor = cards.detail.bom
    packing_row = next(r for r in range(editor.model.rowCount())
                       if editor.model.index(r, 0).data() == "Packing")
    editor.tree.setCurrentIndex(editor.model.index(packing_row, 0))
    click(qtbot, editor.edit_button)
    dialog = editor.dialog
    labels = [dialog.operation.itemText(i) for i in range(dialog.operation.count())]
    assert labels == ["The job as a whole", "010 Machine tops — CNC", "020 Assemble — ASSY"]
    assert dialog.operation.currentText() == "The job as a whole"
    choose(dialog.operation, "020 Assemble — ASSY")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    line = next(n for n in bom.get_bom(db, tb.job.id).nodes if n.description == "Packing")
    assert (line.operation_id, line.operation_label) == (tb.assemble, "020 Assemble")

    # A new line, used at the router.
    click(qtbot, editor.add_line_button)
    dialog = editor.dialog
    qtbot.keyClicks(dialog.description, "Router bits (share)")
    dialog.unit_cost.setText("0.50")
    choose(dialog.operation, "010 Machine tops — CNC")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    bits = next(n for n in bom.get_bom(db, tb.job.id).nodes if n.description == "Router bits (share)")
    assert bits.operation_id == tb.machine

    page = next(p for p in cards.detail.extra_pages if isinstance(p, JobCostsPage))
    cards.detail.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.operations.rowCount() == 2)
    model = page.operations
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    est_col = headers.index("Materials (est.)")
    # 010: walnut 1,080.00 + bits 16 × 0.50 = 8.00 → 1,088.00; 020: kits 104.00 + packing 32.00 = 136.00
    assert [model.index(r, est_col).data() for r in range(2)] == [money("1088.00"), money("136.00")]
    assert model.index(1, est_col).data(Qt.ItemDataRole.ToolTipRole) == "104.00 + 32.00"  # kits + packing
    # operation totals: 4,016.80 + 8.00 = 4,024.80; 734.00 + 32.00 = 766.00
    estimate_col = headers.index("Estimate")
    assert [model.index(r, estimate_col).data() for r in range(2)] == [money("4024.80"), money("766.00")]
    cards.grab().save("/tmp/b2-costs-page.png")


def test_a_template_step_keeps_its_attended_time(qtbot, db, tb, monkeypatch):
    from workshop.services import templates
    from workshop.ui.dialogs.templates import ATTENDED, TemplatesDialog
    from workshop.ui.dialogs.unsaved import Leave

    monkeypatch.setattr("workshop.ui.dialogs.record_editor.ask_unsaved", lambda parent, what: Leave.DISCARD)
    template_id = routing.save_as_template(db, tb.job.id, "Table tops")
    dialog = TemplatesDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.show()
    steps = dialog.form.widgets["steps"]
    assert [steps.table.item(r, ATTENDED).text() for r in range(2)] == ["30", ""]  # empty: attended throughout
    steps.table.item(0, ATTENDED).setText("45")
    click(qtbot, dialog.save_button)
    assert [s.labour_run_minutes for s in templates.get_template(db, template_id).steps] == [D("45"), None]
