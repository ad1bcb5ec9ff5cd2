"""The board of who is on what: its rows, colours, refreshes."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from support.bench_floor import ShopClock, at, released_job
from workshop.services import clocking
from workshop.ui import theme
from workshop.ui.context import AppContext
from workshop.ui.widgets.floor_board import FloorBoard


@pytest.fixture
def floor(db, shop):
    # Cut 55 min planned, Assemble 100 min (tests/support/bench_floor.py)
    floor = released_job(db, shop, operations=2)
    floor.shop, floor.clock = shop, ShopClock(db)
    return floor


def board_on(qtbot, db) -> FloorBoard:
    ctx = AppContext(db)
    board = FloorBoard(ctx)
    qtbot.addWidget(board)
    board.resize(700, 500)
    board.show()
    return board


def texts(board) -> list[list[str]]:
    model = board.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_board_shows_who_is_on_what_since_when_against_the_plan(qtbot, qtmodeltester, db, floor):
    shop = floor.shop
    floor.clock.now = at(16, day=2)
    clocking.scan(db, floor.code(20), shop.tom.id)  # Tom on the assembly since yesterday 16:00 ...
    clocking.pause(db, clocking.scan(db, floor.code(20), shop.tom.id).clock_on.id, now=at(17, day=2))  # ... paused
    floor.clock.now = at(8)
    clocking.scan(db, floor.code(10), shop.anna.id)  # Anna on the cut since 08:00
    floor.clock.now = at(9, 10)
    board = board_on(qtbot, db)
    assert board.model.headerData(3, Qt.Orientation.Horizontal) == "Worked of planned"
    assert texts(board) == [
        # running first: Anna 08:00-09:10 = 70 min = 1 h 10 min of 55 planned: over, in red
        ["Anna Kowalska", f"{floor.number} / 010\nCut panels · SAW", "08:00", "1 h 10 min\nof 55 min"],
        # paused: Tom 16:00-17:00 yesterday = 1 h of 100 planned (1 h 40 min)
        ["Tom Reed\npaused", f"{floor.number} / 020\nAssemble · BENCH", "yesterday\n16:00", "1 h\nof 1 h 40 min"],
    ]
    assert board.model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole).color().name() == theme.ALARM
    assert board.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert all(board.model.index(1, c).data(Qt.ItemDataRole.ForegroundRole).color().name() == theme.MUTED
               for c in range(4))
    assert board.count.text() == "1 person on the clock, 1 paused"
    qtmodeltester.check(board.model)

    # The clock moves: the 30-second refresh shows Anna's time grow (09:40: 1 h 40 min).
    floor.clock.now = at(9, 40)
    board.timer.timeout.emit()
    assert texts(board)[0][3] == "1 h 40 min\nof 55 min"


def test_the_board_follows_changes_announced_by_other_screens(qtbot, db, floor):
    board = board_on(qtbot, db)
    assert texts(board) == [] and board.count.text() == "Nobody is clocked on"
    floor.clock.now = at(8)
    board.ctx.call(None, clocking.scan, floor.code(10), floor.shop.anna.id)  # e.g. the terminal's scan
    assert board.refresh_due  # read again once the scan's answer is out
    qtbot.waitUntil(lambda: not board.refresh_due)
    assert [row[0] for row in texts(board)] == ["Anna Kowalska"]
    assert board.count.text() == "1 person on the clock"



def test_a_hidden_board_reads_the_floor_when_shown_again(qtbot, db, floor):
    board = board_on(qtbot, db)
    board.hide()
    floor.clock.now = at(8)
    board.ctx.call(None, clocking.scan, floor.code(10), floor.shop.anna.id)
    board.timer.timeout.emit()
    assert not board.refresh_due and texts(board) == []  # nobody sees it: not read
    board.show()
    assert [row[0] for row in texts(board)] == ["Anna Kowalska"]


def test_a_board_that_cannot_be_read_says_so_in_place(qtbot, db, floor, monkeypatch):
    from workshop.domain.errors import WorkshopError

    board = board_on(qtbot, db)

    def busy(*_args, **_kwargs):
        raise WorkshopError("The shop is busy: another program is writing to it.")

    monkeypatch.setattr("workshop.services.floor_board.floor_board", busy)
    board.timer.timeout.emit()
    assert board.count.text() == "The board could not be read: The shop is busy: another program is writing to it."
    assert theme.ALARM in board.count.styleSheet()
    monkeypatch.undo()
    board.timer.timeout.emit()
    assert board.count.text() == "Nobody is clocked on"
