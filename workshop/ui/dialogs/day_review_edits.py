"""The two edits of the day's review, each a small form that calls its service itself and closes
only when it worked: a forgotten clock-off closed at a time given now (booked as an estimate),
and a time segment corrected with a reason (the original reversed, the right time booked new)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from ...domain.bench_time import CLOCK_EXAMPLES, moment_on
from ...domain.clocking import where_text
from ...domain.errors import ValidationError
from ...services import clocking, day_review
from ..dates import clock_text, date_text
from ..models.operations_model import format_minutes
from ..widgets.date_edit import date_field
from .form_dialog import SimpleDialog


def moment(day: dt.date | None, clock: str, field: str) -> dt.datetime:
    """``clock`` (7:30, 0730, 15h10) on ``day``, in this PC's time zone; a ValidationError naming
    ``field`` when either cannot be read."""
    if day is None:
        raise ValidationError("day", "Type the day, or pick it from the calendar.")
    try:
        return moment_on(day, clock)
    except ValueError as exc:
        raise ValidationError(field, str(exc)) from None


def typed_clock(moment: dt.datetime) -> str:
    """A time of day as it is typed back (``parse_clock_time`` reads 24-hour ``14:05``)."""
    return f"{moment.astimezone():%H:%M}"




class ClockOffDialog(SimpleDialog):
    """When did the work stop? The open segment is booked up to then, marked as an estimate."""

    def __init__(self, ctx, clock_on: clocking.ClockOnView, parent: QWidget | None = None) -> None:
        begun = clock_on.segment_started_at or clock_on.started_at
        super().__init__("Clock off afterwards", object_name="clockOffDialog", parent=parent, ok_text="Clock off",
                         general_error=True,
                         intro=f"{clock_on.operator_name} clocked on to "
                               f"{where_text(clock_on.job_number, clock_on.op_number, clock_on.operation_name)} "
                               f"at {clock_text(begun)} on {date_text(begun)} and has not clocked off. When did "
                               "the work stop? The time is booked as an estimate.")
        self.ctx = ctx
        self.clock_on = clock_on
        self.result_value = None
        self.day = self.add_row("&Day", date_field(ctx, object_name="clockOffDay"), "day")
        self.day.set_date(begun.astimezone().date())
        self.stopped = self.add_row("&Stopped at", QLineEdit(objectName="clockOffTime"), "stopped_at")
        self.stopped.setToolTip(f"A time of day: {CLOCK_EXAMPLES}")
        self.finished_box = self.add_row("", QCheckBox("The operation is finished", objectName="clockOffFinished"))
        self.stopped.setFocus()
        self.finish(460, minimum=(420, 0))

    def save(self) -> None:
        self.errors.clear()
        try:
            stopped_at = moment(self.day.date(), self.stopped.text(), "stopped_at")
        except ValidationError as error:
            self.errors.show(error)
            return
        outcome = self.ctx.call(self, clocking.close_forgotten, self.clock_on.id, stopped_at,
                                finished=self.finished_box.isChecked(), on_invalid=self.errors.show)
        if outcome.ok:
            self.result_value = outcome.value
            self.accept()


class CorrectTimeDialog(SimpleDialog):
    """A segment's right start and finish (or minutes) and why: the service reverses the original
    with a correction entry and books the right time new; nothing is edited in place."""

    def __init__(self, ctx, segment: day_review.Segment, parent: QWidget | None = None) -> None:
        super().__init__("Correct a time", object_name="correctTimeDialog", parent=parent, ok_text="Correct",
                         general_error=True,
                         intro=f"{where_text(segment.job_number, segment.op_number, segment.operation_name)}: "
                               f"{clock_text(segment.started_at)}–{clock_text(segment.ended_at)} "
                               f"({format_minutes(segment.minutes)}). The entry is reversed with your reason and "
                               "the right time booked as a new entry; both stay in the job's history.")
        self.ctx = ctx
        self.segment = segment
        self.result_value = None
        self.start = self.add_row("&Start", QLineEdit(typed_clock(segment.started_at), objectName="correctStart"),
                                  "started_at")
        self.end = self.add_row("&Finish", QLineEdit(typed_clock(segment.ended_at), objectName="correctFinish"),
                                "ended_at")
        for edit in (self.start, self.end):
            edit.setToolTip(f"A time of day: {CLOCK_EXAMPLES}")
        self.minutes = self.add_row("or &Minutes", QLineEdit(objectName="correctMinutes"), "minutes")
        self.minutes.setToolTip("Only the time worked (80, 1h20, 1:20); the start and finish are then kept")
        self.reason = self.add_row("&Reason", QPlainTextEdit(objectName="correctReason", tabChangesFocus=True),
                                   "reason")
        self.reason.setFixedHeight(64)
        self.start.setFocus()
        self.finish(480, minimum=(440, 0))

    def save(self) -> None:
        self.errors.clear()
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.errors.show(ValidationError("reason", "Say why the time is wrong: the reason stays with the "
                                                       "correction."))
            return
        if self.minutes.text().strip():
            times = dict(minutes=self.minutes.text())
        else:
            try:
                # each on the day the segment had: a correction moves the time, not the day
                times = dict(started_at=moment(self.segment.started_at.astimezone().date(), self.start.text(),
                                               "started_at"),
                             ended_at=moment(self.segment.ended_at.astimezone().date(), self.end.text(), "ended_at"))
            except ValidationError as error:
                self.errors.show(error)
                return
        outcome = self.ctx.call(self, day_review.correct_time, self.segment.time_log_id, reason=reason,
                                on_invalid=self.errors.show, **times)
        if outcome.ok:
            self.result_value = outcome.value
            self.accept()
