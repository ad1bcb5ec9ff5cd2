"""Charts as ReportLab drawings: plain data in, a ``Drawing`` out, no Qt.

One drawing serves both places a chart is seen: a PDF draws it as vector graphics (a
``Drawing`` is a flowable), and the window shows it through ``ui/widgets/chart_view.py``, which
renders it to SVG. So the look is decided once, here.

Three kinds, each readable on an A4 page and scaled up on a 1280×720 screen:

- :func:`bar_chart`: one bar per category and series, side by side; with a ``limit`` (a
  workstation's capacity per week, say) drawn as a line over the bars, and the bars above it in red.
- :func:`planned_actual_chart`: the grouped bars of "planned against actual".
- :func:`line_chart`: one line per series over categories in time order (months, weeks); a
  missing value (``None``) leaves a gap instead of a fall to zero.

Figures on the value axis are written in the shop's locale (Babel); ``None`` means "no value".

    drawing = bar_chart(["Wk 49", "Wk 50"], [Series("Load h", (30, 45))], limit=(40, 40),
                        title="Spray booth", value_label="hours", locale="de_DE")
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, PolyLine, String
from reportlab.lib import colors

from ..domain.locale_text import DEFAULT_LOCALE, format_number
from .fonts import BOLD, REGULAR, printable, register_fonts
from .styles import INK, MUTED, RULE

__all__ = ["Series", "PALETTE", "OVER_LIMIT", "PAGE_WIDTH", "PAGE_HEIGHT", "bar_chart", "planned_actual_chart",
           "line_chart"]

#: Size of a chart in points: the width of an A4 page inside 12 mm margins, a third of its height.
PAGE_WIDTH = 500.0
PAGE_HEIGHT = 250.0

#: Series colours, in order: the Okabe-Ito set, told apart by people with colour-blindness too.
PALETTE = tuple(colors.HexColor(c) for c in ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                                              "#F0E442", "#000000"))
#: A bar over its limit.
OVER_LIMIT = colors.HexColor("#C0392B")
_LIMIT_INK = colors.HexColor("#333333")

_TITLE_SIZE = 11
_TEXT_SIZE = 8
_MAX_LABELS = 16  # category labels beyond this are thinned (every 2nd, 3rd …) so they never overlap


@dataclass(frozen=True)
class Series:
    """One named row of figures, one per category (``None``: no figure there)."""

    name: str
    values: tuple[Decimal | float | int | None, ...]


def bar_chart(categories: Sequence[str], series: Sequence[Series], *, title: str = "", value_label: str = "",
              limit: Sequence[Decimal | float | int | None] | None = None, limit_name: str = "Capacity",
              locale: str = DEFAULT_LOCALE, width: float = PAGE_WIDTH, height: float = PAGE_HEIGHT) -> Drawing:
    """Bars per category, one colour per series. ``limit`` (one figure per category) is drawn as a
    dark step line across each category's bars and any bar above it is red."""
    values = [_floats(s.values, len(categories)) for s in series]
    limits = _floats(limit, len(categories)) if limit is not None else None
    over = {(i, j) for i, row in enumerate(values) for j, v in enumerate(row)
            if limits and v is not None and limits[j] is not None and v > limits[j] + 1e-9}
    keys = _keys(s.name for s in series)
    if limits:
        keys.append((_LIMIT_INK, printable(limit_name)))
    if over:
        keys.append((OVER_LIMIT, "Over " + printable(limit_name).lower()))
    drawing, area = _frame(width, height, title, value_label, keys)
    chart = VerticalBarChart()
    _place(chart, area)
    chart.data = [tuple(0 if v is None else v for v in row) for row in values] or [(0,) * len(categories)]
    chart.categoryAxis.categoryNames = _thinned(categories)
    _style_axes(chart, values + ([limits] if limits else []), locale)
    chart.barSpacing = 1
    chart.groupSpacing = 6 if len(categories) > 12 else 10
    if 0 < len(categories) < 4:  # a bar or two must not fill the page: as wide as among four categories
        bars = chart.barWidth * max(len(values), 1)
        chart.groupSpacing = (4 / len(categories)) * (bars + chart.groupSpacing) - bars
    chart.bars.strokeColor = None
    for i in range(len(values)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
    for i, j in over:
        chart.bars[(i, j)].fillColor = OVER_LIMIT
    drawing.add(chart)
    if limits:
        _draw_limit(drawing, chart, limits, len(categories))
    return drawing


def planned_actual_chart(categories: Sequence[str], planned: Sequence[Decimal | float | int | None],
                         actual: Sequence[Decimal | float | int | None], *, title: str = "",
                         value_label: str = "hours", locale: str = DEFAULT_LOCALE, width: float = PAGE_WIDTH,
                         height: float = PAGE_HEIGHT, names: tuple[str, str] = ("Planned", "Actual")) -> Drawing:
    """Planned and actual side by side per category (a workstation, a kind of job); ``names`` for the key."""
    return bar_chart(categories, [Series(names[0], tuple(planned)), Series(names[1], tuple(actual))],
                     title=title, value_label=value_label, locale=locale, width=width, height=height)


def line_chart(categories: Sequence[str], series: Sequence[Series], *, title: str = "", value_label: str = "",
               locale: str = DEFAULT_LOCALE, width: float = PAGE_WIDTH, height: float = PAGE_HEIGHT,
               percent: bool = False) -> Drawing:
    """One line per series across the categories (in time order), a dot on each figure.
    ``percent`` fixes the value axis at 0–100."""
    values = [_floats(s.values, len(categories)) for s in series]
    drawing, area = _frame(width, height, title, value_label, _keys(s.name for s in series))
    chart = HorizontalLineChart()
    _place(chart, area)
    chart.data = [tuple(row) for row in values] or [(None,) * len(categories)]
    chart.categoryAxis.categoryNames = _thinned(categories)
    _style_axes(chart, values, locale, top=100.0 if percent else None)
    chart.joinedLines = 0  # the lines are drawn below, broken where a figure is missing
    from reportlab.graphics.widgets.markers import makeMarker

    for i in range(len(values)):
        chart.lines[i].symbol = makeMarker("FilledCircle", size=3.5, fillColor=PALETTE[i % len(PALETTE)],
                                           strokeColor=None)
    drawing.add(chart)
    for i, row in enumerate(values):
        _draw_runs(drawing, chart, row, PALETTE[i % len(PALETTE)])
    return drawing


# ---- the parts every chart shares -------------------------------------------------------------

@dataclass(frozen=True)
class _Area:
    x: float
    y: float
    width: float
    height: float


def _keys(names) -> list[tuple]:
    """(colour, name) for each series, in the palette's order."""
    return [(PALETTE[i % len(PALETTE)], printable(n)) for i, n in enumerate(names)]


def _frame(width: float, height: float, title: str, value_label: str, keys: list[tuple]) -> tuple[Drawing, _Area]:
    """The drawing with its title, value-axis caption and legend (``keys``: colour and name, shown
    when there are two or more); the area left for the plot."""
    register_fonts()
    drawing = Drawing(width, height)
    top = height - 4
    if title:
        drawing.add(String(4, top - _TITLE_SIZE, printable(title), fontName=BOLD, fontSize=_TITLE_SIZE,
                           fillColor=INK))
        top -= _TITLE_SIZE + 6
    legend_top = top  # under the title, right-aligned on the caption's line: a long title never meets it
    if value_label:
        drawing.add(String(4, top - _TEXT_SIZE, printable(value_label), fontName=REGULAR, fontSize=_TEXT_SIZE,
                           fillColor=MUTED))
        top -= _TEXT_SIZE + 4
    if len(keys) > 1:
        legend = Legend()
        legend.fontName, legend.fontSize = REGULAR, _TEXT_SIZE
        legend.alignment = "right"
        legend.boxAnchor = "ne"
        legend.x, legend.y = width - 4, legend_top
        legend.columnMaximum = 1  # one row
        legend.deltax, legend.dx, legend.dy = 60, 8, 8
        legend.strokeColor = None
        legend.colorNamePairs = keys
        legend.autoXPadding = 10
        drawing.add(legend)
        if not value_label:
            top -= _TEXT_SIZE + 4
    left, bottom = 48.0, 34.0
    return drawing, _Area(left, bottom, max(width - left - 10, 10), max(top - bottom - 6, 10))


def _place(chart, area: _Area) -> None:
    chart.x, chart.y, chart.width, chart.height = area.x, area.y, area.width, area.height
    chart.strokeColor = None


def _style_axes(chart, rows: list[list[float | None]], locale: str, top: float | None = None) -> None:
    figures = [v for row in rows for v in row if v is not None]
    high = top if top is not None else _nice_top(max(figures, default=0.0))
    step = _nice_step(high)
    axis = chart.valueAxis
    axis.valueMin, axis.valueMax, axis.valueStep = 0, high, step
    places = next(p for p in (0, 1, 2) if abs(step * 10 ** p - round(step * 10 ** p)) < 1e-9 or p == 2)
    axis.labelTextFormat = lambda v: format_number(Decimal(str(round(v, places))), locale, places=places)
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = REGULAR, _TEXT_SIZE, INK
    axis.strokeColor = RULE
    axis.visibleGrid = 1
    axis.gridStrokeColor = colors.HexColor("#DDDDDD")
    axis.gridStrokeWidth = 0.5
    cat = chart.categoryAxis
    cat.labels.fontName, cat.labels.fontSize, cat.labels.fillColor = REGULAR, _TEXT_SIZE, INK
    cat.labels.boxAnchor = "n"
    cat.labels.dy = -3
    cat.strokeColor = RULE
    cat.tickDown = 2
    if len(cat.categoryNames) > 8:  # long names or many of them: slant so they do not run together
        cat.labels.angle = 30
        cat.labels.boxAnchor = "ne"


def _nice_top(high: float) -> float:
    """The value axis's top: the figure rounded up to 1, 2, 2.5 or 5 × a power of ten (10 when empty)."""
    if high <= 0:
        return 10.0
    power = 10 ** math.floor(math.log10(high))
    for factor in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if high <= factor * power + 1e-9:
            return factor * power
    return 10 * power


def _nice_step(top: float) -> float:
    """Four or five grid lines up to ``top``."""
    power = 10 ** math.floor(math.log10(top))
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5):
        if top / (factor * power) <= 6 and (top / (factor * power)) % 1 < 1e-9:
            return factor * power
    return top / 5


def _floats(values: Sequence | None, count: int) -> list[float | None]:
    """Figures as floats for drawing (only drawing: tables keep the exact ones), padded to ``count``."""
    out = [None if v is None else float(v) for v in (values or ())][:count]
    return out + [None] * (count - len(out))


def _thinned(categories: Sequence[str]) -> list[str]:
    """Every category's name, or every n-th when there are too many to read."""
    names = [printable(c) for c in categories]
    if len(names) <= _MAX_LABELS:
        return names
    every = math.ceil(len(names) / _MAX_LABELS)
    return [n if i % every == 0 else "" for i, n in enumerate(names)]


def _y_of(chart, value: float) -> float:
    """Where ``value`` sits on the chart's value axis (clipped to its top)."""
    axis_min, axis_max = chart.valueAxis.valueMin, chart.valueAxis.valueMax
    return chart.y + chart.height * (min(value, axis_max) - axis_min) / (axis_max - axis_min)


def _draw_runs(drawing: Drawing, chart: HorizontalLineChart, row: list[float | None], colour) -> None:
    """A series' line through the middle of each category's slot, broken at a missing figure."""
    slot = chart.width / max(len(row), 1)
    runs: list[list[float]] = [[]]
    for j, value in enumerate(row):
        if value is None:
            runs.append([])
        else:
            runs[-1] += [chart.x + (j + 0.5) * slot, _y_of(chart, value)]
    for points in runs:
        if len(points) >= 4:
            drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=1.6, strokeLineJoin=1))


def _draw_limit(drawing: Drawing, chart: VerticalBarChart, limits: list[float | None], count: int) -> None:
    """A dark line at each category's limit, across its own group of bars (never joined to the next:
    two workstations' capacities are not one line)."""
    if count == 0:
        return
    slot = chart.width / count
    inset = min(slot * 0.08, 4)
    for j, value in enumerate(limits):
        if value is not None:
            y = _y_of(chart, value)
            drawing.add(Line(chart.x + j * slot + inset, y, chart.x + (j + 1) * slot - inset, y,
                             strokeColor=_LIMIT_INK, strokeWidth=1.8))
