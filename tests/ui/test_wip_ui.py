"""The WIP tab: every open job with its accrued cost, % complete and billed to date; totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from PySide6.QtCore import Qt

from workshop.domain.money import format_money
from workshop.services import bookings, jobs, routing, wip
from workshop.ui.context import AppContext
from workshop.ui.tabs.wip import WipTab


def money(amount) -> str:
    return format_money(D(amount), "GBP", "en_GB")


def test_wip_tab_shows_open_jobs_and_totals(qtbot, qtmodeltester, db, shop):
    op = routing.add_operation(db, shop.job.id, name="Assemble", workstation_id=shop.bench.id, setup_minutes="0",
                               run_minutes="60")  # 2 h planned
    jobs.change_status(db, shop.job.id, "release")
    bookings.log_time(db, op, shop.tom.id, minutes="60")  # 26.00 + 6.50 overhead
    bookings.issue_material(db, shop.job.id, material_id=shop.hinge.id, quantity="10")  # 42.00
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Walnut desk",
                            due_date=db.today() + dt.timedelta(days=9))
    jobs.change_status(db, other.id, "release")
    jobs.create_job(db, customer_id=shop.customer.id, title="Not released", due_date=db.today())

    ctx = AppContext(db)
    tab = WipTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    qtbot.waitUntil(lambda: tab.report is not None)
    report = wip.work_in_progress(db)
    assert tab.model.rowCount() == 2
    dresser = tab.model.find_row(lambda r: r.job_id == shop.job.id)
    assert tab.model.index(dresser, 8).data() == money("74.50")
    assert tab.model.index(dresser, 7).data() == "50.00%"
    assert "6.50" in tab.model.index(dresser, 8).data(Qt.ItemDataRole.ToolTipRole)
    assert money(report.accrued_cost) in tab.totals.text() and "2 open jobs" in tab.totals.text()
    assert money("74.50") in tab.totals.text()
    qtmodeltester.check(tab.model)

    # A booking announced elsewhere refreshes it.
    ctx.call(tab, bookings.add_other_cost, other.id, category="delivery", amount="20")
    qtbot.waitUntil(lambda: money("94.50") in tab.totals.text())

    opened = []
    ctx.open_job_requested.connect(opened.append)
    rect = tab.view.visualRect(tab.model.index(dresser, 0))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [shop.job.id]


def test_many_open_jobs_load_in_the_background(qtbot, db, shop, monkeypatch):
    jobs.change_status(db, shop.job.id, "release")
    monkeypatch.setattr(WipTab, "INLINE_JOBS", 0)
    tab = WipTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.show()
    assert tab.task is not None
    qtbot.waitUntil(lambda: tab.report is not None and tab.model.rowCount() == 1)
    assert "1 open job " in tab.totals.text() + " "
