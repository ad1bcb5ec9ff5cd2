"""Open or edit an aftercare ticket: the problem, what was done, its cost and whether the
warranty covers it (worked out from the job's warranty unless you say)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QWidget

from ...domain.locale_text import format_date
from ...domain.money import round_money
from ...services import aftercare
from ..context import AppContext
from ..widgets.date_edit import date_field
from .form_dialog import FormDialog
from .record_editor import Field

AUTO = "auto"


class TicketDialog(FormDialog):
    def __init__(self, ctx: AppContext, job_id: int, ticket: aftercare.TicketView | None = None,
                 warranty: aftercare.WarrantyView | None = None, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.job_id = job_id
        self.ticket = ticket
        covered = ""
        if warranty is not None:
            covered = (f"Warranty until {format_date(warranty.end_date, ctx.locale)}." if warranty.end_date
                       else "Warranty starts when the job is delivered.")
        fields = [
            Field("problem", "Problem", "long"),
            Field("action", "Action taken", "long"),
            Field("cost", "Cost", "number", placeholder="0.00"),
            Field("opened_on", "Opened on", "custom", make=lambda: self._date_field(ctx)),
            Field("under_warranty", "Under warranty", "choice",
                  choices=lambda: [("Worked out from the warranty", AUTO), ("Yes, under warranty", True),
                                   ("No, chargeable", False)]),
        ]
        values = dict(cost=Decimal("0.00"), under_warranty=AUTO)
        if ticket is not None:
            values = dict(problem=ticket.problem, action=ticket.action, cost=round_money(ticket.cost),
                          opened_on=ticket.opened_on, under_warranty=ticket.under_warranty)
        super().__init__(f"Edit {ticket.number}" if ticket else "Open aftercare ticket", fields, self._save,
                         values=values, parent=parent, object_name="ticketDialog", locale=ctx.locale,
                         ok_text="Save" if ticket else "Open ticket", intro=covered)

    @staticmethod
    def _date_field(ctx: AppContext):
        field = date_field(ctx, optional=True, object_name="ticketOpenedOn")
        field.edit.setPlaceholderText("empty: today")
        return field

    def _save(self, values: dict, show_error):
        if values["under_warranty"] == AUTO:
            values["under_warranty"] = None
        if self.ticket is None:
            return self.ctx.call(self, aftercare.open_ticket, self.job_id, **values, on_invalid=show_error)
        if values["opened_on"] is None:
            values.pop("opened_on")
        return self.ctx.call(self, aftercare.update_ticket, self.ticket.id, **values, on_invalid=show_error)
