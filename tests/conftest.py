"""Shared fixtures: a fresh database per test (a copy of one migrated template file), a small
sample shop, offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # pytest-qt has no platform setting of its own

import copy
import datetime as dt
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from support.small_screen import ON_1280x720
from workshop.db.engine import open_database, utc_now


def pytest_collection_modifyitems(config, items):
    """Tests marked ``on_1280x720`` run only in the child pytest their launcher starts on a
    1280×720 screen (tests/support/small_screen.py); there, only they run."""
    keep, drop = [], []
    for item in items:
        (keep if (item.get_closest_marker("on_1280x720") is not None) == ON_1280x720 else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session", autouse=True)
def _one_sqlite_dialect():
    """Every SQLite engine ``open_database`` makes in a test session shares one SQLAlchemy dialect and
    its compiled-statement cache (support/shared_dialect.py): each test opens its own database, and
    compiled every statement it ran afresh (~1 ms each, a quarter of the service and window tests' CPU)."""
    from support.shared_dialect import sharing_make_engine
    from workshop.db import engine as engine_module

    make_engine, shared = sharing_make_engine(engine_module.make_engine)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine_module, "make_engine", make_engine)
        yield
    shared.dispose()


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, collecting garbage on its GUI thread only, as the program's does
    (workshop/ui/collector.py: a collection in a pool thread crashed a full run)."""
    from workshop.ui.collector import collect_on_gui_thread

    collect_on_gui_thread(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _collect_between_tests():
    """What is due to be collected, collected after each test on this (the GUI) thread: a test that
    runs no event loop gives the collector's timer no chance to."""
    yield
    from workshop.ui import collector

    if collector._COLLECTOR is not None:
        collector._COLLECTOR.collect_due()


#: Set to a PostgreSQL URL to run the database-backed tests against a server instead of
#: SQLite (CI does, for the whole suite): each test gets a fresh database.
SERVER_URL = os.environ.get("WORKSHOP_TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def server_template():
    from support.server_database import ServerTemplate

    template = ServerTemplate(SERVER_URL)
    yield template
    template.close()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """One SQLite file migrated to the newest revision per test session: migrating takes ~0.4 s,
    copying the file ~8 ms."""
    path = tmp_path_factory.mktemp("template") / "shop.db"
    open_database(path).close()
    # Closing the last connection checkpoints WAL into the file; a copy without it would be stale.
    assert not path.with_name(path.name + "-wal").exists(), "the template kept a WAL file"
    return path


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """``run(today)``: ``workshop demo --db PATH --today today`` run once per run of the suite (~10 s;
    shared by the xdist workers) -> (PATH, what it printed on stdout, on stderr). Never write to PATH:
    copy it (``demo_copy``)."""
    import contextlib
    import io

    from support.built_once import built_once

    def build(today: str):
        def make(path: Path) -> None:
            from workshop.cli import main

            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                assert main(["demo", "--db", str(path), "--today", today]) == 0
            assert not path.with_name(path.name + "-wal").exists(), "the demo kept a WAL file"
            path.with_name(path.name + ".out").write_text(out.getvalue(), encoding="utf-8")
            path.with_name(path.name + ".err").write_text(err.getvalue(), encoding="utf-8")
        return make

    def run(today: str) -> tuple[Path, str, str]:
        path = built_once(tmp_path_factory, f"demo-{today}.db", build(today))
        return (path, path.with_name(path.name + ".out").read_text(encoding="utf-8"),
                path.with_name(path.name + ".err").read_text(encoding="utf-8"))

    return run


@pytest.fixture(scope="session")
def demo_copy(demo_run):
    """``copy(path, today)``: the demo shop ``workshop demo --today today`` writes (built once per run:
    ``demo_run``), copied to ``path`` (~10 ms): a module or session that used to build its own gets
    the same file."""

    def copy(path: Path, today: str) -> Path:
        shutil.copyfile(demo_run(today)[0], path)
        return path

    return copy


def _shop_file(tmp_path, request):
    path = tmp_path / "shop.db"
    shutil.copyfile(request.getfixturevalue("migrated_template"), path)
    database = open_database(path)  # at the newest revision already: neither migrated nor backed up
    _untouched[id(database)] = _file_state(path)
    return database


@pytest.fixture
def db(tmp_path, request):
    """The shop's database: on the server when WORKSHOP_TEST_DATABASE_URL names one, else a file."""
    if SERVER_URL:
        database = open_database(request.getfixturevalue("server_template").fresh_copy())
    else:
        database = _shop_file(tmp_path, request)
    yield database
    _untouched.pop(id(database), None)
    database.close()


@pytest.fixture
def file_db(tmp_path, request):
    """The shop in a SQLite file (tmp_path/shop.db) whatever the run's database, for tests of what only
    a file has (its backups, writer lock, read-only opening, write-ahead log). A module of such tests
    overrides ``db`` with it (``def db(file_db): return file_db``), and its ``shop`` is made in the file too."""
    database = _shop_file(tmp_path, request)
    yield database
    _untouched.pop(id(database), None)
    database.close()


@pytest.fixture
def today(db) -> dt.date:
    return db.today()


def make_shop(db, today) -> SimpleNamespace:
    """What the ``shop`` fixture holds, made through the services."""
    from workshop.services import customers, jobs, materials, templates, workstations

    saw = workstations.create_workstation(db, code="SAW", name="Panel saw", kind="machine", machine_rate="18.00",
                                          labour_rate="30.00", overhead_rate="12.00",
                                          overhead_basis="per_machine_hour", capacity_hours_per_day="8")
    bench = workstations.create_workstation(db, code="BENCH", name="Assembly bench", kind="manual",
                                            labour_rate="28.00", overhead_rate="6.50",
                                            overhead_basis="per_labour_hour", capacity_hours_per_day="16")
    anna = workstations.create_operator(db, name="Anna Kowalska", hourly_rate="32.00",
                                        workstation_ids=[saw.id, bench.id])
    tom = workstations.create_operator(db, name="Tom Reed", hourly_rate="26.00", workstation_ids=[bench.id])
    oak = materials.create_material(db, code="OAK-25", name="Oak board 25 mm", unit="m2", unit_cost="85.50",
                                    stock_on_hand="40", reorder_level="10")
    hinge = materials.create_material(db, code="HNG-35", name="Hinge 35 mm soft-close", unit="ea",
                                      unit_cost="4.20", stock_on_hand="200", reorder_level="50")
    oil = materials.create_material(db, code="OIL-HW", name="Hardwax oil", unit="l", unit_cost="32.00",
                                    stock_on_hand="6", reorder_level="2")
    customer = customers.create_customer(db, name="Harrow & Finch Interiors", contact_person="Ruth Harrow",
                                         email="ruth@harrowfinch.example", phone="01632 960123")
    template = templates.create_template(db, name="Oak cabinet", description="Standard carcass", steps=[
        dict(name="Cut panels", workstation_id=saw.id, setup_minutes="15", run_minutes="20"),
        dict(name="Assemble carcass", workstation_id=bench.id, setup_minutes="10", run_minutes="45"),
        dict(name="Check and oil", workstation_id=bench.id, setup_minutes="5", run_minutes="15",
             inspection_required=True),
    ])
    job = jobs.create_job(db, customer_id=customer.id, title="Oak dresser", specification="Three drawers",
                          quantity=2, due_date=today + dt.timedelta(days=21))
    return SimpleNamespace(saw=saw, bench=bench, anna=anna, tom=tom, oak=oak, hinge=hinge, oil=oil,
                           customer=customer, template=template, job=job)


#: id(Database) -> its file's state as the ``db`` fixture opened it (SQLite only)
_untouched: dict[int, tuple] = {}


def _file_state(path: Path) -> tuple:
    """What changes when anything is written to a SQLite file in WAL mode, through the program or not."""
    def state(p: Path):
        try:
            st = p.stat()
        except FileNotFoundError:
            return None
        return st.st_size, st.st_mtime_ns

    return state(path), state(path.with_name(path.name + "-wal"))


@pytest.fixture(scope="session")
def _shop_templates(tmp_path_factory, migrated_template):
    """today -> (a file holding the migrated template plus ``make_shop``'s rows, what it returned)."""
    made: dict[dt.date, tuple[Path, SimpleNamespace]] = {}

    def of(today: dt.date) -> tuple[Path, SimpleNamespace]:
        if today not in made:
            path = tmp_path_factory.mktemp("shop-template") / "shop.db"
            shutil.copyfile(migrated_template, path)
            database = open_database(path)
            try:
                assert database.today() == today  # made on the test's own day (a run may pass midnight)
                made[today] = path, make_shop(database, today)
            finally:
                database.close()
            assert not path.with_name(path.name + "-wal").exists(), "the shop template kept a WAL file"
        return made[today]

    return of


@pytest.fixture
def shop(db, today, request):
    """Two workstations, two operators, three materials, a customer, a template and one
    planned job — enough for most service and screen tests.

    Made through the services once per session and day (~0.1 s) into a copy of the migrated
    template; each test whose database nothing has written to yet gets that file copied in (~5 ms),
    which holds exactly the rows ``make_shop`` would write. A test whose fixtures wrote first or set
    the clock (or on PostgreSQL) gets them made through the services as before."""
    path = Path(db.url.database) if db.url.get_backend_name() == "sqlite" else None
    if path is None or id(db) not in _untouched or _file_state(path) != _untouched[id(db)] \
            or db.clock is not utc_now or db.today() != today:
        return make_shop(db, today)
    template, made = request.getfixturevalue("_shop_templates")(today)
    db.engine.dispose()  # no connection may read the old file past this point
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    shutil.copyfile(template, path.with_name("shop-template.db"))
    os.replace(path.with_name("shop-template.db"), path)  # a new file: nothing still open sees it change
    return copy.deepcopy(made)  # a test may change its own namespace


@pytest.fixture
def zone():
    """``zone(name)`` sets the process's local time zone (shop-local days, times shown in this PC's zone) for
    the test, whatever the machine's; put back afterwards."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
