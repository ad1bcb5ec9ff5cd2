"""Pick a customer by typing part of the name; "New…" adds one inline.

Ten years of a shop hold 5,000 customers: their names are read off the GUI thread once the picker is
first shown (and again after a change to the customers) and listed in one step, a string list model
the combo and its completer share, not 5,000 combo items added one by one. Until they come, a
customer shown (a brief's) is listed alone; a name typed meanwhile is looked up at once when asked
for, so what a person types is never lost or misread.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QListView, QPushButton, QWidget

from ...services import customers
from ..context import AppContext
from ..tasks import run_task


def customer_rows(_state, db) -> list[tuple[int, str]]:
    """Off the GUI thread: (id, name) of every customer the picker lists, in the list's order."""
    return customers.customer_choices(db)


class CustomerPicker(QWidget):
    changed = Signal()
    filled = Signal()  # the customers' names are listed (after each read)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.names = QStringListModel(self)  # the combo's rows; self._ids[row] is the row's customer
        self._ids: list[int] = []
        self._asked = 1  # reads asked for: only the last one's names are listed
        self._filled = 0  # the read whose names are listed
        self._reading = 0  # the read under way off the GUI thread
        self.combo = QComboBox()
        self.combo.setObjectName("customerCombo")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setModel(self.names)
        # sized by a typical name, not by measuring every customer's
        self.combo.setMinimumContentsLength(24)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if isinstance(self.combo.view(), QListView):
            self.combo.view().setUniformItemSizes(True)
        self.combo.lineEdit().setPlaceholderText("Type to find a customer…")
        completer = QCompleter(self.names, self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        self.new_button = QPushButton("New customer…")
        self.new_button.setObjectName("newCustomerButton")
        self.new_button.clicked.connect(self.create_customer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.new_button)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.combo.lineEdit().textEdited.connect(lambda _t: self.changed.emit())

    # --- reading the names ------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the names again (archived customers stay out of the way): off the GUI thread if the
        picker is shown, else when it is next shown. The customer shown stays shown."""
        self._asked += 1
        if self.isVisible():
            self._read()

    def is_filled(self) -> bool:
        """The names of the last read asked for are listed."""
        return self._filled == self._asked

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.is_filled():
            QTimer.singleShot(0, self, self._read)  # after the window that shows the picker has been built

    def _read(self) -> None:
        asked = self._asked
        if self._filled == asked or self._reading == asked:
            return
        self._reading = asked

        def fill(rows: list[tuple[int, str]]) -> None:
            if asked == self._asked and self._filled != asked:  # else newer names are asked, or listed
                self._fill(rows, asked)

        run_task(customer_rows, self.ctx.db, on_done=fill, parent=self)

    def _read_now(self) -> None:
        """The names asked for, read here and now: a name was typed before they came."""
        self._fill(customers.customer_choices(self.ctx.db), self._asked)

    def _fill(self, rows: list[tuple[int, str]], asked: int) -> None:
        line = self.combo.lineEdit()
        current = self._lookup(self.combo.currentText().strip())
        typed, cursor = line.text(), line.cursorPosition()
        self.combo.blockSignals(True)
        try:
            self._ids = [customer_id for customer_id, _name in rows]
            self.names.setStringList([name for _customer_id, name in rows])
            self._filled = asked
            if current is not None:
                self.set_customer(current, typed.strip())
            else:
                self.combo.setCurrentIndex(-1)
                line.setText(typed)  # what the person began to type meanwhile
                line.setCursorPosition(cursor)
        finally:
            self.combo.blockSignals(False)
        self.filled.emit()

    # --- the chosen customer ----------------------------------------------------------------------
    def _lookup(self, text: str) -> int | None:
        if not text:
            return None
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            return None
        current = self.combo.currentIndex()
        if current >= 0 and self.combo.itemText(current) == text:
            index = current  # two customers may share a name: keep the chosen one
        return self._ids[index]

    def customer_id(self) -> int | None:
        text = self.combo.currentText().strip()
        found = self._lookup(text)
        if found is None and text and not self.is_filled():
            self._read_now()
            found = self._lookup(text)
        return found

    def set_customer(self, customer_id: int | None, name: str = "") -> None:
        if customer_id is not None and not name and customer_id not in self._ids and not self.is_filled():
            self._read_now()  # only its name can show it
        blocked = self.combo.blockSignals(True)
        try:
            index = self._ids.index(customer_id) if customer_id in self._ids else -1
            if index < 0 and customer_id is not None and name:  # not read yet, or an archived customer
                index = len(self._ids)
                self.names.insertRows(index, 1)
                self.names.setData(self.names.index(index), name)
                self._ids.append(customer_id)
            self.combo.setCurrentIndex(index)
            if index < 0:
                self.combo.setEditText("")
        finally:
            self.combo.blockSignals(blocked)

    def create_customer(self) -> None:
        from ..dialogs.customer_quick import NewCustomerDialog

        typed = self.combo.currentText().strip() if self.customer_id() is None else ""
        dialog = NewCustomerDialog(self.ctx, self, name=typed)
        if dialog.exec() == NewCustomerDialog.DialogCode.Accepted and dialog.customer is not None:
            self.reload()
            self.set_customer(dialog.customer.id, dialog.customer.name)
            self.changed.emit()
