"""The one date field of the window: typed in the shop's locale, or picked from a calendar.

A line edit reads every form the shop's locale writes (``15/1/27``, ``15 Jan 2027``, ISO
``2027-01-15``: ``domain.locale_text.parse_date``) and, once the person moves on, shows the date
back in the one display form (``format_date``), so they see how it was understood. The calendar
button opens at the date in the field, else today (never at 1900). An optional date has Clear.
What cannot be read is handed to the service as typed, which names the problem next to the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QDateTimeEdit, QHBoxLayout, QLineEdit, QToolButton, QWidget

from ...domain.locale_text import NotInLocale, date_examples, format_date, parse_date


class DateField(QWidget):
    """``value()`` is what a service takes: the date, the text as typed if it is no date, or None."""

    changed = Signal()

    def __init__(self, locale: str, *, optional: bool = False, today: Callable[[], dt.date] = dt.date.today,
                 object_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locale = locale
        self.optional = optional
        self._today = today
        self.edit = QLineEdit()
        self.edit.setObjectName(f"{object_name}Edit" if object_name else "dateFieldEdit")
        self.edit.setPlaceholderText("No date" if optional else date_examples(locale).split(",")[0])
        self.edit.setToolTip(f"Type a date like {date_examples(locale)}, or pick it from the calendar")
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00 September 0000") + 16)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("Calendar…")
        self.calendar_button.setToolTip("Pick the date from a calendar")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        self.calendar_button.clicked.connect(self.open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.calendar_button)
        self.clear_button: QToolButton | None = None
        if optional:
            self.clear_button = QToolButton()
            self.clear_button.setText("Clear")
            self.clear_button.setToolTip("No date")
            self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.clear_button.clicked.connect(lambda: self.set_date(None))
            layout.addWidget(self.clear_button)
        layout.addStretch(1)
        if object_name:
            self.setObjectName(object_name)
        self.setFocusProxy(self.edit)
        self.calendar: QCalendarWidget | None = None
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.edit.editingFinished.connect(self._tidy)

    # --- reading and writing ------------------------------------------------------------------

    def date(self) -> dt.date | None:
        """The date typed, or None when empty or not a date."""
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return parse_date(text, self.locale)
        except NotInLocale:
            return None

    def value(self) -> dt.date | str | None:
        """For a service: the date, else the text as typed (for the service to name), else None."""
        text = self.edit.text().strip()
        if not text:
            return None
        return self.date() or text

    def set_date(self, value: dt.date | None) -> None:
        self.edit.setText(format_date(value, self.locale) if value is not None else "")

    set_value = set_date  # as a "custom" field of record_editor.FormFields

    def _tidy(self) -> None:
        """Show what was understood in the one display form (``15/1/27`` -> ``15 Jan 2027``)."""
        value = self.date()
        if value is not None and self.edit.text() != format_date(value, self.locale):
            self.set_date(value)

    # --- the calendar -------------------------------------------------------------------------

    def open_calendar(self) -> None:
        start = self.date() or self._today()
        calendar = QCalendarWidget(self, objectName="dateFieldCalendar")
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setLocale(QLocale(self.locale))  # month and day names, first weekday, as the shop's
        calendar.setGridVisible(True)
        calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        calendar.clicked.connect(self._picked)
        calendar.activated.connect(self._picked)  # Enter on a day
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar

    def _picked(self, day: QDate) -> None:
        self.set_date(day.toPython())
        if self.calendar is not None:
            self.calendar.close()
            self.calendar.deleteLater()
            self.calendar = None
        self.edit.setFocus()


def use_shop_date_form(edit: QDateTimeEdit, locale: str) -> None:
    """A date-and-time editor (a booking's start and end) showing its date in the one display form:
    the locale's medium pattern (CLDR and Qt share its letters; Qt wants ``yyyy`` for the year)."""
    from babel.dates import get_date_format

    pattern = re.sub(r"y+", "yyyy", get_date_format("medium", locale=locale).pattern)
    edit.setLocale(QLocale(locale))
    edit.setDisplayFormat(f"{pattern} HH:mm")


def date_field(ctx, *, optional: bool = False, object_name: str = "", parent: QWidget | None = None) -> DateField:
    """A ``DateField`` in the shop's locale, whose calendar opens at the program's today."""
    return DateField(ctx.locale, optional=optional, today=ctx.db.today, object_name=object_name, parent=parent)
