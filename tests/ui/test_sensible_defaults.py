"""Sensible defaults: every file dialog starts in the person's documents folder, and a new job
opens on its Job page."""

from __future__ import annotations

import datetime as dt

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from workshop.ui.file_dialogs import documents_folder
from support.gui import click, ok, open_window

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")


@pytest.fixture
def window(qtbot, db, tmp_path):
    return open_window(qtbot, db, tmp_path)


@pytest.fixture
def started_in(monkeypatch) -> list[str]:
    """The folder each file dialog was asked to start in (the person cancels every one)."""
    asked: list[str] = []

    def fake(many: bool):
        def dialog(parent, caption, folder="", *args, **kwargs):
            asked.append(folder)
            return ([] if many else "", "")
        return staticmethod(dialog)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake(False))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake(False))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake(True))
    return asked


def test_every_file_dialog_starts_in_documents(qtbot, window, db, shop, started_in):
    from workshop.ui.dialogs.company_settings import CompanySettingsDialog
    from workshop.ui.dialogs.pdf_preview import PdfPreviewDialog
    from workshop.ui.widgets.brief_attachments import BriefAttachments
    from workshop.ui.widgets.inspection_record import choose_photos
    from workshop.documents.job_cards import job_card_pdf

    window.open_database_file()
    window.new_database_file()
    BriefAttachments(window.ctx, window).choose_files()
    choose_photos(window)
    CompanySettingsDialog(window.ctx, window).choose_logo()
    PdfPreviewDialog(job_card_pdf(db, shop.job.id), "Job card", "J-card.pdf", window).save_as()
    documents = documents_folder()
    assert started_in == [documents, str(Path(documents) / "shop.db"), documents, documents, documents,
                          str(Path(documents) / "J-card.pdf")]


def test_a_new_job_opens_on_its_job_page(qtbot, window, db, shop, today):
    window.select_tab("job-cards")
    cards = window.current_tab()
    window.ctx.open_job_requested.emit(shop.job.id)
    click(qtbot, cards.detail.pages.tabButton(cards.detail.pages.indexOf(cards.detail.bom)))
    assert cards.detail.pages.currentWidget() is cards.detail.bom

    cards.new_record()  # Ctrl+N
    dialog = cards.new_dialog
    dialog.customer.setCurrentIndex(dialog.customer.findData(shop.customer.id))
    qtbot.keyClicks(dialog.title, "Walnut table")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: cards.detail.job is not None and cards.detail.job.title == "Walnut table")
    assert cards.detail.pages.currentWidget() is cards.detail.header
    assert cards.detail.header.title.text() == "Walnut table"

    # a job made from a brief in the Briefs tab opens on its Job page too
    click(qtbot, cards.detail.pages.tabButton(cards.detail.pages.indexOf(cards.detail.history)))
    from workshop.services import briefs, jobs
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak bench")
    job = jobs.convert_brief_to_job(db, brief.id, quantity=1, due_date=today + dt.timedelta(days=30))
    window.ctx.open_job_requested.emit(job.id)  # what the Briefs tab says after converting
    assert cards.detail.job.id == job.id and cards.detail.pages.currentWidget() is cards.detail.header


def test_new_quote_lines_take_the_previous_lines_category_and_money_shows_its_currency(qtbot, db, shop):
    from workshop.services import briefs
    from workshop.ui.context import AppContext
    from workshop.ui.tabs.briefs import BriefsTab

    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak bookcase", budget="1500")
    tab = BriefsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.list.select_brief(brief.id)
    # the budget field says which money it is in
    assert tab.form.form.labelForField(tab.form.budget).text() == "&Budget (£)"
    tab.lower_tabs.setCurrentWidget(tab.quotes)
    click(qtbot, tab.quotes.new_button)
    dialog = tab.quotes.dialog
    table = dialog.lines_table
    assert table.horizontalHeaderItem(2).text() == "Amount (£)"
    dialog.set_lines([])
    click(qtbot, dialog.add_line_button)  # the first line: no line above it, "Other"
    first = table.cellWidget(0, 0)
    assert first.currentData() == "other"
    first.setCurrentIndex(first.findData("materials"))
    click(qtbot, dialog.add_line_button)
    click(qtbot, dialog.add_line_button)
    assert [table.cellWidget(r, 0).currentData() for r in range(3)] == ["materials", "materials", "materials"]
    dialog.reject()
