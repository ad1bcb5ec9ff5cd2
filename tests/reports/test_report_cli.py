"""``workshop report KEY``: --json parses and carries the figures the report works out, the text table
and the CSV and PDF files say the same."""

from __future__ import annotations

import csv
import json

from workshop.cli import main

from support.report_rows import END, START


def _json(capsys, *args) -> dict:
    assert main(["report", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_on_time_json_matches_the_hand_written_sql(demo_path, sql, capsys):
    out = _json(capsys, "on-time", "--db", str(demo_path), "--from", START.isoformat(), "--to", END.isoformat(),
                "--json")
    assert (out["report"], out["from"], out["to"]) == ("on-time", "2025-12-01", "2026-11-21")
    months = {m: (c, k) for m, c, k in sql("""
        SELECT substr(d.day, 1, 7), COUNT(*), SUM(d.day <= j.due_date) FROM jobs j
        JOIN (SELECT job_id, MIN(delivered_on) AS day FROM deliveries GROUP BY job_id) d ON d.job_id = j.id
        WHERE d.day BETWEEN '2025-12-01' AND '2026-11-21' GROUP BY 1""")}
    assert {r["month"]: (r["delivered"], r["on_time"]) for r in out["tables"]["main"] if r["delivered"]} == months
    for r in out["tables"]["main"]:  # figures as strings with two places, never floats
        assert r["on_time_pct"] is None or r["on_time_pct"] == f"{r['on_time'] * 100 / r['delivered']:.1f}0"


def test_schedule_json_and_text(demo_path, sql, capsys):
    out = _json(capsys, "schedule", "--db", str(demo_path), "--json")
    numbers = {n for (n,) in sql("SELECT number FROM jobs WHERE status IN ('released', 'in_progress')")}
    rows = out["tables"]["main"]
    assert {r["job"] for r in rows} == numbers
    assert all(set(r) == {"job", "title", "due", "predicted_finish", "late", "why"} for r in rows)
    assert main(["report", "schedule", "--db", str(demo_path)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Schedule\n") and all(n in text for n in numbers)


def test_csv_and_pdf_files(demo_path, tmp_path, capsys, pdf_text_of):
    target = tmp_path / "wins.csv"
    assert main(["report", "win-rate", "--db", str(demo_path), "--from", START.isoformat(), "--to", END.isoformat(),
                 "--csv", str(target), "--pdf", str(tmp_path / "wins.pdf")]) == 0
    err = capsys.readouterr().err
    assert f"Wrote {target}" in err and "wins-quotes.csv" in err
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Month", "Sent", "Won", "Lost", "Sent value", "Won value", "Won % by count", "Won % by value"]
    assert rows[1][0] == "2025-12" and len(rows) == 13  # a header and 12 months
    text = pdf_text_of((tmp_path / "wins.pdf").read_bytes())
    assert "QUOTE WIN RATE" in text.upper() and "Quotes won per month" in text and "1 Dec 2025 – 21 Nov 2026" in text
