"""The report on screen keeps the GUI thread's part small (issue 17): only the first chart is drawn with
the report, another when a person chooses it (off the GUI thread, then kept), and a long table's
columns are sized from its first rows, its cells' texts made only as the view asks for them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from workshop.reports import output
from workshop.reports.output import ChartData, Column, ReportOutput, Table
from workshop.ui.widgets.report_view import _SAMPLE_ROWS, ReportView

from support.gui import open_window


def test_the_load_draws_a_workstations_chart_when_it_is_chosen_and_keeps_it(qtbot, db, shop, tmp_path):
    window = open_window(qtbot, db, tmp_path, tab="reports")
    tab = window.current_tab()
    item = tab.list.findItems("Load against capacity", Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(tab.list.viewport(), Qt.MouseButton.LeftButton, pos=tab.list.visualItemRect(item).center())
    qtbot.waitUntil(lambda: tab.report is not None and tab.report.key == "load" and not tab.task.running, timeout=20000)
    view = tab.view
    # the overview came with the report; BENCH's and SAW's charts are not drawn yet
    assert view.chart.has_chart() and b"Load of the coming 12 weeks" in view.chart.svg()
    assert [svg is not None for svg in view.svgs] == [True, False, False]

    picker = view.chart_picker
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Down)  # BENCH, week by week
    assert picker.currentText() == "BENCH Assembly bench: load against capacity"
    qtbot.waitUntil(lambda: view.chart.has_chart(), timeout=20000)
    assert b"BENCH Assembly bench: load against capacity" in view.chart.svg()
    qtbot.keyClick(picker, Qt.Key.Key_Up)  # back to the overview: shown at once, nothing drawn again
    assert view.chart.has_chart() and b"Load of the coming 12 weeks" in view.chart.svg()
    assert [svg is not None for svg in view.svgs] == [True, True, False]


def test_a_long_table_is_sized_from_its_first_rows_and_its_cells_made_as_asked(qtbot, monkeypatch):
    made = []
    cell_text = output.cell_text
    monkeypatch.setattr(output, "cell_text", lambda value, *a, **k: made.append(value) or cell_text(value, *a, **k))
    rows = [(f"J-{n}", n) for n in range(1, 5001)]
    rows[3000] = ("A job whose name is far wider than any of the first rows' names", 3001)
    report = ReportOutput("x", "Jobs", dt.date(2026, 1, 1), dt.date(2026, 1, 31), ("5,000 jobs.",),
                          (Table("Jobs", (Column("Job"), Column("Units", "count")), tuple(rows)),),
                          (ChartData("bar", "Units", ("a",), (("Units", (1,)),)),))
    view = ReportView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show_report(report, [])  # the chart is drawn off the GUI thread: not asked for here
    # sizing read the first 60 rows' two cells, no more
    assert len(made) == 2 * _SAMPLE_ROWS
    metrics = view.table.fontMetrics()
    assert view.table.columnWidth(0) == metrics.horizontalAdvance("J-60") + 24
    assert view.table.columnWidth(0) < metrics.horizontalAdvance(rows[3000][0])
    view.show()
    qtbot.waitExposed(view)
    # painting made only the rows in sight (and the sample's texts were kept, not made again)
    assert len(made) < 2 * (_SAMPLE_ROWS + 40)
    assert view.model.rowCount() == 5000
    qtbot.waitUntil(view.chart.has_chart, timeout=20000)
