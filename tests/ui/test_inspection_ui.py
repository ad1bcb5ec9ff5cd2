"""The Inspection tab driven as a person does: record readings, fail one, raise a
non-conformance with rework, pass the rework, close the report, deliver; bad input gets a
message next to its field and saves nothing; corrections; every model passes qtmodeltester."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from workshop.services import delivery, finished_tests, gate, inspection, jobs, nonconformance as ncrs, routing
from workshop.ui.context import AppContext
from workshop.ui.models.quality_models import (ChecksModel, DeliveriesModel, DueInspectionsModel,
                                               FinishedTestsModel, HistoryEventsModel, NcrModel, ResultsModel,
                                               TicketsModel)
from workshop.ui.tabs.inspection import InspectionTab
from support.gui import click, fill_dialog, when_dialog_opens


@pytest.fixture
def in_inspection(db, shop):
    routing.apply_template(db, shop.job.id, shop.template.id)
    ops = routing.list_operations(db, shop.job.id)
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, shop.job.id, action)
    flat = inspection.add_check(db, operation_id=ops[2].id, characteristic="Top flatness", method="Straight edge",
                                nominal="0", lower_tolerance="0", upper_tolerance="0.5", unit="mm")
    sheen = inspection.add_check(db, job_id=shop.job.id, characteristic="Oil finish even", check_type="visual")
    return ops, flat, sheen


@pytest.fixture
def tab(qtbot, db, in_inspection):
    widget = InspectionTab(AppContext(db))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    loaded(qtbot, widget)
    return widget


def loaded(qtbot, tab) -> None:
    """The work list is read off the GUI thread: wait until the last load asked has arrived."""
    qtbot.waitUntil(lambda: not tab.loading)


def choose(qtbot, tab, characteristic: str) -> None:
    row = tab.model.find_row(lambda r: r.characteristic == characteristic)
    assert row >= 0, characteristic
    rect = tab.table.visualRect(tab.model.index(row, DueInspectionsModel.CHECK))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.record.check is not None and tab.record.check.characteristic == characteristic)


def type_inspector(qtbot, panel, name: str) -> None:
    panel.inspector.lineEdit().clear()
    qtbot.keyClicks(panel.inspector.lineEdit(), name)


def test_record_fail_rework_pass_close_and_deliver(qtbot, tab, db, shop, in_inspection):
    _ops, flat, sheen = in_inspection
    assert tab.model.rowCount() == 2
    choose(qtbot, tab, "Top flatness")
    panel = tab.record
    assert "0 mm" in panel.spec.text() and "accepts 0 to 0.5 mm" in panel.spec.text()

    # the verdict is worked out as the readings are typed, before saving
    qtbot.keyClicks(panel.readings, "0.3, 0.8")
    assert panel.verdict.text().startswith("FAIL — 0.8 mm outside 0 to 0.5 mm")
    panel.inspector.setCurrentIndex(panel.inspector.findText("Anna Kowalska"))
    click(qtbot, panel.save_button)

    results = inspection.list_results(db, check_id=flat.id)
    assert [(r.result, r.readings_text, r.inspector, r.inspector_id) for r in results] == [
        ("fail", "0.3 mm, 0.8 mm", "Anna Kowalska", shop.anna.id)]
    report = ncrs.get_ncr(db, results[0].ncr_id)
    # the failure raised a report, and the panel shows it at once
    assert tab.pages.currentWidget() is tab.ncr
    assert tab.ncr.current().number == report.number
    assert report.number in tab.banner.text() and "FAIL" in tab.banner.text()
    assert tab.pages.tabText(1) == "Non-conformance (1 open)"
    loaded(qtbot, tab)
    assert tab.model.row_at(tab.model.find_row(lambda r: r.check_id == flat.id)).last_result == "fail"

    # disposition: rework adds an operation after the failed one
    click(qtbot, tab.ncr.disposition_button)
    dialog = tab.ncr.dialog
    qtbot.waitUntil(dialog.isVisible)
    click(qtbot, dialog.ok_button)  # no cause yet: said next to the field, nothing saved
    assert "cause" in dialog.error_text("cause").lower()
    assert ncrs.get_ncr(db, report.id).status == "open"
    fill_dialog(qtbot, dialog, cause="Top cupped after oiling", disposition="rework", rework_minutes="30")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    report = ncrs.get_ncr(db, report.id)
    assert report.status == "dispositioned" and report.rework_op_number is not None
    names = [op.name for op in routing.list_operations(db, shop.job.id)]
    assert names[3] == f"Rework: Top flatness ({report.number})"
    assert "operation" in tab.ncr.details.text() and "added to the routing" in tab.ncr.details.text()
    assert tab.ncr.verify_button.isEnabled()  # the service refuses until the check has passed again
    click(qtbot, tab.ncr.verify_button)
    click(qtbot, tab.ncr.dialog.ok_button)
    assert "has not passed since the rework" in tab.ncr.dialog.error_text("status")
    tab.ncr.dialog.reject()
    assert ncrs.get_ncr(db, report.id).status == "dispositioned"

    # pass the rework
    assert tab.record.check.id == flat.id
    tab.pages.setCurrentIndex(0)
    qtbot.keyClicks(panel.readings, "0.2")
    assert panel.verdict.text().startswith("PASS")
    click(qtbot, panel.save_button)
    assert inspection.get_check(db, flat.id).state == "pass"
    loaded(qtbot, tab)
    assert tab.model.find_row(lambda r: r.check_id == flat.id) < 0  # off the work list
    assert panel.results_model.rowCount() == 2  # both results on record

    choose(qtbot, tab, "Oil finish even")
    assert not panel.readings.isVisibleTo(panel)
    click(qtbot, panel.pass_button)
    click(qtbot, panel.save_button)
    assert inspection.get_check(db, sheen.id).state == "pass"
    loaded(qtbot, tab)
    assert tab.model.rowCount() == 0

    # verify (the verifier is suggested from the inspector) and close
    tab.pages.setCurrentWidget(tab.ncr)
    click(qtbot, tab.ncr.verify_button)
    dialog = tab.ncr.dialog
    assert dialog.widget("verified_by").text() == "Anna Kowalska"
    click(qtbot, dialog.ok_button)
    click(qtbot, tab.ncr.close_button)
    assert ncrs.get_ncr(db, report.id).status == "closed"
    assert tab.pages.tabText(1) == "Non-conformance"
    assert gate.gate_problems(db, shop.job.id) == []

    # deliver from the job's Delivery page: completed and delivered through the gate
    from workshop.ui.job_pages.delivery import DeliveryAftercarePage

    page = DeliveryAftercarePage(tab.ctx)
    qtbot.addWidget(page)
    page.resize(700, 760)
    page.set_job(jobs.get_job(db, shop.job.id))
    page.show()
    assert page.state.text().startswith("Ready to deliver")
    assert page.deliver_button.text() == "Complete and record delivery"
    page.method.setCurrentIndex(page.method.findData("installed"))
    qtbot.keyClicks(page.received_by, "Ruth Harrow")

    prompts = []

    def give_reason(dialog):  # its operations were never booked as done: completing asks why
        prompts.append(dialog.findChild(QLabel, "reasonPrompt").text())
        qtbot.keyClicks(dialog.text, "Operations signed off on paper")
        click(qtbot, dialog.ok_button)
    when_dialog_opens(give_reason)
    click(qtbot, page.deliver_button)
    assert prompts[0].startswith("3 of 4 operations not done.")  # the verified rework is done
    assert jobs.get_job(db, shop.job.id).status == "delivered"
    assert [h.reason for h in jobs.get_job(db, shop.job.id).history][-2] == "Operations signed off on paper"
    assert [(d.method, d.received_by) for d in delivery.list_deliveries(db, shop.job.id)] == [
        ("installed", "Ruth Harrow")]
    assert page.deliveries_model.rowCount() == 1 and page.note_button.isEnabled()


def test_bad_readings_and_empty_inspector_save_nothing(qtbot, tab, db, in_inspection):
    _ops, flat, sheen = in_inspection
    choose(qtbot, tab, "Top flatness")
    panel = tab.record
    qtbot.keyClicks(panel.readings, "0.2, abc")
    assert "“abc” is not a reading" in panel.verdict.text()
    type_inspector(qtbot, panel, "Tom Reed")
    click(qtbot, panel.save_button)
    assert "“abc” is not a reading" in panel.errors.message("readings")
    assert panel.errors._labels["readings"].isVisible()
    assert inspection.list_results(db, check_id=flat.id) == []

    panel.readings.clear()
    qtbot.keyClicks(panel.readings, "0.2")
    panel.inspector.lineEdit().clear()
    click(qtbot, panel.save_button)
    assert "inspector" in panel.errors.message("inspector").lower()
    assert inspection.list_results(db, check_id=flat.id) == []

    choose_with_unsaved = tab.has_unsaved_changes()
    assert choose_with_unsaved  # typed readings count as unsaved work

    # a visual check needs pass or fail chosen
    panel.set_check(inspection.get_check(db, sheen.id))
    type_inspector(qtbot, panel, "Tom Reed")
    click(qtbot, panel.save_button)
    assert "pass or fail" in panel.errors.message("result").lower()
    assert inspection.list_results(db, check_id=sheen.id) == []


def test_lower_tolerance_above_upper_is_refused_in_the_check_dialog(qtbot, tab, db, shop, in_inspection):
    choose(qtbot, tab, "Top flatness")
    click(qtbot, tab.add_check_button)
    dialog = tab.dialog
    fill_dialog(qtbot, dialog, characteristic="Overall width", nominal="600", lower_tolerance="0.5",
                upper_tolerance="-0.5", unit="mm")
    click(qtbot, dialog.ok_button)
    assert "above the upper tolerance" in dialog.error_text("lower_tolerance")
    assert len(inspection.list_checks(db, shop.job.id)) == 2
    fill_dialog(qtbot, dialog, nominal="6O0", lower_tolerance="-0.5", upper_tolerance="0.5")
    click(qtbot, dialog.ok_button)
    assert "must be a number" in dialog.error_text("nominal")
    fill_dialog(qtbot, dialog, nominal="600")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    added = [c for c in inspection.list_checks(db, shop.job.id) if c.characteristic == "Overall width"]
    assert added and added[0].where == "030 Check and oil" and added[0].tolerance_text == "± 0.5"
    loaded(qtbot, tab)
    assert tab.model.find_row(lambda r: r.characteristic == "Overall width") >= 0


def test_a_signed_result_is_corrected_by_a_new_entry_with_a_reason(qtbot, tab, db, in_inspection):
    _ops, flat, _sheen = in_inspection
    choose(qtbot, tab, "Top flatness")
    panel = tab.record
    qtbot.keyClicks(panel.readings, "0.45")
    type_inspector(qtbot, panel, "Tom Reed")
    click(qtbot, panel.save_button)
    first = inspection.list_results(db, check_id=flat.id)[0]
    assert first.result == "pass" and panel.results_model.rowCount() == 1
    assert not panel.correct_button.isEnabled()
    panel.results.selectRow(0)
    click(qtbot, panel.correct_button)
    dialog = panel.dialog
    assert dialog.widget("readings").text() == "0.45"
    fill_dialog(qtbot, dialog, readings="0.54")
    click(qtbot, dialog.ok_button)  # no reason: refused, nothing saved
    assert dialog.error_text("reason")
    assert len(inspection.list_results(db, check_id=flat.id)) == 1
    fill_dialog(qtbot, dialog, reason="Read the gauge wrongly; 0.54 measured again")
    click(qtbot, dialog.ok_button)
    results = inspection.list_results(db, check_id=flat.id)
    assert [(r.result, r.corrects_id) for r in results] == [("pass", None), ("fail", first.id)]
    assert results[0].superseded_by == results[1].id  # the old one stays, marked as corrected
    assert panel.results_model.index(0, ResultsModel.RESULT - 1).data() == "PASS (corrected)"
    assert results[1].ncr_number is not None


def test_finished_goods_test_fail_raises_a_report(qtbot, tab, db, shop, in_inspection):
    choose(qtbot, tab, "Top flatness")
    tab.pages.setCurrentWidget(tab.tests)
    click(qtbot, tab.tests.add_button)
    dialog = tab.tests.dialog
    fill_dialog(qtbot, dialog, name="Shelf load", test_type="measured", nominal="0", lower_tolerance="0",
                upper_tolerance="2", unit="mm", value="3.5")
    dialog.widget("tester").setEditText("Tom Reed")
    click(qtbot, dialog.ok_button)
    tests = finished_tests.list_finished_tests(db, shop.job.id)
    assert [(t.name, t.result) for t in tests] == [("Shelf load", "fail")]
    assert tab.pages.currentWidget() is tab.ncr and tab.ncr.current().characteristic == "Shelf load"
    assert tab.tests.model.index(0, FinishedTestsModel.RESULT).data().startswith("FAIL (NCR-")


def test_search_and_filter(qtbot, tab, db, in_inspection):
    _ops, flat, _sheen = in_inspection
    inspection.record_result(db, flat.id, readings="0.9", inspector="Anna")
    tab.reload()
    loaded(qtbot, tab)
    tab.filter.setCurrentIndex(tab.filter.findData("failed"))
    assert [tab.model.row_at(i).characteristic for i in range(tab.model.rowCount())] == ["Top flatness"]
    assert tab.model.index(0, DueInspectionsModel.STATE).data().startswith("FAIL — NCR-")
    tab.filter.setCurrentIndex(0)
    qtbot.keyClicks(tab.search, "oil finish")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.row_at(0).characteristic == "Oil finish even"


def test_models_pass_modeltester(qtmodeltester, db, shop, in_inspection):
    _ops, flat, _sheen = in_inspection
    inspection.record_result(db, flat.id, readings="0.9", inspector="Anna")
    pairs = [
        (DueInspectionsModel(), inspection.due_inspections(db)),
        (ChecksModel(), inspection.list_checks(db, shop.job.id)),
        (ResultsModel(), inspection.list_results(db, job_id=shop.job.id)),
        (ResultsModel(with_check=False), inspection.list_results(db, job_id=shop.job.id)),
        (NcrModel(), ncrs.list_ncrs(db, job_id=shop.job.id)),
        (FinishedTestsModel(), finished_tests.list_finished_tests(db, shop.job.id)),
        (DeliveriesModel(), []),
        (TicketsModel(), []),
    ]
    from workshop.services import traceability

    pairs.append((HistoryEventsModel(), traceability.job_history(db, shop.job.id)))
    for model, rows in pairs:
        model.set_rows(rows)
        qtmodeltester.check(model)


def test_a_german_shop_types_readings_with_decimal_commas(qtbot, db, shop, in_inspection):
    from workshop.services import settings
    from workshop.ui.dialogs.check_editor import CheckDialog

    _ops, flat, _sheen = in_inspection
    settings.update_settings(db, locale="de_DE")
    ctx = AppContext(db)  # the context reads the shop's locale when the window opens
    tab = InspectionTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    loaded(qtbot, tab)
    choose(qtbot, tab, "Top flatness")
    panel = tab.record
    # 0 mm, 0 / +0.5: accepts 0 to 0.5, written the German way
    assert "accepts 0 to 0,5 mm" in panel.spec.text()
    assert panel.readings.placeholderText() == "e.g. 0; 0,25 mm"
    qtbot.keyClicks(panel.readings, "0,3; 0,45")
    assert panel.verdict.text() == "PASS — all 2 readings are within 0 to 0,5 mm"
    panel.inspector.setCurrentIndex(panel.inspector.findText("Anna Kowalska"))
    click(qtbot, panel.save_button)
    [result] = inspection.list_results(db, check_id=flat.id)
    assert result.result == "pass" and [r.value for r in result.readings] == [D("0.3"), D("0.45")]

    # editing a check shows its tolerance as the shop writes it, so saving it unchanged keeps it
    sheen_free = inspection.add_check(db, operation_id=flat.operation_id, characteristic="Depth", nominal="560,25",
                                      lower_tolerance="-0,5", upper_tolerance="0,75", unit="mm")
    dialog = CheckDialog(ctx, shop.job.id, sheen_free)
    qtbot.addWidget(dialog)
    assert [dialog.widget(n).text() for n in ("nominal", "lower_tolerance", "upper_tolerance")] == [
        "560,25", "-0,5", "+0,75"]


def test_the_due_column_shows_whole_dates(qtbot, tab, db, shop, in_inspection):
    """The widest month's date fits the Due column (a fixed 80 px cut "12 Dec 2026" to "12 Dec 2…")."""
    import datetime as dt

    from workshop.ui.dates import date_text

    metrics = tab.table.fontMetrics()
    due_width = tab.table.horizontalHeader().sectionSize(DueInspectionsModel.DUE)
    padding = 2 * tab.table.style().pixelMetric(tab.table.style().PixelMetric.PM_FocusFrameHMargin) + 2
    for month in range(1, 13):
        text = date_text(dt.date(2026, month, 12))
        assert metrics.horizontalAdvance(text) + padding <= due_width, text
