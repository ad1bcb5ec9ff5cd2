"""The bench terminal on the Shop Floor tab, driven as a scanner drives it: the code typed into the
scan field, then Enter. Times are local, on a clock the test moves; minutes worked out by hand."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from decimal import Decimal as D
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from support.bench_floor import ShopClock, at, released_job
from support.gui import CTRL, click, type_text, when_dialog_opens
from workshop.db.models import ClockOn, Job, Operation, TimeLog
from workshop.domain.scan_codes import badge_code, typed_as
from workshop.services import clocking, jobs, routing
from workshop.ui.context import AppContext
from workshop.ui.tabs.shop_floor import ShopFloorTab


@pytest.fixture
def floor(db, shop):
    # Cut 55 min planned, Assemble 100, Oil 35 (tests/support/bench_floor.py); badges scanned as typed
    floor = released_job(db, shop)
    floor.clock, floor.shop = ShopClock(db), shop
    floor.anna, floor.tom = badge_code(shop.anna.id), badge_code(shop.tom.id)
    return floor


@pytest.fixture
def tab(qtbot, db, floor):
    tab = ShopFloorTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    qtbot.waitExposed(tab)
    rehearsed(qtbot, tab)  # as a person finds it: the first scan comes seconds after the tab shows
    return tab


def rehearsed(qtbot, tab) -> None:
    """The scan the terminal walks through off the GUI thread once it has shown is over."""
    qtbot.waitUntil(lambda: tab.terminal.rehearsal is not None and not tab.terminal.rehearsal.running)


def scan(qtbot, tab, text: str, when: dt.datetime | None = None, floor=None) -> None:
    """A keyboard-wedge scanner: the code typed into the focused scan field, then Enter."""
    if when is not None:
        floor.clock.now = when
    field = tab.terminal.field
    assert field.hasFocus(), "the scan field lost the keyboard"
    type_text(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settled(qtbot, tab)


def settled(qtbot, tab) -> None:
    """The board has read the floor again after what was just done (it does so once the answer is out)."""
    qtbot.waitUntil(lambda: not tab.board.refresh_due)


def answer(tab) -> tuple[str, str]:
    """What the answer panel says, and in which colour (its look)."""
    return tab.terminal.answer.property("look"), tab.terminal.answer.text()


def _logs(db) -> list[TimeLog]:
    with db.reader() as s:
        rows = list(s.scalars(select(TimeLog).order_by(TimeLog.id)))
        s.expunge_all()
        return rows


def _status(db, model, row_id) -> str:
    with db.reader() as s:
        return s.get(model, row_id).status


def _count(db, model) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_day_with_a_break_clock_on_pause_resume_and_finish(qtbot, db, floor, tab):
    terminal = tab.terminal
    assert terminal.field.hasFocus()
    scan(qtbot, tab, floor.anna, at(8), floor)
    assert terminal.operator_label.text() == "Anna Kowalska"
    scan(qtbot, tab, floor.code(10), at(8, 0, 4), floor)
    assert answer(tab) == ("ok", f"Anna Kowalska: clocked on to {floor.number} / 010 Cut panels")
    assert _status(db, Operation, floor.cut) == "running" and _status(db, Job, floor.job.id) == "in_progress"
    assert [r.operator_name for r in tab.board.rows()] == ["Anna Kowalska"]

    # The break at 10:00: scan the same operation (the operator is remembered a minute, so the badge first).
    scan(qtbot, tab, floor.anna, at(10), floor)
    scan(qtbot, tab, floor.code(10), at(10, 0, 5), floor)
    assert answer(tab)[0] == "ask" and terminal.finish_panel.isVisible()
    assert terminal.finish_panel.field.hasFocus()
    qtbot.keyClick(terminal.finish_panel.field, Qt.Key.Key_P)
    assert not terminal.finish_panel.isVisible() and terminal.field.hasFocus()
    settled(qtbot, tab)
    assert answer(tab)[0] == "ok" and _status(db, Operation, floor.cut) == "paused"
    # 08:00:04 to 10:00:05 = 120 min 1 s = 120.02 min (to the hundredth)
    assert [(log.labour_minutes, log.source) for log in _logs(db)] == [(D("120.02"), "scan")]
    assert tab.board.model.index(0, 0).data() == "Anna Kowalska\npaused"

    # Back at 10:15: badge and operation resume it.
    scan(qtbot, tab, floor.anna, at(10, 15), floor)
    scan(qtbot, tab, floor.code(10), at(10, 15, 3), floor)
    assert answer(tab) == ("ok", f"Anna Kowalska: back on {floor.number} / 010 Cut panels")
    assert _status(db, Operation, floor.cut) == "running"

    # 11:00: finished, 2 made.
    scan(qtbot, tab, floor.anna, at(11), floor)
    scan(qtbot, tab, floor.code(10), at(11, 0, 3), floor)
    qtbot.keyClicks(terminal.finish_panel.field, "2")
    qtbot.keyClick(terminal.finish_panel.field, Qt.Key.Key_F)
    settled(qtbot, tab)
    assert answer(tab)[0] == "ok" and "finished" in answer(tab)[1]
    logs = _logs(db)
    # the second segment: 10:15:03 to 11:00:03 = 45 min; with the first, 120.02 + 45 = 165.02 min
    assert [(log.labour_minutes, log.quantity_done) for log in logs] == [(D("120.02"), None), (D("45.00"), D("2.000"))]
    assert sum(log.labour_minutes for log in logs) == D("165.02")
    assert (_status(db, Operation, floor.cut), _status(db, Operation, floor.assemble),
            _status(db, Operation, floor.oil)) == ("done", "ready", "pending")
    assert _status(db, Job, floor.job.id) == "in_progress"
    assert tab.board.rows() == []


def test_enter_at_the_finished_question_clocks_off_unfinished_and_esc_changes_nothing(qtbot, db, floor, tab):
    scan(qtbot, tab, floor.anna, at(8), floor)
    scan(qtbot, tab, floor.code(10), at(8, 0, 4), floor)
    scan(qtbot, tab, floor.code(10), at(8, 0, 30), floor)  # within the minute: no badge needed
    qtbot.keyClick(tab.terminal.finish_panel.field, Qt.Key.Key_Escape)
    assert answer(tab) == ("quiet", "Nothing changed") and _logs(db) == []
    assert tab.terminal.field.hasFocus()
    scan(qtbot, tab, floor.anna, at(8, 40), floor)
    scan(qtbot, tab, floor.code(10), at(8, 40), floor)
    qtbot.keyClick(tab.terminal.finish_panel.field, Qt.Key.Key_Return)
    # 08:00:04 to 08:40:00 = 39 min 56 s = 39.93 min
    assert [log.labour_minutes for log in _logs(db)] == [D("39.93")]
    assert _status(db, Operation, floor.cut) == "paused"  # not finished, nobody else on it


def test_two_operators_on_one_operation_show_on_the_board_and_their_labour_adds_up(qtbot, db, floor, tab):
    scan(qtbot, tab, floor.anna, at(9), floor)
    scan(qtbot, tab, floor.code(20), at(9), floor)
    scan(qtbot, tab, floor.tom, at(10), floor)
    assert tab.terminal.operator_label.text() == "Tom Reed"
    scan(qtbot, tab, floor.code(20), at(10), floor)
    assert answer(tab) == ("ok", f"Tom Reed: clocked on to {floor.number} / 020 Assemble")
    floor.clock.now = at(10, 30)
    tab.board.timer.timeout.emit()  # the board's 30-second refresh
    model = tab.board.model
    assert sorted(model.index(r, 0).data() for r in range(model.rowCount())) == ["Anna Kowalska", "Tom Reed"]
    # labour: Anna 9:00-10:30 (90 min) + Tom 10:00-10:30 (30 min) = 120 min = 2 h against 100 planned:
    # over the plan, in red
    assert {model.index(r, 3).data() for r in range(2)} == {"2 h\nof 1 h 40 min"}
    assert model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    # elapsed, the overlap counted once: 9:00-10:30 = 1 h 30 min
    assert "overlaps counted once: 1 h 30 min" in model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)


def test_a_conflicting_clock_on_is_refused_in_red_and_writes_nothing(qtbot, db, floor, tab, monkeypatch):
    beeps = []
    monkeypatch.setattr("workshop.ui.widgets.scan_terminal.QApplication.beep", lambda: beeps.append(1))
    scan(qtbot, tab, floor.anna, at(8, 2), floor)
    scan(qtbot, tab, floor.code(10), at(8, 2), floor)
    clock_ons = _count(db, ClockOn)
    scan(qtbot, tab, floor.anna, at(8, 30), floor)
    assert beeps == [1, 1, 1]  # one for each answer: badge, clock-on, badge
    beeps.clear()
    scan(qtbot, tab, floor.code(20), at(8, 30), floor)
    assert answer(tab) == ("refused", f"Anna Kowalska is clocked on to {floor.number} / 010 Cut panels since 08:02: "
                                      "clock off there first.")
    qtbot.waitUntil(lambda: len(beeps) == 3)  # a refusal sounds three times
    assert "#b00020" in tab.terminal.answer.styleSheet() and beeps == [1, 1, 1]
    assert _count(db, ClockOn) == clock_ons and _logs(db) == []
    assert _status(db, Operation, floor.assemble) == "pending"
    assert tab.terminal.field.hasFocus() and tab.terminal.field.text() == ""


def test_a_double_scan_within_three_seconds_counts_once(qtbot, db, floor, tab):
    scan(qtbot, tab, floor.anna, at(8), floor)
    scan(qtbot, tab, floor.code(10), at(8, 0, 10), floor)
    scan(qtbot, tab, floor.code(10), at(8, 0, 12), floor)  # 2 s later: the scanner read it twice
    assert answer(tab) == ("quiet", "Already scanned")
    assert not tab.terminal.finish_panel.isVisible() and _count(db, ClockOn) == 1
    scan(qtbot, tab, floor.code(10), at(8, 0, 13), floor)  # 3 s after the first read: a real second scan
    assert answer(tab)[0] == "ask" and tab.terminal.finish_panel.isVisible()


def test_undo_takes_back_the_last_scan(qtbot, db, floor, tab):
    scan(qtbot, tab, floor.anna, at(8), floor)
    assert not tab.terminal.undo_button.isEnabled()  # a badge books nothing
    scan(qtbot, tab, floor.code(10), at(8, 0, 5), floor)
    assert tab.terminal.undo_button.isEnabled()
    qtbot.keyClick(tab.terminal.field, Qt.Key.Key_Z, CTRL)
    settled(qtbot, tab)
    assert answer(tab)[0] == "ok" and answer(tab)[1] == "Undone"
    assert tab.terminal.detail.text() == f"Undone: Anna Kowalska's clock-on to {floor.number} / 010"
    assert _status(db, Operation, floor.cut) == "pending" and tab.board.rows() == []
    with db.reader() as s:
        assert s.scalars(select(ClockOn.ended_by)).all() == ["undone"]
    assert not tab.terminal.undo_button.isEnabled()
    assert tab.terminal.field.hasFocus()
    scan(qtbot, tab, floor.code(10), at(8, 0, 6), floor)  # the same code at once: not taken for a repeat
    assert answer(tab)[0] == "ok" and _status(db, Operation, floor.cut) == "running"
    # The button does the same, and leaves the keyboard in the scan field.
    click(qtbot, tab.terminal.undo_button)
    assert answer(tab)[1] == "Undone" and _status(db, Operation, floor.cut) == "pending"
    assert tab.terminal.field.hasFocus()
    qtbot.keyClick(tab.terminal.field, Qt.Key.Key_Z, CTRL)
    assert answer(tab) == ("quiet", "Nothing to undo")


@pytest.mark.parametrize("layout", ["en_GB", "de_DE", "fr_FR"])
def test_codes_typed_through_other_keyboard_layouts_book_to_the_right_operation(qtbot, db, floor, tab, layout):
    mangled = typed_as(floor.code(20), layout)
    scan(qtbot, tab, typed_as(floor.anna, layout), at(8), floor)
    assert tab.terminal.operator_label.text() == "Anna Kowalska"
    scan(qtbot, tab, mangled, at(8, 0, 30), floor)
    assert answer(tab) == ("ok", f"Anna Kowalska: clocked on to {floor.number} / 020 Assemble")
    assert _status(db, Operation, floor.assemble) == "running"


def test_old_cards_with_separators_read_through_a_german_scanner(qtbot, db, floor, tab):
    old = f"{floor.number}/030"  # J-2027-0001/030 on a card printed before: "-" and "/" move on de_DE
    scan(qtbot, tab, typed_as(floor.anna, "de_DE"), at(8), floor)
    scan(qtbot, tab, typed_as(old, "de_DE"), at(8, 0, 30), floor)
    assert answer(tab) == ("ok", f"Anna Kowalska: clocked on to {floor.number} / 030 Oil")


def test_bad_codes_get_a_clear_red_message_and_write_nothing(qtbot, db, floor, tab):
    shop = floor.shop
    planned = jobs.create_job(db, customer_id=shop.customer.id, title="Not released yet", due_date=db.today())
    routing.add_operation(db, planned.id, name="Cut", workstation_id=shop.saw.id, setup_minutes="5", run_minutes="5")
    cancelled = jobs.create_job(db, customer_id=shop.customer.id, title="Called off", due_date=db.today())
    routing.add_operation(db, cancelled.id, name="Cut", workstation_id=shop.saw.id, setup_minutes="5",
                          run_minutes="5")
    jobs.change_status(db, cancelled.id, "release")
    jobs.change_status(db, cancelled.id, "cancel", reason="Customer withdrew")
    before = (_count(db, ClockOn), _count(db, TimeLog))

    scan(qtbot, tab, floor.code(10), at(8), floor)
    assert answer(tab) == ("refused", "Scan your badge first, then the operation.")
    scan(qtbot, tab, floor.anna, at(8, 1), floor)
    for code, says in ((floor.code(10, "J-2027-9999"), "9999"),  # no such job
                       ("HELLO", "HELLO"),  # malformed: nothing the bench prints
                       (floor.code(10, planned.number), "is planned; release it to the shop first"),
                       (floor.code(10, cancelled.number), "cancelled")):
        floor.clock.now += dt.timedelta(seconds=5)
        scan(qtbot, tab, code)
        look, text = answer(tab)
        assert look == "refused" and says in text + tab.terminal.detail.text(), (code, text)
    assert (_count(db, ClockOn), _count(db, TimeLog)) == before


def test_a_forgotten_clock_off_across_midnight_is_asked_at_the_next_scan(qtbot, db, floor, tab):
    scan(qtbot, tab, floor.anna, at(16), floor)
    scan(qtbot, tab, floor.code(10), at(16), floor)  # clocked on at 16:00 and never off
    # Next morning the badge: "since yesterday 16:00, when did you stop?"
    scan(qtbot, tab, floor.anna, at(7, 45, day=4), floor)
    panel = tab.terminal.forgotten_panel
    assert panel.isVisible() and panel.field.hasFocus()
    assert panel.question.text() == (f"You were clocked on to {floor.number} / 010 Cut panels since yesterday "
                                     "16:00. When did you stop?")
    qtbot.keyClicks(panel.field, "25:00")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert answer(tab)[0] == "refused" and "0 to 23" in answer(tab)[1] and _logs(db) == []
    panel.field.clear()
    qtbot.keyClicks(panel.field, "17:30")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert not panel.isVisible() and tab.terminal.field.hasFocus()
    [log] = _logs(db)
    # 16:00 to 17:30 the day before = 90 min, an estimate
    assert (log.labour_minutes, log.source, log.estimated) == (D("90.00"), "estimate", True)
    assert (log.started_at, log.ended_at) == (at(16), at(17, 30))


def test_an_operation_scanned_over_a_forgotten_clock_off_asks_then_goes_ahead(qtbot, db, floor, tab):
    scan(qtbot, tab, floor.anna, at(16), floor)
    scan(qtbot, tab, floor.code(10), at(16), floor)
    scan(qtbot, tab, floor.anna, at(7, 58, day=4), floor)
    qtbot.keyClick(tab.terminal.forgotten_panel.field, Qt.Key.Key_Escape)  # not now
    assert answer(tab)[1] == "Left for the day's review"
    scan(qtbot, tab, floor.code(20), at(7, 58, 40, day=4), floor)  # the assembly: first the question again
    assert answer(tab)[0] == "ask" and tab.terminal.forgotten_panel.isVisible()
    qtbot.keyClicks(tab.terminal.forgotten_panel.field, "1815")
    qtbot.keyClick(tab.terminal.forgotten_panel.field, Qt.Key.Key_Return)
    # then the scan goes through: on the assembly; the cut booked 16:00-18:15 = 135 min as an estimate
    assert answer(tab) == ("ok", f"Anna Kowalska: clocked on to {floor.number} / 020 Assemble")
    assert [(log.labour_minutes, log.estimated) for log in _logs(db)] == [(D("135.00"), True)]


def test_the_operator_is_forgotten_after_a_minute_without_a_scan(qtbot, db, floor, tab):
    scan(qtbot, tab, floor.anna, at(8), floor)
    floor.clock.now = at(8, 0, 59)
    tab.terminal.idle_timer.timeout.emit()
    assert tab.terminal.operator_label.text() == "Anna Kowalska"
    floor.clock.now = at(8, 1)
    tab.terminal.idle_timer.timeout.emit()
    assert tab.terminal.operator_label.text() == "Nobody scanned in"
    scan(qtbot, tab, floor.code(10), at(8, 1, 5), floor)
    assert answer(tab) == ("refused", "Scan your badge first, then the operation.")


def test_in_the_window_esc_and_ctrl_z_belong_to_the_terminal(qtbot, db, floor, tmp_path):
    """The window's own Esc (revert) and Ctrl+Z (undo typing) do not take the terminal's keys."""
    from support.gui import open_window

    window = open_window(qtbot, db, tmp_path, tab="shop-floor")
    tab = window.current_tab()
    window.activateWindow()
    qtbot.waitUntil(tab.terminal.field.hasFocus)
    scan(qtbot, tab, floor.anna, at(8), floor)
    scan(qtbot, tab, floor.code(10), at(8, 0, 5), floor)
    assert window.counts_label.text().startswith("1 person on the clock ")  # the status bar counts them
    scan(qtbot, tab, floor.code(10), at(8, 0, 20), floor)
    qtbot.keyClick(tab.terminal.finish_panel.field, Qt.Key.Key_Escape)
    assert answer(tab) == ("quiet", "Nothing changed") and tab.terminal.field.hasFocus()
    qtbot.keyClick(tab.terminal.field, Qt.Key.Key_Z, CTRL)
    assert answer(tab)[1] == "Undone" and _status(db, Operation, floor.cut) == "pending"


def test_the_tab_opens_the_day_review_and_the_full_screen_terminal(qtbot, db, floor, tab):
    from workshop.ui.dialogs.day_review import DayReviewDialog
    from workshop.ui.terminal_window import TerminalWindow

    opened = when_dialog_opens(lambda dialog: dialog.reject(), check=lambda d: isinstance(d, DayReviewDialog))
    click(qtbot, tab.reconcile_button)
    assert len(opened) == 1
    qtbot.waitUntil(tab.terminal.field.hasFocus)  # the keyboard is back with the scanner

    click(qtbot, tab.full_screen_button)
    window = tab.terminal_window
    assert isinstance(window, TerminalWindow) and window.isFullScreen()
    qtbot.waitUntil(window.terminal.field.hasFocus)
    scan(qtbot, window, floor.anna, at(8), floor)  # the full-screen terminal scans into the same shop
    scan(qtbot, window, floor.code(10), at(8, 0, 5), floor)
    settled(qtbot, tab)
    assert [r.operator_name for r in tab.board.rows()] == ["Anna Kowalska"]  # the tab's board follows
    window.close()


@pytest.mark.parametrize("layout, says", [("en_US", "US English (QWERTY)"), ("de_DE", "German (QWERTZ)")])
def test_the_scanner_check_card_says_how_the_scanner_types(qtbot, db, floor, tab, layout, says):
    from workshop.domain.scan_codes import SCANNER_CHECK_CODE

    scan(qtbot, tab, typed_as(SCANNER_CHECK_CODE, layout), at(8), floor)  # no badge needed
    assert answer(tab) == ("ok", f"Scanner check: OK, the scanner types through {says}")
    assert tab.terminal.detail.text() == "Operation codes and badges read correctly on this PC."
    assert _count(db, ClockOn) == 0


def test_the_next_persons_scan_while_a_question_is_open_is_a_scan_not_an_answer(qtbot, db, floor, tab):
    """Anna leaves "Finished?" unanswered; Tom scans his badge (OPR…: an O, then a P that must not
    pause Anna's work) and his operation."""
    scan(qtbot, tab, floor.anna, at(8), floor)
    scan(qtbot, tab, floor.code(10), at(8, 0, 5), floor)
    scan(qtbot, tab, floor.code(10), at(8, 0, 30), floor)
    assert tab.terminal.finish_panel.field.hasFocus()
    floor.clock.now = at(8, 1)
    for ch in floor.tom:  # the scanner types into whatever has the keyboard
        qtbot.keyClicks(QApplication.focusWidget(), ch)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert tab.terminal.operator_label.text() == "Tom Reed" and not tab.terminal.finish_panel.isVisible()
    scan(qtbot, tab, floor.code(10), at(8, 1, 10), floor)
    assert answer(tab) == ("ok", f"Tom Reed: clocked on to {floor.number} / 010 Cut panels")
    assert _logs(db) == [] and _status(db, Operation, floor.cut) == "running"  # Anna still on it, unpaused
    assert sorted(r.operator_name for r in tab.board.rows()) == ["Anna Kowalska", "Tom Reed"]


def test_a_shop_open_read_only_refuses_a_scan_in_red_not_in_a_dialog(qtbot, db, floor):
    """Not bad input but a storage refusal (a WorkshopError): the door terminal has nobody to click a
    dialog away, so it says so in the answer panel too."""
    from workshop.db.engine import open_database

    floor.clock.now = at(8)
    reader = open_database(db.url, read_only=True, read_only_reason="another PC holds the shop",
                           clock=db.clock)
    try:
        tab = ShopFloorTab(AppContext(reader))
        try:
            tab.show()
            qtbot.waitUntil(tab.terminal.field.hasFocus)
            scan(qtbot, tab, floor.anna, at(8), floor)  # a badge only reads
            scan(qtbot, tab, floor.code(10), at(8, 0, 5), floor)
            look, text = answer(tab)
            assert look == "refused" and "open read-only because another PC holds the shop" in text
            assert QApplication.activeModalWidget() is None  # no dialog
        finally:
            # Gone before the test lets go of it and before its shop closes. Left shown to qtbot (which
            # holds it weakly), it was a cycle nothing held once the test returned: the garbage
            # collector cleared its wrappers while Qt still sent the terminal events ('ScanTerminal'
            # object has no attribute 'field', seen on PostgreSQL).
            with qtbot.waitSignal(tab.destroyed):
                tab.deleteLater()
    finally:
        reader.close()
    assert _count(db, ClockOn) == 0


def _clock_ons_in_the_file_itself(db) -> int:
    """Clock-ons as the database file holds them, without its write-ahead log (``immutable`` reads
    the file alone): what a checkpoint has copied in."""
    path = Path(db.engine.url.database)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM clock_ons").fetchone()[0]
    finally:
        conn.close()


class TestOnAShopFile:
    """A SQLite file's write-ahead log: the shop in a file whatever the run's database (``file_db``;
    the ``floor`` and ``tab`` these tests get are made in it too)."""

    @pytest.fixture
    def db(self, file_db):
        return file_db

    def test_the_log_is_tidied_into_the_file_once_the_bench_is_quiet(self, qtbot, db, floor, tab):
        assert db.engine.dialect.name == "sqlite"
        timer = tab.terminal.tidy_timer
        timer.setInterval(600_000)  # held back while the test looks (2 s in the shop)
        scan(qtbot, tab, floor.anna, at(8), floor)
        scan(qtbot, tab, floor.code(10), at(8), floor)
        assert timer.isActive()  # the answer set it going
        assert _count(db, ClockOn) == 1 and _clock_ons_in_the_file_itself(db) == 0  # still only in the log
        timer.start(10)  # the quiet comes
        qtbot.waitUntil(lambda: _clock_ons_in_the_file_itself(db) == 1)
        assert not timer.isActive()


def test_the_terminal_rehearses_a_scan_off_the_gui_thread_once_shown_and_saves_nothing(qtbot, db, floor,
                                                                                       monkeypatch):
    """The warm-up scan (badge, clock-on, finished?, clock-off, rolled back) runs on a pool thread
    once the tab has shown (on the GUI thread it froze the tab's first show: ~40 statements, the
    first time compiled), once however often the tab is shown again; the shop is as it was."""
    threads: list[int] = []
    real = clocking.rehearse

    def rehearse(database):
        threads.append(threading.get_ident())
        return real(database)

    monkeypatch.setattr(clocking, "rehearse", rehearse)
    tab = ShopFloorTab(AppContext(db))
    qtbot.addWidget(tab)
    assert tab.terminal.rehearsal is None  # not while it is built
    tab.show()
    qtbot.waitExposed(tab)
    rehearsed(qtbot, tab)
    assert len(threads) == 1 and threads[0] != threading.get_ident()
    assert tab.terminal.rehearsal.result is True  # a badge and a step on the floor: walked through
    assert _count(db, ClockOn) == 0 and _logs(db) == []
    assert {_status(db, Operation, op) for op in (floor.cut, floor.assemble, floor.oil)} == {"pending"}
    assert _status(db, Job, floor.job.id) == "released"
    scan(qtbot, tab, floor.anna, at(8), floor)
    scan(qtbot, tab, floor.code(10), at(8, 0, 5), floor)
    assert answer(tab)[0] == "ok" and _count(db, ClockOn) == 1
    tab.hide()
    tab.show()
    qtbot.wait(150)  # longer than the terminal waits before rehearsing
    assert len(threads) == 1
