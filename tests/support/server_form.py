"""The Open server dialog's fields typed in as a person does (File ▸ Open server… and Move this shop to a
server…, which is that dialog with another title: ui/dialogs/open_server.py, move_shop.py)."""

from __future__ import annotations


def type_in(qtbot, dialog, **values) -> None:
    """Each field named (host, port, database, user, password) cleared, then ``values``' text typed into it."""
    for field, text in values.items():
        edit = dialog.password if field == "password" else dialog.fields[field]
        edit.clear()
        qtbot.keyClicks(edit, text)
