"""The quote editor's Remove line and Remove hours buttons, clicked as a person does: the chosen row
goes, else (none chosen) the last; on an empty table nothing happens. Remove line says the quote
changed only when a line went."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workshop.ui.widgets.quote_hours import QuoteHoursBox
from workshop.ui.widgets.quote_lines import QuoteLinesBox

LINES = [("labour", "Making", "400.00"), ("materials", "Oak", "250.00"), ("other", "Delivery", "40.00")]


def test_remove_line_takes_the_chosen_line_else_the_last(qtbot):
    box = QuoteLinesBox("£", from_job=False)
    qtbot.addWidget(box)
    box.set_lines(LINES)
    changes: list[bool] = []
    box.changed.connect(lambda: changes.append(True))

    box.table.setCurrentCell(0, 1)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert [line["description"] for line in box.lines()] == ["Oak", "Delivery"]

    box.table.setCurrentCell(-1, -1)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert [line["description"] for line in box.lines()] == ["Oak"]

    box.table.setCurrentCell(-1, -1)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)  # nothing left to remove
    assert box.lines() == [] and len(changes) == 3


def test_remove_hours_takes_the_chosen_row_else_the_last(qtbot):
    box = QuoteHoursBox([(1, "SAW — Panel saw"), (2, "BENCH — Assembly bench")], "en_GB")
    qtbot.addWidget(box)
    for station, hours in ((1, "2"), (2, "5"), (1, "1.5")):
        box.add_row(station, hours)

    box.table.setCurrentCell(1, 1)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert box.rows() == [(1, "2"), (1, "1.5")]

    box.table.setCurrentCell(-1, -1)
    for _ in range(3):
        qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert box.rows() == []
