"""The Inspection tab reads off the GUI thread what it first shows, and a chosen check in one read
(issue 17: the first show stalled ~200 ms on the ten-year shop, half of it the first check chosen
when the list arrived: get_check, the results one by one, then the reports and the tests panels each
reading on their own). Counted, not timed: the statements the GUI thread sends."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from support.inspection_jobs import job_in_inspection
from workshop.domain.changes import changes_of
from workshop.services import finished_tests, inspection, jobs, nonconformance as ncrs
from workshop.ui.context import AppContext
from workshop.ui.models.quality_models import DueInspectionsModel
from workshop.ui.tabs.inspection import InspectionTab


class GuiStatements:
    """The statements sent from the GUI thread while counting."""

    def __init__(self, db) -> None:
        self.db = db
        self.sent: list[str] = []
        self.gui = threading.main_thread()
        event.listen(db.engine, "before_cursor_execute", self._count)

    def _count(self, _conn, _cursor, statement, *_args) -> None:
        if threading.current_thread() is self.gui:
            self.sent.append(statement)

    def reads(self) -> int:
        """The statements counted so far, less the BEGINs SQLite is sent, and start again."""
        sent, self.sent = self.sent, []
        return sum(1 for s in sent if not s.lstrip().upper().startswith("BEGIN"))

    def close(self) -> None:
        event.remove(self.db.engine, "before_cursor_execute", self._count)


@pytest.fixture
def gui_statements(db):
    counter = GuiStatements(db)
    yield counter
    counter.close()


@pytest.fixture
def two_jobs(db, shop):
    hall = job_in_inspection(db, shop, "Hall table", "Hall table: top flatness", "Hall table: oil finish")
    dresser = job_in_inspection(db, shop, "Oak dresser", "Oak dresser: top flatness", "Oak dresser: oil finish")
    _job, flat, _sheen = dresser
    inspection.record_result(db, flat.id, readings="0.3, 0.8", inspector="Anna Kowalska")  # fails: a report
    inspection.record_result(db, flat.id, readings="0.1", inspector="Tom Reed")
    inspection.record_result(db, flat.id, readings="0.9", inspector="Tom Reed")  # fails again: on the list
    finished_tests.record_finished_test(db, dresser[0].id, name="Drawer run", test_type="pass_fail", result="pass",
                                        tester="Tom Reed")
    return hall, dresser


def make_tab(qtbot, db) -> InspectionTab:
    ctx = AppContext(db)  # reads the shop's locale, as the window does before any tab
    tab = InspectionTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    return tab


def choose(qtbot, tab, characteristic: str) -> None:
    rect = tab.table.visualRect(tab.model.index(tab.model.find_row(lambda r: r.characteristic == characteristic),
                                                DueInspectionsModel.CHECK))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.record.check.characteristic == characteristic


def test_the_first_show_reads_nothing_on_the_gui_thread(qtbot, db, two_jobs, gui_statements):
    ctx = AppContext(db)
    gui_statements.reads()
    tab = InspectionTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    assert tab.record.inspector.count() == 0  # the inspectors come with the list
    with qtbot.waitSignal(tab.loaded):
        tab.show()
    # the list, the inspectors and the first check due with its results, reports and tests came
    # from the pool thread: the GUI thread only showed them
    assert gui_statements.reads() == 0
    assert [tab.record.inspector.itemText(i) for i in range(tab.record.inspector.count())] == [
        "Anna Kowalska", "Tom Reed"]
    assert tab.record.check.characteristic == "Hall table: top flatness"
    assert tab.job_label.text().startswith(f"{jobs.get_job(db, two_jobs[0][0].id).number} · Hall table — ")
    assert tab.pages.tabText(1) == "Non-conformance" and tab.pages.tabText(2) == "Finished-goods tests"


def test_a_check_chosen_is_read_once_with_its_jobs_reports_and_tests(qtbot, db, two_jobs, gui_statements):
    (_hall, hall_flat, _), (dresser, flat, sheen) = two_jobs
    tab = make_tab(qtbot, db)
    qtbot.waitUntil(lambda: not tab.loading)
    tab.record.inspector.setEditText("Ruth Harrow")
    number = jobs.get_job(db, dresser.id).number
    gui_statements.reads()

    choose(qtbot, tab, "Oak dresser: top flatness")
    # the check with its job, the job's results, its closed concessions (the check has failed), the
    # results' reports, readings and photos, the job's reports and tests: nothing read a second time
    assert gui_statements.reads() == 8
    assert [(r.result, r.readings_text) for r in tab.record.results_model.rows()] == [
        ("fail", "0.3 mm, 0.8 mm"), ("pass", "0.1 mm"), ("fail", "0.9 mm")]
    assert tab.record.state.text() == "FAILED — inspect again after the rework"
    assert tab.job_label.text() == f"{number} · Oak dresser — Harrow & Finch Interiors"
    assert [n.characteristic for n in tab.ncr.model.rows()] == ["Oak dresser: top flatness"] * 2
    assert tab.pages.tabText(1) == "Non-conformance (2 open)"
    assert [t.name for t in tab.tests.model.rows()] == ["Drawer run"]
    assert tab.pages.tabText(2) == "Finished-goods tests (1)"
    assert tab.record.inspector.currentText() == "Ruth Harrow"  # the inspector typed stays

    choose(qtbot, tab, "Oak dresser: oil finish")  # never inspected: no results to read about
    assert gui_statements.reads() == 4
    assert tab.record.results_model.rowCount() == 0 and tab.ncr.model.rowCount() == 2

    choose(qtbot, tab, "Hall table: top flatness")  # another job: its reports and tests, none
    assert gui_statements.reads() == 4
    assert tab.ncr.model.rowCount() == 0 and tab.tests.model.rowCount() == 0
    assert tab.pages.tabText(1) == "Non-conformance" and tab.pages.tabText(2) == "Finished-goods tests"
    assert tab.ncr.details.text() == "No non-conformance reports for this job."


def test_a_change_reads_the_chosen_check_its_reports_and_tests_once(qtbot, db, two_jobs, gui_statements):
    (_hall, _hall_flat, _), (dresser, flat, _sheen) = two_jobs
    tab = make_tab(qtbot, db)
    qtbot.waitUntil(lambda: not tab.loading)
    choose(qtbot, tab, "Oak dresser: top flatness")
    reports = ncrs.list_ncrs(db, job_id=dresser.id)
    gui_statements.reads()

    ncrs.disposition(db, reports[1].id, disposition="use_as_is", cause="Within the drawing",
                     concession_reference="CON-3")
    gui_statements.reads()
    with qtbot.waitSignal(tab.loaded):  # a report dispositioned elsewhere in the window, broadcast
        tab.ctx.changed.emit(changes_of(ncrs.disposition), None)
        assert gui_statements.reads() == 8  # the check shown, its results, the job's reports and tests: once
    assert tab.pages.tabText(1) == "Non-conformance (2 open)"
    assert [n.status for n in tab.ncr.model.rows()] == ["open", "dispositioned"]
    assert tab.ncr.current().id == reports[0].id  # the first open one, as before
