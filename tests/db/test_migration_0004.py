"""0004 fills the case-folded search text of jobs and briefs already in the database."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

from workshop.db import migrate


def test_0004_backfills_search_text_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0003")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (id, name, contact_person, email, phone, address, tax_number, "
                          "notes, archived, created_at) VALUES (1, 'Łódź Metal', '', '', '', '', '', '', 0, "
                          "'2026-01-01')"))
        conn.execute(text("INSERT INTO briefs (id, number, customer_id, title, requirements, constraints, status, "
                          "status_reason, created_at, updated_at) VALUES (1, 'B-2026-0001', 1, 'Gate', "
                          "'Straße side', 'ÉTROIT', 'new', '', '2026-01-01', '2026-01-01')"))
        conn.execute(text("INSERT INTO jobs (id, number, customer_id, title, specification, quantity, due_date, "
                          "priority, status, notes, created_at, updated_at) VALUES (1, 'J-2026-0001', 1, "
                          "'Oak TABLE', 'Ø 25 mm', 1, '2026-02-01', 'normal', 'planned', '', '2026-01-01', "
                          "'2026-01-01')"))
    engine.dispose()
    migrate.upgrade(url, "0004")
    _assert_folded(url)

    migrate.downgrade(url, "0003")
    engine = create_engine(url)
    with engine.connect() as conn:
        assert not {"search_text"} & {c["name"] for c in inspect(conn).get_columns("jobs")}
        assert not {"search_text"} & {c["name"] for c in inspect(conn).get_columns("briefs")}
        assert conn.execute(text("SELECT number, title, specification FROM jobs")).one() \
            == ("J-2026-0001", "Oak TABLE", "Ø 25 mm")
    engine.dispose()

    migrate.upgrade(url, "0004")  # the round trip folds the same text again
    _assert_folded(url)


def _assert_folded(url) -> None:
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0004"
        assert conn.execute(text("SELECT search_text FROM jobs")).scalar() == "j-2026-0001\noak table\nø 25 mm"
        assert conn.execute(text("SELECT search_text FROM briefs")).scalar() == "b-2026-0001\ngate\nstrasse side\nétroit"
    engine.dispose()


def test_searching_after_upgrade_finds_folded_text(db, shop):
    from workshop.services import briefs, jobs

    b = briefs.create_brief(db, customer_id=shop.customer.id, title="Hall table", requirements="STRASSE finish")
    assert [r.id for r in briefs.list_briefs(db, "straße")] == [b.id]
    assert [r.id for r in jobs.list_jobs(db, jobs.JobFilter(search="OAK dresser"))] == [shop.job.id]
    jobs.update_job(db, shop.job.id, title="Walnut dresser")
    assert jobs.list_jobs(db, jobs.JobFilter(search="oak dresser")) == []
    assert [r.id for r in jobs.list_jobs(db, jobs.JobFilter(search="walnut"))] == [shop.job.id]
    assert [r.id for r in jobs.list_jobs(db, jobs.JobFilter(search="harrow &"))] == [shop.job.id]  # customer
