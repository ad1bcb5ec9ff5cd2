"""A file's bytes go with the last thing that used them, so ``workshop check`` finds nothing unused after
ordinary work (removing an attachment, replacing the logo) and the shop's file does not keep them."""

from __future__ import annotations

from sqlalchemy import select

from workshop.db.check import check_database
from workshop.db.models import AttachmentBlob
from workshop.services import attachments, settings

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def _stored(db) -> int:
    with db.reader() as s:
        return len(s.scalars(select(AttachmentBlob.sha256)).all())


def test_removing_the_last_use_of_a_file_removes_its_bytes_and_keeps_shared_ones(db, shop):
    drawing = attachments.add_to_job(db, shop.job.id, "drawing.pdf", b"%PDF-1.4 drawing")
    again = attachments.add_to_job(db, shop.job.id, "drawing copy.pdf", b"%PDF-1.4 drawing")  # same bytes
    assert _stored(db) == 1
    attachments.remove_job_file(db, shop.job.id, drawing.id)
    assert _stored(db) == 1  # the copy still uses them
    attachments.remove_job_file(db, shop.job.id, again.id)
    assert _stored(db) == 0
    if db.url.get_backend_name() == "sqlite":
        assert check_database(db.url.database) == []


def test_a_replaced_or_cleared_logo_leaves_no_bytes_behind(db):
    settings.set_logo(db, "logo.png", PNG)
    settings.set_logo(db, "logo.png", PNG + b"\0")  # a different file
    assert _stored(db) == 1
    settings.set_logo(db, "logo.png", None)
    assert _stored(db) == 0
