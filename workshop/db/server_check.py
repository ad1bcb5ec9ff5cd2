"""``workshop server-check URL``: can Workshop use this PostgreSQL server? One plain answer per check.

Each check is a frozen ``CheckResult`` (name, ok, message): the address, the driver, the connection
(the host's name found; refused, timed out and unreachable told apart), the login (wrong password,
no such user, no password given, refused by the server's pg_hba.conf), the database, creating tables
(a CREATE TABLE and DROP in a transaction rolled back), the server's version (13 or newer), its clock
against this PC's, and what the database holds (empty, a Workshop shop up to date, older or newer).
A check whose predecessor failed cannot be made, so the list stops at the first failure of the
address, the driver, the connection, the login or the database.

Nothing here waits long: the name lookup and the connection give up after ``timeout_s`` (5 s), a
statement after 10 s. The password is never shown: a URL is shown only with it masked, the address
text that fails to parse not at all. A URL without a password logs in with the one kept in this PC's
keyring for its login (File ▸ Open server… keeps it there: ``credentials.with_kept_password``, as every
command does); with none kept there libpq reads ~/.pgpass (Windows: %APPDATA%\\postgresql\\pgpass.conf) by itself.

Telling the failures apart reads libpq's and the server's messages (a connection that fails carries
no SQLSTATE to a client): they are English unless the server's ``lc_messages`` says otherwise, and a
message not recognised is shown in the server's own words.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import NullPool

from .credentials import with_kept_password

ADDRESS = "Address"
DRIVER = "Driver"
CONNECTION = "Connection"
LOGIN = "Login"
DATABASE = "Database"
CREATE_TABLES = "Create tables"
VERSION = "Server version"
CLOCK = "Clock"
CONTENTS = "Contents"
#: every check, in the order made
CHECKS = (ADDRESS, DRIVER, CONNECTION, LOGIN, DATABASE, CREATE_TABLES, VERSION, CLOCK, CONTENTS)

#: PostgreSQL's oldest version Workshop supports (server_version_num)
OLDEST_SERVER = 130000
#: the clocks may differ by this much (seconds) before the check fails
CLOCK_TOLERANCE_S = 5.0
TIMEOUT_S = 5
EMPTY_DATABASE = ("The database is empty: workshop migrate-to fills it with your shop, or Workshop sets up a new "
                  "shop in it the first time it opens it.")
STATEMENT_TIMEOUT_MS = 10_000
EXAMPLE = "postgresql+psycopg://workshop@server-pc/workshop"


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    message: str


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def check_server(address: str, *, now: Callable[[], dt.datetime] = utc_now,
                 timeout_s: int = TIMEOUT_S) -> list[CheckResult]:
    """The checks of the server at ``address`` (a ``postgresql[+psycopg]://`` URL), in order; the list
    stops at the first failure that keeps the later checks from being made. ``now`` is this PC's clock
    (UTC), compared with the server's."""
    results: list[CheckResult] = []
    url = _parse(address, results)
    if url is None:
        return results
    driver = _driver(results)
    if not driver:
        return results
    host = url.host or url.query.get("host")
    if isinstance(host, str) and host and not host.startswith("/") and not _lookup(host, url, timeout_s, results):
        return results
    url, kept = with_kept_password(url)
    engine = create_engine(url, poolclass=NullPool, connect_args=_connect_args(url, timeout_s))
    try:
        try:
            conn = engine.connect()
        except DBAPIError as exc:
            results.extend(_connect_failure(exc.orig or exc, url, timeout_s, kept=kept))
            return results
        with conn:
            results.append(CheckResult(CONNECTION, True, f"The server at {_where(url)} answers."))
            results.append(CheckResult(LOGIN, True, f"Logged in as {_user(url)}"
                                                    f"{f' with the password {KEPT}' if kept else ''}."))
            results.append(CheckResult(DATABASE, True, f"The database “{url.database}” is there."))
            results.append(_create_tables(conn, url))
            results.append(_asked(conn, VERSION, _version))
            results.append(_asked(conn, CLOCK, lambda c: _clock(c, now)))
            results.append(_asked(conn, CONTENTS, _contents))
    finally:
        engine.dispose()
    return results


def all_passed(results: list[CheckResult]) -> bool:
    """Every check made, and every one passed."""
    return len(results) == len(CHECKS) and all(r.ok for r in results)


def report_lines(results: list[CheckResult], encoding: str | None = None) -> list[str]:
    """What ``workshop server-check`` prints: a line per check with ✓ or ✗ (``OK``/``NO`` where the
    terminal's ``encoding`` has no ✓), then what to do next. The address only with its password masked."""
    good, bad = "✓", "✗"
    try:
        (good + bad).encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        good, bad = "OK", "NO"
    shown = next((r.message for r in results if r.name == ADDRESS and r.ok), None)
    lines = [f"Checking {shown}" if shown else "Checking the server address given"]
    lines += [f"{good if r.ok else bad} {r.name}: {r.message}" for r in results if r.name != ADDRESS or not r.ok]
    if all_passed(results):
        mask = " (*** being the password)" if "***" in (shown or "") else ""
        if results[-1].message == EMPTY_DATABASE:
            lines.append(f"Workshop can use this server. Next, move your shop onto it{mask}:")
            lines.append(f"  workshop migrate-to {shown} --db YOUR-SHOP.db")
        else:
            lines.append(f"Workshop can use this server. Open the shop on it with{mask}:")
            lines.append(f"  workshop --db {shown}")
        return lines
    if results and not results[-1].ok and results[-1].name != ADDRESS and len(results) < len(CHECKS):
        later = ", ".join(name.lower() for name in CHECKS[len(results):])
        lines.append(f"Not checked until that is put right: {later}.")
    lines.append("Workshop cannot use this server yet: put right what is marked "
                 f"{bad}, then run workshop server-check again.")
    return lines


# --- the address and the driver -----------------------------------------------------------------

def _parse(address: str, results: list[CheckResult]) -> URL | None:
    text = address.strip()
    if "://" not in text:
        results.append(CheckResult(ADDRESS, False, (
            "That is not a server address. Give one like " f"{EXAMPLE} (user@server-name/database). "
            "A shop file on this PC needs no server check: workshop check --db FILE checks one.")))
        return None
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        # the text itself is not shown: it may hold the password
        results.append(CheckResult(ADDRESS, False, (
            "The server address cannot be read (is the port a number, and are @, : and / in the password "
            f"written as %40, %3A and %2F?). Give one like {EXAMPLE}.")))
        return None
    backend, _, driver = url.drivername.partition("+")
    if backend == "sqlite":
        results.append(CheckResult(ADDRESS, False, (
            "That is a shop file (SQLite), not a server: it needs no server check (workshop check --db FILE "
            f"checks one). A server address looks like {EXAMPLE}.")))
        return None
    if backend not in ("postgresql", "postgres"):
        results.append(CheckResult(ADDRESS, False, (
            f"Workshop works with PostgreSQL servers only, not “{backend}”. Give an address like {EXAMPLE}.")))
        return None
    if driver not in ("", "psycopg"):
        results.append(CheckResult(ADDRESS, False, (
            f"Workshop talks to PostgreSQL through psycopg, not “{driver}”: write the address as "
            f"postgresql+psycopg://… (or postgresql://…), like {EXAMPLE}.")))
        return None
    if not url.database:
        results.append(CheckResult(ADDRESS, False, (
            "The address names no database: put its name at the end, after a slash, like "
            f"{EXAMPLE}.")))
        return None
    url = url.set(drivername="postgresql+psycopg")
    results.append(CheckResult(ADDRESS, True, url.render_as_string(hide_password=True)))
    return url


def _driver(results: list[CheckResult]) -> bool:
    try:
        psycopg = importlib.import_module("psycopg")
    except ImportError:
        from .engine import NO_DRIVER

        results.append(CheckResult(DRIVER, False, NO_DRIVER))
        return False
    results.append(CheckResult(DRIVER, True, f"psycopg {psycopg.__version__} is installed."))
    return True


#: where a password the address does not give was found (``credentials.with_kept_password``)
KEPT = "kept in this PC's keyring"


def _connect_args(url: URL, timeout_s: int) -> dict[str, object]:
    args: dict[str, object] = {"application_name": "workshop server-check"}
    if "connect_timeout" not in url.query:
        args["connect_timeout"] = timeout_s
    limits = f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c lock_timeout={STATEMENT_TIMEOUT_MS // 2}"
    given = url.query.get("options")
    args["options"] = f"{given} {limits}" if isinstance(given, str) and given else limits
    return args


# --- connecting ---------------------------------------------------------------------------------

def _where(url: URL) -> str:
    host = url.host or url.query.get("host") or "this PC"
    return f"{host} port {url.port or 5432}"


def _user(url: URL) -> str:
    if url.username:
        return f"“{url.username}”"
    try:
        import getpass

        return f"“{getpass.getuser()}” (no user in the address: your login name)"
    except (ImportError, KeyError, OSError):
        return "your login name (no user in the address)"


def _lookup(host: str, url: URL, timeout_s: int, results: list[CheckResult]) -> bool:
    """Whether ``host`` is found on the network, within ``timeout_s`` (the system's own lookup may
    wait much longer for a name server that does not answer)."""
    found: dict[str, object] = {}

    def look() -> None:
        try:
            found["addresses"] = socket.getaddrinfo(host, url.port or 5432, type=socket.SOCK_STREAM)
        except OSError as exc:
            found["error"] = exc

    worker = threading.Thread(target=look, name="server-check lookup", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if "addresses" in found:
        return True
    error = found.get("error")
    if error is None or getattr(error, "errno", None) == socket.EAI_AGAIN:
        results.append(CheckResult(CONNECTION, False, (
            f"The name “{host}” could not be looked up: no name server answered"
            f"{f' within {timeout_s} s' if error is None else ''}. Check this PC's network connection, "
            "or use the server's IP address instead of its name.")))
    else:
        results.append(CheckResult(CONNECTION, False, (
            f"No computer called “{host}” can be found on the network. Check the spelling, or use the "
            "server's IP address instead (on the server: ipconfig on Windows, hostname -I on Linux).")))
    return False


_HBA_HOST = re.compile(r'no pg_hba\.conf entry for host "([^"]+)"')


def _connect_failure(error: BaseException, url: URL, timeout_s: int, *, kept: bool = False) -> list[CheckResult]:
    """The results of a connection that failed: which of connecting, logging in and reaching the
    database it was, and what to do. ``kept``: the password was the one kept in the keyring."""
    text = " ".join(str(error).split())
    said = text.removeprefix("connection failed: ")
    low = text.lower()
    where, user, db = _where(url), _user(url), url.database
    reached = CheckResult(CONNECTION, True, f"The server at {where} answers.")
    logged_in = CheckResult(LOGIN, True, f"Logged in as {user}.")
    quoted_user = _quote(url.username or "USER")
    # The server's own refusals first: "localhost" may be tried twice (::1, then 127.0.0.1), and one
    # attempt refused beside another the server answered is the answer that says most.
    if "password authentication failed" in low:
        if kept:
            return [reached, CheckResult(LOGIN, False, (
                f"The server refused the password {KEPT} for {user}: either it has been changed since or the "
                "server has no user of that name (the server does not say which). Check both; give the password "
                "in the address to try another, or open the server once in Workshop (File ▸ Open server…, "
                "Remember ticked) to keep the new one."))]
        return [reached, CheckResult(LOGIN, False, (
            f"The server refused the password for {user}: either the password is wrong or the server has "
            "no user of that name (the server does not say which). Check both; on the server, "
            f"ALTER ROLE {quoted_user} PASSWORD '…'; sets a new one (psql or pgAdmin)."))]
    if re.search(r'role "[^"]*" does not exist', low):
        return [reached, CheckResult(LOGIN, False, (
            f"The server has no user {user}. Make one on the server: createuser --pwprompt "
            f"{url.username or 'USER'} (as the postgres user), or in psql or pgAdmin "
            f"CREATE ROLE {quoted_user} LOGIN PASSWORD '…';"))]
    if "no password supplied" in low or "password is required" in low:
        return [reached, CheckResult(LOGIN, False, (
            f"The server asks for {user}'s password and none was given. Put it in the address "
            "(postgresql+psycopg://user:PASSWORD@server/database) or, better, in a password file: "
            "~/.pgpass on Linux, %APPDATA%\\postgresql\\pgpass.conf on Windows, one line "
            f"{url.host or 'server'}:{url.port or 5432}:{db}:{url.username or 'user'}:PASSWORD."))]
    if "no pg_hba.conf entry" in low:
        seen = _HBA_HOST.search(said)
        this_pc = f"{seen.group(1)}/32" if seen else "THIS-PC-ADDRESS/32"
        encryption = (" (the server may ask for an encrypted connection: add ?sslmode=require to the address)"
                      if "no encryption" in low and "hostssl" not in low else "")
        return [reached, CheckResult(LOGIN, False, (
            f"The server does not let {user} in from this PC to “{db}”: no line in its pg_hba.conf allows "
            f"it{encryption}. On the server, add the line “host {db} {url.username or 'USER'} {this_pc} "
            "scram-sha-256” to pg_hba.conf, then reload PostgreSQL (pgAdmin: Reload Configuration; "
            "Debian/Ubuntu: sudo systemctl reload postgresql)."))]
    if "pg_hba.conf rejects connection" in low:
        return [reached, CheckResult(LOGIN, False, (
            f"The server's pg_hba.conf has a line that turns {user} away from “{db}” on this PC. Ask "
            "whoever looks after the server to allow it."))]
    if "peer authentication failed" in low or "ident authentication failed" in low:
        return [reached, CheckResult(LOGIN, False, (
            f"The server lets {user} in this way only for the computer's own user of that name. Connect "
            "over the network with a password instead: give a host in the address "
            "(postgresql+psycopg://user:PASSWORD@localhost/database)."))]
    if "is not permitted to log in" in low:
        return [reached, CheckResult(LOGIN, False, (
            f"The user {user} may not log in. On the server, in psql or pgAdmin: ALTER ROLE {quoted_user} LOGIN;"))]
    if "too many connections" in low or "connection slots are reserved" in low:
        return [reached, CheckResult(LOGIN, False, (
            "The server has no room for another connection now (max_connections). Close other programs "
            "using it, or raise max_connections in postgresql.conf and restart it."))]
    if re.search(r'database "[^"]*" does not exist', low):
        return [reached, logged_in, CheckResult(DATABASE, False, (
            f"There is no database “{db}” on the server. Make it on the server, owned by the user Workshop "
            f"logs in as: createdb -O {url.username or 'USER'} {db} (as the postgres user), or in psql or "
            f"pgAdmin: CREATE DATABASE {_quote(db)} OWNER {quoted_user};"))]
    if "permission denied for database" in low:
        return [reached, logged_in, CheckResult(DATABASE, False, (
            f"The user {user} may not connect to “{db}”. On the server, in psql or pgAdmin: "
            f"GRANT CONNECT ON DATABASE {_quote(db)} TO {quoted_user};"))]
    if type(error).__name__ == "ConnectionTimeout" or "timeout expired" in low:
        return [CheckResult(CONNECTION, False, (
            f"The server at {where} did not answer within {timeout_s} s. Check that the server PC is on and "
            f"on the network, and that its firewall lets port {url.port or 5432} in (on Windows: Windows "
            "Defender Firewall ▸ Advanced settings ▸ Inbound Rules, a rule for that port)."))]
    if "connection refused" in low:
        return [CheckResult(CONNECTION, False, (
            f"Cannot connect: the PC at {where.replace(' port ', ' answers, but nothing listens on port ')}. "
            "PostgreSQL is not running there, listens on another port, or listens only to its own PC. "
            "On the server: start the PostgreSQL service, and in postgresql.conf set listen_addresses = '*' "
            "(then restart it)."))]
    if any(words in low for words in ("no route to host", "network is unreachable", "host is unreachable")):
        return [CheckResult(CONNECTION, False, (
            f"Cannot connect: this PC has no way through the network to {where}. Check the network cable "
            "or Wi-Fi, and that the server is on the same network."))]
    if "no such file or directory" in low and ".s.pgsql" in low:
        return [CheckResult(CONNECTION, False, (
            "Cannot connect: no PostgreSQL server runs on this PC (no socket where the address points). "
            "Start it, or give the server's name: postgresql+psycopg://user@server-name/database."))]
    if any(words in low for words in ("starting up", "shutting down", "in recovery mode")):
        return [CheckResult(CONNECTION, False, (
            f"The server at {where} is starting or stopping. Wait a minute, then run the check again."))]
    if any(words in low for words in ("invalid response to ssl negotiation", "closed the connection unexpectedly",
                                      "received invalid response", "expected authentication request")):
        return [CheckResult(CONNECTION, False, (
            f"Something answers at {where}, but it is not a PostgreSQL server. Check the port in the "
            "address (PostgreSQL's is usually 5432)."))]
    return [CheckResult(CONNECTION, False, f"Cannot connect to {where}. The server said: {said}")]


def _quote(name: str) -> str:
    """An SQL identifier as it must be written in the statements shown (always quoted: the user types
    them as shown)."""
    return '"' + name.replace('"', '""') + '"'


# --- once in ------------------------------------------------------------------------------------

def _asked(conn: Connection, name: str, ask: Callable[[Connection], CheckResult]) -> CheckResult:
    """``ask``'s answer; a question the server could not answer (a statement timed out, the
    connection dropped) is that check's failure, in the server's words."""
    try:
        return ask(conn)
    except DBAPIError as exc:
        if conn.in_transaction() and not conn.invalidated:
            conn.rollback()
        return CheckResult(name, False, f"The server could not answer. It said: {' '.join(str(exc.orig).split())}")


def _create_tables(conn: Connection, url: URL) -> CheckResult:
    """A table made and dropped again in a transaction that is rolled back: nothing is left behind."""
    name = f"workshop_server_check_{os.getpid()}"
    try:
        conn.exec_driver_sql(f"CREATE TABLE {name} (id integer PRIMARY KEY, note text)")
        conn.exec_driver_sql(f"DROP TABLE {name}")
    except DBAPIError as exc:
        conn.rollback()
        return _create_failure(exc, url)
    finally:
        if conn.in_transaction():
            conn.rollback()
    return CheckResult(CREATE_TABLES, True, (
        f"{_user(url)} may create tables in “{url.database}” (one was made and taken away again)."))


def _create_failure(exc: DBAPIError, url: URL) -> CheckResult:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    user, db = _quote(url.username or "USER"), _quote(url.database or "DATABASE")
    if sqlstate == "42501":  # insufficient_privilege
        return CheckResult(CREATE_TABLES, False, (
            f"{_user(url)} may not create tables in “{url.database}”. On the server, in psql or pgAdmin, make "
            f"that user the database's owner: ALTER DATABASE {db} OWNER TO {user}; (or, connected to "
            f"“{url.database}”: GRANT CREATE ON SCHEMA public TO {user};)"))
    if sqlstate == "25006":  # read_only_sql_transaction
        return CheckResult(CREATE_TABLES, False, (
            "The server only lets data be read (it is a standby copy, or set to read-only): point Workshop "
            "at the main server."))
    if sqlstate == "3F000":  # invalid_schema_name: nothing on the search path to create in
        return CheckResult(CREATE_TABLES, False, (
            f"The database has no schema to create tables in. On the server, connected to “{url.database}”: "
            f"CREATE SCHEMA public AUTHORIZATION {user};"))
    return CheckResult(CREATE_TABLES, False, (
        f"Creating a table failed. The server said: {' '.join(str(exc.orig).split())}"))


def _version(conn: Connection) -> CheckResult:
    number = int(conn.exec_driver_sql("SELECT current_setting('server_version_num')").scalar())
    text = str(conn.exec_driver_sql("SELECT current_setting('server_version')").scalar()).split()[0]
    conn.rollback()
    return version_result(number, text)


def version_result(number: int, text: str) -> CheckResult:
    """``number``: server_version_num (150010 is 15.10)."""
    if number >= OLDEST_SERVER:
        return CheckResult(VERSION, True, f"PostgreSQL {text}.")
    return CheckResult(VERSION, False, (
        f"PostgreSQL {text} is too old: Workshop needs PostgreSQL {OLDEST_SERVER // 10000} or newer. Install a "
        "newer PostgreSQL on the server (its pg_upgrade or a dump and restore carries the data over)."))


def _clock(conn: Connection, now: Callable[[], dt.datetime]) -> CheckResult:
    before = now()
    server = conn.exec_driver_sql("SELECT clock_timestamp()").scalar()
    after = now()
    conn.rollback()
    return clock_result(server, before + (after - before) / 2, slack=(after - before).total_seconds() / 2)


def clock_result(server: dt.datetime, here: dt.datetime, slack: float = 0.0) -> CheckResult:
    """The server's clock (``server``) against this PC's at the same moment (``here``, both aware);
    ``slack``: half the time the question took, allowed on top of the tolerance."""
    off = (server - here).total_seconds()
    if abs(off) <= CLOCK_TOLERANCE_S + slack:
        return CheckResult(CLOCK, True, "The server's clock and this PC's agree (within "
                                        f"{max(abs(off), 0.1):.1f} s).")
    way = "ahead of" if off > 0 else "behind"
    return CheckResult(CLOCK, False, (
        f"The server's clock is {how_long(abs(off))} {way} this PC's (server {server.astimezone(dt.UTC):%H:%M:%S}, "
        f"this PC {here.astimezone(dt.UTC):%H:%M:%S} UTC), so times written from different PCs would "
        "disagree. Set both to take the time from the internet: on Windows, Settings ▸ Time & language ▸ "
        "Set time automatically; on Debian/Ubuntu, sudo timedatectl set-ntp true."))


def how_long(seconds: float) -> str:
    """``133.4`` → ``2 min 13 s``; ``7260`` → ``2 h 1 min``; ``2 days 3 h`` past a day."""
    whole = round(seconds)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    if minutes:
        return f"{minutes} min" + (f" {secs} s" if secs else "")
    return f"{secs} s"


def _contents(conn: Connection) -> CheckResult:
    from . import revisions

    tables = set(inspect(conn).get_table_names())
    revision = None
    if "alembic_version" in tables:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    conn.rollback()
    return contents_result(tables, revision, revisions.head_revision(), revisions.known_revisions())


def contents_result(tables: set[str], revision: str | None, head: str, known: frozenset[str]) -> CheckResult:
    if not tables:
        return CheckResult(CONTENTS, True, EMPTY_DATABASE)
    if "alembic_version" not in tables:
        shown = ", ".join(sorted(tables)[:5]) + (" …" if len(tables) > 5 else "")
        return CheckResult(CONTENTS, False, (
            f"The database holds another program's tables ({shown}), not a Workshop shop. Give Workshop a "
            "database of its own (an empty one, made as above)."))
    if revision == head:
        return CheckResult(CONTENTS, True, (
            "It holds a Workshop shop, up to date with this program (workshop migrate-to needs an empty "
            "database, so this one is for opening, not for moving another shop into)."))
    if revision is not None and revision not in known:
        return CheckResult(CONTENTS, False, (
            "It holds a Workshop shop saved by a newer version of Workshop than this one: this program "
            "would refuse to open it. Install the newer Workshop on this PC."))
    return CheckResult(CONTENTS, True, (
        "It holds a Workshop shop from an older version of Workshop: it will be upgraded when this "
        "program opens it."))
