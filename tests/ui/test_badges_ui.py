"""Printing operator badges from Shop ▸ Operators and the scanner check card from the Shop menu, as a
person does: click, choose from the menu, see the preview."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from workshop.domain.scan_codes import SCANNER_CHECK_CODE
from workshop.services import workstations as ws
from workshop.ui.context import AppContext
from workshop.ui.dialogs.operators import OperatorsDialog
from support.gui import click, open_window


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _choose_from_popup(qtbot, button, downs: int) -> list[str]:
    """Click ``button``; in the menu it pops up, press Down ``downs`` times (the first Down lands on
    the first entry) and Enter. Returns the menu's entries a person can choose."""
    menu = button.menu()
    click(qtbot, button)
    qtbot.waitUntil(menu.isVisible)
    entries = [a.text() for a in menu.actions() if a.isEnabled()]
    for _ in range(downs):
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    return entries


def _preview(qtbot, parent):
    qtbot.waitUntil(lambda: getattr(parent, "_preview", None) is not None, timeout=20_000)
    preview = parent._preview
    parent._preview = None
    return preview


def test_print_badges_for_all_active_operators_or_only_the_chosen_one(qtbot, db, shop):
    ws.create_operator(db, name="J&C <b>Temp</b>", hourly_rate="20.00", workstation_ids=[])
    ws.update_operator(db, shop.anna.id, active=False)
    dialog = OperatorsDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.print_badges_button.text() == "Print &badges…"

    _choose_from_popup(qtbot, dialog.print_badges_button, downs=1)  # the first: everyone active
    preview = _preview(qtbot, dialog)
    assert preview.windowTitle() == "Operator badges" and preview.file_name == "operator-badges.pdf"
    text = _text(preview.pdf)
    assert "Tom Reed" in text and "J&C <b>Temp</b>" in text and "Anna Kowalska" not in text
    assert "2 badges" in text
    preview.close()

    # The list shows active operators by name: "J&C <b>Temp</b>" then "Tom Reed"; choose Tom.
    assert dialog.select_label("Tom Reed")
    entries = _choose_from_popup(qtbot, dialog.print_badges_button, downs=2)
    assert entries == ["All active operators", "Only Tom Reed"]
    preview = _preview(qtbot, dialog)
    assert preview.windowTitle() == "Badge for Tom Reed"
    assert preview.file_name == f"badge-OPR{shop.tom.id:04d}.pdf"
    text = _text(preview.pdf)
    assert "Tom Reed" in text and f"OPR{shop.tom.id:04d}" in text and "1 badge" in text and "Temp" not in text
    preview.close()

    # A name with & shows as typed in the menu, not as a keyboard shortcut.
    assert dialog.select_label("J&C <b>Temp</b>")
    entries = _choose_from_popup(qtbot, dialog.print_badges_button, downs=2)
    assert entries[-1] == "Only J&&C <b>Temp</b>"  # && is how a menu shows one &
    preview = _preview(qtbot, dialog)
    assert preview.windowTitle() == "Badge for J&C <b>Temp</b>" and "J&C <b>Temp</b>" in _text(preview.pdf)
    preview.close()


def test_shop_menu_prints_the_scanner_check_card(qtbot, db, shop, tmp_path):
    window = open_window(qtbot, db, tmp_path)
    shop_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.objectName() == "menu_shop")
    labels = [a.text() for a in shop_menu.actions() if a.text()]
    assert labels.index("Sca&nner check card…") == labels.index("&Operators…") + 1  # beside the badges
    action = next(a for a in shop_menu.actions() if a.text() == "Sca&nner check card…")
    action.trigger()
    preview = _preview(qtbot, window)
    assert preview.windowTitle() == "Scanner check card" and preview.file_name == "scanner-check.pdf"
    text = _text(preview.pdf)
    assert "Click in the Shop Floor scan field and scan this code." in text and SCANNER_CHECK_CODE in text
    assert "German (QWERTZ)" in text and "French (AZERTY)" in text
    preview.close()
