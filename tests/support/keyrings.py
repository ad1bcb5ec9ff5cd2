"""A keyring in a dict, as a real one would be chosen (priority 1): the tests of keeping a server's
password (db/credentials.py, File ▸ Open server…, moving a shop) install it with keyring.set_keyring."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        del self.kept[(service, username)]


@contextmanager
def memory_keyring(home: Path, monkeypatch) -> Iterator[MemoryKeyring]:
    """A MemoryKeyring installed, and a HOME of the test's own with no PGPASSFILE named: no password of the
    user's is read or kept (the password file is ``home``/.pgpass). The keyring before is put back after."""
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("PGPASSFILE", raising=False)
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(before)
