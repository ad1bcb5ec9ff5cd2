"""The one report shape written out: CSV safe from spreadsheet formulas, exact figures, JSON with
Decimals as strings and ISO dates, the screen's cells in the shop's locale."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal as D

from workshop.reports.output import Column, ReportOutput, Table, cell_text, csv_paths, to_json, to_text, write_csv

REPORT = ReportOutput(
    "sample", "Sample", dt.date(2026, 1, 1), dt.date(2026, 3, 31), ("One sentence.",),
    (Table("Main", (Column("Job"), Column("Hours", "hours"), Column("Share %", "percent"), Column("Month", "month")),
           (("=HYPERLINK(\"x\")", D("1234.5"), D("12.5"), dt.date(2026, 2, 1)), ("J-2", None, None, dt.date(2026, 3, 1)))),
     Table("Weeks", (Column("Week", "week"), Column("Price", "money")), ((dt.date(2026, 11, 30), D("-12.5")),),
           name="weeks")),
    locale="de_DE", currency="EUR")


def test_csv_one_file_per_table_figures_exact_and_text_made_safe(tmp_path):
    written = write_csv(REPORT, tmp_path / "sample.csv")
    assert written == csv_paths(REPORT, tmp_path / "sample.csv") == [tmp_path / "sample.csv", tmp_path / "sample-weeks.csv"]
    with written[0].open(encoding="utf-8-sig") as handle:
        assert list(csv.reader(handle)) == [["Job", "Hours", "Share %", "Month"],
                                            ["'=HYPERLINK(\"x\")", "1234.50", "12.50", "2026-02"],
                                            ["J-2", "", "", "2026-03"]]
    with written[1].open(encoding="utf-8-sig") as handle:
        assert list(csv.reader(handle)) == [["Week", "Price"], ["2026-W49", "-12.50"]]


def test_json_keys_and_values():
    out = to_json(REPORT)
    assert out["from"] == "2026-01-01" and out["summary"] == ["One sentence."]
    assert out["tables"]["main"][0] == {"job": "=HYPERLINK(\"x\")", "hours": "1234.50", "share_pct": "12.50",
                                        "month": "2026-02"}
    assert out["tables"]["weeks"] == [{"week": "2026-W49", "price": "-12.50"}]


def test_screen_cells_in_the_shop_locale():
    # hours to 0.01 as computed, so a variance column agrees with the two it is worked from
    assert cell_text(D("1234.5"), "hours", locale="de_DE") == "1.234,50"
    assert cell_text(D("42.5"), "days", locale="de_DE") == "42,5"
    assert cell_text(D("12.5"), "percent", locale="de_DE") == "12,5%"
    assert cell_text(D("-12.5"), "money", "EUR", "de_DE") == "-12,50\xa0€"
    assert cell_text(None, "hours") == "—"
    text = to_text(REPORT)
    assert text.startswith("Sample, 01.01.2026 – 31.03.2026\n\nOne sentence.\n") and "1.234,50" in text
