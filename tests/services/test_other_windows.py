"""What one window saves reaches the other windows on a shared server (issue 18: "a job edited on the
office PC shows on the floor terminal within 2 seconds"): announced with NOTIFY, heard by each
window's listener, handed to its tabs as a change from outside any widget; a window does not hear
itself. On a shop file there is one writing window (the writer lock): nothing is announced.
Two ``Database`` objects over one shop (each its own author and origin) stand for two PCs."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from workshop.db import notices
from workshop.domain.changes import Change
from workshop.services import jobs
from workshop.ui.context import AppContext


def _server(db) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs a server: on a shop file one window writes at a time")


@pytest.fixture
def pcs(db):
    anna = dataclasses.replace(db, author="anna on OFFICE-PC", origin="office")
    tom = dataclasses.replace(db, author="tom on FLOOR-PC", origin="floor")
    yield anna, tom
    for pc in (anna, tom):
        for stop in pc._on_close:  # the listeners: the shared engine is closed by the db fixture
            stop()


def test_a_shop_file_announces_nothing_and_listens_to_nothing(qapp, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the shop file's case")
    assert not notices.announces(db) and notices.announce(db, Change.JOBS.value) is False
    assert AppContext(db).listener is None


def test_a_save_announced_is_heard_by_the_others_not_by_itself(db, pcs):
    _server(db)
    anna, tom = pcs
    heard: dict[str, list[int]] = {"office": [], "floor": []}
    arrived = threading.Event()

    def hearing(who):
        def heard_one(changes: int) -> None:
            heard[who].append(changes)
            arrived.set()
        return heard_one

    listeners = [notices.ChangeListener(anna, hearing("office")), notices.ChangeListener(tom, hearing("floor"))]
    for listener, pc in zip(listeners, pcs):
        pc.when_closed(listener.stop)
        listener.start()
        assert listener.wait_listening(5)
    assert notices.announce(anna, (Change.JOBS | Change.ROUTING).value)
    assert arrived.wait(2.0)  # within the two seconds the issue asks
    assert heard == {"office": [], "floor": [(Change.JOBS | Change.ROUTING).value]}


def test_a_job_saved_in_one_window_shows_in_the_other_within_two_seconds(qtbot, db, shop, pcs):
    _server(db)
    from support.gui import open_job_cards

    anna, tom = pcs
    office = AppContext(anna)
    floor = open_job_cards(qtbot, tom, shop.job.id)
    assert floor.ctx.listener is not None and floor.ctx.listener.wait_listening(5)
    assert office.listener is not None and office.listener.wait_listening(5)
    own = []
    office.changed.connect(lambda changes, initiator: own.append(changes))

    with qtbot.waitSignal(floor.ctx.changed, timeout=2000) as heard:
        assert office.call(None, jobs.update_job, shop.job.id, title="Oak dresser, waxed").ok
    assert heard.args == [Change.JOBS, None]  # from outside any widget of the floor's window
    qtbot.waitUntil(lambda: floor.detail.header.title.text() == "Oak dresser, waxed", timeout=2000)
    qtbot.wait(600)  # a listener's poll: the office's own announcement is not news to it
    assert own == [Change.JOBS]
