"""Keying back a paper traveler: the time the bench wrote on a job's card, typed in one row per
operation without touching the mouse.

Each row takes Time (``80``, ``1h20``, ``1:20``) or a Start and Finish on the sheet's date, the
operator, the quantity done and whether the operation is finished. Tab moves through the cells,
Enter books the row (``services.key_back.key_back``) and goes on to the next row's Time. Nothing
is ever pre-filled with the planned times: a figure typed here is one someone wrote down. A
refused row keeps what was typed and says, under it in red, which cell is wrong; nothing of it is
saved.

A dialog (opened from the job's Bookings page) rather than another job page: keying back is one
sitting with one card in hand, with its own date and "last operator", and the Bookings page
behind it shows the new entries as they are booked.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QScrollArea, QVBoxLayout, QWidget)

from ...domain.errors import ValidationError
from ...domain.statuses import OperationStatus
from ...services import key_back, workstations
from .. import theme
from ..models.operations_model import format_minutes
from ..plain_text import plain_label
from ..widgets.date_edit import date_field
from ..widgets.sizing import fit_to_screen

#: The service's field names in the words of the sheet's column headings.
FIELD_LABELS = {"time": "Time", "start": "Start", "finish": "Finish", "operator_id": "Operator",
                "quantity_done": "Quantity done", "finished": "Finished", "day": "Date"}

HEADINGS = ("Op", "Operation", "Station", "Planned", "Booked", "Time", "Start", "Finish", "Operator",
            "Qty done", "Finished")
TIME_COLUMN = 5  # the first cell typed into
#: Red around the cell a refusal names.
BAD_CELL = f"border: 2px solid {theme.ALARM};"


@dataclass
class SheetRow:
    """One operation's line of the sheet: what it shows and the cells typed into."""

    operation_id: int
    own_operator_id: int | None
    booked: QLabel
    time: QLineEdit
    start: QLineEdit
    finish: QLineEdit
    operator: QComboBox
    quantity: QLineEdit
    finished: QCheckBox
    message: QLabel
    operator_picked: bool = False  # chosen by hand: no longer follows the sheet's last operator

    def cells(self) -> tuple[QWidget, ...]:
        return (self.time, self.start, self.finish, self.operator, self.quantity, self.finished)

    def cell_for(self, field: str) -> QWidget | None:
        return {"time": self.time, "start": self.start, "finish": self.finish, "operator_id": self.operator,
                "quantity_done": self.quantity, "finished": self.finished}.get(field)

    def clear_marks(self) -> None:
        for cell in self.cells():
            cell.setStyleSheet("")
        self.message.clear()
        self.message.hide()


def booked_text(row: key_back.KeyBackRow) -> str:
    """What is already booked on the operation, its quantity done and how far it has got."""
    parts = [format_minutes(row.booked_minutes) if row.booked_minutes else "—"]
    if row.quantity_done:
        parts.append(f"{row.quantity_done.normalize():f} done")
    if row.status not in ("pending", "ready"):
        parts.append(OperationStatus(row.status).label.lower())
    return " · ".join(parts)


class _EnterBooks(QObject):
    """Enter (or Return) in any cell of a row books that row, whatever the cell is."""

    def __init__(self, dialog: KeyBackDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            row = self.dialog.row_of(watched)
            if row is not None:
                self.dialog.book_row(row)
                return True
        return False


class KeyBackDialog(QDialog):
    def __init__(self, ctx, job_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job_id = job_id
        self.setObjectName("keyBackDialog")
        self.rows: list[SheetRow] = []
        self.sheet: key_back.KeyBackSheet = key_back.key_back_sheet(ctx.db, job_id)
        #: the operator chosen last on this sheet: rows without one of their own follow it
        self.last_operator_id: int | None = ctx.last_operator_id
        self.setWindowTitle(f"Key back the traveler — {self.sheet.job_number}")
        self._enter = _EnterBooks(self)

        heading = plain_label(f"{self.sheet.job_number} · {self.sheet.job_title} · quantity "
                              f"{self.sheet.job_quantity}", objectName="keyBackHeading")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        hint = plain_label("Type what the card says. Time as 80, 1h20 or 1:20, or a Start and Finish (7:30, 1510) "
                           "on the date below. Tab moves to the next cell; Enter books the row and goes on to "
                           "the next one.", objectName="keyBackHint", wordWrap=True)
        hint.setStyleSheet(theme.HINT_STYLE)
        self.day = date_field(ctx, object_name="keyBackDay")
        self.day.set_date(ctx.db.today())
        self.day.setToolTip("The day the card's times were worked; Start and Finish are clock times on it")
        self.day_error = plain_label(objectName="keyBackDayError")
        self.day_error.setStyleSheet(theme.ERROR_STYLE)
        self.day_error.hide()
        day_row = QHBoxLayout()
        day_row.addWidget(QLabel("&Date on the card"))
        day_row.itemAt(0).widget().setBuddy(self.day.edit)
        day_row.addWidget(self.day)
        day_row.addWidget(self.day_error, 1)
        self.why_not = plain_label(self.sheet.why_not, objectName="keyBackWhyNot", wordWrap=True)
        self.why_not.setStyleSheet(theme.banner_style(False))
        self.why_not.setVisible(not self.sheet.can_book)

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self._fill_grid(workstations.list_operators(ctx.db))
        body = QWidget(objectName="keyBackRows")
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(self.grid)
        body_layout.addStretch(1)
        scroll = QScrollArea(objectName="keyBackScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Enter books a row; it never closes the sheet
        close.setDefault(False)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(day_row)
        layout.addWidget(self.why_not)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self._chain_tab_order()
        fit_to_screen(self, 1180, 560, minimum=(900, 360))
        if self.rows and self.sheet.can_book:
            self.rows[0].time.setFocus()

    # --- building -------------------------------------------------------------------------------
    def _fill_grid(self, operators) -> None:
        for col, text in enumerate(HEADINGS):
            label = QLabel(text)
            label.setStyleSheet("font-weight: bold;")
            self.grid.addWidget(label, 0, col)
        self.grid.setColumnStretch(1, 1)
        for index, op in enumerate(self.sheet.rows):
            line = 1 + 2 * index  # each operation: its cells, then its message line
            fixed = [plain_label(f"{op.op_number:03d}"), plain_label(op.name),
                     plain_label(op.workstation_code), plain_label(format_minutes(op.planned_minutes))]
            fixed[3].setStyleSheet(f"color: {theme.MUTED};")  # for reference: never a value to book
            fixed[3].setToolTip("Planned time, for reference: it is never booked for you")
            booked = plain_label(booked_text(op), objectName=f"keyBackBooked{index}")
            for col, label in enumerate([*fixed, booked]):
                self.grid.addWidget(label, line, col)
            row = SheetRow(op.operation_id, op.operator_id, booked,
                           self._edit(f"keyBackTime{index}", 80, "Time worked: 80, 1h20 or 1:20"),
                           self._edit(f"keyBackStart{index}", 60, "Start, a clock time: 7:30 or 0730"),
                           self._edit(f"keyBackFinish{index}", 60, "Finish, a clock time: 15:10 or 1510"),
                           self._operator_combo(f"keyBackOperator{index}", operators),
                           self._edit(f"keyBackQuantity{index}", 60, "How many were finished"),
                           QCheckBox(objectName=f"keyBackFinished{index}", toolTip="The operation is finished"),
                           plain_label(objectName=f"keyBackMessage{index}", wordWrap=True))
            row.message.hide()
            row.operator.activated.connect(lambda _i, r=row: self._operator_chosen(r))
            self._default_operator(row)
            for col, cell in enumerate(row.cells(), start=TIME_COLUMN):
                self.grid.addWidget(cell, line, col)
                cell.installEventFilter(self._enter)
                cell.setEnabled(self.sheet.can_book)
            self.grid.addWidget(row.message, line + 1, 1, 1, len(HEADINGS) - 1)
            self.rows.append(row)

    def _edit(self, name: str, width: int, tip: str) -> QLineEdit:
        edit = QLineEdit(objectName=name, toolTip=tip)  # no placeholder: an empty cell reads as empty
        edit.setFixedWidth(width)
        return edit

    def _operator_combo(self, name: str, operators) -> QComboBox:
        combo = QComboBox(objectName=name)
        combo.addItem("Not named", None)
        for person in operators:
            combo.addItem(person.name, person.id)
        combo.setMinimumContentsLength(14)
        return combo

    def _chain_tab_order(self) -> None:
        """The date, then row by row, cell by cell: what Tab walks through."""
        chain = [self.day.edit] + [cell for row in self.rows for cell in row.cells()]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # --- the operator ---------------------------------------------------------------------------
    def _default_operator(self, row: SheetRow) -> None:
        """The operation's own operator, else the one chosen last on this sheet."""
        if row.operator_picked:
            return
        wanted = row.own_operator_id or self.last_operator_id
        row.operator.setCurrentIndex(max(0, row.operator.findData(wanted)))

    def _operator_chosen(self, row: SheetRow) -> None:
        row.operator_picked = True
        self._follow_last_operator(row.operator.currentData())

    def _follow_last_operator(self, operator_id: int | None) -> None:
        if operator_id is None:
            return
        self.last_operator_id = operator_id
        for other in self.rows:
            if other.own_operator_id is None:
                self._default_operator(other)

    # --- booking --------------------------------------------------------------------------------
    def row_of(self, widget: QObject) -> SheetRow | None:
        return next((row for row in self.rows if widget in row.cells()), None)

    def book_row(self, row: SheetRow) -> bool:
        """Book what the row says; a refusal shows under it and keeps the typing. True when booked."""
        row.clear_marks()
        self.day_error.hide()
        day = self.day.date()
        if day is None:
            self.day_error.setText(f"Date: “{self.day.edit.text()}” is not a date; type one like "
                                   f"{self.day.edit.placeholderText()}.")
            self.day_error.show()
            self.day.edit.setFocus()
            return False
        operator_id = row.operator.currentData()
        outcome = self.ctx.call(self, key_back.key_back, row.operation_id, operator_id=operator_id, day=day,
                                time=row.time.text(), start=row.start.text(), finish=row.finish.text(),
                                quantity_done=row.quantity.text(), finished=row.finished.isChecked(),
                                on_invalid=lambda error: self._refused(row, error))
        if not outcome.ok:
            return False
        log = outcome.value
        for cell in (row.time, row.start, row.finish, row.quantity):
            cell.clear()  # booked: Enter again must not book it twice
        row.finished.setChecked(False)
        row.message.setStyleSheet(f"color: {theme.GOOD};")
        row.message.setText(f"Booked {format_minutes(max(log.labour_minutes, log.machine_minutes))}"
                            + (f" for {log.operator_name}" if log.operator_name else "") + ".")
        row.message.show()
        if operator_id is not None:
            self.ctx.last_operator_id = operator_id
            self._follow_last_operator(operator_id)
        self._show_booked()
        self._next_row(row)
        return True

    def _refused(self, row: SheetRow, error: ValidationError) -> None:
        label = FIELD_LABELS.get(error.field)
        row.message.setStyleSheet(theme.ERROR_STYLE)
        # the message names the cell; when its words do not, the cell's heading goes first
        named = label is None or label.lower() in error.message.lower()
        row.message.setText(error.message if named else f"{label}: {error.message}")
        row.message.show()
        cell = row.cell_for(error.field)
        if cell is not None:
            cell.setStyleSheet(BAD_CELL)
            cell.setFocus()
        elif error.field == "day":
            self.day.edit.setFocus()

    def _show_booked(self) -> None:
        """What each operation now has booked (one unit of work may have moved others on)."""
        self.sheet = key_back.key_back_sheet(self.ctx.db, self.job_id)
        by_id = {op.operation_id: op for op in self.sheet.rows}
        for row in self.rows:
            if (op := by_id.get(row.operation_id)) is not None:
                row.booked.setText(booked_text(op))

    def _next_row(self, row: SheetRow) -> None:
        index = self.rows.index(row)
        target = self.rows[index + 1] if index + 1 < len(self.rows) else row
        target.time.setFocus()
