"""A job's files: its brief's (the copies made when it became a job count as the brief's) and its
own; only its own can be removed on the job."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.domain.errors import ValidationError
from workshop.services import attachments, briefs, jobs


def test_job_files_show_each_file_once_brief_first(db, shop):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Kitchen", requirements="Oak")
    attachments.add_to_brief(db, brief.id, "elevation.png", b"\x89PNG one")
    job = jobs.convert_brief_to_job(db, brief.id, quantity=1, due_date=db.today() + dt.timedelta(days=30))
    assert [a.file_name for a in job.attachments] == ["elevation.png"]  # the copy made on converting
    attachments.add_to_brief(db, brief.id, "site.jpg", b"jpeg later")  # after converting
    [own] = attachments.add_job_files(db, job.id, [("dry-fit.png", b"\x89PNG two")])

    files = attachments.job_files(db, job.id)
    number = briefs.get_brief(db, brief.id).number
    assert [(f.attachment.file_name, f.brief_number) for f in files] == [
        ("elevation.png", number), ("site.jpg", number), ("dry-fit.png", None)]
    assert files[0].attachment.id == job.attachments[0].id  # the job's copy stands for the brief's file

    with pytest.raises(ValidationError, match="came with the brief; remove it on the Briefs tab"):
        attachments.remove_job_file(db, job.id, files[1].attachment.id)
    with pytest.raises(ValidationError, match="came with the brief"):
        attachments.remove_job_file(db, job.id, files[0].attachment.id)
    attachments.remove_job_file(db, job.id, own.id)
    assert [f.attachment.file_name for f in attachments.job_files(db, job.id)] == ["elevation.png", "site.jpg"]


def test_adding_several_files_is_all_or_none(db, shop):
    with pytest.raises(ValidationError, match="The file is empty"):
        attachments.add_job_files(db, shop.job.id, [("a.png", b"data"), ("empty.png", b"")])
    assert attachments.job_files(db, shop.job.id) == []
