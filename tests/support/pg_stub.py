"""A stand-in PostgreSQL server for what a real one on CI cannot show (its loopback trusts every
login): a listener on 127.0.0.1 speaking the first messages of protocol v3, answering each client's
startup as a test says (ask for a password and refuse it, an error, silence)."""

from __future__ import annotations

import socket
import struct
import threading
from contextlib import contextmanager

SSL_REQUEST, GSS_REQUEST = 80877103, 80877104


def read_exactly(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        part = sock.recv(count - len(data))
        if not part:
            raise ConnectionError("the client went")
        data += part
    return data


def read_startup(sock: socket.socket) -> dict[str, str]:
    """The client's startup packet's parameters (user, database …), after saying no to SSL and GSS."""
    while True:
        length, code = struct.unpack("!ii", read_exactly(sock, 8))
        body = read_exactly(sock, length - 8)
        if code in (SSL_REQUEST, GSS_REQUEST):
            sock.sendall(b"N")
            continue
        words = body.split(b"\0")
        return {words[i].decode(): words[i + 1].decode() for i in range(0, len(words) - 1, 2) if words[i]}


def error_response(sqlstate: str, message: str) -> bytes:
    fields = b"".join(kind + text.encode() + b"\0" for kind, text in (
        (b"S", "FATAL"), (b"V", "FATAL"), (b"C", sqlstate), (b"M", message)))
    body = fields + b"\0"
    return b"E" + struct.pack("!i", len(body) + 4) + body


def ask_for_password(sock: socket.socket) -> str:
    sock.sendall(b"R" + struct.pack("!ii", 8, 3))  # AuthenticationCleartextPassword
    kind, length = struct.unpack("!ci", read_exactly(sock, 5))
    assert kind == b"p"
    return read_exactly(sock, length - 4).rstrip(b"\0").decode()


@contextmanager
def stub_server(answer):
    """A listener on 127.0.0.1; each connection's startup is read and ``answer(sock, startup, heard)``
    answers it. Yields (port, heard): what the stub was told (startup parameters, passwords)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    heard: list[object] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                sock, _ = listener.accept()
            except TimeoutError:
                continue
            with sock:
                sock.settimeout(10)
                try:
                    startup = read_startup(sock)
                    heard.append(startup)
                    answer(sock, startup, heard)
                except (OSError, ConnectionError):
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], heard
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def refuse_password(sock, startup, heard):
    heard.append(ask_for_password(sock))
    sock.sendall(error_response("28P01", f'password authentication failed for user "{startup["user"]}"'))
