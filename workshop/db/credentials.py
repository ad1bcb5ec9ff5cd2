"""A PostgreSQL server's password, kept on this PC but never in plain text where Workshop keeps its
settings: in the system's keyring (``keyring``: the Windows Credential Manager, the macOS Keychain,
the Secret Service or KWallet), keyed ``user@host:port/database``; where no keyring works (a
headless Linux) in the PostgreSQL password file, which libpq (psycopg) reads by itself:
``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf`` on Windows, ``PGPASSFILE`` when set), only
its owner may read it (mode 0600), one line per login.

Open Recent and the settings hold a server's URL without its password (``recent_name``). No Qt here.
"""

from __future__ import annotations

import enum
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

#: The keyring's "service" every password of Workshop's is kept under.
KEYRING_SERVICE = "Workshop PostgreSQL server"
#: How long the login check waits for a server (seconds).
LOGIN_TIMEOUT_S = 5


@dataclass(frozen=True)
class ServerLogin:
    """Who logs in where: what a kept password is keyed by."""

    host: str
    port: int
    database: str
    user: str

    @property
    def key(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None = None) -> URL:
        return URL.create("postgresql+psycopg", username=self.user, password=password or None, host=self.host,
                          port=self.port, database=self.database)


def login_of(target: str | URL) -> ServerLogin | None:
    """The login a PostgreSQL URL names (the port 5432 when it names none); None for a file, another
    kind of database or text that is no URL."""
    if isinstance(target, str):
        if "://" not in target:
            return None
        try:
            target = make_url(target)
        except Exception:  # noqa: BLE001 - any malformed text: not a server URL (open_shop tells the owner)
            return None
    if target.get_backend_name() != "postgresql" or not target.database:
        return None
    return ServerLogin(host=target.host or "localhost", port=target.port or 5432, database=target.database,
                       user=target.username or "")


def url_with(url: URL, password: str | None) -> URL:
    """``url`` with ``password`` in it, or with none at all (``URL.set(password=None)`` keeps the old one)."""
    return URL.create(url.drivername, username=url.username, password=password or None, host=url.host,
                      port=url.port, database=url.database, query=url.query)


def recent_name(url: URL) -> str:
    """How Open Recent and the settings name a database: a file by its path, a server by its URL with
    no password in it at all (not even "***"), so it can be opened again as it is."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url_with(url, None).render_as_string(hide_password=False)


def recent_name_of(target: str) -> str:
    """``recent_name`` of what was typed or chosen (a path or a URL, perhaps with a password)."""
    if "://" not in target:
        return target
    try:
        return recent_name(make_url(target))
    except Exception:  # noqa: BLE001 - malformed: named as typed (it holds no password we could find)
        return target


def with_password(url: URL, password: str | None) -> str:
    """``url`` as text for opening, with ``password`` in it (kept only in memory by the caller)."""
    return url_with(url, password).render_as_string(hide_password=False)


# --- the keyring ----------------------------------------------------------------------------------

def _keyring():
    """The keyring backend to use, or None: keyring not installed, or no backend fit for passwords
    (keyring's fail and null backends, a plain-text or otherwise low-priority one: keyring itself
    recommends a priority of one or more)."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
        members = getattr(backend, "backends", None)
        if type(backend).__name__ == "ChainerBackend" and members is not None:
            return backend if members and all(m.priority >= 1 for m in members) else None
        return backend if backend.priority >= 1 else None
    except Exception:  # noqa: BLE001 - a backend that fails to start (no D-Bus, a locked store): none usable
        return None


class Kept(enum.Enum):
    KEYRING = "keyring"
    PGPASS = "pgpass"


def password_store() -> tuple[Kept, str]:
    """Where a password would be kept now, and those words for the owner."""
    backend = _keyring()
    if backend is not None:
        return Kept.KEYRING, f"in this PC's keyring ({backend.name})"
    return Kept.PGPASS, f"in {pgpass_path()} (only your user may read it)"


def remember_password(login: ServerLogin, password: str) -> tuple[Kept, str]:
    """Keep ``password`` for ``login`` in the keyring, else in the password file; says where."""
    backend = _keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, login.key, password)
            return Kept.KEYRING, f"in this PC's keyring ({backend.name})"
        except Exception:  # noqa: BLE001 - the keyring refused (locked, no D-Bus): the password file instead
            pass
    write_pgpass(login, password)
    return Kept.PGPASS, f"in {pgpass_path()} (only your user may read it)"


def find_password(login: ServerLogin) -> str | None:
    """The password kept in the keyring for ``login``, or None (the password file is libpq's to read)."""
    backend = _keyring()
    if backend is None:
        return None
    try:
        return backend.get_password(KEYRING_SERVICE, login.key)
    except Exception:  # noqa: BLE001 - a keyring that cannot be read now: as if none were kept
        return None


def with_kept_password(url: URL) -> tuple[URL, bool]:
    """``url`` with the password kept in this PC's keyring for its login when it gives none (True), as
    Open Recent opens a server; else as it is (libpq then reads its password file)."""
    if url.password:
        return url, False
    login = login_of(url)
    password = find_password(login) if login is not None and login.user else None
    return (url_with(url, password), True) if password else (url, False)


def is_kept_password(url: URL) -> bool:
    """Whether ``url``'s password is the one kept in this PC's keyring for its login (what
    ``with_kept_password`` filled in): a refusal of it then says where it came from. Asked only then."""
    login = login_of(url) if url.password else None
    return login is not None and bool(login.user) and find_password(login) == url.password


def forget_password(login: ServerLogin) -> None:
    """Remove the password kept for ``login``, from the keyring and from the password file."""
    backend = _keyring()
    if backend is not None:
        try:
            if backend.get_password(KEYRING_SERVICE, login.key) is not None:
                backend.delete_password(KEYRING_SERVICE, login.key)
        except Exception:  # noqa: BLE001 - nothing kept there, or the keyring cannot be reached
            pass
    remove_from_pgpass(login)


# --- the PostgreSQL password file -----------------------------------------------------------------

def pgpass_path() -> Path:
    """Where libpq looks for passwords: ``PGPASSFILE``, else ``%APPDATA%\\postgresql\\pgpass.conf`` on
    Windows, else ``~/.pgpass``."""
    named = os.environ.get("PGPASSFILE")
    if named:
        return Path(named)
    if os.name == "nt":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def pgpass_escape(field: str) -> str:
    """A field for the password file: ``\\`` and ``:`` escaped with a backslash, as libpq reads them."""
    return field.replace("\\", "\\\\").replace(":", "\\:")


def pgpass_fields(line: str) -> list[str]:
    """The fields of a password-file line, unescaped (a comment or blank line: none)."""
    if not line.strip() or line.lstrip().startswith("#"):
        return []
    fields, current, escaped = [], [], False
    for char in line.rstrip("\r\n"):
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":" and len(fields) < 4:
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return fields


def pgpass_line(login: ServerLogin, password: str) -> str:
    return ":".join(pgpass_escape(f) for f in (login.host, str(login.port), login.database, login.user, password))


def _is_for(line: str, login: ServerLogin) -> bool:
    return pgpass_fields(line)[:4] == [login.host, str(login.port), login.database, login.user]


def _write_private(path: Path, lines: list[str]) -> None:
    """Replace ``path`` with ``lines``, readable by its owner only, never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".pgpass-", dir=path.parent)  # made with mode 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.writelines(line if line.endswith("\n") else line + "\n" for line in lines)
        if os.name != "nt":
            os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _pgpass_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        return []


def write_pgpass(login: ServerLogin, password: str) -> Path:
    """Keep ``password`` for ``login`` in the password file: its line replaced if there was one (never
    a second), every other line kept as it was; the file made readable by its owner only."""
    path = pgpass_path()
    lines = [line for line in _pgpass_lines(path) if not _is_for(line, login)]
    _write_private(path, [*lines, pgpass_line(login, password)])
    return path


def remove_from_pgpass(login: ServerLogin) -> bool:
    """Take ``login``'s line out of the password file; True when there was one."""
    path = pgpass_path()
    lines = _pgpass_lines(path)
    kept = [line for line in lines if not _is_for(line, login)]
    if len(kept) == len(lines):
        return False
    _write_private(path, kept)
    return True


# --- logging in -----------------------------------------------------------------------------------

class LoginCheck(enum.Enum):
    OK = "ok"
    NO_PASSWORD = "no password"  # the server wants one and none was given or found in the password file
    REFUSED = "refused"  # the password was refused
    OTHER = "other"  # anything else (unreachable, no such database …): opening tells it


def check_login(url: URL, timeout_s: float = LOGIN_TIMEOUT_S) -> LoginCheck:
    """Log in to the server at ``url`` once (and out again), to tell whether it wants a password."""
    try:
        import psycopg
    except ImportError:
        return LoginCheck.OTHER  # opening says the driver is missing, and how to install it

    args = url.translate_connect_args(username="user", database="dbname")
    args.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    args.setdefault("connect_timeout", str(max(1, int(timeout_s))))
    try:
        psycopg.connect(**args).close()
    except psycopg.OperationalError as exc:
        pgconn = getattr(exc, "pgconn", None)
        if pgconn is not None and pgconn.needs_password:
            return LoginCheck.NO_PASSWORD
        if "password authentication failed" in str(exc):
            return LoginCheck.REFUSED
        return LoginCheck.OTHER
    except psycopg.Error:
        return LoginCheck.OTHER
    return LoginCheck.OK
