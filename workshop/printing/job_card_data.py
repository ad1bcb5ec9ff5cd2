"""The job card's input: plain frozen data, filled from the database by workshop.documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ..domain.locale_text import DEFAULT_LOCALE
from ..domain.scan_codes import operation_code

Number = int | Decimal | float


# -- input data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobCardMaterial:
    """One line of the multilevel bill of materials, in print order (a depth-first walk)."""

    code: str
    description: str
    quantity: Number
    unit: str = ""
    level: int = 0  # 0 = top level; children of a sub-assembly are one deeper
    is_subassembly: bool = False


@dataclass(frozen=True)
class InspectionCheck:
    """A measured check at an inspection point (printed with an empty "measured" box).

    Values are text, formatted by the caller: ``nominal="25.0"``, ``tolerance="± 0.1"``.
    """

    characteristic: str
    nominal: str = ""
    tolerance: str = ""
    unit: str = ""
    method: str = ""  # "Vernier", "Go/no-go gauge" …


@dataclass(frozen=True)
class JobCardOperation:
    op_number: int  # 10, 20, 30 … printed as "030"
    sequence: int  # print order
    name: str
    workstation: str
    instructions: str = ""
    setup_minutes: Number = 0
    run_minutes_per_unit: Number = 0
    total_planned_minutes: Number = 0
    operator: str = ""  # "" = not assigned: a blank line to write on
    inspection_required: bool = False
    barcode: str = ""  # ASCII payload; "" = scan_codes.operation_code: J20260042030
    checks: Sequence[InspectionCheck] = ()
    outside_supplier: str = ""  # done outside the shop by this supplier ("" = in the shop)
    days_away: int | None = None


@dataclass(frozen=True)
class JobCardImage:
    """The first drawing or photo: image bytes (PNG/JPEG/…) or a PDF (its first page is shown)."""

    data: bytes
    kind: Literal["image", "pdf"]
    file_name: str


@dataclass(frozen=True)
class JobCardData:
    job_number: str  # ASCII: it is printed as Code128 and QR
    title: str
    customer: str
    quantity: Number = 1
    due_date: date | None = None
    priority: str = ""
    status: str = ""
    printed_at: datetime | None = None  # None: now
    specification: str = ""
    materials: Sequence[JobCardMaterial] = ()
    operations: Sequence[JobCardOperation] = ()
    image: JobCardImage | None = None
    notes: str = ""
    quantity_unit: str = ""  # "pcs", "set" …
    final_checks: Sequence[InspectionCheck] = ()  # the job's own checks, after all operations
    locale: str = DEFAULT_LOCALE  # the shop's: how dates are written


def operation_barcode(job_number: str, operation: JobCardOperation) -> str:
    """The payload printed for an operation: its own ``barcode`` or ``J20260042030``, with no
    separator a scanner on a German or French PC could turn into another character."""
    if operation.barcode:
        return operation.barcode
    return operation_code(job_number, operation.op_number)


def operation_barcode_text(job_number: str, operation: JobCardOperation) -> str:
    """The line under an operation's barcode, for a person keying it: ``J-2026-0042 · 030``."""
    if operation.barcode:
        return operation.barcode
    return f"{job_number} \u00b7 {operation.op_number:03d}"
