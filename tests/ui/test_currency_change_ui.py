"""A currency changed in Company settings reaches every table at once (issue 10, item 7): the
tables that are given new columns after a settings change show the new currency in their cells,
and a late job's due date in Work in progress is red."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from workshop.domain.money import format_money
from workshop.services import bookings, briefs, change_orders, jobs, quotes, routing
from workshop.ui.job_pages.bookings import JobBookingsPage
from workshop.ui.job_pages.change_orders import ChangeOrdersPage
from workshop.ui.job_pages.costs import JobCostsPage
from workshop.ui.theme import ALARM
from support.gui import click, open_window, type_text

DUE = 4  # the WIP table's "Due" column


def gbp(amount: str) -> str:
    return format_money(D(amount), "GBP", "en_GB")


def eur(amount: str) -> str:
    return format_money(D(amount), "EUR", "en_GB")


@pytest.fixture
def live_shop(db, shop, today):
    """The dresser released with a budget, time, material, another cost and a change order; a
    second job already late; a brief with one quote."""
    job = shop.job
    jobs.update_job(db, job.id, budget="900.00")
    op = routing.add_operation(db, job.id, name="Assemble", workstation_id=shop.bench.id, setup_minutes="0",
                               run_minutes="60")
    jobs.change_status(db, job.id, "release")
    bookings.log_time(db, op, shop.tom.id, minutes="60")
    bookings.issue_material(db, job.id, material_id=shop.hinge.id, quantity="10")  # 10 × 4.20 = 42.00
    bookings.add_other_cost(db, job.id, category="delivery", amount="20")
    change_orders.create_change_order(db, job.id, description="Extra shelf", price_change="150")
    late = jobs.create_job(db, customer_id=shop.customer.id, title="Walnut desk",
                           due_date=today + dt.timedelta(days=5))
    jobs.change_status(db, late.id, "release")
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak bookcase", requirements="Shelves",
                                budget="2500")
    quotes.create_quote(db, brief.id, lines=[("labour", "Making", "400.00")], markup_pct="0")  # price 400.00
    return dict(job=job, late=late, brief=brief)


def _settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(20)


def _page(window, cls):
    cards = window.tab("job-cards")
    page = next(p for p in cards.detail.extra_pages if isinstance(p, cls))
    cards.detail.pages.setCurrentWidget(page)
    return page


def _money_cells(qtbot, window, brief_id: int) -> dict[str, str]:
    """One money cell of each table that takes new columns after a settings change, each
    looked at as a person does: its tab and page shown."""
    window.select_tab("wip")
    wip = window.tab("wip")
    qtbot.waitUntil(lambda: wip.report is not None and (wip.task is None or not wip.task.running))
    window.select_tab("job-cards")
    bookings_page = _page(window, JobBookingsPage)
    costs = _page(window, JobCostsPage)
    qtbot.waitUntil(lambda: not costs.working)  # its sheet is worked out off the GUI thread
    cos = _page(window, ChangeOrdersPage)
    window.select_tab("briefs")
    briefs_tab = window.tab("briefs")
    briefs_tab.lower_tabs.setCurrentWidget(briefs_tab.quotes)
    quote_panel = briefs_tab.quotes
    _settle(qtbot)
    material = bookings_page.materials
    other = bookings_page.others
    return {
        "material unit cost": material.index(0, 4).data(),
        "other amount": other.index(0, 3).data(),
        "cost estimate (materials)": next(
            costs.categories.index(r, 1).data() for r in range(costs.categories.rowCount())
            if costs.categories.index(r, 0).data() == "Materials"),
        "change order price": cos.model.index(0, 3).data(),
        "quote price": quote_panel.model.index(0, 2).data(),
        "brief budget": briefs_tab.list.model.index(briefs_tab.list.model.row_of(brief_id), 5).data(),
        "WIP budget": wip.model.index(wip.model.find_row(lambda r: r.title == "Oak dresser"), 5).data(),
    }


def test_a_new_currency_shows_in_every_table_and_late_jobs_stay_red(qtbot, db, tmp_path, live_shop, today):
    window = open_window(qtbot, db, tmp_path, tab="wip")
    wip = window.tab("wip")
    qtbot.waitUntil(lambda: wip.report is not None)
    window.select_tab("briefs")
    window.tab("briefs").list.select_brief(live_shop["brief"].id)
    window.tab("briefs").show_brief(live_shop["brief"].id)
    window.ctx.open_job_requested.emit(live_shop["job"].id)
    qtbot.waitUntil(lambda: window.tab("job-cards").detail.job is not None)
    _settle(qtbot)

    before = _money_cells(qtbot, window, live_shop["brief"].id)
    assert before == {"material unit cost": gbp("4.20"), "other amount": gbp("20.00"),
                      "cost estimate (materials)": gbp("0.00"), "change order price": gbp("150.00"),
                      "quote price": gbp("400.00"), "WIP budget": gbp("900.00"), "brief budget": gbp("2500.00")}

    window.actions.shop["settings"].trigger()
    dialog = QApplication.activeModalWidget()
    currency = dialog.forms["money"].widgets["currency"]
    currency.selectAll()
    type_text(qtbot, currency, "EUR")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert not dialog.isVisible()
    _settle(qtbot)

    assert _money_cells(qtbot, window, live_shop["brief"].id) == {"material unit cost": eur("4.20"), "other amount": eur("20.00"),
                                    "cost estimate (materials)": eur("0.00"), "change order price": eur("150.00"),
                                    "quote price": eur("400.00"), "WIP budget": eur("900.00"),
                                    "brief budget": eur("2500.00")}


def test_a_late_job_is_red_in_work_in_progress(qtbot, db, tmp_path, live_shop, today):
    db.today = lambda: today + dt.timedelta(days=6)  # the desk was due the day before
    window = open_window(qtbot, db, tmp_path, tab="wip")
    wip = window.tab("wip")
    qtbot.waitUntil(lambda: wip.model.rowCount() == 2)
    late = wip.model.find_row(lambda r: r.title == "Walnut desk")
    on_time = wip.model.find_row(lambda r: r.title == "Oak dresser")
    brush = wip.model.index(late, DUE).data(Qt.ItemDataRole.ForegroundRole)
    assert brush is not None and brush.color().name() == ALARM
    assert wip.model.index(late, DUE).data(Qt.ItemDataRole.ToolTipRole) == "late"
    assert wip.model.index(on_time, DUE).data(Qt.ItemDataRole.ForegroundRole) is None
