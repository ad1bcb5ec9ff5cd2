"""The job list's progress column: the ``done/total`` text with a thin bar under it, the done part as
long as the fraction done (issue 17: paging down the list is paint-bound; the column's cells were
painted through the styled item, eight calls into the model a cell). Each look is drawn once and then
copied; what a person sees is the same as before: checked on the painted pixels."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QStyledItemDelegate, QTableView

from workshop.services.jobs import JobRow
from workshop.ui import theme
from workshop.ui.models.jobs_model import JobsModel
from workshop.ui.widgets.job_list import ProgressDelegate


def job(number: int, done: int, total: int) -> JobRow:
    return JobRow(number, f"J-{number:04d}", "Harrow & Finch Interiors", "Oak table", dt.date(2027, 2, 1),
                  "in_progress", "normal", 1, done, total, False)


@pytest.fixture
def table(qtbot):
    rows = [job(1, 1, 2), job(2, 0, 0), job(3, 3, 4), job(4, 1, 2)]
    model = JobsModel(lambda offset, limit: rows[offset:offset + limit])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.fetchMore()
    view.verticalHeader().setDefaultSectionSize(26)
    view.setColumnWidth(JobsModel.PROGRESS, 64)
    view.resize(900, 200)
    view.show()
    qtbot.waitExposed(view)
    return view


def cell(view, row: int, delegate) -> QImage:
    """The progress cell of ``row`` painted by ``delegate``, on the view's base colour."""
    view.setItemDelegateForColumn(JobsModel.PROGRESS, delegate)
    view.viewport().repaint()
    rect = view.visualRect(view.model().index(row, JobsModel.PROGRESS))
    return view.viewport().grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB32)


def colour(image: QImage, x: int, y: int) -> str:
    return QColor(image.pixel(x, y)).name()


def test_the_bar_is_as_long_as_the_fraction_done(table):
    half = cell(table, 0, ProgressDelegate(table))  # 1 of 2 operations
    bar_y = half.height() - 4  # the bar: 6 px in from each side, 3 px high, 2 px above the bottom
    left, right = 6, half.width() - 7
    middle = left + (right - left + 1) // 2
    assert colour(half, left, bar_y) == colour(half, middle - 1, bar_y) == QColor(theme.PROGRESS).name()
    assert colour(half, middle + 1, bar_y) == colour(half, right, bar_y) == QColor(theme.PROGRESS_TRACK).name()
    three_quarters = cell(table, 2, ProgressDelegate(table))
    at = left + (right - left + 1) * 3 // 4
    assert colour(three_quarters, at - 2, bar_y) == QColor(theme.PROGRESS).name()
    assert colour(three_quarters, at + 1, bar_y) == QColor(theme.PROGRESS_TRACK).name()
    none = cell(table, 1, ProgressDelegate(table))  # no operations yet: "—", no bar
    assert {colour(none, x, bar_y) for x in range(none.width() - 1)} == {colour(none, 1, 1)}


def test_the_text_is_drawn_as_the_styled_item_drew_it(table):
    for row in (0, 1, 2):
        ours = cell(table, row, ProgressDelegate(table))
        styled = cell(table, row, QStyledItemDelegate(table))
        text_part = QRect(0, 0, ours.width(), ours.height() - 6)  # above the bar
        assert ours.copy(text_part) == styled.copy(text_part)
    table.selectRow(0)  # selected: the selection's colours
    ours = cell(table, 0, ProgressDelegate(table))
    styled = cell(table, 0, QStyledItemDelegate(table))
    assert ours.copy(QRect(0, 0, ours.width(), ours.height() - 6)) == styled.copy(
        QRect(0, 0, styled.width(), styled.height() - 6))


def test_each_look_is_drawn_once(table, monkeypatch):
    delegate = ProgressDelegate(table)
    drawn = []
    real = delegate._draw
    monkeypatch.setattr(delegate, "_draw", lambda *args: drawn.append(args[1]) or real(*args))
    for _ in range(3):
        cell(table, 0, delegate)
    cell(table, 2, delegate)
    # rows 0 and 3 look alike (1/2): one drawing for both; row 1 (no operations, "—") and row 2 (3/4) theirs
    assert sorted(drawn) == ["1/2", "3/4", "—"]
