"""Printing from the window: the preview shows the pages; Print opens the system dialog; many
cards print with progress and can be cancelled."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QWidget

from workshop.documents.job_cards import job_card_pdf
from workshop.services import jobs, routing
from workshop.ui.context import AppContext
from workshop.ui.dialogs.pdf_preview import PdfPreviewDialog
from workshop.ui.printing import print_job_cards


def test_preview_shows_pages_and_print_opens_the_print_dialog(qtbot, db, shop, tmp_path):
    routing.apply_template(db, shop.job.id, shop.template.id)
    pdf = job_card_pdf(db, shop.job.id)
    dialog = PdfPreviewDialog(pdf, "Job card", "card.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.document.pageCount() == len(PdfReader(__import__("io").BytesIO(pdf)).pages) >= 1

    seen = []

    def close_print_dialog():
        active = QApplication.activeModalWidget()
        seen.append(type(active))
        active.reject()

    QTimer.singleShot(0, close_print_dialog)
    assert dialog.print_document() is False  # cancelled in the system dialog: nothing printed
    assert seen == [QPrintDialog]

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.render_to(printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == dialog.document.pageCount()

    saved = dialog.write_to(tmp_path / "saved")
    assert saved.name == "saved.pdf" and saved.read_bytes() == pdf
    dialog.close()


def test_many_job_cards_with_progress_then_preview(qtbot, db, shop):
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Side table", due_date=shop.job.due_date)
    parent = QWidget()
    qtbot.addWidget(parent)
    task = print_job_cards(parent, AppContext(db), [shop.job.id, other.id])
    progress = []
    task.progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: getattr(parent, "_preview", None) is not None, timeout=20_000)
    assert progress and progress[-1][0] == progress[-1][1]
    assert parent._preview.document.pageCount() >= 2
    parent._preview.close()


def test_cancelling_a_batch_shows_no_preview(qtbot, db, shop):
    parent = QWidget()
    qtbot.addWidget(parent)
    task = print_job_cards(parent, AppContext(db), [shop.job.id] * 30)
    state = task.state
    cancelled = []
    task.cancelled.connect(lambda: cancelled.append(True))
    task.cancel()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=20_000)
    assert state.is_cancelled() and getattr(parent, "_preview", None) is None


def test_ctrl_p_in_job_cards_previews_the_selected_jobs(qtbot, db, shop):
    from PySide6.QtCore import QItemSelectionModel

    from workshop.ui.tabs.job_cards import JobCardsTab

    other = jobs.create_job(db, customer_id=shop.customer.id, title="Side table", due_date=shop.job.due_date)
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.show()
    table = tab.list.table
    table.selectRow(0)
    table.selectionModel().select(table.model().index(1, 0), QItemSelectionModel.SelectionFlag.Select
                                  | QItemSelectionModel.SelectionFlag.Rows)
    assert {r.id for r in tab.list.selected_jobs()} == {shop.job.id, other.id}
    tab.print_current()
    qtbot.waitUntil(lambda: getattr(tab, "_preview", None) is not None, timeout=20_000)
    preview = tab._preview
    assert preview.windowTitle() == "2 job cards" and preview.document.pageCount() >= 2
    preview.close()
