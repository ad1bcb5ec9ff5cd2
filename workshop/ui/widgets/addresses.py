"""Address widgets: a country picker (ISO code in, ISO code out, the name shown) and the
customer's delivery addresses as a short list with the chosen one's fields beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QCompleter, QFormLayout, QHBoxLayout, QLineEdit, QListWidget, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from ...domain.addresses import country_names

class CountryCombo(QComboBox):
    """Countries by name: pick from the list, or type part of a name (or its ISO code) and
    choose from what matches. ``value()`` is the ISO code, "" for none, or the typed text when
    it names no country (the service then says so next to the field)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, locale: str = "en_GB") -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText("Type to find a country…")
        self.addItem("", "")
        for code, name in country_names(locale).items():
            self.addItem(name, code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMaxVisibleItems(16)
        self.setMinimumContentsLength(18)
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.lineEdit().textEdited.connect(lambda _t: self.changed.emit())

    def value(self) -> str:
        typed = self.currentText().strip()
        if not typed:
            return ""
        index = self.findText(typed, Qt.MatchFlag.MatchFixedString)  # the name, any case
        if index < 0:
            index = self.findData(typed.upper())  # or its code
        return self.itemData(index) if index >= 0 else typed

    def set_value(self, code: str | None) -> None:
        self.setCurrentIndex(max(0, self.findData((code or "").upper())))
        if not code:
            self.setEditText("")


def _label(address: dict) -> str:
    first = next((line.strip() for line in address["address"].splitlines() if line.strip()), "")
    return address["label"] or first or "(new address)"


class DeliveryAddressesEditor(QWidget):
    """The addresses as a list; the chosen one's label, address and country to its right.
    ``value()``: dicts of id (None for new), label, address, country, for the customers service."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, locale: str = "en_GB") -> None:
        super().__init__(parent)
        self._addresses: list[dict] = []
        self.list = QListWidget(objectName="deliveryAddressList")
        self.list.setFixedWidth(170)
        self.list.setFixedHeight(96)
        self.add_button = QPushButton("Add", objectName="addDeliveryAddress")
        self.remove_button = QPushButton("Remove", objectName="removeDeliveryAddress")
        self.label = QLineEdit(objectName="deliveryAddressLabel", placeholderText="Site, holiday home …")
        self.address = QPlainTextEdit(objectName="deliveryAddressText", tabChangesFocus=True)
        self.address.setPlaceholderText("Street, town, postcode: a line each")
        self.address.setFixedHeight(54)
        self.country = CountryCombo(locale=locale)
        self.country.setObjectName("deliveryAddressCountry")
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        self.fields = QWidget()
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Label", self.label)
        form.addRow("Address", self.address)
        form.addRow("Country", self.country)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left)
        layout.addWidget(self.fields, 1)
        self.add_button.clicked.connect(self.add_address)
        self.remove_button.clicked.connect(self.remove_address)
        self.list.currentRowChanged.connect(self._show)
        self.label.textEdited.connect(lambda _t: self._edited())
        self.address.textChanged.connect(self._edited)
        self.country.changed.connect(self._edited)
        self._show(-1)

    # --- the FormFields "custom" protocol ---------------------------------------------------
    def value(self) -> list[dict]:
        return [dict(a) for a in self._addresses]

    def set_value(self, addresses) -> None:
        self._addresses = [dict(id=a.id, label=a.label, address=a.address, country=a.country)
                           if not isinstance(a, dict) else dict(a) for a in (addresses or ())]
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([_label(a) for a in self._addresses])
        self.list.blockSignals(False)
        self.list.setCurrentRow(0 if self._addresses else -1)
        self._show(self.list.currentRow())

    # --- editing ----------------------------------------------------------------------------
    def add_address(self) -> None:
        self._addresses.append(dict(id=None, label="", address="", country=self._default_country()))
        self.list.addItem(_label(self._addresses[-1]))
        self.list.setCurrentRow(len(self._addresses) - 1)
        self.changed.emit()
        self.address.setFocus()

    def _default_country(self) -> str:
        """A new address is in the same country as the one before it (usually the shop's)."""
        return self._addresses[-1]["country"] if self._addresses else ""

    def remove_address(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        del self._addresses[row]
        self.list.takeItem(row)
        self._show(self.list.currentRow())
        self.changed.emit()

    def _show(self, row: int) -> None:
        chosen = self._addresses[row] if 0 <= row < len(self._addresses) else None
        for w in (self.label, self.address, self.country):
            w.blockSignals(True)
        self.label.setText(chosen["label"] if chosen else "")
        self.address.setPlainText(chosen["address"] if chosen else "")
        self.country.set_value(chosen["country"] if chosen else "")
        for w in (self.label, self.address, self.country):
            w.blockSignals(False)
        self.fields.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)

    def _edited(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._addresses):
            return
        chosen = self._addresses[row]
        chosen.update(label=self.label.text(), address=self.address.toPlainText(), country=self.country.value())
        self.list.item(row).setText(_label(chosen))
        self.changed.emit()


__all__ = ["CountryCombo", "DeliveryAddressesEditor"]
