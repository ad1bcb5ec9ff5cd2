"""The window's colours, named by what they say, so one red means "late, over, failed or wrong"
everywhere. Printing keeps its own in ``printing/styles``."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

# --- what a colour says -------------------------------------------------------------------------
ALARM = "#b00020"             # late, over the estimate, failed, short of stock, an error
ALARM_BACKGROUND = "#fdecee"
GOOD = "#1b7f3b"              # under the estimate, a won brief, an accepted quote
PASSED = "#1b5e20"            # a passed check, ready to deliver
PASSED_BACKGROUND = "#e8f5e9"
DUE = "#8a5a00"               # a check not made yet
NOTE = "#5d4037"              # a remark worth reading, not an alarm
NOTE_BACKGROUND = "#fff8e1"
PRICE = "#1f5fa8"             # a quote's price, an open brief
QUESTION = "#7a4f00"          # the bench terminal asks something back ("finished?")
QUESTION_BACKGROUND = "#fff3c4"
MUTED = "#808080"             # closed, lost, withdrawn, done
PROGRESS = "#2e7d32"          # the filled part of a progress bar
PROGRESS_TRACK = "#dddddd"

# --- text and panels ----------------------------------------------------------------------------
TEXT = "#222222"
TEXT_SOFT = "#333333"         # secondary lines under a heading
HINT = "#555555"              # captions, counts, hints
BORDER = "#888888"
PANEL = "#f4f6f8"             # the explanation and detail boxes
PANEL_BORDER = "#d0d4d8"

# --- the shop path (operations drawn as boxes) --------------------------------------------------
CANVAS = "#f7f7f5"
CURRENT_FILL, CURRENT_PEN = "#fff3c4", "#e08a00"
DONE_FILL, DONE_PEN = "#eeeeee", "#9e9e9e"
TODO_FILL, TODO_PEN = "#ffffff", "#5c6b7a"

#: Style sheets used by many labels.
HINT_STYLE = f"color: {HINT};"
ERROR_STYLE = f"color: {ALARM};"
PANEL_STYLE = f"background: {PANEL}; border: 1px solid {PANEL_BORDER}; padding: 6px;"


def banner_style(good: bool, *, bold: bool = True) -> str:
    """A line that says yes (green on pale green) or no (red on pale red)."""
    colour, background = (PASSED, PASSED_BACKGROUND) if good else (ALARM, ALARM_BACKGROUND)
    return f"color: {colour}; background: {background}; padding: 6px;" + (" font-weight: bold;" if bold else "")


def brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))
