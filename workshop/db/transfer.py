"""``workshop migrate-to TARGET --db SOURCE``: move a whole shop from one database to another (a SQLite
file to a PostgreSQL server, a server back to a file, or a file to a file).

``migrate_to(target, source)`` copies every table of the models, attachments (their blobs live in a
table) included, and hands back a frozen ``TransferReport``:

* the source is opened read-only and read in one transaction (one snapshot: a shop open elsewhere
  while it is copied is copied as it was when the copy began). It must be at this program's schema:
  an older one is refused, with "open it with Workshop once to upgrade it" (upgrading writes to it,
  and this command only reads it);
* a target file is held by its writer lock (db/lock.py, as a window opening a shop takes it) from before
  it is checked until the copy is done: no other Workshop opens the half-made file, and a file open in
  one is refused;
* the target must be empty: a missing file is created, an existing file or server database may hold
  nothing but what the migrations themselves write (``MIGRATION_ROWS``). A server database must exist
  (the refusal says how to create it). The target is migrated to head by ``open_database``;
* the copy is ONE transaction on the target, table by table in foreign-key order
  (``sorted_tables``), rows in key order, in batches; the migrations' own rows (the settings row) are
  replaced by the source's. Before it commits, each table's row count and the sum of each money and
  quantity column (``ScaledDecimal``, compared in stored units, so exactly) are compared with the
  source's; a difference rolls everything back and names the table and column. On PostgreSQL each
  table's id sequence is then set past the largest id copied. A file the command created is removed
  again when the copy fails;
* the job search's index on SQLite (search_index.py) is not a models' table: its triggers index each
  job as it is copied.

Values are copied as stored (a ScaledDecimal column as its integer of minor units, a UTC time as
the naive time the column holds), so nothing passes through a Decimal or a time zone on the way,
and through the drivers (a server-side cursor and COPY on PostgreSQL, executemany on SQLite): between
two databases of one kind values go across untouched; between SQLite and PostgreSQL only times,
dates and truths are turned, by SQLAlchemy's own processors.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Column, LargeBinary, MetaData, Table, TypeDecorator, delete, func, inspect, select, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError

from ..domain.errors import ShopInUse, WorkshopError
from . import models  # noqa: F401 - registers every table on Base.metadata
from .base import Base, ScaledDecimal
from .connection import is_sqlite, make_engine
from .engine import Database, open_database, resolve_url
from .probing import probe
from .lock import acquire_writer_lock

#: Rows per INSERT batch, and for a table holding files (attachment blobs: up to megabytes a row).
BATCH_ROWS = 2_000
FILE_BATCH_ROWS = 20

#: What the migrations write into a new, empty database (the shop's settings row): a target holding
#: only these still counts as empty, and they are replaced by the source's rows.
#: tests/db/test_transfer.py checks this against a freshly migrated database.
MIGRATION_ROWS = {"shop_settings": 1}

Progress = Callable[[str, int, int], None]  # (table, rows copied so far, rows in the table)


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    #: (column, sum) of each money and quantity column, in stored units (pence, thousandths …), equal
    #: on both sides
    totals: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class TransferReport:
    source: str  # as shown to the owner: a path, or a URL without its password
    target: str
    tables: tuple[TableCopy, ...]
    created: bool  # the target file did not exist before

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    @property
    def totals_checked(self) -> int:
        return sum(len(t.totals) for t in self.tables)


class TransferMismatch(WorkshopError):
    """The copy does not add up to the source: nothing was kept."""


def shown(url: URL) -> str:
    """A database as the owner is shown it: the file's path, or the URL with its password hidden."""
    if is_sqlite(url):
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def model_tables() -> tuple[Table, ...]:
    """Every table of the models, parents before children."""
    return tuple(Base.metadata.sorted_tables)


def _stored_type(type_):
    return type_.impl_instance if isinstance(type_, TypeDecorator) else type_


@cache
def _stored_tables() -> dict[str, Table]:
    """The models' tables with each column typed as it is stored (ScaledDecimal as its integer,
    UTCDateTime as a plain DateTime), for copying values as they are."""
    metadata = MetaData()
    return {t.name: Table(t.name, metadata, *(Column(c.name, _stored_type(c.type), primary_key=c.primary_key)
                                              for c in t.columns)) for t in model_tables()}


def summed_columns(table: Table) -> tuple[str, ...]:
    """The money and quantity columns of a models' table, whose sums are compared."""
    return tuple(c.name for c in table.columns if isinstance(c.type, ScaledDecimal))


def _figures(conn: Connection, table: Table) -> tuple[int, tuple[tuple[str, int], ...]]:
    """(row count, ((column, sum), …)) of a table, in one statement."""
    stored = _stored_tables()[table.name]
    names = summed_columns(table)
    row = conn.execute(select(func.count(), *(func.sum(stored.c[n]) for n in names)).select_from(stored)).one()
    return int(row[0]), tuple((n, int(v or 0)) for n, v in zip(names, row[1:], strict=True))


def _insert_rows(conn: Connection, table: Table, rows: list[tuple]) -> None:
    """One batch into the target, through the driver: each row a tuple of stored values in the table's
    column order. PostgreSQL takes it by COPY, SQLite by executemany (a seam for tests)."""
    quote = conn.dialect.identifier_preparer.quote
    columns = ", ".join(quote(c.name) for c in table.columns)
    raw = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" if conn.dialect.paramstyle == "qmark" else "%s" for _ in table.columns)
    cursor = raw.cursor()
    try:
        cursor.executemany(f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})", rows)
    finally:
        cursor.close()


# --- the checks before anything is written ---------------------------------------------------------

def _same_database(a: URL, b: URL) -> bool:
    if is_sqlite(a) and is_sqlite(b):
        pa, pb = Path(a.database or ""), Path(b.database or "")
        if pa.exists() and pb.exists():
            return os.path.samefile(pa, pb)
        return pa == pb
    return a.set(password=None) == b.set(password=None)


def _open_source(url: URL) -> Database:
    from . import revisions

    found = probe(url)
    where = shown(url)
    if not found.exists:
        raise WorkshopError(f"There is no Workshop shop at {where} to move. Check the name given with --db.")
    if found.revision != revisions.head_revision():
        raise WorkshopError(
            f"The shop at {where} was saved by an older version of Workshop. Open it with this Workshop once "
            f"(workshop --db {where}) so that it is upgraded, then move it. Nothing was copied.",
            details=f"schema {found.revision}, this program's is {revisions.head_revision()}")
    return open_database(url, read_only=True, quick_check=False, read_only_reason="it is being moved")


def _check_server_database(url: URL) -> None:
    """A server database must exist before it is filled: say how to make one."""
    engine = make_engine(url)
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        if f'database "{url.database}" does not exist' in str(exc.orig):  # not a role that does not exist
            user = url.username or "workshop"
            raise WorkshopError(
                f"The database “{url.database}” does not exist on the server {url.host or 'localhost'}. Create it "
                f"first, empty, owned by the user Workshop logs in as (on the server: sudo -u postgres createdb "
                f"-O {user} {url.database}; or in pgAdmin: Databases ▸ Create), then try again. "
                "Nothing was copied.", details=shown(url)) from exc
        # anything else (cannot reach, login refused) is said by open_database's own checks
    finally:
        engine.dispose()


def _rows_in(conn: Connection) -> dict[str, int]:
    """Rows in each models' table the (existing) target has."""
    present = set(inspect(conn).get_table_names())
    return {t.name: conn.execute(select(func.count()).select_from(_stored_tables()[t.name])).scalar_one()
            for t in model_tables() if t.name in present}


def _check_empty(url: URL) -> None:
    if not probe(url, quick_check=False).exists:
        return
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _refuse_a_shop(url, conn)
    finally:
        engine.dispose()


#: The key of the server's advisory lock a copy holds on its target database (any number of the
#: program's own: "WKSH").
COPY_LOCK_KEY = 0x574B5348


def _hold_server_target(url: URL, dst: Connection) -> None:
    """One copy at a time into a server database: the target is held for this copy's transaction (an
    advisory lock), then looked at again inside it: a copy started alongside finished first and its
    shop is there (the first look, before opening, could not see it)."""
    if not dst.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": COPY_LOCK_KEY}).scalar():
        raise WorkshopError(f"Another copy into {shown(url)} is under way, from this PC or another. Nothing was "
                            "copied: let it finish, then open the shop there.")
    _refuse_a_shop(url, dst)


def _refuse_a_shop(url: URL, conn: Connection) -> None:
    held = {name: n for name, n in _rows_in(conn).items() if n > MIGRATION_ROWS.get(name, 0)}
    if held:
        biggest = sorted(held.items(), key=lambda kv: -kv[1])[:3]
        listed = ", ".join(f"{n:,} in {name}" for name, n in biggest) + (" …" if len(held) > 3 else "")
        raise WorkshopError(
            f"{shown(url)} already holds a shop ({sum(held.values()):,} rows: {listed}). "
            "migrate-to only fills an empty database, so nothing was changed. Choose a new file, or an empty "
            "database on the server.")


# --- the copy --------------------------------------------------------------------------------------

def _source_reads(db: Database):
    options = {"sqlite_begin": "DEFERRED"}
    if not is_sqlite(db.url):
        options.update(isolation_level="REPEATABLE READ", postgresql_readonly=True)  # one snapshot
    return db.engine.execution_options(**options)


def _converters(table: Table, source, target) -> list | None:
    """Per column, what turns a value as the source's driver gives it into one the target's takes
    (SQLite keeps times and dates as text and truths as 0/1: SQLAlchemy's own processors, both ways),
    or None when the two are the same kind of database and values go across as they are."""
    if source.name == target.name:
        return None
    converters = []
    for column in _stored_tables()[table.name].columns:
        read = column.type.dialect_impl(source).result_processor(source, None)
        write = column.type.dialect_impl(target).bind_processor(target)
        if read and write:
            converters.append(lambda v, read=read, write=write: write(read(v)))
        else:
            converters.append(read or write)
    return converters if any(converters) else None


def _batches(src: Connection, table: Table, size: int):
    """The table's rows in key order, ``size`` at a time, as the source's driver gives them (tuples),
    inside the source's transaction (on PostgreSQL through a server-side cursor)."""
    stored = _stored_tables()[table.name]
    query = select(stored).order_by(*(stored.c[c.name] for c in table.primary_key.columns))
    raw = src.connection.driver_connection
    if src.dialect.name == "postgresql":
        cursor = raw.cursor(name=f"workshop_move_{table.name}")
    else:
        cursor = raw.cursor()
    try:
        cursor.execute(str(query.compile(dialect=src.dialect)))
        while batch := cursor.fetchmany(size):
            yield batch
    finally:
        cursor.close()


def _turn(row, turned: list) -> list:
    values = list(row)
    for at, convert in turned:
        if values[at] is not None:
            values[at] = convert(values[at])
    return values


def _copy_table(src: Connection, dst: Connection, table: Table, total: int, batch_rows: int,
                progress: Progress | None) -> int:
    files = any(isinstance(c.type, LargeBinary) for c in table.columns)
    size = FILE_BATCH_ROWS if files else batch_rows
    turned = [(at, f) for at, f in enumerate(_converters(table, src.dialect, dst.dialect) or ()) if f is not None]
    done = 0
    for rows in _batches(src, table, size):
        if turned:
            rows = [_turn(row, turned) for row in rows]
        _insert_rows(dst, table, rows)
        done += len(rows)
        if progress is not None:
            progress(table.name, done, total)
    return done


def _reset_sequences(dst: Connection, tables: Iterable[Table]) -> None:
    """PostgreSQL: each table's id sequence past its largest id, so a new row gets a new id."""
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].name != "id":
            continue
        dst.execute(text(f'SELECT setval(pg_get_serial_sequence(:table, \'id\'), '
                         f'coalesce((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'),
                    {"table": f'"{table.name}"'})


def _verify(dst: Connection, tables: tuple[Table, ...], expected: dict[str, tuple]) -> None:
    for table in tables:
        count, totals = _figures(dst, table)
        want_count, want_totals = expected[table.name]
        if count != want_count:
            raise TransferMismatch(
                f"The copy of {table.name} does not match the shop: {count:,} rows instead of {want_count:,}. "
                "Nothing was kept; the target is as empty as before.", details=f"table {table.name}")
        for (name, got), (_, want) in zip(totals, want_totals, strict=True):
            if got != want:
                raise TransferMismatch(
                    f"The copy of {table.name} does not add up: its {name} column totals differently from the shop's. "
                    "Nothing was kept; the target is as empty as before.",
                    details=f"table {table.name}, column {name}: {got} instead of {want} (stored units)")


def _url(where) -> URL:
    return resolve_url(where.render_as_string(hide_password=False) if isinstance(where, URL) else where)


def migrate_to(target, source, *, progress: Progress | None = None, batch_rows: int = BATCH_ROWS) -> TransferReport:
    """Copy the shop at ``source`` into the empty database ``target`` (paths or URLs), in one transaction
    on the target, checked before it commits. Raises the program's own error, having changed nothing,
    when it cannot."""
    source_url, target_url = _url(source), _url(target)
    if _same_database(source_url, target_url):
        raise WorkshopError(f"The shop and the target are the same database ({shown(source_url)}): give another "
                            "target.")
    source_db = _open_source(source_url)
    try:
        if not is_sqlite(target_url):
            _check_server_database(target_url)
        path = Path(target_url.database) if is_sqlite(target_url) and target_url.database else None
        with _writer_lock(path) if path is not None else nullcontext():
            _check_empty(target_url)
            created = path is not None and not path.exists()
            try:
                target_db = open_database(target_url)
                try:
                    tables = _copy_all(source_db, target_db, progress, batch_rows)
                    _gather_statistics(target_db)
                finally:
                    target_db.close()
            except BaseException:
                if created:
                    for suffix in ("-wal", "-shm", ""):
                        path.with_name(path.name + suffix).unlink(missing_ok=True)
                raise
    finally:
        source_db.close()
    return TransferReport(source=shown(source_url), target=shown(target_url), tables=tables, created=created)


@contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
    """The target file's writer lock while it is checked and filled; one another Workshop holds is a
    refusal, nothing copied."""
    try:
        lock = acquire_writer_lock(path)
    except ShopInUse as exc:
        who = f"by {exc.holder.describe()}" if exc.holder is not None else "by another Workshop, right now"
        raise ShopInUse(f"{path} is open {who}: the shop is only ever copied into a file nobody has open. "
                        "Nothing was copied; close it there first, or choose another file.",
                        details=exc.details, holder=exc.holder) from exc
    try:
        yield
    finally:
        lock.release()


def _gather_statistics(target_db: Database) -> None:
    """ANALYZE a server's new tables at once: its planner otherwise guesses at them until autovacuum
    comes round, and the first lists read slowly (bench_server measured after it)."""
    if target_db.engine.dialect.name == "postgresql":
        with target_db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")


def _copy_all(source_db: Database, target_db: Database, progress: Progress | None,
              batch_rows: int) -> tuple[TableCopy, ...]:
    tables = model_tables()
    with _source_reads(source_db).connect() as src, src.begin(), target_db.engine.begin() as dst:
        if not is_sqlite(target_db.url):  # a file is held by its writer lock already
            _hold_server_target(target_db.url, dst)
        expected = {t.name: _figures(src, t) for t in tables}
        for table in reversed(tables):  # the migrations' own rows (MIGRATION_ROWS): the shop's replace them
            dst.execute(delete(_stored_tables()[table.name]))
        for table in tables:
            _copy_table(src, dst, table, expected[table.name][0], batch_rows, progress)
        _verify(dst, tables, expected)
        if not is_sqlite(target_db.url):
            _reset_sequences(dst, tables)
    return tuple(TableCopy(t.name, expected[t.name][0], expected[t.name][1]) for t in tables)
