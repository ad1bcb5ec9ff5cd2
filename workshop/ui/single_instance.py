"""One window per shop on one PC: a second Workshop started for the same shop asks the running one to
come forward, then exits.

The running window listens on a local socket (QLocalServer: a named pipe on Windows, a socket file on
Unix) whose name is derived from the user and the shop's file (or server URL), so two users, or two
different shops, never meet. A second start connects, sends ``raise``, waits for ``ok`` and exits 0.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 500
REPLY_TIMEOUT_MS = 2000


def instance_name(target: str) -> str:
    """The socket name for ``target`` (a database file path or URL) and this user."""
    key = target
    if "://" not in target:
        key = os.path.normcase(os.fspath(Path(target).expanduser().resolve()))
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name: the path alone still tells shops apart
        user = ""
    return "workshop-" + hashlib.sha256(f"{user}\0{key}".encode()).hexdigest()[:24]


def ask_running_window(name: str) -> bool:
    """True when a Workshop window for this shop is running and answered "raise" (it is now in front)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(b"raise\n")
    socket.waitForBytesWritten(REPLY_TIMEOUT_MS)  # False when flushed already: no matter
    while socket.bytesAvailable() < 3 and socket.waitForReadyRead(REPLY_TIMEOUT_MS):
        pass
    answered = bytes(socket.readAll().data()).startswith(b"ok")
    socket.disconnectFromServer()
    return answered


class InstanceServer(QObject):
    """Listens for a second start of the same shop; ``raise_requested`` asks the window to come forward."""

    raise_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self.name = ""

    def listen(self, name: str) -> bool:
        """Listen as ``name`` (closing any earlier name). A socket left by a crashed Workshop is cleared;
        one a live Workshop answers on is left alone (False)."""
        if self._server.isListening():
            if self.name == name:
                return True
            self._server.close()
        self.name = name
        if self._server.listen(name):
            return True
        probe = QLocalSocket()
        probe.connectToServer(name)
        if probe.waitForConnected(CONNECT_TIMEOUT_MS):
            probe.disconnectFromServer()
            return False  # another live window has this shop
        QLocalServer.removeServer(name)
        return self._server.listen(name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data()).strip()
        if line == b"raise":
            self.raise_requested.emit()
            socket.write(b"ok\n")
            socket.flush()
