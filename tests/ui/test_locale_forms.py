"""Issue 9, items 1, 9 and 10 through the window: figures typed and shown in the shop's locale,
the one date field, and time typed as the bench says it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget

from workshop.services import booking_views, briefs, jobs, materials, routing, settings
from workshop.ui.context import AppContext
from workshop.ui.dialogs.booking import OtherCostDialog, TimeBookingDialog
from workshop.ui.dialogs.materials import MaterialsDialog
from workshop.ui.dialogs.unsaved import Leave
from workshop.ui.widgets.brief_form import BriefForm
from workshop.ui.widgets.date_edit import DateField
from support.gui import click


def german(db):
    settings.update_settings(db, locale="de_DE")
    return AppContext(db)


@pytest.fixture
def released(db, shop):
    op = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, setup_minutes="15",
                               run_minutes="20")
    jobs.change_status(db, shop.job.id, "release")
    return jobs.get_job(db, shop.job.id), op


def retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_a_german_shop_types_twelve_fifty_and_the_database_holds_twelve_fifty(qtbot, db, shop, released):
    job, _op = released
    dialog = OtherCostDialog(german(db), job)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.amount.placeholderText() == "e.g. 120,00"  # the example is in the shop's form too
    dialog.description.setText("Pulverbeschichtung")
    qtbot.keyClicks(dialog.amount, "12,50")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert [c.amount for c in booking_views.list_other_costs(db, job.id)] == [D("12.50")]  # not 1250.00


def test_a_german_shop_sees_its_own_figures_in_a_form_and_saving_keeps_them(qtbot, db, shop, monkeypatch):
    monkeypatch.setattr("workshop.ui.dialogs.record_editor.ask_unsaved", lambda parent, what: Leave.DISCARD)
    materials.update_material(db, shop.oak.id, unit_cost="1250.50")
    dialog = MaterialsDialog(german(db))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count()) if "OAK-25" in dialog.list.item(i).text()))
    cost = dialog.form.widgets["unit_cost"]
    assert cost.text() == "1.250,50"  # 1250.50 as a German shop writes it
    assert dialog.form.widgets["stock_on_hand"].text() == "40,000"
    retype(qtbot, dialog.form.widgets["stock_on_hand"], "38,5")
    click(qtbot, dialog.save_button)  # the unit cost saved unchanged reads back the same figure
    saved = materials.get_material(db, shop.oak.id)
    assert (saved.unit_cost, saved.stock_on_hand) == (D("1250.50"), D("38.500"))
    retype(qtbot, cost, "12,50")
    click(qtbot, dialog.save_button)
    assert materials.get_material(db, shop.oak.id).unit_cost == D("12.50")


def test_a_british_shop_is_told_how_to_write_twelve_fifty(qtbot, db, shop, released):
    job, _op = released
    dialog = OtherCostDialog(AppContext(db), job)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.amount, "12,50")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.errors.message("amount") == "Amount: “12,50” is not a number in this shop's format; write 12.50."
    assert booking_views.list_other_costs(db, job.id) == []


def test_a_brief_s_budget_round_trips_in_a_german_shop(qtbot, db, shop):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Tisch", budget="2400.00")
    form = BriefForm(german(db))
    qtbot.addWidget(form)
    form.load(briefs.get_brief(db, brief.id))
    assert form.budget.text() == "2.400,00"
    briefs.update_brief(db, brief.id, **{k: v for k, v in form.values().items() if k in ("budget", "required_by")})
    assert briefs.get_brief(db, brief.id).budget == D("2400.00")


# --- the one date field ----------------------------------------------------------------------


@pytest.fixture
def ctx(db):
    return AppContext(db)


def date_field(qtbot, ctx, *, optional=False) -> DateField:
    field = DateField(ctx.locale, optional=optional, today=ctx.db.today)
    qtbot.addWidget(field)
    field.show()
    return field


@pytest.mark.parametrize("typed", ["15/1/27", "15 Jan 2027", "2027-01-15", "15/01/2027"])
def test_typed_dates_in_the_shop_s_forms_are_read_and_shown_in_one_form(qtbot, ctx, typed):
    field = date_field(qtbot, ctx)
    qtbot.keyClicks(field.edit, typed)
    assert field.value() == dt.date(2027, 1, 15)
    field.edit.editingFinished.emit()  # moving on shows how it was understood
    assert field.edit.text() == "15 Jan 2027"


def test_a_date_that_is_no_date_goes_to_the_service_as_typed(qtbot, ctx):
    field = date_field(qtbot, ctx)
    qtbot.keyClicks(field.edit, "31/2/27")
    assert field.date() is None and field.value() == "31/2/27"


def test_the_calendar_opens_at_the_value_or_today_never_1900(qtbot, ctx, db):
    field = date_field(qtbot, ctx, optional=True)
    assert field.value() is None and field.edit.placeholderText() == "No date"
    click(qtbot, field.calendar_button)
    calendar = field.findChild(QCalendarWidget)
    assert calendar.selectedDate().toPython() == db.today()
    calendar.close()
    field.set_date(dt.date(2027, 3, 9))
    click(qtbot, field.calendar_button)
    calendar = field.calendar
    assert calendar.selectedDate() == QDate(2027, 3, 9)
    calendar.clicked.emit(QDate(2027, 3, 12))  # a person picks the 12th
    assert field.value() == dt.date(2027, 3, 12) and field.edit.text() == "12 Mar 2027"


def test_an_optional_date_can_be_cleared(qtbot, ctx):
    field = date_field(qtbot, ctx, optional=True)
    field.set_date(dt.date(2027, 1, 15))
    click(qtbot, field.clear_button)
    assert field.value() is None and field.edit.text() == ""
    assert date_field(qtbot, ctx).clear_button is None  # a required date has no Clear


def test_a_brief_s_required_by_is_typed_saved_and_cleared(qtbot, db, shop):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut table")
    form = BriefForm(AppContext(db))
    qtbot.addWidget(form)
    form.show()
    form.load(briefs.get_brief(db, brief.id))
    due = db.today() + dt.timedelta(days=45)
    qtbot.keyClicks(form.required_by.edit, f"{due.day}/{due.month}/{due.year % 100}")
    briefs.update_brief(db, brief.id, required_by=form.values()["required_by"])
    assert briefs.get_brief(db, brief.id).required_by == due
    click(qtbot, form.required_by.clear_button)
    briefs.update_brief(db, brief.id, required_by=form.values()["required_by"])
    assert briefs.get_brief(db, brief.id).required_by is None


# --- time as the bench says it ---------------------------------------------------------------


def test_bench_time_and_the_operator_default(qtbot, db, shop, released):
    job, cut = released
    fit = routing.add_operation(db, job.id, name="Fit", workstation_id=shop.bench.id, run_minutes="30",
                                operator_id=shop.tom.id)
    ctx = AppContext(db)

    def book(operation_id, minutes, operator=None):
        dialog = TimeBookingDialog(ctx, job, operation_id)
        qtbot.addWidget(dialog)
        dialog.show()
        shown = dialog.operator.currentData()
        if operator is not None:
            dialog.operator.setCurrentIndex(dialog.operator.findData(operator))
            dialog.operator.activated.emit(dialog.operator.currentIndex())
        qtbot.keyClicks(dialog.minutes, minutes)
        click(qtbot, dialog.ok_button)
        assert not dialog.isVisible()
        return shown

    assert book(cut, "1:20", operator=shop.anna.id) is None  # no operator on Cut, nobody booked yet: chosen
    assert book(cut, "1.5h") == shop.anna.id  # the last one booked in this run of the program
    assert book(fit, "1h20") == shop.tom.id  # the operation's own operator comes first
    assert book(fit, "80") == shop.tom.id
    minutes = [(log.operation_id, log.operator_id, log.labour_minutes)
               for log in booking_views.list_time_logs(db, job.id)]
    # 1h20 = 60 + 20 = 80; 1:20 = 80; 1.5h = 1.5 × 60 = 90; 80 = 80 minutes
    assert sorted(minutes) == sorted([(fit, shop.tom.id, D(80)), (cut, shop.anna.id, D(80)),
                                      (cut, shop.anna.id, D(90)), (fit, shop.tom.id, D(80))])


def test_time_is_offered_for_the_operation_at_the_bench_not_the_first_one(qtbot, db, shop, released):
    job, cut = released
    fit = routing.add_operation(db, job.id, name="Fit", workstation_id=shop.bench.id, run_minutes="30")
    oil = routing.add_operation(db, job.id, name="Oil", workstation_id=shop.bench.id, run_minutes="30")
    ctx = AppContext(db)

    def offered() -> int:
        dialog = TimeBookingDialog(ctx, job)
        qtbot.addWidget(dialog)
        return dialog.operation.currentData()

    assert offered() == cut  # nothing done yet: the first in routing order
    routing.set_operation_status(db, cut, "done")
    assert offered() == fit  # Cut is done: the next one not done
    routing.set_operation_status(db, oil, "running")
    assert offered() == oil  # one is running: that is where the time goes
    routing.set_operation_status(db, oil, "done")
    routing.set_operation_status(db, fit, "done")
    assert offered() == cut  # all done: the first again (a late booking)
