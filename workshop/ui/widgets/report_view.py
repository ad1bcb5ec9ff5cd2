"""One report on screen: its sentences, a chart (a picker when it has several) and a table (a picker
when it has several), the chart above the table in a splitter. It shows what it is given
(``workshop.reports.output.ReportOutput`` and its charts as SVG); it reads nothing itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from .. import theme
from ..models.costing_models import RIGHT, RowsModel
from ..models.paged import Column
from .chart_view import ChartView

#: Column widths are measured on this many rows at most (never every row of a long table).
_SAMPLE_ROWS = 60


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
        self.svgs: list[bytes] = []
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
        """Show ``report`` (a ReportOutput) with its charts already rendered to SVG."""
        self.report, self.svgs = report, list(svgs)
        self.summary.setText("\n".join(report.summary))
        self.notes.setText(" ".join(report.notes))
        self.chart.parentWidget().setVisible(bool(svgs))
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
        if 0 <= index < len(self.svgs):
            self.chart.set_svg(self.svgs[index])
        else:
            self.chart.set_message("No chart for this report.")

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
        """Each column as wide as its header or its widest cell among the first rows (never every row)."""
        metrics = self.table.fontMetrics()
        rows = min(self.model.rowCount(), _SAMPLE_ROWS)
        for column in range(self.model.columnCount()):
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            texts = [header] + [str(self.model.index(r, column).data() or "") for r in range(rows)]
            width = max(metrics.horizontalAdvance(t) for t in texts) + 24
            self.table.setColumnWidth(column, min(width, 420))

    def table_texts(self) -> list[list[str]]:
        """What the table shows now, cell by cell (for tests and a person reading it out)."""
        return [[str(self.model.index(r, c).data()) for c in range(self.model.columnCount())]
                for r in range(self.model.rowCount())]
