"""The Stock tab as a person reaches it: the window open on it, a page chosen by its key."""

from __future__ import annotations

from PySide6.QtCore import Qt

from support.gui import open_window


def open_stock_page(qtbot, db, tmp_path, page: int):
    """The window at 1280×720 on the Stock tab, page ``page`` (1 Materials … 6 Stocktake) chosen with
    Alt+``page``, its table focused. Returns (window, tab, page)."""
    window = open_window(qtbot, db, tmp_path, tab="stock")
    tab = window.current_tab()
    return window, tab, go_to_page(qtbot, window, tab, page)


def go_to_page(qtbot, window, tab, page: int):
    """Alt+``page`` in the Stock tab (the window active, as when a person presses keys)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tab.page().table.setFocus()
    qtbot.keyClick(tab.page().table, getattr(Qt.Key, f"Key_{page}"), Qt.KeyboardModifier.AltModifier)
    shown = tab.page()
    assert shown is tab.pages[page - 1]
    listed(qtbot, shown)
    return shown


def listed(qtbot, page) -> None:
    """What the page reads off the GUI thread (the Materials page's list and movements) has come."""
    qtbot.waitUntil(lambda: not page.busy)


def select_row(qtbot, page, text: str, column: int = 0) -> None:
    """Click the row whose ``column`` shows ``text``."""
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.index(r, column).data() == text)
    rect = page.table.visualRect(model.index(row, column))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current() is not None


def cell(page, first: str, column: int) -> str:
    """What the row whose first column shows ``first`` shows in ``column``."""
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == first)
    return model.index(row, column).data()


def type_into(qtbot, view, row: int, column: int, text: str) -> None:
    """Go to a cell of any table view (a QTableWidget's or a model's), open it, type, Enter."""
    from support.gui import type_text

    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)  # the cell's open editor
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)  # Qt commits on the next turn


def when_opens(act, check) -> list:
    """``support.gui.when_dialog_opens``, but a failing check inside ``act`` closes every modal dialog
    (the test then fails on the error) instead of leaving one open and the test waiting for ever."""
    from PySide6.QtWidgets import QApplication, QDialog

    from support.gui import when_dialog_opens

    def safely(dialog):
        try:
            act(dialog)
        except BaseException:
            while isinstance(QApplication.activeModalWidget(), QDialog):
                QApplication.activeModalWidget().done(0)
            raise

    return when_dialog_opens(safely, check=check)
