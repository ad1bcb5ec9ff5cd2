"""The job's Files page and the brief's preview, driven as the owner does: the brief's drawings
and the job's own, each shown whole at a readable size, decoded off the GUI thread; add, open,
enlarge and remove; what the database holds after each."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from workshop.db.models import Attachment
from workshop.demo.drawings import control_panel_pdf, kitchen_elevation_png
from workshop.services import attachments, briefs, jobs
from workshop.ui.context import AppContext
from workshop.ui.job_pages.files import JobFilesPage
from workshop.ui.tabs.job_cards import JobCardsTab
from workshop.ui.widgets.brief_attachments import BriefAttachments
from support.gui import click


def _job_attachment_names(db, job_id: int) -> list[str]:
    with db.reader() as s:
        return list(s.scalars(select(Attachment.file_name).where(Attachment.job_id == job_id).order_by(Attachment.id)))


def _shown_whole(preview) -> bool:
    """The picture on screen is the whole file: scaled with its proportions, inside the label."""
    shown, image, room = preview.picture.pixmap(), preview.image, preview.picture.size()
    return (shown.width() <= room.width() and shown.height() <= room.height()
            and abs(shown.width() / shown.height() - image.width() / image.height()) < 0.02
            and (shown.width() == room.width() or shown.height() == room.height() or shown.size() == image.size()))


@pytest.fixture
def job_from_brief(db, shop):
    """A job converted from a brief with a drawing; after converting, the brief gets a PDF too."""
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Kitchen", requirements="Oak kitchen")
    attachments.add_to_brief(db, brief.id, "elevation.png", kitchen_elevation_png())  # 640 × 400
    job = jobs.convert_brief_to_job(db, brief.id, quantity=1, due_date=db.today() + dt.timedelta(days=30))
    attachments.add_to_brief(db, brief.id, "panel.pdf", control_panel_pdf("Control panel"))
    return jobs.get_job(db, job.id), briefs.get_brief(db, brief.id)


@pytest.fixture
def held_decodes(monkeypatch):
    """The previews' decoding (off the GUI thread) waits until the test sets the returned event: a test can
    look at the page while a file is still loading, however quickly the worker would have finished."""
    from workshop.ui.widgets import attachment_preview

    go = threading.Event()
    decode = attachment_preview.decode_preview

    def held(*args, **kwargs):
        go.wait(30)
        return decode(*args, **kwargs)

    monkeypatch.setattr(attachment_preview, "decode_preview", held)
    return go


@pytest.fixture
def files_page(qtbot, db, job_from_brief):
    job, _brief = job_from_brief
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.open_job(job.id)
    qtbot.waitUntil(lambda: tab.detail.job is not None)
    page = next(p for p in tab.detail.extra_pages if isinstance(p, JobFilesPage))
    titles = [tab.detail.pages.tabText(i) for i in range(tab.detail.pages.count())]
    assert "Files" in titles
    tab.detail.pages.setCurrentWidget(page)
    page.tab = tab  # the tab lives as long as the test holds its page
    return page


def test_files_page_lists_the_briefs_files_and_the_jobs_own(qtbot, db, shop, job_from_brief, held_decodes,
                                                            files_page, tmp_path, monkeypatch):
    job, brief = job_from_brief
    page = files_page
    # the job's copy of elevation.png stands for the brief's file: each file once
    assert [page.list.item(i).text() for i in range(page.list.count())] == [
        f"elevation.png\nfrom brief {brief.number}", f"panel.pdf\nfrom brief {brief.number}"]
    assert page.list.currentRow() == 0
    assert page.preview.text() == "Loading elevation.png…"  # decoded off the GUI thread
    held_decodes.set()
    qtbot.waitUntil(lambda: not page.preview.image.isNull())
    assert page.preview.image.size().toTuple() == (640, 400)
    assert _shown_whole(page.preview)
    assert page.preview.picture.pixmap().width() >= 400  # readable: not a thumbnail
    assert not page.remove_button.isEnabled()  # the brief's file is removed on the Briefs tab
    assert "Briefs tab" in page.remove_button.toolTip()

    # the PDF's first page, whole
    page.list.setCurrentRow(1)
    qtbot.waitUntil(lambda: not page.preview.image.isNull())
    assert page.preview.text() == "panel.pdf — click to enlarge (first page; Open shows them all)"
    assert _shown_whole(page.preview)

    # a click on the picture enlarges it to full size
    qtbot.mouseClick(page.preview.picture, Qt.MouseButton.LeftButton, pos=page.preview.picture.rect().center())
    dialog = page.preview.dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert dialog.label.pixmap().size() == page.preview.image.size()
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    dialog.reject()

    # add a photo of the job's own through the button (the file dialog answers with its path)
    photo = tmp_path / "dry-fit J&C <b>.png"
    photo.write_bytes(kitchen_elevation_png(300, 900))  # a tall picture
    monkeypatch.setattr("workshop.ui.job_pages.files.choose_files", lambda *_a: [str(photo)])
    click(qtbot, page.add_button)
    qtbot.waitUntil(lambda: page.list.count() == 3)  # read off the GUI thread, then attached
    assert _job_attachment_names(db, job.id) == ["elevation.png", "dry-fit J&C <b>.png"]
    assert page.list.count() == 3 and page.list.currentRow() == 2
    assert page.list.item(2).text() == "dry-fit J&C <b>.png\nthe job's own"
    qtbot.waitUntil(lambda: not page.preview.image.isNull())
    assert _shown_whole(page.preview)  # tall: fitted by its height, nothing cropped
    assert page.preview.picture.pixmap().height() == page.preview.picture.height()
    assert page.remove_button.isEnabled()

    # open with the computer's viewer: a copy under its own name
    opened = []
    monkeypatch.setattr("workshop.ui.widgets.attachment_files.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    click(qtbot, page.open_button)
    # (named so any disk takes it: Windows refuses < and >)
    assert opened[0].endswith("/dry-fit J&C _b_.png") and open(opened[0], "rb").read() == photo.read_bytes()

    # remove the job's own file, after saying yes
    monkeypatch.setattr("workshop.ui.job_pages.files.confirm_remove", lambda *_a: True)
    click(qtbot, page.remove_button)
    assert _job_attachment_names(db, job.id) == ["elevation.png"]
    assert page.list.count() == 2


def test_a_job_without_a_brief_and_its_files(qtbot, db, shop):
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.open_job(shop.job.id)
    page = next(p for p in tab.detail.extra_pages if isinstance(p, JobFilesPage))
    tab.detail.pages.setCurrentWidget(page)
    assert page.list.count() == 0
    assert page.preview.text() == "No files on this job yet."
    assert page.hint.text().startswith("No drawings or photos yet.")
    tab.detail.pages.setCurrentIndex(0)
    tab.ctx.call(None, attachments.add_to_job, shop.job.id, "notes.txt", b"brass knobs")
    tab.detail.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.list.count() == 1)
    assert page.preview.text() == "notes.txt\n\nNo preview for this kind of file. Use Open."
    assert page.list.item(0).text() == "notes.txt\nthe job's own"


def test_the_briefs_preview_shows_the_whole_drawing_in_a_short_panel(qtbot, db, shop):
    """The brief's Files panel is short on a 1280×720 screen: the drawing is scaled to fit, not
    cropped to a strip."""
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Kitchen", requirements="Oak")
    attachments.add_to_brief(db, brief.id, "elevation.png", kitchen_elevation_png())
    panel = BriefAttachments(AppContext(db))
    qtbot.addWidget(panel)
    panel.resize(620, 160)
    panel.show()
    panel.set_brief(brief.id, briefs.get_brief(db, brief.id).attachments)
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: not panel.preview.image.isNull())
    assert _shown_whole(panel.preview)
    assert panel.preview.picture.pixmap().height() == panel.preview.picture.height()  # fitted by height
    QApplication.processEvents()
    qtbot.mouseClick(panel.preview.picture, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: panel.preview.dialog is not None and panel.preview.dialog.isVisible())
    panel.preview.dialog.reject()
