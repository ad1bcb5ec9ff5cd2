"""The job list moved through by keys: Page Down or an arrow held does not open every job passed on
the way (issue 17: 40 x Page Down opened 40 jobs, ~14 statements each); the job stopped on is shown."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from workshop.services import jobs
from workshop.ui.context import AppContext
from workshop.ui.models.jobs_model import JobsModel
from workshop.ui.tabs.job_cards import JobCardsTab
from workshop.ui.widgets import job_list

OFFSCREEN_LIMITS = r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def cards(qtbot, db, shop, monkeypatch):
    """Job Cards over the shop's job and twelve more, due one day apart (listed latest due first)."""
    for day in range(12):
        jobs.create_job(db, customer_id=shop.customer.id, title=f"Shelf {day + 1}",
                        due_date=db.today() + dt.timedelta(days=30 + day))
    # a settling time no busy test machine outlasts between two key presses
    monkeypatch.setattr(job_list, "KEY_SETTLE_MS", 3000)
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def titles_shown(tab) -> list[str]:
    return [tab.list.model.index(r, JobsModel.TITLE).data() for r in range(tab.list.model.rowCount())]


def test_keys_held_open_only_the_first_job_and_the_one_stopped_on(qtbot, cards):
    table = cards.list.table
    chosen: list = []
    cards.list.job_chosen.connect(chosen.append)
    assert titles_shown(cards)[:3] == ["Shelf 12", "Shelf 11", "Shelf 10"]  # the latest due first
    rect = table.visualRect(cards.list.model.index(0, JobsModel.NUMBER))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert cards.detail.header.title.text() == "Shelf 12"  # a click shows its job at once

    qtbot.keyClick(table, Qt.Key.Key_Down)  # the first key shows its job at once
    assert cards.detail.header.title.text() == "Shelf 11"
    for _ in range(4):  # more keys straight after: the list moves, the jobs passed are not opened
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert cards.list.current_job_id() != cards.current_job_id()
    assert cards.detail.header.title.text() == "Shelf 11"

    with qtbot.waitSignal(cards.list.job_chosen, timeout=10_000):
        pass  # the keys have stopped: the job stopped on is shown
    assert cards.detail.header.title.text() == "Shelf 7"
    assert cards.current_job_id() == cards.list.current_job_id()
    assert len(chosen) == 3  # the click, the first key, the job stopped on


def test_a_click_after_keys_shows_its_job_at_once_and_nothing_follows(qtbot, cards):
    table = cards.list.table
    chosen: list = []
    cards.list.job_chosen.connect(chosen.append)
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # pending: "Shelf 10"
    rect = table.visualRect(cards.list.model.index(6, JobsModel.NUMBER))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert cards.detail.header.title.text() == "Shelf 6"
    assert not cards.list._key_settle.isActive()  # the click took over: no late job follows
    assert [cards.list.model.row_at(1).id, cards.list.model.row_at(6).id] == chosen[-2:]
