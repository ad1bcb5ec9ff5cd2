"""What the crash tests' fork server imports before it forks the children (tests/crash/test_sigkill.py):
the writer and the services, and every statement the writer's steps send already compiled. Each child is
a new process that opens the database afresh, as after a power cut, and used to compile each statement
of its steps again before sending it (~120 ms of a child's ~170 ms to its first step). Here the fork
server runs both kinds of cycle once on a throwaway shop, with its engines sharing one SQLAlchemy dialect
and compiled cache (support/shared_dialect.py), and each forked child's ``open_database`` gets that
dialect: the child opens its own connection and sends exactly the same SQL, without compiling it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from sqlalchemy.orm import configure_mappers

from support import crash_writer as cw
from support.shared_dialect import sharing_make_engine
from workshop.db import engine as engine_module

engine_module.make_engine, _shared = sharing_make_engine(engine_module.make_engine)


def _warm() -> None:
    folder = Path(tempfile.mkdtemp(prefix="workshop-crash-preload-"))
    try:
        db = engine_module.open_database(folder / "shop.db")
        shop = cw.build_shop(db)
        cycle, step = cw.next_step(db)
        while cycle.k < 3:  # a quoted job's cycle and a direct one, each to paid
            cw.run_step(db, shop, cycle, step)
            cycle, step = cw.next_step(db)
        db.close()  # no connection crosses the fork
    finally:
        shutil.rmtree(folder, ignore_errors=True)


configure_mappers()
_warm()
