"""The one shape every shop report is handed out in, and the ways it is written: text for a
terminal, JSON, CSV, and what the screen and the PDF show.

A report module (``lead_time``, ``on_time`` …) works out its figures into its own frozen
dataclass, then says what to show with :class:`ReportOutput`: a few sentences, charts as plain
data (:class:`ChartData`) and tables whose cells keep their exact values (Decimal, int, date)
with a :class:`Column` kind saying how to write them. So a figure is formatted in one place:
the shop's locale on screen and paper, plain figures in CSV and JSON (Decimals as strings,
dates ISO, months ``2026-03``, weeks ``2026-W49``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..domain.locale_text import DEFAULT_LOCALE, format_date, format_number
from ..exports.csv_cells import money_cell, quantity_cell, text_cell, write_csv_files
from .text import table as text_table

__all__ = ["Column", "Table", "ChartData", "ReportOutput", "cell_text", "month_label", "week_label",
           "to_json", "to_text", "write_csv", "csv_paths", "drawings", "chart_drawing"]

#: How a column's values are written. text: as given; count: a whole number; hours, days: one
#: decimal on screen, two in CSV/JSON; percent: one decimal and "%"; money: the shop's currency;
#: date: the locale's date; month: "Mar 2026"; week: the ISO week, "2026-W49".
KINDS = frozenset({"text", "count", "hours", "days", "percent", "money", "date", "month", "week"})
_FIGURES = frozenset({"count", "hours", "days", "percent", "money"})


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def is_figure(self) -> bool:
        return self.kind in _FIGURES


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    name: str = ""  # for the CSV file beside the first (lead-time-jobs.csv); "" for the first table


@dataclass(frozen=True)
class ChartData:
    """A chart as plain data; :func:`drawings` makes the ReportLab drawing."""

    kind: str  # "bar" | "line" | "planned_actual"
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[Decimal | None, ...]], ...]  # (name, one figure per category)
    value_label: str = ""
    limit: tuple[Decimal | None, ...] | None = None  # bar: a capacity per category
    percent: bool = False  # line: the axis runs 0-100
    compact: bool = False  # one of a series of small charts (a workstation each): less tall


@dataclass(frozen=True)
class ReportOutput:
    key: str  # "lead-time"
    title: str  # "Lead time"
    start: dt.date | None  # the range reported on (None: not a range report, e.g. the coming load)
    end: dt.date | None
    summary: tuple[str, ...]  # sentences in plain words
    tables: tuple[Table, ...]
    charts: tuple[ChartData, ...] = ()
    currency: str = "GBP"
    locale: str = DEFAULT_LOCALE
    as_of: dt.datetime | None = None
    notes: tuple[str, ...] = field(default=())  # how the figures are worked out, printed small

    def period_text(self) -> str:
        if self.start is None or self.end is None:
            return ""
        return f"{format_date(self.start, self.locale)} – {format_date(self.end, self.locale)}"


# ---- cells ------------------------------------------------------------------------------------

def month_label(month: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """``Mar 2026`` in the locale's words."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", month, locale=locale)


def week_label(monday: dt.date) -> str:
    """``2026-W49``: the ISO week, the same in every language."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def cell_text(value: object, kind: str, currency: str = "GBP", locale: str = DEFAULT_LOCALE) -> str:
    """A cell as the screen and the PDF show it, in the shop's locale; "—" for no value."""
    if value is None:
        return "—"
    if kind == "count":
        return format_number(Decimal(value), locale, places=0)
    if kind == "hours":  # as computed, to 0.01 h: a variance column then agrees with its two columns
        return format_number(Decimal(value), locale, places=2)
    if kind == "days":
        return format_number(Decimal(value), locale, places=1)
    if kind == "percent":
        return format_number(Decimal(value), locale, places=1) + "%"
    if kind == "money":
        from ..domain.money import format_money

        return format_money(Decimal(value), currency, locale)
    if kind == "date":
        return format_date(value, locale)
    if kind == "month":
        return month_label(value, locale)
    if kind == "week":
        return week_label(value)
    return str(value)


def _plain(value: object, kind: str) -> object:
    """A cell for JSON: figures as strings with 2 places (counts as numbers), dates ISO."""
    if value is None:
        return None
    if kind == "count":
        return int(value)
    if kind in ("hours", "days", "percent", "money"):
        return f"{Decimal(value):.2f}"
    if kind == "date":
        return value.isoformat()
    if kind == "month":
        return value.strftime("%Y-%m")
    if kind == "week":
        return week_label(value)
    return str(value)


def _csv(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind in ("hours", "days", "percent", "money"):
        return money_cell(Decimal(value).quantize(Decimal("0.01")))
    if kind == "count":
        return quantity_cell(Decimal(value))
    if kind in ("date", "month", "week"):
        return str(_plain(value, kind))
    return text_cell(value)


def _key(name: str) -> str:
    """A column's name as a JSON key: ``Planned h`` -> ``planned_h``."""
    return re.sub(r"[^a-z0-9]+", "_", name.replace("%", " pct").casefold()).strip("_")


# ---- the ways out -----------------------------------------------------------------------------

def to_json(report: ReportOutput) -> dict:
    """JSON-able: the range, the sentences and each table as a list of {column: value}."""
    return {
        "report": report.key, "title": report.title,
        "from": report.start.isoformat() if report.start else None,
        "to": report.end.isoformat() if report.end else None,
        "currency": report.currency, "summary": list(report.summary),
        "tables": {(t.name or "main"): [{_key(c.name): _plain(v, c.kind) for c, v in zip(t.columns, row)}
                                        for row in t.rows] for t in report.tables},
    }


def to_text(report: ReportOutput) -> str:
    """For a terminal: the title and range, the sentences, then each table."""
    out = [report.title + (f", {report.period_text()}" if report.start else ""), ""]
    out += [*report.summary, ""] if report.summary else []
    for t in report.tables:
        out.append(t.title)
        if not t.rows:
            out += ["  (nothing)", ""]
            continue
        right = {i for i, c in enumerate(t.columns) if c.is_figure}
        rows = [[cell_text(v, c.kind, report.currency, report.locale) for c, v in zip(t.columns, row)]
                for row in t.rows]
        out += [*text_table([c.name for c in t.columns], rows, right), ""]
    return "\n".join(out).rstrip() + "\n"


def csv_paths(report: ReportOutput, path: Path) -> list[Path]:
    """Where :func:`write_csv` writes: ``path`` for the first table, ``<stem>-<name>.csv`` beside
    it for each further one."""
    path = Path(path)
    return [path if i == 0 else path.with_name(f"{path.stem}-{t.name or i}{path.suffix or '.csv'}")
            for i, t in enumerate(report.tables)]


def write_csv(report: ReportOutput, path: Path) -> list[Path]:
    """Every table as a CSV file (all or none): plain figures, ISO dates, text safe from formulas."""
    files = [(p, [c.name for c in t.columns], [[_csv(v, c.kind) for c, v in zip(t.columns, row)] for row in t.rows])
             for p, t in zip(csv_paths(report, path), report.tables)]
    return write_csv_files(files)


def drawings(report: ReportOutput, *, width: float | None = None, height: float | None = None) -> list:
    """The report's charts as ReportLab drawings, in the shop's locale."""
    return [chart_drawing(report, i, width=width, height=height) for i in range(len(report.charts))]


def chart_drawing(report: ReportOutput, index: int, *, width: float | None = None, height: float | None = None):
    """The report's chart ``index`` as a ReportLab drawing (the screen draws only the chart shown)."""
    from ..printing import charts

    c = report.charts[index]
    tall = height or charts.PAGE_HEIGHT
    size = {"width": width or charts.PAGE_WIDTH, "height": tall * 0.68 if c.compact else tall}
    series = [charts.Series(name, values) for name, values in c.series]
    if c.kind == "line":
        return charts.line_chart(c.categories, series, title=c.title, value_label=c.value_label,
                                 locale=report.locale, percent=c.percent, **size)
    if c.kind == "planned_actual":
        return charts.planned_actual_chart(c.categories, series[0].values, series[1].values, title=c.title,
                                           value_label=c.value_label, locale=report.locale,
                                           names=(series[0].name, series[1].name), **size)
    return charts.bar_chart(c.categories, series, title=c.title, value_label=c.value_label,
                            limit=c.limit, locale=report.locale, **size)
