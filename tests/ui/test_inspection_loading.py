"""The Inspection tab reads its work list off the GUI thread (issue 17: 4.5 s frozen on the ten-year
shop when first shown): "Loading…" until the rows arrive, the first check due chosen when they do,
the chosen check kept across a reload, reloads asked together read once, a reload asked while one
runs drops that one's rows and reads again, a failed read says so. Loads are held on an event where
a test needs them to be under way; nothing is timed."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from workshop.domain.errors import WorkshopError
from workshop.services import inspection, jobs, routing
from workshop.ui.context import AppContext
from workshop.ui.models.quality_models import DueInspectionsModel
from workshop.ui.tabs import inspection as inspection_tab
from workshop.ui.tabs.inspection import InspectionTab
from support.gui import click
from support.held_reads import held


@pytest.fixture
def reads(monkeypatch):
    """The read held when a test asks (support/held_reads.py)."""
    fake = held(monkeypatch, inspection_tab, "_due")
    yield fake
    fake.release.set()  # never leave a pool thread waiting


@pytest.fixture
def checks(db, shop):
    routing.apply_template(db, shop.job.id, shop.template.id)
    ops = routing.list_operations(db, shop.job.id)
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, shop.job.id, action)
    flat = inspection.add_check(db, operation_id=ops[2].id, characteristic="Top flatness", nominal="0",
                                lower_tolerance="0", upper_tolerance="0.5", unit="mm")
    sheen = inspection.add_check(db, job_id=shop.job.id, characteristic="Oil finish even", check_type="visual")
    return flat, sheen


def make_tab(qtbot, db) -> InspectionTab:
    tab = InspectionTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    return tab


def listed(tab) -> list[str]:
    return [r.characteristic for r in tab.model.rows()]


def chosen_row(tab) -> str | None:
    row = tab.model.row_at(tab.table.currentIndex().row()) if tab.table.currentIndex().isValid() else None
    return row.characteristic if row is not None else None


def choose(qtbot, tab, characteristic: str) -> None:
    rect = tab.table.visualRect(tab.model.index(tab.model.find_row(lambda r: r.characteristic == characteristic),
                                                DueInspectionsModel.CHECK))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.record.check.characteristic == characteristic


def test_the_first_load_runs_off_the_gui_thread_then_chooses_the_first_check(qtbot, db, checks, reads):
    reads.hold()
    tab = make_tab(qtbot, db)
    qtbot.waitUntil(reads.entered.is_set)  # read on a pool thread, held there
    assert tab.loading and tab.count_label.text() == "Loading…" and tab.status_text() == "Loading…"
    assert tab.model.rowCount() == 0 and tab.record.check is None
    assert tab.job_label.text() == "Choose an inspection on the left to record its result."

    with qtbot.waitSignal(tab.loaded):
        reads.release.set()
    assert reads.on_gui_thread == [False]
    assert listed(tab) == ["Top flatness", "Oil finish even"]  # op 030, then the final inspection
    assert chosen_row(tab) == "Top flatness" and tab.record.check.characteristic == "Top flatness"
    assert tab.count_label.text() == "2 due on 1 job" and not tab.loading
    assert tab.table.isEnabled()


def test_a_reload_after_a_change_keeps_the_chosen_check(qtbot, db, checks, reads):
    flat, _sheen = checks
    tab = make_tab(qtbot, db)
    qtbot.waitUntil(lambda: not tab.loading)
    choose(qtbot, tab, "Oil finish even")

    with qtbot.waitSignal(tab.loaded):  # a change from elsewhere in the window: broadcast, read again
        tab.ctx.call(None, inspection.record_result, flat.id, readings="0.7", inspector="Anna")
        assert tab.count_label.text() == "Loading…"
    assert listed(tab) == ["Top flatness", "Oil finish even"]
    assert tab.model.row_at(0).last_result == "fail"
    assert chosen_row(tab) == "Oil finish even" and tab.record.check.characteristic == "Oil finish even"
    assert tab.count_label.text() == "2 due on 1 job"


def test_a_result_signed_reads_the_list_once_and_a_check_chosen_meanwhile_stays_chosen(qtbot, db, checks, reads):
    tab = make_tab(qtbot, db)
    qtbot.waitUntil(lambda: not tab.loading)
    assert tab.record.check.characteristic == "Top flatness"
    reads.hold()
    qtbot.keyClicks(tab.record.readings, "0.2")
    tab.record.inspector.setEditText("Anna Kowalska")
    click(qtbot, tab.record.save_button)  # the change is broadcast, then the panel says what it signed
    qtbot.waitUntil(reads.entered.is_set)
    assert tab.banner.text().startswith("PASS signed for “Top flatness”")
    choose(qtbot, tab, "Oil finish even")  # the next check, chosen before the list has arrived

    with qtbot.waitSignal(tab.loaded):
        reads.release.set()
    assert reads.on_gui_thread == [False, False]  # the first load, then one for both reloads asked
    assert listed(tab) == ["Oil finish even"]
    assert chosen_row(tab) == "Oil finish even" and tab.record.check.characteristic == "Oil finish even"


def test_a_reload_asked_while_one_runs_drops_its_rows_and_reads_again(qtbot, db, checks, reads):
    flat, sheen = checks
    tab = make_tab(qtbot, db)
    qtbot.waitUntil(lambda: not tab.loading)
    shown = []
    tab.loaded.connect(lambda: shown.append(listed(tab)))
    reads.hold()
    tab.reload()
    qtbot.waitUntil(reads.entered.is_set)  # this load has read both checks as due
    inspection.record_result(db, flat.id, readings="0.1", inspector="Anna")
    inspection.record_result(db, sheen.id, result="pass", inspector="Anna")
    tab.reload()  # asked while the first runs: its rows are from before the change
    assert tab.loading and tab.count_label.text() == "Loading…"

    reads.release.set()
    qtbot.waitUntil(lambda: not tab.loading)
    assert len(reads.on_gui_thread) == 3  # the first load, the one dropped, the one read again
    assert shown == [[]]  # the stale rows were never shown
    assert tab.model.rowCount() == 0 and tab.count_label.text() == "0 due on 0 jobs"


def test_a_failed_read_says_so_and_the_next_reload_reads_again(qtbot, db, checks, reads, monkeypatch):
    reported = []
    monkeypatch.setattr(inspection_tab, "report_failure", reported.append)
    monkeypatch.setattr(reads, "real", lambda _state, _db: (_ for _ in ()).throw(WorkshopError("The shop is busy.")))
    tab = make_tab(qtbot, db)
    qtbot.waitUntil(lambda: not tab.loading)
    assert [str(e) for e in reported] == ["The shop is busy."]
    assert tab.count_label.text() == "The list could not be read" and tab.model.rowCount() == 0

    monkeypatch.setattr(reads, "real", lambda _state, db_: inspection.due_inspections(db_))
    with qtbot.waitSignal(tab.loaded):
        tab.reload()
    assert listed(tab) == ["Top flatness", "Oil finish even"] and tab.count_label.text() == "2 due on 1 job"


def test_a_hidden_tab_reads_its_list_when_next_shown(qtbot, db, checks, reads):
    flat, _sheen = checks
    tab = make_tab(qtbot, db)
    qtbot.waitUntil(lambda: not tab.loading)
    tab.hide()
    tab.ctx.call(None, inspection.record_result, flat.id, readings="0.3", inspector="Anna")
    assert not tab.loading and len(reads.on_gui_thread) == 1  # nothing read for a tab nobody sees
    with qtbot.waitSignal(tab.loaded):
        tab.show()
    assert listed(tab) == ["Oil finish even"] and len(reads.on_gui_thread) == 2
