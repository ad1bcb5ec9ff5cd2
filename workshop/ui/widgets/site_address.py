"""Where the job's goods go: one of the customer's delivery addresses, or one typed for this job;
none set, the billing address applies (and the box shows it, so nobody guesses)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ...domain.addresses import address_lines
from ...domain.changes import Change
from ...services import site_address
from ..context import AppContext
from .addresses import CountryCombo
from .field_errors import FieldErrors, general_error_label


def _one_line(address: str) -> str:
    return ", ".join(address_lines(address))


class SiteAddressBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Deliver to", parent)
        self.setObjectName("siteAddressBox")
        self.ctx = ctx
        self.view: site_address.SiteAddressView | None = None
        self.state = QLabel(objectName="siteAddressState", wordWrap=True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)  # addresses are the customer's words
        self.choice = QComboBox(objectName="siteAddressChoice")
        self.address = QPlainTextEdit(objectName="siteAddressText", tabChangesFocus=True)
        self.address.setPlaceholderText("None: the goods go to the billing address")
        self.address.setFixedHeight(58)
        self.country = CountryCombo()
        self.country.setObjectName("siteAddressCountry")
        self.save_button = QPushButton("Save address", objectName="saveSiteAddress")
        form = QFormLayout()
        form.addRow("From the customer", self.choice)
        form.addRow("Address", self.address)
        form.addRow("Country", self.country)
        self.general_error = general_error_label()
        self.errors = FieldErrors(form, fallback=self.general_error)
        self.errors.register("site_address", self.address)
        self.errors.register("site_country", self.country)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addLayout(row)
        self.choice.activated.connect(self._chosen)
        self.save_button.clicked.connect(self.save)
        ctx.changed.connect(self._changed)
        self.set_job(None)

    def set_job(self, job_id: int | None) -> None:
        self.view = self.ctx.call(self, site_address.get_site_address, job_id).value if job_id is not None else None
        self.errors.clear()
        self._show()

    def _changed(self, changes: Change, _initiator: QWidget | None) -> None:
        if changes & Change.CUSTOMERS and self.view is not None:  # a delivery address added or renamed
            self.set_job(self.view.job_id)

    def _show(self) -> None:
        v = self.view
        self.setEnabled(v is not None)
        self.choice.clear()
        self.choice.addItem("Choose one of the customer's addresses…" if v and v.choices else
                            "The customer has no delivery addresses", None)
        for a in (v.choices if v else ()):
            self.choice.addItem(f"{a.label}: {_one_line(a.address)}" if a.label else _one_line(a.address), a)
        self.address.setPlainText(v.address if v else "")
        self.country.set_value(v.country if v and v.address else (v.billing_country if v else ""))
        if v is None:
            self.state.clear()
        elif v.address:
            self.state.setText("This job's own delivery address, printed on its delivery note.")
        elif v.billing_address:
            self.state.setText(f"None set: the goods go to the billing address, {_one_line(v.billing_address)}.")
        else:
            self.state.setText("No address held: choose or type where the goods go.")

    def _chosen(self, index: int) -> None:
        chosen = self.choice.itemData(index)
        if chosen is not None:
            self.address.setPlainText(chosen.address)
            self.country.set_value(chosen.country)

    def save(self) -> None:
        if self.view is None:
            return
        self.errors.clear()
        saved = self.ctx.call(self, site_address.set_site_address, self.view.job_id, self.address.toPlainText(),
                              self.country.value(), on_invalid=self.errors.show)
        if saved.ok:
            self.view = saved.value
            self._show()
