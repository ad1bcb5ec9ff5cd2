"""The bundled program's entry point (build.spec): PyInstaller runs a script, and
``workshop/__main__.py`` imports relatively, as a package's ``python -m`` entry does.

Two frozen-only commands serve scripts/smoke: ``workshop --smoke-pdf-page IN.pdf OUT.png`` opens the
PDF in the program's own preview dialog (QtPdf, QtPdfWidgets) and writes its first page as a PNG
through QPdfDocument.render, so the smoke check can read the page's barcodes back;
``workshop --smoke-chart OUT.png`` shows a chart as the Reports tab does (a ReportLab drawing as SVG,
through QtSvg, both imported only then) and saves it, so a bundle missing either fails."""

import sys


def smoke_pdf_page(pdf_file: str, png_file: str) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path

    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    from workshop.ui.app import make_application
    from workshop.ui.dialogs.pdf_preview import PdfPreviewDialog

    app = make_application()
    dialog = PdfPreviewDialog(Path(pdf_file).read_bytes(), "Smoke check", Path(pdf_file).name)
    dialog.show()
    app.processEvents()
    document = dialog.document
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        print(f"QtPdf could not read {pdf_file}: {document.status()}", file=sys.stderr)
        return 1
    points = document.pagePointSize(0)
    scale = 200 / 72  # 200 dpi: barcodes stay readable
    page = document.render(0, QSize(round(points.width() * scale), round(points.height() * scale)))
    image = QImage(page.size(), QImage.Format.Format_RGB32)  # the page is transparent where it is blank: on paper
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, page)
    painter.end()
    ok = not page.isNull() and image.save(png_file, "PNG")
    print(f"QtPdf: {document.pageCount()} page(s); page 1 rendered {page.width()}x{page.height()}")
    dialog.close()
    dialog.deleteLater()
    app.processEvents()
    return 0 if ok else 1


def smoke_chart(png_file: str) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workshop.printing.charts import Series, bar_chart
    from workshop.ui.app import make_application
    from workshop.ui.widgets.chart_view import ChartView

    app = make_application()
    view = ChartView()
    view.resize(800, 400)
    view.set_drawing(bar_chart(["Wk 49", "Wk 50"], [Series("Planned h", [30, 42])], title="Smoke check",
                               limit=[35, 35]))
    view.show()
    app.processEvents()
    ok = view.has_chart() and view.grab().save(png_file, "PNG")
    print(f"chart shown through QtSvg: {'yes' if view.has_chart() else 'no'}")
    return 0 if ok else 1


if len(sys.argv) == 3 and sys.argv[1] == "--smoke-chart":
    sys.exit(smoke_chart(sys.argv[2]))

if len(sys.argv) == 4 and sys.argv[1] == "--smoke-pdf-page":
    sys.exit(smoke_pdf_page(sys.argv[2], sys.argv[3]))

from workshop.cli import main  # noqa: E402

sys.exit(main())
