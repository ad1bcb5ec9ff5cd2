"""Shared fixtures: a fresh database per test (a copy of one migrated template file), a small
sample shop, offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # pytest-qt has no platform setting of its own

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from support.small_screen import ON_1280x720
from workshop.db.engine import open_database


def pytest_collection_modifyitems(config, items):
    """Tests marked ``on_1280x720`` run only in the child pytest their launcher starts on a
    1280×720 screen (tests/support/small_screen.py); there, only they run."""
    keep, drop = [], []
    for item in items:
        (keep if (item.get_closest_marker("on_1280x720") is not None) == ON_1280x720 else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


#: Set to a PostgreSQL URL to run the database-backed tests against a server instead of
#: SQLite (CI does, for the service and database tests): each test gets a fresh database.
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


@pytest.fixture
def db(tmp_path, request):
    if SERVER_URL:
        database = open_database(request.getfixturevalue("server_template").fresh_copy())
    else:
        path = tmp_path / "shop.db"
        shutil.copyfile(request.getfixturevalue("migrated_template"), path)
        database = open_database(path)  # at the newest revision already: neither migrated nor backed up
    yield database
    database.close()


@pytest.fixture
def today(db) -> dt.date:
    return db.today()


@pytest.fixture
def shop(db, today):
    """Two workstations, two operators, three materials, a customer, a template and one
    planned job — enough for most service and screen tests."""
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
