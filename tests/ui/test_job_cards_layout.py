"""Job Cards at 1280×720: every page of a job can be reached with one click, and the job list keeps
its width and columns whichever job and page are shown."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from workshop.services import jobs
from workshop.ui.models.jobs_model import JobsModel
from support.gui import click, open_window

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")


@pytest.fixture
def window(qtbot, db, tmp_path):
    return open_window(qtbot, db, tmp_path, tab="job-cards")


def test_every_job_page_has_a_button_in_sight_at_1280(qtbot, window, shop):
    cards = window.current_tab()
    window.ctx.open_job_requested.emit(shop.job.id)
    pages = cards.detail.pages
    assert pages.count() >= 9
    for i in range(pages.count()):
        button = pages.tabButton(i)
        assert button.isVisible(), pages.tabText(i)
        # the whole button lies inside the window: no scroll arrows, nothing cut off
        top_left = button.mapTo(window, QPoint(0, 0))
        assert top_left.x() >= 0 and top_left.x() + button.width() <= window.width(), pages.tabText(i)
        assert button.width() >= button.sizeHint().width() - 8, pages.tabText(i)  # its title is readable
        click(qtbot, button)
        assert pages.currentIndex() == i and pages.currentWidget().isVisible()


def test_the_list_keeps_its_width_and_columns_on_every_page_and_job(qtbot, window, db, shop, today):
    long_one = jobs.create_job(db, customer_id=shop.customer.id,
                               title="Bespoke fitted oak kitchen with larder, island and a very long name indeed",
                               due_date=today + dt.timedelta(days=30))
    cards = window.current_tab()
    window.ctx.open_job_requested.emit(shop.job.id)
    table = cards.list.table
    width, title_width = table.width(), table.columnWidth(JobsModel.TITLE)
    for job in (shop.job, long_one):
        window.ctx.open_job_requested.emit(job.id)
        for i in range(cards.detail.pages.count()):
            click(qtbot, cards.detail.pages.tabButton(i))
            qtbot.wait(1)
            assert (table.width(), table.columnWidth(JobsModel.TITLE)) == (width, title_width), \
                cards.detail.pages.tabText(i)
    heading = cards.detail.heading
    assert heading.text() == f"{long_one.number} · {long_one.title}"
    assert heading.textFormat() == Qt.TextFormat.PlainText
    # one line ending in "…", the whole title on hover
    assert heading.height() < 2 * heading.fontMetrics().height()
    assert heading.toolTip() == heading.text()


def test_ctrl_page_down_and_up_move_between_job_pages(qtbot, window, shop):
    cards = window.current_tab()
    window.ctx.open_job_requested.emit(shop.job.id)
    pages = cards.detail.pages
    cards.detail.header.title.setFocus()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(cards.detail.header.title, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert pages.currentWidget() is cards.detail.bom
    qtbot.keyClick(pages.currentWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pages.currentWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert pages.currentIndex() == pages.count() - 1  # round to the last page
