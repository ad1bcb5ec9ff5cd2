"""The Reports tab, driven as a person does: choose a report, read its chart and table, change the
range, find a report by typing, export it as CSV and as PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from PySide6.QtCore import Qt
from pypdf import PdfReader

from workshop.db.models import Delivery, Job
from workshop.ui.tabs import reports as reports_tab

from support.gui import click, open_window, press, type_text
from support.report_rows import put, utc


def _deliveries(db, shop):
    """Three jobs delivered in February 2026: J-1 on its due day, J-2 three days late, J-3 a day early."""
    c = shop.customer.id
    ids = put(db, *(Job(number=f"J-{n}", customer_id=c, title=f"Table {n}", due_date=dt.date(2026, 2, 10),
                        status="delivered", created_at=utc(dt.date(2026, 1, 5)), updated_at=utc(dt.date(2026, 1, 5)))
                    for n in (1, 2, 3)))
    put(db, *(Delivery(job_id=j, delivered_on=on, method="collected", received_by="R", recorded_at=utc(on))
              for j, on in zip(ids, (dt.date(2026, 2, 10), dt.date(2026, 2, 13), dt.date(2026, 2, 9)))))


def _worked_out(qtbot, tab, key):
    qtbot.waitUntil(lambda: tab.report is not None and tab.report.key == key
                    and (tab.task is None or not tab.task.running), timeout=20000)


def _choose(qtbot, tab, title: str) -> None:
    item = tab.list.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(tab.list.viewport(), Qt.MouseButton.LeftButton, pos=tab.list.visualItemRect(item).center())


def _set_range(qtbot, tab, start: str, end: str) -> None:
    for field, text in ((tab.start, start), (tab.end, end)):
        field.edit.selectAll()
        type_text(qtbot, field.edit, text)
    qtbot.keyClick(tab.end.edit, Qt.Key.Key_Return)


def test_choose_a_report_see_its_chart_and_table_and_export_it(qtbot, db, shop, tmp_path, monkeypatch):
    _deliveries(db, shop)
    window = open_window(qtbot, db, tmp_path, tab="reports")
    tab = window.current_tab()
    assert tab.tab_id == "reports"
    _worked_out(qtbot, tab, "lead-time")  # the first report shows as the tab opens

    _choose(qtbot, tab, "On-time delivery")
    _worked_out(qtbot, tab, "on-time")
    _set_range(qtbot, tab, "1 Jan 2026", "31 Mar 2026")
    qtbot.waitUntil(lambda: tab.report.start == dt.date(2026, 1, 1) and not tab.task.running, timeout=20000)
    assert tab.heading.text() == "On-time delivery, 1 Jan 2026 – 31 Mar 2026"
    # 2 of the 3 on or before 10 Feb: 66.7 %
    assert tab.view.summary.text() == "2 of 3 jobs delivered on or before their due date: 66.7%."
    assert tab.view.chart.has_chart() and b"On-time delivery per month" in tab.view.chart.svg()
    assert tab.view.table_texts() == [["Jan 2026", "0", "0", "—"], ["Feb 2026", "3", "2", "66.7%"],
                                      ["Mar 2026", "0", "0", "—"]]
    tab.view.table_picker.setCurrentIndex(1)  # the deliveries, job by job
    assert [row[0] for row in tab.view.table_texts()] == ["J-3", "J-1", "J-2"]
    tab.grab().save(str(tmp_path / "reports.png"))

    # Export CSV…: the months, and the deliveries beside them
    target = tmp_path / "on-time.csv"
    monkeypatch.setattr(reports_tab.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    click(qtbot, tab.export_csv_button)
    with target.open(encoding="utf-8-sig") as handle:
        assert list(csv.reader(handle)) == [["Month", "Delivered", "On time", "On time %"], ["2026-01", "0", "0", ""],
                                            ["2026-02", "3", "2", "66.70"], ["2026-03", "0", "0", ""]]
    jobs_csv = (tmp_path / "on-time-jobs.csv").read_text(encoding="utf-8-sig")
    assert "J-2,Table 2,2026-02-10,2026-02-13,3" in jobs_csv
    assert tab.message.text() == f"Wrote on-time.csv, on-time-jobs.csv in {tmp_path}."

    # Export PDF…: the title, the range, the chart's words and the table
    pdf_path = tmp_path / "on-time.pdf"
    monkeypatch.setattr(reports_tab.QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf_path), ""))
    click(qtbot, tab.export_pdf_button)
    qtbot.waitUntil(pdf_path.exists, timeout=20000)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages))
    for expected in ("ON-TIME DELIVERY", "1 Jan 2026 – 31 Mar 2026", "2 of 3 jobs delivered", "On-time delivery per month",
                     "Feb 2026 3 2 66.7%", "J-2 Table 2 10 Feb 2026 13 Feb 2026 3"):
        assert expected in text, expected


def test_find_a_report_by_typing_and_the_forward_looking_ones_have_no_range(qtbot, db, shop, tmp_path):
    window = open_window(qtbot, db, tmp_path, tab="reports")
    tab = window.current_tab()
    _worked_out(qtbot, tab, "lead-time")
    press(qtbot, window, Qt.Key.Key_F)
    assert tab.search.hasFocus()
    type_text(qtbot, tab.search, "win")
    shown = [tab.list.item(r).text() for r in range(tab.list.count()) if not tab.list.item(r).isHidden()]
    assert shown == ["Quote win rate"]
    tab.search.clear()
    _choose(qtbot, tab, "Load against capacity")
    _worked_out(qtbot, tab, "load")
    assert not tab.start.isEnabled() and not tab.end.isEnabled()
    assert tab.view.summary.text().startswith("Nothing waits for a workstation")
    assert tab.view.chart_picker.count() == 1 + 2  # the overview, then SAW and BENCH week by week


def test_an_end_before_the_start_is_said_plainly(qtbot, db, shop, tmp_path):
    window = open_window(qtbot, db, tmp_path, tab="reports")
    tab = window.current_tab()
    _worked_out(qtbot, tab, "lead-time")
    _set_range(qtbot, tab, "1 Mar 2026", "1 Feb 2026")
    qtbot.waitUntil(lambda: "end on or after" in tab.message.text(), timeout=20000)
    assert tab.message.text() == "The range must end on or after the day it starts."
