"""What the bench terminal asks back, each as a panel answered from the keyboard alone.

- ``FinishPanel``: the operation scanned is running: "Finished?", the quantity done, and three
  big buttons: Finished (F), Not finished — clock off (N), Pause (P). Enter is "Not finished":
  it closes the time truthfully and moves nothing on, where a wrong "finished" would mark the
  operation done and the next one ready. Esc leaves everything as it was.
- ``ForgottenPanel``: a clock-on left running from an earlier day: "When did you stop?".

The panels only gather the answer and emit it; the terminal calls the services.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain.bench_time import CLOCK_EXAMPLES
from ...services.clocking import ClockOnView
from .. import theme
from ..plain_text import plain_label
from .floor_board import job_and_op, since_text

#: Type size of the questions and their buttons: readable from a metre away.
QUESTION_PT = 20
BUTTON_PT = 16


def _sized(widget: QWidget, points: int, bold: bool = False) -> QWidget:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)
    return widget


def _big_button(text: str, name: str) -> QPushButton:
    button = QPushButton(text, objectName=name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the panel's field
    button.setMinimumHeight(52)
    _sized(button, BUTTON_PT, bold=True)
    return button


class _Panel(QFrame):
    """An amber box with a question, one input field and Esc to leave it.

    A character the answer never holds is the next person's scan arriving while the question is
    open (a badge starts with O, a job card's code with J): ``interrupted(text)`` hands it to the
    scan field, so a scanned "OPR0002" never reaches the question as O, then P for Pause."""

    cancelled = Signal()
    interrupted = Signal(str)
    #: what the answer may hold, besides digits
    ALLOWED = " .,"

    def __init__(self, name: str) -> None:
        super().__init__(objectName=name)
        self.setStyleSheet(f"#{name} {{ background: {theme.QUESTION_BACKGROUND}; border: 2px solid {theme.QUESTION}; }}"
                           f" #{name} QLabel {{ color: {theme.QUESTION}; background: transparent; border: none; }}")
        self.question = _sized(plain_label(wordWrap=True, objectName=f"{name}Question"), QUESTION_PT, bold=True)
        self.field = _sized(QLineEdit(objectName=f"{name}Field"), QUESTION_PT)
        self.field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.field and event.type() == QEvent.Type.ShortcutOverride:
            if event.key() == Qt.Key.Key_Escape:  # the panel's, not the window's Esc (revert)
                event.accept()
                return True
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.cancelled.emit()
                return True
            if self.key_pressed(event):
                return True
            text = event.text()
            if text and text.isprintable() and not (text.isdigit() or text in self.ALLOWED):
                self.interrupted.emit(text)
                return True
        return super().eventFilter(watched, event)

    def key_pressed(self, event) -> bool:
        return False

    def start(self) -> None:
        self.field.clear()
        self.field.setFocus()


class FinishPanel(_Panel):
    """Asks whether the running operation is finished. ``answered(choice, quantity_text)``: choice
    is "finished", "not_finished" or "pause"."""

    answered = Signal(str, str)
    KEYS = {Qt.Key.Key_F: "finished", Qt.Key.Key_N: "not_finished", Qt.Key.Key_P: "pause"}

    def __init__(self) -> None:
        super().__init__("finishPanel")
        self.field.setObjectName("finishQuantity")
        self.field.setPlaceholderText("(may stay empty)")
        self.buttons = {
            "finished": _big_button("Finished  (F)", "finishYes"),
            "not_finished": _big_button("Not finished — clock off  (N, Enter)", "finishNo"),
            "pause": _big_button("Pause  (P)", "finishPause"),
        }
        for choice, button in self.buttons.items():
            button.clicked.connect(lambda _=False, c=choice: self._answer(c))
        self.buttons["not_finished"].setDefault(True)
        hint = plain_label("Type the quantity done, then F, N or P.   Esc: leave it running.")
        _sized(hint, 13)
        self.field.returnPressed.connect(lambda: self._answer("not_finished"))
        grid = QGridLayout()
        grid.addWidget(self.buttons["finished"], 0, 0)
        grid.addWidget(self.buttons["pause"], 0, 1)
        grid.addWidget(self.buttons["not_finished"], 1, 0, 1, 2)
        quantity = QHBoxLayout()
        quantity.addWidget(_sized(plain_label("Quantity done:"), QUESTION_PT - 6))
        quantity.addWidget(self.field, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(quantity)
        layout.addLayout(grid)
        layout.addWidget(hint)
        self.clock_on: ClockOnView | None = None

    def ask(self, clock_on: ClockOnView) -> None:
        self.clock_on = clock_on
        self.question.setText("Finished?")  # the answer above names the operation
        self.start()

    def key_pressed(self, event) -> bool:
        choice = self.KEYS.get(Qt.Key(event.key()))
        held = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                    | Qt.KeyboardModifier.MetaModifier)
        if choice is not None and not held:
            self._answer(choice)
            return True
        return False

    def _answer(self, choice: str) -> None:
        self.answered.emit(choice, self.field.text().strip())


class ForgottenPanel(_Panel):
    """Asks when a forgotten clock-on stopped. ``answered(clock_on, text)``: the time typed."""

    answered = Signal(object, str)
    ALLOWED = " .:hH"  # 7:30, 7.30, 15h10

    def __init__(self) -> None:
        super().__init__("forgottenPanel")
        self.field.setObjectName("forgottenTime")
        self.field.setPlaceholderText(f"the time you stopped: {CLOCK_EXAMPLES}")
        self.field.returnPressed.connect(lambda: self.answered.emit(self.clock_on, self.field.text().strip()))
        hint = _sized(plain_label("Type the time, then Enter.   Esc: leave it for the day's review."), 13)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.field)
        layout.addWidget(hint)
        self.clock_on: ClockOnView | None = None

    def ask(self, clock_on: ClockOnView, today: dt.date) -> None:
        self.clock_on = clock_on
        since = clock_on.segment_started_at or clock_on.started_at
        self.question.setText(f"You were clocked on to {job_and_op(clock_on)} since {since_text(since, today)}. "
                              "When did you stop?")
        self.start()
