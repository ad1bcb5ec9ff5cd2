"""Reconcile the day: who is still clocked on (a forgotten clock-off, closed here at a time given
now and booked as an estimate), and each operator's time segments of the day in order, with the
overlaps and gaps between them, on a strip and in a table. A wrong segment is corrected with a
reason: the service reverses it and books the right time new, never an edit in place.

Opened from Shop ▸ Reconcile the day… and from the Shop Floor tab."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout,
                               QWidget)

from ...domain.changes import Change
from ...domain.clocking import where_text
from ...domain.wording import plural
from ...services import day_review
from .. import theme
from ..dates import clock_text, date_text, date_time_text
from ..models.operations_model import format_minutes
from ..plain_text import plain_label
from ..widgets.cost_common import heading
from ..widgets.date_edit import date_field
from ..widgets.day_timeline import DayTimeline, hour_span
from ..widgets.sizing import fit_to_screen
from .day_review_edits import ClockOffDialog, CorrectTimeDialog

SOURCE_WORDS = {"manual": "booked by hand", "scan": "scanned", "key_back": "keyed back", "estimate": "estimate"}
OVERLAP_BACKGROUND = QColor(theme.ALARM_BACKGROUND)
GAP_BACKGROUND = QColor(theme.NOTE_BACKGROUND)


def moment_text(moment: dt.datetime, day: dt.date | None) -> str:
    """A time of day on the day reviewed; the date too when it falls on another (across midnight),
    or when no day is given."""
    return clock_text(moment) if moment.astimezone().date() == day else date_time_text(moment)


def _table(name: str, headings: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headings), objectName=name)
    table.setHorizontalHeaderLabels(headings)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a day's rows: few
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _cell(text: str, background: QColor | None = None, colour: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # an item's text is never markup
    if background is not None:
        item.setBackground(QBrush(background))
    if colour is not None:
        item.setForeground(QBrush(QColor(colour)))
    return item


def _fit_rows(table: QTableWidget) -> None:
    """As tall as its rows: the dialog scrolls, not each table."""
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height)


def _overlaps(segment: day_review.Segment, spans) -> bool:
    return any(s.started_at < segment.ended_at and segment.started_at < s.ended_at for s in spans)


class OperatorSection(QWidget):
    """One operator's day: a summary line, the strip, and the segments with the gaps between."""

    HEADINGS = ["From", "To", "Time", "Job / operation", "How", "Check", ""]

    def __init__(self, review: DayReviewDialog, person: day_review.OperatorDay, day: dt.date,
                 span: tuple[dt.datetime, dt.datetime]) -> None:
        super().__init__()
        self.person = person
        self.struck = person.reversed
        self.setObjectName(f"operatorDay{person.operator_id}")
        summary = [f"{format_minutes(person.minutes_booked)} booked"]
        if person.untimed_minutes:
            summary.append(f"{format_minutes(person.untimed_minutes)} more without a start and finish")
        if person.overlaps:
            summary.append(plural(len(person.overlaps), "overlap"))
        if person.gaps:
            summary.append(plural(len(person.gaps), "gap"))
        self.title = plain_label(f"{person.operator_name} — " + " · ".join(summary), objectName="operatorDayTitle")
        self.title.setStyleSheet("font-weight: bold;" + (f" color: {theme.ALARM};" if person.overlaps else ""))
        self.timeline = DayTimeline(object_name="operatorTimeline")
        self.timeline.set_day(person.segments, person.overlaps, person.gaps, span)
        self.table = _table("operatorSegments", self.HEADINGS, 3)
        self.correct_buttons: dict[int, QPushButton] = {}  # time log id -> its Correct… button
        for kind, item in self._in_order():
            self._add_row(review, kind, item, day)
        _fit_rows(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.timeline)
        layout.addWidget(self.table)

    def _in_order(self):
        """Segments, gaps and reversed entries by start (a gap starts where a segment ends; a
        reversed entry goes before the one that replaced it)."""
        rows = [("segment", s) for s in self.person.segments] + [("gap", g) for g in self.person.gaps]
        rows += [("reversed", r) for r in self.struck]
        order = {"gap": 0, "reversed": 1, "segment": 2}
        return sorted(rows, key=lambda r: (r[1].started_at, order[r[0]]))

    def _add_row(self, review: DayReviewDialog, kind: str, item, day: dt.date) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        times = [moment_text(item.started_at, day), moment_text(item.ended_at, day),
                 format_minutes(item.minutes)]
        if kind == "gap":
            cells = [*times, "nothing booked", "", "gap"]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, _cell(text, GAP_BACKGROUND, theme.NOTE))
            return
        if kind == "reversed":  # struck through: it no longer counts, but it is not gone
            cells = [*times, where_text(item.job_number, item.op_number, item.operation_name),
                     SOURCE_WORDS.get(item.source, item.source), f"reversed: {item.reason}"]
            for col, text in enumerate(cells):
                cell = _cell(text, colour=theme.MUTED)
                font = cell.font()
                font.setStrikeOut(col < 5)
                cell.setFont(font)
                self.table.setItem(row, col, cell)
            return
        clash = _overlaps(item, self.person.overlaps)
        how = SOURCE_WORDS.get(item.source, item.source)
        if item.estimated and item.source != "estimate":
            how += " · estimate"
        cells = [*times, where_text(item.job_number, item.op_number, item.operation_name), how,
                 "overlaps another" if clash else ""]
        for col, text in enumerate(cells):
            self.table.setItem(row, col, _cell(text, OVERLAP_BACKGROUND if clash else None,
                                               theme.ALARM if clash and col == 5 else
                                               theme.DUE if item.estimated and col == 4 else None))
        button = QPushButton("Correct…", objectName=f"correctSegment{item.time_log_id}")
        button.setToolTip("Give the right time and why: the entry is reversed and the right time booked new")
        button.clicked.connect(lambda _c=False, s=item: review.correct(s))
        self.table.setCellWidget(row, len(cells), button)
        self.correct_buttons[item.time_log_id] = button


class DayReviewDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dayReviewDialog")
        self.setWindowTitle("Reconcile the day")
        self.review: day_review.DayReview | None = None
        self.edit_dialog: QDialog | None = None  # the Clock off / Correct form open, if any (tests drive it)
        self.sections: list[OperatorSection] = []
        self.clock_off_buttons: dict[int, QPushButton] = {}  # clock-on id -> its button

        self.day = date_field(ctx, object_name="reviewDay")
        self.day.set_date(ctx.db.today())
        self.before = QToolButton(text="◀", objectName="reviewDayBefore", toolTip="The day before (Alt+Left)")
        self.after = QToolButton(text="▶", objectName="reviewDayAfter", toolTip="The day after (Alt+Right)")
        self.before.setShortcut("Alt+Left")
        self.after.setShortcut("Alt+Right")
        self.today = QPushButton("Today", objectName="reviewToday")
        self.before.clicked.connect(lambda: self.move_day(-1))
        self.after.clicked.connect(lambda: self.move_day(+1))
        self.today.clicked.connect(lambda: self.show_day(ctx.db.today()))
        self.day.edit.editingFinished.connect(self.reload)
        self.summary = plain_label(objectName="reviewSummary")
        self.summary.setStyleSheet(theme.HINT_STYLE)
        top = QHBoxLayout()
        top.addWidget(QLabel("Day"))
        top.addWidget(self.before)
        top.addWidget(self.day)
        top.addWidget(self.after)
        top.addWidget(self.today)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)

        self.open_title = heading("Still clocked on")
        self.open_hint = plain_label(objectName="reviewOpenHint", wordWrap=True)
        self.open_hint.setStyleSheet(theme.HINT_STYLE)
        self.open_table = _table("openClockOns", ["Operator", "Job / operation", "Since", "Worked", "State", ""], 1)
        self.days_title = heading("Each operator's day")
        self.days_hint = plain_label(objectName="reviewDaysHint", wordWrap=True)
        self.days_hint.setStyleSheet(theme.HINT_STYLE)
        self.days_box = QVBoxLayout()
        self.days_box.setContentsMargins(0, 0, 0, 0)

        body = QWidget(objectName="reviewBody")
        body_layout = QVBoxLayout(body)
        for widget in (self.open_title, self.open_hint, self.open_table, self.days_title, self.days_hint):
            body_layout.addWidget(widget)
        body_layout.addLayout(self.days_box)
        body_layout.addStretch(1)
        scroll = QScrollArea(objectName="reviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        ctx.changed.connect(self._changed)
        self.reload()
        fit_to_screen(self, 1100, 640, minimum=(760, 400))

    # --- the day -------------------------------------------------------------------------------
    def shown_day(self) -> dt.date:
        return self.day.date() or self.ctx.db.today()

    def move_day(self, days: int) -> None:
        self.show_day(self.shown_day() + dt.timedelta(days=days))

    def show_day(self, day: dt.date) -> None:
        self.day.set_date(day)
        self.reload()

    def _changed(self, changes: Change, _initiator) -> None:
        if changes & (Change.BOOKINGS | Change.ROUTING | Change.SHOP):
            self.reload()

    def reload(self) -> None:
        day = self.shown_day()
        review = self.ctx.call(self, day_review.day_review, day).value
        if review is None:
            return
        self.review = review
        self._show_open(review.open_clock_ons)
        self._show_operators(review)
        timed = sum(len(p.segments) for p in review.operators)
        self.summary.setText(f"{date_text(day)}: {plural(len(review.operators), 'operator')}, "
                             f"{plural(timed, 'time segment')}, {len(review.open_clock_ons)} still clocked on")

    def _show_open(self, open_clock_ons) -> None:
        table = self.open_table
        table.setRowCount(0)
        self.clock_off_buttons = {}
        self.open_hint.setText("Nobody is left clocked on." if not open_clock_ons else
                               "Someone forgot to clock off? Give the time the work stopped: it is booked as an "
                               "estimate. (They are also asked at their next scan.)")
        table.setVisible(bool(open_clock_ons))
        for c in open_clock_ons:
            row = table.rowCount()
            table.insertRow(row)
            since = c.segment_started_at or c.started_at
            state = "paused" if c.paused else "running"
            for col, text in enumerate([c.operator_name, where_text(c.job_number, c.op_number, c.operation_name),
                                        moment_text(since, None), format_minutes(c.worked_minutes),
                                        state]):
                table.setItem(row, col, _cell(text))
            button = QPushButton("Clock off at…", objectName=f"clockOff{c.id}")
            button.clicked.connect(lambda _c=False, view=c: self.clock_off(view))
            button.setEnabled(not c.paused)  # a paused one has nothing running to close
            table.setCellWidget(row, 5, button)
            self.clock_off_buttons[c.id] = button
        _fit_rows(table)

    def _show_operators(self, review: day_review.DayReview) -> None:
        for section in self.sections:
            self.days_box.removeWidget(section)
            section.setParent(None)  # gone from the screen now, not when the event loop next turns
            section.deleteLater()
        self.sections = []
        segments = [(s.started_at, s.ended_at) for p in review.operators for s in p.segments]
        span = hour_span(segments, review.day)
        self.days_hint.setText("No time with a start and finish was booked on this day." if not review.operators else
                               "In order, with the gaps between (amber), overlaps (red) and corrected entries "
                               "struck through. Correct… reverses a segment with your reason and books the right "
                               "time new.")
        for person in review.operators:
            section = OperatorSection(self, person, review.day, span)
            self.days_box.addWidget(section)
            self.sections.append(section)

    # --- the edits -----------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        self.edit_dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "edit_dialog", None))
        dialog.open()

    def clock_off(self, clock_on) -> None:
        self._open(ClockOffDialog(self.ctx, clock_on, self))

    def correct(self, segment: day_review.Segment) -> None:
        self._open(CorrectTimeDialog(self.ctx, segment, self))

    def section_of(self, operator_id: int) -> OperatorSection | None:
        return next((s for s in self.sections if s.person.operator_id == operator_id), None)
