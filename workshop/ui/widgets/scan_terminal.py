"""The bench terminal: one scan field that always has the keyboard, and big answers.

A keyboard-wedge scanner types its code and presses Enter. A badge chooses the operator; an
operation's code then clocks on, resumes a paused clock-on, or (when it is running) asks
"Finished?" with the quantity done. Every answer is in big type, coloured by what it says
(green done, amber asks, red refused), with a beep (three for a refusal), and never a dialog: a shared terminal by
the door has nobody to click one away. The same code read twice within 3 seconds is the scanner
repeating itself and is ignored; Ctrl+Z takes the last scan back; the operator is forgotten after
a minute without a scan, so the next person cannot book on their badge.

Every write goes through ``AppContext.call``, so the board and the other tabs refresh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout,
                               QWidget)

from ...domain.bench_time import stopped_moment
from ...domain.clocking import REPEAT_SECONDS, RepeatGuard
from ...domain.errors import WorkshopError
from ...services import clocking
# The first clock-on of a released job starts the job, whose status change reads the final gate
# (services.jobs loads it lazily): loaded with the terminal, so no scan pays the 20 ms import.
from ...services import gate  # noqa: F401
from ...services.clocking import ClockOnView, ClockResult, FloorOperator, ForgottenClockOff, ScanOutcome, UndoToken
from .. import theme
from ..context import AppContext
from ..plain_text import ElidedLabel, plain_label
from ..tasks import Task, report_failure, run_task
from .floor_board import job_and_op
from .scan_questions import FinishPanel, ForgottenPanel

#: A shared terminal forgets its operator after this long without a scan.
IDLE_SECONDS = 60
#: How often the terminal looks whether its operator has gone idle.
IDLE_CHECK_MS = 5_000

ANSWER_PT = 28  # the answer: readable from a metre away
LONG_ANSWER_PT = 20  # a long one (how to scan a code that did not read) still fits whole
LONG_ANSWER = 90  # characters
DETAIL_PT = 15
OPERATOR_PT = 26
FIELD_PT = 22

#: What a result looks like: (text colour, background).
LOOKS = {
    "ok": (theme.PASSED, theme.PASSED_BACKGROUND),
    "ask": (theme.QUESTION, theme.QUESTION_BACKGROUND),
    "refused": (theme.ALARM, theme.ALARM_BACKGROUND),
    "quiet": (theme.HINT, theme.PANEL),
}
#: How each answer sounds, in system beeps: one for an answer, three quick ones for a refusal, so
#: someone already walking away hears that it did not book; none for a quiet note. (A beep is the
#: sound every desktop has; QtMultimedia would cost the bundle ~10 MiB.)
BEEPS = {"ok": 1, "ask": 1, "refused": 3, "quiet": 0}
BEEP_GAP_MS = 160
#: The terminal first shown, the scan is rehearsed this much later (once it has painted).
REHEARSE_AFTER_MS = 100
#: Quiet this long after an answer, the database's write-ahead log is copied into the file.
TIDY_AFTER_MS = 2_000
WAITING = "Scan your badge, then the operation's code on the job card."
NOBODY = "Nobody scanned in"


def _rehearse(_state, db) -> bool:
    """On a pool thread: the rehearsal (plain data in and out)."""
    return clocking.rehearse(db)


def _rehearsal_failed(exc: BaseException) -> None:
    if not isinstance(exc, WorkshopError):
        report_failure(exc)  # a bug: the crash dialog, as anywhere
    # else only a warm-up: a busy or failing shop is told at the first real scan


def _font(widget: QWidget, points: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)


class ScanTerminal(QWidget):
    """The scan field, the operator, the answer and the questions. ``now`` tells the time (the
    database's clock by default: tests move it on)."""

    #: after every answer: its look ("ok", "ask", "refused", "quiet") and its big line
    answered = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 now: Callable[[], dt.datetime] | None = None, idle_seconds: int = IDLE_SECONDS) -> None:
        super().__init__(parent)
        self.setObjectName("scanTerminal")
        self.ctx = ctx
        self._now = now or ctx.db.now
        self.idle_after = dt.timedelta(seconds=idle_seconds)
        self.operator: FloorOperator | None = None
        self.undo_token: UndoToken | None = None
        self.guard = RepeatGuard(REPEAT_SECONDS)
        self._last_scan_at: dt.datetime | None = None
        self._questions: list[tuple[str, ClockOnView]] = []  # ("forgotten" | "finish", clock-on) still to ask
        #: a scan refused until a forgotten clock-off is answered: scanned again once it is
        self._scan_after_forgotten: str | None = None
        #: the scan walked through off the GUI thread when the terminal first shows (``rehearse``)
        self.rehearsal: Task | None = None
        self._rehearsal_due = False

        self.operator_label = ElidedLabel(NOBODY, objectName="scanOperator")
        _font(self.operator_label, OPERATOR_PT, bold=True)
        self.field = QLineEdit(objectName="scanField")
        self.field.setPlaceholderText("scan your badge")
        _font(self.field, FIELD_PT)
        self.field.returnPressed.connect(self._scanned)
        self.field.installEventFilter(self)
        self.answer = plain_label(objectName="scanAnswer", wordWrap=True)
        _font(self.answer, ANSWER_PT, bold=True)
        self.detail = plain_label(objectName="scanDetail", wordWrap=True)
        _font(self.detail, DETAIL_PT)

        self.finish_panel = FinishPanel()
        self.finish_panel.answered.connect(self._finish_answered)
        self.finish_panel.cancelled.connect(self._finish_cancelled)
        self.finish_panel.interrupted.connect(self._interrupted)
        self.forgotten_panel = ForgottenPanel()
        self.forgotten_panel.answered.connect(self._forgotten_answered)
        self.forgotten_panel.cancelled.connect(self._forgotten_skipped)
        self.forgotten_panel.interrupted.connect(self._interrupted)
        self.questions = QStackedWidget(objectName="scanQuestions")
        self.questions.addWidget(QWidget())  # nothing asked
        self.questions.addWidget(self.finish_panel)
        self.questions.addWidget(self.forgotten_panel)

        self.undo_button = QPushButton("Undo last scan  (Ctrl+Z)", objectName="scanUndo")
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        _font(self.undo_button, 14)
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_last)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo_button)
        bottom.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.operator_label)
        layout.addWidget(self.field)
        layout.addWidget(self.answer)
        layout.addWidget(self.detail)
        layout.addWidget(self.questions)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self._answer("quiet", "Ready", WAITING)

        self.idle_timer = QTimer(self, interval=IDLE_CHECK_MS)
        self.idle_timer.timeout.connect(self.forget_idle_operator)
        self.idle_timer.start()
        # The database's log is tidied between scans, so the next scan's save stays quick.
        self.tidy_timer = QTimer(self, singleShot=True, interval=TIDY_AFTER_MS)
        self.tidy_timer.timeout.connect(self.tidy_log)

    def tidy_log(self) -> bool:
        """Checkpoint the shop's log while nobody is scanning (``Database.tidy_log``)."""
        return self.ctx.db.tidy_log()

    # --- the keyboard stays here ----------------------------------------------------------------
    def take_focus(self) -> None:
        """Back to the field that is waiting for input: a question's, else the scan field."""
        current = self.questions.currentWidget()
        (current.field if current in (self.finish_panel, self.forgotten_panel) else self.field).setFocus()

    def come_back(self) -> None:
        """After a dialog over the terminal: its window to the front and the keyboard to the scanner
        at once, not only when the window system gets round to it."""
        self.window().activateWindow()
        self.take_focus()

    def _fit_answer(self) -> None:
        """As tall as its wrapped lines at its width: the layout does not ask a wrapping label (the
        window's own size comes first), and a long answer was cut off at top and bottom."""
        for label in (self.answer, self.detail):
            label.setMinimumHeight(label.heightForWidth(max(label.width(), 200)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_answer()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        QTimer.singleShot(0, self, self.take_focus)
        if self.rehearsal is None and not self._rehearsal_due:
            # after the terminal has painted: the worker holding the GIL meanwhile slowed the first paint
            self._rehearsal_due = True
            QTimer.singleShot(REHEARSE_AFTER_MS, self, self.rehearse)

    def rehearse(self) -> None:
        """Once the terminal shows: a scan walked through and rolled back (``clocking.rehearse``), so the
        first person's scan answers as quickly as the rest (cold, a clock-on took ~60 ms). It runs off
        the GUI thread: cold, the walk itself took ~100-300 ms (40 statements compiled the first time),
        which froze the tab as it was first shown. What it warms (SQLAlchemy's compiled statements,
        the locale's data, the modules) is shared by every thread."""
        if self.rehearsal is not None:
            return
        self.rehearsal = run_task(_rehearse, self.ctx.db, on_error=_rehearsal_failed, parent=self)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API: the window came back to the front
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.take_focus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Ctrl+Z in the scan field takes the last scan back (the field's own undo has nothing to undo).
        if watched is self.field and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            if event.matches(QKeySequence.StandardKey.Undo):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.undo_last()
                return True
        return super().eventFilter(watched, event)

    # --- answers --------------------------------------------------------------------------------
    def _answer(self, look: str, message: str, detail: str = "") -> None:
        colour, background = LOOKS[look]
        self.answer.setStyleSheet(f"color: {colour}; background: {background}; padding: 10px;")
        _font(self.answer, ANSWER_PT if len(message) <= LONG_ANSWER else LONG_ANSWER_PT, bold=True)
        self.answer.setText(message)
        self.detail.setText(detail)
        self._fit_answer()
        self.answer.setProperty("look", look)
        for n in range(BEEPS[look]):
            if n == 0:
                QApplication.beep()
            else:
                QTimer.singleShot(n * BEEP_GAP_MS, QApplication.beep)
        if look != "quiet":
            self.tidy_timer.start()  # restarted by each answer: it runs once the bench is quiet
        self.answered.emit(look, message)

    def _refused(self, error: WorkshopError) -> None:
        if isinstance(error, ForgottenClockOff):  # not a refusal: a question first
            self._questions = [("forgotten", view) for view in error.clock_ons]
            self._answer("ask", error.message)
            self._ask_next()
            return
        self._answer("refused", error.message, error.details)

    def _show_operator(self) -> None:
        if self.operator is None:
            self.operator_label.setText(NOBODY)
            self.field.setPlaceholderText("scan your badge")
        else:
            self.operator_label.setText(self.operator.name)
            self.field.setPlaceholderText("scan an operation's code")

    # --- scanning -------------------------------------------------------------------------------
    def forget_idle_operator(self) -> None:
        """A minute without a scan: the person has gone; the next one scans their own badge."""
        if self.operator is None or self._last_scan_at is None:
            return
        if self._now() - self._last_scan_at >= self.idle_after:
            self.operator = None
            self._questions.clear()
            self.questions.setCurrentIndex(0)
            self._show_operator()
            self._answer("quiet", "Ready", WAITING)
            self.take_focus()

    def _scanned(self) -> None:
        text = self.field.text()
        self.field.clear()
        if not text.strip():
            return
        now = self._now()
        if self.guard.is_repeat(text, now):
            self._answer("quiet", "Already scanned", "The same code twice within 3 seconds counts once.")
            return
        self.forget_idle_operator()
        self._last_scan_at = now
        self._scan(text)

    def _scan(self, text: str) -> None:
        self._scan_after_forgotten = text  # kept only while a forgotten clock-off is asked about
        done = self.ctx.call(self, clocking.scan, text, self.operator.id if self.operator else None,
                             on_error=self._refused)
        if not self._questions or self._questions[0][0] != "forgotten" or done.ok:
            self._scan_after_forgotten = None
        if done.ok:
            self._took(done.value)

    def _took(self, outcome: ScanOutcome) -> None:
        if outcome.operator is not None:
            self.operator = outcome.operator
            self._show_operator()
        if outcome.undo is not None:
            self._remember_undo(outcome.undo)
        self._questions = [("forgotten", view) for view in outcome.forgotten]
        if outcome.kind == "ask_finish" and outcome.clock_on is not None:
            self._questions.append(("finish", outcome.clock_on))
        self._answer("ask" if outcome.kind == "ask_finish" else "ok", outcome.message, outcome.detail)
        self._ask_next()

    def _remember_undo(self, token: UndoToken | None) -> None:
        self.undo_token = token
        self.undo_button.setEnabled(token is not None)

    def _ask_next(self) -> None:
        if not self._questions:
            self.questions.setCurrentIndex(0)
        else:
            kind, clock_on = self._questions[0]
            if kind == "forgotten":
                self.questions.setCurrentWidget(self.forgotten_panel)
                self.forgotten_panel.ask(clock_on, self._now().astimezone().date())
            else:
                self.questions.setCurrentWidget(self.finish_panel)
                self.finish_panel.ask(clock_on)
        self.take_focus()

    def _question_done(self, *, answered: bool = True) -> None:
        if self._questions:
            self._questions.pop(0)
        if not answered:
            self._scan_after_forgotten = None
        if not self._questions and self._scan_after_forgotten is not None:
            text, self._scan_after_forgotten = self._scan_after_forgotten, None
            self._scan(text)  # what was scanned before the question, now that it is answered
            return
        self._ask_next()

    # --- the answers to the questions ------------------------------------------------------------
    def _finish_answered(self, choice: str, quantity: str) -> None:
        clock_on = self.finish_panel.clock_on
        self._last_scan_at = self._now()  # an answer counts as being at the terminal
        if choice == "pause":
            done = self.ctx.call(self, clocking.pause, clock_on.id, on_error=self._refused)
        else:
            done = self.ctx.call(self, clocking.clock_off, clock_on.id, finished=choice == "finished",
                                 quantity_done=quantity or None, on_error=self._refused)
        if not done.ok:
            self.take_focus()  # refused (a quantity that is no number): the question stays open
            return
        result: ClockResult = done.value
        self._remember_undo(result.undo)
        self._answer("ok", result.message)
        self._question_done()

    def _finish_cancelled(self) -> None:
        clock_on = self.finish_panel.clock_on
        if clock_on is None:
            return
        self._answer("quiet", "Nothing changed", f"Still clocked on to {job_and_op(clock_on)}.")
        self._question_done(answered=False)

    def _forgotten_answered(self, clock_on: ClockOnView, text: str) -> None:
        self._last_scan_at = self._now()
        since = clock_on.segment_started_at or clock_on.started_at
        try:
            stopped_at = stopped_moment(text, since)
        except ValueError as exc:
            self._answer("refused", str(exc))
            self.take_focus()
            return
        done = self.ctx.call(self, clocking.close_forgotten, clock_on.id, stopped_at, on_error=self._refused)
        if not done.ok:
            self.take_focus()
            return
        result: ClockResult = done.value
        self._remember_undo(result.undo)
        self._answer("ok", result.message, "Saved as an estimate.")
        self._question_done()

    def _forgotten_skipped(self) -> None:
        self._answer("quiet", "Left for the day's review", "Reconcile the day to close it.")
        self._question_done(answered=False)

    def _interrupted(self, text: str) -> None:
        """A scan began while a question was open: the question is left unanswered (nothing
        changes) and the scan goes on in the scan field."""
        self._questions.clear()
        self._scan_after_forgotten = None
        self.questions.setCurrentIndex(0)
        self.field.setText(text)
        self.field.setFocus()

    # --- undo -----------------------------------------------------------------------------------
    def undo_last(self) -> None:
        if self.undo_token is None:
            self._answer("quiet", "Nothing to undo")
            self.take_focus()
            return
        self._last_scan_at = self._now()
        done = self.ctx.call(self, clocking.undo, self.undo_token, on_error=self._refused)
        if done.ok:
            self._remember_undo(None)
            self.guard.forget()  # the same code may be scanned again at once
            self._questions.clear()
            self.questions.setCurrentIndex(0)
            self._answer("ok", "Undone", done.value if isinstance(done.value, str) else "")
        self.take_focus()
