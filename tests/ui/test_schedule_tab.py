"""The Schedule tab, driven as a person does, on a small shop worked out by hand.

Monday 7 Dec 2026, 08:00. The shop works Monday to Friday, 08:00-16:30 (510 minutes a day); the panel
saw (SAW) works 8 h = 480 minutes a day on one machine. Two released jobs compete for it:

- "Gate" (due Fri 11 Dec): one operation of 240 min on the saw;
- "Table" (due Fri 18 Dec): one operation of 600 min on the saw.

Same priority, so the earlier due date goes first:
- Gate: Mon 7 Dec, minutes 0-240 of the day: 08:00-12:00;
- Table: Mon minutes 240-480 (240 min), then Tue 8 Dec minutes 0-360 (the other 600 - 240 = 360):
  Mon 12:00 to Tue 14:00.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from support.gui import when_dialog_opens
from workshop.db.models import Job, Operation
from workshop.services import jobs, routing
from workshop.ui.context import AppContext
from workshop.ui.tabs.schedule import ScheduleTab

MONDAY = dt.date(2026, 12, 7)
TUESDAY, WEDNESDAY = MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=2)
DAY = 510  # working minutes, 08:00-16:30


@pytest.fixture
def competing(db, shop):
    db.clock = lambda: dt.datetime(2026, 12, 7, 8, 0).astimezone()

    def released(title: str, due: dt.date, minutes: str) -> int:
        job = jobs.create_job(db, customer_id=shop.customer.id, title=title, due_date=due)
        routing.add_operation(db, job.id, name=f"Cut {title.lower()}", workstation_id=shop.saw.id,
                              setup_minutes="0", run_minutes=minutes)
        jobs.change_status(db, job.id, "release")
        return job.id

    gate = released("Gate", dt.date(2026, 12, 11), "240")
    table = released("Table", dt.date(2026, 12, 18), "600")
    return gate, table


def open_tab(qtbot, db) -> ScheduleTab:
    ctx = AppContext(db)
    tab = ScheduleTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    qtbot.waitUntil(lambda: tab.proposal is not None and not tab.task.running)
    return tab


def bars(tab, job_id) -> list[tuple[dt.date, float, float]]:
    """(day, start, end) of each bar of the job, the start and end in minutes of the working day."""
    return [(bar.day, round(bar.start * DAY), round(bar.end * DAY)) for bar in tab.gantt.bars_of(job_id)]


def pinned(db, job_id) -> dt.date | None:
    """What the database holds as the job's earliest start."""
    with db.reader() as s:
        return s.get(Job, job_id).pinned_start


def wait_for_new_proposal(qtbot, tab, before) -> None:
    qtbot.waitUntil(lambda: tab.proposal is not before and not tab.task.running)


def drag(qtbot, tab, bar, days: int) -> None:
    viewport = tab.gantt.viewport()
    start = tab.gantt.bar_rect(bar).center().toPoint()
    end = start + QPoint(days * tab.gantt.day_width, 0)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(days * 10, 0))
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_two_jobs_on_one_saw_shown_applied_and_reordered(qtbot, db, shop, competing):
    gate, table = competing
    tab = open_tab(qtbot, db)
    assert tab.summary.text().endswith(": 2 jobs, 0 late")
    assert [tab.gantt.chart.rows[i].label for i in range(2)] == ["BENCH", "SAW"]
    assert bars(tab, gate) == [(MONDAY, 0, 240)]
    assert bars(tab, table) == [(MONDAY, 240, 480), (TUESDAY, 0, 360)]
    # The list: Gate first (earlier due), its predicted finish Monday; Table's Tuesday.
    assert [tab.jobs.model.index(r, 0).data() for r in range(2)] == [jobs.get_job(db, gate).number,
                                                                      jobs.get_job(db, table).number]
    assert tab.jobs.model.index(1, 3).data() == "8 Dec 2026"

    # Apply: asked, then the planned times are saved as worked out above.
    asked = []

    def yes(box):
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    when_dialog_opens(yes)
    qtbot.mouseClick(tab.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == ["Save these planned dates on 2 operations? Nothing else changes."]
    assert "Planned dates saved on 2 operations of 2 jobs." == tab.message.text()
    with db.reader() as s:
        planned = {op.job_id: (op.planned_start, op.planned_end) for op in s.query(Operation)
                   if op.job_id in (gate, table)}
        finish = {job.id: job.planned_finish for job in s.query(Job) if job.id in (gate, table)}
    assert planned[gate] == (dt.datetime(2026, 12, 7, 8, 0), dt.datetime(2026, 12, 7, 12, 0))
    assert planned[table] == (dt.datetime(2026, 12, 7, 12, 0), dt.datetime(2026, 12, 8, 14, 0))
    assert finish == {gate: MONDAY, table: TUESDAY}

    # Table made high priority: it goes first. Table Mon 0-480 and Tue 0-120 (600 min);
    # Gate after it on Tuesday, minutes 120-360 (10:00-14:00).
    before = tab.proposal
    tab.jobs.choose(table)
    tab.jobs.priority.setFocus()
    qtbot.keyClick(tab.jobs.priority, Qt.Key.Key_Down)  # normal -> high
    wait_for_new_proposal(qtbot, tab, before)
    assert jobs.get_job(db, table).priority == "high"
    assert bars(tab, table) == [(MONDAY, 0, 480), (TUESDAY, 0, 120)]
    assert bars(tab, gate) == [(TUESDAY, 120, 360)]
    assert tab.jobs.model.index(0, 0).data() == jobs.get_job(db, table).number


def test_dragging_a_bar_pins_its_job(qtbot, db, shop, competing):
    gate, table = competing
    tab = open_tab(qtbot, db)

    # Gate's bar dragged from Monday to Wednesday: Gate may start on Wednesday 9 Dec. Pinned jobs
    # go first, so Gate takes Wednesday 0-240; Table now has the saw from Monday: Mon 0-480, Tue 0-120.
    before = tab.proposal
    drag(qtbot, tab, tab.gantt.bars_of(gate)[0], 2)
    wait_for_new_proposal(qtbot, tab, before)
    assert pinned(db, gate) == WEDNESDAY
    assert bars(tab, gate) == [(WEDNESDAY, 0, 240)]
    assert bars(tab, table) == [(MONDAY, 0, 480), (TUESDAY, 0, 120)]
    assert "may start from 9 Dec 2026" in tab.message.text()
    tab.jobs.choose(gate)
    assert tab.jobs.model.index(tab.jobs.table.currentIndex().row(), 6).data() == "from 9 Dec 2026"

    # Table's Monday bar dragged a day back, to Sunday 6 Dec: before today, refused and nothing pinned.
    before = tab.proposal
    drag(qtbot, tab, tab.gantt.bars_of(table)[0], -1)
    assert "cannot be pinned to start on 2026-12-06, before today" in tab.message.text()
    assert pinned(db, table) is None
    assert tab.proposal is before and bars(tab, table) == [(MONDAY, 0, 480), (TUESDAY, 0, 120)]

    # Unpin Gate: back to the first order.
    tab.jobs.choose(gate)
    qtbot.mouseClick(tab.jobs.unpin, Qt.MouseButton.LeftButton)
    wait_for_new_proposal(qtbot, tab, before)
    assert pinned(db, gate) is None
    assert bars(tab, gate) == [(MONDAY, 0, 240)]


def test_a_click_on_a_bar_opens_its_job_and_the_load_page(qtbot, db, shop, competing):
    gate, table = competing
    tab = open_tab(qtbot, db)
    opened = []
    tab.ctx.open_job_requested.connect(opened.append)
    bar = tab.gantt.bars_of(table)[1]
    assert "Cut table at SAW" in tab.gantt.tooltip_of(bar)
    qtbot.mouseClick(tab.gantt.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.gantt.bar_rect(bar).center().toPoint())
    assert opened == [table]
    # Enter on the selected bar opens it too; Left selects the bar before it (Table's Monday piece).
    qtbot.keyClick(tab.gantt, Qt.Key.Key_Left)
    assert tab.gantt.selected == tab.gantt.bars_of(table)[0]
    qtbot.keyClick(tab.gantt, Qt.Key.Key_Return)
    assert opened == [table, table]

    # Load, week of 7 Dec: SAW 240 + 600 = 840 min = 14.0 h of 5 days × 8 h = 40 h: 35%.
    qtbot.keyClick(tab, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert tab.pages.currentIndex() == 1
    model = tab.load_page.model
    saw = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "SAW")
    assert model.index(saw, 1).data() == "14.0 / 40.0 h  35%"
    assert model.index(saw, 2).data() == "0.0 / 40.0 h  0%"
    assert model.columnCount() == 13  # the workstation and 12 weeks
    # The chart shows the saw (the one jobs wait at, and the busiest): its planned hours against capacity,
    # drawn off the GUI thread now that the page is shown.
    assert tab.load_page.table.currentIndex().row() == saw
    qtbot.waitUntil(lambda: tab.load_page.chart.has_chart())
    assert b"SAW: hours planned per week against capacity" in tab.load_page.chart.svg()

    # Zoom to weeks with Ctrl+-, remembered.
    qtbot.keyClick(tab.gantt, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert tab.gantt.zoom == "week" and tab.save_state()["zoom"] == "week"
    again = ScheduleTab(tab.ctx)
    qtbot.addWidget(again)
    again.restore_state(tab.save_state())
    assert again.gantt.zoom == "week" and again.week_button.isChecked() and again.pages.currentIndex() == 1


def test_show_jobs_narrows_the_list(qtbot, db, shop, competing):
    gate, table = competing
    tab = open_tab(qtbot, db)
    tab.show_jobs([table], "order JO-0001")
    assert tab.jobs.model.rowCount() == 1 and tab.jobs.only_label.text() == "Showing order JO-0001"
    assert tab.gantt.highlighted == {table}
    qtbot.mouseClick(tab.jobs.show_all, Qt.MouseButton.LeftButton)
    assert tab.jobs.model.rowCount() == 2
    qtbot.keyClicks(tab.jobs.search, "gate")
    assert tab.jobs.model.rowCount() == 1 and tab.jobs.model.index(0, 0).data() == jobs.get_job(db, gate).number


def test_print_previews_the_wall_schedule(qtbot, db, shop, competing):
    gate, table = competing
    tab = open_tab(qtbot, db)
    tab.print_current()  # File ▸ Print on this tab
    qtbot.waitUntil(lambda: getattr(tab, "_preview", None) is not None, timeout=20_000)
    preview = tab._preview
    assert preview.document.pageCount() == 1
    preview.close()


def test_choosing_a_late_job_says_why(qtbot, db, shop, competing):
    gate, table = competing
    jobs.update_job(db, table, due_date=MONDAY)  # Table finishes Tuesday (worked out above): a day late
    tab = open_tab(qtbot, db)
    assert tab.summary.text().endswith(": 2 jobs, 1 late")
    late_row = tab.jobs.model.find_row(lambda r: r.job_id == table)
    assert tab.jobs.model.index(late_row, 4).data() == "Late"
    tab.jobs.choose(table)
    # It waits at the saw behind Gate, operation 010 "Cut table" holds it; the words are the lateness service's.
    qtbot.waitUntil(lambda: tab.jobs.why.text() != "")
    assert "Cut table" in tab.jobs.why.text() and "SAW" in tab.jobs.why.text()
    tab.jobs.choose(gate)  # on time: nothing to explain
    assert tab.jobs.why.text() == ""


def test_a_workstation_asked_for_shows_on_the_load_page(qtbot, db, shop, competing):
    tab = open_tab(qtbot, db)
    tab.open_record("workstation", shop.bench.id)  # the Start page's "today's load" row for the bench
    assert tab.pages.currentIndex() == 1
    assert tab.load_page.model.index(tab.load_page.table.currentIndex().row(), 0).data() == "BENCH"
    qtbot.waitUntil(lambda: b"BENCH: hours planned per week" in tab.load_page.chart.svg())


def test_a_load_chart_is_drawn_only_when_its_page_shows_it(qtbot, db, shop, competing, monkeypatch):
    """Issue 17: every workstation's chart was drawn with each proposal (ReportLab and its fonts loaded
    the first time the tab showed its Gantt). Now a chart is drawn the first time it is shown, once."""
    from workshop.ui.widgets import gantt_load

    drawn: list[str] = []

    def counted(state, code, weeks, locale):
        drawn.append(code)
        return real(state, code, weeks, locale)

    real = gantt_load.station_chart
    monkeypatch.setattr(gantt_load, "station_chart", counted)
    tab = open_tab(qtbot, db)
    assert drawn == [] and tab.load_page.chart is None  # the Gantt page: no chart drawn
    qtbot.keyClick(tab, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: b"SAW: hours planned" in tab.load_page.chart.svg())  # the busiest, the saw
    assert drawn == ["SAW"]
    model, table = tab.load_page.model, tab.load_page.table
    bench = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "BENCH")
    saw = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "SAW")
    table.setCurrentIndex(model.index(bench, 0))
    qtbot.waitUntil(lambda: b"BENCH: hours planned" in tab.load_page.chart.svg())
    table.setCurrentIndex(model.index(saw, 0))  # drawn already: shown at once
    assert b"SAW: hours planned" in tab.load_page.chart.svg()
    assert drawn == ["SAW", "BENCH"]
