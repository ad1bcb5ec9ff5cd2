"""One SQLAlchemy dialect, and so one compiled-statement cache, for every SQLite engine that
``open_database`` makes in a process: SQLAlchemy keeps compiled SQL per engine (its cache key holds the
dialect object), so a process that opens many databases (the test session: one per test; a crash test's
child: a fresh one per kill) otherwise compiles every statement again for each (~1 ms each). The
connections, their settings and the SQL sent stay the program's own; only the compiling is shared."""

from __future__ import annotations

from sqlalchemy import create_engine


def sharing_make_engine(make_engine):
    """``(make_engine', shared)``: ``make_engine`` whose SQLite engines use ``shared``'s dialect and cache."""
    shared = create_engine("sqlite://")
    with shared.connect():
        pass  # the dialect reads the SQLite library's version and features on its first connection

    def make(url, **kwargs):
        engine = make_engine(url, **kwargs)
        if type(engine.dialect) is type(shared.dialect):
            engine.dialect = shared.dialect
            engine._compiled_cache = shared._compiled_cache
        return engine

    return make, shared
