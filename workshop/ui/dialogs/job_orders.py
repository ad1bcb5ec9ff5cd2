"""Shop ▸ Job orders…: a customer's orders that hold several jobs (a kitchen: carcasses, doors,
installation). The list searches as you type; the chosen order shows its jobs and what they add up
to, and its jobs are added, taken out, printed together and shown together in the Schedule tab.

A dialog of the Shop menu rather than a tab: an order is looked at now and then, to group jobs and
read its totals, while the work itself is done in Job Cards and the Schedule tab."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QMessageBox, QPushButton, QSplitter, QWidget

from ...domain.changes import Change
from ...services import customers, job_orders
from ..plain_text import ask_yes_no
from .record_editor import Field, RecordEditor

#: what changes an order's figures when it happens elsewhere (a booking, an invoice, a schedule)
_FIGURES = Change.JOBS | Change.ROUTING | Change.BOOKINGS | Change.INVOICES | Change.PLANNING


class JobOrdersDialog(RecordEditor):
    window_title = "Job orders"
    noun = "job order"
    initial_size = (1120, 660)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)  # shows the first order before the roll-up exists
        from ..widgets.job_order_rollup import JobOrderRollupView

        self.show_inactive.hide()  # orders are never archived
        self.findChild(QSplitter).setSizes([340, 780])  # room for "number · title — customer"
        self.new_button.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_button.setToolTip("A new order for one customer (Ctrl+N)")
        self.rollup = JobOrderRollupView(ctx)
        self.add_button = QPushButton("&Add job…", objectName="orderAddJob")
        self.remove_button = QPushButton("Re&move job", objectName="orderRemoveJob")
        self.print_button = QPushButton("&Print job cards", objectName="orderPrintCards")
        self.schedule_button = QPushButton("Show in sc&hedule", objectName="orderShowSchedule")
        self.add_button.setToolTip("Put another of the customer's jobs in this order")
        self.print_button.setToolTip("Every job card of the order in one PDF")
        self.schedule_button.setToolTip("The Schedule tab, with only this order's jobs")
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.print_button, self.schedule_button):
            row.addWidget(button)
        row.addStretch(1)
        page = self.form_page.layout()
        at = page.count() - 2  # above the stretch and Save/Revert
        page.insertWidget(at, self.rollup, 10)
        page.insertLayout(at + 1, row)
        self.add_button.clicked.connect(self.add_job)
        self.remove_button.clicked.connect(self.remove_job)
        self.print_button.clicked.connect(self.print_job_cards)
        self.schedule_button.clicked.connect(self.show_in_schedule)
        self.rollup.table.itemSelectionChanged.connect(self._update_order_buttons)
        self.rollup.job_opened.connect(self._open_job)
        ctx.changed.connect(self._changed_elsewhere)
        self._show_rollup()

    # --- RecordEditor ---------------------------------------------------------------------------
    def fields(self):
        return [Field("customer_id", "&Customer", "choice", choices=self._customers),
                Field("title", "&Title", placeholder="e.g. Kitchen, 14 Mill Lane"),
                Field("notes", "&Notes", "long")]

    def _customers(self):
        return [(c.name, c.id) for c in customers.list_customers(self.ctx.db)]

    def list_records(self, search, include_inactive):
        return job_orders.list_orders(self.ctx.db, search)

    def label(self, record) -> str:
        return f"{record.number} · {record.title} — {record.customer_name}"

    create = staticmethod(job_orders.create_order)
    update = staticmethod(job_orders.update_order)

    def show_record(self, record) -> None:
        super().show_record(record)
        self._show_rollup()

    def new_record(self) -> None:
        super().new_record()
        self._show_rollup()

    # --- the order's jobs -----------------------------------------------------------------------
    def _order(self):
        return None if self.creating else self.current

    def _show_rollup(self) -> None:
        if getattr(self, "rollup", None) is None:
            return
        order = self._order()
        self.rollup.show_rollup(self.ctx.call(self, job_orders.rollup, order.id).value if order else None)
        self._update_order_buttons()

    def _update_order_buttons(self) -> None:
        has_jobs = bool(self.rollup.rollup and self.rollup.rollup.jobs)
        self.add_button.setEnabled(self._order() is not None)
        self.remove_button.setEnabled(self.rollup.selected_job_id() is not None)
        self.print_button.setEnabled(has_jobs)
        self.schedule_button.setEnabled(has_jobs)

    def _after_change(self, outcome) -> None:
        if outcome.ok:
            self.current = outcome.value
            self.reload(keep_id=outcome.value.id)  # its count of jobs
            self._show_rollup()

    def add_job(self) -> None:
        order = self._order()
        choices = self.ctx.call(self, job_orders.jobs_to_add, order.id).value or []
        if not choices:
            QMessageBox.information(self, "Add job", f"{order.customer_name} has no other job that is in no order.")
            return
        labels = [c.label for c in choices]
        label, ok = QInputDialog.getItem(self, "Add job", f"A job of {order.customer_name}:", labels, 0, False)
        if ok and label in labels:
            chosen = choices[labels.index(label)]
            self._after_change(self.ctx.call(self, job_orders.add_job, order.id, chosen.id))

    def remove_job(self) -> None:
        order, job_id = self._order(), self.rollup.selected_job_id()
        job = next(j for j in self.rollup.rollup.jobs if j.id == job_id)
        if ask_yes_no(self, "Remove job", f"Take job {job.number} ({job.title}) out of order {order.number}? "
                                          "The job itself is kept."):
            self._after_change(self.ctx.call(self, job_orders.remove_job, order.id, job_id))

    def print_job_cards(self):
        from ..printing import print_job_cards

        up = self.rollup.rollup
        return print_job_cards(self, self.ctx, up.job_ids, [j.number for j in up.jobs])

    def show_in_schedule(self) -> None:
        """The Schedule tab with only this order's jobs; the dialog closes to show it."""
        up = self.rollup.rollup
        window = self.parentWidget().window() if self.parentWidget() is not None else None
        tab = window.tab("schedule") if hasattr(window, "tab") else None
        if tab is None or not hasattr(tab, "show_jobs"):
            QMessageBox.information(self, "Show in schedule", "The Schedule tab is not in this window.")
            return
        if not self.maybe_leave():
            return
        window.select_tab("schedule")
        tab.show_jobs([j.id for j in up.jobs], f"{up.order.number} · {up.order.title}")
        self.accept()

    def _open_job(self, job_id: int) -> None:
        if self.maybe_leave():
            self.ctx.open_job_requested.emit(job_id)
            self.accept()

    def _changed_elsewhere(self, changes: Change, initiator) -> None:
        """A booking, an invoice or an applied schedule changes the figures: shown again."""
        if initiator is not self and changes & _FIGURES and self.isVisible():
            self._show_rollup()
