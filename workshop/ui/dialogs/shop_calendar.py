"""Shop ▸ Shop calendar…: the working days and hours, and the holidays of one year at a time.

Holidays added or removed here stay in the dialog until OK, which saves the week and every year
edited together (``services.calendar.save_calendar``): a bad entry shows its message and nothing is
saved. A holiday is checked as it is added (its year, a date twice), so the message comes at once.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from PySide6.QtCore import QEvent, QObject, Qt, QTime
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QTimeEdit, QVBoxLayout, QWidget)

from ...domain.errors import ValidationError
from ...domain.validation import FIRST_DAY, LAST_DAY
from ...services import calendar
from ..context import AppContext
from ..plain_text import plain_label
from ..theme import ERROR_STYLE
from ..widgets.date_edit import date_field
from ..widgets.dated_table import dated_table, fill_dated_rows
from ..widgets.sizing import fit_to_screen
from .unsaved import guard_typing


def weekdays_in_locale_order(locale: str) -> list[tuple[int, str]]:
    """(0 = Monday … 6 = Sunday, the day's name) starting on the locale's first day of the week."""
    found = Locale.parse(locale)
    names = found.days["format"]["wide"]
    first = found.first_week_day
    return [((first + i) % 7, names[(first + i) % 7]) for i in range(7)]


class ShopCalendarDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("shopCalendarDialog")
        self.setWindowTitle("Shop calendar")
        self.year = ctx.db.today().year
        saved = calendar.get_calendar(ctx.db, self.year)
        self._holidays: dict[int, list[calendar.HolidayView]] = {self.year: list(saved.holidays)}
        self._edited: set[int] = set()

        # the working week
        self.day_boxes: dict[int, QCheckBox] = {}
        days = QHBoxLayout()
        for weekday, name in weekdays_in_locale_order(ctx.locale):
            box = QCheckBox(name, objectName=f"weekday_{weekday}")
            box.setChecked(weekday in saved.working_weekdays)
            self.day_boxes[weekday] = box
            days.addWidget(box)
        days.addStretch(1)
        self.day_start = self._time_edit("dayStart", saved.day_start)
        self.day_end = self._time_edit("dayEnd", saved.day_end)
        week = QFormLayout()
        days_label = QLabel("Working &days")
        days_label.setBuddy(next(iter(self.day_boxes.values())))
        week.addRow(days_label, days)
        week.addRow("Day &starts at", self.day_start)
        week.addRow("Day &ends at", self.day_end)
        week_box = QGroupBox("Working week")
        week_box.setLayout(week)

        # the holidays of one year
        self.year_box = QSpinBox(objectName="holidayYear")
        self.year_box.setRange(FIRST_DAY.year, LAST_DAY.year)
        self.year_box.setValue(self.year)
        self.year_box.valueChanged.connect(self.show_year)
        self.table = dated_table("holidayTable", "Holiday", self.remove_holiday)
        self.new_day = date_field(ctx, object_name="holidayDay")
        self.new_name = QLineEdit(objectName="holidayName", placeholderText="e.g. Christmas Day")
        self.new_name.setMaxLength(100)
        for entry_field in (self.new_day.edit, self.new_name):
            entry_field.installEventFilter(self)
        self.add_button = QPushButton("&Add holiday", objectName="addHolidayButton")
        self.add_button.clicked.connect(self.add_holiday)
        self.remove_button = QPushButton("&Remove", objectName="removeHolidayButton")
        self.remove_button.clicked.connect(self.remove_holiday)
        year_row = QHBoxLayout()
        year_label = QLabel("&Year")
        year_label.setBuddy(self.year_box)
        year_row.addWidget(year_label)
        year_row.addWidget(self.year_box)
        year_row.addStretch(1)
        year_row.addWidget(self.remove_button)
        entry = QFormLayout()
        entry.addRow("Da&te", self.new_day)
        entry.addRow("&Name", self.new_name)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        holidays = QVBoxLayout()
        holidays.addLayout(year_row)
        holidays.addWidget(self.table, 1)
        holidays.addLayout(entry)
        holidays.addLayout(add_row)
        holidays_box = QGroupBox("Holidays: days the whole shop is closed")
        holidays_box.setLayout(holidays)

        self.error = plain_label(objectName="calendarError", wordWrap=True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAutoDefault(False)
        self.add_button.setAutoDefault(False)
        self.remove_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(week_box)
        layout.addWidget(holidays_box, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._opened_week = self._week()
        self.show_year(self.year)
        guard_typing(self, "The shop calendar", is_dirty=self.is_dirty)
        fit_to_screen(self, 720, 620, minimum=(520, 460))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Enter in the new holiday's date or name adds it (OK stays the default elsewhere)."""
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and watched in (self.new_day.edit, self.new_name)):
            self.add_holiday()
            return True
        return super().eventFilter(watched, event)

    def _time_edit(self, name: str, value: dt.time) -> QTimeEdit:
        edit = QTimeEdit(QTime(value.hour, value.minute), objectName=name)
        edit.setDisplayFormat("HH:mm")  # the 24-hour clock, as the service reads it
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00:00") + 60)
        return edit

    # --- what is shown ------------------------------------------------------------------------

    def _week(self) -> tuple:
        return ([day for day, box in self.day_boxes.items() if box.isChecked()],
                self.day_start.time().toPython(), self.day_end.time().toPython())

    def is_dirty(self) -> bool:
        return bool(self._edited) or self._week() != self._opened_week or bool(self.new_day.value())

    def show_year(self, year: int) -> None:
        self.year = year
        if year not in self._holidays:
            self._holidays[year] = list(calendar.holidays_in(self.ctx.db, year))
        fill_dated_rows(self.table, ((h.day, h.name) for h in self._holidays[year]), self.ctx.locale)
        self.remove_button.setEnabled(self.table.rowCount() > 0)

    def show_error(self, error: ValidationError) -> None:
        self.error.setText(error.message)
        self.error.show()
        focus = {"working_weekdays": next(iter(self.day_boxes.values())), "day_start": self.day_start,
                 "day_end": self.day_end, "day": self.new_day, "name": self.new_name, "year": self.year_box}
        widget = focus.get(error.field)
        if widget is not None:
            widget.setFocus()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    # --- holidays -----------------------------------------------------------------------------

    def add_holiday(self) -> bool:
        """The date and name typed, checked and listed (saved with OK); False when refused."""
        self.clear_error()
        taken = {h.day: h.name for h in self._holidays[self.year]}
        try:
            holiday = calendar.clean_holiday(self.new_day.value(), self.new_name.text(), year=self.year,
                                             taken=taken, locale=self.ctx.locale)
        except ValidationError as error:
            self.show_error(error)
            return False
        self._holidays[self.year] = sorted([*self._holidays[self.year], holiday], key=lambda h: h.day)
        self._edited.add(self.year)
        self.show_year(self.year)
        self.table.selectRow(self._holidays[self.year].index(holiday))
        self.new_day.set_date(None)
        self.new_name.clear()
        self.new_day.setFocus()
        return True

    def remove_holiday(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        del self._holidays[self.year][row]
        self._edited.add(self.year)
        self.show_year(self.year)
        self.table.selectRow(min(row, self.table.rowCount() - 1))

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        """OK: a holiday typed but not added yet is added first; then everything in one go."""
        if self.new_day.value() is not None and not self.add_holiday():
            return
        self.clear_error()
        weekdays, start, end = self._week()
        outcome = self.ctx.call(self, calendar.save_calendar, weekdays=weekdays, day_start=start, day_end=end,
                                holidays={year: [(h.day, h.name) for h in self._holidays[year]]
                                          for year in sorted(self._edited)},
                                on_invalid=self.show_error)
        if outcome.ok:
            self.accept()
