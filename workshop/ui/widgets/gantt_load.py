"""The Schedule tab's second page: each shop workstation's planned hours against what it can work,
week by week for the coming 12 weeks, and the bottleneck named above them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from ...domain.scheduling import WeekLoad, WorkstationInput
from .. import theme
from ..models.costing_models import RowsModel
from ..models.schedule_jobs import load_columns
from ..plain_text import plain_label
from .cost_common import table_view

WEEKS = 12


class LoadPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bottleneck = plain_label(objectName="loadBottleneck", wordWrap=True)
        self.bottleneck.setStyleSheet("font-weight: bold; font-size: 11pt; padding: 4px;")
        self.model = RowsModel(load_columns([]), parent=self)
        self.table = table_view(self.model, "loadTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.chart_holder = QVBoxLayout()
        self.chart = None  # a chart view, once the shop has shown one
        hint = plain_label("Hours planned / hours the workstation can work that week (capacity × machines × "
                           "the days it is open), and how full that is. Red: over.", wordWrap=True)
        hint.setStyleSheet(theme.HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.bottleneck)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.chart_holder, 2)
        layout.addWidget(hint)

    def set_load(self, weeks: tuple[WeekLoad, ...], stations: tuple[WorkstationInput, ...],
                 bottleneck_text: str) -> None:
        by_station: dict[int, list[WeekLoad]] = {}
        for week in weeks:
            by_station.setdefault(week.workstation_id, []).append(week)
        mondays = sorted({week.week_start for week in weeks})
        self.model.set_columns(load_columns(mondays))
        self.model.set_rows([(ws.code, by_station.get(ws.id, [])) for ws in stations])
        self.table.setColumnWidth(0, 110)
        for column in range(1, len(mondays) + 1):
            self.table.setColumnWidth(column, 128)
        self.bottleneck.setText(bottleneck_text or "No workstation holds jobs up in this proposal.")
        self._show_chart(weeks, stations, mondays)

    def _show_chart(self, weeks, stations, mondays: list[dt.date]) -> None:
        """The same figures as a chart, through the shop's chart widget when it is there."""
        drawing = load_drawing(weeks, stations, mondays)
        if drawing is None:
            return
        from .chart_view import ChartView  # noqa: PLC0415 - QtSvg only once a chart shows

        if self.chart is None:
            self.chart = ChartView(objectName="loadChart")
            self.chart_holder.addWidget(self.chart)
        self.chart.set_drawing(drawing)


def load_drawing(weeks, stations, mondays):
    """A grouped bar chart of % load per week per workstation, or None while the shop's chart module
    (printing/charts.py) is not there."""
    try:
        from ...printing import charts  # noqa: F401, PLC0415
    except ImportError:
        return None
    return None  # drawn once the charts module's API is settled (see the report)
