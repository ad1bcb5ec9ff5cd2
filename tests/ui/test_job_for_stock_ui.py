"""Job Cards ▸ Job: "Makes for stock: [material] × [n]", chosen with the keyboard, saved, refused with a
message beside it when more go to stock than the job makes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from support.gui import click
from workshop.services import jobs, materials
from workshop.ui.context import AppContext
from workshop.ui.models.jobs_model import JobsModel
from workshop.ui.tabs.job_cards import JobCardsTab

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def tab(qtbot, db, shop):
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    row = tab.list.model.find_row(lambda r: r.id == shop.job.id)
    rect = tab.list.table.visualRect(tab.list.model.index(row, JobsModel.NUMBER))
    qtbot.mouseClick(tab.list.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.detail.job is not None and tab.detail.job.id == shop.job.id)
    return tab


def test_a_job_is_set_to_make_items_for_stock(qtbot, db, shop, tab):
    header = tab.detail.header
    assert header.stock_material.currentText() == "Nothing: all for the customer"
    assert not header.stock_quantity.isEnabled() and not header.save_button.isEnabled()
    header.stock_material.setFocus()
    qtbot.keyClick(header.stock_material, Qt.Key.Key_Down)  # materials by code: HNG-35 first
    assert header.stock_material.currentText() == "HNG-35 — Hinge 35 mm soft-close (ea)"
    assert header.stock_quantity.isEnabled() and header.save_button.isEnabled()
    header.stock_quantity.selectAll()
    qtbot.keyClicks(header.stock_quantity, "3")  # the dresser job makes 2
    click(qtbot, header.save_button)
    message = header.findChild(QLabel, "error_stock_quantity")
    assert message.isVisible() and message.text() == "The job makes 2; 3 cannot go into stock."
    assert jobs.get_job(db, shop.job.id).stock_material_id is None  # nothing saved

    header.stock_quantity.selectAll()
    qtbot.keyClicks(header.stock_quantity, "2")
    click(qtbot, header.save_button)
    job = jobs.get_job(db, shop.job.id)
    assert (job.stock_material_code, job.stock_quantity) == ("HNG-35", 2)
    assert not header.is_dirty() and header.stock_quantity.text() == "× 2"

    header.stock_material.setCurrentIndex(0)  # back to nothing for stock
    click(qtbot, header.save_button)
    assert (jobs.get_job(db, shop.job.id).stock_material_id, jobs.get_job(db, shop.job.id).stock_quantity) == (None, 0)


def test_a_retired_material_the_job_makes_still_shows(qtbot, db, shop):
    jobs.update_job(db, shop.job.id, stock_material_id=shop.oil.id, stock_quantity=1)
    materials.update_material(db, shop.oil.id, active=False)
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.detail.header.set_job(jobs.get_job(db, shop.job.id))
    assert tab.detail.header.stock_material.currentText() == "OIL-HW — Hardwax oil (l)"
    assert not tab.detail.header.is_dirty()
