"""``workshop check --salvage``: copy what a damaged SQLite file still lets be read into a new file.

Damaged pages cannot be repaired in place, and the first thing to do is restore a backup. When there is
no good backup (or it is old), this copies table by table, row by row, everything SQLite can still read
into a fresh database of the same schema version, beside the damaged file, which it never changes. It
says, table by table, how many rows it copied and where reading stopped; rows on damaged pages are
lost and it does not pretend otherwise. The new file then gets ``workshop check`` (rows whose parent
was lost show as broken links, which ``--repair`` sets aside) and can be put in place with
``workshop restore FILE`` (or File ▸ Restore…), which backs up the damaged file first.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..domain import errors as e
from . import search_index
from .engine import resolve_url

#: After a damaged page, reading starts again so many row ids further on, each try twice as far.
_RESUME_TRIES = 24


@dataclass(frozen=True)
class TableSalvage:
    table: str
    copied: int
    stopped: bool  # reading hit a damaged page: rows may be lost
    skipped_from: tuple[int, ...] = ()  # the row ids after which reading failed
    refused: int = 0  # rows read but not copied: they break a rule of the table (read off a damaged page)


@dataclass(frozen=True)
class SalvageReport:
    path: Path
    revision: str
    tables: tuple[TableSalvage, ...]

    @property
    def lost_somewhere(self) -> bool:
        return any(t.stopped for t in self.tables)


def salvage_database(target, destination=None, *, now: dt.datetime | None = None) -> SalvageReport:
    url = resolve_url(target)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise e.WorkshopError("Salvage copies a damaged SQLite file; a server database is mended by its administrator "
                              "(or restored from pg_dump).")
    source_path = Path(url.database)
    if not source_path.is_file() or source_path.stat().st_size == 0:
        raise e.CannotOpenDatabase(f"There is no database at {source_path} to salvage.")
    moment = (now or dt.datetime.now(dt.UTC)).astimezone()
    target_path = Path(destination) if destination else source_path.with_name(
        f"{source_path.stem}.salvaged-{moment:%Y-%m-%d-%H%M%S}.db")
    if target_path.exists():
        raise e.WorkshopError(f"{target_path} already exists; salvage never overwrites a file.")
    source = sqlite3.connect(f"{source_path.as_uri()}?mode=ro", uri=True)
    try:
        revision = _revision(source, source_path)
        from . import migrate

        migrate.upgrade(resolve_url(target_path), revision)
        try:
            tables = _copy(source, target_path)
        except BaseException:
            target_path.unlink(missing_ok=True)
            raise
    finally:
        source.close()
    return SalvageReport(path=target_path, revision=revision, tables=tables)


def _revision(source: sqlite3.Connection, path: Path) -> str:
    from . import revisions
    from .connection import APPLICATION_ID

    try:
        app_id = source.execute("PRAGMA application_id").fetchone()[0]
        row = source.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise e.DamagedDatabase(f"{path.name} is damaged beyond salvage here: even its list of tables cannot be "
                                "read. Restore a backup.", details=str(exc)) from exc
    if app_id != APPLICATION_ID or row is None:
        raise e.ForeignDatabase(f"{path.name} is not a Workshop database, so there is nothing to salvage.")
    if row[0] not in revisions.known_revisions():
        raise e.NewerSchema(f"{path.name} was saved by a newer Workshop (schema {row[0]}); salvage it with that "
                            "version.")
    return row[0]


def _copy(source: sqlite3.Connection, target_path: Path) -> tuple[TableSalvage, ...]:
    target = sqlite3.connect(target_path, isolation_level=None)
    try:
        target.execute("PRAGMA foreign_keys=OFF")  # parents may be lost: check --repair deals with those rows
        target.execute("BEGIN IMMEDIATE")
        # the job search's index is not copied: its triggers index each job as it is copied (search_index)
        names = [r[0] for r in target.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' ORDER BY name") if r[0] not in search_index.index_tables()]
        done = []
        for name in names:
            target.execute(f'DELETE FROM "{name}"')  # what the migrations wrote (the settings row): the file's wins
            done.append(_copy_table(source, target, name))
        target.execute("COMMIT")
        check = [r[0] for r in target.execute("PRAGMA integrity_check")]
        if check != ["ok"]:  # pragma: no cover - a fresh file written by SQLite itself
            raise e.DamagedDatabase("The salvaged copy failed its own check; it was removed.", details="; ".join(check))
        return tuple(done)
    finally:
        target.close()


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, name: str) -> TableSalvage:
    try:
        columns = [r[1] for r in target.execute(f'PRAGMA table_info("{name}")')]
        source_columns = {r[1] for r in source.execute(f'PRAGMA table_info("{name}")')}
    except sqlite3.DatabaseError:
        return TableSalvage(name, 0, stopped=True)
    columns = [c for c in columns if c in source_columns]
    listed = ", ".join(f'"{c}"' for c in columns)
    # OR IGNORE: a row read off a damaged page that breaks a rule of the table (empty where it may not
    # be, a key twice) is left out and counted, not copied
    insert = f'INSERT OR IGNORE INTO "{name}" ({listed}) VALUES ({", ".join("?" for _ in columns)})'
    copied = refused = 0
    last: int | None = None
    skipped: list[int] = []
    tries = 0
    while True:
        where = "" if not skipped else f" WHERE rowid > {(last or 0) + 2 ** (tries - 1)}"
        try:
            for row in _rows(source, f'SELECT rowid, {listed} FROM "{name}" NOT INDEXED{where} ORDER BY rowid'):
                if target.execute(insert, row[1:]).rowcount == 1:
                    copied += 1
                else:
                    refused += 1
                last, tries = row[0], 0
            return TableSalvage(name, copied, stopped=bool(skipped), skipped_from=tuple(skipped), refused=refused)
        except _Unreadable:
            if not skipped or skipped[-1] != (last or 0):
                skipped.append(last or 0)
            tries += 1
            if tries > _RESUME_TRIES:
                return TableSalvage(name, copied, stopped=True, skipped_from=tuple(skipped), refused=refused)


class _Unreadable(Exception):
    """The source file could not be read here (a damaged page)."""


def _rows(source: sqlite3.Connection, query: str):
    try:
        cursor = source.execute(query)
    except sqlite3.DatabaseError as exc:
        raise _Unreadable from exc
    while True:
        try:
            row = cursor.fetchone()
        except sqlite3.DatabaseError as exc:
            raise _Unreadable from exc
        if row is None:
            return
        yield row
