"""Attachments: drawings, photos and PDFs, kept inside the database by content hash.

The same file attached twice (or carried from a brief to its job) is stored once.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..db.row_links import blob_references
from ..db.engine import Database
from ..db.models import Attachment, AttachmentBlob, Brief, Job
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.file_names import file_name as clean_file_name
from .common import get_or_fail

#: Past this a file is refused: the database is the shop's one file, and is backed up whole.
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
#: A file is read in pieces of this size, hashed as it comes.
CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class FileToAttach:
    """A file read from disk, checked and hashed, ready to attach (``read_file_to_attach``)."""

    file_name: str
    data: bytes
    sha256: str


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


def _check_size(size: int, field: str, name: str = "The file") -> None:
    if size == 0:
        raise ValidationError(field, f"{name} is empty.")
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            field, f"{name} is {size / 1048576:,.1f} MB; files up to {MAX_ATTACHMENT_BYTES // 1048576} MB "
                   "can be attached. Save a smaller copy (a lower-resolution photo, a compressed PDF)."
        )


def read_file_to_attach(path: str | os.PathLike, *, field: str = "file") -> FileToAttach:
    """Read a file a person chose: its size is checked first (``stat``, so a 2 GB file is refused
    without reading a byte), then it is read in pieces and hashed as it comes, stopping should it
    grow past the limit while read. Plain Python: safe to run off the GUI thread."""
    path = Path(path)
    name = clean_file_name(path.name)
    try:
        info = path.stat()
    except OSError as exc:
        raise ValidationError(field, f"Could not read {name}: {exc.strerror or exc}.") from None
    if not stat.S_ISREG(info.st_mode):
        raise ValidationError(field, f"{name} is not a file.")
    _check_size(info.st_size, field, name)
    digest, pieces, size = hashlib.sha256(), [], 0
    try:
        with path.open("rb") as f:
            while piece := f.read(CHUNK_BYTES):
                size += len(piece)
                _check_size(size, field, name)  # grew while read
                digest.update(piece)
                pieces.append(piece)
    except OSError as exc:
        raise ValidationError(field, f"Could not read {name}: {exc.strerror or exc}.") from None
    _check_size(size, field, name)
    return FileToAttach(name, b"".join(pieces), digest.hexdigest())


def store_blob(s: Session, data: bytes | FileToAttach, *, field: str = "file") -> AttachmentBlob:
    sha = data.sha256 if isinstance(data, FileToAttach) else None
    if isinstance(data, FileToAttach):
        data = data.data
    if not isinstance(data, bytes | bytearray):
        raise ValidationError(field, "The file could not be read.")
    _check_size(len(data), field)
    sha = sha or hashlib.sha256(data).hexdigest()
    blob = s.get(AttachmentBlob, sha)
    if blob is None:
        blob = AttachmentBlob(sha256=sha, size=len(data), data=bytes(data))
        s.add(blob)
        s.flush()
    return blob


def _attach(s: Session, db: Database, *, brief_id: int | None, job_id: int | None,
            file_name: str, data: bytes | FileToAttach) -> Attachment:
    name = clean_file_name(v.text("file_name", file_name, required=True, max_length=10_000))
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    blob = store_blob(s, data)
    attachment = Attachment(blob=blob, blob_sha256=blob.sha256, file_name=name, media_type=media_type,
                            brief_id=brief_id, job_id=job_id, added_at=db.now())
    s.add(attachment)
    s.flush()
    return attachment


@writes(Change.BRIEFS)
def add_to_brief(db: Database, brief_id: int, file_name: str, data: bytes | FileToAttach) -> AttachmentView:
    with db.session() as s:
        get_or_fail(s, Brief, brief_id, "brief", "brief")
        return view(_attach(s, db, brief_id=brief_id, job_id=None, file_name=file_name, data=data))


@writes(Change.FILES)
def add_to_job(db: Database, job_id: int, file_name: str, data: bytes | FileToAttach) -> AttachmentView:
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
def add_job_files(db: Database, job_id: int,
                  files: Iterable[tuple[str, bytes] | FileToAttach]) -> list[AttachmentView]:
    """Attach ``(file name, bytes)`` pairs or files read by ``read_file_to_attach`` to the job,
    all or none."""
    pairs = [(f.file_name, f) if isinstance(f, FileToAttach) else f for f in files]
    with db.session() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return [view(_attach(s, db, brief_id=None, job_id=job_id, file_name=name, data=data))
                for name, data in pairs]


@writes(Change.FILES)
def add_job_paths(db: Database, job_id: int, paths: Iterable[str | os.PathLike]) -> list[AttachmentView]:
    """Attach files on disk to the job, all or none; each is checked by its size before it is read."""
    return add_job_files(db, job_id, [read_file_to_attach(p) for p in paths])


@writes(Change.BRIEFS)
def add_brief_path(db: Database, brief_id: int, path: str | os.PathLike) -> AttachmentView:
    """Attach a file on disk to the brief; checked by its size before it is read."""
    found = read_file_to_attach(path)
    return add_to_brief(db, brief_id, found.file_name, found)


@writes(Change.FILES)
def remove_job_file(db: Database, job_id: int, attachment_id: int) -> None:
    """Removes one of the job's own files; a file from its brief is removed on the brief."""
    with db.session() as s:
        a = get_or_fail(s, Attachment, attachment_id, "attachment", "attachment")
        own = {f.attachment.id for f in _job_files(s, job_id) if f.is_own}
        if a.id not in own:
            raise ValidationError("attachment", f"{a.file_name} came with the brief; remove it on the Briefs tab.")
        s.delete(a)
        forget_unused_blob(s, a.blob_sha256)


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
        forget_unused_blob(s, a.blob_sha256)


def forget_unused_blob(s: Session, sha256: str | None) -> None:
    """Deletes a file's bytes with the last thing that used them (an attachment, a photo, the logo), so
    the shop's file does not keep what nobody can reach and ``workshop check`` has nothing to report."""
    if sha256 is None:
        return
    s.flush()
    if any(s.scalar(select(exists().where(column == sha256))) for _table, column in blob_references()):
        return
    blob = s.get(AttachmentBlob, sha256)
    if blob is not None:
        s.delete(blob)
