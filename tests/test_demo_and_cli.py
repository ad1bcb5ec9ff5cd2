"""The demo shop and the command line, run as a new user would."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from workshop.cli import main

TODAY = "2026-11-21"


def _dump(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='table' ORDER BY name").fetchall()
        # a table WITHOUT ROWID (the search index's own: migration 0015) is read in its key's order
        return {t: conn.execute(f'SELECT * FROM "{t}"' + ("" if "WITHOUT ROWID" in (sql or "").upper()
                                                          else " ORDER BY rowid")).fetchall()
                for t, sql in tables if t != "sqlite_sequence"}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, demo_copy):
    """The module's own copy of ``workshop demo --today TODAY`` (built once per run: conftest)."""
    return demo_copy(tmp_path_factory.mktemp("demo") / "shop.db", TODAY)


def test_demo_is_deterministic(demo_db, tmp_path):
    again = tmp_path / "again.db"
    assert main(["demo", "--db", str(again), "--today", TODAY]) == 0
    first, second = _dump(demo_db), _dump(again)
    assert first.keys() == second.keys()
    for table in first:
        assert first[table] == second[table], f"table {table} differs between two demo runs"


def test_demo_drawing_is_the_same_whatever_was_printed_before(monkeypatch):
    """ReportLab reads its stream encoding from process-wide settings, and printing a document
    changes them: the demo's PDF drawing came out ASCII85 in a fresh process and binary after a
    print, so two demo runs in one test process differed (CI, PostgreSQL run)."""
    from reportlab import rl_config

    from workshop.demo.drawings import control_panel_pdf

    monkeypatch.setattr(rl_config, "useA85", 1)  # ReportLab's own default: nothing printed yet
    fresh = control_panel_pdf("Bandsaw control panel")
    monkeypatch.setattr(rl_config, "useA85", 0)  # as a printed document leaves it
    after_a_print = control_panel_pdf("Bandsaw control panel")
    assert fresh == after_a_print
    assert b"/ASCII85Decode" not in fresh


def test_demo_shop_has_what_the_brief_asks_for(demo_db):
    conn = sqlite3.connect(demo_db)
    count = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    # eight in the shop, and the one that stands for work sent outside
    assert count("SELECT count(*) FROM workstations WHERE kind != 'outside'") == 8
    assert count("SELECT count(*) FROM workstations WHERE kind = 'outside'") == 1
    assert count("SELECT count(*) FROM operators") == 6
    assert count("SELECT count(*) FROM materials") == 40
    assert count("SELECT count(*) FROM routing_templates") == 3
    assert count("SELECT count(*) FROM customers") == 25
    assert count("SELECT count(*) FROM briefs") == 60
    job_statuses = {r[0] for r in conn.execute("SELECT DISTINCT status FROM jobs")}
    assert job_statuses == {"planned", "released", "in_progress", "on_hold", "inspection", "complete", "delivered",
                            "invoiced", "closed", "cancelled"}
    assert {r[0] for r in conn.execute("SELECT DISTINCT status FROM briefs")} == {
        "new", "quoted", "won", "lost", "withdrawn"}
    oldest = conn.execute("SELECT min(created_at) FROM briefs").fetchone()[0]
    assert oldest < "2025-07-01"  # spread over the last 18 months
    kitchen = conn.execute("SELECT id, status FROM jobs WHERE title = 'Bespoke fitted oak kitchen'").fetchone()
    assert kitchen[1] == "in_progress"
    assert count(f"SELECT count(*) FROM bom_items WHERE job_id = {kitchen[0]} AND is_assembly = 1") >= 4
    assert count(f"SELECT count(*) FROM attachments WHERE job_id = {kitchen[0]}") == 1
    retrofit = conn.execute("SELECT id, status FROM jobs WHERE title LIKE 'Bandsaw retrofit%'").fetchone()
    assert retrofit[1] == "inspection"
    assert count(f"SELECT count(*) FROM operations WHERE job_id = {retrofit[0]} AND inspection_required = 1") >= 3
    conn.close()


def test_demo_shop_buys_its_material_and_sends_work_out(demo_db):
    """Suppliers, orders in every state but cancelled, goods in, outside work, and a walnut shortage."""
    conn = sqlite3.connect(demo_db)
    count = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    assert count("SELECT count(*) FROM suppliers") == 8
    # every material has a supplier but the quartz worktop, which the stonemason supplies and fits
    assert [r[0] for r in conn.execute("SELECT code FROM materials WHERE id NOT IN "
                                       "(SELECT material_id FROM material_suppliers)")] == ["QTZ-30"]
    assert {r[0] for r in conn.execute("SELECT DISTINCT status FROM purchase_orders")} == {
        "draft", "sent", "part_received", "received"}
    assert count("SELECT count(*) FROM goods_receipts") == 3
    outside = conn.execute(
        "SELECT o.id, o.days_away, s.name FROM operations o JOIN suppliers s ON s.id = o.supplier_id").fetchall()
    assert [(days, name) for _, days, name in outside] == [(7, "ColourCoat Powder Coating")]
    assert count(f"SELECT count(*) FROM purchase_order_lines WHERE operation_id = {outside[0][0]}") == 1
    conn.close()


def test_demo_walnut_sideboard_is_short_of_walnut(demo_db):
    from workshop.db.engine import open_database
    from workshop.services import jobs, stock_needs

    db = open_database(demo_db)
    try:
        [row] = jobs.list_jobs(db, jobs.JobFilter(search="Walnut sideboard"))
        assert row.status == "released"
        [walnut] = [n for n in stock_needs.material_needs(db, row.id).values() if n.code == "WAL-27"]
        # the demo asks for what is on the shelf and 3 m² more, and nothing is on order
        assert (walnut.needed - walnut.on_hand, walnut.on_order, walnut.missing) == (3, 0, 3)
    finally:
        db.close()


def test_demo_refuses_to_overwrite_without_force(demo_db, capsys):
    assert main(["demo", "--db", str(demo_db), "--today", TODAY]) == 1
    assert "already exists" in capsys.readouterr().err


def test_check_is_healthy_on_the_demo(demo_db, capsys):
    assert main(["check", "--db", str(demo_db)]) == 0
    assert "OK" in capsys.readouterr().out


def test_check_reports_problems(tmp_path, demo_db, capsys):
    foreign = tmp_path / "other.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    assert main(["check", "--db", str(foreign)]) == 7  # ForeignDatabase.exit_code
    assert "not a Workshop database" in capsys.readouterr().out

    broken = tmp_path / "broken.db"
    broken.write_bytes(demo_db.read_bytes())
    conn = sqlite3.connect(broken)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE jobs SET customer_id = 9999 WHERE id = 1")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(broken)]) == 1
    assert "Broken link" in capsys.readouterr().out

    newer = tmp_path / "newer.db"
    newer.write_bytes(demo_db.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(newer)]) == 8  # NewerSchema.exit_code
    out = capsys.readouterr().out
    assert out.startswith("PROBLEM: ") and "newer" in out and "zzzz" in out
    assert main(["check", "--db", str(tmp_path / "missing.db")]) == 9  # CannotOpenDatabase.exit_code


def test_help_lists_every_command():
    result = subprocess.run([sys.executable, "-m", "workshop", "--help"], capture_output=True, text=True, check=True)
    for command in ("gui", "demo", "check", "screenshot", "print"):
        assert command in result.stdout


def test_opening_a_foreign_file_from_the_command_line_fails_cleanly(tmp_path, capsys):
    path = tmp_path / "x.db"
    path.write_text("not a database")
    assert main(["print", "job-card", "J-2026-0001", "--db", str(path), "-o", str(tmp_path / "o.pdf")]) == 7  # ForeignDatabase.exit_code: the file is not a database at all
    assert "not a Workshop database" in capsys.readouterr().err


def test_demo_has_a_kitchen_order_and_kinds_of_work(demo_db):
    """Issue 16: one customer order of three kitchen jobs, one of them started; the jobs' kinds group
    the accuracy report."""
    conn = sqlite3.connect(demo_db)
    order = conn.execute("SELECT o.id, o.number, c.name FROM job_orders o JOIN customers c ON c.id = o.customer_id "
                         "WHERE o.title = 'Kitchen, 14 Mill Lane'").fetchone()
    assert order[1:] == ("JO-2026-0001", "Harrow & Finch Interiors")
    held = conn.execute(f"SELECT title, status, kind FROM jobs WHERE job_order_id = {order[0]} ORDER BY id").fetchall()
    assert held == [("Kitchen carcasses, 14 Mill Lane", "in_progress", "Kitchen"),
                    ("Kitchen doors and drawer fronts, 14 Mill Lane", "released", "Kitchen"),
                    ("Kitchen installation, 14 Mill Lane", "planned", "Kitchen")]
    kinds = dict(conn.execute("SELECT title, kind FROM jobs WHERE title IN ('Bespoke fitted oak kitchen', "
                              "'Garden gates, pair, steel', 'Oak dining table, 2.2 m, seats eight')"))
    assert kinds == {"Bespoke fitted oak kitchen": "Kitchen", "Garden gates, pair, steel": "Gates",
                     "Oak dining table, 2.2 m, seats eight": "Table"}
    assert conn.execute("SELECT count(DISTINCT kind) FROM jobs WHERE kind != ''").fetchone()[0] >= 6
    conn.close()


def test_demo_calendar_makes_the_spray_booth_the_bottleneck_and_the_bar_counter_late(demo_db):
    """Issue 16: bank holidays and the Christmas shutdown, three benches side by side, the spray booth
    out for its first two working days; the lead's walk ("find the late job, read why") needs a job
    late because of an overloaded workstation."""
    import datetime as dt

    from workshop.db.engine import open_database
    from workshop.services import lateness, schedule

    conn = sqlite3.connect(demo_db)
    december = conn.execute("SELECT day, name FROM shop_holidays WHERE day >= '2026-12-01' AND day < '2027-01-02' "
                            "ORDER BY day").fetchall()
    # 25 Dec 2026 a Friday, Boxing Day a Saturday (substitute Monday 28th), shutdown 29-31, 1 Jan 2027 a Friday
    assert december == [("2026-12-25", "Christmas Day"), ("2026-12-28", "Boxing Day (substitute day)"),
                        ("2026-12-29", "Christmas shutdown"), ("2026-12-30", "Christmas shutdown"),
                        ("2026-12-31", "Christmas shutdown"), ("2027-01-01", "New Year's Day")]
    assert conn.execute("SELECT capacity_hours_per_day, parallel FROM workstations WHERE code = 'BENCH'"
                        ).fetchone() == (800, 3)  # 8.00 h (hundredths) on each of three benches
    # today is Saturday 21 Nov 2026: the first two working days are Monday 23 and Tuesday 24
    assert conn.execute("SELECT d.day FROM workstation_days_off d JOIN workstations w ON w.id = d.workstation_id "
                        "WHERE w.code = 'SPRAY' ORDER BY d.day").fetchall() == [("2026-11-23",), ("2026-11-24",)]
    conn.close()
    db = open_database(demo_db)
    try:
        view = schedule.propose(db, now=dt.datetime(2026, 11, 23, 8, 30))
        [bar] = [job for job in view.jobs.values() if job.title == "Bar counter and back bar"]
        assert view.plan.job(bar.id).late
        reason = lateness.why_late(view, bar.id)
        assert (reason.workstation_code, reason.operation_name) == ("SPRAY", "Spray finish")
        assert lateness.bottleneck(view).code == "SPRAY"
    finally:
        db.close()
