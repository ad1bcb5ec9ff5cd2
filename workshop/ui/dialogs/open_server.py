"""File ▸ Open server…: the shop's PostgreSQL server by its host, port, database and user, and the
password, kept on this PC when asked (``services/servers.py``, ``db/credentials.py``: the keyring, else the PostgreSQL password
file; never Workshop's settings). The window opens it the way File ▸ Open opens a file, with the same
dialogs for what goes wrong; this dialog stays open until it has opened, so nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from ...domain.errors import ValidationError
from ...services.servers import ServerLogin, password_place
from .. import window_state as ws
from ..plain_text import plain_label
from .form_dialog import SimpleDialog

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 5432

#: (field, label, what the owner is told when it is left empty)
_NAMED = (("host", "&Host", "Type the server's name or address (localhost when it runs on this PC)."),
          ("port", "&Port", ""),
          ("database", "&Database", "Type the name of the shop's database on the server."),
          ("user", "&User", "Type the user name Workshop logs in with."))
PORT_MESSAGE = "The port is a whole number from 1 to 65535 (PostgreSQL's own is 5432)."

#: open(login, password, remember) -> opened; the window's ``open_server``
Opener = Callable[[ServerLogin, str, bool], bool]


class OpenServerDialog(SimpleDialog):
    def __init__(self, settings: QSettings, open_server: Opener, parent: QWidget | None = None, *,
                 login: ServerLogin | None = None, why: str = "") -> None:
        """``login``: fill the fields in with it (a server from Open Recent that needs its password:
        ``why`` says so) instead of those last opened."""
        super().__init__("Open a shop on a server", object_name="openServerDialog", parent=parent,
                         intro=why or "The shop's PostgreSQL server: whoever set it up can tell you these.",
                         ok_text="Open")
        self.settings = settings
        self._open_server = open_server
        self.fields: dict[str, QLineEdit] = {}
        for field, label, _empty in _NAMED:
            self.fields[field] = self.add_row(label, QLineEdit(objectName=f"server_{field}"), field)
        self.password = self.add_row("Pass&word", QLineEdit(objectName="server_password"), "password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("&Remember the password on this PC", objectName="server_remember")
        self.remember.setChecked(True)
        where = password_place()
        self.kept_where = where
        self.remember.setToolTip(f"The password is kept {where}, never in Workshop's settings or its list of "
                                 "recent shops.")
        self.add_row("", self.remember)
        self.store_note = plain_label(f"Kept {where}.", objectName="server_store", wordWrap=True)
        self.store_note.setEnabled(False)  # a quiet note, greyed like a hint
        self.add_row("", self.store_note)
        self.remember.toggled.connect(self.store_note.setVisible)
        self._fill(login)
        self.finish(460, minimum=(420, 0), guard=None)  # Esc cancels: nothing typed here is a record
        self.focus_first_empty()

    def focus_first_empty(self) -> None:
        """The first field left to fill in (the password when all the others are) takes the focus."""
        first_empty = next((w for w in (*self.fields.values(), self.password) if not w.text()), self.password)
        first_empty.setFocus()

    def _fill(self, login: ServerLogin | None) -> None:
        if login is not None:
            values = {"host": login.host, "port": str(login.port), "database": login.database, "user": login.user}
        else:
            values = ws.server_form(self.settings)
        values["host"] = values.get("host") or DEFAULT_HOST
        values["port"] = values.get("port") or str(DEFAULT_PORT)
        for field, edit in self.fields.items():
            edit.setText(values.get(field, ""))

    def values(self) -> dict[str, str]:
        return {field: edit.text().strip() for field, edit in self.fields.items()}

    def login(self) -> ServerLogin:
        """What the fields name (checked first by ``check``)."""
        values = self.values()
        return ServerLogin(host=values["host"], port=int(values["port"]), database=values["database"],
                           user=values["user"])

    def check(self) -> ValidationError | None:
        values = self.values()
        for field, _label, empty in _NAMED:
            if field == "port":
                port = values["port"]
                if not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
                    return ValidationError("port", PORT_MESSAGE)
            elif not values[field]:
                return ValidationError(field, empty)
        return None

    def checked_login(self) -> ServerLogin | None:
        """What the fields name, checked; None once what is wrong is told by its field (OK's first step,
        here and in Move this shop to a server…)."""
        self.errors.clear()
        problem = self.check()
        if problem is not None:
            self.errors.show(problem)
            return None
        return self.login()

    def save(self) -> None:
        login = self.checked_login()
        if login is None:
            return
        if self._open_server(login, self.password.text(), self.remember.isChecked()):
            ws.save_server_form(self.settings, self.values())
            self.accept()
        else:  # what went wrong was told (open_shop's dialogs); what was typed stays, to put right
            self.password.setFocus()
            self.password.selectAll()


def open_server_dialog(window, open_server: Opener, *, login: ServerLogin | None = None,
                       why: str = "") -> OpenServerDialog:
    dialog = OpenServerDialog(window.settings, open_server, window, login=login, why=why)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # the password typed goes with it
    dialog.open()
    return dialog
