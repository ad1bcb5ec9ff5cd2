"""Bad files and file names (issue 12, item 5). A 2 GB attachment is refused by its size before a
byte of it is read (``stat`` first, then read in pieces and hashed as it comes), on a worker
thread, with little memory. ``../../x``, ``CON.pdf`` and a 300-character name keep a name that is
safe to keep, show and write to disk."""

from __future__ import annotations

import hashlib
import tracemalloc
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from workshop.db.models import Attachment, AttachmentBlob
from workshop.domain.errors import ValidationError
from workshop.domain.file_names import MAX_NAME_BYTES, disk_file_name, file_name
from workshop.services import attachments
from workshop.ui.job_pages.files import JobFilesPage
from workshop.ui.widgets import attachment_files
from support.gui import open_job_cards, show_job_page, when_dialog_opens

GB = 1024 ** 3
TOO_BIG = ("{name} is {mb} MB; files up to 25 MB can be attached. Save a smaller copy (a lower-resolution photo, "
           "a compressed PDF).")


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)  # takes no room on disk: a hole
    return path


def _counts(db) -> tuple[int, int]:
    with db.reader() as s:
        return (s.scalar(select(func.count()).select_from(Attachment)),
                s.scalar(select(func.count()).select_from(AttachmentBlob)))


@pytest.fixture
def unread(monkeypatch):
    """Fails the test if any file is opened for reading through pathlib."""
    opened = []
    real = Path.open

    def watch(self, mode="r", *args, **kwargs):
        if "r" in mode:
            opened.append(self.name)
        return real(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watch)
    return opened


@pytest.mark.parametrize("size, mb", [(2 * GB, "2,048.0"), (25 * 1024 ** 2 + 1, "25.0"), (300 * 1024 ** 2, "300.0")])
def test_a_huge_file_is_refused_by_its_size_before_it_is_read(tmp_path, unread, size, mb):
    big = _sparse(tmp_path / "scan.tif", size)
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refused:
            attachments.read_file_to_attach(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (refused.value.field, refused.value.message) == ("file", TOO_BIG.format(name="scan.tif", mb=mb))
    assert unread == []  # not opened at all
    assert peak < 256 * 1024  # bytes: nothing of the file's size was held


def test_a_file_within_the_limit_is_read_in_pieces_and_hashed_as_it_comes(tmp_path):
    data = bytes(range(256)) * (3 * 4096 + 7)  # 3 MB and a bit: several pieces
    path = tmp_path / "drawing.dxf"
    path.write_bytes(data)
    found = attachments.read_file_to_attach(path)
    assert (found.file_name, found.data, found.sha256) == ("drawing.dxf", data, hashlib.sha256(data).hexdigest())


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"") or p, "empty.pdf is empty."),
    (lambda p: p.mkdir() or p, "empty.pdf is not a file."),
    (lambda p: p, "Could not read empty.pdf: No such file or directory."),
])
def test_an_empty_missing_or_folder_path_is_named(tmp_path, make, message):
    with pytest.raises(ValidationError) as refused:
        attachments.read_file_to_attach(make(tmp_path / "empty.pdf"))
    assert refused.value.message == message


def test_attaching_paths_to_a_job_is_all_or_none(db, shop, tmp_path):
    good = tmp_path / "sketch.png"
    good.write_bytes(b"\x89PNG not really")
    big = _sparse(tmp_path / "video.mov", 2 * GB)
    with pytest.raises(ValidationError, match="video.mov is 2,048.0 MB"):
        attachments.add_job_paths(db, shop.job.id, [good, big])
    assert _counts(db) == (0, 0)
    [added] = attachments.add_job_paths(db, shop.job.id, [good])
    assert (added.file_name, added.size) == ("sketch.png", len(b"\x89PNG not really"))
    assert attachments.attachment_data(db, added.id)[1] == good.read_bytes()


LONG = "Kitchen elevation — revised after the site visit, oak and walnut " * 5  # 325 characters


@pytest.mark.parametrize("given, kept, on_disk", [
    ("../../x", "x", "x"),
    ("..\\..\\windows\\x.png", "x.png", "x.png"),
    ("/etc/passwd", "passwd", "passwd"),
    ("CON.pdf", "CON.pdf", "_CON.pdf"),
    ("lpt1", "lpt1", "_lpt1"),
    ("J&C <b>Ltd.pdf", "J&C <b>Ltd.pdf", "J&C _b_Ltd.pdf"),  # shown as given; Windows refuses < >
    ("J&C <b>Ltd</b>.pdf", "b>.pdf", "b_.pdf"),  # a / makes it a path: its last part
    ("Łódź 😀.png", "Łódź 😀.png", "Łódź 😀.png"),
    ("quote\r\n.pdf", "quote.pdf", "quote.pdf"),
    ("..", "file", "file"),
])
def test_a_given_name_is_kept_as_a_name_never_a_path(db, shop, given, kept, on_disk):
    added = attachments.add_to_job(db, shop.job.id, given, b"data")
    assert added.file_name == kept
    assert disk_file_name(added.file_name) == on_disk


def test_a_300_character_name_is_shortened_keeping_its_extension(db, shop):
    given = LONG + ".pdf"
    assert len(given) == 329
    added = attachments.add_to_job(db, shop.job.id, given, b"%PDF-1.4")
    assert added.file_name.endswith(".pdf") and len(added.file_name.encode()) <= MAX_NAME_BYTES
    assert given.startswith(added.file_name[:-4])
    assert len(added.file_name.encode()) >= MAX_NAME_BYTES - 3  # cut at a whole character, as long as allowed
    assert file_name(added.file_name) == added.file_name  # kept as it is from then on


def test_a_copy_opened_from_a_hostile_name_lands_in_its_own_folder(db, shop, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(attachment_files, "_copies", tmp_path / "copies")
    (tmp_path / "copies").mkdir()
    monkeypatch.setattr("workshop.ui.widgets.attachment_files.QDesktopServices.openUrl",
                        lambda url: opened.append(Path(url.toLocalFile())) or True)
    for given in ("../../x", "CON.pdf", LONG + ".pdf"):
        added = attachments.add_to_job(db, shop.job.id, given, given.encode())
        attachment_files.open_copy(None, db, added)
    assert [p.parent.parent for p in opened] == [tmp_path / "copies"] * 3
    assert [p.name for p in opened][:2] == ["x", "_CON.pdf"]
    assert opened[2].name.endswith(".pdf") and len(opened[2].name.encode()) <= MAX_NAME_BYTES
    assert [p.read_bytes() for p in opened] == [b"../../x", b"CON.pdf", (LONG + ".pdf").encode()]


def test_a_2gb_file_dropped_on_a_job_is_refused_off_the_gui_thread(qtbot, db, shop, tmp_path, unread):
    tab = open_job_cards(qtbot, db, shop.job.id)
    page = show_job_page(tab, JobFilesPage)
    big = _sparse(tmp_path / "walkthrough.mp4", 2 * GB)
    good = tmp_path / "sketch.txt"
    good.write_text("three drawers")
    shown = when_dialog_opens(lambda box: box.accept(), lambda d: isinstance(d, QMessageBox))
    task = page.add_files([big, good])
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0].text() == TOO_BIG.format(name="walkthrough.mp4", mb="2,048.0")
    qtbot.waitUntil(lambda: page.list.count() == 1)  # the readable one is attached
    assert [f.attachment.file_name for f in page.files] == ["sketch.txt"]
    assert unread == ["sketch.txt"]  # the big one was never opened


@pytest.mark.parametrize("name, saved_as", [("CON", "CON.pdf"), ("../card", "card.pdf"), ("x" * 300, None)])
def test_saving_a_printed_document_to_an_awkward_name_works_or_says_why(qtbot, db, shop, tmp_path, name, saved_as):
    from workshop.documents.job_cards import job_card_pdf
    from workshop.ui.dialogs.pdf_preview import PdfPreviewDialog

    pdf = job_card_pdf(db, shop.job.id)
    dialog = PdfPreviewDialog(pdf, "Job card", "J-card.pdf")
    qtbot.addWidget(dialog)
    (tmp_path / "sub").mkdir()
    # Answer a dialog only where one must come: a poll left waiting would answer a later test's dialog.
    shown = [] if saved_as else when_dialog_opens(lambda box: box.accept(), lambda d: isinstance(d, QMessageBox))
    written = dialog.write_to(tmp_path / "sub" / name)
    if saved_as is not None:
        assert written == (tmp_path / "sub" / name).with_suffix(".pdf")
        assert written.name == saved_as and written.read_bytes() == pdf
        return
    assert written is None
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0].text() == f"Could not save {'x' * 300}.pdf."
    assert "File name too long" in shown[0].detailedText()
