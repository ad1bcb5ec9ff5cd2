"""workshop check: a material's stock on hand and value are the sums of its movements; --repair sets a
tampered material back to those sums, keeping its row as it was in set_aside_rows."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sqlalchemy import text

from support.hand_edits import run
from workshop.db.check import check_database, check_report
from workshop.db.repair import repair_database
from workshop.services import bookings, jobs, stock_ledger


def test_stock_that_agrees_with_its_movements_is_healthy(db, shop):
    jobs.change_status(db, shop.job.id, "release")
    bookings.issue_material(db, shop.job.id, material_id=shop.oak.id, quantity="2.5")
    bookings.return_material(db, shop.job.id, material_id=shop.oak.id, quantity="1")
    stock_ledger.adjust_stock(db, shop.hinge.id, "-4", "Damaged")
    assert check_database(db.url) == []


def test_a_tampered_stock_is_named_with_both_figures_and_repaired_to_the_sums(db, shop):
    # stored as thousandths and pence: oak 41 m2 worth 3500.00, where its one movement (the opening) says
    # 40 m2 × 85.50 = 3420.00; the hinges' value alone changed: 900.00 against 200 × 4.20 = 840.00
    run(db, f"UPDATE materials SET stock_on_hand = 41000, stock_value = 350000 WHERE id = {shop.oak.id}",
        f"UPDATE materials SET stock_value = 90000 WHERE id = {shop.hinge.id}")
    report = check_report(db.url)
    assert report.problems == [
        "Material HNG-35: stock on hand 200 and stock value 900.00, but its stock movements add up to 200 and "
        "840.00.",
        "Material OAK-25: stock on hand 41 and stock value 3500.00, but its stock movements add up to 40 and "
        "3420.00."]
    assert report.exit_code == 1 and all(f.repairable and f.kind == "stock" for f in report.findings)

    result = repair_database(db.url, clock=lambda: dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC))
    assert result.fixed == {"stock": 2}
    assert check_database(db.url) == []
    with db.engine.connect() as conn:
        assert conn.execute(text(f"SELECT stock_on_hand, stock_value FROM materials WHERE id = {shop.oak.id}")
                            ).one() == (40000, 342000)
        kept = conn.execute(text("SELECT table_name, row_json, reason FROM set_aside_rows ORDER BY id")).all()
    assert [(t, json.loads(row)["code"], why) for t, row, why in kept] == [
        ("materials", "HNG-35", "Stock on hand 200 and value 900.00 set to the sums of its movements, 200 and 840.00."),
        ("materials", "OAK-25", "Stock on hand 41 and value 3500.00 set to the sums of its movements, 40 and 3420.00.")]
    assert repair_database(db.url).fixed == {}


def test_a_material_without_movements_must_hold_no_stock(db, shop):
    run(db, f"DELETE FROM stock_movements WHERE material_id = {shop.oil.id}")
    # oil was created with 6 l at 32.00 (192.00), but nothing now says how it came
    assert check_database(db.url) == [
        "Material OIL-HW: stock on hand 6 and stock value 192.00, but its stock movements add up to 0 and 0.00."]


def test_the_command_line_prints_the_problem_and_the_repair(db, shop, capsys):
    from workshop.cli import main

    if db.url.get_backend_name() != "sqlite":
        pytest.skip("the command line is tried on a shop file")
    run(db, f"UPDATE materials SET stock_on_hand = 38500 WHERE id = {shop.oak.id}")  # 38.5 m2 stored; 40 moved
    path = db.url.database
    db.close()
    assert main(["check", "--db", path]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("PROBLEM: Material OAK-25: stock on hand 38.5 and stock value 3420.00, but its stock movements "
                      "add up to 40 and 3420.00.")
    assert main(["check", "--repair", "--db", path]) == 0
    assert "REPAIRED: 1 materials' stock set to the sums of their movements" in capsys.readouterr().out.splitlines()
