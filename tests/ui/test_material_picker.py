"""The material picker as a person uses it: type a few letters, press Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workshop.ui.context import AppContext
from workshop.ui.dialogs.material_picker import MaterialPicker


def test_enter_on_one_hit_chooses_it_and_on_several_waits_for_a_second_enter(qtbot, db, shop):
    picker = MaterialPicker(AppContext(db))
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.search, "oak")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # before the search has run: it runs, one hit
    assert picker.result() == picker.DialogCode.Accepted and picker.chosen().code == "OAK-25"

    picker = MaterialPicker(AppContext(db))
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.search, "o")  # Oak board, Hardwax oil, soft-close hinge: three hits
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.isVisible() and picker.model.rowCount() == 3  # the list, to choose from
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # the first one, as shown selected
    assert picker.result() == picker.DialogCode.Accepted and picker.chosen().code == picker.model.index(0, 0).data()
