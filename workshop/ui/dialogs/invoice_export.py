"""Export invoices for the accounts: those issued in a period (last month unless told) or those
selected in the list, as a plain CSV, a Xero or a QuickBooks Online import. An invoice exported
before is named and exported again only when the person says so (both programs import
duplicates). The files are written off the GUI thread; the dialog then says where they went."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QButtonGroup, QComboBox, QFileDialog, QHBoxLayout, QMessageBox, QRadioButton, QWidget

from ...documents.invoice_exports import export_invoices
from ...domain.changes import changes_of
from ...domain.wording import plural
from ...services import invoice_exports
from ..context import AppContext
from ..file_dialogs import start_in
from ..plain_text import ask_yes_no, plain_label
from ..tasks import run_with_progress
from ..widgets.date_edit import date_field
from .form_dialog import SimpleDialog

FORMAT_LABELS = {"csv": "CSV (an invoices file and a lines file)", "xero": "Xero sales invoices",
                 "quickbooks": "QuickBooks Online invoices"}


def last_month(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the month before ``today``'s."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


def _export(_state, db, invoice_ids: tuple[int, ...], fmt: str, path: Path):
    return export_invoices(db, invoice_ids, fmt=fmt, path=path)


class InvoiceExportDialog(SimpleDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, selected_ids: tuple[int, ...] = ()) -> None:
        super().__init__("Export invoices", object_name="invoiceExportDialog", parent=parent, ok_text="Export…",
                         intro="Issued invoices and credit notes, for your accounts program.", general_error=True)
        self.ctx = ctx
        self.selected_ids = tuple(selected_ids)
        self.result_value = None
        self.task = None
        self.by_dates = QRadioButton("Issued &between", objectName="exportByDates")
        self.by_selection = QRadioButton(f"The {plural(len(self.selected_ids), 'invoice')} &selected in the list",
                                         objectName="exportSelected")
        group = QButtonGroup(self)
        group.addButton(self.by_dates)
        group.addButton(self.by_selection)
        self.by_selection.setEnabled(bool(self.selected_ids))
        (self.by_selection if self.selected_ids else self.by_dates).setChecked(True)
        self.date_from = date_field(ctx, object_name="exportFrom")
        self.date_to = date_field(ctx, object_name="exportTo")
        first, last = last_month(ctx.db.today())
        self.date_from.set_date(first)
        self.date_to.set_date(last)
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date_from)
        row.addWidget(plain_label("and"))
        row.addStretch(1)
        row.addWidget(self.date_to)
        self.add_row("Invoices", self.by_dates)
        self.add_row("", dates, "date_from")
        self.add_row("", self.by_selection, "invoice_ids")
        self.format = self.add_row("&Format", QComboBox(objectName="exportFormat"), "fmt")
        for fmt in invoice_exports.FORMATS:
            self.format.addItem(FORMAT_LABELS.get(fmt, fmt), fmt)
        self.by_dates.toggled.connect(dates.setEnabled)
        dates.setEnabled(self.by_dates.isChecked())
        self.finish(520, minimum=(460, 0), guard=None)

    def choice(self):
        if self.by_selection.isChecked():
            return self.ctx.call(self, invoice_exports.choose_invoices, invoice_ids=self.selected_ids,
                                 on_invalid=self.errors.show)
        return self.ctx.call(self, invoice_exports.choose_invoices, date_from=self.date_from.value(),
                             date_to=self.date_to.value(), on_invalid=self.errors.show)

    def save(self) -> None:
        self.errors.clear()
        chosen = self.choice()
        if not chosen.ok:
            return
        choice = chosen.value
        if choice.exported_before and not ask_yes_no(
                self, "Exported before",
                f"{len(choice.exported_before)} of these {'was' if len(choice.exported_before) == 1 else 'were'} exported "
                f"before ({', '.join(choice.exported_before)}): export them again? Your accounts program "
                "would import them twice."):
            return
        fmt = self.format.currentData()
        period = f"{self.date_from.date()}-{self.date_to.date()}-" if self.by_dates.isChecked() else ""
        suggested = f"invoices-{period}{fmt}.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export invoices", start_in(suggested), "CSV (*.csv)")
        if not path:
            return
        self.ok_button.setEnabled(False)
        self.task = run_with_progress(self, f"Exporting {plural(len(choice.invoice_ids), 'invoice')}…", _export,
                                      self.ctx.db, choice.invoice_ids, fmt, Path(path), on_done=self._done,
                                      on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        from ..tasks import report_failure

        self.ok_button.setEnabled(True)
        report_failure(exc)

    def _done(self, result) -> None:
        self.result_value = result
        self.ctx.changed.emit(changes_of(export_invoices), self)  # they are marked exported
        files = "\n".join(str(f) for f in result.files)
        box = QMessageBox(QMessageBox.Icon.Information, "Exported",
                          f"{plural(result.count, 'invoice')} exported to:\n{files}", QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("exportDone")
        box.exec()
        self.accept()
