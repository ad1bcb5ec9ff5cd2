"""The Schedule tab's second page: each shop workstation's planned hours against what it can work,
week by week for the coming 12 weeks, and the bottleneck named above them."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from ...domain.locale_text import DEFAULT_LOCALE
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
        self._weeks: dict[int, tuple[WeekLoad, ...]] = {}  # per workstation, its weeks
        self._locale = DEFAULT_LOCALE
        #: per workstation, its chart as SVG: each drawn (off the GUI thread) the first time it is shown,
        #: so a proposal made while this page is hidden draws none (ReportLab and its fonts not loaded)
        self._charts: dict[int, bytes] = {}
        self._drawing: set[int] = set()  # workstations whose chart a task is drawing
        self._load_number = 0  # which load ``set_load`` last gave: a chart drawn for an older one is dropped
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
                 bottleneck_text: str, locale: str = DEFAULT_LOCALE, chosen: int | None = None) -> None:
        """``chosen``: the workstation to show first (the bottleneck), else the busiest. Its chart is
        drawn when the page is shown."""
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
        self._stations, self._locale = list(stations), locale
        self._weeks = {ws_id: tuple(rows) for ws_id, rows in by_station.items()}
        self._charts, self._drawing = {}, set()
        self._load_number += 1
        if chosen is None and stations:
            busiest = max(stations, key=lambda ws: sum(w.used_minutes for w in by_station.get(ws.id, [])))
            chosen = busiest.id
        self.choose_station(chosen)

    def choose_station(self, workstation_id: int | None) -> None:
        row = next((i for i, ws in enumerate(self._stations) if ws.id == workstation_id), -1)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_chart()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API: the chosen workstation's chart, once shown
        super().showEvent(event)
        self._show_chart()

    def _chosen(self) -> WorkstationInput | None:
        row = self.table.currentIndex().row()
        return self._stations[row] if 0 <= row < len(self._stations) else None

    def _show_chart(self, *_args) -> None:
        """The chosen workstation's weeks as bars against its capacity (the row chosen in the table),
        drawn off the GUI thread the first time it is shown."""
        ws = self._chosen()
        if ws is None or not self.isVisible():
            return
        if self.chart is None:
            from .chart_view import ChartView  # noqa: PLC0415 - QtSvg only once a chart shows

            self.chart = ChartView(object_name="loadChart")
            self.chart_holder.addWidget(self.chart)
        if (svg := self._charts.get(ws.id)) is not None:
            self.chart.set_svg(svg)
            return
        self.chart.set_message(f"Drawing the chart of {ws.code}…")
        if ws.id in self._drawing:
            return
        self._drawing.add(ws.id)
        load_number = self._load_number

        def drawn(svg: bytes) -> None:
            if load_number != self._load_number:
                return  # a newer load came meanwhile
            self._drawing.discard(ws.id)
            self._charts[ws.id] = svg
            if (chosen := self._chosen()) is not None and chosen.id == ws.id:
                self.chart.set_svg(svg)

        from ..tasks import run_task  # noqa: PLC0415

        run_task(station_chart, ws.code, self._weeks.get(ws.id, ()), self._locale, on_done=drawn, parent=self)


def station_chart(_state, code: str, weeks: tuple[WeekLoad, ...], locale: str) -> bytes:
    """Off the GUI thread: one workstation's planned hours per week against its capacity, as SVG."""
    from ...printing.charts import Series, bar_chart  # noqa: PLC0415 - ReportLab only when a chart is made
    from .chart_view import drawing_to_svg  # noqa: PLC0415

    drawing = bar_chart([f"Wk {w.week_start.isocalendar().week}" for w in weeks],
                        [Series("Planned h", tuple(round(w.used_minutes / 60, 1) for w in weeks))],
                        limit=[round(w.capacity_minutes / 60, 1) for w in weeks],
                        title=f"{code}: hours planned per week against capacity", value_label="hours",
                        locale=locale, width=760, height=210)
    return drawing_to_svg(drawing)
