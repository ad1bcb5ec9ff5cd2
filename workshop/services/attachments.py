"""Attachments: drawings, photos and PDFs, kept inside the database by content hash.

The same file attached twice (or carried from a brief to its job) is stored once.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Attachment, AttachmentBlob, Brief, Job
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from .common import get_or_fail

#: Past this a file is refused: the database is the shop's one file, and is backed up whole.
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentView:
    id: int
    file_name: str
    media_type: str
    size: int
    sha256: str

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf"


@dataclass(frozen=True)
class JobFile:
    """A file shown on a job: its own, or its brief's (``brief_number`` set). A job made from a
    brief holds copies of the brief's files; they count as the brief's (same bytes), so each file
    shows once, and only the job's own can be removed on the job."""

    attachment: AttachmentView
    brief_number: str | None = None  # "B-2026-0003": the brief's file

    @property
    def is_own(self) -> bool:
        return self.brief_number is None


def view(a: Attachment) -> AttachmentView:
    return AttachmentView(a.id, a.file_name, a.media_type, a.blob.size, a.blob_sha256)


def store_blob(s: Session, data: bytes, *, field: str = "file") -> AttachmentBlob:
    if not isinstance(data, bytes | bytearray):
        raise ValidationError(field, "The file could not be read.")
    if len(data) == 0:
        raise ValidationError(field, "The file is empty.")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            field, f"The file is {len(data) / 1048576:.1f} MB; files up to {MAX_ATTACHMENT_BYTES // 1048576} MB "
                   "can be attached. Save a smaller copy (a lower-resolution photo, a compressed PDF)."
        )
    sha = hashlib.sha256(data).hexdigest()
    blob = s.get(AttachmentBlob, sha)
    if blob is None:
        blob = AttachmentBlob(sha256=sha, size=len(data), data=bytes(data))
        s.add(blob)
        s.flush()
    return blob


def _attach(s: Session, db: Database, *, brief_id: int | None, job_id: int | None,
            file_name: str, data: bytes) -> Attachment:
    name = v.text("file_name", file_name, required=True, max_length=255)
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    blob = store_blob(s, data)
    attachment = Attachment(blob=blob, blob_sha256=blob.sha256, file_name=name, media_type=media_type,
                            brief_id=brief_id, job_id=job_id, added_at=db.now())
    s.add(attachment)
    s.flush()
    return attachment


@writes(Change.BRIEFS)
def add_to_brief(db: Database, brief_id: int, file_name: str, data: bytes) -> AttachmentView:
    with db.session() as s:
        get_or_fail(s, Brief, brief_id, "brief", "brief")
        return view(_attach(s, db, brief_id=brief_id, job_id=None, file_name=file_name, data=data))


@writes(Change.FILES)
def add_to_job(db: Database, job_id: int, file_name: str, data: bytes) -> AttachmentView:
    with db.session() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return view(_attach(s, db, brief_id=None, job_id=job_id, file_name=file_name, data=data))


def copy_to_job(s: Session, db: Database, source: Attachment, job_id: int) -> Attachment:
    """The job gets its own attachment row pointing at the same bytes."""
    copy = Attachment(blob_sha256=source.blob_sha256, file_name=source.file_name, media_type=source.media_type,
                      job_id=job_id, added_at=db.now())
    s.add(copy)
    return copy


def _job_files(s: Session, job_id: int) -> list[JobFile]:
    job = get_or_fail(s, Job, job_id, "job", "job")
    brief = job.brief
    if brief is None:
        return [JobFile(view(a)) for a in job.attachments]
    copies = {(a.blob_sha256, a.file_name): a for a in job.attachments}
    from_brief = [JobFile(view(copies.pop((a.blob_sha256, a.file_name), a)), brief.number)
                  for a in brief.attachments]
    return from_brief + [JobFile(view(a)) for a in job.attachments if (a.blob_sha256, a.file_name) in copies]


def job_files(db: Database, job_id: int) -> list[JobFile]:
    """The brief's files first (the job's copies of them standing in for them), then the job's own,
    each in the order they were added."""
    with db.reader() as s:
        return _job_files(s, job_id)


@writes(Change.FILES)
def add_job_files(db: Database, job_id: int, files: list[tuple[str, bytes]]) -> list[AttachmentView]:
    """Attach ``(file name, bytes)`` pairs to the job, all or none."""
    with db.session() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return [view(_attach(s, db, brief_id=None, job_id=job_id, file_name=name, data=data))
                for name, data in files]


@writes(Change.FILES)
def remove_job_file(db: Database, job_id: int, attachment_id: int) -> None:
    """Removes one of the job's own files; a file from its brief is removed on the brief."""
    with db.session() as s:
        a = get_or_fail(s, Attachment, attachment_id, "attachment", "attachment")
        own = {f.attachment.id for f in _job_files(s, job_id) if f.is_own}
        if a.id not in own:
            raise ValidationError("attachment", f"{a.file_name} came with the brief; remove it on the Briefs tab.")
        s.delete(a)


def attachment_data(db: Database, attachment_id: int) -> tuple[AttachmentView, bytes]:
    with db.reader() as s:
        a = get_or_fail(s, Attachment, attachment_id, "attachment", "attachment")
        return view(a), a.blob.data


@writes(Change.BRIEFS | Change.FILES)
def remove_attachment(db: Database, attachment_id: int) -> None:
    """Removes the link; the bytes stay while anything else (another brief, a job) uses them."""
    with db.session() as s:
        a = get_or_fail(s, Attachment, attachment_id, "attachment", "attachment")
        s.delete(a)
