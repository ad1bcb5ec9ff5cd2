"""Shop ▸ Company settings…: who the shop is, money, invoices (terms, bank account), numbering, paper
and the logo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from ...domain.bank_account import grouped
from ...domain.errors import WorkshopError
from ...domain.statuses import OverheadBasis
from ...services import settings as shop_settings
from ..context import AppContext
from ..errors import show_error
from ..file_dialogs import start_in
from ..widgets.addresses import CountryCombo
from ..widgets.sizing import fit_to_screen
from .record_editor import Field, FormFields
from .unsaved import Leave, ask_unsaved

COMPANY = [Field("company_name", "Company &name"), Field("address", "&Address", "long"),
           Field("phone", "&Phone"), Field("email", "&Email"), Field("tax_number", "&Tax number")]
MONEY = [Field("currency", "&Currency", placeholder="GBP, EUR, PLN …", width=100),
         Field("locale", "&Locale", placeholder="en_GB, pl_PL …", width=140),
         Field("default_tax_rate", "Default ta&x rate, %", "number", placeholder="20")]
INVOICES = [Field("payment_terms_days", "Pay &within, days", "number", placeholder="30"),
            Field("country", "Shop's co&untry", "custom", make=CountryCombo),
            Field("iban", "&IBAN", placeholder="GB33 BUKB 2020 1555 5555 55"),
            Field("bic", "&BIC (SWIFT)", placeholder="BUKBGB22", width=160)]
NUMBERS = [Field("brief_prefix", "&Briefs", width=100), Field("quote_prefix", "&Quotes", width=100),
           Field("job_prefix", "&Jobs", width=100), Field("invoice_prefix", "&Invoices", width=100),
           Field("purchase_order_prefix", "&Purchase orders", width=100),
           Field("page_size", "Paper si&ze", "choice",
                 choices=lambda: [(p, p) for p in shop_settings.PAGE_SIZES])]
QUOTE_TERMS = [Field("quote_payment_terms", "&Payment terms", "long"),
               Field("quote_validity_days", "&Valid for, days", "number", placeholder="30"),
               Field("quote_exclusions", "&Not included", "long"),
               Field("quote_terms", "Other &terms", "long")]
COSTING = [Field("default_overhead_rate", "Shop-wide &overhead rate", "number", placeholder="none"),
           Field("default_overhead_basis", "Overhead &basis", "choice",
                 choices=lambda: [(b.label, b.value) for b in OverheadBasis]),
           Field("job_purchase_costing", "Job purchases cost the &job", "choice",
                 choices=lambda: [("the price paid", "actual"), ("the stock's average", "average")])]
SHOP_FLOOR = [Field("several_clock_ons", "An operator may be clocked on to &several operations at once", "bool")]


def _note(text: str) -> QLabel:
    """A grey explanation under a page's fields."""
    note = QLabel(text)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setWordWrap(True)
    note.setStyleSheet("color: palette(mid);")
    return note


class CompanySettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("companySettingsDialog")
        self.setWindowTitle("Company settings")
        self.forms = {name: FormFields(fields, self, locale=ctx.locale) for name, fields in
                      (("company", COMPANY), ("money", MONEY), ("invoices", INVOICES), ("numbers", NUMBERS),
                       ("costing", COSTING), ("shop_floor", SHOP_FLOOR))}
        self.pages = QTabWidget()
        for name, title in (("company", "Company"), ("money", "Money"), ("invoices", "Invoices"),
                            ("numbers", "Numbers and paper"), ("costing", "Costing"),
                            ("shop_floor", "Shop floor")):
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.addLayout(self.forms[name].layout)
            if name == "numbers":
                layout.addWidget(_note("Numbers look like J-2026-0042. Prefixes go into barcodes, so use only "
                                       "letters A–Z and digits."))
            if name == "invoices":
                layout.addWidget(_note("The due date is this many days after the invoice date. The bank account "
                                       "prints on every invoice, with a QR code a banking app can pay from on "
                                       "invoices in euros. An invoice already issued keeps the account it was "
                                       "issued with."))
                layout.addLayout(self._tax_codes_row())
            if name == "costing":
                layout.addWidget(_note("Applied at every workstation that has no overhead rate of its own "
                                       "(Shop ▸ Workstations). Leave the rate empty for none. Work already booked "
                                       "keeps the rate it was booked at; estimates use today's."))
                layout.addWidget(_note("Stock is valued at weighted average cost. Material bought for a job and "
                                       "issued to it on receipt costs the job the price paid for it, or the "
                                       "stock's average once it is in."))
            if name == "shop_floor":
                layout.addWidget(_note("Off: clocking on to a second operation is refused until the first is "
                                       "clocked off or paused. On: a person may run a machine on one job while "
                                       "working on another; each clock-on books its own time."))
            if name == "company":
                layout.addLayout(self._logo_row())
            layout.addStretch(1)
            self.pages.addTab(page, title)
        self.forms["quotes"] = FormFields(QUOTE_TERMS, self)  # whole days and text: nothing locale-bound
        self.pages.addTab(self._quote_terms_page(), "Quote terms")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)
        self._load(shop_settings.get_settings(ctx.db))
        fit_to_screen(self, 560, 520, minimum=(520, 440))

    def _tax_codes_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        button = QPushButton("Tax codes for &Xero and QuickBooks…")
        button.setObjectName("taxCodesButton")
        button.setToolTip("How each tax rate is named in your accounting program, for the invoice exports")
        button.clicked.connect(self.edit_tax_codes)
        row.addWidget(button)
        row.addStretch(1)
        return row

    def edit_tax_codes(self) -> None:
        """The mapping is saved by its own dialog (a table, not a field of the settings row)."""
        from .tax_codes import TaxCodesDialog

        TaxCodesDialog(self.ctx, self).exec()

    def _quote_terms_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(self.forms["quotes"].layout)
        layout.addWidget(_note("Copied to each new quote, where they can be changed for that quote alone. The "
                               "validity starts when a quote is sent."))
        layout.addStretch(1)
        return page

    def _logo_row(self) -> QHBoxLayout:
        self.logo = QLabel()
        self.logo.setObjectName("logoPreview")
        self.logo.setFixedSize(160, 64)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setStyleSheet("border: 1px solid palette(mid);")
        choose = QPushButton("Choose logo…")
        choose.clicked.connect(self.choose_logo)
        clear = QPushButton("No logo")
        clear.clicked.connect(lambda: self.set_logo(None))
        row = QHBoxLayout()
        row.addWidget(QLabel("Logo"))
        row.addWidget(self.logo)
        row.addWidget(choose)
        row.addWidget(clear)
        row.addStretch(1)
        return row

    def _load(self, view) -> None:
        values = {k: getattr(view, k) for k in view.__dataclass_fields__}
        values["iban"] = grouped(view.iban)  # stored compact, read in fours
        for form in self.forms.values():
            form.set_values(values)
        data = shop_settings.logo_bytes(self.ctx.db)
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo.setPixmap(pixmap.scaled(self.logo.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo.clear()
            self.logo.setText("No logo")

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the letterhead logo", start_in(),
                                              "Images (*.png *.jpg *.jpeg)")
        if path:
            self.set_logo(path)

    def set_logo(self, path: str | None) -> bool:
        """The logo is saved at once (it is a file, not a field)."""
        if path is None:
            done = self.ctx.call(self, shop_settings.set_logo, "", None)
        else:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                show_error(self, WorkshopError(f"Could not read {Path(path).name}.", details=str(exc)))
                return False
            done = self.ctx.call(self, shop_settings.set_logo, Path(path).name, data)
        if done.ok:
            keep = {name: form.values() for name, form in self.forms.items()}
            self._load(done.value)
            for name, form in self.forms.items():  # typed, unsaved values stay
                form.set_values(keep[name])
        return done.ok

    def changed_values(self) -> dict:
        out = {}
        for form in self.forms.values():
            out.update(form.changed_values())
        return out

    def _show_error(self, error) -> None:
        for index, (name, form) in enumerate(self.forms.items()):
            if error.field in form.widgets:
                self.pages.setCurrentIndex(index)
                form.errors.show(error)
                return
        self.forms["company"].errors.show(error)

    def save(self) -> bool:
        for form in self.forms.values():
            form.errors.clear()
        changes = self.changed_values()
        if not changes:
            return True
        saved = self.ctx.call(self, shop_settings.update_settings, **changes, on_invalid=self._show_error)
        if not saved.ok:
            return False
        self._load(saved.value)
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()

    def reject(self) -> None:
        if self.changed_values():
            answer = ask_unsaved(self, "Company settings")
            if answer is Leave.CANCEL or (answer is Leave.SAVE and not self.save()):
                return
        super().reject()
