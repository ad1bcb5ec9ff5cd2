"""The routing's shop path shows where the job really is: the operation someone is clocked on to
now, with who and since when; paused work as paused; done work greyed; and the job's progress
(hours booked over hours planned) in the routing's summary and the job's heading."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.domain.scan_codes import operation_code
from workshop.services import clocking, jobs, routing
from workshop.ui.context import AppContext
from workshop.ui.tabs.routing import RoutingTab
from support.gui import open_job_cards

OFFSCREEN_LIMITS = r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute)).astimezone()


@pytest.fixture
def floor(db, shop):
    """Cut panels done; Anna on Assemble since 9:05; Tom on Check and oil 9:10–9:40, then paused."""
    day = db.today()
    db.clock = lambda: at(day, 10, 0)
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id,
                                setup_minutes="15", run_minutes="20")
    assemble = routing.add_operation(db, shop.job.id, name="Assemble carcass", workstation_id=shop.bench.id,
                                     setup_minutes="10", run_minutes="45")
    oil = routing.add_operation(db, shop.job.id, name="Check and oil", workstation_id=shop.bench.id,
                                setup_minutes="5", run_minutes="15")
    jobs.change_status(db, shop.job.id, "release")
    routing.set_operation_status(db, cut, "done")
    number = jobs.get_job(db, shop.job.id).number
    clocking.scan(db, operation_code(number, 20), shop.anna.id, now=at(day, 9, 5))
    tom = clocking.scan(db, operation_code(number, 30), shop.tom.id, now=at(day, 9, 10))
    clocking.pause(db, tom.clock_on.id, now=at(day, 9, 40))
    return cut, assemble, oil


def test_the_path_shows_who_is_on_what_and_paused_work(qtbot, db, shop, floor):
    cut, assemble, oil = floor
    ctx = AppContext(db)
    tab = RoutingTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1280, 700)
    tab.show()
    tab.show_job(shop.job.id)
    path = tab.path
    assert {op_id: box.data(1) for op_id, box in path.boxes.items()} == {
        cut: "done", assemble: "running", oil: "paused"}
    texts = [c.text() for c in path.boxes[assemble].childItems()]
    assert texts[2].endswith("· now") and texts[3] == "Anna since 09:05"
    assert [c.text() for c in path.boxes[oil].childItems()][2:] == ["35 min  · paused", "Tom paused"]  # 5 + 15 × 2
    assert "On it now: Anna since 09:05" in path.boxes[assemble].toolTip()
    # planned: 15 + 20×2 = 55, 10 + 45×2 = 100, 5 + 15×2 = 35: 190 min = 3 h 10 min;
    # booked: Tom's 9:10–9:40 = 30 min (Anna's open segment is not booked yet); 30 / 190 = 15.8% → 16%
    assert tab.summary.text().endswith("· 30 min of 3 h 10 min done (16%)")


def test_the_job_heading_shows_its_progress(qtbot, db, shop, floor):
    tab = open_job_cards(qtbot, db, shop.job.id)
    assert "30 min of 3 h 10 min done (16%)" in tab.detail.plan_label.text()
