"""The chart view (workshop/ui/widgets/chart_view.py): a ReportLab drawing painted on screen as the
PDF prints it, and Qt's SVG module loaded only when a chart is first shown."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

from PySide6.QtGui import QColor

from workshop.printing.charts import OVER_LIMIT, PALETTE, Series, bar_chart
from workshop.ui.widgets.chart_view import ChartView


def _colours(image) -> set[str]:
    return {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}


def _shows(colour, colours: set[str]) -> bool:
    """A pixel of ``colour`` (a ReportLab colour) is on screen; SVG carries whole percentages, so
    a channel may be off by a few steps."""
    want = QColor(colour.hexval().replace("0x", "#"))
    return any(max(abs(want.red() - c.red()), abs(want.green() - c.green()), abs(want.blue() - c.blue())) <= 4
               for c in map(QColor, colours))


def test_a_chart_is_painted_scaled_into_the_view_with_its_colours(qtbot):
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(1000, 420)
    view.show()
    qtbot.waitExposed(view)
    view.set_drawing(bar_chart(["Wk 1", "Wk 2"], [Series("Load", (30, 45))], limit=(40, 40), title="Spray booth"))
    assert view.has_chart() and view.message() == ""
    image = view.grab().toImage()
    colours = _colours(image)
    # the bar within capacity in the first colour, the one over it in red, on white: no black fill anywhere
    assert _shows(PALETTE[0], colours) and _shows(OVER_LIMIT, colours)
    assert QColor("white").name() in colours
    black = sum(1 for x in range(image.width()) for y in range(0, image.height(), 4)
                if QColor(image.pixel(x, y)).name() == "#000000")
    assert black < image.width() * image.height() / 4 / 100  # text only, never a filled background


def test_a_message_instead_of_a_chart(qtbot):
    view = ChartView()
    qtbot.addWidget(view)
    view.set_drawing(bar_chart(["a"], [Series("x", (1,))]))
    view.set_message("No deliveries in this range.")
    assert not view.has_chart() and view.svg() == b""
    assert view.message() == "No deliveries in this range."


def test_the_window_opens_without_loading_qt_svg(tmp_path, migrated_template):
    shop = tmp_path / "shop.db"
    shutil.copyfile(migrated_template, shop)
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from workshop.db.engine import open_database
        from workshop.ui.app import create_main_window
        window = create_main_window(open_database({str(shop)!r}),
                                    QSettings({str(tmp_path / 'settings.ini')!r}, QSettings.Format.IniFormat))
        window.show()
        app.processEvents()
        print(sorted(m for m in ("PySide6.QtSvg", "reportlab.graphics.renderSVG") if m in sys.modules))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
