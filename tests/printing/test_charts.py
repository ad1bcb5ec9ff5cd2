"""Charts as drawings (workshop/printing/charts.py): what they say, read back from the SVG and the
PDF they are drawn into; the figures on the value axis in the shop's locale."""

from __future__ import annotations

import re
from decimal import Decimal

from reportlab.graphics.shapes import Rect
from reportlab.platypus import SimpleDocTemplate

from workshop.printing.charts import (OVER_LIMIT, PALETTE, Series, bar_chart, line_chart,
                                      planned_actual_chart)
from workshop.ui.widgets.chart_view import drawing_to_svg


def _texts(drawing) -> list[str]:
    return re.findall(r">([^<>]+)</text>", drawing_to_svg(drawing).decode())


def _rects(drawing) -> list[Rect]:
    """Every filled rectangle (bar, legend swatch) in the drawing, its charts expanded into shapes."""
    out = []

    def walk(node):
        if isinstance(node, Rect):
            out.append(node)
        for child in getattr(node, "contents", ()):
            walk(child.draw() if hasattr(child, "draw") and not hasattr(child, "contents") else child)
    walk(drawing)
    return out


def test_a_bar_chart_names_its_categories_title_and_series():
    d = bar_chart(["Bench", "CNC router"], [Series("Booked", (Decimal("12.5"), 30)), Series("Capacity", (40, 40))],
                  title="Utilisation", value_label="hours")
    texts = _texts(d)
    for expected in ("Utilisation", "hours", "Bench", "CNC router", "Booked", "Capacity"):
        assert expected in texts
    # the axis reaches the next round figure above 40: 0 10 20 30 40
    assert [t for t in texts if t.isdigit()] == ["0", "10", "20", "30", "40"]


def test_bars_over_their_limit_are_red_and_the_legend_says_so():
    d = bar_chart(["Wk 49", "Wk 50", "Wk 51"], [Series("Load", (30, 45, 40))], limit=(40, 40, 40),
                  title="Spray booth")
    bars = [r for r in _rects(d) if r.fillColor in (PALETTE[0], OVER_LIMIT) and r.width > 8]  # not the 8 pt keys
    # 30 and 40 are within 40 h; 45 is over, and only it is red
    assert [r.fillColor for r in sorted(bars, key=lambda r: r.x)] == [PALETTE[0], OVER_LIMIT, PALETTE[0]]
    texts = _texts(d)
    assert "Capacity" in texts and "Over capacity" in texts


def test_value_axis_figures_follow_the_locale():
    d = line_chart(["Jan", "Feb"], [Series("Days", (Decimal("0.4"), Decimal("0.25")))], locale="de_DE")
    # top 0.4, steps of 0.1 written with the German decimal comma
    assert [t for t in _texts(d) if t[0].isdigit()] == ["0,0", "0,1", "0,2", "0,3", "0,4"]


def test_a_missing_figure_breaks_the_line():
    from reportlab.graphics.shapes import PolyLine

    d = line_chart(["Jan", "Feb", "Mar", "Apr", "May"], [Series("On time %", (100, 80, None, 90, 75))], percent=True)
    runs = [c for c in d.getContents() if isinstance(c, PolyLine)]
    # Jan-Feb and Apr-May: two runs of two points each (4 coordinates), none across March
    assert sorted(len(r.points) for r in runs) == [4, 4]


def test_planned_against_actual_has_both_series_and_user_text_is_never_markup():
    d = planned_actual_chart(["J&C <b>Kitchens</b>", "Gates"], [10, 20], [12, 18], title="Accuracy by kind")
    svg = drawing_to_svg(d).decode()
    assert "Planned" in svg and "Actual" in svg
    assert "J&amp;C &lt;b&gt;Kitchens&lt;/b&gt;" in svg


def test_a_chart_goes_into_a_pdf_as_vector_text(tmp_path, pdf_text):
    import io

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer)
    doc.build([bar_chart(["Łódź line", "Gates"], [Series("Hours", (5, 7))], title="Chart on paper")])
    text = pdf_text(buffer.getvalue())
    assert "Chart on paper" in text and "Łódź line" in text


def test_an_empty_chart_still_draws():
    d = bar_chart([], [], title="Nothing yet")
    assert "Nothing yet" in _texts(d)
