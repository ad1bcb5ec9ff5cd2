"""Company settings ▸ Shop floor: the one switch that lets an operator be clocked on to several
operations at once, ticked as a person ticks it, saved, and shown ticked the next time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from support.gui import click
from workshop.services import settings
from workshop.ui.context import AppContext
from workshop.ui.dialogs.company_settings import CompanySettingsDialog


def open_settings(qtbot, db) -> CompanySettingsDialog:
    dialog = CompanySettingsDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_several_clock_ons_is_off_until_ticked_then_saved_and_shown_again(qtbot, db):
    assert settings.get_settings(db).several_clock_ons is False
    dialog = open_settings(qtbot, db)
    page = next(i for i in range(dialog.pages.count()) if dialog.pages.tabText(i) == "Shop floor")
    dialog.pages.setCurrentIndex(page)
    box = dialog.forms["shop_floor"].widgets["several_clock_ons"]
    assert box.text().replace("&", "") == "An operator may be clocked on to several operations at once"
    assert not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert not dialog.isVisible()
    assert settings.get_settings(db).several_clock_ons is True

    again = open_settings(qtbot, db)
    assert again.forms["shop_floor"].widgets["several_clock_ons"].isChecked()
