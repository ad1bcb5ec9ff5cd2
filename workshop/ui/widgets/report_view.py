"""One report on screen: its sentences, a chart (a picker when it has several) and a table (a picker
when it has several), the chart above the table in a splitter. It shows what it is given
(``workshop.reports.output.ReportOutput`` and its first chart as SVG); it reads nothing itself. A
chart not drawn yet is drawn off the GUI thread when it is chosen, then kept with the report.

The GUI thread's part stays small however long the report: the table model makes a cell's text
only when the view asks for it, and the columns are sized from the first rows' texts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from .. import theme
from ..models.costing_models import RIGHT, RowsModel
from ..models.paged import Column
from ..tasks import run_task
from .chart_view import ChartView

#: Column widths are measured on this many rows at most (never every row of a long table).
_SAMPLE_ROWS = 60


def chart_svg(_state, report, index: int) -> bytes:
    """In a worker: the report's chart ``index`` as SVG (no Qt object is made here)."""
    from ...reports.output import chart_drawing
    from .chart_view import drawing_to_svg

    return drawing_to_svg(chart_drawing(report, index))


def _columns(report, table) -> list[Column]:
    from ...reports.output import cell_text

    out = []
    for i, c in enumerate(table.columns):
        def shown(row, i=i, kind=c.kind):
            return cell_text(row[i], kind, report.currency, report.locale)
        out.append(Column(c.name, shown, RIGHT if c.is_figure else Qt.AlignmentFlag.AlignLeft
                          | Qt.AlignmentFlag.AlignVCenter))
    return out


class ReportView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = None
        self.svgs: list[bytes | None] = []  # per chart of the report; None: not drawn yet
        self.task = None  # drawing a chart
        self.summary = QLabel(objectName="reportSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt;")
        self.notes = QLabel(objectName="reportNotes")
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(theme.HINT_STYLE)
        self.chart_picker = QComboBox(objectName="reportChartPicker")
        self.chart_picker.setToolTip("Which chart to show")
        self.chart_picker.currentIndexChanged.connect(self._show_chart)
        self.chart = ChartView(object_name="reportChart")
        self.table_picker = QComboBox(objectName="reportTablePicker")
        self.table_picker.setToolTip("Which table to show")
        self.table_picker.currentIndexChanged.connect(self._show_table)
        for picker in (self.chart_picker, self.table_picker):
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model = RowsModel([], parent=self)
        self.table = QTableView(objectName="reportTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        chart_box, table_box = QWidget(), QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.chart_picker, 0, Qt.AlignmentFlag.AlignLeft)
        chart_layout.addWidget(self.chart, 1)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        picker_row = QHBoxLayout()
        picker_row.addWidget(self.table_picker)
        picker_row.addStretch(1)
        table_layout.addLayout(picker_row)
        table_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="reportSplitter")
        self.splitter.addWidget(chart_box)
        self.splitter.addWidget(table_box)
        self.splitter.setStretchFactor(0, 1)  # the chart and the table share the height
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.splitter, 1)

    def show_report(self, report, svgs: list[bytes]) -> None:
        """Show ``report`` (a ReportOutput) with its first charts already rendered to SVG (the others
        are drawn when chosen)."""
        self.report = report
        self.svgs = [*svgs, *[None] * (len(report.charts) - len(svgs))]
        self.summary.setText("\n".join(report.summary))
        self.notes.setText(" ".join(report.notes))
        self.chart.parentWidget().setVisible(bool(report.charts))
        for picker, names in ((self.chart_picker, [c.title for c in report.charts]),
                              (self.table_picker, [t.title for t in report.tables])):
            picker.blockSignals(True)
            picker.clear()
            picker.addItems(names)
            picker.setVisible(len(names) > 1)
            picker.blockSignals(False)
        self._show_chart(0)
        self._show_table(0)

    def _show_chart(self, index: int) -> None:
        if not 0 <= index < len(self.svgs):
            self.chart.set_message("No chart for this report.")
        elif self.svgs[index] is not None:
            self.chart.set_svg(self.svgs[index])
        else:
            self.chart.set_message("Drawing the chart…")
            report = self.report
            self.task = run_task(chart_svg, report, index, parent=self,
                                 on_done=lambda svg: self._drawn(report, index, svg))

    def _drawn(self, report, index: int, svg: bytes) -> None:
        if report is not self.report:
            return  # another report is shown now
        self.svgs[index] = svg
        if self.chart_picker.currentIndex() == index:
            self.chart.set_svg(svg)

    def _show_table(self, index: int) -> None:
        if self.report is None or not 0 <= index < len(self.report.tables):
            self.model.set_rows([])
            return
        table = self.report.tables[index]
        self.model.set_columns(_columns(self.report, table))
        self.model.set_rows(list(table.rows))
        self._size_columns()
        # a last column of words (why a job is late) takes the rest of the width; figures keep theirs
        self.table.horizontalHeader().setStretchLastSection(not table.columns[-1].is_figure)

    def _size_columns(self) -> None:
        """Each column as wide as its header or its widest text among the first rows (never every
        row): the texts are the ones the view then paints, made once."""
        metrics = self.table.fontMetrics()
        for column in range(self.model.columnCount()):
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            texts = [header, *(text for text, _bold in self.model.texts(column, _SAMPLE_ROWS))]
            width = max(metrics.horizontalAdvance(t) for t in texts) + 24
            self.table.setColumnWidth(column, min(width, 420))

    def table_texts(self) -> list[list[str]]:
        """What the table shows now, cell by cell (for tests and a person reading it out)."""
        return [[str(self.model.index(r, c).data()) for c in range(self.model.columnCount())]
                for r in range(self.model.rowCount())]
