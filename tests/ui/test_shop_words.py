"""Shop words, not ours: what the Bookings, Costs and Work-in-progress screens and the Inspection
form say, read as the owner reads them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workshop.domain.wording import plural
from workshop.services import bookings, inspection, jobs, routing
from workshop.ui.job_pages.bookings import JobBookingsPage
from workshop.ui.job_pages.costs import JobCostsPage
from support.gui import click, open_window

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")


def column(model, title: str) -> list[str]:
    col = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title)
    return [model.index(r, col).data() for r in range(model.rowCount())]


@pytest.fixture
def window(qtbot, db, tmp_path, shop):
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id,
                                setup_minutes="15", run_minutes="20")
    routing.add_operation(db, shop.job.id, name="Assemble", workstation_id=shop.bench.id, setup_minutes="10",
                          run_minutes="45")
    jobs.change_status(db, shop.job.id, "release")
    bookings.log_time(db, cut, shop.anna.id, minutes="50", kind="both")
    bookings.log_time(db, cut, shop.anna.id, minutes="20", kind="labour")
    routing.set_operation_status(db, cut, "done")
    w = open_window(qtbot, db, tmp_path, tab="job-cards")
    w.ctx.open_job_requested.emit(shop.job.id)
    return w


def page(window, cls):
    cards = window.current_tab()
    found = next(p for p in cards.detail.extra_pages if isinstance(p, cls))
    cards.detail.pages.setCurrentWidget(found)
    return found


def test_bookings_say_what_kind_of_time_in_words(qtbot, window):
    times = page(window, JobBookingsPage).time_section.model
    assert sorted(column(times, "Kind")) == ["Labour", "Person at a machine"]  # never "both"


def test_costs_and_wip_show_status_names_as_the_window_does(qtbot, window):
    costs = page(window, JobCostsPage)
    qtbot.waitUntil(lambda: not costs.working)  # its sheet is worked out off the GUI thread
    operations = costs.operations
    assert column(operations, "Status") == ["Done", "Pending"]
    window.select_tab("wip")
    wip = window.current_tab()
    qtbot.waitUntil(lambda: wip.report is not None)
    assert column(wip.model, "Status") == ["Released"]
    assert wip.totals.text().startswith("1 open job ")


def test_booking_dialog_names_the_unnamed_operator_plainly(qtbot, window):
    bookings_page = page(window, JobBookingsPage)
    click(qtbot, bookings_page.book_time_button)
    dialog = bookings_page.dialog
    assert dialog.operator.itemText(0) == "Not named (at the workstation's labour rate)"
    dialog.reject()


def test_readings_example_follows_the_checks_size_and_unit(qtbot, db, shop, window):
    jobs.change_status(db, shop.job.id, "start")
    jobs.change_status(db, shop.job.id, "to_inspection")
    inspection.add_check(db, job_id=shop.job.id, characteristic="Top length", nominal="2000",
                         lower_tolerance="-1", upper_tolerance="1", unit="mm")
    window.select_tab("inspection")
    tab = window.current_tab()
    qtbot.waitUntil(lambda: not tab.loading)  # the work list is read off the GUI thread
    tab.select_check(tab.model.rows()[0].check_id)
    # 2000 mm ± 1: an example reading at the nominal and one half a tolerance above (2000 + 1/2)
    assert tab.record.readings.placeholderText() == "e.g. 2000, 2000.5 mm"


def test_plural_counts():
    assert [plural(n, "job") for n in (0, 1, 2, 1204)] == ["0 jobs", "1 job", "2 jobs", "1,204 jobs"]
    assert plural(1, "sub-assembly", "sub-assemblies") == "1 sub-assembly"
    assert plural(3, "sub-assembly", "sub-assemblies") == "3 sub-assemblies"


def test_money_fields_say_their_currency(qtbot, db, shop):
    from workshop.ui.context import AppContext
    from workshop.ui.dialogs.materials import MaterialsDialog
    from workshop.ui.dialogs.operators import OperatorsDialog
    from workshop.ui.dialogs.workstations import WorkstationsDialog

    ctx = AppContext(db)
    labels = {}
    for cls, names in ((MaterialsDialog, ("unit_cost",)), (WorkstationsDialog, ("labour_rate", "machine_rate")),
                       (OperatorsDialog, ("hourly_rate",))):
        dialog = cls(ctx)
        qtbot.addWidget(dialog)
        for name in names:
            labels[name] = dialog.form.layout.labelForField(dialog.form.widgets[name]).text()
    assert labels == {"unit_cost": "Unit &cost (£)", "labour_rate": "&Labour rate, £ per hour",
                      "machine_rate": "&Machine rate, £ per hour", "hourly_rate": "&Hourly rate, £ per hour"}


def test_the_briefs_list_shows_budgets_with_their_currency(qtbot, db, shop):
    from workshop.services import briefs
    from workshop.ui.models.briefs_model import BUDGET, BriefsModel

    briefs.create_brief(db, customer_id=shop.customer.id, title="Oak bookcase", budget="10400")
    briefs.create_brief(db, customer_id=shop.customer.id, title="Shelf, budget not known")
    model = BriefsModel(db)
    model.reload()
    assert sorted(model.index(r, BUDGET).data() for r in range(model.rowCount())) == ["", "£10,400.00"]
