"""Job orders as a person uses them: Shop ▸ Job orders…, a new order, two jobs added, the roll-up
read, their job cards printed into one PDF, a job taken out, the order shown in the Schedule tab;
and a job's own Kind and Order fields in Job Cards."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from support.gui import click, open_job_cards, open_window, when_dialog_opens
from workshop.services import bookings, customers, job_orders, jobs, routing
from workshop.ui.dialogs.job_orders import JobOrdersDialog


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _choose(label_start: str):
    """Answer the "Add job" question with the job whose label starts with ``label_start``."""
    def act(dialog):
        dialog.setTextValue(next(item for item in dialog.comboBoxItems() if item.startswith(label_start)))
        dialog.accept()
    return act


def _yes(dialog):
    dialog.button(QMessageBox.StandardButton.Yes).click()


def test_an_order_of_two_jobs_rolled_up_printed_and_scheduled(qtbot, db, shop, tmp_path):
    dresser = shop.job  # quantity 2
    doors = jobs.create_job(db, customer_id=shop.customer.id, title="Kitchen doors", quantity=1,
                            due_date=dresser.due_date + dt.timedelta(days=7))
    other = customers.create_customer(db, name="Malvern Hills Hotel")
    jobs.create_job(db, customer_id=other.id, title="Bar counter", quantity=1, due_date=dresser.due_date)
    # bench 34.50/h planned (labour 28.00 + overhead 6.50): dresser 2 × 60 min = 2 h, doors 120 min = 2 h
    fit = routing.add_operation(db, dresser.id, name="Fit", workstation_id=shop.bench.id, setup_minutes="0",
                                run_minutes="60")
    routing.add_operation(db, doors.id, name="Make doors", workstation_id=shop.bench.id, setup_minutes="0",
                          run_minutes="120")
    jobs.change_status(db, dresser.id, "release")
    bookings.log_time(db, fit, shop.tom.id, minutes="60")  # 1 h by Tom: 26.00 + 6.50 overhead = 32.50

    window = open_window(qtbot, db, tmp_path)
    window.actions.shop["job_orders"].trigger()  # Shop ▸ Job orders…
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, JobOrdersDialog)
    assert window.actions.shop["job_orders"].text() == "&Job orders…"
    click(qtbot, dialog.new_button)
    customer = dialog.form.widgets["customer_id"]
    customer.setCurrentIndex(customer.findData(shop.customer.id))
    qtbot.keyClicks(dialog.form.widgets["title"], "Kitchen, 14 Mill Lane")
    with qtbot.waitSignal(dialog.ctx.changed):
        click(qtbot, dialog.save_button)
    [order] = job_orders.list_orders(db)
    assert (order.number, order.customer_name) == (f"JO-{db.today().year}-0001", "Harrow & Finch Interiors")
    assert dialog.heading.text() == f"{order.number} · Kitchen, 14 Mill Lane — Harrow & Finch Interiors"
    assert dialog.rollup.progress.text() == "No jobs yet: Add job… puts the customer's jobs in this order."

    offered = []
    when_dialog_opens(lambda d: (offered.extend(d.comboBoxItems()), _choose(dresser.number)(d)))
    click(qtbot, dialog.add_button)
    assert offered == [f"{doors.number} · Kitchen doors (Planned)", f"{dresser.number} · Oak dresser (Released)"]
    when_dialog_opens(_choose(doors.number))
    click(qtbot, dialog.add_button)
    assert [j.job_order_id for j in map(lambda j: jobs.get_job(db, j.id), (dresser, doors))] == [order.id] * 2

    table = dialog.rollup.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [dresser.number, doors.number]
    assert [table.item(r, 6).text() for r in range(table.rowCount())] == ["50.00 %", "0.00 %"]  # 1 of 2 h; 0 of 2 h
    # 1 h done of 2 + 2 = 4 h planned: 25 %
    assert dialog.rollup.progress.text() == "Progress: 25.00 % done (1.00 h of 4.00 h planned)"
    # estimate 4 h × 34.50 = 138.00; actual 32.50
    assert dialog.rollup.cost.text() == "Cost: estimate £138.00 · actual so far £32.50"
    assert dialog.rollup.invoicing.text() == ("Invoicing: 0 invoices · invoiced £0.00 · paid £0.00 · "
                                              "outstanding £0.00")
    assert dialog.list.currentItem().text().startswith(order.number)

    click(qtbot, dialog.print_button)  # both job cards in one PDF
    qtbot.waitUntil(lambda: getattr(dialog, "_preview", None) is not None, timeout=20_000)
    preview = dialog._preview
    assert preview.windowTitle() == "2 job cards" and preview.file_name == "job-cards.pdf"
    text = _text(preview.pdf)
    assert dresser.number in text and doors.number in text and "Oak dresser" in text and "Kitchen doors" in text
    preview.close()

    table.selectRow(1)
    when_dialog_opens(_yes)
    click(qtbot, dialog.remove_button)
    assert jobs.get_job(db, doors.id).job_order_id is None
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [dresser.number]

    click(qtbot, dialog.schedule_button)  # the Schedule tab, with the order's jobs
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.current_tab() is window.tab("schedule")


def test_a_jobs_kind_and_order_in_its_form(qtbot, db, shop):
    jobs.create_job(db, customer_id=shop.customer.id, title="Gates", quantity=1, due_date=shop.job.due_date,
                    kind="Gates")
    kitchen = job_orders.create_order(db, customer_id=shop.customer.id, title="Kitchen, 14 Mill Lane")
    other = customers.create_customer(db, name="Malvern Hills Hotel")
    job_orders.create_order(db, customer_id=other.id, title="Bar")  # not offered: another customer's
    tab = open_job_cards(qtbot, db, shop.job.id)
    header = tab.detail.header
    orders = [header.order.itemText(i) for i in range(header.order.count())]
    assert orders == ["No order", f"{kitchen.number} · Kitchen, 14 Mill Lane", "New order…"]
    header.kind.setFocus()
    qtbot.keyClicks(header.kind, "Ga")
    assert header.kind.completer().currentCompletion() == "Gates"  # the kinds already used
    header.kind.clear()
    qtbot.keyClicks(header.kind, "Kitchen")
    header.order.setFocus()
    qtbot.keyClick(header.order, Qt.Key.Key_Down)  # the kitchen order
    click(qtbot, header.save_button)
    saved = jobs.get_job(db, shop.job.id)
    assert (saved.kind, saved.job_order_id) == ("Kitchen", kitchen.id)
    assert f"Harrow & Finch Interiors  ·  order {kitchen.number}  ·  due" in tab.detail.plan_label.text()

    # "New order…" asks a title and starts an order for the job's customer, chosen and saved with it
    def name_it(dialog):
        dialog.setTextValue("Utility room")
        dialog.accept()
    when_dialog_opens(name_it)
    qtbot.keyClick(header.order, Qt.Key.Key_End)
    assert header.order.currentText().endswith("Utility room")
    click(qtbot, header.save_button)
    utility = next(o for o in job_orders.list_orders(db) if o.title == "Utility room")
    assert utility.customer_id == shop.customer.id
    assert jobs.get_job(db, shop.job.id).job_order_number == utility.number
