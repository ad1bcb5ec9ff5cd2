"""The Schedule tab's second page: each shop workstation's planned hours against what it can work,
week by week for the coming 12 weeks, and the bottleneck named above them."""

from __future__ import annotations

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
        self.chart = None  # the chart view, made with the first chart (QtSvg is imported then)
        self._stations: list[WorkstationInput] = []
        self._charts: dict[int, bytes] = {}
        self.table.selectionModel().currentRowChanged.connect(self._show_chart)
        hint = plain_label("Hours planned / hours the workstation can work that week (capacity × machines × "
                           "the days it is open), and how full that is. Red: over.", wordWrap=True)
        hint.setStyleSheet(theme.HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.bottleneck)
        layout.addWidget(self.table, 3)
        layout.addLayout(self.chart_holder, 2)
        layout.addWidget(hint)

    def set_load(self, weeks: tuple[WeekLoad, ...], stations: tuple[WorkstationInput, ...],
                 bottleneck_text: str, charts: dict[int, bytes], chosen: int | None = None) -> None:
        """``charts``: each workstation's chart as SVG (``load_charts``); ``chosen``: the one to show
        first (the bottleneck), else the busiest."""
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
        self._stations, self._charts = list(stations), charts
        if chosen is None and stations:
            busiest = max(stations, key=lambda ws: sum(w.used_minutes for w in by_station.get(ws.id, [])))
            chosen = busiest.id
        self.choose_station(chosen)

    def choose_station(self, workstation_id: int | None) -> None:
        row = next((i for i, ws in enumerate(self._stations) if ws.id == workstation_id), -1)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_chart()

    def _show_chart(self, *_args) -> None:
        """The chosen workstation's weeks as bars against its capacity (the row chosen in the table)."""
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self._stations):
            return
        if self.chart is None:
            from .chart_view import ChartView  # noqa: PLC0415 - QtSvg only once a chart shows

            self.chart = ChartView(object_name="loadChart")
            self.chart_holder.addWidget(self.chart)
        self.chart.set_svg(self._charts.get(self._stations[row].id, b""))


def load_charts(weeks: tuple[WeekLoad, ...], stations: tuple[WorkstationInput, ...], locale: str) -> dict[int, bytes]:
    """Off the GUI thread: per workstation, its planned hours per week against its capacity, as SVG."""
    from ...printing.charts import Series, bar_chart  # noqa: PLC0415 - ReportLab only when a chart is made
    from .chart_view import drawing_to_svg  # noqa: PLC0415

    by_station: dict[int, list[WeekLoad]] = {}
    for week in weeks:
        by_station.setdefault(week.workstation_id, []).append(week)
    charts = {}
    for ws in stations:
        rows = by_station.get(ws.id, [])
        drawing = bar_chart([f"Wk {w.week_start.isocalendar().week}" for w in rows],
                            [Series("Planned h", tuple(round(w.used_minutes / 60, 1) for w in rows))],
                            limit=[round(w.capacity_minutes / 60, 1) for w in rows],
                            title=f"{ws.code}: hours planned per week against capacity", value_label="hours",
                            locale=locale, width=760, height=210)
        charts[ws.id] = drawing_to_svg(drawing)
    return charts
